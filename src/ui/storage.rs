//! The one place that talks to browser storage (localStorage).
//!
//! Every call is guarded: storage may be missing, blocked, full or throwing,
//! and none of that may panic or lose the document in memory. The format of
//! what is stored is the core's envelope (`core::storage`); this module only
//! moves strings in and out and names what went wrong.

use crate::core::model::Document;
use crate::core::storage::{self, Entry, Index, Stored, StoredError};
use wasm_bindgen::JsCast;

const INDEX_KEY: &str = "postmortem:index";
const DOC_PREFIX: &str = "postmortem:doc:";
const QUARANTINE_PREFIX: &str = "postmortem:quarantine:";

/// Why storage could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StorageError {
    /// No localStorage, or it throws (blocked by settings, private mode).
    Unavailable,
    /// It is full.
    Full,
    /// Another tab saved a newer revision of this document.
    Conflict { theirs: u64 },
    /// What is stored could not be read.
    Stored(StoredError),
}

impl std::fmt::Display for StorageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StorageError::Unavailable => f.write_str("This browser is not letting the page use storage, so nothing is saved: work is kept in this tab only. Export before closing it."),
            StorageError::Full => f.write_str("Not saved \u{2014} export now. The browser's storage for this page is full."),
            StorageError::Conflict { .. } => f.write_str("Another tab saved a newer version of this postmortem."),
            StorageError::Stored(e) => write!(f, "{e}"),
        }
    }
}

fn local() -> Result<web_sys::Storage, StorageError> {
    let window = web_sys::window().ok_or(StorageError::Unavailable)?;
    match window.local_storage() {
        Ok(Some(s)) => Ok(s),
        _ => Err(StorageError::Unavailable),
    }
}

fn get(key: &str) -> Result<Option<String>, StorageError> {
    local()?
        .get_item(key)
        .map_err(|_| StorageError::Unavailable)
}

fn set(key: &str, value: &str) -> Result<(), StorageError> {
    local()?.set_item(key, value).map_err(|e| {
        let name = e
            .dyn_ref::<web_sys::DomException>()
            .map(|d| d.name())
            .unwrap_or_default();
        if name == "QuotaExceededError" || name == "NS_ERROR_DOM_QUOTA_REACHED" {
            StorageError::Full
        } else {
            StorageError::Unavailable
        }
    })
}

fn remove(key: &str) -> Result<(), StorageError> {
    local()?
        .remove_item(key)
        .map_err(|_| StorageError::Unavailable)
}

/// Whether storage works at all (a write and a delete of a probe key).
pub fn available() -> bool {
    set("postmortem:probe", "1")
        .and_then(|_| remove("postmortem:probe"))
        .is_ok()
}

pub fn load_index() -> Result<Index, StorageError> {
    match get(INDEX_KEY)? {
        None => Ok(Index::default()),
        Some(text) => Index::decode(&text).map_err(StorageError::Stored),
    }
}

/// The raw text of the library index (to quarantine it when damaged).
pub fn raw_index() -> Option<String> {
    get(INDEX_KEY).ok().flatten()
}

pub fn save_index(index: &Index) -> Result<(), StorageError> {
    set(INDEX_KEY, &index.encode())
}

pub fn doc_key(id: &str) -> String {
    format!("{DOC_PREFIX}{id}")
}

pub fn is_index_key(key: &str) -> bool {
    key == INDEX_KEY
}

/// The stored document, or None when there is none under that id.
pub fn load_doc(id: &str) -> Result<Option<Stored>, StorageError> {
    match get(&doc_key(id))? {
        None => Ok(None),
        Some(text) => storage::decode(&text)
            .map(Some)
            .map_err(StorageError::Stored),
    }
}

/// The raw stored text of a document (for quarantine and download).
pub fn raw_doc(id: &str) -> Option<String> {
    get(&doc_key(id)).ok().flatten()
}

/// The revision currently stored for a document, read from the envelope's
/// head without parsing the document.
pub fn stored_revision(id: &str) -> Option<u64> {
    let text = get(&doc_key(id)).ok().flatten()?;
    let head = text.get(..text.len().min(96))?;
    let at = head.find("\"revision\":")? + "\"revision\":".len();
    let digits: String = head[at..]
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .collect();
    crate::core::whole_number(&digits)
}

/// Saves a document as revision `base + 1`, refusing if storage holds a newer
/// revision than `base` (another tab saved meanwhile). Returns the new
/// revision and the document's JSON as written.
pub fn save_doc(
    id: &str,
    doc: &Document,
    base: u64,
    now: &str,
) -> Result<(u64, String), StorageError> {
    if let Some(theirs) = stored_revision(id) {
        if theirs > base {
            return Err(StorageError::Conflict { theirs });
        }
    }
    let revision = base + 1;
    let json = crate::core::json::to_json(doc);
    set(&doc_key(id), &storage::encode_json(revision, now, &json))?;
    let mut index = load_index().unwrap_or_default();
    index.touch(Entry {
        id: id.to_string(),
        title: doc.title.clone(),
        status: doc.status,
        updated: now.to_string(),
    });
    index.last_open = Some(id.to_string());
    save_index(&index)?;
    Ok((revision, json))
}

/// Copies damaged stored text aside under a quarantine key; never overwrites.
pub fn quarantine(id: &str, raw: &str, now: &str) -> Result<String, StorageError> {
    let key = format!("{QUARANTINE_PREFIX}{id}:{now}");
    if get(&key)?.is_none() {
        set(&key, raw)?;
    }
    Ok(key)
}

/// The text kept under a quarantine key.
pub fn quarantined(key: &str) -> Option<String> {
    if key.starts_with(QUARANTINE_PREFIX) {
        get(key).ok().flatten()
    } else {
        None
    }
}

pub fn delete_doc(id: &str) -> Result<(), StorageError> {
    remove(&doc_key(id))
}

/// Restores a deleted document's stored text (undo).
pub fn put_raw(id: &str, raw: &str) -> Result<(), StorageError> {
    set(&doc_key(id), raw)
}

pub fn set_last_open(id: &str) {
    if let Ok(mut index) = load_index() {
        index.last_open = Some(id.to_string());
        let _ = save_index(&index);
    }
}
