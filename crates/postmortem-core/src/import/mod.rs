//! Reads postmortems written elsewhere: status-page reports, blog posts,
//! Google Docs and Confluence exports, Markdown with front matter, notes,
//! mail threads. This module holds the reader's state (`Reader`), the
//! document's setting (the zone and date its times take, see
//! [`when`]), the walk over the lines (`read_body`) and key lines;
//! `lines` says what a line is, `tables` reads tables, `timeline` the
//! timeline's entries and their order, `prose` the times in the narrative
//! and the key times inferred.
//!
//! Headings (with `#` or alone on a line) are mapped to sections by their
//! usual names. The rule that matters most: **every non-empty line ends up
//! in the result**, taken into a field (verbatim, or read into a time or a
//! state) or kept in `notes`. A time read with an assumption is listed in
//! the review ([`crate::review`]); one that cannot be placed is kept as text.

use crate::format::markdown::front_matter::{apply_front_matter, FrontMatter};
use crate::format::{Imported, Notice};
use crate::model::*;
use crate::review::Basis;
use crate::review::{Assumed, Item, ItemKind, Mapped, Review};
use crate::time::words;
use crate::time::zones::{self, Zoned};
use jiff::civil::Date;
use when::{Moment, Setting};

pub mod diff;
mod lines;
mod prose;
mod tables;
mod timeline;
pub mod when;

use lines::*;
use prose::*;
use tables::*;
use timeline::*;

/// "All times in PST" for a summer incident: the times are read on the
/// zone's clock (PDT then), and the review says so.
fn declared_off_season(r: &mut Reader) {
    let (Basis::Stated { line, .. }, Some(date)) = (&r.ctx.zone_basis, r.ctx.date) else {
        return;
    };
    let Ok(tz) = zones::zone(&r.ctx.zone) else {
        return;
    };
    let Ok(noon) = date.at(12, 0, 0, 0).to_zoned(tz) else {
        return;
    };
    let word = r.ctx.zone_written.clone();
    if let Some((_, really)) = when::other_season(&word, noon.timestamp()) {
        let zone = r.ctx.zone.clone();
        r.item(ItemKind::Unsure, "zone.season", line - 1, "time_zone".into(), format!("\u{201c}{word}\u{201d} is written for {date}, when {zone} showed {really}: the times were read on that clock ({really}), as people who write \u{201c}{word}\u{201d} all year mean."));
    }
}

struct Reader<'a> {
    /// For each line, the heading line of the section it is in.
    section_of: Vec<Option<usize>>,
    heading_of_next: Option<usize>,
    lines: Vec<String>,
    raw: &'a [&'a str],
    used: Vec<bool>,
    doc: Document,
    notices: Vec<Notice>,
    ctx: Setting,
    /// The date of the date heading the line is under ("### January 31, 2017").
    day: Option<Date>,
    /// The last time placed in the timeline: the next one follows it.
    last: Option<Zoned>,
    items: Vec<Item>,
    sections: Vec<Mapped>,
    /// Paths of times read in the assumed zone, and dated from the document's date.
    zone_paths: Vec<String>,
    date_paths: Vec<String>,
    /// The last time placed took its date from the document's (so the next,
    /// which follows it, does too).
    last_assumed: bool,
    /// The first range the narrative gives ("From 7:52 p.m. until 1:10 a.m.,
    /// some users could not …"): its line, start and end.
    span: Option<(usize, Stamp, Stamp)>,
    /// The last time read in the section's prose: the next one follows it.
    prose_last: Option<Zoned>,
    /// For each timeline entry, the 0-based line it was read from.
    entry_lines: Vec<usize>,
    /// For each timeline entry, its instant (None: no time), as placed.
    entry_at: Vec<Option<jiff::Timestamp>>,
    /// Times read from the narrative, added once the timeline is read (if it lacks them).
    prose: Vec<Prose>,
    prose_seen: std::collections::HashSet<jiff::Timestamp>,
}

/// A time stated in the narrative: the entry it would make, the line, and
/// the key time its sentence names.
struct Prose {
    line: usize,
    entry: TimelineEntry,
    key: Option<KeyTime>,
    /// An assumption made in placing it (see `Reader::place`).
    unsure: Vec<Item>,
    /// Read in the assumed zone; dated from the document's date.
    zone_assumed: bool,
    date_assumed: bool,
}

