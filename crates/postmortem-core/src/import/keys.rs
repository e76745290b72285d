//! Key lines: `Label: value` lines that fill a field wherever they are
//! ("Start: 2026-02-17 09:05 UTC", "Duration: 38 minutes (13:02–13:40 UTC)",
//! "Cause: …", "Affected services: …"); and the fixes such a line says were
//! already made, as done action items.

use super::entries::Path;
use super::lines::{short, Key};
use super::reader::{append, Reader};
use super::when;
use crate::model::{ActionItem, ActionStatus, KeyTime};
use crate::path::{Part, Path as FieldPath, Top};
use crate::review::{ItemCode, ItemKind};
use crate::time::words;
use crate::time::zones;

/// Fills a field from a `Label: value` line `i`; false when the line should be read otherwise.
pub fn read_key(r: &mut Reader, i: usize, key: Key, value: &str) -> bool {
    let read = match key {
        Key::Start | Key::End | Key::Detected => return key_time(r, i, key, value),
        Key::Duration => return duration(r, i, value),
        _ if value.is_empty() => return false,
        Key::Impact => {
            append(&mut r.doc.impact.description, value, true);
            true
        }
        Key::Cause => {
            append(&mut r.doc.root_cause.description, value, true);
            true
        }
        Key::Fix => {
            append(&mut r.doc.resolution, value, true);
            fixes_made(r, i, value);
            true
        }
        Key::Prevention => {
            let line = r.line(i).trim().to_string();
            append(&mut r.doc.resolution, &line, true);
            fixes_made(r, i, value);
            true
        }
        Key::Services => {
            services(r, i, value);
            true
        }
    };
    if read {
        r.take(i);
    }
    read
}

/// "Start: …", "End: …", "Detected: …": the key time, unless one is set.
fn key_time(r: &mut Reader, i: usize, key: Key, value: &str) -> bool {
    let Some(m) = when::moment_in(value, 0) else {
        return false;
    };
    let k = match key {
        Key::Start => KeyTime::Started,
        Key::End => KeyTime::Resolved,
        _ => KeyTime::Detected,
    };
    if r.doc.times.get(k).is_some() {
        return false;
    }
    let path = Path::field(FieldPath::part(Top::Times, Part::key(k)));
    let Some(stamp) = r.place(i, &m, None, path, "Key time") else {
        return false;
    };
    *r.doc.times.slot(k) = Some(stamp);
    if m.approximate {
        r.doc.times.approximate.push(k);
    }
    r.take(i);
    true
}

/// "A – B (2 hours)" or "38 minutes (13:02–13:40 UTC)": the start and end.
fn duration(r: &mut Reader, i: usize, value: &str) -> bool {
    let Some(first) = when::moment_in(value, 0) else {
        return false;
    };
    let second = words::range_end(value, first.clock.end)
        .map(|c| (c.start, c))
        .or_else(|| when::moment_in(value, first.clock.end).map(|m| (m.clock.start, m.clock)));
    let Some((at, _)) = second else {
        return false;
    };
    let Some(mut second) = when::moment_in(value, at) else {
        return false;
    };
    if second.zone.is_none() {
        second.zone = first.zone.clone();
    }
    if second.day.is_none() {
        second.day = first.day;
    }
    let a = r.place(
        i,
        &first,
        None,
        Path::field(FieldPath::part(Top::Times, Part::Started)),
        "Start",
    );
    let anchor = a.as_ref().and_then(|s| zones::parse_stamp(s).ok());
    let b = r.place(
        i,
        &second,
        anchor.as_ref(),
        Path::field(FieldPath::part(Top::Times, Part::Resolved)),
        "End",
    );
    let (Some(a), Some(b)) = (a, b) else {
        return false;
    };
    if r.doc.times.started.is_none() {
        r.doc.times.started = Some(a);
    }
    if r.doc.times.resolved.is_none() {
        r.doc.times.resolved = Some(b);
    }
    // The line also says how long, in words: keep it with the impact.
    let line = r.line(i).trim().to_string();
    append(&mut r.doc.impact.description, &line, false);
    r.take(i);
    true
}

/// "Affected services: a, b": the services, and the line kept with the impact.
fn services(r: &mut Reader, i: usize, value: &str) {
    for s in value.trim_end_matches('.').split(',') {
        let s = s.trim();
        if !s.is_empty() && !r.doc.services.iter().any(|x| x == s) {
            r.doc.services.push(s.to_string());
        }
    }
    // Kept as text too: it is part of the impact.
    let line = r.line(i).trim().to_string();
    append(&mut r.doc.impact.description, &line, false);
}

/// Verbs of a change already made ("We removed …", "We then configured …").
const FIX_VERBS: &[&str] = &[
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
fn fixes_made(r: &mut Reader, i: usize, text: &str) {
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
            r.item(ItemKind::Inferred, ItemCode::ActionDone, i, Path::field(FieldPath::at_row(Top::Actions, idx)), format!("Action item {}: \u{201c}{}\u{201d} reads as a change already made, so it is marked done.", idx + 1, short(sentence)));
        }
    }
}
