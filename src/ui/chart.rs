//! The timeline chart beside the form: core::chart's layout drawn as SVG.
//! It is recomputed with the preview, after typing pauses, never on each
//! keystroke. The picture is one image with a name that says what it
//! shows; each mark carries its time and text as a tooltip, and clicking
//! one goes to its field.

use super::panels::focus_path;
use super::state::editor;
use crate::core::chart::{Layout, Mark, WIDTH};
use leptos::prelude::*;

const LEFT: f64 = 8.0;
const ROW: f64 = 24.0;
/// The layout's axis (0 to WIDTH) in the picture's units: about the width
/// of the side panel, so 11-unit text reads at about 11 px.
const SCALE: f64 = 0.34;

fn px(x: f64) -> f64 {
    LEFT + x * SCALE
}

fn fmt(x: f64) -> String {
    format!("{:.1}", px(x))
}

/// Where a label of a span from `x0` to `x1` goes: after its end, or at
/// its start (over the bar) when it would run off the right edge.
fn label_at(x0: f64, x1: f64, text: &str) -> String {
    let width = text.chars().count() as f64 * 5.6;
    let after = px(x1) + 4.0;
    let x = if after + width <= px(WIDTH) {
        after
    } else {
        px(x0) + 4.0
    };
    format!("{x:.1}")
}

/// A mark: a dot (events, updates) or a diamond (key times), hollow when approximate.
fn mark(m: Mark, y: f64, shape: &'static str) -> AnyView {
    let class = format!(
        "mark {shape} kind-{}{}",
        m.kind,
        if m.approximate { " approx" } else { "" }
    );
    let tip = format!("{} \u{2014} {}", m.time, m.label);
    let path = m.path.clone();
    let go = move |_| {
        editor().pane.set("form");
        let path = path.clone();
        request_animation_frame(move || focus_path(&path));
    };
    let cx = px(m.x);
    if shape == "diamond" {
        let points = format!(
            "{:.1},{:.1} {:.1},{:.1} {:.1},{:.1} {:.1},{:.1}",
            cx,
            y - 7.0,
            cx + 7.0,
            y,
            cx,
            y + 7.0,
            cx - 7.0,
            y
        );
        view! { <polygon class=class points=points on:click=go><title>{tip}</title></polygon> }
            .into_any()
    } else {
        view! { <circle class=class cx=format!("{cx:.1}") cy=format!("{y:.1}") r="5" on:click=go><title>{tip}</title></circle> }.into_any()
    }
}

fn draw(c: Layout) -> AnyView {
    let axis = 18.0;
    let impact_y = axis + 10.0;
    let spans_y = impact_y + ROW;
    let milestones_y = spans_y + ROW * c.spans.len() as f64 + 12.0;
    let events_y = milestones_y + ROW + 6.0;
    let updates_y = events_y + ROW + 6.0;
    let height = updates_y + if c.updates.is_empty() { 4.0 } else { ROW };
    let view_box = format!("0 0 {:.0} {height:.0}", px(WIDTH) + LEFT);
    let name = format!("Timeline chart: {}.", c.summary);
    let bottom = format!("{height:.0}");
    view! {
        <svg class="chart" role="img" aria-label=name viewBox=view_box>
            {c.days.into_iter().map(|d| { let at = label_at(d.x, d.x, &d.label); view! {
                <line class="day" x1=fmt(d.x) x2=fmt(d.x) y1="0" y2=bottom.clone()></line>
                <text class="day-label" x=at y=format!("{:.0}", height - 4.0)>{d.label}</text>
            }.into_any() }).collect::<Vec<_>>()}
            {c.changes.into_iter().map(|d| view! {
                <line class="change" x1=fmt(d.x) x2=fmt(d.x) y1="0" y2=bottom.clone()><title>{format!("Clock change: {}", d.label)}</title></line>
            }.into_any()).collect::<Vec<_>>()}
            {c.ticks.into_iter().map(|t| view! {
                <line class="tick" x1=fmt(t.x) x2=fmt(t.x) y1=format!("{axis}") y2=bottom.clone()></line>
                <text class="tick-label" x=fmt(t.x) y="12">{t.label}</text>
            }.into_any()).collect::<Vec<_>>()}
            {c.impact.map(|i| view! {
                <rect class="impact" x=fmt(i.x0) y=format!("{:.0}", impact_y - 8.0) width=format!("{:.1}", ((i.x1 - i.x0) * SCALE).max(1.0)) height="16"></rect>
                <text class="span-label" x=format!("{:.1}", px(i.x0) + 4.0) y=format!("{:.0}", impact_y + 4.0)>{i.label}</text>
            })}
            {c.spans.into_iter().enumerate().map(|(n, s)| {
                let y = spans_y + ROW * n as f64;
                let at = label_at(s.x0, s.x1, &s.label);
                view! {
                    <rect class="span" x=fmt(s.x0) y=format!("{:.0}", y - 5.0) width=format!("{:.1}", ((s.x1 - s.x0) * SCALE).max(1.0)) height="10"></rect>
                    <text class="span-label" x=at y=format!("{:.0}", y + 4.0)>{s.label}</text>
                }.into_any()
            }).collect::<Vec<_>>()}
            <text class="row-label" x=fmt(0.0) y=format!("{:.0}", milestones_y - 10.0)>"Key times"</text>
            {c.milestones.into_iter().map(|m| mark(m, milestones_y, "diamond")).collect::<Vec<_>>()}
            <text class="row-label" x=fmt(0.0) y=format!("{:.0}", events_y - 10.0)>"Events"</text>
            {c.events.into_iter().map(|m| mark(m, events_y, "dot event")).collect::<Vec<_>>()}
            {(!c.updates.is_empty()).then(|| view! { <text class="row-label" x=fmt(0.0) y=format!("{:.0}", updates_y - 10.0)>"Status updates"</text> })}
            {c.updates.into_iter().map(|m| mark(m, updates_y, "dot update")).collect::<Vec<_>>()}
        </svg>
    }
    .into_any()
}

/// The chart panel: shown when the document has a time that reads.
#[component]
pub fn Chart() -> impl IntoView {
    let ed = editor();
    view! {
        <section class="panel chart-panel" role="region" aria-label="Timeline chart"
            class:empty=move || ed.chart.with(|c| c.is_none())>
            <h2>"Timeline chart"</h2>
            {move || match ed.chart.get() {
                Some(c) => draw(c),
                None => view! { <p class="hint">"The chart appears once the postmortem has a time."</p> }.into_any(),
            }}
            <p class="hint">"Diamonds are the key times, dots the events (hollow: approximate); the key-time table in the form and the preview says the same in words."</p>
        </section>
    }
}