impl Reader<'_> {
    fn notice(&mut self, i: usize, message: impl Into<String>) {
        self.notices.push(Notice {
            line: i + 1,
            message: message.into(),
        });
    }

    fn take(&mut self, i: usize) {
        self.used[i] = true;
    }

    /// Adds a timeline entry read from line `line` (0-based), placed at `at`.
    fn push_timeline(&mut self, entry: TimelineEntry, line: usize, at: Option<jiff::Timestamp>) {
        self.entry_lines.push(line);
        self.entry_at.push(at);
        self.doc.timeline.push(entry);
    }

    /// The 0-based source line timeline entry `idx` was read from.
    fn entry_line(&self, idx: usize) -> usize {
        self.entry_lines.get(idx).copied().unwrap_or(0)
    }

    fn item(
        &mut self,
        kind: ItemKind,
        code: &'static str,
        i: usize,
        path: String,
        message: String,
    ) {
        self.items.push(Item {
            kind,
            code,
            line: i + 1,
            path,
            message,
        });
    }

    /// Fills key time `key`, which nothing has filled, with `stamp` taken
    /// from `source` on line `i` ("the time of the “Monitoring” status
    /// update (update 2)"), and lists it as inferred. An inference never puts
    /// the key times out of the order validation holds them to (the times the
    /// document states, and those inferred before): such a time is not taken
    /// (a bound such as Resolved is not a time anyone stated for it either),
    /// and the review says why.
    fn infer_key_time(&mut self, key: KeyTime, stamp: Stamp, i: usize, source: &str) {
        if self.doc.times.get(key).is_some() {
            return;
        }
        let at = zones::instant(Some(&stamp));
        let clash = crate::validate::KEY_ORDER.iter().find_map(|&(a, b, _)| {
            // `key` must come after `other`, or before it.
            let (other, after) = match key {
                k if k == a => (b, false),
                k if k == b => (a, true),
                _ => return None,
            };
            let t = zones::instant(self.doc.times.get(other))?;
            let wrong = if after { at? < t } else { at? > t };
            wrong.then_some((other, after))
        });
        let Some((other, after)) = clash else {
            *self.doc.times.slot(key) = Some(stamp);
            self.item(
                ItemKind::Inferred,
                "key",
                i,
                format!("times.{}", key.word()),
                format!("{} was taken from {source}.", key.label()),
            );
            return;
        };
        let tz = zones::zone_or_utc(&self.doc.time_zone);
        let theirs = self
            .doc
            .times
            .get(other)
            .map(|s| zones::show_stamp(s, &tz))
            .unwrap_or_default();
        self.item(
            ItemKind::Inferred,
            "key.not_taken",
            i,
            format!("times.{}", key.word()),
            format!(
                "{} was not taken from {source}: {} would put it {} {} ({theirs}). Fill it in if you know when.",
                key.label(),
                zones::show_stamp(&stamp, &tz),
                if after { "before" } else { "after" },
                other.label(),
            ),
        );
    }

    /// Places a time found on line `i` for the field at `path`, after
    /// `anchor`; lists it in the review when an assumption placed it, or
    /// when it cannot be placed (then None: the caller keeps the text).
    fn place(
        &mut self,
        i: usize,
        m: &Moment,
        anchor: Option<&Zoned>,
        path: String,
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
                    self.item(ItemKind::Unsure, "zone.none", i, path.clone(), format!("{what} \u{201c}{line}\u{201d}: no time zone is written anywhere, so it was read as {zone}."));
                }
                if p.date_from_context
                    && self.day.is_none()
                    && anchor.is_none()
                    && self.ctx.date_basis == Basis::Nothing
                {
                    self.item(ItemKind::Unsure, "date.first", i, path.clone(), format!("{what} \u{201c}{line}\u{201d}: its date was taken from the first date in the document."));
                }
                if let Some(note) = p.note {
                    self.item(
                        ItemKind::Unsure,
                        "zone.season",
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
                    "time.unplaced",
                    i,
                    path,
                    format!("{what} \u{201c}{}\u{201d}: the time could not be placed ({why}); the line is kept in Notes.", short(&line)),
                );
                None
            }
        }
    }
}

/// The length of the paragraph line `i` is in (the lines around it up to
/// blank lines), and of its longest line: prose has long lines, a block of
/// labels ("Resolved", "Partial outage") short ones.
fn paragraph_len(lines: &[String], i: usize) -> (usize, usize) {
    let blank = |j: &usize| lines[*j].trim().is_empty();
    let first = (0..=i).rev().take_while(|j| !blank(j)).last().unwrap_or(i);
    let last = (i..lines.len())
        .take_while(|j| !blank(j))
        .last()
        .unwrap_or(i);
    let lens = lines[first..=last].iter().map(|l| l.trim().len());
    (lens.clone().sum(), lens.max().unwrap_or(0))
}

