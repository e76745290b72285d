//! Documents: which postmortem is open. Opening one from the list, a new
//! one from a template, a duplicate, deleting (with Undo), and the two ways
//! out of a conflict with another tab (keep mine as a copy, load theirs,
//! which Undo turns into a copy). A new document is saved at once so the
//! list shows it.

use super::library::LibraryActions;
use super::panels;
use super::persistence::Persistence;
use super::state::{self, new_id, Editor, ImportReport, SaveState, Toast};
use super::storage;
use leptos::prelude::*;
use postmortem_core::model::Document;
use postmortem_core::sample::Template;

/// The document operations, as callbacks the list and the banners run.
/// `Copy`, so closures can hold it.
#[derive(Clone, Copy)]
pub struct Documents {
    ed: Editor,
    store: Persistence,
    /// What the list runs: open, new, duplicate, delete.
    pub actions: LibraryActions,
    /// The edits "Load theirs" set aside, which its Undo keeps as a copy.
    /// Made here, not in the banner: the banner's owner goes with it.
    dropped: StoredValue<Option<Document>>,
    keep_dropped: Callback<()>,
}

/// A document's title for its copy: "Outage (copy)".
fn copy_of(mut doc: Document) -> Document {
    doc.title = format!("{} (copy)", doc.title).trim_start().to_string();
    doc
}

/// Opens a new document (template, duplicate or import) under a new id, saved
/// at once so it is listed, its title focused.
fn adopt(store: Persistence, doc: Document, report: Option<ImportReport>) {
    store.flush();
    store.show(doc, new_id(), 0, report);
    store.save_now();
    request_animation_frame(|| panels::focus_path("title"));
}

impl Documents {
    pub fn new(ed: Editor, store: Persistence) -> Documents {
        let open = Callback::new(move |id: String| {
            store.flush();
            match storage::load_doc(&id) {
                Ok(Some(stored)) => {
                    store.show(stored.document, id, stored.revision, None);
                    ed.save.set(SaveState::Saved);
                }
                Ok(None) => ed.say("That postmortem is no longer stored."),
                Err(e) => ed.say(format!("It could not be opened: {e}")),
            }
        });
        let create = Callback::new(move |t: Template| {
            adopt(store, t.document(&state::browser_zone()), None)
        });
        let duplicate = Callback::new(move |_| {
            adopt(store, copy_of(ed.doc.get_untracked()), None);
            ed.say("Duplicated: you are editing the copy.");
        });
        let delete = Callback::new(move |_| delete(ed, store, open));
        let restore = Callback::new(move |id: String| {
            restore(ed, open, &id, 0);
            ed.say("Restored: it is back in the list.");
        });
        let dropped = StoredValue::new(None::<Document>);
        let keep_dropped = Callback::new(move |_| {
            if let Some(doc) = dropped.get_value() {
                adopt(store, copy_of(doc), None);
                ed.say("Your version was kept as a new copy.");
            }
        });
        Documents {
            ed,
            store,
            actions: LibraryActions {
                open,
                create,
                duplicate,
                delete,
                restore,
            },
            dropped,
            keep_dropped,
        }
    }

    /// Opens `doc` as a new document (an import, with its review).
    pub fn adopt(self, doc: Document, report: Option<ImportReport>) {
        adopt(self.store, doc, report);
    }

    /// The conflict's "Keep mine as a copy": every character typed here
    /// goes into the copy, the other tab's version stays as it is.
    pub fn keep_mine_as_copy(self) {
        let ed = self.ed;
        adopt(
            self.store,
            copy_of(ed.doc.get_untracked()),
            ed.import.get_untracked(),
        );
        ed.say("Your version was kept as a new copy; the other tab's version is unchanged.");
    }

    /// The conflict's "Load theirs": the other tab's version is shown, and
    /// dropping this tab's edits can still be taken back, as a copy.
    pub fn load_theirs(self) {
        let ed = self.ed;
        let mine = ed.doc.get_untracked();
        self.actions.open.run(ed.doc_id.get_untracked());
        self.dropped.set_value(Some(mine));
        ed.toast.set(Some(Toast {
            text: "The other tab's version is shown. Undo keeps yours as a copy.".to_string(),
            undo: Some(self.keep_dropped),
        }));
    }
}

/// Puts a recently deleted postmortem back in the list at `place` and opens it.
fn restore(ed: Editor, open: Callback<String>, id: &str, place: usize) {
    let mut index = storage::load_index().unwrap_or_default();
    if index.restore(id, place).is_some() {
        let _ = storage::save_index(&index);
        ed.library.set(index);
        open.run(id.to_string());
    }
}

/// Deletes the open document from the list and opens the next (or a blank
/// one). Its stored text stays, under "Recently deleted", for thirty days;
/// the message's Undo puts it back in its place at once.
fn delete(ed: Editor, store: Persistence, open: Callback<String>) {
    let id = ed.doc_id.get_untracked();
    store.flush();
    let mut index = storage::load_index().unwrap_or_default();
    let removed = index.delete(&id, &state::now_iso());
    let _ = storage::save_index(&index);
    ed.library.set(index.clone());
    let title = ed.doc.read_untracked().title.clone();
    match index.entries.first().map(|e| e.id.clone()) {
        Some(next) => open.run(next),
        None => store.show(
            Template::Blank.document(&state::browser_zone()),
            new_id(),
            0,
            None,
        ),
    }
    let undo = Callback::new(move |_| {
        if let Some((at, entry)) = removed.clone() {
            restore(ed, open, &entry.id, at);
            ed.toast.set(None);
        }
    });
    ed.toast.set(Some(Toast {
        text: format!(
            "Deleted \u{201c}{}\u{201d}.",
            if title.is_empty() { "Untitled" } else { &title }
        ),
        undo: Some(undo),
    }));
}
