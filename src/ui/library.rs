//! The list of postmortems kept in this browser: open, new from a template,
//! duplicate, delete with undo.

use super::state::editor;
use super::widgets::{item, items, Keyed, When};
use crate::core::sample::Template;
use leptos::prelude::*;

/// Callbacks the library needs from the app (which owns opening documents).
#[derive(Clone, Copy)]
pub struct LibraryActions {
    pub open: Callback<String>,
    pub create: Callback<Template>,
    pub duplicate: Callback<()>,
    pub delete: Callback<()>,
}

#[component]
pub fn NewMenu(actions: LibraryActions) -> impl IntoView {
    let open = RwSignal::new(false);
    // When the menu opens, its first choice takes focus (keyboard users land in it).
    Effect::new(move |_| {
        if open.get() {
            request_animation_frame(|| {
                let first = document().query_selector(".menu button").ok().flatten();
                if let Some(b) = first
                    .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
                {
                    let _ = b.focus();
                }
            });
        }
    });
    view! {
        <div class="menu-wrap">
            <button type="button" class="primary" aria-haspopup="true" aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|o| *o = !*o)>"New postmortem"</button>
            <When when=Signal::derive(move || open.get())>
                <div class="menu" role="group" aria-label="Start from"
                    on:keydown=move |ev| if ev.key() == "Escape" { open.set(false); }>
                    {Template::ALL.iter().map(|t| {
                        let t = *t;
                        view! { <button type="button" on:click=move |_| { open.set(false); actions.create.run(t); }>{t.label()}</button> }.into_any()
                    }).collect::<Vec<_>>()}
                </div>
            </When>
        </div>
    }
}

#[component]
pub fn Library(actions: LibraryActions) -> impl IntoView {
    let ed = editor();
    view! {
        <nav class="library" aria-label="Postmortems">
            <h2>"Postmortems"</h2>
            <ul>
                <Keyed items=items(move || ed.library.get().entries.into_iter().map(|entry| {
                    item((entry.id.clone(), entry.title.clone(), entry.updated.clone(), entry.status), move || {
                        let id = entry.id.clone();
                        let id2 = id.clone();
                        let title = if entry.title.trim().is_empty() { "Untitled".to_string() } else { entry.title.clone() };
                        let current = Signal::derive(move || ed.doc_id.get() == id2);
                        let when = entry.updated.get(..16).unwrap_or("").replace('T', " ");
                        view! {
                            <li class:current=current>
                                <button type="button" class="doc-link" aria-current=move || if current.get() { "page" } else { "false" }
                                    on:click=move |_| actions.open.run(id.clone())>
                                    <span class="doc-title">{title}</span>
                                    <span class="doc-meta">{format!("{} \u{b7} {when} UTC", entry.status.label())}</span>
                                </button>
                            </li>
                        }.into_any()
                    })
                }).collect()) />
            </ul>
            <div class="library-actions">
                <button type="button" on:click=move |_| actions.duplicate.run(())>"Duplicate"</button>
                <button type="button" class="danger" on:click=move |_| actions.delete.run(())>"Delete"</button>
            </div>
        </nav>
    }
}
