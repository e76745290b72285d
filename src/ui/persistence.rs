//! Persistence: keeping the open document stored. It owns what this tab
//! knows of the stored copy (its revision, the JSON last written), saves
//! after a pause in typing, flushes when the tab is hidden or left, retries
//! while storage refuses, and follows another tab's newer save of the same
//! document (or stops saving until the user chooses: the conflict). Putting
//! a document on screen ([`Persistence::show`]) starts that knowledge over.

use super::offline;
use super::state::{
    self, debounced, now_iso, Editor, ImportReport, SaveState, DERIVE_DELAY, SAVE_DELAY,
};
use super::storage::{self, StorageError};
use leptos::prelude::*;
use postmortem_core::format::json;
use postmortem_core::model::{Document, DocumentStoreFields};

/// The stored side of the open document. `Copy`, so closures can hold it.
#[derive(Clone, Copy)]
pub struct Persistence {
    ed: Editor,
    /// The revision of the stored copy the document in memory is based on.
    revision: StoredValue<u64>,
    /// The JSON last written, so a flush can tell whether anything is unsaved
    /// even before the change effect has run.
    last_saved: StoredValue<String>,
    /// After opening a document, its first change notification is not an edit.
    just_opened: StoredValue<bool>,
    /// A retry is scheduled: while storage refuses (full, blocked), saving is
    /// retried every few seconds, so it resumes by itself when space frees.
    retry_pending: StoredValue<bool>,
    /// Whether the browser agreed to keep this site's storage (None: not asked yet).
    pub persisted: RwSignal<Option<bool>>,
}

impl Persistence {
    /// The open document, stored at `revision` (0: never stored).
    pub fn new(ed: Editor, revision: u64) -> Persistence {
        Persistence {
            ed,
            revision: StoredValue::new(revision),
            last_saved: StoredValue::new(json::to_json(&ed.doc.get_untracked())),
            just_opened: StoredValue::new(true),
            retry_pending: StoredValue::new(false),
            persisted: RwSignal::new(None),
        }
    }

    /// Whether the document in memory differs from what this tab last wrote.
    pub fn unsaved(self) -> bool {
        self.ed.read_only.get_untracked().is_none()
            && json::to_json(&self.ed.doc.get_untracked()) != self.last_saved.get_value()
    }

    /// Writes the document now, unless it is read-only or in conflict with
    /// another tab's save.
    pub fn save_now(self) {
        let ed = self.ed;
        if ed.read_only.get_untracked().is_some() {
            return;
        }
        if ed.conflict.get_untracked() {
            // Nothing is written over the other tab's version until the user
            // chooses; the edits stay in memory and the status says so.
            if !matches!(ed.save.get_untracked(), SaveState::Failed(_)) {
                ed.save.set(SaveState::Failed(
                    StorageError::Conflict { theirs: 0 }.to_string(),
                ));
            }
            return;
        }
        let doc = ed.doc.get_untracked();
        let id = ed.doc_id.get_untracked();
        match state::timed("save", || {
            storage::save_doc(&id, &doc, self.revision.get_value(), &now_iso())
        }) {
            Ok((r, written)) => {
                self.last_saved.set_value(written);
                self.revision.set_value(r);
                ed.save.set(SaveState::Saved);
                // Stored once: ask the browser to keep it (see Help).
                offline::ask_to_persist(self.persisted);
                if let Ok(index) = storage::load_index() {
                    ed.library.set(index);
                }
            }
            Err(StorageError::Conflict { theirs }) => {
                ed.conflict.set(true);
                ed.save.set(SaveState::Failed(
                    StorageError::Conflict { theirs }.to_string(),
                ));
            }
            Err(e) => {
                ed.save.set(SaveState::Failed(e.to_string()));
                self.retry_later();
            }
        }
    }

    /// Schedules another save attempt in 3 s (at most one pending).
    fn retry_later(self) {
        if self.retry_pending.get_value() {
            return;
        }
        self.retry_pending.set_value(true);
        set_timeout(
            move || {
                self.retry_pending.set_value(false);
                self.save_now();
            },
            std::time::Duration::from_secs(3),
        );
    }

    /// Saves now if anything is unsaved (leaving, hiding, before another
    /// document or an export).
    pub fn flush(self) {
        if self.unsaved() {
            self.save_now();
        }
    }

