//! Re-reading a document's clock times in another zone, for times typed in
//! the wrong one: 03:15 typed while the field was in Lagos, meant in London.
//!
//! Every stamp that parses keeps its wall-clock reading (date and time of
//! day) and takes the new zone, so it becomes a different instant; this is
//! not "show the same instants elsewhere", which display does. The new zone's
//! own offset at that wall time is used (summer time included). A wall time
//! the new zone skipped or repeated is not guessed at: it stays as it was and
//! is listed as refused, with the choices. Stamps that do not parse stay as
//! written for validation to report.

use crate::model::{Document, KeyTime, Stamp};
use crate::path::{Part, Path, Top};
use crate::time::zones::{self, TimeError, Zone};

/// One stamp that was re-read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The field: `times.started`, `timeline[2].at`, `updates[0].at`.
    pub path: Path,
    pub before: Stamp,
    pub after: Stamp,
}

/// The document with its clock times re-read, and what happened to them.
#[derive(Debug, Clone, PartialEq)]
pub struct Reread {
    /// The document in the new zone (`time_zone` included).
    pub doc: Document,
    /// Every stamp that took the new zone, in document order.
    pub changes: Vec<Change>,
    /// The stamps left unchanged because their wall time is in a gap or a
    /// fold of the new zone: the path and the error with the choices.
    pub refused: Vec<(Path, TimeError)>,
}

/// Re-reads the five key times, the timeline's and the status updates'
/// times in `zone` (an IANA name in any case, or a fixed offset such as
/// `+05:30`), and makes it the document's zone. `Err(UnknownZone)` when
/// `zone` is not a zone.
pub fn reread(doc: &Document, zone: &str) -> Result<Reread, TimeError> {
    reread_where(doc, zone, |_| true)
}

/// Re-reads only the times at `paths` (as [`Change::path`] names them) in
/// `zone`, and makes it the document's zone: the import review's fix for
/// times read in an assumed zone, which leaves times that carried their own
/// zone as they are.
pub fn reread_paths(doc: &Document, zone: &str, paths: &[Path]) -> Result<Reread, TimeError> {
    reread_where(doc, zone, |p| paths.contains(p))
}

/// The place of a time a [`Change`] names, in the words of the form:
/// `timeline[2].at` is "Event 3", `updates[0].at` "Status update 1",
/// `times.started` "Impact started". Any other path is given as it is.
pub fn place(path: &Path) -> String {
    let number = path.row.map_or(0, |n| n + 1);
    match (path.top, path.part) {
        (Top::Timeline, _) if path.row.is_some() => format!("Event {number}"),
        (Top::Updates, _) if path.row.is_some() => format!("Status update {number}"),
        (Top::Times, Some(part)) => KeyTime::from_word(part.word())
            .map_or_else(|| path.to_string(), |k| k.label().to_string()),
        _ => path.to_string(),
    }
}

/// Moves the times at `paths` by `days` calendar days, each keeping its
/// clock reading in its own zone: the import review's fix for an assumed
/// date. A wall time its zone skips or repeats on the new day is refused.
pub fn move_days(doc: &Document, paths: &[Path], days: i32) -> Reread {
    let mut out = Reread {
        doc: doc.clone(),
        changes: Vec::new(),
        refused: Vec::new(),
    };
    let each = |slot: &mut Option<Stamp>, path: Path, out: &mut Reread| {
        if !paths.contains(&path) {
            return;
        }
        let Some(before) = slot.clone() else { return };
        let Ok(z) = zones::parse_stamp(&before) else {
            return;
        };
        let Ok(dt) = z.datetime().checked_add(jiff::Span::new().days(days)) else {
            return;
        };
        match zones::resolve(dt, z.time_zone()) {
            Ok(moved) => {
                let after = zones::stamp_of(&moved);
                out.changes.push(Change {
                    path,
                    before,
                    after: after.clone(),
                });
                *slot = Some(after);
            }
            Err(e) => out.refused.push((path, e)),
        }
    };
    let mut times = std::mem::take(&mut out.doc.times);
    for key in KeyTime::ALL {
        each(
            times.slot(*key),
            Path::part(Top::Times, Part::key(*key)),
            &mut out,
        );
    }
    out.doc.times = times;
    let mut timeline = std::mem::take(&mut out.doc.timeline);
    for (i, e) in timeline.iter_mut().enumerate() {
        each(&mut e.at, Path::row(Top::Timeline, i, Part::At), &mut out);
    }
    out.doc.timeline = timeline;
    let mut updates = std::mem::take(&mut out.doc.updates);
    for (i, u) in updates.iter_mut().enumerate() {
        each(&mut u.at, Path::row(Top::Updates, i, Part::At), &mut out);
    }
    out.doc.updates = updates;
    out
}

fn reread_where(
    doc: &Document,
    zone: &str,
    only: impl Fn(&Path) -> bool,
) -> Result<Reread, TimeError> {
    let tz = zones::zone(zone)?;
    let mut out = Reread {
        doc: doc.clone(),
        changes: Vec::new(),
        refused: Vec::new(),
    };
    out.doc.time_zone = zones::zone_label(&tz);
    let mut times = std::mem::take(&mut out.doc.times);
    for key in KeyTime::ALL {
        let path = Path::part(Top::Times, Part::key(*key));
        if only(&path) {
            move_to(times.slot(*key), path, &tz, &mut out);
        }
    }
    out.doc.times = times;
    let mut timeline = std::mem::take(&mut out.doc.timeline);
    for (i, entry) in timeline.iter_mut().enumerate() {
        let path = Path::row(Top::Timeline, i, Part::At);
        if only(&path) {
            move_to(&mut entry.at, path, &tz, &mut out);
        }
    }
    out.doc.timeline = timeline;
    let mut updates = std::mem::take(&mut out.doc.updates);
    for (i, update) in updates.iter_mut().enumerate() {
        let path = Path::row(Top::Updates, i, Part::At);
        if only(&path) {
            move_to(&mut update.at, path, &tz, &mut out);
        }
    }
    out.doc.updates = updates;
    Ok(out)
}

/// Re-reads one stamp in `tz`, recording what happened in `out`.
fn move_to(slot: &mut Option<Stamp>, path: Path, tz: &Zone, out: &mut Reread) {
    let Some(before) = slot.as_ref() else {
        return;
    };
    let Ok(z) = zones::parse_stamp(before) else {
        return;
    };
    // Already on this zone's clock: nothing to re-read (and a time in one of
    // its folds is already the reading the person chose).
    if zones::zone_label(z.time_zone()) == zones::zone_label(tz) {
        return;
    }
    match zones::resolve(z.datetime(), tz) {
        Ok(moved) => {
            let after = zones::stamp_of(&moved);
            out.changes.push(Change {
                path,
                before: before.clone(),
                after: after.clone(),
            });
            *slot = Some(after);
        }
        Err(e) => out.refused.push((path, e)),
    }
}
