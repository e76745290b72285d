//! Status updates as they were posted during the incident.

use super::Section;
use crate::core::model::{DocumentStoreFields, StatusUpdate, StatusUpdateStoreFields, UpdateState};
use crate::ui::state::editor;
use crate::ui::widgets::{Select, TextArea, TimeField};
use leptos::prelude::*;
use reactive_stores::StoreFieldIterator;

#[component]
pub fn Updates() -> impl IntoView {
    let ed = editor();
    let updates = ed.doc.updates();
    let len = move || updates.read().len();
    let read_only = move || ed.read_only.get().is_some();
    view! {
        <Section id="updates" title="Status updates">
            <div class="rows" role="list">
                <For each=move || 0..len() key=|i| *i let:i>
                    {
                        let u = updates.at_unkeyed(i);
                        let n = i + 1;
                        view! {
                            <div class="row update-row" role="listitem">
                                <TimeField label=format!("Update {n} time") hide_label=true path=format!("updates[{i}].at") stamp=u.at() />
                                <Select<UpdateState> label=format!("Update {n} state") hide_label=true path=format!("updates[{i}].state") value=u.state() />
                                <TextArea label=format!("Update {n} text") hide_label=true path=format!("updates[{i}].text") value=u.text() rows=2 />
                                <button type="button" class="icon" aria-label=format!("Delete update {n}") title="Delete"
                                    on:click=move |_| { updates.write().remove(i); }>"\u{2715}"</button>
                            </div>
                        }
                    }
                </For>
            </div>
            <button type="button" class="add" disabled=read_only on:click=move |_| {
                let n = updates.read_untracked().len();
                updates.write().push(StatusUpdate::default());
                ed.focus_request.set(Some(format!("updates[{n}].at")));
            }>"Add status update"</button>
        </Section>
    }
}
