//! The timeline chart beside the form: the core's chart layout drawn as SVG.
//! It is recomputed with the preview, after typing pauses, never on each
//! keystroke. The picture is one image with a name that says what it shows
//! and the key times and metrics of the form as its text alternative. Its marks
//! (key times, events, status updates) sit above it as one toolbar, one tab
//! stop: the arrow keys move between them, and hover or focus shows a mark's
//! time and text in a tooltip; a click, Enter or Space goes to its row.
//! Marks close in time are spread over lanes, one under the other, so each
//! stays visible and can be pointed at. "Enlarge" opens the same chart at
//! the width of the window in a dialog, with a legend; printing draws it at
//! the width of the text (while the browser prints, see [`Chart`]).

use super::dialog::Modal;
use super::panels::focus_path;
use super::state::editor;
use super::widgets::{item, items, Keyed};
use leptos::prelude::*;
use postmortem_core::chart::{lanes, Layout, Mark, Tick, WIDTH};
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::JsCast;

const LEFT: f64 = 8.0;
const ROW: f64 = 24.0;
/// The layout's axis (0 to WIDTH) in the picture's units: about the width
/// of the side panel, so 11-unit text reads at about 11 px.
const SCALE: f64 = 0.34;
/// The enlarged chart: about the width of a laptop's window.
const LARGE: f64 = 1.2;
/// The printed chart: the width of the text on A4 or Letter (182 mm, about
/// 690 px), so its text prints at about 8 pt.
const PRINT: f64 = 0.67;
/// From one lane of dots to the next (a dot is 10 units across), and of diamonds (14).
const LANE: f64 = 11.0;
const DIAMOND_LANE: f64 = 15.0;
/// At most this many lanes in a row; beyond, marks share the lane free soonest.
const MAX_LANES: usize = 24;
/// The ids of the key times and the response metrics in the form: the
/// chart's text alternative, there whenever the chart is.
pub const KEY_TIMES_ID: &str = "key-times";
pub const METRICS_ID: &str = "response-metrics";
/// About the width of a character of the chart's text, in its units.
const CHAR: f64 = 6.2;

/// The picture's units per unit of the axis.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Scale(f64);

impl Scale {
    fn px(self, x: f64) -> f64 {
        LEFT + x * self.0
    }

    fn fmt(self, x: f64) -> String {
        format!("{:.1}", self.px(x))
    }

    /// The width of the picture.
    fn width(self) -> f64 {
        self.px(WIDTH) + LEFT
    }

    /// Where a label of a span from `x0` to `x1` starts: after its end,
    /// else at its start (over the bar), and never past either edge.
    fn label_at(self, x0: f64, x1: f64, text: &str) -> String {
        let width = text_width(text);
        let right = self.width() - 2.0;
        let after = self.px(x1) + 4.0;
        let x = if after + width <= right {
            after
        } else {
            (self.px(x0) + 4.0).min(right - width).max(2.0)
        };
        format!("{x:.1}")
    }

    /// Where a label centred on `x` goes, moved in from the edges.
    fn centred_at(self, x: f64, text: &str) -> String {
        let half = text_width(text) / 2.0;
        let at = self.px(x).min(self.width() - 2.0 - half).max(2.0 + half);
        format!("{at:.1}")
    }
}

/// About how wide `text` is in the chart's 10.5-unit type.
fn text_width(text: &str) -> f64 {
    text.chars().count() as f64 * CHAR
}

