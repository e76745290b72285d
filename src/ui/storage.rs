//! The one place that talks to browser storage (localStorage), through
//! gloo-storage.
//!
//! Every call is guarded: storage may be missing, blocked, full or throwing,
//! and none of that may panic or lose the document in memory. gloo-storage
//! panics where `window.localStorage` throws (storage blocked by the
//! browser's settings), so each access first asks web-sys for the storage
//! object (`probe`) and never calls gloo when that fails.
//!
//! The format of what is stored is the core's envelope (`postmortem_core::storage`),
//! already JSON text: it goes through gloo's typed `get` and `set` as a
//! serde_json `RawValue`, which gloo writes and hands back unchanged. Text that
//! need not be JSON (a damaged copy set aside, a stored text put back
//! verbatim) uses gloo's `raw()` storage object, the one place gloo has no call for it.

use gloo_storage::errors::StorageError as GlooError;
use gloo_storage::{LocalStorage, Storage};
use postmortem_core::model::Document;
use postmortem_core::storage::{self, Entry, Index, Stored, StoredError};
use serde_json::value::RawValue;
use wasm_bindgen::JsCast;

const INDEX_KEY: &str = "postmortem:index";
const DOC_PREFIX: &str = "postmortem:doc:";
const QUARANTINE_PREFIX: &str = "postmortem:quarantine:";
const PROBE_KEY: &str = "postmortem:probe";
const SETTINGS_KEY: &str = "postmortem:settings";

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

/// Whether `window.localStorage` can be reached without throwing: gloo's
/// calls panic when it cannot, so none is made before this succeeds.
fn probe() -> Result<web_sys::Storage, StorageError> {
    if stopped() {
        return Err(StorageError::Unavailable);
    }
    match web_sys::window().map(|w| w.local_storage()) {
        Some(Ok(Some(s))) => Ok(s),
        _ => Err(StorageError::Unavailable),
    }
}

/// A write the browser refused, by the name of its exception: full, or
/// refused for another reason.
fn refused(name: &str) -> StorageError {
    if name == "QuotaExceededError" || name == "NS_ERROR_DOM_QUOTA_REACHED" {
        StorageError::Full
    } else {
        StorageError::Unavailable
    }
}

/// The text stored under `key`, or None when nothing is.
fn get(key: &str) -> Result<Option<String>, StorageError> {
    let storage = probe()?;
    match LocalStorage::get::<Box<RawValue>>(key) {
        Ok(json) => Ok(Some(json.get().to_owned())),
        Err(GlooError::KeyNotFound(_)) => Ok(None),
        // Not JSON (damaged, or never ours): the text as it is, for the
        // core to say what is wrong with it and for quarantine to copy.
        Err(GlooError::SerdeError(_)) => {
            storage.get_item(key).map_err(|_| StorageError::Unavailable)
        }
        Err(GlooError::JsError(_)) => Err(StorageError::Unavailable),
    }
}

/// Stores JSON text the core wrote, as it is.
fn set_raw(key: &str, json: &RawValue) -> Result<(), StorageError> {
    probe()?;
    LocalStorage::set(key, json).map_err(|e| match e {
        GlooError::JsError(js) => refused(&js.name),
        _ => StorageError::Unavailable,
    })
}

/// Stores `json`, JSON text written by the core, as it is.
fn set_json(key: &str, json: &str) -> Result<(), StorageError> {
    // The core writes JSON, so this cannot fail; if it ever did, the text
    // is kept verbatim rather than not at all.
    match RawValue::from_string(json.to_owned()) {
        Ok(raw) => set_raw(key, &raw),
        Err(_) => set_text(key, json),
    }
}

/// Stores any text verbatim (gloo's `set` only takes values it serializes).
fn set_text(key: &str, text: &str) -> Result<(), StorageError> {
    probe()?.set_item(key, text).map_err(|e| {
        let name = e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.name()));
        refused(name.as_deref().unwrap_or_default())
    })
}

fn remove(key: &str) -> Result<(), StorageError> {
    probe()?;
    LocalStorage::delete(key);
    Ok(())
}

