//! The storage envelope: how a document and the library index are written to
//! browser storage, and read back. Pure: the UI's storage module does the I/O.
//!
//! Every stored document is wrapped as `{ "envelope": 1, "revision": n,
//! "saved_at": "…", "document": { … } }`. The revision grows by one per save,
//! so a save from another tab that would overwrite a newer revision can be
//! refused. Reading tells apart data that is damaged (to be quarantined, never
//! overwritten) from data written by a newer editor (to be opened read-only).
//! Older envelope versions are read through explicit migrations.

use crate::format::json::{self, ImportError};
use crate::model::{Document, Severity, Status};
use crate::naming;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

/// The envelope version this build writes.
pub const ENVELOPE_VERSION: u64 = 1;

/// A stored document with its save counter.
#[derive(Debug, Clone, PartialEq)]
pub struct Stored {
    pub revision: u64,
    pub saved_at: String,
    pub document: Document,
}

/// Why stored data could not be opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoredError {
    /// Not JSON, the wrong shape, or truncated: quarantine it.
    Damaged(String),
    /// Written by a newer editor: open read-only, never rewrite.
    Newer { envelope: u64, message: String },
}

impl std::fmt::Display for StoredError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoredError::Damaged(why) => write!(f, "The saved copy is damaged ({why})."),
            StoredError::Newer { message, .. } => f.write_str(message),
        }
    }
}

/// Writes a document into its envelope.
pub fn encode(stored: &Stored) -> String {
    encode_json(
        stored.revision,
        &stored.saved_at,
        &json::to_json(&stored.document),
    )
    .get()
    .to_owned()
}

/// The envelope as written: the document goes in as the JSON v1 text it
/// already is, so a save serialises the document once.
#[derive(Serialize)]
struct EnvelopeOut<'a> {
    envelope: u64,
    revision: u64,
    saved_at: &'a str,
    document: &'a RawValue,
}

/// Writes an envelope around a document already written as JSON v1, so a
/// save serialises the document once. The document's text is checked once,
/// here; the envelope comes back as a `RawValue` (serde_json's own output,
/// not parsed again), which storage can hand to gloo as it is.
pub fn encode_json(revision: u64, saved_at: &str, document_json: &str) -> Box<RawValue> {
    let out = |document: &RawValue| {
        serde_json::value::to_raw_value(&EnvelopeOut {
            envelope: ENVELOPE_VERSION,
            revision,
            saved_at,
            document,
        })
    };
    let written = match serde_json::from_str::<&RawValue>(document_json.trim_end()) {
        Ok(document) => out(document),
        // Not reached with text from `json::to_json`; a caller's own text
        // that is not JSON is stored as a JSON string rather than lost.
        Err(_) => serde_json::value::to_raw_value(document_json).and_then(|d| out(&d)),
    };
    // Serialising strings, numbers and valid JSON text cannot fail.
    written.unwrap_or_else(|_| RawValue::NULL.to_owned())
}

/// An envelope as read: each member kept as its raw text until its version
/// says how to read it (a newer editor may have changed any of them, or
/// added keys, which are left aside).
#[derive(Deserialize)]
struct EnvelopeIn<'a> {
    #[serde(borrow)]
    envelope: Option<&'a RawValue>,
    #[serde(borrow)]
    revision: Option<&'a RawValue>,
    #[serde(borrow)]
    saved_at: Option<&'a RawValue>,
    #[serde(borrow)]
    document: Option<&'a RawValue>,
    #[serde(borrow)]
    format: Option<&'a RawValue>,
}

/// The top-level object of stored text, or why it is not one.
fn envelope(text: &str) -> Result<EnvelopeIn<'_>, String> {
    if !text.trim_start().starts_with('{') {
        return Err("not an object".into());
    }
    serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))
}

/// A raw member read as `T`, if it is one.
fn read<'a, T: Deserialize<'a>>(raw: Option<&'a RawValue>) -> Option<T> {
    serde_json::from_str(raw?.get()).ok()
}