/// A mark as drawn: where, which row (0 key times, 1 events, 2 updates),
/// its shape and what it says.
#[derive(Debug, Clone, PartialEq)]
struct Drawn {
    mark: Mark,
    row: usize,
    /// Its centre in the picture.
    cx: f64,
    y: f64,
    diamond: bool,
    /// The picture's width, to keep its tooltip inside.
    right: f64,
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

/// What a chart does when a mark is chosen: the enlarged one closes first.
type OnGo = Callback<String>;

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
    let right = d.right;
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
    let cx = d.cx;
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

/// The classes of a mark: its shape, row, kind, and hollow when approximate.
fn mark_class(diamond: bool, row: usize, kind: &str, approximate: bool) -> String {
    format!(
        "mark {} kind-{kind}{}",
        if diamond {
            "diamond"
        } else if row == 1 {
            "dot event"
        } else {
            "dot update"
        },
        if approximate { " approx" } else { "" }
    )
}

/// A diamond's corners around (`cx`, `y`).
fn diamond_points(cx: f64, y: f64) -> String {
    format!(
        "{:.1},{:.1} {:.1},{:.1} {:.1},{:.1} {:.1},{:.1}",
        cx,
        y - 7.0,
        cx + 7.0,
        y,
        cx,
        y + 7.0,
        cx - 7.0,
        y
    )
}

/// A mark: a dot (events, updates) or a diamond (key times), hollow when
/// approximate; the first is the toolbar's tab stop.
fn mark(i: usize, d: &Drawn, tab_stop: usize) -> AnyView {
    let m = &d.mark;
    let class = mark_class(d.diamond, d.row, m.kind, m.approximate);
    let (cx, y) = (d.cx, d.y);
    let tabindex = if i == tab_stop { "0" } else { "-1" };
    if d.diamond {
        view! { <polygon class=class points=diamond_points(cx, y) role="button" tabindex=tabindex data-i=i aria-label=d.name()></polygon> }
            .into_any()
    } else {
        view! { <circle class=class cx=format!("{cx:.1}") cy=format!("{y:.1}") r="5" role="button" tabindex=tabindex data-i=i aria-label=d.name()></circle> }.into_any()
    }
}

/// The marks, one toolbar over the picture, with the tooltip of the one
/// hovered or focused. Keyed: after an edit only the marks that changed are
/// drawn again (a 500-event chart is not rebuilt for one event's text).
fn marks(drawn: Memo<Vec<Drawn>>, on_go: OnGo) -> AnyView {
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
            if let Some(path) = drawn.with_untracked(|l| l.get(i).map(|d| d.mark.path)) {
                on_go.run(path.to_string());
            }
        } else if let Some(j) = drawn.with_untracked(|l| step(l, i, &key)) {
            ev.prevent_default();
            if let Some(el) = mark_element(&group, j) {
                let _ = el.focus();
            }
        }
    };
    let on_click = move |ev: web_sys::MouseEvent| {
        if let Some((i, _)) = target(&ev) {
            if let Some(path) = drawn.with_untracked(|l| l.get(i).map(|d| d.mark.path)) {
                on_go.run(path.to_string());
            }
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

/// Where the rows of a chart are (the first lane of each), and its height.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Rows {
    milestones_y: f64,
    events_y: f64,
    updates_y: f64,
    height: f64,
}

/// The lanes of each row's marks at `scale`: key times, events, updates.
fn mark_lanes(c: &Layout, scale: Scale) -> [Vec<usize>; 3] {
    let of = |list: &[Mark], pitch: f64| {
        let xs: Vec<f64> = list.iter().map(|m| m.x).collect();
        lanes(&xs, pitch / scale.0, MAX_LANES)
    };
    [
        of(&c.milestones, DIAMOND_LANE),
        of(&c.events, LANE),
        of(&c.updates, LANE),
    ]
}

/// The rows of a chart whose rows have `counts` lanes.
fn rows_y(spans: usize, counts: [usize; 3], has_updates: bool) -> Rows {
    let extra = |n: usize, pitch: f64| n.saturating_sub(1) as f64 * pitch;
    let axis = 18.0;
    let impact_y = axis + 10.0;
    let spans_y = impact_y + ROW;
    let milestones_y = spans_y + ROW * spans as f64 + 12.0;
    let events_y = milestones_y + extra(counts[0], DIAMOND_LANE) + ROW + 6.0;
    let updates_y = events_y + extra(counts[1], LANE) + ROW + 6.0;
    let height = if has_updates {
        updates_y + extra(counts[2], LANE) + ROW
    } else {
        updates_y + 4.0
    };
    Rows {
        milestones_y,
        events_y,
        updates_y,
        height,
    }
}

/// The marks of a layout, in the order the arrow keys move through them,
/// and the rows they make.
fn drawn_marks(c: &Layout, scale: Scale) -> (Vec<Drawn>, Rows) {
    let lanes = mark_lanes(c, scale);
    let count = |l: &Vec<usize>| l.iter().max().map_or(1, |m| m + 1);
    let rows = rows_y(
        c.spans.len(),
        [count(&lanes[0]), count(&lanes[1]), count(&lanes[2])],
        !c.updates.is_empty(),
    );
    let right = scale.width();
    let drawn = [
        (&c.milestones, rows.milestones_y, DIAMOND_LANE),
        (&c.events, rows.events_y, LANE),
        (&c.updates, rows.updates_y, LANE),
    ]
    .into_iter()
    .zip(lanes)
    .enumerate()
    .flat_map(|(row, ((list, y, pitch), lanes))| {
        list.iter().zip(lanes).map(move |(mark, lane)| Drawn {
            mark: mark.clone(),
            row,
            cx: scale.px(mark.x),
            y: y + lane as f64 * pitch,
            diamond: row == 0,
            right,
        })
    })
    .collect();
    (drawn, rows)
}

/// The picture around the marks: drawn again only when it changes (see [`Chart`]).
fn draw(c: Layout, rows: Rows, scale: Scale, drawn: Memo<Vec<Drawn>>, on_go: OnGo) -> AnyView {
    let axis = 18.0;
    let impact_y = axis + 10.0;
    let spans_y = impact_y + ROW;
    let Rows {
        milestones_y,
        events_y,
        updates_y,
        height,
    } = rows;
    let view_box = format!("0 0 {:.0} {height:.0}", scale.width());
    let name = format!("Timeline chart: {}.", c.summary);
    let bottom = format!("{height:.0}");
    let has_updates = !c.updates.is_empty();
    let fmt = move |x: f64| scale.fmt(x);
    view! {
        <svg class="chart" viewBox=view_box>
            <g role="img" aria-label=name aria-describedby=format!("{KEY_TIMES_ID} {METRICS_ID}")>
            {c.days.into_iter().map(|d| { let at = scale.label_at(d.x, d.x, &d.label); view! {
                <line class="day" x1=fmt(d.x) x2=fmt(d.x) y1="0" y2=bottom.clone()></line>
                <text class="day-label" x=at y=format!("{:.0}", height - 4.0)>{d.label}</text>
            }.into_any() }).collect::<Vec<_>>()}
            {c.changes.into_iter().map(|d| view! {
                <line class="change" x1=fmt(d.x) x2=fmt(d.x) y1="0" y2=bottom.clone()><title>{format!("Clock change: {}", d.label)}</title></line>
            }.into_any()).collect::<Vec<_>>()}
            {c.ticks.into_iter().map(|t| { let at = scale.centred_at(t.x, &t.label); view! {
                <line class="tick" x1=fmt(t.x) x2=fmt(t.x) y1=format!("{axis}") y2=bottom.clone()></line>
                <text class="tick-label" x=at y="12">{t.label}</text>
            }.into_any() }).collect::<Vec<_>>()}
            {c.impact.map(|i| { let at = scale.label_at(i.x0, i.x0, &i.label); view! {
                <rect class="impact" x=fmt(i.x0) y=format!("{:.0}", impact_y - 8.0) width=format!("{:.1}", ((i.x1 - i.x0) * scale.0).max(1.0)) height="16"></rect>
                <text class="span-label" x=at y=format!("{:.0}", impact_y + 4.0)>{i.label}</text>
            } })}
            {c.spans.into_iter().enumerate().map(|(n, s)| {
                let y = spans_y + ROW * n as f64;
                let at = scale.label_at(s.x0, s.x1, &s.label);
                view! {
                    <rect class="span" x=fmt(s.x0) y=format!("{:.0}", y - 5.0) width=format!("{:.1}", ((s.x1 - s.x0) * scale.0).max(1.0)) height="10"></rect>
                    <text class="span-label" x=at y=format!("{:.0}", y + 4.0)>{s.label}</text>
                }.into_any()
            }).collect::<Vec<_>>()}
            <text class="row-label" x=fmt(0.0) y=format!("{:.0}", milestones_y - 10.0)>"Key times"</text>
            <text class="row-label" x=fmt(0.0) y=format!("{:.0}", events_y - 10.0)>"Events"</text>
            {has_updates.then(|| view! { <text class="row-label" x=fmt(0.0) y=format!("{:.0}", updates_y - 10.0)>"Status updates"</text> })}
            </g>
            {marks(drawn, on_go)}
        </svg>
    }
    .into_any()
}

/// The chart at `scale`: its frame (axis, spans, rows) and its marks change
/// apart, so typing in an event draws only that mark again.
fn picture(scale: Scale, on_go: OnGo) -> impl IntoView {
    let ed = editor();
    let placed = Memo::new(move |_| ed.chart.with(|c| c.as_ref().map(|c| drawn_marks(c, scale))));
    // The frame keeps the rows' places (how many lanes, whether there are
    // updates) but not the marks.
    let frame = Memo::new(move |_| {
        let rows = placed.with(|p| p.as_ref().map(|p| p.1))?;
        ed.chart.with(|c| {
            c.as_ref().map(|c| {
                let mut f = c.clone();
                f.milestones.clear();
                f.events.clear();
                f.updates.clear();
                (f, rows, !c.updates.is_empty())
            })
        })
    });
    let drawn =
        Memo::new(move |_| placed.with(|p| p.as_ref().map(|p| p.0.clone()).unwrap_or_default()));
    move || {
        frame.get().map(|(mut c, rows, has_updates)| {
            if has_updates {
                // Whether there are updates shapes the frame; which ones does not.
                c.updates.push(Mark {
                    x: 0.0,
                    label: String::new(),
                    time: String::new(),
                    approximate: false,
                    kind: "",
                    path: postmortem_core::path::Path::field(postmortem_core::path::Top::Updates),
                });
            }
            draw(c, rows, scale, drawn, on_go)
        })
    }
}

/// A small picture of a mark or a line, for the legend.
fn swatch(inner: AnyView) -> AnyView {
    view! { <svg class="chart swatch" viewBox="0 0 18 14" aria-hidden="true">{inner}</svg> }
        .into_any()
}

fn dot_swatch(class: String) -> AnyView {
    swatch(view! { <circle class=class cx="9" cy="7" r="5"></circle> }.into_any())
}

/// What the shapes, colours and lines of the chart mean, in words.
fn legend(days: Vec<Tick>, changes: Vec<Tick>) -> impl IntoView {
    let dot = |kind: &str, approximate: bool| dot_swatch(mark_class(false, 1, kind, approximate));
    let line = |class: &'static str| {
        swatch(view! { <line class=class x1="9" x2="9" y1="0" y2="14"></line> }.into_any())
    };
    let bar = |class: &'static str| {
        swatch(view! { <rect class=class x="1" y="3" width="16" height="8"></rect> }.into_any())
    };
    let mut entries: Vec<(AnyView, String)> = vec![
        (
            swatch(view! { <polygon class=mark_class(true, 0, "milestone", false) points=diamond_points(9.0, 7.0)></polygon> }.into_any()),
            "Key time".into(),
        ),
        (dot("event", false), "Event or communication".into()),
        (dot("detection", false), "Detection or escalation".into()),
        (dot("change", false), "Change".into()),
        (dot("mitigation", false), "Mitigation or resolution".into()),
        (dot_swatch(mark_class(false, 2, "update", false)), "Status update (a row of its own)".into()),
        (dot("event", true), "Approximate time (hollow)".into()),
        (bar("impact"), "Impact".into()),
        (bar("span"), "Time to detect, acknowledge, mitigate, resolve".into()),
    ];
    if !days.is_empty() {
        let list: Vec<String> = days.into_iter().map(|d| d.label).collect();
        entries.push((line("day"), format!("Midnight ({})", list.join(", "))));
    }
    if !changes.is_empty() {
        let list: Vec<String> = changes.into_iter().map(|d| d.label).collect();
        entries.push((
            line("change"),
            format!("Clock change ({})", list.join(", ")),
        ));
    }
    view! {
        <ul class="chart-legend" aria-label="Legend">
            {entries.into_iter().map(|(s, words)| view! { <li>{s}<span>{words}</span></li> }).collect::<Vec<_>>()}
        </ul>
    }
}

