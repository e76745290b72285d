//! Reads postmortems written elsewhere: status-page reports, blog posts,
//! Google Docs and Confluence exports, Markdown with front matter, notes,
//! mail threads.
//!
//! Headings (with `#` or alone on a line) are mapped to sections by their
//! usual names. The rule that matters most: **every non-empty line ends up
//! in the result**, taken into a field (verbatim, or read into a time or a
//! state) or kept in `notes`. A time read with an assumption is listed in
//! the review ([`crate::review`]); one that cannot be placed is kept as text.
//!
//! The files are cut by what they read, so each can be read alone:
//! - `setting`: before the walk, the zone and date the document's times
//!   take; [`when`] places one time in that setting.
//! - `lines`: what one line is, from the line alone (a section name, a
//!   state, a key line, a date heading…); no state.
//! - `body`: the walk over the lines, offering each to the readers below in
//!   turn; it owns only where the walk is (section, title, last text line).
//! - `mail` (headers), `tables`, `timeline` (entries written as lines),
//!   `updates` (status-page updates), `keys` (`Label: value` lines), `prose`
//!   (times in the narrative): one kind of text each.
//! - `inferred`: key times the document implies, after the walk.
//! - `reader`: the state the readers share (the document being filled, the
//!   lines used, the review's findings) behind narrow methods, and placing a
//!   time; `entries`: the timeline as read, one list of placed entries that
//!   is put in time order once, at the end.
//!
//! Why this cut: the kinds of text a foreign document mixes are read by
//! different rules and each keeps a little state of its own (an update
//! still open, the narrative's last time), which now lives with its reader
//! instead of in one struct every file changed; the order in which a line
//! is offered to them is the one thing that decides between them, and it is
//! written once, in `body`. Nothing imports `body` or this file.
//!
//! This file runs the steps in order and assembles the result. [`diff`]
//! reads a postmortem pasted as a unified diff.

use crate::format::markdown::front_matter::{apply_front_matter, FrontMatter};
use crate::format::Imported;
use crate::model::{Document, KeyTime};
use crate::path::{Part, Path as FieldPath, Top};
use crate::review::{Assumed, Basis, Item, ItemCode, ItemKind, Mapped, Review};
use crate::time::words;
use entries::Path;
use reader::{append, Done, Reader};

mod body;
pub mod diff;
mod entries;
mod inferred;
mod keys;
mod lines;
mod mail;
mod prose;
mod reader;
mod setting;
mod tables;
mod timeline;
mod updates;
pub mod when;

/// Reads a document that is not in this editor's layout.
pub fn read(raw: &[&str], front: Option<&FrontMatter>, body_start: usize) -> Imported {
    let lines: Vec<String> = raw.iter().map(|l| words::unmangle(l)).collect();
    let mut doc = Document::default();
    let mut leftovers_front = Vec::new();
    if let Some(f) = front {
        apply_front_matter(&mut doc, f, &mut leftovers_front);
    }
    let ctx = setting::setting(&lines, body_start, front, &doc);
    doc.time_zone = ctx.zone.clone();
    let mut r = Reader::new(raw, lines, doc, ctx);
    before_the_body(&mut r, front, body_start);
    let walked = body::read_body(&mut r, body_start);
    let span = walked.narrative.span.clone();
    prose::add_prose_times(&mut r, walked.narrative);
    inferred::key_times_from_text(&mut r, span);
    inferred::key_times_from_updates(&mut r);
    let mut done = r.done();
    let late = timeline::before_start(done.doc.times.started.as_ref(), &done.timeline);
    done.items.extend(late);
    finish(
        done,
        leftovers_front,
        &walked.section_of,
        walked.sections,
        body_start,
    )
}

/// The lines before the body and the `Date:` line are read; the notices
/// about the whole document.
fn before_the_body(r: &mut Reader, front: Option<&FrontMatter>, body_start: usize) {
    for i in 0..body_start {
        r.take(i);
    }
    // The "Date:" line the document's date was read from is used.
    if let Basis::Stated { line, .. } = r.ctx().date_basis {
        let text = r.line(line - 1);
        // Only a line that is the date alone: not a table row, not a mail's own Date header with its time.
        let alone = !text.trim_start().starts_with('|') && when::moments(text).is_empty();
        if line > body_start && lines::date_label(text).is_some() && alone {
            r.take(line - 1);
        }
    }
    if let Some(problem) = front.and_then(|f| f.problem.clone()) {
        r.notice(0, problem);
    }
    if r.ctx().date.is_none() {
        r.notice(0, "The document gives no date, so times written without one could not be placed; they are kept as written.");
    }
    if let Some((line, message)) = setting::declared_off_season(r.ctx()) {
        r.item(
            ItemKind::Unsure,
            ItemCode::ZoneSeason,
            line,
            Path::field(FieldPath::field(Top::TimeZone)),
            message,
        );
    }
}

