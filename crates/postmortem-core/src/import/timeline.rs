//! Timeline entries written as lines: a line's leading time and text (a
//! second clock checked, a range kept in the text, an unknown time kept with
//! none), placed after the entry above. Also used by the table reader for a
//! timeline table's rows. Once the timeline is in time order, recoveries
//! timed before the start are listed for checking.

use super::entries::{Ordered, Path};
use super::lines::{guess_kind, short};
use super::reader::{Finding, Reader};
use super::when::{self, Moment};
use crate::gfm::{self, Marker};
use crate::model::{Stamp, TimelineEntry, TimelineKind};
use crate::review::{ItemCode, ItemKind};
use crate::time::words;
use crate::time::zones;

/// The text of a timeline entry after its time: separators dropped, a
/// second clock that agrees with the first dropped ("09:10 PDT / 16:10 UTC"),
/// the end of a range kept ("09:58–10:27 UTC — x" becomes "x (until 10:27 UTC)").
pub fn entry_text(body: &str, m: &Moment) -> (String, Option<Moment>) {
    let dashes = ['-', ':', '|', '\u{2013}', '\u{2014}', '/', ',', ' '];
    let until = words::range_end(body, m.clock.end).map(|r| {
        let zone_end = words::zone_after(body, m.clock.end).map_or(r.end, |z| z.1.max(r.end));
        body[r.start..zone_end].trim().to_string()
    });
    let mut rest = body[m.end..].trim_start_matches(dashes);
    let mut second = None;
    // A second clock starts the rest ("/ 16:10 UTC — …"); nothing else is looked for.
    let starts_with_time = rest.starts_with(|c: char| c.is_ascii_digit());
    if let Some(other) = starts_with_time
        .then(|| when::moment_in(rest, 0))
        .flatten()
        .filter(|o| o.clock.start == 0 && o.zone.is_some())
    {
        rest = rest[other.end..].trim_start_matches(dashes);
        second = Some(other);
    }
    let mut text = rest.trim().to_string();
    if let Some(u) = until {
        text = if text.is_empty() {
            format!("Until {u}")
        } else {
            format!("{text} (until {u})")
        };
    }
    (text, second)
}

/// Words that stand for a time nobody knows: `[???]`, `??:??`, `TBD`.
pub fn unknown_time(body: &str) -> Option<&str> {
    for mark in [
        "[???]",
        "[??]",
        "[?]",
        "??:??",
        "???",
        "??",
        "xx:xx",
        "XX:XX",
        "TBD",
        "[unknown]",
    ] {
        if let Some(rest) = body.strip_prefix(mark) {
            return Some(rest.trim_start_matches(['-', ':', ' ', '\u{2013}', '\u{2014}']));
        }
    }
    None
}

/// Adds a timeline entry for a time found on line `i`; false when it cannot be placed.
pub fn push_entry(
    r: &mut Reader,
    i: usize,
    m: &Moment,
    text: String,
    second: Option<Moment>,
) -> bool {
    let id = r.entries().next_id();
    let anchor = r.last().cloned();
    let at = r.place(i, m, anchor.as_ref(), Path::Entry(id), "Timeline");
    if let (Some(stamp), Some(other)) = (&at, &second) {
        // Two clocks on one line must agree.
        let first = zones::parse_stamp(stamp).ok();
        let ctx_anchor = first.clone();
        let check = r.ctx().place(other, r.day(), ctx_anchor.as_ref()).ok();
        let agree = match (first, check.and_then(|p| zones::parse_stamp(&p.stamp).ok())) {
            (Some(a), Some(b)) => a.timestamp() == b.timestamp(),
            _ => true,
        };
        if !agree {
            let line = short(r.line(i).trim());
            r.item(ItemKind::Unsure, ItemCode::ClockClash, i, Path::Entry(id), format!("Timeline \u{201c}{line}\u{201d}: the two times on this line disagree; the first was taken."));
        }
    }
    if let Some(z) = at.as_ref().and_then(|s| zones::parse_stamp(s).ok()) {
        r.follow(z);
    }
    let placed = at.is_some();
    let kind = guess_kind(&text);
    let instant = placed.then(|| r.last().map(|z| z.timestamp())).flatten();
    r.push_entry(
        TimelineEntry {
            at,
            approximate: m.approximate,
            kind,
            text,
        },
        i,
        instant,
    );
    placed
}

