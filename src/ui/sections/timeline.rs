//! The timeline: one row per event with its time, zone, approximate flag,
//! kind and text. Rows can be added, moved, deleted and sorted by time; Enter
//! in the last row's text adds a row. Several lines pasted into a row (or
//! into the empty timeline) become one event per line, as one undo step.

use super::Section;
use crate::ui::row_window::{drawn, MARGIN, WINDOW, WINDOW_FROM};
use crate::ui::state::editor;
use crate::ui::time_field::TimeField;
use crate::ui::widgets::row_path;
use crate::ui::widgets::{choices, item, items, Bind, Keyed, Select, TextArea, When};
use leptos::prelude::*;
use postmortem_core::model::{DocumentStoreFields, TimelineEntry, TimelineKind};
use postmortem_core::path::{Part, Top};
use postmortem_core::validate::sort_timeline;
use postmortem_core::{paste, time::clock};
use reactive_stores::Field;
use std::cell::Cell;

thread_local! {
    /// A drawn row's height with the gap under it, in CSS pixels, as last
    /// measured (rows out of the window take this height each).
    static ROW_HEIGHT: Cell<f64> = const { Cell::new(64.0) };
}

/// Moves the window to the rows in view (plus a margin each side) after a
/// scroll, when the view nears an edge of the drawn rows.
fn follow_scroll(window: RwSignal<(usize, usize)>, list: &web_sys::Element, len: usize) {
    let Some((start, end)) = window.try_get_untracked().map(|w| drawn(len, w)) else {
        return;
    };
    if len <= WINDOW_FROM {
        return;
    }
    let rect = list.get_bounding_client_rect();
    let shown = end - start;
    if shown > 0 && rect.height() > 0.0 {
        // The list's rows and the gaps between them.
        let measured = (rect.height() + 8.0) / shown as f64;
        ROW_HEIGHT.set(measured.clamp(24.0, 400.0));
    }
    let h = ROW_HEIGHT.get();
    let view = web_sys::window()
        .and_then(|w| w.inner_height().ok())
        .and_then(|v| v.as_f64())
        .unwrap_or(800.0);
    // Where row 0 would be, in the view's coordinates.
    let top = rect.top() - start as f64 * h;
    let first = ((-top) / h).floor().max(0.0) as usize;
    let last = (((view - top) / h).ceil().max(0.0) as usize).min(len);
    let near_start = start > 0 && first < start + MARGIN / 4;
    let near_end = end < len && last + MARGIN / 4 > end;
    if near_start || near_end || first >= end || last <= start {
        let first = first.min(len.saturating_sub(1));
        window.set((first.saturating_sub(MARGIN), (last + MARGIN).max(first + 1)));
    }
}

/// Makes events of the pasted `text` (the core's paste reads each line) at row
/// `at`: in place of that row when it is empty, else after it. One step.
fn paste_events(at: usize, text: &str) {
    let ed = editor();
    let timeline: Field<Vec<TimelineEntry>> = ed.doc.timeline().into();
    if ed.read_only.get_untracked().is_some() {
        return;
    }
    let (entries, replace, from) = ed.doc.with_untracked(|d| {
        let replace = d
            .timeline
            .get(at)
            .is_none_or(|e| *e == TimelineEntry::default());
        let from = if replace { at } else { at + 1 };
        // The lines follow the row before where they go (the row pasted
        // into, when they go after it).
        let ctx = clock::timeline_context(d, from);
        (paste::timeline(text, &ctx), replace, from)
    });
    let n = entries.len();
    if n == 0 {
        return;
    }
    ed.step(|| {
        timeline.update(|v| {
            let from = from.min(v.len());
            let to = if replace {
                (from + 1).min(v.len())
            } else {
                from
            };
            v.splice(from..to, entries);
        })
    });
    let plural = if n == 1 { "" } else { "s" };
    crate::ui::rows::offer_undo(
        format!("Pasted {n} event{plural}."),
        format!("Removed the {n} pasted event{plural}."),
    );
    ed.focus_request
        .set(Some(row_path(Top::Timeline, from + n - 1, Part::Text)));
}

/// The pasted text, when it has more than one line that is not blank.
fn pasted_lines(ev: &web_sys::ClipboardEvent) -> Option<String> {
    let text = ev.clipboard_data()?.get_data("text").ok()?;
    (text.lines().filter(|l| !l.trim().is_empty()).count() > 1).then_some(text)
}