/// Whether storage works at all (a write and a delete of a probe key).
pub fn available() -> bool {
    probe().is_ok() && LocalStorage::set(PROBE_KEY, 1).is_ok() && remove(PROBE_KEY).is_ok()
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

/// Writes the library index. Postmortems deleted thirty days ago or more
/// leave it here, and their stored documents and reviews go with them: so
/// they go when the user next writes, never by merely opening the page.
pub fn save_index(index: &Index) -> Result<(), StorageError> {
    let mut index = index.clone();
    let gone = index.expire(&super::state::now_iso());
    set_json(INDEX_KEY, &index.encode())?;
    for id in gone {
        let _ = delete_doc(&id);
        forget_review(&id);
    }
    Ok(())
}

/// Notes in the library that document `id` was downloaded at `now`.
pub fn mark_exported(id: &str, now: &str) -> Result<Index, StorageError> {
    let mut index = load_index()?;
    index.mark_exported(id, now);
    save_index(&index)?;
    Ok(index)
}

/// The user's choice of a timeline chart in Markdown exports (on unless turned off).
pub fn chart_in_exports() -> bool {
    !matches!(get(SETTINGS_KEY), Ok(Some(text)) if text.contains("\"chart\":false"))
}

pub fn set_chart_in_exports(on: bool) -> Result<(), StorageError> {
    set_json(SETTINGS_KEY, &format!("{{\"chart\":{on}}}"))
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
/// head without parsing the document (see `storage::revision_of`).
pub fn stored_revision(id: &str) -> Option<u64> {
    storage::revision_of(&get(&doc_key(id)).ok().flatten()?)
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
    let json = postmortem_core::format::json::to_json(doc);
    set_raw(&doc_key(id), &storage::encode_json(revision, now, &json))?;
    let mut index = load_index().unwrap_or_default();
    index.touch(Entry::of(id, doc, now));
    index.last_open = Some(id.to_string());
    save_index(&index)?;
    Ok((revision, json))
}

/// Copies damaged stored text aside under a quarantine key; never overwrites.
pub fn quarantine(id: &str, raw: &str, now: &str) -> Result<String, StorageError> {
    let key = format!("{QUARANTINE_PREFIX}{id}:{now}");
    if get(&key)?.is_none() {
        set_text(&key, raw)?;
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

pub fn set_last_open(id: &str) {
    if let Ok(mut index) = load_index() {
        index.last_open = Some(id.to_string());
        let _ = save_index(&index);
    }
}

/// How much of localStorage this page uses, in characters (keys and values:
/// what browsers count against its limit of about five million), or None
/// when it cannot be read.
pub fn used_chars() -> Option<f64> {
    let storage = probe().ok()?;
    let n = storage.length().ok()?;
    let mut total = 0usize;
    for i in 0..n {
        let Some(key) = storage.key(i).ok().flatten() else {
            continue;
        };
        let value = storage.get_item(&key).ok().flatten().unwrap_or_default();
        total += key.encode_utf16().count() + value.encode_utf16().count();
    }
    Some(total as f64)
}

/// Where a document's import review is kept, beside the document (never in
/// its file) until the user is done with it.
fn review_key(id: &str) -> String {
    format!("postmortem:review:{id}")
}

/// Keeps the import review of document `id`.
pub fn keep_review(id: &str, report: &crate::ui::state::ImportReport) -> Result<(), StorageError> {
    match serde_json::to_string(report) {
        Ok(json) => set_json(&review_key(id), &json),
        Err(_) => Err(StorageError::Unavailable),
    }
}

/// The import review kept for document `id`, if any (one that cannot be
/// read is as good as none: the document itself is untouched).
pub fn load_review(id: &str) -> Option<crate::ui::state::ImportReport> {
    let text = get(&review_key(id)).ok().flatten()?;
    serde_json::from_str(&text).ok()
}

/// Drops the import review of document `id`: "Done reviewing", or the
/// document was deleted.
pub fn forget_review(id: &str) {
    let _ = remove(&review_key(id));
}

thread_local! {
    /// Set when the editor stopped (a panic): nothing is written after that.
    static STOPPED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether the editor stopped: a panic here, or a trap the page's script
/// saw (`window.pmStopped`, set by src/web/stopped.js).
fn stopped() -> bool {
    STOPPED.with(|s| s.get())
        || web_sys::window()
            .and_then(|w| js_sys::Reflect::get(&w, &"pmStopped".into()).ok())
            .is_some_and(|v| v.is_truthy())
}

/// After a panic: storage is neither read nor written again by this page,
/// so what the last good save left stays as it is.
pub fn stop_writing() {
    STOPPED.with(|s| s.set(true));
}
