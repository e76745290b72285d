//! Key times the document does not state, inferred from what it does: the
//! timeline's words ("impact begins", "outage ended"), the summary's range,
//! the earliest detection and latest resolution in the timeline, and a
//! status page's Monitoring and Resolved updates. An inference never puts the
//! key times out of order; each is listed in the review, taken or not.

use super::entries::Path;
use super::lines::{line_of_text, short};
use super::reader::Reader;
use crate::model::{Document, KeyTime, Stamp, TimelineEntry, TimelineKind, UpdateState};
use crate::path::{Part, Path as FieldPath, Top};
use crate::review::{ItemCode, ItemKind};
use crate::time::zones;

/// An instant, its stamp, and the index of the entry or update it is from.
type Found = (jiff::Timestamp, Stamp, usize);

/// Fills key time `key`, which nothing has filled, with `stamp` taken
/// from `source` on line `i` ("the time of the “Monitoring” status
/// update (update 2)"), and lists it as inferred. An inference never puts
/// the key times out of the order validation holds them to (the times the
/// document states, and those inferred before): such a time is not taken
/// (a bound such as Resolved is not a time anyone stated for it either),
/// and the review says why.
pub fn infer_key_time(r: &mut Reader, key: KeyTime, stamp: Stamp, i: usize, source: &str) {
    if r.doc.times.get(key).is_some() {
        return;
    }
    let path = || Path::field(FieldPath::part(Top::Times, Part::key(key)));
    let Some((other, after)) = clash(r, key, &stamp) else {
        *r.doc.times.slot(key) = Some(stamp);
        r.item(
            ItemKind::Inferred,
            ItemCode::Key,
            i,
            path(),
            format!("{} was taken from {source}.", key.label()),
        );
        return;
    };
    let tz = zones::zone_or_utc(&r.doc.time_zone);
    let theirs = r
        .doc
        .times
        .get(other)
        .map(|s| zones::show_stamp(s, &tz))
        .unwrap_or_default();
    r.item(
        ItemKind::Inferred,
        ItemCode::KeyNotTaken,
        i,
        path(),
        format!(
            "{} was not taken from {source}: {} would put it {} {} ({theirs}). Fill it in if you know when.",
            key.label(),
            zones::show_stamp(&stamp, &tz),
            if after { "before" } else { "after" },
            other.label(),
        ),
    );
}

/// The key time `stamp` would put `key` on the wrong side of, and whether
/// `key` must come after it.
fn clash(r: &Reader, key: KeyTime, stamp: &Stamp) -> Option<(KeyTime, bool)> {
    let at = zones::instant(Some(stamp));
    crate::validate::KEY_ORDER.iter().find_map(|&(a, b, _)| {
        // `key` must come after `other`, or before it.
        let (other, after) = match key {
            k if k == a => (b, false),
            k if k == b => (a, true),
            _ => return None,
        };
        let t = zones::instant(r.doc.times.get(other))?;
        let wrong = if after { at? < t } else { at? > t };
        wrong.then_some((other, after))
    })
}

/// What a timeline entry's text (in lower case) says of the impact: it begins, it ends.
pub fn says_impact(text: &str, begins: bool) -> bool {
    const BEGINS: &[&str] = &[
        "impact begins",
        "impact began",
        "impact starts",
        "impact started",
        "impact start",
        "impact begin",
        "impact probably starts",
        "impact probably begins",
        "outage begins",
        "outage began",
        "outage starts",
        "outage started",
        "disruption begins",
        "disruption began",
        "disruption starts",
        "disruption started",
        "errors begin",
        "errors began",
        "errors start",
        "errors started",
        "degradation begins",
        "degradation began",
        "degradation starts",
        "downtime begins",
        "downtime starts",
        "downtime started",
        "began failing",
        "went down",
        "goes offline",
        "went offline",
    ];
    const ENDS: &[&str] = &[
        "impact ends",
        "impact ended",
        "impact end",
        "impact over",
        "outage ends",
        "outage ended",
        "outage over",
        "disruption ends",
        "disruption ended",
        "errors end",
        "errors ended",
        "degradation ends",
        "degradation ended",
        "downtime ends",
        "downtime ended",
    ];
    // `text` is lower case already.
    (if begins { BEGINS } else { ENDS })
        .iter()
        .any(|w| text.contains(w))
}

