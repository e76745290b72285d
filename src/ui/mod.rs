//! The Leptos editor: binds the document core to the page. Compiled only for
//! wasm32. It decides nothing about validity or formats; it shows
//! what the core computes and sends the user's edits back.
//!
//! `state` holds the shared context, `storage` is the only code that touches
//! localStorage, `files` the only code that touches files and the clipboard,
//! `sections` draws the form (one file per section), `panels` the Problems and
//! Preview, `library` the list of postmortems. The life cycle is in pieces,
//! one job each: `startup` (what storage holds, the stages of drawing),
//! `persistence` (save, flush, retry, other tabs), `documents` (open, new,
//! duplicate, delete), `transfer` (import, export, copy), `keys` (undo and
//! redo from the keyboard), `view` (the page). [`App`] wires them.

pub mod chart;
pub mod chrome;
pub mod dialog;
pub mod documents;
pub mod files;
pub mod help;
pub mod history;
pub mod import_review;
pub mod keys;
pub mod library;
pub mod offline;
pub mod panels;
pub mod persistence;
pub mod reread;
pub mod row_window;
pub mod rows;
pub mod sections;
pub mod startup;
pub mod state;
pub mod stopped;
pub mod storage;
pub mod time_field;
pub mod transfer;
pub mod view;
pub mod widgets;

use documents::Documents;
use leptos::prelude::*;
use persistence::Persistence;
use state::{Editor, SaveState};
use storage::StorageError;
use transfer::Transfer;

/// Mounts the editor on `<body>` and removes index.html's loading shell in
/// the same task, so the page never shows both or neither.
pub fn mount() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&info.to_string().into());
        stopped::show();
    }));
    // Measured (`pm:mount`): the benchmark reports how long start-up takes.
    state::timed("mount", || {
        leptos::mount::mount_to_body(App);
        if let Some(shell) = document().get_element_by_id("shell") {
            shell.remove();
        }
    })
}

/// The editor: what start-up found, given to the pieces that keep it.
#[component]
pub fn App() -> impl IntoView {
    let start = startup::startup();
    let review = storage::load_review(&start.id);
    let ed = Editor::new(start.doc, start.id);
    ed.library.set(start.index);
    ed.read_only.set(start.read_only);
    if start.unavailable {
        ed.save
            .set(SaveState::Failed(StorageError::Unavailable.to_string()));
    }
    provide_context(ed);
    // The import review kept with the document, until "Done reviewing".
    ed.import.set(review);
    ed.history_reset();

    let store = Persistence::new(ed, start.revision);
    store.watch_edits();
    store.flush_on_leave();
    store.follow_other_tabs();
    let docs = Documents::new(ed, store);
    let transfer = Transfer::new(ed, store, docs);
    transfer.listen_for_drops();
    keys::listen(ed);
    panels::focus_on_request(ed);

    // Stage 1: the next sections; 2: the rest of the form; 3: the browser's
    // zone; 4: problems, preview, the side panels and the ~600 zone-name
    // suggestions.
    let update_ready = RwSignal::new(false);
    let zone_pending = start.zone_pending;
    let start_id = ed.doc_id.get_untracked();
    let stage = startup::in_stages(4, move |n| match n {
        3 if zone_pending && ed.doc_id.get_untracked() == start_id => store.take_browser_zone(),
        4 => {
            ed.refresh_now();
            offline::register(update_ready);
        }
        _ => {}
    });

    view::page(view::Parts {
        ed,
        store,
        docs,
        transfer,
        damaged: RwSignal::new(start.messages),
        update_ready,
        stage,
    })
}
