//! The Leptos editor: binds the document core to the page. Compiled only with
//! the `ui` feature. It decides nothing about validity or formats; it shows
//! what the core computes and sends the user's edits back.
//!
//! `state` holds the shared context, `storage` is the only code that touches
//! localStorage, `files` the only code that touches files and the clipboard,
//! `sections` draws the form (one file per section), `panels` the Problems and
//! Preview, `library` the list of postmortems. This file wires their life
//! cycle: start-up, autosave, other tabs, import, export.

pub mod chart;
pub mod chrome;
pub mod dialog;
pub mod files;
pub mod help;
pub mod history;
pub mod import_review;
pub mod library;
pub mod offline;
pub mod panels;
pub mod reread;
pub mod row_window;
pub mod rows;
pub mod sections;
pub mod startup;
pub mod state;
pub mod stopped;
pub mod storage;
pub mod time_field;
pub mod widgets;

use postmortem_core::model::{Document, DocumentStoreFields};
use postmortem_core::sample::Template;

use leptos::prelude::*;
use library::{Library, LibraryActions, NewMenu};
use panels::{Preview, Problems, ShowTimesIn};
use postmortem_core::validate::Level;
use postmortem_core::{format::json, format::markdown, naming, time::zones, validate};
use sections::{
    actions::Actions, impact::Impact, lessons::Lessons, links::Links, metadata::Metadata,
    narrative::*, root_cause::RootCause, timeline::Timeline, updates::Updates,
};
use state::{
    debounced, new_id, now_iso, Editor, ImportReport, SaveState, Toast, DERIVE_DELAY, SAVE_DELAY,
};
use std::collections::HashSet;
use storage::StorageError;
use widgets::{item, items, Keyed, When};

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

/// Whether an event's target is a text field, a select or editable content.
fn in_text(target: Option<web_sys::EventTarget>) -> bool {
    target
        .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
        .is_some_and(|el| {
            matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                || el.closest("[contenteditable]").ok().flatten().is_some()
        })
}

/// Whether an event's target is a field of the document (see `state::field_id`).
fn in_document_field(target: Option<web_sys::EventTarget>) -> bool {
    in_text(target.clone())
        && target
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
            .is_some_and(|el| el.id().starts_with("f-"))
}