/// Reads an envelope, migrating older versions. The document's own text goes
/// to the file reader as it is.
pub fn decode(text: &str) -> Result<Stored, StoredError> {
    let outer = envelope(text).map_err(StoredError::Damaged)?;
    let (revision, saved_at, document) = match read::<u64>(outer.envelope) {
        Some(ENVELOPE_VERSION) => (
            read::<u64>(outer.revision).ok_or_else(|| StoredError::Damaged("no revision".into()))?,
            read::<String>(outer.saved_at).unwrap_or_default(),
            outer
                .document
                .ok_or_else(|| StoredError::Damaged("no document".into()))?
                .get(),
        ),
        Some(v) if v > ENVELOPE_VERSION => {
            return Err(StoredError::Newer {
                envelope: v,
                message: format!(
                    "This postmortem was saved by a newer version of the editor (storage format {v}). \
                     It is shown read-only so that it is not damaged; open it in the newer editor to change it."
                ),
            })
        }
        // Before envelopes existed, the document itself was stored: it
        // migrates to envelope 1 at revision 0.
        None if outer.envelope.is_none() && outer.format.is_some() => (0, String::new(), text),
        _ => return Err(StoredError::Damaged("no envelope version".into())),
    };
    let document = json::from_json(document).map_err(|e: ImportError| match e.path.as_deref() {
        Some("version") if e.message.contains("newer") => StoredError::Newer {
            envelope: ENVELOPE_VERSION,
            message: format!("This postmortem was saved by a newer editor: {}", e.message),
        },
        _ => StoredError::Damaged(e.to_string()),
    })?;
    Ok(Stored {
        revision,
        saved_at,
        document,
    })
}

/// The title of a stored document this editor cannot read in full (one
/// saved by a newer editor), to name it while it is shown read-only.
pub fn stored_title(text: &str) -> Option<String> {
    #[derive(Deserialize)]
    struct Titled {
        title: Option<String>,
    }
    read::<Titled>(envelope(text).ok()?.document)?.title
}

/// The revision of a stored document, read from the envelope's head (where
/// `encode` writes it) without parsing the document: another tab's save is
/// told apart from ours on every storage event, however big the document.
/// None when the head has no revision in digits.
pub fn revision_of(text: &str) -> Option<u64> {
    const KEY: &str = "\"revision\":";
    // The head: the envelope's keys before the document (on a char boundary).
    let end = (0..=text.len().min(96))
        .rev()
        .find(|i| text.is_char_boundary(*i))
        .unwrap_or(0);
    let head = &text[..end];
    let rest = &head[head.find(KEY)? + KEY.len()..];
    let digits = &rest[..rest
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(rest.len())];
    // Digits only, so `parse` is never handed a sign.
    if digits.is_empty() {
        return None;
    }
    digits.parse().ok()
}

/// Days after its last edit when a document never exported, or changed
/// since its export, is shown as a reminder in the list.
pub const EXPORT_REMINDER_DAYS: i64 = 3;

/// What the list says of a document's last export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportNote {
    /// "Exported 2026-03-12", "Never exported; last edited 2026-03-01", …
    pub text: String,
    /// A reminder: edited after the export (or never exported) at least
    /// [`EXPORT_REMINDER_DAYS`] ago, so the file in the repository is behind.
    pub reminder: bool,
}

/// The UTC day of an ISO 8601 time (`2026-03-12`), or the text as it is
/// when it is not one.
fn day_of(iso: &str) -> String {
    match iso.parse::<jiff::Timestamp>() {
        Ok(t) => t.to_zoned(jiff::tz::TimeZone::UTC).date().to_string(),
        Err(_) => iso.to_string(),
    }
}

/// Whole days from one ISO 8601 time to another.
fn days_between(from: &str, to: &str) -> Option<i64> {
    let a: jiff::Timestamp = from.parse().ok()?;
    let b: jiff::Timestamp = to.parse().ok()?;
    Some(b.duration_since(a).as_hours() / 24)
}

