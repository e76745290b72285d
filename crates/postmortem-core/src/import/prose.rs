//! Times stated in the narrative: events with their sentence when the
//! timeline lacks them (added after the walk, each listed for checking),
//! the key times a sentence names, and the summary's first range as the
//! incident's span. What the walk has found so far is a [`Narrative`], kept
//! apart from the reader's state.

use super::entries::Path;
use super::inferred::infer_key_time;
use super::lines::{guess_kind, short};
use super::reader::{Finding, Reader};
use super::when::{self, Moment};
use crate::model::{KeyTime, Stamp, TimelineEntry};
use crate::review::{ItemCode, ItemKind};
use crate::time::words;
use crate::time::zones::{self, Zoned};
use std::collections::HashSet;

/// What the narrative has said so far.
#[derive(Default)]
pub struct Narrative {
    /// The first range the summary gives ("From 7:52 p.m. until 1:10 a.m.,
    /// some users could not …"): its line, start and end.
    pub span: Option<(usize, Stamp, Stamp)>,
    /// The last time read in the section's prose: the next one follows it.
    last: Option<Zoned>,
    /// Times read, to be added once the timeline is read (if it lacks them).
    found: Vec<Prose>,
    seen: HashSet<jiff::Timestamp>,
}

/// A time stated in the narrative: the entry it would make, the line, and
/// the key time its sentence names.
struct Prose {
    line: usize,
    entry: TimelineEntry,
    key: Option<KeyTime>,
    /// Assumptions made in placing it (see `Reader::place`), given the
    /// entry's path when it is added.
    unsure: Vec<Finding>,
    /// Read in the assumed zone; dated from the document's date.
    zone_assumed: bool,
    date_assumed: bool,
}

impl Narrative {
    /// A new section: its prose follows no time read before.
    pub fn new_section(&mut self) {
        self.last = None;
    }
}

/// Of a time on the day before, its day and the day after, the one nearest `anchor`.
fn nearest_day(z: &Zoned, anchor: &Zoned) -> Zoned {
    let gap = |c: &Zoned| {
        c.timestamp()
            .duration_since(anchor.timestamp())
            .as_secs()
            .abs()
    };
    [z.yesterday().ok(), Some(z.clone()), z.tomorrow().ok()]
        .into_iter()
        .flatten()
        .min_by_key(gap)
        .unwrap_or_else(|| z.clone())
}

/// Sentence starts in a line: its start and every ". " or "; ".
fn sentence_starts(line: &str) -> Vec<usize> {
    let mut starts = vec![0];
    for (p, _) in line.match_indices(". ") {
        let before = line[..p].to_ascii_lowercase();
        if !(before.ends_with("a.m") || before.ends_with("p.m") || before.ends_with("approx")) {
            starts.push(p + 2);
        }
    }
    starts
}

/// Key times a sentence names: "acknowledged the alert at 06:25".
fn key_time_named(sentence: &str) -> Option<KeyTime> {
    let t = sentence.to_lowercase();
    let has = |w: &[&str]| w.iter().any(|x| t.contains(x));
    if has(&["acknowledged"]) {
        Some(KeyTime::Acknowledged)
    } else if has(&[
        "fully restored",
        "fully recovered",
        "resolved",
        "service restored",
        "restored by",
        "back to normal",
    ]) {
        Some(KeyTime::Resolved)
    } else if has(&["mitigated", "mitigation"]) {
        Some(KeyTime::Mitigated)
    } else if has(&[
        "were alerted",
        "was alerted",
        "paged",
        "detected",
        "alert fired",
        "alerts fired",
    ]) {
        Some(KeyTime::Detected)
    } else {
        None
    }
}

/// Times stated in the narrative ("At 5:12 p.m. half of …", "acknowledged
/// the alert at 06:25"), kept to become entries with their sentence if the
/// timeline does not have them (see [`add_prose_times`]).
/// `summary`: the line is in the summary, where a range ("From 7:52 p.m.
/// until 1:10 a.m., …") is the incident's span.
pub fn narrative_times(r: &mut Reader, n: &mut Narrative, i: usize, summary: bool) {
    // "Posted …" outside an update dates the report, not the incident.
    if r.line(i).trim_start().starts_with("Posted ") {
        return;
    }
    let line = r.line(i).to_string();
    let starts = sentence_starts(&line);
    for (k, &from) in starts.iter().enumerate() {
        let stop = starts.get(k + 1).copied().unwrap_or(line.len());
        let sentence = line[from..stop].trim();
        if summary && n.span.is_none() {
            n.span = span_in(r, i, sentence);
        }
        for m in when::moments(sentence) {
            // Prose numbers are times only with minutes, a.m./p.m. or a zone.
            if m.clock.bare_hour && m.clock.pm.is_none() {
                continue;
            }
            sentence_time(r, n, i, sentence, &m);
        }
    }
}

