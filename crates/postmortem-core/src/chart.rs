//! The timeline chart's geometry, for the editor to draw as SVG: where the
//! impact window, the response spans, the key times, the events and the
//! status updates fall on one time axis, with ticks, day boundaries and
//! clock changes in the zone the times are shown in. Positions run from 0
//! to [`WIDTH`]. Nothing here draws; the UI turns a [`Layout`] into SVG.

use crate::metrics;
use crate::model::{Document, KeyTime};
use crate::path::{Part, Path, Top};
use crate::time::zones::instant;
use crate::time::zones::{self, Zone};
use jiff::civil::DateTime;
use jiff::tz::AmbiguousOffset;
use jiff::{SignedDuration, Timestamp};

/// The width of the axis, in the chart's own units.
pub const WIDTH: f64 = 1000.0;

/// A place on the axis with its words.
#[derive(Debug, Clone, PartialEq)]
pub struct Tick {
    pub x: f64,
    pub label: String,
}

/// A span of the axis (the impact, time to detect…), named and measured.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    pub x0: f64,
    pub x1: f64,
    pub label: String,
}

/// A moment on the chart: a key time, an event or a status update.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    pub x: f64,
    /// What it is ("Detected", the event's text).
    pub label: String,
    /// When, in the chart's zone ("2025-10-26 02:47 CET").
    pub time: String,
    pub approximate: bool,
    /// The kind or state word (events and updates), for its look.
    pub kind: &'static str,
    /// The form field it came from, to go to it.
    pub path: Path,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub zone: String,
    pub impact: Option<Span>,
    pub spans: Vec<Span>,
    pub milestones: Vec<Mark>,
    pub events: Vec<Mark>,
    pub updates: Vec<Mark>,
    pub ticks: Vec<Tick>,
    /// Midnights in the zone, labelled with the new date.
    pub days: Vec<Tick>,
    /// Clock changes in the zone ("CEST → CET").
    pub changes: Vec<Tick>,
    /// A sentence saying what the chart shows, for its accessible name.
    pub summary: String,
}

/// The chart of `doc` with times shown in `zone`, or None when no time of
/// the document reads.
pub fn layout(doc: &Document, zone: &str) -> Option<Layout> {
    let tz = zones::zone_or_utc(zone);
    let key = |k: KeyTime| instant(doc.times.get(k));
    let all: Vec<Timestamp> = KeyTime::ALL
        .iter()
        .filter_map(|k| key(*k))
        .chain(doc.timeline.iter().filter_map(|e| instant(e.at.as_ref())))
        .chain(doc.updates.iter().filter_map(|u| instant(u.at.as_ref())))
        .collect();
    let first = *all.iter().min()?;
    let last = *all.iter().max()?;
    // A margin each side; a single moment gets ten minutes of room.
    let span = last
        .duration_since(first)
        .max(SignedDuration::from_mins(10));
    let margin = SignedDuration::from_secs(span.as_secs() / 20 + 60);
    let t0 = first.checked_sub(margin).unwrap_or(first);
    let t1 = last.checked_add(margin).unwrap_or(last);
    let total = t1.duration_since(t0).as_secs_f64().max(1.0);
    let x = |t: Timestamp| t.duration_since(t0).as_secs_f64() / total * WIDTH;
    let show = |t: Timestamp| zones::show(&t.to_zoned(tz.clone()), &tz);

    // The impact window and the response spans, named, measured and marked
    // "≈" as the Mermaid chart of the export names them (core::metrics).
    let drawn = |s: metrics::Span| Span {
        x0: x(s.start),
        x1: x(s.end),
        label: s.text(),
    };
    let impact = metrics::impact_window(doc).map(drawn);
    let spans = metrics::response_spans(doc)
        .into_iter()
        .map(drawn)
        .collect();
    let mark =
        |t: Timestamp, label: String, approximate: bool, kind: &'static str, path: Path| Mark {
            x: x(t),
            label,
            time: show(t),
            approximate,
            kind,
            path,
        };
    let milestones = KeyTime::ALL
        .iter()
        .filter_map(|k| {
            let t = key(*k)?;
            Some(mark(
                t,
                k.label().to_string(),
                doc.times.is_approximate(*k),
                "milestone",
                Path::part(Top::Times, Part::key(*k)),
            ))
        })
        .collect();
    let events = doc
        .timeline
        .iter()
        .enumerate()
        .filter_map(|(i, e)| {
            let t = instant(e.at.as_ref())?;
            Some(mark(
                t,
                short(&e.text),
                e.approximate,
                e.kind.word(),
                Path::row(Top::Timeline, i, Part::Text),
            ))
        })
        .collect::<Vec<_>>();
    let updates = doc
        .updates
        .iter()
        .enumerate()
        .filter_map(|(i, u)| {
            let t = instant(u.at.as_ref())?;
            Some(mark(
                t,
                short(&u.text),
                false,
                u.state.word(),
                Path::row(Top::Updates, i, Part::Text),
            ))
        })
        .collect::<Vec<_>>();
    let (ticks, days) = ticks(t0, t1, &tz, &x);
    let changes = tz
        .following(t0)
        .take_while(|c| c.timestamp() <= t1)
        .take(12)
        .map(|c| {
            let t = c.timestamp();
            let before = t
                .checked_sub(SignedDuration::from_secs(1))
                .map(|b| zones::abbreviation(&tz, b))
                .unwrap_or_default();
            Tick {
                x: x(t),
                label: format!("{before} \u{2192} {}", zones::abbreviation(&tz, t)),
            }
        })
        .collect();
    let mut summary = vec![];
    if let Some(i) = &impact {
        summary.push(i.label.to_lowercase());
    }
    summary.push(format!(
        "{} event{}",
        events.len(),
        if events.len() == 1 { "" } else { "s" }
    ));
    if !updates.is_empty() {
        summary.push(format!(
            "{} status update{}",
            updates.len(),
            if updates.len() == 1 { "" } else { "s" }
        ));
    }
    summary.push(format!("times in {}", zones::zone_label(&tz)));
    Some(Layout {
        zone: zones::zone_label(&tz),
        impact,
        spans,
        milestones,
        events,
        updates,
        ticks,
        days,
        changes,
        summary: summary.join(", "),
    })
}

