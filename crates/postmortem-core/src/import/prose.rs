//! Times stated in the narrative: events with their sentence when the
//! timeline lacks them, the key times a sentence names, the summary's range
//! as the incident's span; key times inferred from the timeline and from a
//! status page's states; fixes already made as done action items. Each is
//! listed in the review.

use super::*;

/// Of a time on the day before, its day and the day after, the one nearest `anchor`.
pub(super) fn nearest_day(z: &Zoned, anchor: &Zoned) -> Zoned {
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
pub(super) fn sentence_starts(line: &str) -> Vec<usize> {
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
pub(super) fn key_time_named(sentence: &str) -> Option<KeyTime> {
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
/// the alert at 06:25") that the timeline does not have become entries with
/// their sentence, each listed for checking; a key time the sentence names
/// is set when the document gives none.
/// `summary`: the line is in the summary, where a range ("From 7:52 p.m.
/// until 1:10 a.m., …") is the incident's span.
pub(super) fn narrative_times(r: &mut Reader, i: usize, summary: bool) {
    // "Posted …" outside an update dates the report, not the incident.
    if r.lines[i].trim_start().starts_with("Posted ") {
        return;
    }
    let line = r.lines[i].clone();
    let starts = sentence_starts(&line);
    for (k, &from) in starts.iter().enumerate() {
        let stop = starts.get(k + 1).copied().unwrap_or(line.len());
        let sentence = line[from..stop].trim();
        if summary && r.span.is_none() {
            span_in(r, i, sentence);
        }
        for m in when::moments(sentence) {
            // Prose numbers are times only with minutes, a.m./p.m. or a zone.
            if m.clock.bare_hour && m.clock.pm.is_none() {
                continue;
            }
            let anchor = r.prose_last.clone();
            let Ok(p) = r.ctx.place(&m, None, anchor.as_ref()) else {
                continue;
            };
            let Ok(z) = zones::parse_stamp(&p.stamp) else {
                continue;
            };
            // Prose is not in time order: of the day before, the day and the
            // day after, the reading nearest the time read before it.
            let z = match (&anchor, p.date_from_context) {
                (Some(a), true) => nearest_day(&z, a),
                _ => z,
            };
            r.prose_last = Some(z.clone());
            // The end of a range moves the prose on too ("From 21:51 until 00:04").
            if let Some(end) = words::range_end(sentence, m.clock.end) {
                let mut last = m.clone();
                last.clock = end;
                last.day = None;
                if let Ok(e) = r.ctx.place(&last, None, Some(&z)) {
                    r.prose_last = zones::parse_stamp(&e.stamp).ok();
                }
            }
            if !r.prose_seen.insert(z.timestamp()) {
                continue;
            }
            let before = r.items.len();
            let Some(stamp) = r.place(i, &m, anchor.as_ref(), String::new(), "Timeline") else {
                continue;
            };
            let unsure: Vec<Item> = r.items.drain(before..).collect();
            let stamp = match zones::parse_stamp(&stamp) {
                Ok(placed) if placed.timestamp() != z.timestamp() => zones::stamp_of(&z),
                _ => stamp,
            };
            r.prose.push(Prose {
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
    }
}

/// The narrative's times the timeline lacks become entries, each listed for
/// checking; a key time a sentence names is set when the document gives none.
pub(super) fn add_prose_times(r: &mut Reader) {
    if r.prose.is_empty() {
        return;
    }
    let mut known: std::collections::HashSet<jiff::Timestamp> = r
        .doc
        .timeline
        .iter()
        .filter_map(|e| zones::instant(e.at.as_ref()))
        .collect();
    for p in std::mem::take(&mut r.prose) {
        let Some(at) = zones::instant(p.entry.at.as_ref()) else {
            continue;
        };
        if !known.insert(at) {
            continue;
        }
        let idx = r.doc.timeline.len();
        let path = format!("timeline[{idx}].at");
        let sentence = short(p.entry.text.trim_end_matches('.'));
        for mut item in p.unsure {
            item.path = path.clone();
            r.items.push(item);
        }
        if p.zone_assumed {
            r.zone_paths.push(path.clone());
        }
        if p.date_assumed {
            r.date_paths.push(path.clone());
        }
        r.item(
            ItemKind::Inferred,
            "prose",
            p.line,
            path,
            format!(
                "Timeline: \u{201c}{sentence}\u{201d} was taken from the text; check its time."
            ),
        );
        if let (Some(key), Some(stamp)) = (p.key, p.entry.at.clone()) {
            r.infer_key_time(key, stamp, p.line, &format!("\u{201c}{sentence}\u{201d}"));
        }
        r.push_timeline(p.entry, p.line, Some(at));
    }
}

/// "From 7:52 p.m. until 1:10 a.m.", "between 14:02 and 15:40 UTC",
/// "13:42–14:09 UTC": a range in a sentence, kept as the narrative's span.
pub(super) fn span_in(r: &mut Reader, i: usize, sentence: &str) {
    let Some(m) = when::moments(sentence).into_iter().next() else {
        return;
    };
    let lower = sentence[..m.clock.start].to_lowercase();
    let Some(end) = words::range_end(sentence, m.clock.end) else {
        return;
    };
    if !(lower.trim_end().ends_with("from")
        || lower.trim_end().ends_with("between")
        || sentence[m.clock.end..end.start].contains(['\u{2013}', '-']))
    {
        return;
    }
    let Ok(first) = r.ctx.place(&m, None, None) else {
        return;
    };
    let mut second = m.clone();
    second.clock = end;
    second.day = None;
    let anchor = zones::parse_stamp(&first.stamp).ok();
    let Ok(last) = r.ctx.place(
        &second,
        r.day.or(anchor.as_ref().map(|a| a.date())),
        anchor.as_ref(),
    ) else {
        return;
    };
    r.span = Some((i, first.stamp, last.stamp));
}

/// What a timeline entry's text (in lower case) says of the impact: it begins, it ends.
pub(super) fn says_impact(text: &str, begins: bool) -> bool {
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

/// Key times the document states only in its timeline or narrative, each listed for checking.
pub(super) fn key_times_from_text(r: &mut Reader) {
    // Only when a key time is missing, and each text lowered once.
    let lowered: Vec<String> = if r.doc.times.started.is_none() || r.doc.times.resolved.is_none() {
        r.doc
            .timeline
            .iter()
            .map(|e| e.text.to_ascii_lowercase())
            .collect()
    } else {
        Vec::new()
    };
    let said = |begins: bool, doc: &Document| -> Vec<(jiff::Timestamp, Stamp, usize)> {
        doc.timeline
            .iter()
            .enumerate()
            .filter(|(i, _)| lowered.get(*i).is_some_and(|t| says_impact(t, begins)))
            .filter_map(|(i, e)| Some((zones::instant(e.at.as_ref())?, e.at.clone()?, i)))
            .collect()
    };
    let began = said(true, &r.doc).into_iter().min_by_key(|t| t.0);
    infer_key(r, KeyTime::Started, began, "");
    let ended = said(false, &r.doc).into_iter().max_by_key(|t| t.0);
    infer_key(r, KeyTime::Resolved, ended, "");
    if let Some((line, a, b)) = r.span.clone() {
        let source = format!(
            "the range in \u{201c}{}\u{201d}",
            short(r.lines[line].trim())
        );
        r.infer_key_time(KeyTime::Started, a, line, &source);
        r.infer_key_time(KeyTime::Resolved, b, line, &source);
    }

    // By time, not by position: an entry taken from the narrative may sit out of order.
    let timed = |kind: TimelineKind, doc: &Document| -> Vec<(jiff::Timestamp, Stamp, usize)> {
        doc.timeline
            .iter()
            .enumerate()
            .filter(|(_, e)| e.kind == kind)
            .filter_map(|(i, e)| Some((zones::instant(e.at.as_ref())?, e.at.clone()?, i)))
            .collect()
    };
    let first = timed(TimelineKind::Detection, &r.doc)
        .into_iter()
        .min_by_key(|t| t.0);
    infer_key(
        r,
        KeyTime::Detected,
        first,
        "the earliest detection in the timeline, ",
    );
    let last = timed(TimelineKind::Resolution, &r.doc)
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
/// (its instant, stamp and index), and lists where it came from.
pub(super) fn infer_key(
    r: &mut Reader,
    key: KeyTime,
    found: Option<(jiff::Timestamp, Stamp, usize)>,
    how: &str,
) {
    let Some((_, at, idx)) = found else { return };
    if r.doc.times.get(key).is_some() {
        return;
    }
    let line = r.entry_line(idx);
    let text = short(&r.doc.timeline[idx].text);
    let source = format!("{how}event {}: \u{201c}{text}\u{201d}", idx + 1);
    r.infer_key_time(key, at, line, &source);
}

/// A status page's states imply key times: the first Monitoring update
/// mitigated, the last Resolved one resolved, unless the document states them.
pub(super) fn key_times_from_updates(r: &mut Reader) {
    let when_of = |state: UpdateState, doc: &Document| -> Vec<(jiff::Timestamp, Stamp, usize)> {
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
        let line = line_of_text(&r.lines, &r.doc.updates[u].text);
        let source = format!(
            "the time of the \u{201c}{}\u{201d} status update (update {})",
            r.doc.updates[u].state.label(),
            u + 1
        );
        r.infer_key_time(key, at, line, &source);
    }
}

/// Verbs of a change already made ("We removed …", "We then configured …").
pub(super) const FIX_VERBS: &[&str] = &[
    "removed",
    "added",
    "configured",
    "changed",
    "moved",
    "fixed",
    "disabled",
    "enabled",
    "increased",
    "reduced",
    "replaced",
    "reverted",
    "patched",
    "upgraded",
    "introduced",
    "deployed",
    "updated",
    "migrated",
    "set",
    "raised",
    "lowered",
    "limited",
    "tightened",
];

/// Sentences of a fix or prevention text that say a change was already
/// made become action items marked done (the text stays where it was read).
pub(super) fn fixes_made(r: &mut Reader, i: usize, text: &str) {
    for sentence in text.split(". ").map(|x| x.trim().trim_end_matches('.')) {
        let words: Vec<&str> = sentence.split_whitespace().collect();
        let verb = match words.as_slice() {
            ["We", "then" | "also" | "have", v, ..] | ["We", v, ..] => v.to_lowercase(),
            _ => continue,
        };
        if FIX_VERBS.contains(&verb.as_str()) {
            let idx = r.doc.actions.len();
            r.doc.actions.push(ActionItem {
                title: format!("{sentence}."),
                status: ActionStatus::Done,
                ..ActionItem::default()
            });
            r.item(ItemKind::Inferred, "action.done", i, format!("actions[{idx}]"), format!("Action item {}: \u{201c}{}\u{201d} reads as a change already made, so it is marked done.", idx + 1, short(sentence)));
        }
    }
}
