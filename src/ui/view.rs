//! The view: the page's markup around the form, wired to the pieces that
//! act (`persistence`, `documents`, `transfer`). The top bar (toolbar, save
//! status, the conflict banner), the banners under it, and the layout of the
//! list, the form and the side panels, drawn in start-up's stages.

use super::chart;
use super::chrome;
use super::documents::Documents;
use super::files;
use super::help;
use super::import_review;
use super::library::{Library, NewMenu};
use super::offline;
use super::panels::{Preview, Problems, ShowTimesIn};
use super::persistence::Persistence;
use super::sections::{
    actions::Actions, impact::Impact, lessons::Lessons, links::Links, metadata::Metadata,
    narrative::*, root_cause::RootCause, timeline::Timeline, updates::Updates,
};
use super::state::{Editor, SaveState};
use super::storage;
use super::transfer::{ExportConfirm, Transfer, UpdateConfirm};
use super::widgets::{item, items, Keyed, When};
use leptos::prelude::*;
use postmortem_core::file::Format;
use postmortem_core::time::zones;

/// What the view shows besides the editor's state.
#[derive(Clone, Copy)]
pub struct Parts {
    pub ed: Editor,
    pub store: Persistence,
    pub docs: Documents,
    pub transfer: Transfer,
    /// What went wrong with stored data at start-up, and the key of each damaged copy.
    pub damaged: RwSignal<Vec<(String, Option<String>)>>,
    /// A new version of the editor is installed and waits for the user.
    pub update_ready: RwSignal<bool>,
    /// How far start-up has drawn (see `startup::in_stages`).
    pub stage: RwSignal<u8>,
}

/// The whole page.
pub fn page(parts: Parts) -> impl IntoView {
    let transfer = parts.transfer;
    view! {
        <a class="skip" href="#main">"Skip to the form"</a>
        {top_bar(parts)}
        {banners(parts)}
        {layout(parts)}
        <ExportConfirm transfer=transfer />
        <UpdateConfirm transfer=transfer />
        <chrome::PaneBar />
        <chrome::Toasts />
    }
}

/// The header: title, toolbar (folded behind Menu on a phone), save status
/// and the conflict banner.
fn top_bar(parts: Parts) -> impl IntoView {
    let Parts {
        ed,
        store,
        docs,
        transfer,
        ..
    } = parts;
    let menu_open = RwSignal::new(false);
    let save_label = move || match ed.save.get() {
        SaveState::Saved => "Saved".to_string(),
        SaveState::Pending => "Saving\u{2026}".to_string(),
        SaveState::Failed(_) => "Not saved".to_string(),
    };
    view! {
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
                <NewMenu actions=docs.actions />
                <button type="button" aria-keyshortcuts="Control+Z" disabled=move || !ed.can_undo.get() || ed.read_only.get().is_some() on:click=move |_| ed.undo()>"Undo"</button>
                <button type="button" aria-keyshortcuts="Control+Shift+Z" disabled=move || !ed.can_redo.get() || ed.read_only.get().is_some() on:click=move |_| ed.redo()>"Redo"</button>
                <button type="button" on:click=move |_| { if let Some(i) = transfer.file_input.get() { i.click(); } }>"Import"</button>
                <label for="import-file" class="visually-hidden">"Import file"</label>
                <input id="import-file" node_ref=transfer.file_input type="file" accept=".md,.markdown,.txt,.json,text/markdown,application/json" class="visually-hidden" tabindex="-1"
                    on:change=move |ev| {
                        let input: web_sys::HtmlInputElement = event_target(&ev);
                        if let Some(file) = input.files().and_then(|f| f.get(0)) {
                            transfer.import_file(file);
                        }
                        input.set_value("");
                    } />
                <button type="button" on:click=move |_| transfer.export(Format::Markdown)>"Export Markdown"</button>
                <button type="button" on:click=move |_| transfer.export(Format::Json)>"Export JSON"</button>
                <button type="button" class="quiet" on:click=move |_| transfer.copy(Format::Markdown)>"Copy Markdown"</button>
                <button type="button" class="quiet" on:click=move |_| transfer.copy(Format::Json)>"Copy JSON"</button>
                <button type="button" class="quiet" on:click=move |_| {
                    // The preview is what prints (see the print stylesheet): bring it up to date first.
                    ed.done_typing();
                    ed.refresh_preview();
                    let _ = window().print();
                }>"Print or save as PDF"</button>
                <help::Help persisted=store.persisted />
            </div>
            <p class="save-state" class:failed=move || matches!(ed.save.get(), SaveState::Failed(_)) role="status">{save_label}</p>
            // In the header, which stays in view while the user scrolls and types.
            {move || ed.conflict.get().then(|| view! {
                <div class="banner warning conflict" role="alert">
                    <p>"Another tab saved a newer version of this postmortem. Your changes here are kept in this tab but not saved: keep them as a copy, or load the other version."</p>
                    <div class="banner-buttons">
                        <button type="button" on:click=move |_| docs.keep_mine_as_copy()>"Keep mine as a copy"</button>
                        <button type="button" on:click=move |_| docs.load_theirs()>"Load theirs"</button>
                    </div>
                </div>
            })}
        </header>
    }
}

/// The banners under the header: a new version, storage failing, read-only,
/// a failed import, damaged stored data.
fn banners(parts: Parts) -> impl IntoView {
    let Parts {
        ed,
        store,
        transfer,
        damaged,
        update_ready,
        ..
    } = parts;
    let save_problem = move || match ed.save.get() {
        SaveState::Failed(why) if !ed.conflict.get() => Some(why),
        _ => None,
    };
    view! {
        <div class="banners">
            <When when=Signal::derive(move || update_ready.get())>
                <div class="banner info" role="status">
                    <p>"A new version of the editor is ready. Reload to use it; what you typed is saved first."</p>
                    <button type="button" on:click=move |_| {
                        // Only what is stored survives a reload: if saving fails, say so and stay.
                        store.flush();
                        if store.unsaved() {
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
                        <button type="button" on:click=move |_| transfer.export(Format::Markdown)>"Export Markdown"</button>
                        <button type="button" on:click=move |_| transfer.export(Format::Json)>"Export JSON"</button>
                    </div>
                </div>
            })}
            {move || ed.read_only.get().map(|why| view! { <div class="banner info" role="status"><p>{why}</p></div> })}
            {move || transfer.import_error.get().map(|e| view! {
                <div class="banner error" role="alert">
                    <p>{format!("Nothing was imported. {e}")}</p>
                    <button type="button" on:click=move |_| transfer.import_error.set(None)>"Dismiss"</button>
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
    }
}

/// The list, the form and the side panels (side by side, or one at a time
/// on a phone), each part drawn at its stage of start-up.
fn layout(parts: Parts) -> impl IntoView {
    let Parts {
        ed, docs, stage, ..
    } = parts;
    let pane = ed.pane;
    view! {
        <div class="layout" data-pane=move || pane.get()>
            <Library actions=docs.actions />
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
    }
}