/// "03:15 WAT - text", "- 7:52 : text", "8:04: text", "2017/01/31 23:00-ish x" as a timeline entry.
pub fn read_timeline_line(r: &mut Reader, i: usize) -> bool {
    let line = r.line(i).to_string();
    // Bullets, however many ("**08:14**" loses its stars here, as
    // before), then a numbered item: "1. 08:14 x".
    let mut body = line.trim();
    while let Some(m @ Marker::Bullet(_)) = gfm::marker(body) {
        body = &body[m.width()..];
    }
    let body = body.trim_start();
    let body = match gfm::marker(body) {
        Some(Marker::Numbered { digits }) if body[digits..].starts_with(". ") => {
            body[digits + 2..].trim_start()
        }
        _ => body,
    };
    let body = body
        .strip_prefix("**")
        .map(|b| b.replacen("**", "", 1))
        .unwrap_or_else(|| body.to_string());
    let body = body.as_str();
    if let Some(rest) = unknown_time(body) {
        let id = r.entries().next_id();
        r.item(ItemKind::KeptAsText, ItemCode::TimeUnknown, i, Path::Entry(id), format!("Timeline \u{201c}{}\u{201d}: the document does not know when this happened; the entry has no time.", short(rest)));
        r.push_entry(
            TimelineEntry {
                at: None,
                approximate: false,
                kind: guess_kind(rest),
                text: rest.to_string(),
            },
            i,
            None,
        );
        r.take(i);
        return true;
    }
    let Some(m) = when::moment_in(body, 0) else {
        return false;
    };
    let lead = m.day.map_or(m.clock.start, |d| d.start.min(m.clock.start));
    let prefix = body[..lead].trim().to_ascii_lowercase();
    let estimate_word = [
        "~",
        "around",
        "about",
        "approx.",
        "approximately",
        "circa",
        "ca.",
    ]
    .contains(&prefix.as_str());
    // "Recovery - 2017/01/31 23:00 (…)": a short label before a dated time.
    let label = m.day.is_some()
        && prefix.split_whitespace().count() <= 3
        && prefix.ends_with(['-', ':', '\u{2013}', '\u{2014}']);
    if !prefix.is_empty() && !estimate_word && !label {
        return false;
    }
    if m.clock.bare_hour && m.clock.pm.is_none() && m.clock.end > body.len() {
        return false;
    }
    let (mut text, second) = entry_text(body, &m);
    if label {
        text = format!(
            "{} {text}",
            body[..lead]
                .trim()
                .trim_end_matches(['-', ':', '\u{2013}', '\u{2014}'])
                .trim()
        );
    }
    if push_entry(r, i, &m, text, second) {
        r.take(i);
    }
    true
}

/// An event timed before the incident start (`started`) is listed: a
/// reader wrote it so, but it is often a slip ("At 7:32 p.m." for 9:32).
pub fn before_start(started: Option<&Stamp>, timeline: &Ordered) -> Vec<Finding> {
    let Some(start) = zones::instant(started) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for p in &timeline.list {
        let e = &p.entry;
        let Some(t) = zones::instant(e.at.as_ref()) else {
            continue;
        };
        let recovery = matches!(e.kind, TimelineKind::Mitigation | TimelineKind::Resolution)
            || e.text.to_lowercase().contains("restor")
            || e.text.to_lowercase().contains("reinstat");
        if t < start && recovery {
            let text = short(&e.text);
            found.push(Finding {
                kind: ItemKind::Unsure,
                code: ItemCode::BeforeStart,
                line: p.line + 1,
                path: Path::Entry(p.id),
                message: format!("Timeline \u{201c}{text}\u{201d}: a recovery timed before the impact started; check the time."),
            });
        }
    }
    found
}
