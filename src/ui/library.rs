//! The list of postmortems kept in this browser, newest incident first, with
//! each one's date, severity and status and a search: open, new from a
//! template, duplicate, delete with undo.

use super::state::{editor, now_iso};
use super::storage;
use super::widgets::{item, items, Keyed, When};
use leptos::prelude::*;
use postmortem_core::library;
use postmortem_core::sample::Template;
use postmortem_core::storage::Entry;

/// Callbacks the library needs from the app (which owns opening documents).
#[derive(Clone, Copy)]
pub struct LibraryActions {
    pub open: Callback<String>,
    pub create: Callback<Template>,
    pub duplicate: Callback<()>,
    pub delete: Callback<()>,
    /// Puts a recently deleted postmortem back and opens it.
    pub restore: Callback<String>,
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

/// The postmortems deleted in the last thirty days, each with when it was
/// deleted and a Restore button; shown only when there are some.
#[component]
fn RecentlyDeleted(restore: Callback<String>) -> impl IntoView {
    let ed = editor();
    let deleted = Memo::new(move |_| {
        let now = now_iso();
        ed.library.with(|index| {
            index
                .deleted
                .iter()
                .filter(|d| !d.expired(&now))
                .map(|d| {
                    (
                        d.entry.id.clone(),
                        d.entry.title.clone(),
                        d.at.get(..10).unwrap_or_default().to_string(),
                    )
                })
                .collect::<Vec<_>>()
        })
    });
    view! {
        <When when=Signal::derive(move || deleted.with(|d| !d.is_empty()))>
            <details class="recently-deleted">
                <summary>{move || format!("Recently deleted ({})", deleted.with(Vec::len))}</summary>
                <p class="hint">"Kept for 30 days, then removed from this browser."</p>
                <ul>
                    <Keyed items=items(move || deleted.get().into_iter().map(|(id, title, day)| {
                        item((id.clone(), title.clone(), day.clone()), move || {
                            let id = id.clone();
                            let title = if title.trim().is_empty() { "Untitled".to_string() } else { title.clone() };
                            let label = format!("Restore \u{201c}{title}\u{201d}");
                            view! {
                                <li>
                                    <span class="doc-title">{title}</span>
                                    <span class="doc-meta">{format!("Deleted {day}")}</span>
                                    <button type="button" aria-label=label on:click=move |_| restore.run(id.clone())>"Restore"</button>
                                </li>
                            }.into_any()
                        })
                    }).collect()) />
                </ul>
            </details>
        </When>
    }
}

/// Whether the stored document `id` matches the search (its title alone when
/// it cannot be read).
fn found(entry: &Entry, query: &str) -> bool {
    match storage::load_doc(&entry.id) {
        Ok(Some(stored)) => library::matches(&stored.document, query),
        _ => library::entry_matches(entry, query),
    }
}

#[component]
pub fn Library(actions: LibraryActions) -> impl IntoView {
    let ed = editor();
    let query = RwSignal::new(String::new());
    // The entries to list, newest incident first, narrowed by the search.
    let shown = Memo::new(move |_| {
        let q = query.get();
        ed.library.with(|index| {
            library::list_order(&index.entries)
                .into_iter()
                .filter_map(|i| index.entries.get(i))
                .filter(|e| q.trim().is_empty() || found(e, &q))
                .cloned()
                .collect::<Vec<Entry>>()
        })
    });
    let summary = move || {
        let n = shown.with(Vec::len);
        let all = ed.library.with(|i| i.entries.len());
        if query.with(|q| q.trim().is_empty()) {
            String::new()
        } else if n == 0 {
            "No postmortem matches.".to_string()
        } else {
            format!("{n} of {all} match.")
        }
    };
    view! {
        <nav class="library" aria-label="Postmortems">
            <h2>"Postmortems"</h2>
            <div class="field">
                <label for="library-search" class="visually-hidden">"Search postmortems"</label>
                <input id="library-search" type="search" placeholder="Search" autocomplete="off"
                    aria-describedby="library-found"
                    prop:value=move || query.get()
                    on:input=move |ev| query.set(event_target_value(&ev)) />
                <p id="library-found" class="hint" aria-live="polite">{summary}</p>
            </div>
            <ul>
                <Keyed items=items(move || shown.get().into_iter().map(|entry| {
                    item((entry.id.clone(), entry.title.clone(), entry.incident.clone(), entry.severity, entry.status, entry.exported.clone(), entry.updated.clone()), move || {
                        let id = entry.id.clone();
                        let id2 = id.clone();
                        let title = if entry.title.trim().is_empty() { "Untitled".to_string() } else { entry.title.clone() };
                        let current = Signal::derive(move || ed.doc_id.get() == id2);
                        let mut meta = vec![entry.incident.clone().unwrap_or_else(|| "No date yet".to_string())];
                        meta.extend(entry.severity.map(|s| s.label().to_string()));
                        meta.push(entry.status.label().to_string());
                        let exported = entry.export_note(&now_iso());
                        let stale = exported.reminder;
                        view! {
                            <li class:current=current>
                                <button type="button" class="doc-link" aria-current=move || if current.get() { "page" } else { "false" }
                                    on:click=move |_| actions.open.run(id.clone())>
                                    <span class="doc-title">{title}</span>
                                    <span class="doc-meta">{meta.join(" \u{b7} ")}</span>
                                    <span class="doc-export" class:stale=stale>{exported.text}</span>
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
            <RecentlyDeleted restore=actions.restore />
        </nav>
    }
}
