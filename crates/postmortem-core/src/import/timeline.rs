//! Timeline entries: a line's leading time and text (a second clock checked,
//! a range kept in the text, an unknown time kept with none), placed after
//! the entry above; then the timeline in time order, and recoveries timed
//! before the start listed for checking.

use super::*;

/// The text of a timeline entry after its time: separators dropped, a
/// second clock that agrees with the first dropped ("09:10 PDT / 16:10 UTC"),
/// the end of a range kept ("09:58–10:27 UTC — x" becomes "x (until 10:27 UTC)").
pub(super) fn entry_text(body: &str, m: &Moment) -> (String, Option<Moment>) {
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
pub(super) fn unknown_time(body: &str) -> Option<&str> {
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
pub(super) fn push_entry(
    r: &mut Reader,
    i: usize,
    m: &Moment,
    text: String,
    second: Option<Moment>,
) -> bool {
    let idx = r.doc.timeline.len();
    let anchor = r.last.clone();
    let at = r.place(
        i,
        m,
        anchor.as_ref(),
        format!("timeline[{idx}].at"),
        "Timeline",
    );
    if let (Some(stamp), Some(other)) = (&at, &second) {
        // Two clocks on one line must agree.
        let first = zones::parse_stamp(stamp).ok();
        let ctx_anchor = first.clone();
        let check = r.ctx.place(other, r.day, ctx_anchor.as_ref()).ok();
        let agree = match (first, check.and_then(|p| zones::parse_stamp(&p.stamp).ok())) {
            (Some(a), Some(b)) => a.timestamp() == b.timestamp(),
            _ => true,
        };
        if !agree {
            let line = short(r.lines[i].trim());
            r.item(ItemKind::Unsure, "clock.clash", i, format!("timeline[{idx}].at"), format!("Timeline \u{201c}{line}\u{201d}: the two times on this line disagree; the first was taken."));
        }
    }
    if let Some(z) = at.as_ref().and_then(|s| zones::parse_stamp(s).ok()) {
        r.last = Some(z);
    }
    let placed = at.is_some();
    let kind = guess_kind(&text);
    let instant = placed
        .then(|| r.last.as_ref().map(|z| z.timestamp()))
        .flatten();
    r.push_timeline(
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
pub(super) fn read_timeline_line(r: &mut Reader, i: usize) -> bool {
    let line = r.lines[i].clone();
    let body = line
        .trim()
        .trim_start_matches(['-', '*', '\u{2022}', '+'])
        .trim_start();
    // A numbered list: "1. 08:14 x".
    let digits = body.len() - body.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let body = if digits > 0 && body[digits..].starts_with(". ") {
        body[digits + 2..].trim_start()
    } else {
        body
    };
    let body = body
        .strip_prefix("**")
        .map(|b| b.replacen("**", "", 1))
        .unwrap_or_else(|| body.to_string());
    let body = body.as_str();
    if let Some(rest) = unknown_time(body) {
        let idx = r.doc.timeline.len();
        r.item(ItemKind::KeptAsText, "time.unknown", i, format!("timeline[{idx}].at"), format!("Timeline \u{201c}{}\u{201d}: the document does not know when this happened; the entry has no time.", short(rest)));
        r.push_timeline(
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

/// Puts the timeline in time order (entries with no time stay after the one
/// above them), and moves review paths with their entries.
pub(super) fn order_timeline(r: &mut Reader) {
    let mut key = None;
    let mut keyed: Vec<(Option<jiff::Timestamp>, usize)> = Vec::new();
    for (i, e) in r.doc.timeline.iter().enumerate() {
        // As placed, else (an entry added another way) read from its stamp.
        let at = match r.entry_at.get(i) {
            Some(&at) => at,
            None => zones::instant(e.at.as_ref()),
        };
        if let Some(t) = at {
            key = Some(t);
        }
        keyed.push((key, i));
    }
    keyed.sort_by_key(|(t, i)| (*t, *i));
    if keyed.iter().enumerate().all(|(n, (_, i))| n == *i) {
        return;
    }
    let old = std::mem::take(&mut r.doc.timeline);
    let mut new_index = vec![0; old.len()];
    for (n, (_, i)) in keyed.iter().enumerate() {
        new_index[*i] = n;
    }
    let mut slots: Vec<Option<TimelineEntry>> = old.into_iter().map(Some).collect();
    r.doc.timeline = keyed.iter().filter_map(|(_, i)| slots[*i].take()).collect();
    r.entry_at = keyed
        .iter()
        .map(|(_, i)| r.entry_at.get(*i).copied().flatten())
        .collect();
    r.entry_lines = keyed
        .iter()
        .map(|(_, i)| r.entry_lines.get(*i).copied().unwrap_or(0))
        .collect();
    let remap = |path: &mut String| {
        if let Some(rest) = path.strip_prefix("timeline[") {
            if let Some((num, tail)) = rest.split_once(']') {
                if let Some(n) = num.parse::<usize>().ok().and_then(|i| new_index.get(i)) {
                    *path = format!("timeline[{n}]{tail}");
                }
            }
        }
    };
    r.items.iter_mut().for_each(|i| remap(&mut i.path));
    r.zone_paths.iter_mut().for_each(remap);
    r.date_paths.iter_mut().for_each(remap);
}

/// An event timed before the incident start is listed: a reader wrote it so,
/// but it is often a slip ("At 7:32 p.m." for 9:32).
pub(super) fn before_start(r: &mut Reader) {
    let Some(start) = zones::instant(r.doc.times.started.as_ref()) else {
        return;
    };
    let mut found = Vec::new();
    for (i, e) in r.doc.timeline.iter().enumerate() {
        let Some(t) = zones::instant(e.at.as_ref()) else {
            continue;
        };
        let recovery = matches!(e.kind, TimelineKind::Mitigation | TimelineKind::Resolution)
            || e.text.to_lowercase().contains("restor")
            || e.text.to_lowercase().contains("reinstat");
        if t < start && recovery {
            found.push((i, short(&e.text)));
        }
    }
    for (i, text) in found {
        let line = r.entry_line(i);
        r.item(ItemKind::Unsure, "before_start", line, format!("timeline[{i}].at"), format!("Timeline \u{201c}{text}\u{201d}: a recovery timed before the impact started; check the time."));
    }
}