/// The first words of a text, for a tooltip.
fn short(text: &str) -> String {
    let line = text.lines().next().unwrap_or("").trim();
    if line.chars().count() > 80 {
        format!("{}\u{2026}", line.chars().take(79).collect::<String>())
    } else {
        line.to_string()
    }
}

/// Round wall-clock ticks (at most about eight) between `t0` and `t1` in
/// `tz`, and the midnights between them.
fn ticks(
    t0: Timestamp,
    t1: Timestamp,
    tz: &Zone,
    x: &dyn Fn(Timestamp) -> f64,
) -> (Vec<Tick>, Vec<Tick>) {
    const STEPS_MIN: [i64; 16] = [
        1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080, 20160, 43200,
    ];
    let minutes = t1.duration_since(t0).as_mins().max(1);
    // Beyond the table (a year typed wrong), about eight ticks still.
    let step = STEPS_MIN
        .into_iter()
        .find(|s| minutes / s <= 8)
        .unwrap_or(minutes / 8 + 1);
    let at = |dt: DateTime| {
        tz.to_ambiguous_zoned(dt)
            .compatible()
            .ok()
            .map(|z| z.timestamp())
    };
    // In an hour the clocks repeat, a wall-clock tick happens twice: both
    // count. A wall-clock time the clocks skipped is no tick at all.
    let both = |dt: DateTime| {
        let amb = tz.to_ambiguous_zoned(dt);
        match amb.offset() {
            AmbiguousOffset::Unambiguous { .. } => {
                [amb.compatible().ok().map(|z| z.timestamp()), None]
            }
            AmbiguousOffset::Gap { .. } => [None, None],
            AmbiguousOffset::Fold { .. } => [
                amb.clone().earlier().ok().map(|z| z.timestamp()),
                amb.later().ok().map(|z| z.timestamp()),
            ],
        }
    };
    let local0 = t0.to_zoned(tz.clone()).datetime();
    let mut civil = local0.date().at(0, 0, 0, 0);
    let (mut out, mut days) = (Vec::new(), Vec::new());
    for _ in 0..4000 {
        let Some(t) = at(civil) else { break };
        if t > t1 {
            break;
        }
        for t in both(civil).into_iter().flatten() {
            if t >= t0 && t <= t1 {
                let label = if step > 43200 {
                    civil.date().to_string()
                } else if step >= 1440 {
                    format!("{:02}-{:02}", civil.month(), civil.day())
                } else {
                    format!("{:02}:{:02}", civil.hour(), civil.minute())
                };
                out.push(Tick { x: x(t), label });
            }
        }
        let Ok(next) = civil.checked_add(SignedDuration::from_mins(step)) else {
            break;
        };
        civil = next;
    }
    if minutes <= 8 * 1440 {
        let mut day = local0.date();
        for _ in 0..10 {
            let Ok(next) = day.tomorrow() else { break };
            day = next;
            let Some(t) = at(day.at(0, 0, 0, 0)) else {
                break;
            };
            if t > t1 {
                break;
            }
            days.push(Tick {
                x: x(t),
                label: day.to_string(),
            });
        }
    }
    (out, days)
}

/// Lanes for marks at `xs` (axis positions, in any order) so that two marks
/// in one lane are at least `gap` apart: the marks of a cluster are spread
/// over lanes, one under the other, and each stays visible. A mark goes to
/// the first lane free at its place (time order, so the fewest lanes a
/// cluster needs); with `max` lanes all taken, to the lane free soonest,
/// where it overlaps the least. Lane 0 for every mark when `max` is 0 or 1.
pub fn lanes(xs: &[f64], gap: f64, max: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..xs.len()).collect();
    order.sort_by(|a, b| xs[*a].total_cmp(&xs[*b]));
    let mut out = vec![0; xs.len()];
    // The place of the last mark of each lane.
    let mut ends: Vec<f64> = Vec::new();
    for i in order {
        let x = xs[i];
        let lane = match ends.iter().position(|end| x - end >= gap) {
            Some(free) => free,
            None if ends.len() < max.max(1) => {
                ends.push(f64::NEG_INFINITY);
                ends.len() - 1
            }
            None => ends
                .iter()
                .enumerate()
                .min_by(|a, b| a.1.total_cmp(b.1))
                .map_or(0, |(l, _)| l),
        };
        ends[lane] = x;
        out[i] = lane;
    }
    out
}
