//! The storage envelope: how a document and the library index are written to
//! browser storage, and read back. Pure: the UI's storage module does the I/O.
//!
//! Every stored document is wrapped as `{ "envelope": 1, "revision": n,
//! "saved_at": "…", "document": { … } }`. The revision grows by one per save,
//! so a save from another tab that would overwrite a newer revision can be
//! refused. Reading tells apart data that is damaged (to be quarantined, never
//! overwritten) from data written by a newer editor (to be opened read-only).
//! Older envelope versions are read through explicit migrations.

use crate::core::json::syntax::{self, Member, Node, Value, Writer};
use crate::core::json::{self, ImportError};
use crate::core::model::{Document, Status};

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
}

/// Writes an envelope around a document already written as JSON v1, so a
/// save serialises the document once.
pub fn encode_json(revision: u64, saved_at: &str, document_json: &str) -> String {
    format!(
        "{{\"envelope\":{ENVELOPE_VERSION},\"revision\":{revision},\"saved_at\":{},\"document\":{}}}",
        syntax::string_literal(saved_at),
        document_json.trim_end()
    )
}

/// The members of a top-level object, or why `text` is not one.
fn object(text: &str) -> Result<Vec<Member<'_>>, String> {
    match syntax::parse(text) {
        Ok(Node {
            value: Value::Object(members),
            ..
        }) => Ok(members),
        Ok(_) => Err("not an object".into()),
        Err(e) => {
            let (line, column) = syntax::line_column(text, e.offset);
            Err(format!(
                "not JSON: {} at line {line}, column {column}",
                e.message
            ))
        }
    }
}

/// The value of `key` among `members`, taken out.
fn take<'a>(members: &mut Vec<Member<'a>>, key: &str) -> Option<Node<'a>> {
    let at = members.iter().position(|m| m.key == key)?;
    Some(members.swap_remove(at).node)
}

fn whole_number(node: &Node) -> Option<u64> {
    match node.value {
        Value::Number(n) => crate::core::whole_number(n),
        _ => None,
    }
}

fn string(node: Node) -> Option<String> {
    match node.value {
        Value::String(s) => Some(s),
        _ => None,
    }
}

/// Reads an envelope, migrating older versions. The text is parsed once; the
/// document's part of the tree goes to the file reader as it is.
pub fn decode(text: &str) -> Result<Stored, StoredError> {
    let mut outer = object(text).map_err(StoredError::Damaged)?;
    let envelope = take(&mut outer, "envelope");
    let (revision, saved_at, document) = match envelope.as_ref().and_then(whole_number) {
        Some(ENVELOPE_VERSION) => (
            take(&mut outer, "revision")
                .as_ref()
                .and_then(whole_number)
                .ok_or_else(|| StoredError::Damaged("no revision".into()))?,
            take(&mut outer, "saved_at").and_then(string).unwrap_or_default(),
            take(&mut outer, "document").ok_or_else(|| StoredError::Damaged("no document".into()))?,
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
        None if envelope.is_none() && outer.iter().any(|m| m.key == "format") => {
            let whole = Node {
                start: 0,
                end: text.len(),
                value: Value::Object(std::mem::take(&mut outer)),
            };
            (0, String::new(), whole)
        }
        _ => return Err(StoredError::Damaged("no envelope version".into())),
    };
    let document =
        json::from_node(text, document).map_err(|e: ImportError| match e.path.as_deref() {
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
    let document = take(&mut object(text).ok()?, "document")?;
    match document.value {
        Value::Object(mut members) => string(take(&mut members, "title")?),
        _ => None,
    }
}

/// One line of the library: enough to list a document without opening it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub id: String,
    pub title: String,
    pub status: Status,
    /// When it was last edited, as shown to the user (ISO 8601, UTC).
    pub updated: String,
}

/// The library index: the documents and the one open last.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Index {
    pub entries: Vec<Entry>,
    pub last_open: Option<String>,
}

impl Index {
    /// `{"entries":[{"id":…,"title":…,"status":…,"updated":…}],"last_open":…}`
    /// on one line (early.js reads it too).
    pub fn encode(&self) -> String {
        let mut w = Writer::new(false);
        w.begin('{');
        w.key("entries").begin('[');
        for e in &self.entries {
            w.item().begin('{');
            w.key("id").string(&e.id);
            w.key("title").string(&e.title);
            w.key("status").string(e.status.word());
            w.key("updated").string(&e.updated);
            w.end('}');
        }
        w.end(']');
        w.key("last_open").option(self.last_open.as_deref());
        w.end('}');
        w.out
    }

    /// Reads the index; keys it does not know are left aside (a newer
    /// editor may add some), but every entry needs its four keys.
    pub fn decode(text: &str) -> Result<Index, StoredError> {
        let damaged = |why: &str| StoredError::Damaged(format!("library index: {why}"));
        let mut top = object(text).map_err(|e| damaged(&e))?;
        let mut entries = Vec::new();
        match take(&mut top, "entries").map(|n| n.value) {
            None => {}
            Some(Value::Array(items)) => {
                for item in items {
                    let Value::Object(mut m) = item.value else {
                        return Err(damaged("an entry is not an object"));
                    };
                    let mut field = |key, missing| {
                        take(&mut m, key)
                            .and_then(string)
                            .ok_or_else(|| damaged(missing))
                    };
                    let id = field("id", "an entry has no id")?;
                    let title = field("title", "an entry has no title")?;
                    let status = field("status", "an entry has no status")?;
                    let updated = field("updated", "an entry has no time of update")?;
                    let Some(at) = Status::WORDS.iter().position(|w| *w == status) else {
                        return Err(damaged("an entry's status is not draft, review or final"));
                    };
                    entries.push(Entry {
                        id,
                        title,
                        status: Status::ALL[at],
                        updated,
                    });
                }
            }
            Some(_) => return Err(damaged("entries is not a list")),
        }
        let last_open = match take(&mut top, "last_open") {
            None => None,
            Some(Node {
                value: Value::Null, ..
            }) => None,
            Some(n) => Some(string(n).ok_or_else(|| damaged("last_open is not text"))?),
        };
        Ok(Index { entries, last_open })
    }

    /// Adds or updates an entry, most recently edited first.
    pub fn touch(&mut self, entry: Entry) {
        self.entries.retain(|e| e.id != entry.id);
        self.entries.insert(0, entry);
    }

    pub fn remove(&mut self, id: &str) -> Option<(usize, Entry)> {
        let at = self.entries.iter().position(|e| e.id == id)?;
        Some((at, self.entries.remove(at)))
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