/// The 0-based line an entry's text was read from (its first words), else the first line.
fn line_of_text(lines: &[String], text: &str) -> usize {
    let probe: String = text.chars().take(40).collect();
    lines
        .iter()
        .position(|l| !probe.is_empty() && l.contains(probe.as_str()))
        .unwrap_or(0)
}

/// A line cut to a length a review item can quote.
fn short(line: &str) -> String {
    let t = line.trim_start_matches(['-', '*', '\u{2022}', ' ', '|']);
    match t.char_indices().nth(70) {
        Some((at, _)) => format!("{}\u{2026}", &t[..at]),
        None => t.to_string(),
    }
}

fn append(field: &mut String, text: &str, gap: bool) {
    if !field.is_empty() {
        field.push_str(if gap { "\n\n" } else { "\n" });
    }
    field.push_str(text);
}

/// Reads a document that is not in this editor's layout.
pub fn read(raw: &[&str], front: Option<&FrontMatter>, body_start: usize) -> Imported {
    let lines: Vec<String> = raw.iter().map(|l| words::unmangle(l)).collect();
    let mut doc = Document::default();
    let mut leftovers_front = Vec::new();
    if let Some(f) = front {
        apply_front_matter(&mut doc, f, &mut leftovers_front);
    }
    let ctx = setting(&lines, body_start, front, &doc);
    doc.time_zone = ctx.zone.clone();
    let mut r = Reader {
        section_of: vec![None; lines.len()],
        heading_of_next: None,
        used: vec![false; lines.len()],
        lines,
        raw,
        doc,
        notices: Vec::new(),
        ctx,
        day: None,
        last: None,
        items: Vec::new(),
        sections: Vec::new(),
        zone_paths: Vec::new(),
        date_paths: Vec::new(),
        last_assumed: false,
        span: None,
        prose_last: None,
        entry_lines: Vec::new(),
        entry_at: Vec::new(),
        prose: Vec::new(),
        prose_seen: Default::default(),
    };
    for i in 0..body_start {
        r.used[i] = true;
    }
    // The "Date:" line the document's date was read from is used.
    if let Basis::Stated { line, .. } = r.ctx.date_basis {
        let text = &r.lines[line - 1];
        // Only a line that is the date alone: not a table row, not a mail's own Date header with its time.
        let alone = !text.trim_start().starts_with('|') && when::moments(text).is_empty();
        if line > body_start && date_label(text).is_some() && alone {
            r.used[line - 1] = true;
        }
    }
    if let Some(problem) = front.and_then(|f| f.problem.clone()) {
        r.notice(0, problem);
    }
    if r.ctx.date.is_none() {
        r.notices.push(Notice { line: 1, message: "The document gives no date, so times written without one could not be placed; they are kept as written.".into() });
    }
    declared_off_season(&mut r);
    read_body(&mut r, body_start);
    add_prose_times(&mut r);
    key_times_from_text(&mut r);
    key_times_from_updates(&mut r);
    order_timeline(&mut r);
    before_start(&mut r);

    let mut notes: Vec<String> = leftovers_front;
    let mut last_kept: Option<usize> = None;
    let mut heading_shown = vec![false; r.lines.len()];
    let mut to_notes = 0;
    for i in body_start..r.lines.len() {
        if !r.used[i] && !r.raw[i].trim().is_empty() {
            if last_kept.is_some_and(|l| l + 1 < i) {
                notes.push(String::new());
            }
            // Keep the section heading with what is kept from its section.
            if let Some(h) = r.section_of[i]
                .filter(|h| r.used[*h] && !std::mem::replace(&mut heading_shown[*h], true))
            {
                notes.push(r.raw[h].trim_end().to_string());
            }
            notes.push(r.raw[i].trim_end().to_string());
            to_notes += 1;
            last_kept = Some(i);
        }
    }
    if !notes.is_empty() {
        append(&mut r.doc.notes, &notes.join("\n"), true);
    }
    // A key time copied from an event or update follows it when a fix moves it.
    for key in KeyTime::ALL {
        let Some(stamp) = r.doc.times.get(*key).cloned() else {
            continue;
        };
        let path = format!("times.{}", key.word());
        let sources: Vec<String> = r
            .doc
            .timeline
            .iter()
            .enumerate()
            .filter(|(_, e)| e.at.as_ref() == Some(&stamp))
            .map(|(i, _)| format!("timeline[{i}].at"))
            .chain(
                r.doc
                    .updates
                    .iter()
                    .enumerate()
                    .filter(|(_, u)| u.at.as_ref() == Some(&stamp))
                    .map(|(i, _)| format!("updates[{i}].at")),
            )
            .collect();
        for list in [&mut r.zone_paths, &mut r.date_paths] {
            if !list.contains(&path) && sources.iter().any(|s| list.contains(s)) {
                list.push(path.clone());
            }
        }
    }
    let timed = r.doc.timeline.iter().any(|e| e.at.is_some())
        || r.doc.updates.iter().any(|u| u.at.is_some())
        || r.doc.times.started.is_some();
    let review = Review {
        own_format: false,
        zone: timed.then(|| Assumed {
            value: r.ctx.zone.clone(),
            written: r.ctx.zone_written.clone(),
            basis: r.ctx.zone_basis.clone(),
        }),
        date: timed.then(|| Assumed {
            value: r.ctx.date.map(|d| d.to_string()).unwrap_or_default(),
            written: String::new(),
            basis: r.ctx.date_basis.clone(),
        }),
        events: r.doc.timeline.len(),
        updates: r.doc.updates.len(),
        items: r.items,
        sections: r.sections,
        lines_to_notes: to_notes,
        zone_paths: r.zone_paths,
        date_paths: r.date_paths,
    };
    Imported {
        doc: r.doc,
        notices: r.notices,
        review,
    }
}

