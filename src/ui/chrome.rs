//! The page's chrome around the form: the phone's bar that switches views
//! (with the count of problems), the messages area (with Undo when a message
//! offers it), and copying the document to the clipboard.

use super::files;
use super::state::editor;
use super::storage;
use leptos::prelude::*;
use postmortem_core::{format::json, format::markdown};

/// Copies the document as Markdown (`"md"`) or JSON to the clipboard, and says so.
pub fn copy(kind: &'static str) {
    let ed = editor();
    let doc = ed.doc.get_untracked();
    let text = if kind == "md" {
        markdown::to_markdown_with(
            &doc,
            markdown::ExportOptions {
                chart: storage::chart_in_exports(),
            },
        )
    } else {
        json::to_json(&doc)
    };
    leptos::task::spawn_local(async move {
        match files::copy(text).await {
            Ok(()) => ed.say(if kind == "md" {
                "Markdown copied to the clipboard."
            } else {
                "JSON copied to the clipboard."
            }),
            Err(e) => ed.say(e),
        }
    });
}

/// On a phone, one view at a time: the list, the form, problems, preview.
#[component]
pub fn PaneBar() -> impl IntoView {
    let ed = editor();
    let pane = ed.pane;
    view! {
        <nav class="pane-bar" aria-label="Views">
            {[("library", "Postmortems"), ("form", "Form"), ("problems", "Problems"), ("preview", "Preview")].into_iter().map(|(key, name)| view! {
                <button type="button" aria-pressed=move || (pane.get() == key).to_string()
                    on:click=move |_| { pane.set(key); window().scroll_to_with_x_and_y(0.0, 0.0); }>
                    {name}
                    {(key == "problems").then(|| view! { <span class="count">{move || {
                        let n = ed.visible().len();
                        if n == 0 { String::new() } else { format!(" {n}") }
                    }}</span> })}
                </button>
            }.into_any()).collect::<Vec<_>>()}
        </nav>
    }
}

/// The message of the moment, read out politely, with Undo when it has one.
#[component]
pub fn Toasts() -> impl IntoView {
    let ed = editor();
    view! {
        <div class="toast-area" role="status" aria-live="polite">
            {move || ed.toast.get().map(|t| view! {
                <div class="toast">
                    <span>{t.text}</span>
                    {t.undo.map(|u| view! { <button type="button" on:click=move |_| u.run(())>"Undo"</button> })}
                    <button type="button" class="icon" aria-label="Dismiss message" on:click=move |_| ed.toast.set(None)>"\u{2715}"</button>
                </div>
            })}
        </div>
    }
}