/// Time `m` of `sentence` on line `i`: placed after the time read before
/// it, and kept unless a time at that instant was kept already.
fn sentence_time(r: &mut Reader, n: &mut Narrative, i: usize, sentence: &str, m: &Moment) {
    let anchor = n.last.clone();
    let Ok(p) = r.ctx().place(m, None, anchor.as_ref()) else {
        return;
    };
    let Ok(z) = zones::parse_stamp(&p.stamp) else {
        return;
    };
    // Prose is not in time order: of the day before, the day and the
    // day after, the reading nearest the time read before it.
    let z = match (&anchor, p.date_from_context) {
        (Some(a), true) => nearest_day(&z, a),
        _ => z,
    };
    n.last = Some(z.clone());
    // The end of a range moves the prose on too ("From 21:51 until 00:04").
    if let Some(end) = words::range_end(sentence, m.clock.end) {
        let mut last = m.clone();
        last.clock = end;
        last.day = None;
        if let Ok(e) = r.ctx().place(&last, None, Some(&z)) {
            n.last = zones::parse_stamp(&e.stamp).ok();
        }
    }
    if !n.seen.insert(z.timestamp()) {
        return;
    }
    let before = r.items_listed();
    let Some(stamp) = r.place(i, m, anchor.as_ref(), Path::none(), "Timeline") else {
        return;
    };
    let unsure = r.take_items(before);
    let stamp = match zones::parse_stamp(&stamp) {
        Ok(placed) if placed.timestamp() != z.timestamp() => zones::stamp_of(&z),
        _ => stamp,
    };
    n.found.push(Prose {
        line: i,
        entry: TimelineEntry {
            at: Some(stamp),
            approximate: m.approximate,
            kind: guess_kind(sentence),
            text: sentence.to_string(),
        },
        key: key_time_named(sentence),
        unsure,
        zone_assumed: !p.zone_own,
        date_assumed: p.date_from_context && anchor.is_none(),
    });
}

/// The narrative's times the timeline lacks become entries, each listed for
/// checking; a key time a sentence names is set when the document gives none.
pub fn add_prose_times(r: &mut Reader, found: Narrative) {
    if found.found.is_empty() {
        return;
    }
    let mut known: HashSet<jiff::Timestamp> = r
        .entries()
        .iter()
        .filter_map(|p| zones::instant(p.entry.at.as_ref()))
        .collect();
    for p in found.found {
        let Some(at) = zones::instant(p.entry.at.as_ref()) else {
            continue;
        };
        if !known.insert(at) {
            continue;
        }
        let path = Path::Entry(r.entries().next_id());
        let sentence = short(p.entry.text.trim_end_matches('.'));
        for mut item in p.unsure {
            item.path = path.clone();
            r.relist(item);
        }
        if p.zone_assumed {
            r.zone_assumed(path.clone());
        }
        if p.date_assumed {
            r.date_assumed(path.clone());
        }
        r.item(
            ItemKind::Inferred,
            ItemCode::Prose,
            p.line,
            path,
            format!(
                "Timeline: \u{201c}{sentence}\u{201d} was taken from the text; check its time."
            ),
        );
        if let (Some(key), Some(stamp)) = (p.key, p.entry.at.clone()) {
            infer_key_time(
                r,
                key,
                stamp,
                p.line,
                &format!("\u{201c}{sentence}\u{201d}"),
            );
        }
        r.push_entry(p.entry, p.line, Some(at));
    }
}

/// "From 7:52 p.m. until 1:10 a.m.", "between 14:02 and 15:40 UTC",
/// "13:42–14:09 UTC": a range in a sentence on line `i`, as the narrative's
/// span (its line, start and end).
fn span_in(r: &Reader, i: usize, sentence: &str) -> Option<(usize, Stamp, Stamp)> {
    let m = when::moments(sentence).into_iter().next()?;
    let lower = sentence[..m.clock.start].to_lowercase();
    let end = words::range_end(sentence, m.clock.end)?;
    if !(lower.trim_end().ends_with("from")
        || lower.trim_end().ends_with("between")
        || sentence[m.clock.end..end.start].contains(['\u{2013}', '-']))
    {
        return None;
    }
    let first = r.ctx().place(&m, None, None).ok()?;
    let mut second = m.clone();
    second.clock = end;
    second.day = None;
    let anchor = zones::parse_stamp(&first.stamp).ok();
    let last = r
        .ctx()
        .place(
            &second,
            r.day().or(anchor.as_ref().map(|a| a.date())),
            anchor.as_ref(),
        )
        .ok()?;
    Some((i, first.stamp, last.stamp))
}
