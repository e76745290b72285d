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

use crate::core::model::{Document, KeyTime, Stamp};
use crate::core::zones::{self, TimeError, Zone};

/// One stamp that was re-read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The field's JSON path: `times.started`, `timeline[2].at`, `updates[0].at`.
    pub path: String,
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
    pub refused: Vec<(String, TimeError)>,
}

/// Re-reads the five key times, the timeline's and the status updates'
/// times in `zone` (an IANA name in any case, or a fixed offset such as
/// `+05:30`), and makes it the document's zone. `Err(UnknownZone)` when
/// `zone` is not a zone.
pub fn reread(doc: &Document, zone: &str) -> Result<Reread, TimeError> {
    let tz = zones::zone(zone)?;
    let mut out = Reread {
        doc: doc.clone(),
        changes: Vec::new(),
        refused: Vec::new(),
    };
    out.doc.time_zone = zones::zone_label(&tz);
    let mut times = std::mem::take(&mut out.doc.times);
    for key in KeyTime::ALL {
        let path = format!("times.{}", key.word());
        move_to(times.slot(*key), path, &tz, &mut out);
    }
    out.doc.times = times;
    let mut timeline = std::mem::take(&mut out.doc.timeline);
    for (i, entry) in timeline.iter_mut().enumerate() {
        move_to(&mut entry.at, format!("timeline[{i}].at"), &tz, &mut out);
    }
    out.doc.timeline = timeline;
    let mut updates = std::mem::take(&mut out.doc.updates);
    for (i, update) in updates.iter_mut().enumerate() {
        move_to(&mut update.at, format!("updates[{i}].at"), &tz, &mut out);
    }
    out.doc.updates = updates;
    Ok(out)
}

/// Re-reads one stamp in `tz`, recording what happened in `out`.
fn move_to(slot: &mut Option<Stamp>, path: String, tz: &Zone, out: &mut Reread) {
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
