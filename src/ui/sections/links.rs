//! Links to dashboards, tickets, runbooks.

use super::Section;
use crate::ui::state::editor;
use crate::ui::widgets::row_path;
use crate::ui::widgets::{rows, Bind, Rows, TextField};
use leptos::prelude::*;
use postmortem_core::model::{DocumentStoreFields, Link};
use postmortem_core::path::{Part, Top};

#[component]
pub fn Links() -> impl IntoView {
    let ed = editor();
    let links: reactive_stores::Field<Vec<Link>> = ed.doc.links().into();
    let len = move || links.read().len();
    let read_only = move || ed.read_only.get().is_some();
    view! {
        <Section id="links" title="Links">
            <div class="rows" role="list">
                <Rows len=Signal::derive(len) row=rows(move |i| {
                        let n = i + 1;
                        view! {
                            <div class="row link-row" role="listitem">
                                <TextField label="Title" aria_label=format!("Link {n} title") path=row_path(Top::Links, i, Part::Title) value=Bind::row(links, i, |e| e.title.clone(), |e, v| e.title = v) placeholder="Dashboard" />
                                <TextField label="Address" aria_label=format!("Link {n} URL") path=row_path(Top::Links, i, Part::Url) value=Bind::row(links, i, |e| e.url.clone(), |e, v| e.url = v) placeholder="https://" input_type="url" on_enter=Callback::new(move |_| if i + 1 == len() { crate::ui::rows::add(links, |n| row_path(Top::Links, n, Part::Title)) }) />
                                <button type="button" class="icon" aria-label=format!("Delete link {n}") title="Delete"
                                    on:click=move |_| crate::ui::rows::delete(links, i, format!("link {n}"), "links")>"\u{2715}"</button>
                            </div>
                        }.into_any()
                        }) />
            </div>
            <button type="button" class="add" disabled=read_only on:click=move |_| {
                crate::ui::rows::add(links, |n| row_path(Top::Links, n, Part::Title));
            }>"Add link"</button>
        </Section>
    }
}