#[component]
pub fn Timeline() -> impl IntoView {
    let ed = editor();
    let timeline: Field<Vec<TimelineEntry>> = ed.doc.timeline().into();
    let len = move || timeline.read().len();
    let add = move || {
        crate::ui::rows::add(timeline, |n| row_path(Top::Timeline, n, Part::At));
    };
    let out_of_order = move || {
        ed.problems
            .with(|p| p.iter().any(|p| p.code == "timeline.order"))
    };
    let sort = move |_| {
        ed.step(|| timeline.update(|v| sort_timeline(v)));
        ed.say("Timeline sorted by time.");
    };
    let read_only = move || ed.read_only.get().is_some();
    // A long timeline draws the rows in view and a margin; spacers above
    // and below take the height of the others, so the page scrolls through
    // all of them. Focus moving into a row centres the window on it, so Tab
    // and the arrow of a row always find the next row drawn.
    let window = RwSignal::new((0, 2 * MARGIN));
    WINDOW.set(Some(window));
    let shown = Memo::new(move |_| drawn(len(), window.get()));
    let list = NodeRef::<leptos::html::Ol>::new();
    let spacer = move |rows: usize| format!("{}px", (rows as f64 * ROW_HEIGHT.get()).round());
    let above = move || spacer(shown.get().0);
    let below = move || spacer(len() - shown.get().1);
    let pending = StoredValue::new(false);
    let on_scroll = move || {
        if pending.get_value() || len() <= WINDOW_FROM {
            return;
        }
        pending.set_value(true);
        request_animation_frame(move || {
            pending.set_value(false);
            if let Some(el) = list.get_untracked() {
                follow_scroll(window, &el, timeline.read_untracked().len());
            }
        });
    };
    let scroll = window_event_listener(leptos::ev::scroll, move |_| on_scroll());
    let resize = window_event_listener(leptos::ev::resize, move |_| on_scroll());
    on_cleanup(move || {
        scroll.remove();
        resize.remove();
        WINDOW.set(None);
    });
    // Another document opened: its timeline starts at the top.
    Effect::new(move |_| {
        ed.doc_id.track();
        window.set((0, 2 * MARGIN));
    });
    let focus_in = move |ev: web_sys::FocusEvent| {
        let row = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
            .and_then(|el| el.closest("[data-row]").ok().flatten())
            .and_then(|el| el.get_attribute("data-row"))
            .and_then(|n| n.parse::<usize>().ok());
        if let Some(i) = row {
            let (start, end) = shown.get_untracked();
            if len() > WINDOW_FROM && (i < start + 2 || i + 2 >= end) {
                window.set((i.saturating_sub(MARGIN), i + MARGIN));
            }
        }
    };
    view! {
        <Section id="timeline" title="Timeline">
            <p class="hint">"Type times as you would write them: 03:15, 3:15pm, 03:15 WAT or 2025-03-12 03:15. A time without a date takes the date of the row above (or of the incident's start), and its zone unless you chose one beside it. Paste several lines to add one event per line; \u{2248} marks an approximate time."</p>
            <When when=Signal::derive(out_of_order)>
                <div class="notice">
                    <span>"The timeline is out of order."</span>
                    <button type="button" on:click=sort disabled=read_only>"Sort by time"</button>
                </div>
            </When>
            <div class="timeline-head" aria-hidden="true">
                <span>"Time"</span><span>"Zone"</span><span title="Approximate">"\u{2248}"</span><span>"Kind"</span><span>"What happened"</span>
            </div>
            <When when=Signal::derive(move || len() == 0)>
                <EmptyTimeline />
            </When>
            <div class="timeline-spacer" aria-hidden="true" style:height=above></div>
            <ol class="rows timeline-rows" node_ref=list on:focusin=focus_in>
                <Keyed items=items(move || {
                    let (start, end) = shown.get();
                    (start..end).map(|i| item(i, move || view! {
                        <TimelineRow i=i is_last=Signal::derive(move || i + 1 == len()) on_add=Callback::new(move |_| add()) />
                    }.into_any())).collect()
                }) />
            </ol>
            <div class="timeline-spacer" aria-hidden="true" style:height=below></div>
            <When when=Signal::derive(move || len() > WINDOW_FROM)>
                <p class="hint">{move || format!("{} events: the rows near the view are drawn as you scroll; Problems and the chart go to any row.", len())}</p>
            </When>
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
            crate::ui::rows::swap(timeline, i, j as usize);
            ed.focus_request
                .set(Some(row_path(Top::Timeline, j as usize, Part::Text)));
        }
    };
    // Enter adds a row after the last one, or moves on to the next row; Shift+Enter breaks the line.
    let on_enter = Callback::new(move |_| {
        if is_last.get_untracked() {
            on_add.run(());
        } else {
            ed.focus_request
                .set(Some(row_path(Top::Timeline, i + 1, Part::At)));
        }
    });
    view! {
        <li class="row timeline-row" data-row=i on:paste=move |ev: web_sys::ClipboardEvent| {
            if let Some(text) = pasted_lines(&ev) {
                ev.prevent_default();
                paste_events(i, &text);
            }
        }>
            <TimeField label=format!("Event {n} time") hide_label=true path=row_path(Top::Timeline, i, Part::At) stamp=Bind::row(timeline, i, |e| e.at.clone(), |e, v| e.at = v)
                context=Callback::new(move |_| ed.doc.with_untracked(|d| postmortem_core::time::clock::timeline_context(d, i))) />
            <div class="check">
                <input type="checkbox" id=approx_id.clone() prop:checked=move || approximate.get.get()
                    on:change=move |ev| approximate.set.run(event_target_checked(&ev)) />
                <label for=approx_id title="Approximate time"><span class="visually-hidden">{format!("Event {n} approximate")}</span><span aria-hidden="true">"\u{2248}"</span></label>
            </div>
            <Select label=format!("Event {n} kind") hide_label=true path=row_path(Top::Timeline, i, Part::Kind) choices={choices::<TimelineKind>()}
                value=Bind::row(timeline, i, |e| e.kind.word().into(), |e, w| if let Some(v) = TimelineKind::from_word(&w) { e.kind = v }) />
            <TextArea label=format!("Event {n} description") hide_label=true path=row_path(Top::Timeline, i, Part::Text) value=Bind::row(timeline, i, |e| e.text.clone(), |e, v| e.text = v)
                rows=1 placeholder="What happened (Shift+Enter for a new line)" on_enter=on_enter />
            <div class="row-buttons">
                <button type="button" class="icon" aria-label=format!("Move event {n} up") title="Move up" on:click=move |_| move_by(-1)>"\u{2191}"</button>
                <button type="button" class="icon" aria-label=format!("Move event {n} down") title="Move down" on:click=move |_| move_by(1)>"\u{2193}"</button>
                <button type="button" class="icon" aria-label=format!("Delete event {n}") title="Delete"
                    on:click=move |_| crate::ui::rows::delete(timeline, i, format!("event {n}"), "timeline")>"\u{2715}"</button>
            </div>
        </li>
    }
}