/// A line that could be a heading: `#`, bold alone, a table header, or short.
fn heading_like(line: &str) -> bool {
    let t = line.trim();
    t.starts_with('#')
        || t.starts_with('|')
        || (t.starts_with("**") && t.ends_with("**"))
        || t.split_whitespace().count() <= 6 && !t.ends_with('.')
}

/// A label that dates the document: `Date:`, `**Date:**`, `| Incident date |`.
fn date_label(line: &str) -> Option<&str> {
    let t = line.trim().trim_start_matches(['-', '*', '|', ' ']);
    let lower = t.to_ascii_lowercase();
    let label_end = t.find([':', '|'])?;
    let label = lower[..label_end].replace('*', "");
    let label = label.trim();
    matches!(
        label,
        "date" | "incident date" | "date of incident" | "when" | "day" | "published" | "posted on"
    )
    .then(|| &t[label_end + 1..])
}

/// What the document says about the date and zone of its times (see [`when`]).
fn setting(
    lines: &[String],
    body_start: usize,
    front: Option<&FrontMatter>,
    doc: &Document,
) -> Setting {
    let mut s = Setting::unknown();
    let body = || lines.iter().enumerate().skip(body_start);
    let stated = |i: usize| Basis::Stated {
        line: i + 1,
        text: short(lines[i].trim()),
    };
    // The zone: front matter, a line that declares it, else the zone most times carry.
    let front_zone = front.and_then(|f| f.line_of("time_zone").or(f.line_of("timezone")));
    let declared =
        body().find_map(|(i, l)| when::declared_zone(l, heading_like(l)).map(|d| (i, d)));
    if zones::zone(&doc.time_zone).is_ok() && front_zone.is_some() {
        s.zone = doc.time_zone.clone();
        s.zone_written = doc.time_zone.clone();
        s.zone_basis = stated(front_zone.unwrap_or(1).saturating_sub(1));
    } else if let Some((i, (written, word))) = declared {
        if let Some(name) = when::zone_name(&word) {
            s.zone = name;
            s.zone_written = written;
            s.zone_basis = stated(i);
        }
    } else {
        let mut tally: Vec<(String, usize, usize, String)> = Vec::new();
        for (i, l) in body() {
            for m in when::moments(l) {
                let Some(word) = m.zone else { continue };
                let Some(name) = when::zone_name(&word) else {
                    continue;
                };
                match tally.iter_mut().find(|t| t.0 == name) {
                    Some(t) => t.1 += 1,
                    None => tally.push((name, 1, i, word)),
                }
            }
        }
        if let Some((name, _, i, word)) = tally
            .into_iter()
            .max_by_key(|t| (t.1, std::cmp::Reverse(t.2)))
        {
            s.zone = name;
            s.zone_written = word;
            s.zone_basis = Basis::Guessed {
                line: i + 1,
                text: short(lines[i].trim()),
            };
        }
    }
    // The year, for dates written without one: front matter, else the first year written.
    let front_date = front
        .and_then(|f| Some((f.get("date")?.as_str()?, f.line_of("date")?)))
        .and_then(|(v, line)| Some((words::find_date(v)?.0, line)));
    let first_full = body().find_map(|(i, l)| words::find_date(l).map(|d| (d.0, i)));
    s.year = front_date
        .map(|d| d.0.year())
        .or(first_full.map(|d| d.0.year()))
        .or_else(|| {
            body().find_map(|(_, l)| {
                l.split(|c: char| !c.is_ascii_digit())
                    .find(|w| w.len() == 4 && (w.starts_with("19") || w.starts_with("20")))
                    .and_then(|w| w.parse().ok())
            })
        });
    // The date: front matter, a `Date:` line, a start line, the title, else the first date written.
    let labelled = body().find_map(|(i, l)| {
        let v = date_label(l)?;
        let d = words::find_days(v).into_iter().next()?;
        Some((s.day(&d)?, i))
    });
    let start_line = body().find_map(|(i, l)| {
        key_line(l)
            .filter(|(k, _)| matches!(k, Key::Start | Key::Duration))
            .and_then(|(_, v)| words::find_days(&v).into_iter().next())
            .and_then(|d| Some((s.day(&d)?, i)))
    });
    let any_day = body().find_map(|(i, l)| {
        let d = words::find_days(l).into_iter().next()?;
        Some((s.day(&d)?, i))
    });
    if let Some((d, line)) = front_date {
        s.date = Some(d);
        s.date_basis = Basis::Stated {
            line,
            text: format!("date: {d}"),
        };
    } else if let Some((d, i)) = labelled.or(start_line).or(any_day) {
        s.date = Some(d);
        s.date_basis = stated(i);
    }
    if s.year.is_none() {
        s.year = s.date.map(|d| d.year());
    }
    // A 12-hour document: a.m./p.m. written, and no hour past 12.
    let (mut meridiem, mut past_noon) = (false, false);
    for (_, l) in body() {
        let mut from = 0;
        while let Some(c) = words::find_time(l, from) {
            from = c.end;
            match c.pm {
                Some(_) => meridiem = true,
                None if c.hour > 12 => past_noon = true,
                None => {}
            }
        }
    }
    s.twelve_hour = meridiem && !past_noon;
    // The start, where bare times begin: a start line, else the first time
    // dated on the document's date ("On February 4th, 2024 at 8:04 p.m.").
    let placed = |l: &String| {
        // Only a line with a date can give a dated time.
        if words::find_days(l).is_empty() {
            return None;
        }
        let line = key_line(l).map(|(_, v)| v).unwrap_or_else(|| l.clone());
        let m = when::moments(&line).into_iter().find(|m| m.day.is_some())?;
        let p = s.place(&m, None, None).ok()?;
        zones::parse_stamp(&p.stamp).ok()
    };
    let start_line = body()
        .filter(|(_, l)| key_line(l).is_some_and(|(k, _)| matches!(k, Key::Start | Key::Duration)))
        .find_map(|(_, l)| placed(l));
    // Near the top: a summary's first sentence, not a line deep in a long timeline.
    let on_the_day = || {
        body().take(400).find_map(|(_, l)| {
            placed(l)
                .filter(|z| s.date == Some(z.with_time_zone(zones::zone_or_utc(&s.zone)).date()))
        })
    };
    let stated = start_line.is_some();
    let start = start_line.or_else(on_the_day);
    s.start_stated = stated;
    s.start = start;
    s
}

