//! Transfer: the document in and out of the page as a file. Import (the
//! button, or a file dropped anywhere), export and copy in either format,
//! and the confirmation asked before exporting a document with errors. Which
//! format a file is, and what its text is, are the core's (`file`); `files`
//! does the browser's side (reading, downloading, the clipboard).

use super::dialog::Modal;
use super::documents::Documents;
use super::files;
use super::import_review;
use super::panels;
use super::persistence::Persistence;
use super::state::{self, now_iso, Editor, ImportReport};
use super::storage;
use leptos::prelude::*;
use postmortem_core::file::{self, Format};
use postmortem_core::format::markdown::ExportOptions;
use postmortem_core::library;
use postmortem_core::model::Document;
use postmortem_core::validate::{self, Level};
use std::collections::HashSet;

/// Import, export and copy. `Copy`, so closures can hold it.
#[derive(Clone, Copy)]
pub struct Transfer {
    ed: Editor,
    store: Persistence,
    docs: Documents,
    /// Why the last import failed, shown until dismissed.
    pub import_error: RwSignal<Option<String>>,
    /// Documents whose problems the user already chose to export with.
    confirmed: StoredValue<HashSet<String>>,
    /// The export waiting for that choice, by its format's extension. Text,
    /// like the other optional texts in signals: one signal type less in the wasm.
    confirm_export: RwSignal<Option<String>>,
    /// The hidden file input the Import button opens.
    pub file_input: NodeRef<leptos::html::Input>,
    /// A file of ours that describes a postmortem already in the list: its
    /// id and title, while the user chooses to update it or add the file.
    update_offer: RwSignal<Option<(String, String)>>,
    /// The document and report of that file, waiting for the choice.
    pending: StoredValue<Option<(Document, ImportReport)>>,
}

/// A file's text opened as a document, with what the reader noticed and
/// assumed, or a sentence naming the file and what is wrong.
fn open_file(name: &str, text: &str) -> Result<(Document, ImportReport), String> {
    file::open(name, text)
        .map(|opened| {
            let report = ImportReport {
                name: name.to_string(),
                notices: opened.notices,
                review: opened.review,
            };
            (opened.doc, report)
        })
        .map_err(|e| format!("\u{201c}{name}\u{201d}: {e}"))
}

/// What a Markdown file carries besides the document (the user's choice).
fn export_options() -> ExportOptions {
    ExportOptions {
        chart: storage::chart_in_exports(),
    }
}

impl Transfer {
    pub fn new(ed: Editor, store: Persistence, docs: Documents) -> Transfer {
        Transfer {
            ed,
            store,
            docs,
            import_error: RwSignal::new(None),
            confirmed: StoredValue::new(HashSet::new()),
            confirm_export: RwSignal::new(None),
            file_input: NodeRef::new(),
            update_offer: RwSignal::new(None),
            pending: StoredValue::new(None),
        }
    }

    /// Opens a file as a new postmortem, its review first in view; or says
    /// why nothing was imported.
    pub fn import_file(self, file: web_sys::File) {
        let ed = self.ed;
        leptos::task::spawn_local(async move {
            let name = file.name();
            let result = match files::read_text(file).await {
                Ok(text) => state::timed("import", || open_file(&name, &text)),
                Err(e) => Err(e),
            };
            match result {
                Ok((doc, report)) => {
                    self.import_error.set(None);
                    // A file exported from this editor, of a postmortem in
                    // the list: ask before adding it twice.
                    let known = report.review.own_format.then(|| {
                        ed.library.with_untracked(|i| {
                            library::same_incident(&i.entries, &doc)
                                .map(|e| (e.id.clone(), e.title.clone()))
                        })
                    });
                    if let Some(Some(offer)) = known {
                        self.pending.set_value(Some((doc, report)));
                        self.update_offer.set(Some(offer));
                        return;
                    }
                    self.add(doc, report);
                }
                Err(e) => self.import_error.set(Some(e)),
            }
        });
    }