/// One line of the library: enough to list a document without opening it.
/// Keys a newer editor may add to an entry are left aside. The incident date
/// and severity came after the first builds: an entry without them still
/// reads, and is written back as it was.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub id: String,
    pub title: String,
    pub status: Status,
    /// When it was last edited, as shown to the user (ISO 8601, UTC).
    pub updated: String,
    /// The incident's date, `YYYY-MM-DD` (see [`naming::incident_date`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub incident: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<Severity>,
    /// When it was last downloaded as a file (ISO 8601, UTC), if ever.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exported: Option<String>,
}

impl Entry {
    /// The library's line for a document, last edited at `updated`.
    pub fn of(id: &str, doc: &Document, updated: &str) -> Entry {
        Entry {
            id: id.to_string(),
            title: doc.title.clone(),
            status: doc.status,
            updated: updated.to_string(),
            incident: naming::incident_date(doc).map(|d| d.to_string()),
            severity: doc.severity,
            exported: None,
        }
    }

    /// Edited after it was last exported (or never exported): the file in
    /// the repository, if any, is behind.
    pub fn unexported(&self) -> bool {
        self.exported.as_ref().is_none_or(|e| self.updated > *e)
    }

    /// What the list says of its last export at `now` (ISO 8601), and
    /// whether that is a reminder.
    pub fn export_note(&self, now: &str) -> ExportNote {
        let old = days_between(&self.updated, now).is_some_and(|d| d >= EXPORT_REMINDER_DAYS);
        let (text, reminder) = match &self.exported {
            None if old => (
                format!("Never exported; last edited {}", day_of(&self.updated)),
                true,
            ),
            None => ("Not exported yet".to_string(), false),
            Some(at) if self.unexported() && old => {
                (format!("Changed since its export on {}", day_of(at)), true)
            }
            Some(at) if self.unexported() => {
                (format!("Exported {}; changed since", day_of(at)), false)
            }
            Some(at) => (format!("Exported {}", day_of(at)), false),
        };
        ExportNote { text, reminder }
    }
}

/// How long a deleted postmortem is kept, to be restored from "Recently
/// deleted", before it is removed for good.
pub const KEEP_DELETED_DAYS: i64 = 30;

/// A postmortem deleted from the list: its line, and when (ISO 8601, UTC).
/// Its stored document stays until it has been deleted for
/// [`KEEP_DELETED_DAYS`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deleted {
    pub entry: Entry,
    pub at: String,
}

impl Deleted {
    /// Deleted [`KEEP_DELETED_DAYS`] or more before `now` (ISO 8601); one
    /// whose time of deletion does not read never expires.
    pub fn expired(&self, now: &str) -> bool {
        days_between(&self.at, now).is_some_and(|n| n >= KEEP_DELETED_DAYS)
    }
}

/// The library index: the documents, the one open last, and those deleted
/// recently (written only when there are some, so an index without them
/// keeps the bytes earlier builds wrote).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Index {
    pub entries: Vec<Entry>,
    pub last_open: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub deleted: Vec<Deleted>,
}