/// Key times the document states only in its timeline or narrative (`span`:
/// the narrative's first range, its line, start and end), each listed for checking.
pub fn key_times_from_text(r: &mut Reader, span: Option<(usize, Stamp, Stamp)>) {
    from_impact_words(r);
    if let Some((line, a, b)) = span {
        let source = format!(
            "the range in \u{201c}{}\u{201d}",
            short(r.line(line).trim())
        );
        infer_key_time(r, KeyTime::Started, a, line, &source);
        infer_key_time(r, KeyTime::Resolved, b, line, &source);
    }
    from_event_kinds(r);
}

/// The timed entries (in the order read) that `keep` picks.
fn timed_entries(r: &Reader, keep: impl Fn(usize, &TimelineEntry) -> bool) -> Vec<Found> {
    r.entries()
        .iter()
        .enumerate()
        .filter(|(i, p)| keep(*i, &p.entry))
        .filter_map(|(i, p)| {
            let e = &p.entry;
            Some((zones::instant(e.at.as_ref())?, e.at.clone()?, i))
        })
        .collect()
}

/// The start and end from the earliest "impact begins" and the latest
/// "impact ends" in the timeline.
fn from_impact_words(r: &mut Reader) {
    // Only when a key time is missing, and each text lowered once.
    let lowered: Vec<String> = if r.doc.times.started.is_none() || r.doc.times.resolved.is_none() {
        r.entries()
            .iter()
            .map(|p| p.entry.text.to_ascii_lowercase())
            .collect()
    } else {
        Vec::new()
    };
    let said = |r: &Reader, begins: bool| {
        timed_entries(r, |i, _| {
            lowered.get(i).is_some_and(|t| says_impact(t, begins))
        })
    };
    let began = said(r, true).into_iter().min_by_key(|t| t.0);
    infer_key(r, KeyTime::Started, began, "");
    let ended = said(r, false).into_iter().max_by_key(|t| t.0);
    infer_key(r, KeyTime::Resolved, ended, "");
}

/// Detected from the earliest detection event, resolved from the latest
/// resolution: by time, not by position (an entry taken from the narrative
/// may sit out of order).
fn from_event_kinds(r: &mut Reader) {
    let timed = |r: &Reader, kind: TimelineKind| timed_entries(r, |_, e| e.kind == kind);
    let first = timed(r, TimelineKind::Detection)
        .into_iter()
        .min_by_key(|t| t.0);
    infer_key(
        r,
        KeyTime::Detected,
        first,
        "the earliest detection in the timeline, ",
    );
    let last = timed(r, TimelineKind::Resolution)
        .into_iter()
        .max_by_key(|t| t.0);
    infer_key(
        r,
        KeyTime::Resolved,
        last,
        "the latest resolution in the timeline, ",
    );
}

/// Sets a key time the document does not state from timeline event `found`
/// (its instant, stamp and id), and lists where it came from.
fn infer_key(r: &mut Reader, key: KeyTime, found: Option<Found>, how: &str) {
    let Some((_, at, id)) = found else { return };
    if r.doc.times.get(key).is_some() {
        return;
    }
    let Some(p) = r.entries().get(id) else { return };
    let line = p.line;
    let text = short(&p.entry.text);
    let source = format!("{how}event {}: \u{201c}{text}\u{201d}", id + 1);
    infer_key_time(r, key, at, line, &source);
}

/// A status page's states imply key times: the first Monitoring update
/// mitigated, the last Resolved one resolved, unless the document states them.
pub fn key_times_from_updates(r: &mut Reader) {
    let when_of = |state: UpdateState, doc: &Document| -> Vec<Found> {
        doc.updates
            .iter()
            .enumerate()
            .filter(|(_, u)| u.state == state)
            .filter_map(|(i, u)| Some((zones::instant(u.at.as_ref())?, u.at.clone()?, i)))
            .collect()
    };
    let monitoring = when_of(UpdateState::Monitoring, &r.doc)
        .into_iter()
        .min_by_key(|t| t.0);
    let resolved = when_of(UpdateState::Resolved, &r.doc)
        .into_iter()
        .max_by_key(|t| t.0);
    for (key, found) in [
        (KeyTime::Mitigated, monitoring),
        (KeyTime::Resolved, resolved),
    ] {
        let Some((_, at, u)) = found else { continue };
        let line = line_of_text(r.lines(), &r.doc.updates[u].text);
        let source = format!(
            "the time of the \u{201c}{}\u{201d} status update (update {})",
            r.doc.updates[u].state.label(),
            u + 1
        );
        infer_key_time(r, key, at, line, &source);
    }
}