/// Shown while the timeline is empty: a place to paste (or type) a whole
/// timeline, one event per line.
#[component]
fn EmptyTimeline() -> impl IntoView {
    let text = RwSignal::new(String::new());
    view! {
        <div class="field paste-timeline">
            <label for="f-timeline-paste">"Paste a timeline"</label>
            <textarea id="f-timeline-paste" rows=3 aria-describedby="f-timeline-paste-hint"
                placeholder="03:15 WAT Payments start failing\n03:20 Alert fires"
                prop:value=move || text.get()
                on:input=move |ev| text.set(event_target_value(&ev))
                on:paste=move |ev: web_sys::ClipboardEvent| {
                    if let Some(t) = pasted_lines(&ev) {
                        ev.prevent_default();
                        paste_events(0, &t);
                    }
                }></textarea>
            <p id="f-timeline-paste-hint" class="hint">"One event per line, from a chat, a document or notes: \u{201c}[10:42 AM] Dana: restarted the pods\u{201d}, \u{201c}03:15 WAT - alert fired\u{201d}. Or add events one by one below."</p>
            <button type="button" disabled=move || text.with(|t| t.trim().is_empty())
                on:click=move |_| { let t = text.get_untracked(); text.set(String::new()); paste_events(0, &t); }>"Add these lines as events"</button>
        </div>
    }
}
