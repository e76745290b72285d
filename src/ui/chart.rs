//! The timeline chart beside the form: core::chart's layout drawn as SVG.
//! It is recomputed with the preview, after typing pauses, never on each
//! keystroke. The picture is one image with a name that says what it shows
//! and the key times and metrics of the form as its text alternative. Its marks
//! (key times, events, status updates) sit above it as one toolbar, one tab
//! stop: the arrow keys move between them, and hover or focus shows a mark's
//! time and text in a tooltip; a click, Enter or Space goes to its row.

use super::panels::focus_path;
use super::state::editor;
use super::widgets::{item, items, Keyed};
use crate::core::chart::{Layout, Mark, WIDTH};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

const LEFT: f64 = 8.0;
const ROW: f64 = 24.0;
/// The layout's axis (0 to WIDTH) in the picture's units: about the width
/// of the side panel, so 11-unit text reads at about 11 px.
const SCALE: f64 = 0.34;
/// The ids of the key times and the response metrics in the form: the
/// chart's text alternative, there whenever the chart is.
pub const KEY_TIMES_ID: &str = "key-times";
pub const METRICS_ID: &str = "response-metrics";
/// About the width of a character of the chart's text, in its units.
const CHAR: f64 = 6.2;

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

/// A mark as drawn: where, which row (0 key times, 1 events, 2 updates),
/// its shape and what it says.
#[derive(Debug, Clone, PartialEq)]
struct Drawn {
    mark: Mark,
    row: usize,
    y: f64,
    diamond: bool,
}

impl Drawn {
    fn name(&self) -> String {
        format!(
            "{}, {}{}",
            self.mark.label,
            self.mark.time,
            if self.mark.approximate {
                " (approximate)"
            } else {
                ""
            }
        )
    }
}

/// Goes to the row a mark came from, as a click on it does.
fn go(path: &str) {
    editor().pane.set("form");
    let path = path.to_string();
    request_animation_frame(move || focus_path(&path));
}

/// The mark `i`'s element among the marks of `group`.
fn mark_element(group: &web_sys::Element, i: usize) -> Option<web_sys::SvgElement> {
    group
        .query_selector(&format!("[data-i=\"{i}\"]"))
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into().ok())
}

/// The index of the mark an event happened on, and the marks' group.
fn target(ev: &web_sys::Event) -> Option<(usize, web_sys::Element)> {
    let el: web_sys::Element = ev.target()?.dyn_into().ok()?;
    let i = el.get_attribute("data-i")?.parse().ok()?;
    Some((i, el.parent_element()?))
}

/// The mark an arrow key (or Home, End) moves to from mark `i`: left and
/// right along all the marks, up and down to the nearest one of the row
/// above or below.
fn step(marks: &[Drawn], i: usize, key: &str) -> Option<usize> {
    let row = marks[i].row;
    let nearest = |r: usize| {
        marks
            .iter()
            .enumerate()
            .filter(|(_, m)| m.row == r)
            .min_by(|a, b| {
                let d = |m: &Drawn| (m.mark.x - marks[i].mark.x).abs();
                d(a.1).total_cmp(&d(b.1))
            })
            .map(|(j, _)| j)
    };
    match key {
        "ArrowRight" => (i + 1 < marks.len()).then_some(i + 1),
        "ArrowLeft" => i.checked_sub(1),
        "Home" => Some(0),
        "End" => marks.len().checked_sub(1),
        "ArrowDown" => (row + 1..3).find_map(nearest),
        "ArrowUp" => (0..row).rev().find_map(nearest),
        _ => None,
    }
}

