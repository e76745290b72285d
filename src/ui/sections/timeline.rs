//! The timeline: one row per event with its time, zone, approximate flag,
//! kind and text. Rows can be added, moved, deleted and sorted by time; Enter
//! in the last row's text adds a row.

use super::Section;
use crate::core::model::{DocumentStoreFields, TimelineEntry, TimelineKind};
use crate::core::validate::sort_timeline;
use crate::ui::state::editor;
use crate::ui::widgets::{choices, rows, Bind, Rows, Select, TextArea, TimeField, When};
use leptos::prelude::*;
use reactive_stores::Field;

#[component]
pub fn Timeline() -> impl IntoView {
    let ed = editor();
    let timeline: Field<Vec<TimelineEntry>> = ed.doc.timeline().into();
    let len = move || timeline.read().len();
    let add = move || {
        let n = timeline.read_untracked().len();
        timeline.write().push(TimelineEntry::default());
        ed.focus_request.set(Some(format!("timeline[{n}].at")));
    };
    let out_of_order = move || {
        ed.problems
            .with(|p| p.iter().any(|p| p.code == "timeline.order"))
    };
    let sort = move |_| {
        timeline.update(|v| sort_timeline(v));
        ed.say("Timeline sorted by time.");
    };
    let read_only = move || ed.read_only.get().is_some();
    view! {
        <Section id="timeline" title="Timeline">
            <p class="hint">"Type times as 2025-03-12T03:15 in the zone beside them (it starts as the document zone). Add an abbreviation such as PDT to be explicit."</p>
            <When when=Signal::derive(out_of_order)>
                <div class="notice">
                    <span>"The timeline is out of order."</span>
                    <button type="button" on:click=sort disabled=read_only>"Sort by time"</button>
                </div>
            </When>
            <ol class="rows timeline-rows">
                <Rows len=Signal::derive(len) row=rows(move |i| view! {
                    <TimelineRow i=i is_last=Signal::derive(move || i + 1 == len()) on_add=Callback::new(move |_| add()) />
                }.into_any()) />
            </ol>
            <button type="button" class="add" disabled=read_only on:click=move |_| add()>"Add timeline event"</button>
        </Section>
    }
}

#[component]
fn TimelineRow(i: usize, is_last: Signal<bool>, on_add: Callback<()>) -> impl IntoView {
    let ed = editor();
    let timeline: Field<Vec<TimelineEntry>> = ed.doc.timeline().into();
    let approximate = Bind::row(timeline, i, |e| e.approximate, |e, v| e.approximate = v);
    let n = i + 1;
    let approx_id = format!("f-timeline-{i}-approximate");
    let move_by = move |delta: isize| {
        let j = i as isize + delta;
        if j >= 0 && (j as usize) < timeline.read_untracked().len() {
            timeline.write().swap(i, j as usize);
            ed.focus_request.set(Some(format!("timeline[{j}].text")));
        }
    };
    // Enter adds a row after the last one, or moves on to the next row; Shift+Enter breaks the line.
    let on_enter = Callback::new(move |_| {
        if is_last.get_untracked() {
            on_add.run(());
        } else {
            ed.focus_request
                .set(Some(format!("timeline[{}].at", i + 1)));
        }
    });
    view! {
        <li class="row timeline-row">
            <TimeField label=format!("Event {n} time") hide_label=true path=format!("timeline[{i}].at") stamp=Bind::row(timeline, i, |e| e.at.clone(), |e, v| e.at = v) />
            <div class="check">
                <input type="checkbox" id=approx_id.clone() prop:checked=move || approximate.get.get()
                    on:change=move |ev| approximate.set.run(event_target_checked(&ev)) />
                <label for=approx_id><span class="visually-hidden">{format!("Event {n} ")}</span>"approximate"</label>
            </div>
            <Select label=format!("Event {n} kind") hide_label=true path=format!("timeline[{i}].kind") choices={choices::<TimelineKind>()}
                value=Bind::row(timeline, i, |e| e.kind.word().into(), |e, w| if let Some(v) = TimelineKind::from_word(&w) { e.kind = v }) />
            <TextArea label=format!("Event {n} description") hide_label=true path=format!("timeline[{i}].text") value=Bind::row(timeline, i, |e| e.text.clone(), |e, v| e.text = v)
                rows=1 placeholder="What happened (Shift+Enter for a new line)" on_enter=on_enter />
            <div class="row-buttons">
                <button type="button" class="icon" aria-label=format!("Move event {n} up") title="Move up" on:click=move |_| move_by(-1)>"\u{2191}"</button>
                <button type="button" class="icon" aria-label=format!("Move event {n} down") title="Move down" on:click=move |_| move_by(1)>"\u{2193}"</button>
                <button type="button" class="icon" aria-label=format!("Delete event {n}") title="Delete"
                    on:click=move |_| timeline.update(|v| { if i < v.len() { v.remove(i); } })>"\u{2715}"</button>
            </div>
        </li>
    }
}