/// Schedules another save attempt in 3 s (at most one pending). The saver is
/// held in a `StoredValue`: a timer callback runs outside the reactive owner,
/// where context lookups find nothing.
fn retry_later(pending: StoredValue<bool>, saver: StoredValue<Option<Callback<()>>>) {
    if pending.get_value() {
        return;
    }
    pending.set_value(true);
    set_timeout(
        move || {
            pending.set_value(false);
            if let Some(save) = saver.get_value() {
                save.run(());
            }
        },
        std::time::Duration::from_secs(3),
    );
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

/// The editor.
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
    let revision = StoredValue::new(start.revision);
    let damaged = RwSignal::new(start.messages);
    let import_error = RwSignal::new(None::<String>);
    // After opening a document, its first change notification is not an edit.
    let just_opened = StoredValue::new(true);
    // Documents whose problems the user already chose to export with.
    let confirmed = StoredValue::new(HashSet::<String>::new());
    // The export waiting for that choice ("md" or "json"). Text, like the
    // other optional texts in signals: one signal type less in the wasm.
    let confirm_export = RwSignal::new(None::<String>);

    // While storage refuses (full, blocked), saving is retried every few seconds,
    // so it resumes by itself when space frees.
    let retry_pending = StoredValue::new(false);
    let saver = StoredValue::new(None::<Callback<()>>);
    // The JSON last written, so a flush can tell whether anything is unsaved
    // even before the change effect has run.
    let last_saved = StoredValue::new(json::to_json(&ed.doc.get_untracked()));
    // Whether the browser agreed to keep this site's storage (None: not asked yet).
    let persisted = RwSignal::new(None::<bool>);
    // A new version of the editor is installed and waits for the user.
    let update_ready = RwSignal::new(false);
    // Whether the document in memory differs from what this tab last wrote.
    let unsaved = move || {
        ed.read_only.get_untracked().is_none()
            && json::to_json(&ed.doc.get_untracked()) != last_saved.get_value()
    };
    let save_now = move || {
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
            storage::save_doc(&id, &doc, revision.get_value(), &now_iso())
        }) {
            Ok((r, written)) => {
                last_saved.set_value(written);
                revision.set_value(r);
                ed.save.set(SaveState::Saved);
                // Stored once: ask the browser to keep it (see Help).
                offline::ask_to_persist(persisted);
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
                retry_later(retry_pending, saver);
            }
        }
    };
    saver.set_value(Some(Callback::new(move |_| save_now())));
    // After the pause, only a change is written (a flush may have written
    // it already): another tab hears of real saves only.
    let schedule_save = debounced(SAVE_DELAY, move || {
        if unsaved() || ed.conflict.get_untracked() {
            save_now();
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

    // Every edit: mark unsaved, save after a pause, recompute problems and preview after a pause.
    Effect::new(move |_| {
        ed.doc.track();
        ed.edits.track();
        if just_opened.get_value() {
            just_opened.set_value(false);
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

    // Leaving or hiding the tab inside the save delay: save now.
    let flush = move || {
        if unsaved() {
            save_now();
        }
    };
    let _ = window_event_listener(leptos::ev::pagehide, move |_| flush());
    {
        use wasm_bindgen::{closure::Closure, JsCast};
        let on_hide = Closure::<dyn Fn()>::new(move || {
            if document().visibility_state() == web_sys::VisibilityState::Hidden {
                flush();
            }
        });
        let _ = document()
            .add_event_listener_with_callback("visibilitychange", on_hide.as_ref().unchecked_ref());
        on_hide.forget(); // lives as long as the page
    }
    // Closing or reloading the tab while something is not stored (another
    // tab's newer version, storage full): the browser asks first.
    {
        use wasm_bindgen::{closure::Closure, JsCast};
        let on_leave = Closure::<dyn Fn(web_sys::Event)>::new(move |ev: web_sys::Event| {
            flush();
            if ed.conflict.get_untracked() || unsaved() {
                ev.prevent_default();
                let _ = js_sys::Reflect::set(&ev, &"returnValue".into(), &"unsaved".into());
            }
        });
        let _ = window()
            .add_event_listener_with_callback("beforeunload", on_leave.as_ref().unchecked_ref());
        on_leave.forget(); // lives as long as the page
    }

    // Opening a document replaces the store's value; problems and preview at once.
    let show = move |doc: Document, id: String, rev: u64, report: Option<ImportReport>| {
        just_opened.set_value(true);
        last_saved.set_value(json::to_json(&doc));
        revision.set_value(rev);
        ed.doc_id.set(id.clone());
        ed.read_only.set(None);
        ed.conflict.set(false);
        // An import's review, else the one kept with this document.
        ed.import.set(report.or_else(|| storage::load_review(&id)));
        ed.doc.set(doc);
        ed.history_reset();
        ed.done_typing();
        ed.refresh_now();
        storage::set_last_open(&id);
    };
    // Another tab changed storage: keep the list in step. A newer save of
    // this document is followed when nothing here is unsaved; otherwise
    // the edits stay here and the user chooses (see the conflict banner).
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
        let newer = storage::stored_revision(&id).is_some_and(|r| r > revision.get_value());
        if !newer {
            return;
        }
        if !ed.conflict.get_untracked() && !unsaved() {
            if let Ok(Some(stored)) = storage::load_doc(&id) {
                show(
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
    let open = Callback::new(move |id: String| {
        flush();
        match storage::load_doc(&id) {
            Ok(Some(stored)) => {
                show(stored.document, id, stored.revision, None);
                ed.save.set(SaveState::Saved);
            }
            Ok(None) => ed.say("That postmortem is no longer stored."),
            Err(e) => ed.say(format!("It could not be opened: {e}")),
        }
    });
    // A new document (template, duplicate or import) is saved at once so it is listed.
    let adopt = move |doc: Document, report: Option<ImportReport>| {
        flush();
        show(doc, new_id(), 0, report);
        save_now();
        request_animation_frame(|| panels::focus_path("title"));
    };
    let create = Callback::new(move |t: Template| adopt(t.document(&state::browser_zone()), None));
    let duplicate = Callback::new(move |_| {
        let mut doc = ed.doc.get_untracked();
        doc.title = format!("{} (copy)", doc.title).trim_start().to_string();
        adopt(doc, None);
        ed.say("Duplicated: you are editing the copy.");
    });
    let delete = Callback::new(move |_| {
        let id = ed.doc_id.get_untracked();
        let raw = storage::raw_doc(&id);
        let mut index = storage::load_index().unwrap_or_default();
        let removed = index.remove(&id);
        let _ = storage::delete_doc(&id);
        storage::forget_review(&id);
        let _ = storage::save_index(&index);
        ed.library.set(index.clone());
        let title = ed.doc.read_untracked().title.clone();
        match index.entries.first().map(|e| e.id.clone()) {
            Some(next) => open.run(next),
            None => {
                just_opened.set_value(true);
                show(
                    Template::Blank.document(&state::browser_zone()),
                    new_id(),
                    0,
                    None,
                );
            }
        }
        let undo = Callback::new(move |_| {
            if let (Some(raw), Some((at, entry))) = (raw.clone(), removed.clone()) {
                let _ = storage::put_raw(&entry.id, &raw);
                let mut index = storage::load_index().unwrap_or_default();
                index
                    .entries
                    .insert(at.min(index.entries.len()), entry.clone());
                let _ = storage::save_index(&index);
                ed.library.set(index);
                open.run(entry.id.clone());
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
    });
    // The edits "Load theirs" set aside, which its Undo keeps as a copy.
    // Made here, not in the banner: the banner's owner goes with it.
    let dropped = StoredValue::new(None::<Document>);
    let keep_dropped = Callback::new(move |_| {
        if let Some(mut doc) = dropped.get_value() {
            doc.title = format!("{} (copy)", doc.title).trim_start().to_string();
            adopt(doc, None);
            ed.say("Your version was kept as a new copy.");
        }
    });
    let actions = LibraryActions {
        open,
        create,
        duplicate,
        delete,
    };

    let import_file = move |file: web_sys::File| {
        leptos::task::spawn_local(async move {
            let name = file.name();
            let result = match files::read_text(file).await {
                Ok(text) => state::timed("import", || files::import(&name, &text)),
                Err(e) => Err(e),
            };
            match result {
                Ok((doc, report)) => {
                    import_error.set(None);
                    adopt(doc, Some(report.clone()));
                    let _ = storage::keep_review(&ed.doc_id.get_untracked(), &report);
                    ed.pane.set("form");
                    // After the title's focus: the review is what to read first.
                    request_animation_frame(|| {
                        request_animation_frame(|| panels::focus_path_id(import_review::HEADING_ID))
                    });
                    ed.say(format!(
                        "Imported \u{201c}{name}\u{201d} as a new postmortem."
                    ));
                }
                Err(e) => import_error.set(Some(e)),
            }
        });
    };
    let file_input = NodeRef::<leptos::html::Input>::new();
    let _ = window_event_listener(leptos::ev::dragover, |ev| ev.prevent_default());
    let _ = window_event_listener(leptos::ev::drop, move |ev: web_sys::DragEvent| {
        ev.prevent_default();
        if let Some(file) = ev
            .data_transfer()
            .and_then(|d| d.files())
            .and_then(|f| f.get(0))
        {
            import_file(file);
        }
    });

    let export = move |kind: &'static str| {
        ed.done_typing();
        ed.history_seal();
        // Saved first, so the list's "exported" mark is later than the last edit.
        flush();
        let doc = ed.doc.get_untracked();
        let problems = validate::validate(&doc);
        let errors = problems.iter().any(|p| p.level == Level::Error);
        let id = ed.doc_id.get_untracked();
        if errors && !confirmed.with_value(|c| c.contains(&id)) {
            ed.show_problems(problems);
            confirm_export.set(Some(kind.to_string()));
            return;
        }
        let stem = naming::file_stem(&doc);
        let result = if kind == "md" {
            let options = markdown::ExportOptions {
                chart: storage::chart_in_exports(),
            };
            let text = state::timed("export-md", || markdown::to_markdown_with(&doc, options));
            files::download(&format!("{stem}.md"), &text, "text/markdown;charset=utf-8")
        } else {
            let text = state::timed("export-json", || json::to_json(&doc));
            files::download(
                &format!("{stem}.json"),
                &text,
                "application/json;charset=utf-8",
            )
        };
        match result {
            // The list shows when each postmortem was last written to a file.
            Ok(()) => {
                if let Ok(index) = storage::mark_exported(&id, &now_iso()) {
                    ed.library.set(index);
                }
            }
            Err(e) => ed.say(e),
        }
    };
    // Ctrl+Z / Ctrl+Shift+Z (Cmd on a Mac), and Ctrl+Y: the app's one history,
    // in the document's fields too (their ids start with "f-"), so the
    // browser never undoes a field's typing behind the history's back. Other
    // text fields (search, the zone typed in a dialog) keep the browser's undo.
    let _ = window_event_listener(leptos::ev::keydown, move |ev: web_sys::KeyboardEvent| {
        if !(ev.ctrl_key() || ev.meta_key()) || ev.alt_key() {
            return;
        }
        let key = ev.key().to_lowercase();
        if key != "z" && key != "y" {
            return;
        }
        if !in_document_field(ev.target()) && in_text(ev.target()) {
            return;
        }
        ev.prevent_default();
        if ed.read_only.get_untracked().is_some() {
            return;
        }
        if key == "y" || ev.shift_key() {
            ed.redo();
        } else {
            ed.undo();
        }
    });
    // The browser's own undo reached another way (its Edit menu, a context
    // menu, execCommand) in a field of the document: the same history. A
    // cancelable beforeinput is turned away; Chrome may only send the input
    // after the fact, which is caught first (capture) and kept from the
    // field's handler, so the history's undo runs instead of a new edit, and
    // the form, following the document, writes the field back.
    {
        use wasm_bindgen::{closure::Closure, JsCast};
        let on_history = Closure::<dyn Fn(web_sys::Event)>::new(move |ev: web_sys::Event| {
            let kind = js_sys::Reflect::get(&ev, &"inputType".into())
                .ok()
                .and_then(|k| k.as_string())
                .unwrap_or_default();
            let back = match kind.as_str() {
                "historyUndo" => true,
                "historyRedo" => false,
                _ => return,
            };
            // A beforeinput that cannot be turned away is left to its input.
            if !in_document_field(ev.target()) || (ev.type_() == "beforeinput" && !ev.cancelable())
            {
                return;
            }
            ev.prevent_default();
            ev.stop_immediate_propagation();
            if ed.read_only.get_untracked().is_some() {
                return;
            }
            if back {
                ed.undo();
            } else {
                ed.redo();
            }
            // Whatever the history did, the form shows the document again.
            ed.doc.update(|_| {});
        });
        for name in ["beforeinput", "input"] {
            let _ = window().add_event_listener_with_callback_and_bool(
                name,
                on_history.as_ref().unchecked_ref(),
                true,
            );
        }
        on_history.forget(); // lives as long as the page
    }

    // A message goes after a while (one with Undo stays longer), unless
    // another has replaced it by then.
    let toast_generation = StoredValue::new(0u64);
    Effect::new(move |_| {
        let Some(has_undo) = ed.toast.with(|t| t.as_ref().map(|t| t.undo.is_some())) else {
            return;
        };
        toast_generation.update_value(|g| *g += 1);
        let generation = toast_generation.get_value();
        set_timeout(
            move || {
                if toast_generation.get_value() == generation {
                    ed.toast.set(None);
                }
            },
            std::time::Duration::from_secs(if has_undo { 20 } else { 8 }),
        );
    });

    // Focus a field asked for by an "Add" button, once it is drawn.
    Effect::new(move |_| {
        if let Some(path) = ed.focus_request.get() {
            request_animation_frame(move || panels::focus_path(&path));
        }
    });

    let save_label = move || match ed.save.get() {
        SaveState::Saved => "Saved".to_string(),
        SaveState::Pending => "Saving\u{2026}".to_string(),
        SaveState::Failed(_) => "Not saved".to_string(),
    };
    let save_problem = move || match ed.save.get() {
        SaveState::Failed(why) if !ed.conflict.get() => Some(why),
        _ => None,
    };
    // Start-up draws in stages, each in a task of its own after the first
    // frame: the top of the form (the title) is editable at once, and no
    // task is long. Stage 1: the next sections; 2: the rest of the form;
    // 3: the browser's zone; 4: problems, preview, the side panels and the
    // ~600 zone-name suggestions.
    let stage = RwSignal::new(0u8);
    let pane = ed.pane;
    let menu_open = RwSignal::new(false);
    let zone_pending = start.zone_pending;
    let start_id = ed.doc_id.get_untracked();
    let on_stage = move |n: u8| match n {
        3 if zone_pending && ed.doc_id.get_untracked() == start_id => {
            let zone = state::browser_zone();
            let untouched = json::to_json(&ed.doc.get_untracked()) == last_saved.get_value();
            if ed.doc.time_zone().get_untracked() == "UTC" && zone != "UTC" {
                // Not an edit of the user's: nothing to save unless they typed.
                just_opened.set_value(untouched);
                ed.doc.time_zone().set(zone);
                if untouched {
                    last_saved.set_value(json::to_json(&ed.doc.get_untracked()));
                    // The browser's zone is where the document starts, not a step to undo.
                    ed.history_reset();
                }
            }
        }
        4 => {
            ed.refresh_now();
            offline::register(update_ready);
        }
        _ => {}
    };
    request_animation_frame(move || next_stage(stage, 4, on_stage));

    view! {
        <a class="skip" href="#main">"Skip to the form"</a>
        <header class="topbar">
            <h1>"Postmortem editor"</h1>
            // On a phone the toolbar folds behind this button.
            <button type="button" class="menu-toggle" aria-controls="toolbar" aria-expanded=move || menu_open.get().to_string()
                on:click=move |_| menu_open.update(|o| *o = !*o)>"Menu"</button>
            <div id="toolbar" class="toolbar" class:open=move || menu_open.get() role="toolbar" aria-label="Document"
                on:click=move |ev| {
                    // A choice made in the folded menu closes it.
                    let on_button = ev.target().and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
                        .is_some_and(|e| e.closest("button").ok().flatten().is_some_and(|b| !b.has_attribute("aria-haspopup")));
                    if on_button { menu_open.set(false); }
                }>
                <NewMenu actions=actions />
                <button type="button" aria-keyshortcuts="Control+Z" disabled=move || !ed.can_undo.get() || ed.read_only.get().is_some() on:click=move |_| ed.undo()>"Undo"</button>
                <button type="button" aria-keyshortcuts="Control+Shift+Z" disabled=move || !ed.can_redo.get() || ed.read_only.get().is_some() on:click=move |_| ed.redo()>"Redo"</button>
                <button type="button" on:click=move |_| { if let Some(i) = file_input.get() { i.click(); } }>"Import"</button>
                <label for="import-file" class="visually-hidden">"Import file"</label>
                <input id="import-file" node_ref=file_input type="file" accept=".md,.markdown,.txt,.json,text/markdown,application/json" class="visually-hidden" tabindex="-1"
                    on:change=move |ev| {
                        let input: web_sys::HtmlInputElement = event_target(&ev);
                        if let Some(file) = input.files().and_then(|f| f.get(0)) {
                            import_file(file);
                        }
                        input.set_value("");
                    } />
                <button type="button" on:click=move |_| export("md")>"Export Markdown"</button>
                <button type="button" on:click=move |_| export("json")>"Export JSON"</button>
                <button type="button" class="quiet" on:click=move |_| chrome::copy("md")>"Copy Markdown"</button>
                <button type="button" class="quiet" on:click=move |_| chrome::copy("json")>"Copy JSON"</button>
                <button type="button" class="quiet" on:click=move |_| {
                    // The preview is what prints (see the print stylesheet): bring it up to date first.
                    ed.done_typing();
                    ed.refresh_preview();
                    let _ = window().print();
                }>"Print or save as PDF"</button>
                <help::Help persisted=persisted />
            </div>
            <p class="save-state" class:failed=move || matches!(ed.save.get(), SaveState::Failed(_)) role="status">{save_label}</p>
            // In the header, which stays in view while the user scrolls and types.
            {move || ed.conflict.get().then(|| view! {
                <div class="banner warning conflict" role="alert">
                    <p>"Another tab saved a newer version of this postmortem. Your changes here are kept in this tab but not saved: keep them as a copy, or load the other version."</p>
                    <div class="banner-buttons">
                        <button type="button" on:click=move |_| {
                            // Every character typed here goes into the copy,
                            // the other tab's version stays as it is.
                            let mut doc = ed.doc.get_untracked();
                            doc.title = format!("{} (copy)", doc.title).trim_start().to_string();
                            adopt(doc, ed.import.get_untracked());
                            ed.say("Your version was kept as a new copy; the other tab's version is unchanged.");
                        }>"Keep mine as a copy"</button>
                        <button type="button" on:click=move |_| {
                            let mine = ed.doc.get_untracked();
                            open.run(ed.doc_id.get_untracked());
                            // Dropping this tab's edits can still be taken back, as a copy.
                            dropped.set_value(Some(mine));
                            ed.toast.set(Some(Toast {
                                text: "The other tab's version is shown. Undo keeps yours as a copy.".to_string(),
                                undo: Some(keep_dropped),
                            }));
                        }>"Load theirs"</button>
                    </div>
                </div>
            })}
        </header>
        <div class="banners">
            <When when=Signal::derive(move || update_ready.get())>
                <div class="banner info" role="status">
                    <p>"A new version of the editor is ready. Reload to use it; what you typed is saved first."</p>
                    <button type="button" on:click=move |_| {
                        // Only what is stored survives a reload: if saving fails, say so and stay.
                        flush();
                        let unsaved = ed.read_only.get_untracked().is_none()
                            && json::to_json(&ed.doc.get_untracked()) != last_saved.get_value();
                        if unsaved {
                            ed.say("Your latest changes could not be saved, so the page did not reload. Export them first, then reload.");
                        } else {
                            offline::take_over();
                        }
                    }>"Reload"</button>
                </div>
            </When>
            {move || save_problem().map(|why| view! {
                <div class="banner warning" role="alert">
                    <p>{why}</p>
                    <div class="banner-buttons">
                        <button type="button" on:click=move |_| export("md")>"Export Markdown"</button>
                        <button type="button" on:click=move |_| export("json")>"Export JSON"</button>
                    </div>
                </div>
            })}
            {move || ed.read_only.get().map(|why| view! { <div class="banner info" role="status"><p>{why}</p></div> })}
            {move || import_error.get().map(|e| view! {
                <div class="banner error" role="alert">
                    <p>{format!("Nothing was imported. {e}")}</p>
                    <button type="button" on:click=move |_| import_error.set(None)>"Dismiss"</button>
                </div>
            })}
            <Keyed items=items(move || damaged.get().into_iter().enumerate().map(|(i, (message, key))| {
                item(i, move || {
                    let shown = message.clone();
                    view! {
                        <div class="banner warning" role="alert">
                            <p>{shown}</p>
                            <div class="banner-buttons">
                                {key.map(|key| view! {
                                    <button type="button" on:click=move |_| {
                                        match storage::quarantined(&key) {
                                            Some(raw) => { let _ = files::download("damaged-postmortem.txt", &raw, "text/plain;charset=utf-8"); }
                                            None => ed.say("The damaged copy is no longer in storage."),
                                        }
                                    }>"Download damaged copy"</button>
                                })}
                                <button type="button" on:click=move |_| damaged.update(|d| { d.retain(|m| m.0 != message); })>"Dismiss"</button>
                            </div>
                        </div>
                    }.into_any()
                })
            }).collect()) />
        </div>
        <div class="layout" data-pane=move || pane.get()>
            <Library actions=actions />
            <main id="main" class="form" tabindex="-1">
                <import_review::ImportReview />
                <Metadata />
                <When when=Signal::derive(move || { stage.get() >= 1 })>
                    <Summary />
                    <Impact />
                    <Timeline />
                </When>
                <When when=Signal::derive(move || { stage.get() >= 2 })>
                    <RootCause />
                    <Detection />
                    <Resolution />
                    <Lessons />
                    <Actions />
                    <Updates />
                    <Links />
                    <Notes />
                </When>
            </main>
            <aside class="side" aria-label="Check and preview">
                <When when=Signal::derive(move || { stage.get() >= 4 })>
                    <ShowTimesIn />
                    <Problems />
                    <chart::Chart />
                    <Preview />
                    <datalist id="zone-names">
                        {zones::zone_names().into_iter().map(|z| view! { <option value=z></option> }.into_any()).collect::<Vec<_>>()}
                    </datalist>
                </When>
            </aside>
        </div>
        <dialog::Modal open=Signal::derive(move || confirm_export.get().is_some()) on_close=Callback::new(move |_| confirm_export.set(None)) labelled_by="export-title">
            {move || {
                let kind = if confirm_export.get().as_deref() == Some("md") { "md" } else { "json" };
                let errors: Vec<String> = ed.problems.get().into_iter().filter(|p| p.level == Level::Error).map(|p| p.message).collect();
                view! {
                    <h2 id="export-title">"Export with errors?"</h2>
                    <p>{format!("This postmortem has {} error{}:", errors.len(), if errors.len() == 1 { "" } else { "s" })}</p>
                    <ul>{errors.into_iter().map(|e| view! { <li>{e}</li> }.into_any()).collect::<Vec<_>>()}</ul>
                    <p>"The file will be written as it is, every text and time as typed; you can fix these later."</p>
                    <div class="banner-buttons">
                        <button type="button" class="primary" autofocus=true on:click=move |_| {
                            confirmed.update_value(|c| {
                                c.insert(ed.doc_id.get_untracked());
                            });
                            confirm_export.set(None);
                            export(kind);
                        }>"Export anyway"</button>
                        <button type="button" on:click=move |_| confirm_export.set(None)>"Cancel"</button>
                    </div>
                }
            }}
        </dialog::Modal>
        <chrome::PaneBar />
        <chrome::Toasts />
    }
}
