//! Status updates as they were posted during the incident.

use super::Section;
use crate::ui::state::editor;
use crate::ui::time_field::TimeField;
use crate::ui::widgets::row_path;
use crate::ui::widgets::{choices, rows, Bind, Rows, Select, TextArea};
use leptos::prelude::*;
use postmortem_core::model::{DocumentStoreFields, StatusUpdate, UpdateState};
use postmortem_core::path::{Part, Top};

#[component]
pub fn Updates() -> impl IntoView {
    let ed = editor();
    let updates: reactive_stores::Field<Vec<StatusUpdate>> = ed.doc.updates().into();
    let len = move || updates.read().len();
    let read_only = move || ed.read_only.get().is_some();
    view! {
        <Section id="updates" title="Status updates">
            <div class="rows" role="list">
                <Rows len=Signal::derive(len) row=rows(move |i| {
                        let n = i + 1;
                        view! {
                            <div class="row update-row" role="listitem">
                                <TimeField label=format!("Update {n} time") path=row_path(Top::Updates, i, Part::At) stamp=Bind::row(updates, i, |e| e.at.clone(), |e, v| e.at = v)
                                    context=Callback::new(move |_| ed.doc.with_untracked(|d| postmortem_core::time::clock::update_context(d, i))) />
                                <Select label="State" aria_label=format!("Update {n} state") path=row_path(Top::Updates, i, Part::State) choices={choices::<UpdateState>()}
                                    value=Bind::row(updates, i, |e| e.state.word().into(), |e, w| if let Some(v) = UpdateState::from_word(&w) { e.state = v }) />
                                <TextArea label="What was posted" aria_label=format!("Update {n} text") path=row_path(Top::Updates, i, Part::Text) value=Bind::row(updates, i, |e| e.text.clone(), |e, v| e.text = v) rows=2 />
                                <button type="button" class="icon" aria-label=format!("Delete update {n}") title="Delete"
                                    on:click=move |_| crate::ui::rows::delete(updates, i, format!("status update {n}"), "updates")>"\u{2715}"</button>
                            </div>
                        }.into_any()
                        }) />
            </div>
            <button type="button" class="add" disabled=read_only on:click=move |_| {
                crate::ui::rows::add(updates, |n| row_path(Top::Updates, n, Part::At));
            }>"Add status update"</button>
        </Section>
    }
}