/// The legend of the chart of the moment.
fn current_legend() -> impl IntoView {
    let ed = editor();
    move || {
        ed.chart.with(|c| {
            c.as_ref()
                .map(|c| legend(c.days.clone(), c.changes.clone()))
        })
    }
}

/// Whether the browser is printing: between `beforeprint` and `afterprint`.
fn printing() -> ReadSignal<bool> {
    let (get, set) = signal(false);
    for (event, value) in [("beforeprint", true), ("afterprint", false)] {
        let on = Closure::<dyn Fn()>::new(move || set.set(value));
        let _ = window().add_event_listener_with_callback(event, on.as_ref().unchecked_ref());
        // The listener lives as long as the page.
        on.forget();
    }
    get
}

/// The chart panel: shown when the document has a time that reads.
#[component]
pub fn Chart() -> impl IntoView {
    let ed = editor();
    let large = RwSignal::new(false);
    let to_row = Callback::new(move |path: String| go(&path));
    // The enlarged chart closes before going to a row.
    let from_large = Callback::new(move |path: String| {
        large.set(false);
        go(&path);
    });
    // Paper gets its own drawing, as wide as the text: made when printing
    // starts (the browser lays the page out for print after its
    // `beforeprint` listeners and their microtasks), dropped after.
    let printing = printing();
    view! {
        <section class="panel chart-panel" role="region" aria-label="Timeline chart"
            class:empty=move || ed.chart.with(|c| c.is_none())>
            <div class="chart-head">
                <h2>"Timeline chart"</h2>
                <button type="button" class="chart-enlarge" aria-label="Enlarge the chart" aria-haspopup="dialog"
                    hidden=move || ed.chart.with(|c| c.is_none())
                    on:click=move |_| large.set(true)>"Enlarge"</button>
            </div>
            {move || ed.chart.with(|c| c.is_none()).then(|| view! { <p class="hint">"The chart appears once the postmortem has a time."</p> })}
            <div class="chart-screen">{picture(Scale(SCALE), to_row)}</div>
            {move || printing.get().then(|| view! {
                <div class="chart-print">{picture(Scale(PRINT), to_row)}{current_legend()}</div>
            })}
            <p class="hint">"Diamonds are the key times, dots the events (hollow: approximate); the key times in the form and the preview say the same in words. With the keyboard, Tab to the marks, move between them with the arrow keys, and press Enter to go to one's row. Enlarge shows the chart wider, with a legend."</p>
        </section>
        <Modal open=large.into() on_close=Callback::new(move |_| large.set(false)) labelled_by="chart-large-title">
            <div class="chart-large">
                <div class="chart-head">
                    <h2 id="chart-large-title">"Timeline chart"</h2>
                    <button type="button" on:click=move |_| large.set(false)>"Close"</button>
                </div>
                <div class="chart-scroll">{picture(Scale(LARGE), from_large)}</div>
                {current_legend()}
                <p class="hint">"Tab to the marks, move between them with the arrow keys; Enter goes to a mark's row, Escape closes the chart."</p>
            </div>
        </Modal>
    }
}
