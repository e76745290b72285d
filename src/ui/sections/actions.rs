//! Action items: what will be done, by whom, by when.

use super::Section;
use crate::ui::state::editor;
use crate::ui::widgets::row_path;
use crate::ui::widgets::{choices, optional, rows, Bind, Rows, Select, TextField};
use leptos::prelude::*;
use postmortem_core::model::{ActionItem, ActionKind, ActionStatus, DocumentStoreFields, Priority};
use postmortem_core::path::{Part, Top};
use reactive_stores::Field;

#[component]
pub fn Actions() -> impl IntoView {
    let ed = editor();
    let actions: Field<Vec<ActionItem>> = ed.doc.actions().into();
    let len = move || actions.read().len();
    let read_only = move || ed.read_only.get().is_some();
    view! {
        <Section id="actions" title="Action items">
            <div class="rows action-rows" role="list">
                <Rows len=Signal::derive(len) row=rows(move |i| {
                        let n = i + 1;
                        view! {
                            <div class="row action-row" role="listitem">
                                <TextField label=format!("Action {n}") path=row_path(Top::Actions, i, Part::Title) value=Bind::row(actions, i, |e| e.title.clone(), |e, v| e.title = v) placeholder="What will be done" on_enter=Callback::new(move |_| if i + 1 == len() { crate::ui::rows::add(actions, |n| row_path(Top::Actions, n, Part::Title)) } else { ed.focus_request.set(Some(row_path(Top::Actions, i + 1, Part::Title))) }) />
                                <TextField label="Owner" aria_label=format!("Action {n} owner") path=row_path(Top::Actions, i, Part::Owner) value=Bind::row(actions, i, |e| e.owner.clone(), |e, v| e.owner = v) placeholder="Owner" />
                                <TextField label="Due" aria_label=format!("Action {n} due date") path=row_path(Top::Actions, i, Part::Due) value=Bind::row(actions, i, |e| e.due.clone().unwrap_or_default(), |e, v| e.due = optional(v)) input_type="date" />
                                <Select label="Kind" aria_label=format!("Action {n} kind") optional=true path=row_path(Top::Actions, i, Part::Kind) choices={choices::<ActionKind>()}
                                    value=Bind::row(actions, i, |e| e.kind.map_or("", ActionKind::word).into(), |e, w| e.kind = ActionKind::from_word(&w)) />
                                <Select label="Priority" aria_label=format!("Action {n} priority") optional=true path=row_path(Top::Actions, i, Part::Priority) choices={choices::<Priority>()}
                                    value=Bind::row(actions, i, |e| e.priority.map_or("", Priority::word).into(), |e, w| e.priority = Priority::from_word(&w)) />
                                <Select label="Status" aria_label=format!("Action {n} status") path=row_path(Top::Actions, i, Part::Status) choices={choices::<ActionStatus>()}
                                    value=Bind::row(actions, i, |e| e.status.word().into(), |e, w| if let Some(v) = ActionStatus::from_word(&w) { e.status = v }) />
                                <TextField label="Link" aria_label=format!("Action {n} link") path=row_path(Top::Actions, i, Part::Link) value=Bind::row(actions, i, |e| e.link.clone().unwrap_or_default(), |e, v| e.link = optional(v)) input_type="url" placeholder="Tracker link" />
                                <button type="button" class="icon" aria-label=format!("Delete action {n}") title="Delete"
                                    on:click=move |_| crate::ui::rows::delete(actions, i, format!("action {n}"), "actions")>"\u{2715}"</button>
                            </div>
                        }.into_any()
                        }) />
            </div>
            <button type="button" class="add" disabled=read_only on:click=move |_| {
                crate::ui::rows::add(actions, |n| row_path(Top::Actions, n, Part::Title));
            }>"Add action item"</button>
        </Section>
    }
}
