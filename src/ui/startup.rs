//! Start-up: what storage holds when the page opens, and the stages the page
//! is drawn in. Reads the library and the document to reopen; damaged data
//! is copied aside (never overwritten) and data from a newer editor opens
//! read-only.

use super::state::{new_id, now_iso};
use super::storage::{self, StorageError};
use leptos::prelude::*;
use postmortem_core::model::Document;
use postmortem_core::sample::Template;
use postmortem_core::storage::{Index, StoredError};

/// What start-up found in storage.
pub struct Startup {
    pub doc: Document,
    pub id: String,
    pub revision: u64,
    pub index: Index,
    pub read_only: Option<String>,
    /// What went wrong with stored data, and the quarantine key of the damaged copy.
    pub messages: Vec<(String, Option<String>)>,
    pub unavailable: bool,
    /// A new blank document whose zone is a placeholder until the browser's
    /// own zone is known (asking costs tens of milliseconds: after the first frame).
    pub zone_pending: bool,
}

/// Reads the library and the document to reopen. Damaged data is copied aside
/// (never overwritten); data from a newer editor opens read-only.
pub fn startup() -> Startup {
    let fresh = |messages, index, unavailable| Startup {
        doc: Template::Blank.document("UTC"),
        id: new_id(),
        revision: 0,
        index,
        read_only: None,
        messages,
        unavailable,
        zone_pending: true,
    };
    if !storage::available() {
        return fresh(
            vec![(StorageError::Unavailable.to_string(), None)],
            Index::default(),
            true,
        );
    }
    let mut messages = Vec::new();
    let index = match storage::load_index() {
        Ok(i) => i,
        Err(e) => {
            let key = storage::raw_index()
                .and_then(|raw| storage::quarantine("index", &raw, &now_iso()).ok());
            messages.push((
                format!("The list of postmortems was damaged ({e}); it was set aside and rebuilt."),
                key,
            ));
            Index::default()
        }
    };
    let mut order: Vec<String> = index.last_open.iter().cloned().collect();
    for e in &index.entries {
        if !order.contains(&e.id) {
            order.push(e.id.clone());
        }
    }
    for id in order {
        match storage::load_doc(&id) {
            Ok(Some(stored)) => {
                return Startup {
                    doc: stored.document,
                    id,
                    revision: stored.revision,
                    index,
                    read_only: None,
                    messages,
                    unavailable: false,
                    zone_pending: false,
                };
            }
            Ok(None) => {}
            Err(StorageError::Stored(StoredError::Newer { message, .. })) => {
                // Show it read-only: we cannot read it fully, so we must not rewrite it.
                let raw = storage::raw_doc(&id).unwrap_or_default();
                let doc = postmortem_core::storage::stored_title(&raw)
                    .map(|title| Document {
                        title,
                        notes: raw.clone(),
                        ..Document::default()
                    })
                    .unwrap_or_else(|| Document {
                        notes: raw.clone(),
                        ..Document::default()
                    });
                return Startup {
                    doc,
                    id,
                    revision: u64::MAX,
                    index,
                    read_only: Some(message),
                    messages,
                    unavailable: false,
                    zone_pending: false,
                };
            }
            Err(e) => {
                if let Some(raw) = storage::raw_doc(&id) {
                    match storage::quarantine(&id, &raw, &now_iso()) {
                        Ok(key) => messages.push((format!("A saved postmortem could not be read: {e} Its text was set aside untouched; download it to recover what it holds."), Some(key))),
                        Err(_) => messages.push((format!("A saved postmortem could not be read: {e}"), None)),
                    }
                }
            }
        }
    }
    fresh(messages, index, false)
}

/// Draws the page in stages, each in a task of its own after the first
/// frame, so the top of the form (the title) is editable at once and no
/// task is long: returns the stage reached, which goes from 0 to `last`,
/// running `on_stage(n)` just before it shows stage `n`.
pub fn in_stages(last: u8, on_stage: impl Fn(u8) + 'static) -> RwSignal<u8> {
    let stage = RwSignal::new(0u8);
    request_animation_frame(move || next_stage(stage, last, on_stage));
    stage
}

/// Start-up's next stage, in a task of its own: runs `on_stage(n)`, shows
/// stage `n`, then schedules the one after, up to `last`.
fn next_stage(stage: RwSignal<u8>, last: u8, on_stage: impl Fn(u8) + 'static) {
    set_timeout(
        move || {
            let n = stage.get_untracked() + 1;
            on_stage(n);
            stage.set(n);
            if n < last {
                next_stage(stage, last, on_stage);
            }
        },
        std::time::Duration::ZERO,
    );
}