    /// Every edit: mark unsaved, save after a pause, recompute problems and
    /// preview after a pause.
    pub fn watch_edits(self) {
        let ed = self.ed;
        // After the pause, only a change is written (a flush may have written
        // it already): another tab hears of real saves only.
        let schedule_save = debounced(SAVE_DELAY, move || {
            if self.unsaved() || ed.conflict.get_untracked() {
                self.save_now();
            } else if ed.save.get_untracked() == SaveState::Pending {
                ed.save.set(SaveState::Saved);
            }
        });
        // Problems first, the preview in a task of its own, so neither holds the
        // main thread long on a big document.
        let derive = move || {
            ed.refresh_problems();
            set_timeout(move || ed.refresh_preview(), std::time::Duration::ZERO);
        };
        let schedule_derive = debounced(DERIVE_DELAY, derive);
        Effect::new(move |_| {
            ed.doc.track();
            ed.edits.track();
            if self.just_opened.get_value() {
                self.just_opened.set_value(false);
                return;
            }
            ed.history_heard_edit();
            if ed.read_only.get_untracked().is_none() {
                if !matches!(ed.save.get_untracked(), SaveState::Failed(_)) {
                    ed.save.set(SaveState::Pending);
                }
                schedule_save();
            }
            schedule_derive();
        });
    }

    /// Leaving or hiding the tab inside the save delay: save now. Closing or
    /// reloading it while something is not stored (another tab's newer
    /// version, storage full): the browser asks first.
    pub fn flush_on_leave(self) {
        use wasm_bindgen::{closure::Closure, JsCast};
        let _ = window_event_listener(leptos::ev::pagehide, move |_| self.flush());
        let on_hide = Closure::<dyn Fn()>::new(move || {
            if document().visibility_state() == web_sys::VisibilityState::Hidden {
                self.flush();
            }
        });
        let _ = document()
            .add_event_listener_with_callback("visibilitychange", on_hide.as_ref().unchecked_ref());
        on_hide.forget(); // lives as long as the page
        let on_leave = Closure::<dyn Fn(web_sys::Event)>::new(move |ev: web_sys::Event| {
            self.flush();
            if self.ed.conflict.get_untracked() || self.unsaved() {
                ev.prevent_default();
                let _ = js_sys::Reflect::set(&ev, &"returnValue".into(), &"unsaved".into());
            }
        });
        let _ = window()
            .add_event_listener_with_callback("beforeunload", on_leave.as_ref().unchecked_ref());
        on_leave.forget(); // lives as long as the page
    }

    /// Puts a document on screen, stored at revision `rev` under `id`, with
    /// an import's review (else the one kept with it); problems and preview
    /// at once.
    pub fn show(self, doc: Document, id: String, rev: u64, report: Option<ImportReport>) {
        let ed = self.ed;
        self.just_opened.set_value(true);
        self.last_saved.set_value(json::to_json(&doc));
        self.revision.set_value(rev);
        ed.doc_id.set(id.clone());
        ed.read_only.set(None);
        ed.conflict.set(false);
        ed.import.set(report.or_else(|| storage::load_review(&id)));
        ed.doc.set(doc);
        ed.history_reset();
        ed.done_typing();
        ed.refresh_now();
        storage::set_last_open(&id);
    }

    /// Another tab changed storage: keep the list in step. A newer save of
    /// this document is followed when nothing here is unsaved; otherwise
    /// the edits stay here and the user chooses (see the conflict banner).
    pub fn follow_other_tabs(self) {
        let ed = self.ed;
        let _ = window_event_listener(leptos::ev::storage, move |ev: web_sys::StorageEvent| {
            let key = ev.key().unwrap_or_default();
            if storage::is_index_key(&key) || key.is_empty() {
                if let Ok(index) = storage::load_index() {
                    ed.library.set(index);
                }
            }
            let id = ed.doc_id.get_untracked();
            if key != storage::doc_key(&id) || ed.read_only.get_untracked().is_some() {
                return;
            }
            let newer =
                storage::stored_revision(&id).is_some_and(|r| r > self.revision.get_value());
            if !newer {
                return;
            }
            if !ed.conflict.get_untracked() && !self.unsaved() {
                if let Ok(Some(stored)) = storage::load_doc(&id) {
                    self.show(
                        stored.document,
                        id,
                        stored.revision,
                        ed.import.get_untracked(),
                    );
                    ed.save.set(SaveState::Saved);
                    ed.say(
                        "Another tab saved a newer version of this postmortem: it is shown here now.",
                    );
                    return;
                }
            }
            ed.conflict.set(true);
            ed.save.set(SaveState::Failed(
                StorageError::Conflict { theirs: 0 }.to_string(),
            ));
        });
    }

    /// A new blank document opened with a placeholder zone takes the
    /// browser's, once it is known. Not an edit of the user's: nothing to
    /// save unless they typed, and not a step to undo.
    pub fn take_browser_zone(self) {
        let ed = self.ed;
        let zone = state::browser_zone();
        let untouched = json::to_json(&ed.doc.get_untracked()) == self.last_saved.get_value();
        if ed.doc.time_zone().get_untracked() == "UTC" && zone != "UTC" {
            self.just_opened.set_value(untouched);
            ed.doc.time_zone().set(zone);
            if untouched {
                self.last_saved
                    .set_value(json::to_json(&ed.doc.get_untracked()));
                // The browser's zone is where the document starts, not a step to undo.
                ed.history_reset();
            }
        }
    }
}