/// Splits `text` into lines of at most `width` characters, at spaces where
/// it can.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = vec![];
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
        while line.chars().count() > width {
            let rest: String = line.chars().skip(width).collect();
            lines.push(line.chars().take(width).collect());
            line = rest;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// The tooltip of a mark: its time, then its text, in a box above it kept
/// inside the picture.
fn tooltip(d: &Drawn, focused: bool) -> AnyView {
    let right = px(WIDTH) + LEFT;
    let time = format!(
        "{}{}",
        d.mark.time,
        if d.mark.approximate {
            " (approximate)"
        } else {
            ""
        }
    );
    let mut lines = vec![time];
    lines.extend(wrap(&d.mark.label, 54).into_iter().take(3));
    let longest = lines.iter().map(|l| l.chars().count()).max().unwrap_or(0) as f64;
    let width = (longest * CHAR + 12.0).min(right);
    let height = lines.len() as f64 * 13.0 + 8.0;
    let cx = px(d.mark.x);
    let x = (cx - width / 2.0).clamp(0.0, right - width);
    let y = (d.y - 11.0 - height).max(0.0);
    let ring = focused.then(|| {
        view! { <circle class="focus-ring" cx=format!("{cx:.1}") cy=format!("{:.1}", d.y) r="10"></circle> }
    });
    view! {
        <g class="chart-tip" aria-hidden="true">
            {ring}
            <rect x=format!("{x:.1}") y=format!("{y:.1}") width=format!("{width:.1}") height=format!("{height:.1}") rx="4"></rect>
            {lines.into_iter().enumerate().map(|(n, l)| view! {
                <text class=if n == 0 { "tip-time" } else { "tip-text" } x=format!("{:.1}", x + 6.0) y=format!("{:.1}", y + 15.0 + 13.0 * n as f64)>{l}</text>
            }.into_any()).collect::<Vec<_>>()}
        </g>
    }
    .into_any()
}

/// A mark: a dot (events, updates) or a diamond (key times), hollow when
/// approximate; the first is the toolbar's tab stop.
fn mark(i: usize, d: &Drawn, tab_stop: usize) -> AnyView {
    let m = &d.mark;
    let class = format!(
        "mark {} kind-{}{}",
        if d.diamond {
            "diamond"
        } else if d.row == 1 {
            "dot event"
        } else {
            "dot update"
        },
        m.kind,
        if m.approximate { " approx" } else { "" }
    );
    let (cx, y) = (px(m.x), d.y);
    let tabindex = if i == tab_stop { "0" } else { "-1" };
    if d.diamond {
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
        view! { <polygon class=class points=points role="button" tabindex=tabindex data-i=i aria-label=d.name()></polygon> }
            .into_any()
    } else {
        view! { <circle class=class cx=format!("{cx:.1}") cy=format!("{y:.1}") r="5" role="button" tabindex=tabindex data-i=i aria-label=d.name()></circle> }.into_any()
    }
}

/// The marks, one toolbar over the picture, with the tooltip of the one
/// hovered or focused. Keyed: after an edit only the marks that changed are
/// drawn again (a 500-event chart is not rebuilt for one event's text).
fn marks(drawn: Memo<Vec<Drawn>>) -> AnyView {
    let hovered = RwSignal::new(None::<usize>);
    let focused = RwSignal::new(None::<usize>);
    // The mark that is the toolbar's tab stop.
    let current = StoredValue::new(0usize);
    let on_focus = move |ev: web_sys::FocusEvent| {
        let Some((i, group)) = target(&ev) else {
            return;
        };
        let was = current.get_value();
        if was != i {
            if let Some(old) = mark_element(&group, was) {
                let _ = old.set_attribute("tabindex", "-1");
            }
            if let Some(new) = mark_element(&group, i) {
                let _ = new.set_attribute("tabindex", "0");
            }
            current.set_value(i);
        }
        focused.set(Some(i));
    };
    let on_key = move |ev: web_sys::KeyboardEvent| {
        let Some((i, group)) = target(&ev) else {
            return;
        };
        let key = ev.key();
        if key == "Enter" || key == " " {
            ev.prevent_default();
            drawn.with_untracked(|l| l.get(i).map(|d| go(&d.mark.path)));
        } else if let Some(j) = drawn.with_untracked(|l| step(l, i, &key)) {
            ev.prevent_default();
            if let Some(el) = mark_element(&group, j) {
                let _ = el.focus();
            }
        }
    };
    let on_click = move |ev: web_sys::MouseEvent| {
        if let Some((i, _)) = target(&ev) {
            drawn.with_untracked(|l| l.get(i).map(|d| go(&d.mark.path)));
        }
    };
    let list = items(move || {
        let len = drawn.with(Vec::len);
        // A tab stop that is gone goes back to the first mark.
        if current.get_value() >= len {
            current.set_value(0);
        }
        let stop = current.get_value();
        drawn
            .get()
            .into_iter()
            .enumerate()
            .map(|(i, d)| {
                let key = (i, i == stop, format!("{:?}", d));
                item(key, move || mark(i, &d, stop))
            })
            .collect()
    });
    view! {
        <g class="marks" role="toolbar" aria-label="Marks of the timeline chart"
            on:focusin=on_focus
            on:focusout=move |_| focused.set(None)
            on:mouseover=move |ev| hovered.set(target(&ev).map(|t| t.0))
            on:mouseout=move |_| hovered.set(None)
            on:keydown=on_key
            on:click=on_click>
            <Keyed items=list />
        </g>
        {move || {
            let shown = hovered.get().or(focused.get())?;
            let ring = focused.get() == Some(shown);
            drawn.with(|l| l.get(shown).map(|d| tooltip(d, ring)))
        }}
    }
    .into_any()
}

/// Where the rows of the chart are: key times, events, updates, and the height.
fn rows_y(c: &Layout) -> (f64, f64, f64, f64) {
    let axis = 18.0;
    let impact_y = axis + 10.0;
    let spans_y = impact_y + ROW;
    let milestones_y = spans_y + ROW * c.spans.len() as f64 + 12.0;
    let events_y = milestones_y + ROW + 6.0;
    let updates_y = events_y + ROW + 6.0;
    let height = updates_y + if c.updates.is_empty() { 4.0 } else { ROW };
    (milestones_y, events_y, updates_y, height)
}

/// The marks of a layout, in the order the arrow keys move through them.
fn drawn_marks(c: &Layout) -> Vec<Drawn> {
    let (milestones_y, events_y, updates_y, _) = rows_y(c);
    [
        (&c.milestones, milestones_y),
        (&c.events, events_y),
        (&c.updates, updates_y),
    ]
    .into_iter()
    .enumerate()
    .flat_map(|(row, (list, y))| {
        list.iter().map(move |mark| Drawn {
            mark: mark.clone(),
            row,
            y,
            diamond: row == 0,
        })
    })
    .collect()
}

/// The picture around the marks: drawn again only when it changes (see [`Frame`]).
fn draw(c: Layout, drawn: Memo<Vec<Drawn>>) -> AnyView {
    let axis = 18.0;
    let impact_y = axis + 10.0;
    let spans_y = impact_y + ROW;
    let (milestones_y, events_y, updates_y, height) = rows_y(&c);
    let view_box = format!("0 0 {:.0} {height:.0}", px(WIDTH) + LEFT);
    let name = format!("Timeline chart: {}.", c.summary);
    let bottom = format!("{height:.0}");
    let has_updates = !c.updates.is_empty();
    view! {
        <svg class="chart" viewBox=view_box>
            <g role="img" aria-label=name aria-describedby=format!("{KEY_TIMES_ID} {METRICS_ID}")>
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
            <text class="row-label" x=fmt(0.0) y=format!("{:.0}", events_y - 10.0)>"Events"</text>
            {has_updates.then(|| view! { <text class="row-label" x=fmt(0.0) y=format!("{:.0}", updates_y - 10.0)>"Status updates"</text> })}
            </g>
            {marks(drawn)}
        </svg>
    }
    .into_any()
}

/// The chart panel: shown when the document has a time that reads.
#[component]
pub fn Chart() -> impl IntoView {
    let ed = editor();
    // The frame (axis, spans, rows) and the marks change apart: typing in an
    // event changes one mark, and only that mark is drawn again. The frame
    // keeps the marks' rows (whether there are updates) but not the marks.
    let frame = Memo::new(move |_| {
        ed.chart.with(|c| {
            c.as_ref().map(|c| {
                let mut f = c.clone();
                f.milestones.clear();
                f.events.clear();
                // Whether there are updates shapes the frame; which ones does not.
                let placeholder = Mark {
                    x: 0.0,
                    label: String::new(),
                    time: String::new(),
                    approximate: false,
                    kind: "",
                    path: String::new(),
                };
                f.updates = if c.updates.is_empty() {
                    Vec::new()
                } else {
                    vec![placeholder]
                };
                f
            })
        })
    });
    let drawn = Memo::new(move |_| {
        ed.chart
            .with(|c| c.as_ref().map(drawn_marks).unwrap_or_default())
    });
    view! {
        <section class="panel chart-panel" role="region" aria-label="Timeline chart"
            class:empty=move || ed.chart.with(|c| c.is_none())>
            <h2>"Timeline chart"</h2>
            {move || match frame.get() {
                Some(c) => draw(c, drawn),
                None => view! { <p class="hint">"The chart appears once the postmortem has a time."</p> }.into_any(),
            }}
            <p class="hint">"Diamonds are the key times, dots the events (hollow: approximate); the key times in the form and the preview say the same in words. With the keyboard, Tab to the marks, move between them with the arrow keys, and press Enter to go to one's row."</p>
        </section>
    }
}