fn read_body(r: &mut Reader, start: usize) {
    let n = r.lines.len();
    let mut target: Option<Target> = None;
    let mut title_done = false;
    let first_line = (start..n).find(|&i| !r.lines[i].trim().is_empty());
    let mut last_text_line: Option<usize> = None;
    let mut seen_postmortem = false;
    let mut seen_section = false;
    let mut skip_to = start;
    let mut last_update: Option<Zoned> = None;
    // Status pages write "Posted" after each update: index of the open update.
    let mut open_update: Option<usize> = None;
    let bullets_page = r.lines.iter().any(|l| l.trim_start().starts_with('•'));

    // A mail: "From:", "Subject:", "Date:" headers up to the first blank line.
    // The subject is the title; the headers are kept in Notes.
    let headers = (start..n)
        .take_while(|&j| mail_header(&r.lines[j]).is_some())
        .count();
    let names: Vec<String> = (start..start + headers)
        .filter_map(|j| mail_header(&r.lines[j]).map(|(k, _)| k.to_ascii_lowercase()))
        .collect();
    if headers >= 2
        && names.iter().any(|k| k == "subject")
        && names.iter().any(|k| k == "from" || k == "date")
    {
        for j in start..start + headers {
            if let Some(("Subject" | "subject", v)) = mail_header(&r.lines[j]) {
                r.doc.title = v.trim().to_string();
                r.take(j);
            }
        }
        skip_to = start + headers;
        title_done = true;
    }
    for i in start..n {
        let line = r.lines[i].clone();
        let t = line.trim();
        if t.is_empty() || i < skip_to {
            continue;
        }
        r.section_of[i] = r.heading_of_next;
        let heading = crate::format::markdown::escape::heading(&line)
            .map(|(level, text)| (level, text.trim().to_string()));
        let short = t.split_whitespace().count() <= 6 && !t.ends_with('.');

        // Title: the first H1 (unless generic), else the first short line of a plain file.
        if !title_done {
            if let Some((1, text)) = &heading {
                if !is_generic_title(text) || r.doc.title.is_empty() {
                    r.doc.title = text.clone();
                }
                title_done = true;
                if !is_generic_title(text) {
                    r.take(i);
                }
                continue;
            }
            let plain_first = Some(i) == first_line && heading.is_none();
            if !r.doc.title.is_empty() {
                title_done = true;
            } else if plain_first
                && section_for(t).is_none()
                && update_state(t).is_none()
                && t.len() < 120
                && key_line(t).is_none()
            {
                r.doc.title = t.to_string();
                title_done = true;
                r.take(i);
                continue;
            } else {
                title_done = true;
                if r.doc.title.is_empty() {
                    r.notice(i, "No title was found; give the postmortem one.");
                }
            }
        } else if is_generic_title(&r.doc.title) {
            if let Some((2, text)) = &heading {
                if section_for(text).is_none() {
                    r.doc.title = text.clone();
                    r.take(i);
                    continue;
                }
            }
        }

        // A table: a timeline with a time column, action items, or key-value rows.
        if t.starts_with('|') {
            if let Some(end) = read_table(r, i, target) {
                for j in i..end {
                    r.section_of[j] = r.heading_of_next;
                }
                skip_to = end;
                continue;
            }
        }

        // "Major outage": the severity it suggests, when none is set (the line stays in Notes).
        if let Some((sev, words)) = stated_severity(t).filter(|_| r.doc.severity.is_none()) {
            r.doc.severity = Some(sev);
            r.item(ItemKind::Inferred, "severity", i, "severity".into(), format!("Severity {} was suggested by \u{201c}{words}\u{201d}; check it against your own scale.", sev.label()));
        }

        // A date alone on a line dates the entries under it.
        if let Some(d) = date_heading(t).and_then(|d| r.ctx.day(&d)) {
            r.day = Some(d);
            r.last = None;
            r.take(i);
            continue;
        }

        // Status updates written on one line: "Resolved - text" (then a
        // "Posted …" line), or "**16.07.2024, 21:58 – Investigating**" (text below).
        if let Some((state, rest)) = state_and_text(t) {
            let posted_follows = r.lines[i + 1..]
                .iter()
                .take_while(|l| state_and_text(l).is_none() && update_state(l).is_none())
                .any(|l| l.trim_start().starts_with("Posted "));
            if posted_follows {
                r.doc.updates.push(StatusUpdate {
                    at: None,
                    state,
                    text: rest.to_string(),
                });
                let u = r.doc.updates.len() - 1;
                open_update = Some(u);
                target = Some(Target::Update(u));
                last_text_line = Some(i);
                r.take(i);
                continue;
            }
        }
        if let Some((m, state)) = timed_state(t) {
            let u = r.doc.updates.len();
            let anchor = last_update.clone();
            let at = r.place(
                i,
                &m,
                anchor.as_ref(),
                format!("updates[{u}].at"),
                "Status update",
            );
            if let Some(z) = at.as_ref().and_then(|a| zones::parse_stamp(a).ok()) {
                last_update = Some(z);
            }
            if at.is_some() {
                r.take(i);
            }
            r.doc.updates.push(StatusUpdate {
                at,
                state,
                text: String::new(),
            });
            open_update = None;
            target = Some(Target::Update(u));
            last_text_line = None;
            continue;
        }

        // Headings and lines that stand for one.
        let blank_run = (start..i)
            .rev()
            .take_while(|&j| r.lines[j].trim().is_empty())
            .count();
        if blank_run >= 2
            && matches!(
                target,
                Some(
                    Target::Actions
                        | Target::Lessons
                        | Target::WentWell
                        | Target::WentWrong
                        | Target::Lucky
                )
            )
        {
            target = None;
        }
        let as_heading = heading
            .as_ref()
            .map(|(_, text)| text.as_str())
            .or(short.then_some(t));
        if let Some(h) = as_heading {
            if let Some(sec) = section_for(h) {
                if sec == Target::Postmortem {
                    if seen_postmortem {
                        r.take(i);
                        continue;
                    }
                    seen_postmortem = true;
                }
                // "Impact: text" is a key line, not a heading.
                let has_value = h.split_once(':').is_some_and(|(_, v)| !v.trim().is_empty());
                if !has_value {
                    seen_section = true;
                    r.heading_of_next = Some(i);
                    if target != Some(sec) {
                        r.day = None;
                        r.last = None;
                        r.prose_last = None;
                    }
                    target = Some(sec);
                    r.sections.push(Mapped {
                        line: i + 1,
                        heading: h.trim_start_matches(['#', ' ']).trim().to_string(),
                        section: section_name(sec),
                    });
                    open_update = None;
                    last_text_line = None;
                    r.take(i);
                    continue;
                }
            }
            if let Some(state) = update_state(h) {
                let bullet = t.starts_with('•');
                let posted_follows = r.lines[i + 1..]
                    .iter()
                    .take_while(|l| update_state(l).is_none())
                    .any(|l| l.trim_start().starts_with("Posted "));
                let repeat = open_update
                    .is_some_and(|u| r.doc.updates[u].state == state && last_text_line.is_none());
                if repeat {
                    r.take(i);
                    continue;
                }
                if (bullets_page && bullet) || (!bullets_page && posted_follows) {
                    r.doc.updates.push(StatusUpdate {
                        at: None,
                        state,
                        text: String::new(),
                    });
                    let u = r.doc.updates.len() - 1;
                    open_update = Some(u);
                    target = Some(Target::Update(u));
                    last_text_line = None;
                    r.take(i);
                    continue;
                }
            }
            if bullets_page && t.starts_with('•') && section_for(t) == Some(Target::Postmortem) {
                r.take(i);
                continue;
            }
        }

        // "Posted Apr 29, 2026 - 15:35 PDT" closes a status-page update.
        if let Some(rest) = t.strip_prefix("Posted ") {
            if let Some(m) = when::moment_in(rest, 0) {
                if let Some(u) = open_update {
                    if r.doc.updates[u].at.is_none() {
                        let path = format!("updates[{u}].at");
                        if let Some(stamp) = r.place(i, &m, None, path, "Status update") {
                            r.doc.updates[u].at = Some(stamp);
                            r.take(i);
                        }
                        open_update = None;
                        target = None;
                        continue;
                    }
                }
            }
        }

        // A heading that names no section ends a timeline: what follows is prose.
        if heading.is_some() && target == Some(Target::Timeline) {
            target = None;
        }

        // Key lines: "Start: 2026-02-17 09:05 UTC", "Cause: …".
        if let Some((key, value)) = key_line(t) {
            if read_key(r, i, key, &value) {
                continue;
            }
        }

        // Task-list items are actions wherever they are.
        if let (text, Some(done)) = strip_marker(t) {
            if !text.is_empty() && (t.starts_with("- [") || t.starts_with("* [")) {
                push_action(r, i, text, done);
                continue;
            }
        }

        match target {
            Some(Target::Timeline) if read_timeline_line(r, i) => {
                continue;
            }
            Some(Target::Actions) if !t.ends_with(':') => {
                let (text, _) = strip_marker(t);
                let done = text.to_lowercase().contains("(already completed)")
                    || text.to_lowercase().contains("(done)");
                push_action(r, i, text, done);
                continue;
            }
            Some(Target::WentWell | Target::WentWrong | Target::Lucky | Target::Lessons) => {
                let (text, _) = strip_marker(t);
                let list = match target {
                    Some(Target::WentWell) => &mut r.doc.lessons.went_well,
                    Some(Target::Lucky) => &mut r.doc.lessons.lucky,
                    _ => &mut r.doc.lessons.went_wrong,
                };
                list.push(text);
                r.take(i);
                continue;
            }
            Some(Target::Links) => {
                if let Some(link) = markdown_link(t) {
                    r.doc.links.push(link);
                    r.take(i);
                    continue;
                }
            }
            _ => {}
        }

        // Narrative text: into the current section (a blank line before it starts a paragraph).
        let gap =
            last_text_line.is_some_and(|l| r.lines[l + 1..i].iter().any(|x| x.trim().is_empty()));
        let text = t.to_string();
        let field = match target {
            Some(Target::Summary | Target::Postmortem) => Some(&mut r.doc.summary),
            Some(Target::Impact) => Some(&mut r.doc.impact.description),
            Some(Target::RootCause) => Some(&mut r.doc.root_cause.description),
            Some(Target::Trigger) => Some(&mut r.doc.root_cause.trigger),
            Some(Target::Detection) => Some(&mut r.doc.detection),
            Some(Target::Resolution) => Some(&mut r.doc.resolution),
            Some(Target::Update(u)) => Some(&mut r.doc.updates[u].text),
            Some(Target::Timeline) => Some(&mut r.doc.notes),
            _ => None,
        };
        if let Some(field) = field {
            append(field, &text, gap);
            r.take(i);
            last_text_line = Some(i);
            if !matches!(target, Some(Target::Update(_) | Target::Timeline)) {
                let summary = matches!(target, Some(Target::Summary | Target::Postmortem));
                narrative_times(r, i, summary);
            }
        } else if !seen_section
            && title_done
            && heading.is_none()
            && {
                let (total, longest) = paragraph_len(&r.lines, i);
                total > 80 && longest >= 60
            }
            && !t.starts_with(['|', '>', '!', '<'])
        {
            // A lone opening paragraph is the summary.
            let gap = last_text_line
                .is_some_and(|l| r.lines[l + 1..i].iter().any(|x| x.trim().is_empty()));
            append(&mut r.doc.summary, &text, gap);
            last_text_line = Some(i);
            r.take(i);
            narrative_times(r, i, true);
        } else if !matches!(target, Some(Target::Update(_) | Target::Timeline)) {
            narrative_times(r, i, false);
        }
    }
}

