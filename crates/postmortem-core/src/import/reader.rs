//! The reader's state while it walks a foreign document, behind narrow
//! methods the readers of each kind of line call: the lines and which are
//! used (a line not used ends in Notes), the document being filled, the
//! setting its times are read in ([`Setting`]), where the walk is on the
//! calendar (the date heading above, the last time placed in the timeline),
//! the timeline as read ([`Entries`]), and what the review will list
//! (notices, items, the paths of times read with an assumption).
//!
//! Placing a time (`Reader::place`) lives here because it both reads that
//! position and records the assumptions it makes.

use super::entries::{Entries, Ordered, Path};
use super::lines::short;
use super::when::{Moment, Setting};
use crate::format::Notice;
use crate::model::{Document, Stamp, TimelineEntry};
use crate::review::{Basis, Item, ItemCode, ItemKind};
use crate::time::zones::Zoned;
use jiff::civil::Date;

/// An item of the review, about a field or a timeline entry (by id until the
/// timeline is in order).
#[derive(Debug, Clone)]
pub struct Finding {
    pub kind: ItemKind,
    pub code: ItemCode,
    /// 1-based source line.
    pub line: usize,
    pub path: Path,
    pub message: String,
}

impl Finding {
    /// The review's item, its path written with entries at their final place.
    pub fn write(self, timeline: &Ordered) -> Item {
        Item {
            kind: self.kind,
            code: self.code,
            line: self.line,
            path: timeline
                .write(&self.path)
                .map_or_else(String::new, |p| p.to_string()),
            message: self.message,
        }
    }
}

pub struct Reader<'a> {
    lines: Vec<String>,
    raw: &'a [&'a str],
    used: Vec<bool>,
    /// The document being filled.
    pub doc: Document,
    /// The zone and date the document's times are read in.
    ctx: Setting,
    /// The date of the date heading the line is under ("### January 31, 2017").
    day: Option<Date>,
    /// The last time placed in the timeline: the next one follows it.
    last: Option<Zoned>,
    /// The last time placed took its date from the document's (so the next,
    /// which follows it, does too).
    last_assumed: bool,
    notices: Vec<Notice>,
    items: Vec<Finding>,
    /// Times read in the assumed zone, and dated from the document's date.
    zone_paths: Vec<Path>,
    date_paths: Vec<Path>,
    entries: Entries,
}

/// What the reader found, once the walk and the passes after it are done.
pub struct Done<'a> {
    pub lines: Vec<String>,
    pub raw: &'a [&'a str],
    pub used: Vec<bool>,
    pub doc: Document,
    pub ctx: Setting,
    pub notices: Vec<Notice>,
    pub items: Vec<Finding>,
    pub zone_paths: Vec<Path>,
    pub date_paths: Vec<Path>,
    /// The timeline in time order (the document's is still empty).
    pub timeline: Ordered,
}