    /// Adds an imported document as a new postmortem, its review first in view.
    fn add(self, doc: Document, report: ImportReport) {
        let ed = self.ed;
        let name = report.name.clone();
        self.docs.adopt(doc, Some(report.clone()));
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

    /// The file waiting for the choice updates the postmortem `id`: it is
    /// opened, and the file's document replaces it as one step (Undo takes
    /// the update back).
    fn update(self, id: String, title: String) {
        let ed = self.ed;
        let Some((doc, report)) = self.pending.try_update_value(Option::take).flatten() else {
            return;
        };
        self.docs.actions.open.run(id.clone());
        // Only over the postmortem asked for: when it could not be opened
        // (its stored text is gone), the file is added instead, and the
        // document open before stays as it was.
        if ed.doc_id.get_untracked() != id {
            self.add(doc, report);
            return;
        }
        ed.step(|| ed.doc.set(doc));
        ed.say(format!(
            "Updated \u{201c}{title}\u{201d} from \u{201c}{}\u{201d}. Undo takes the update back.",
            report.name
        ));
    }

    /// A file dropped anywhere on the page is imported (the browser does not
    /// open it in place of the editor).
    pub fn listen_for_drops(self) {
        let _ = window_event_listener(leptos::ev::dragover, |ev| ev.prevent_default());
        let _ = window_event_listener(leptos::ev::drop, move |ev: web_sys::DragEvent| {
            ev.prevent_default();
            if let Some(file) = ev
                .data_transfer()
                .and_then(|d| d.files())
                .and_then(|f| f.get(0))
            {
                self.import_file(file);
            }
        });
    }

    /// Downloads the document as a file; with errors, only once the user
    /// has chosen to (see [`ExportConfirm`]).
    pub fn export(self, format: Format) {
        let ed = self.ed;
        ed.done_typing();
        ed.history_seal();
        // Saved first, so the list's "exported" mark is later than the last edit.
        self.store.flush();
        let doc = ed.doc.get_untracked();
        let problems = validate::validate(&doc);
        let errors = problems.iter().any(|p| p.level == Level::Error);
        let id = ed.doc_id.get_untracked();
        if errors && !self.confirmed.with_value(|c| c.contains(&id)) {
            ed.show_problems(problems);
            self.confirm_export
                .set(Some(format.extension().to_string()));
            return;
        }
        let text = state::timed(&format!("export-{}", format.extension()), || {
            file::save(&doc, format, export_options())
        });
        match files::download(&file::file_name(&doc, format), &text, format.media_type()) {
            // The list shows when each postmortem was last written to a file.
            Ok(()) => {
                if let Ok(index) = storage::mark_exported(&id, &now_iso()) {
                    ed.library.set(index);
                }
            }
            Err(e) => ed.say(e),
        }
    }

    /// Copies the document in a format to the clipboard, and says so.
    pub fn copy(self, format: Format) {
        let ed = self.ed;
        let text = file::save(&ed.doc.get_untracked(), format, export_options());
        leptos::task::spawn_local(async move {
            match files::copy(text).await {
                Ok(()) => ed.say(format!("{} copied to the clipboard.", format.label())),
                Err(e) => ed.say(e),
            }
        });
    }
}

/// "Export with errors?": the errors, then export anyway (not asked again
/// for this document) or cancel.
#[component]
pub fn ExportConfirm(transfer: Transfer) -> impl IntoView {
    let ed = transfer.ed;
    let asked = transfer.confirm_export;
    view! {
        <Modal open=Signal::derive(move || asked.get().is_some()) on_close=Callback::new(move |_| asked.set(None)) labelled_by="export-title">
            {move || {
                let format = asked.get().as_deref().and_then(Format::from_extension).unwrap_or(Format::Json);
                let errors: Vec<String> = ed.problems.get().into_iter().filter(|p| p.level == Level::Error).map(|p| p.message).collect();
                view! {
                    <h2 id="export-title">"Export with errors?"</h2>
                    <p>{format!("This postmortem has {} error{}:", errors.len(), if errors.len() == 1 { "" } else { "s" })}</p>
                    <ul>{errors.into_iter().map(|e| view! { <li>{e}</li> }.into_any()).collect::<Vec<_>>()}</ul>
                    <p>"The file will be written as it is, every text and time as typed; you can fix these later."</p>
                    <div class="banner-buttons">
                        <button type="button" class="primary" autofocus=true on:click=move |_| {
                            transfer.confirmed.update_value(|c| {
                                c.insert(ed.doc_id.get_untracked());
                            });
                            asked.set(None);
                            transfer.export(format);
                        }>"Export anyway"</button>
                        <button type="button" on:click=move |_| asked.set(None)>"Cancel"</button>
                    </div>
                }
            }}
        </Modal>
    }
}

/// Asked when an imported file of ours describes a postmortem already in the
/// list (the same title and incident date): update that one, or add the file
/// as a new postmortem. Escape imports nothing.
#[component]
pub fn UpdateConfirm(transfer: Transfer) -> impl IntoView {
    let offer = transfer.update_offer;
    let cancel = move || {
        offer.set(None);
        transfer.pending.set_value(None);
        transfer.ed.say("Nothing was imported.");
    };
    view! {
        <Modal open=Signal::derive(move || offer.get().is_some()) on_close=Callback::new(move |_| cancel()) labelled_by="update-title">
            {move || offer.get().map(|(id, title)| {
                let shown = if title.trim().is_empty() { "Untitled".to_string() } else { title.clone() };
                let name = transfer.pending.with_value(|p| p.as_ref().map(|(_, r)| r.name.clone())).unwrap_or_default();
                let (id2, title2) = (id.clone(), title.clone());
                view! {
                    <h2 id="update-title">{format!("Update \u{201c}{shown}\u{201d}?")}</h2>
                    <p>{format!("\u{201c}{name}\u{201d} describes \u{201c}{shown}\u{201d}, which is already in your list (the same title and incident date). Update it with this file, or add the file as a new postmortem.")}</p>
                    <div class="banner-buttons">
                        <button type="button" class="primary" autofocus=true on:click=move |_| {
                            offer.set(None);
                            transfer.update(id2.clone(), title2.clone());
                        }>{format!("Update \u{201c}{shown}\u{201d}")}</button>
                        <button type="button" on:click=move |_| {
                            offer.set(None);
                            if let Some((doc, report)) = transfer.pending.try_update_value(Option::take).flatten() {
                                transfer.add(doc, report);
                            }
                        }>"Add as a new postmortem"</button>
                    </div>
                }
            })}
        </Modal>
    }
}