/// Adds line `i` as an action item, done or open.
fn push_action(r: &mut Reader, i: usize, title: String, done: bool) {
    let status = if done {
        ActionStatus::Done
    } else {
        ActionStatus::Open
    };
    r.doc.actions.push(ActionItem {
        title,
        status,
        ..ActionItem::default()
    });
    r.take(i);
}

/// Fills a field from a `Label: value` line; false when the line should be read otherwise.
fn read_key(r: &mut Reader, i: usize, key: Key, value: &str) -> bool {
    match key {
        Key::Start | Key::End | Key::Detected => {
            let Some(m) = when::moment_in(value, 0) else {
                return false;
            };
            let (path, slot_set) = match key {
                Key::Start => ("times.started", r.doc.times.started.is_some()),
                Key::End => ("times.resolved", r.doc.times.resolved.is_some()),
                _ => ("times.detected", r.doc.times.detected.is_some()),
            };
            if slot_set {
                return false;
            }
            let Some(stamp) = r.place(i, &m, None, path.into(), "Key time") else {
                return false;
            };
            let slot = match key {
                Key::Start => &mut r.doc.times.started,
                Key::End => &mut r.doc.times.resolved,
                _ => &mut r.doc.times.detected,
            };
            *slot = Some(stamp);
            if m.approximate {
                let k = match key {
                    Key::Start => KeyTime::Started,
                    Key::End => KeyTime::Resolved,
                    _ => KeyTime::Detected,
                };
                r.doc.times.approximate.push(k);
            }
            r.take(i);
            true
        }
        Key::Duration => {
            // "A – B (2 hours)" or "38 minutes (13:02–13:40 UTC)": the start and end.
            let Some(first) = when::moment_in(value, 0) else {
                return false;
            };
            let second = words::range_end(value, first.clock.end)
                .map(|c| (c.start, c))
                .or_else(|| {
                    when::moment_in(value, first.clock.end).map(|m| (m.clock.start, m.clock))
                });
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
            let a = r.place(i, &first, None, "times.started".into(), "Start");
            let anchor = a.as_ref().and_then(|s| zones::parse_stamp(s).ok());
            let b = r.place(i, &second, anchor.as_ref(), "times.resolved".into(), "End");
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
            append(&mut r.doc.impact.description, r.lines[i].trim(), false);
            r.take(i);
            true
        }
        Key::Impact if !value.is_empty() => {
            append(&mut r.doc.impact.description, value, true);
            r.take(i);
            true
        }
        Key::Cause if !value.is_empty() => {
            append(&mut r.doc.root_cause.description, value, true);
            r.take(i);
            true
        }
        Key::Fix if !value.is_empty() => {
            append(&mut r.doc.resolution, value, true);
            fixes_made(r, i, value);
            r.take(i);
            true
        }
        Key::Prevention if !value.is_empty() => {
            append(&mut r.doc.resolution, r.lines[i].trim(), true);
            fixes_made(r, i, value);
            r.take(i);
            true
        }
        Key::Services if !value.is_empty() => {
            for s in value.trim_end_matches('.').split(',') {
                let s = s.trim();
                if !s.is_empty() && !r.doc.services.iter().any(|x| x == s) {
                    r.doc.services.push(s.to_string());
                }
            }
            // Kept as text too: it is part of the impact.
            append(&mut r.doc.impact.description, r.lines[i].trim(), false);
            r.take(i);
            true
        }
        _ => false,
    }
}