impl Index {
    /// `{"entries":[{"id":…,"title":…,"status":…,"updated":…,"incident":…,"severity":…}],"last_open":…}`
    /// on one line (an entry's incident and severity only when known).
    pub fn encode(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads the index; keys it does not know are left aside (a newer
    /// editor may add some), but every entry needs its first four keys.
    pub fn decode(text: &str) -> Result<Index, StoredError> {
        let damaged = |why: String| StoredError::Damaged(format!("library index: {why}"));
        if !text.trim_start().starts_with('{') {
            return Err(damaged("not an object".into()));
        }
        serde_json::from_str(text).map_err(|e| damaged(e.to_string()))
    }

    /// Adds or updates an entry, most recently edited first.
    /// Keeps what the entry does not know of itself (when it was exported).
    pub fn touch(&mut self, mut entry: Entry) {
        if let Some(old) = self.entries.iter().find(|e| e.id == entry.id) {
            if entry.exported.is_none() {
                entry.exported = old.exported.clone();
            }
        }
        self.entries.retain(|e| e.id != entry.id);
        self.entries.insert(0, entry);
    }

    /// Notes that document `id` was exported at `at`.
    pub fn mark_exported(&mut self, id: &str, at: &str) {
        if let Some(e) = self.entries.iter_mut().find(|e| e.id == id) {
            e.exported = Some(at.to_string());
        }
    }

    pub fn remove(&mut self, id: &str) -> Option<(usize, Entry)> {
        let at = self.entries.iter().position(|e| e.id == id)?;
        Some((at, self.entries.remove(at)))
    }

    /// Deletes `id` from the list at `now` (ISO 8601): it moves to the
    /// recently deleted, newest first. Returns where it was and its line.
    pub fn delete(&mut self, id: &str, now: &str) -> Option<(usize, Entry)> {
        let (at, entry) = self.remove(id)?;
        self.deleted.insert(
            0,
            Deleted {
                entry: entry.clone(),
                at: now.to_string(),
            },
        );
        Some((at, entry))
    }

    /// Puts a recently deleted postmortem back in the list at `place` (its
    /// old place, or the top).
    pub fn restore(&mut self, id: &str, place: usize) -> Option<Entry> {
        let i = self.deleted.iter().position(|d| d.entry.id == id)?;
        let entry = self.deleted.remove(i).entry;
        self.entries
            .insert(place.min(self.entries.len()), entry.clone());
        Some(entry)
    }

    /// Forgets the postmortems deleted [`KEEP_DELETED_DAYS`] or more before
    /// `now`, and returns their ids, for their stored documents to go too.
    /// One whose time of deletion does not read is kept.
    pub fn expire(&mut self, now: &str) -> Vec<String> {
        let (gone, kept): (Vec<Deleted>, Vec<Deleted>) = std::mem::take(&mut self.deleted)
            .into_iter()
            .partition(|d| d.expired(now));
        self.deleted = kept;
        gone.into_iter().map(|d| d.entry.id).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc() -> Document {
        Document {
            title: "Saved".into(),
            ..Document::default()
        }
    }

    #[test]
    fn round_trip() {
        let s = Stored {
            revision: 7,
            saved_at: "2026-11-22T08:00:00Z".into(),
            document: doc(),
        };
        assert_eq!(decode(&encode(&s)).unwrap(), s);
    }

    #[test]
    fn damaged_and_newer_are_told_apart() {
        let good = encode(&Stored {
            revision: 1,
            saved_at: String::new(),
            document: doc(),
        });
        assert!(matches!(
            decode(&good[..good.len() / 2]),
            Err(StoredError::Damaged(_))
        ));
        assert!(matches!(decode("not json"), Err(StoredError::Damaged(_))));
        assert!(matches!(
            decode("{\"envelope\":1}"),
            Err(StoredError::Damaged(_))
        ));
        assert!(matches!(
            decode(&good.replace("\"envelope\":1", "\"envelope\":2")),
            Err(StoredError::Newer { envelope: 2, .. })
        ));
        assert!(matches!(
            decode(&good.replace("\"version\": 1", "\"version\": 3")),
            Err(StoredError::Newer { .. })
        ));
    }

    #[test]
    fn bare_documents_migrate() {
        let bare = json::to_json(&doc());
        let s = decode(&bare).unwrap();
        assert_eq!((s.revision, s.document), (0, doc()));
    }

    #[test]
    fn a_newer_documents_title_is_read_without_reading_the_rest() {
        let mut d = doc();
        d.title = "Cache \"stampede\" on \u{e9}u-west".into();
        let newer = encode(&Stored {
            revision: 4,
            saved_at: String::new(),
            document: d,
        })
        .replace("\"envelope\":1", "\"envelope\":2")
        .replace(
            "\"format\"",
            "\"shape_from_the_future\": [1.5, {}],\n  \"format\"",
        );
        assert!(matches!(decode(&newer), Err(StoredError::Newer { .. })));
        assert_eq!(
            stored_title(&newer).as_deref(),
            Some("Cache \"stampede\" on \u{e9}u-west")
        );
        assert_eq!(
            stored_title("{\"envelope\":2,\"document\":{\"title\":7}}"),
            None
        );
        assert_eq!(stored_title("not json"), None);
    }
}