/// The document and its review: the lines nothing read kept in Notes, the
/// timeline in time order, the paths written out.
fn finish(
    done: Done,
    leftovers_front: Vec<String>,
    section_of: &[Option<usize>],
    sections: Vec<Mapped>,
    body_start: usize,
) -> Imported {
    let (notes, to_notes) = leftovers(&done, leftovers_front, section_of, body_start);
    let items: Vec<Item> = done
        .items
        .into_iter()
        .map(|f| f.write(&done.timeline))
        .collect();
    let mut zone_paths: Vec<FieldPath> = done
        .zone_paths
        .iter()
        .filter_map(|p| done.timeline.write(p))
        .collect();
    let mut date_paths: Vec<FieldPath> = done
        .date_paths
        .iter()
        .filter_map(|p| done.timeline.write(p))
        .collect();
    let mut doc = done.doc;
    doc.timeline = done.timeline.into_timeline();
    if !notes.is_empty() {
        append(&mut doc.notes, &notes.join("\n"), true);
    }
    key_times_follow(&doc, &mut zone_paths, &mut date_paths);
    let timed = doc.timeline.iter().any(|e| e.at.is_some())
        || doc.updates.iter().any(|u| u.at.is_some())
        || doc.times.started.is_some();
    let ctx = done.ctx;
    let review = Review {
        own_format: false,
        zone: timed.then(|| Assumed {
            value: ctx.zone.clone(),
            written: ctx.zone_written.clone(),
            basis: ctx.zone_basis.clone(),
        }),
        date: timed.then(|| Assumed {
            value: ctx.date.map(|d| d.to_string()).unwrap_or_default(),
            written: String::new(),
            basis: ctx.date_basis.clone(),
        }),
        events: doc.timeline.len(),
        updates: doc.updates.len(),
        items,
        sections,
        lines_to_notes: to_notes,
        zone_paths,
        date_paths,
    };
    Imported {
        doc,
        notices: done.notices,
        review,
    }
}

/// The lines nothing read, for Notes (each with its section's heading), and
/// how many there are; after what front matter left.
fn leftovers(
    done: &Done,
    mut notes: Vec<String>,
    section_of: &[Option<usize>],
    body_start: usize,
) -> (Vec<String>, usize) {
    let mut last_kept: Option<usize> = None;
    let mut heading_shown = vec![false; done.lines.len()];
    let mut to_notes = 0;
    let unread = (body_start..done.lines.len()).filter(|&i| !done.used[i]);
    for i in unread {
        if done.raw[i].trim().is_empty() {
            continue;
        }
        if last_kept.is_some_and(|l| l + 1 < i) {
            notes.push(String::new());
        }
        // Keep the section heading with what is kept from its section.
        if let Some(h) = section_of[i]
            .filter(|h| done.used[*h] && !std::mem::replace(&mut heading_shown[*h], true))
        {
            notes.push(done.raw[h].trim_end().to_string());
        }
        notes.push(done.raw[i].trim_end().to_string());
        to_notes += 1;
        last_kept = Some(i);
    }
    (notes, to_notes)
}

/// A key time copied from an event or update follows it when a fix moves
/// it: it is listed with the assumptions its source was read with.
fn key_times_follow(
    doc: &Document,
    zone_paths: &mut Vec<FieldPath>,
    date_paths: &mut Vec<FieldPath>,
) {
    for key in KeyTime::ALL {
        let Some(stamp) = doc.times.get(*key) else {
            continue;
        };
        let path = FieldPath::part(Top::Times, Part::key(*key));
        let sources: Vec<FieldPath> = doc
            .timeline
            .iter()
            .enumerate()
            .filter(|(_, e)| e.at.as_ref() == Some(stamp))
            .map(|(i, _)| FieldPath::row(Top::Timeline, i, Part::At))
            .chain(
                doc.updates
                    .iter()
                    .enumerate()
                    .filter(|(_, u)| u.at.as_ref() == Some(stamp))
                    .map(|(i, _)| FieldPath::row(Top::Updates, i, Part::At)),
            )
            .collect();
        for list in [&mut *zone_paths, &mut *date_paths] {
            if !list.contains(&path) && sources.iter().any(|s| list.contains(s)) {
                list.push(path);
            }
        }
    }
}