impl<'a> Reader<'a> {
    /// A reader of `raw` (its lines as `lines`, cleaned), filling `doc` in `ctx`.
    pub fn new(raw: &'a [&'a str], lines: Vec<String>, doc: Document, ctx: Setting) -> Self {
        Reader {
            used: vec![false; lines.len()],
            lines,
            raw,
            doc,
            ctx,
            day: None,
            last: None,
            last_assumed: false,
            notices: Vec::new(),
            items: Vec::new(),
            zone_paths: Vec::new(),
            date_paths: Vec::new(),
            entries: Entries::default(),
        }
    }

    /// Line `i` (0-based), cleaned of mangled characters.
    pub fn line(&self, i: usize) -> &str {
        &self.lines[i]
    }

    pub fn lines(&self) -> &[String] {
        &self.lines
    }

    /// Marks line `i` as read into the document (it is not kept in Notes).
    pub fn take(&mut self, i: usize) {
        self.used[i] = true;
    }

    /// A notice about line `i` (0-based).
    pub fn notice(&mut self, i: usize, message: impl Into<String>) {
        self.notices.push(Notice {
            line: i + 1,
            message: message.into(),
        });
    }

    /// Lists an item about line `i` (0-based) in the review.
    pub fn item(&mut self, kind: ItemKind, code: ItemCode, i: usize, path: Path, message: String) {
        self.items.push(Finding {
            kind,
            code,
            line: i + 1,
            path,
            message,
        });
    }

    /// How many items are listed so far.
    pub fn items_listed(&self) -> usize {
        self.items.len()
    }

    /// The items listed since `from`, taken back (to be given a path later).
    pub fn take_items(&mut self, from: usize) -> Vec<Finding> {
        self.items.drain(from..).collect()
    }

    /// Lists an item taken back before, now with its path.
    pub fn relist(&mut self, item: Finding) {
        self.items.push(item);
    }

    /// The time at `path` was read in the assumed zone.
    pub fn zone_assumed(&mut self, path: Path) {
        self.zone_paths.push(path);
    }

    /// The time at `path` took its date from the document's.
    pub fn date_assumed(&mut self, path: Path) {
        self.date_paths.push(path);
    }

    /// The timeline as read so far.
    pub fn entries(&self) -> &Entries {
        &self.entries
    }

    /// Adds a timeline entry read from line `line` (0-based), placed at `at`;
    /// returns its id.
    pub fn push_entry(
        &mut self,
        entry: TimelineEntry,
        line: usize,
        at: Option<jiff::Timestamp>,
    ) -> usize {
        self.entries.push(entry, line, at)
    }

    /// The zone and date the document's times are read in.
    pub fn ctx(&self) -> &Setting {
        &self.ctx
    }

    /// The date of the date heading the line is under.
    pub fn day(&self) -> Option<Date> {
        self.day
    }

    /// The last time placed in the timeline: the next one follows it.
    pub fn last(&self) -> Option<&Zoned> {
        self.last.as_ref()
    }

    /// The timeline's next time follows `z`.
    pub fn follow(&mut self, z: Zoned) {
        self.last = Some(z);
    }

    /// The lines under are on day `d`: the next timeline time starts it afresh.
    pub fn set_day(&mut self, d: Date) {
        self.day = Some(d);
        self.last = None;
    }

    /// A new section: its times are on no date heading's day, and follow none.
    pub fn leave_day(&mut self) {
        self.day = None;
        self.last = None;
    }

    /// Places a time found on line `i` for the field at `path`, after
    /// `anchor`; lists it in the review when an assumption placed it, or
    /// when it cannot be placed (then None: the caller keeps the text).
    pub fn place(
        &mut self,
        i: usize,
        m: &Moment,
        anchor: Option<&Zoned>,
        path: Path,
        what: &str,
    ) -> Option<Stamp> {
        match self.ctx.place(m, self.day, anchor) {
            Ok(p) => {
                let line = short(self.lines[i].trim());
                if !path.is_empty() {
                    if !p.zone_own {
                        self.zone_paths.push(path.clone());
                    }
                    let assumed = p.date_from_context
                        && self.day.is_none()
                        && (anchor.is_none() || self.last_assumed);
                    if assumed {
                        self.date_paths.push(path.clone());
                    }
                    self.last_assumed = assumed;
                }
                if !p.zone_own && self.ctx.zone_basis == Basis::Nothing {
                    let zone = self.ctx.zone.clone();
                    self.item(ItemKind::Unsure, ItemCode::ZoneNone, i, path.clone(), format!("{what} \u{201c}{line}\u{201d}: no time zone is written anywhere, so it was read as {zone}."));
                }
                if p.date_from_context
                    && self.day.is_none()
                    && anchor.is_none()
                    && self.ctx.date_basis == Basis::Nothing
                {
                    self.item(ItemKind::Unsure, ItemCode::DateFirst, i, path.clone(), format!("{what} \u{201c}{line}\u{201d}: its date was taken from the first date in the document."));
                }
                if let Some(note) = p.note {
                    self.item(
                        ItemKind::Unsure,
                        ItemCode::ZoneSeason,
                        i,
                        path.clone(),
                        format!("{what} \u{201c}{line}\u{201d}: {note}"),
                    );
                }
                Some(p.stamp)
            }
            Err(why) => {
                let line = self.lines[i].trim().to_string();
                self.item(
                    ItemKind::KeptAsText,
                    ItemCode::TimeUnplaced,
                    i,
                    path,
                    format!("{what} \u{201c}{}\u{201d}: the time could not be placed ({why}); the line is kept in Notes.", short(&line)),
                );
                None
            }
        }
    }

    /// The walk and the passes are done: the timeline is put in time order.
    pub fn done(self) -> Done<'a> {
        Done {
            lines: self.lines,
            raw: self.raw,
            used: self.used,
            doc: self.doc,
            ctx: self.ctx,
            notices: self.notices,
            items: self.items,
            zone_paths: self.zone_paths,
            date_paths: self.date_paths,
            timeline: self.entries.into_ordered(),
        }
    }
}

/// Adds `text` to a text field: on a new line, or after a blank line (`gap`).
pub fn append(field: &mut String, text: &str, gap: bool) {
    if !field.is_empty() {
        field.push_str(if gap { "\n\n" } else { "\n" });
    }
    field.push_str(text);
}
