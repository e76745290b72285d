//! Reads postmortems written elsewhere: status-page reports ("Posted … PDT"
//! updates), plain documents with "Timeline" lines such as "03:15 WAT - …",
//! Obsidian notes (front matter, callouts, task lists), Markdown with 12-hour
//! "7:52 : …" timelines.
//!
//! Headings (with `#` or alone on a line) are mapped to sections by their usual
//! names; times are read with the date and zone the document itself gives.
//! The rule that matters most: **every non-empty line ends up in the result**.
//! A line is either taken into a field (verbatim, or parsed into a time or a
//! state) or kept in `notes`. Unclear times are kept as written, with a notice.

use super::import::{apply_front_matter, FrontMatter, Imported, Notice};
use super::loose;
use super::review::{Assumed, Item, ItemKind, Mapped, Review};
use super::when::{self, Basis, Moment, Setting};
use crate::core::model::*;
use crate::core::zones::{self, Zoned};
use jiff::civil::Date;

/// Where the lines under a heading go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Summary,
    Impact,
    Timeline,
    RootCause,
    Trigger,
    Detection,
    Resolution,
    Actions,
    WentWell,
    WentWrong,
    Lucky,
    Lessons,
    Links,
    Notes,
    /// The body of a status-page "Postmortem" update: sections follow.
    Postmortem,
    Update(usize),
}

/// Section names people use, mapped to where their text goes.
fn section_for(name: &str) -> Option<Target> {
    let n: String = name
        .trim()
        .trim_start_matches(['#', '•', '*', '-', ' '])
        .trim_end_matches([':', ' '])
        .replace("**", "")
        .to_lowercase();
    // "Timeline (all times UTC)", "Timeline - approximate": the name before the note.
    let n = n.split(['(', '[']).next().unwrap_or("").trim();
    let n = n
        .split(" - ")
        .next()
        .unwrap_or("")
        .trim()
        .trim_end_matches(':')
        .trim();
    use Target::*;
    Some(match n {
        "summary" | "issue summary" | "incident summary" | "overview" | "what happened"
        | "executive summary" | "description" => Summary,
        "impact"
        | "customer impact"
        | "user impact"
        | "detailed description of impact"
        | "impact assessment"
        | "who was affected" => Impact,
        "timeline" | "incident timeline" | "timeline of events" | "sequence of events"
        | "detailed timeline" | "event timeline" | "chronology" | "time line" => Timeline,
        "root cause"
        | "root causes"
        | "cause"
        | "causes"
        | "root cause analysis"
        | "why it happened"
        | "root cause and impact"
        | "what went wrong technically"
        | "technical details" => RootCause,
        "root cause and resolution" | "cause and resolution" => RootCause,
        "trigger" => Trigger,
        "detection" | "how we found out" => Detection,
        "resolution"
        | "recovery"
        | "fix"
        | "mitigation"
        | "resolution and recovery"
        | "remediation"
        | "remediation and prevention"
        | "how we fixed it" => Resolution,
        "action items"
        | "actions"
        | "follow-up actions"
        | "follow up actions"
        | "follow-ups"
        | "follow ups"
        | "follow-up tasks"
        | "follow-up items"
        | "follow up tasks"
        | "action plan"
        | "what we are doing"
        | "what we're doing"
        | "prevention"
        | "next steps"
        | "corrective and preventative measures"
        | "corrective and preventive measures"
        | "corrective actions"
        | "preventative measures"
        | "preventive measures"
        | "improvements"
        | "todo list"
        | "todo"
        | "to do" => Actions,
        "lessons learned" | "lessons" | "learnings" | "what we learned" => Lessons,
        "what went well" | "things that went well" => WentWell,
        "what went wrong" | "things that went wrong" | "what didn't go well" => WentWrong,
        "where we got lucky" | "where we got lucky:" | "lucky" => Lucky,
        "related" | "links" | "references" | "supporting information" => Links,
        "notes" | "other notes" | "appendix" => Notes,
        "postmortem" | "post-mortem" => Postmortem,
        _ => return None,
    })
}

fn update_state(line: &str) -> Option<UpdateState> {
    let word = line.trim().trim_start_matches(['•', '*', '-', ' ']).trim();
    match word.to_lowercase().as_str() {
        "investigating" => Some(UpdateState::Investigating),
        "identified" => Some(UpdateState::Identified),
        "monitoring" => Some(UpdateState::Monitoring),
        "resolved" => Some(UpdateState::Resolved),
        "update" => Some(UpdateState::Update),
        _ => None,
    }
}

/// "All times in PST" for a summer incident: the times are read on the
/// zone's clock (PDT then), and the review says so.
fn declared_off_season(r: &mut Reader) {
    let (Basis::Stated { line, .. }, Some(date)) = (&r.ctx.zone_basis, r.ctx.date) else {
        return;
    };
    let word = r.ctx.zone_written.clone();
    let fixed = zones::known_abbreviations().any(|a| a == word)
        && !matches!(word.as_str(), "UTC" | "GMT" | "UT" | "Z");
    let Ok(tz) = zones::zone(&r.ctx.zone) else {
        return;
    };
    let Ok(noon) = date.at(12, 0, 0, 0).to_zoned(tz.clone()) else {
        return;
    };
    let really = zones::abbreviation(&tz, noon.timestamp());
    if fixed && really != word && really.chars().all(|c| c.is_ascii_alphabetic()) {
        let zone = r.ctx.zone.clone();
        r.item(ItemKind::Unsure, "zone.season", line - 1, "time_zone".into(), format!("\u{201c}{word}\u{201d} is written for {date}, when {zone} showed {really}: the times were read on that clock ({really}), as people who write \u{201c}{word}\u{201d} all year mean."));
    }
}

/// A mail header line: `Subject: …`, `Message-ID: <…>`.
fn mail_header(line: &str) -> Option<(&str, &str)> {
    let (k, v) = line.split_once(": ")?;
    let known = [
        "from",
        "to",
        "cc",
        "subject",
        "date",
        "message-id",
        "in-reply-to",
        "references",
        "reply-to",
        "sender",
        "list-id",
    ];
    known
        .contains(&k.to_ascii_lowercase().as_str())
        .then_some((k, v))
}

/// "Resolved - This incident has been resolved.": a state, a dash and the update's text.
fn state_and_text(line: &str) -> Option<(UpdateState, &str)> {
    let t = line.trim();
    let word_end = t.find([' ', '\u{a0}'])?;
    let state = update_state(&t[..word_end])?;
    let rest = t[word_end..].trim_start();
    let rest = ["- ", "\u{2013} ", "\u{2014} ", ": "]
        .iter()
        .find_map(|sep| rest.strip_prefix(sep))?;
    (!rest.trim().is_empty()).then_some((state, rest.trim()))
}

/// "**22:16 – Investigating**", "16.07.2024, 21:58 – Identified": a time and a state, alone.
fn timed_state(line: &str) -> Option<(Moment, UpdateState)> {
    let t = line.trim().trim_matches(['*', '_']).trim();
    // It starts with its time or date, and ends with a state word.
    if !t.starts_with(|c: char| c.is_ascii_alphanumeric())
        || !t.ends_with(|c: char| c.is_ascii_alphabetic())
    {
        return None;
    }
    let last_word = t
        .rsplit([' ', '\u{2013}', '\u{2014}', '-'])
        .next()
        .unwrap_or("");
    update_state(last_word)?;
    let m = when::moment_in(t, 0)?;
    let lead = m.day.map_or(m.clock.start, |d| d.start.min(m.clock.start));
    if lead != 0 {
        return None;
    }
    let rest =
        t[m.end..].trim_start_matches(['-', '\u{2013}', '\u{2014}', ':', '|', ' ', '\u{b7}']);
    let state = update_state(rest)?;
    Some((m, state))
}

/// `Label: value` lines that fill a field directly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Key {
    Start,
    End,
    Detected,
    Duration,
    Impact,
    Cause,
    Fix,
    Prevention,
    Services,
}

fn key_line(line: &str) -> Option<(Key, String)> {
    // A label is words: a line that starts with a time or a number is not one.
    let start = line
        .trim_start()
        .trim_start_matches(['-', '*', '\u{2022}', ' ']);
    if start.starts_with(|c: char| c.is_ascii_digit()) || !line.contains(':') {
        return None;
    }
    let clean = line
        .trim()
        .trim_start_matches(['-', '*', '•', ' '])
        .replace("**", "");
    let (label, value) = clean.split_once(':')?;
    let key = match label.trim().to_lowercase().as_str() {
        "start" | "started" | "start time" | "began" => Key::Start,
        "end" | "ended" | "end time" | "resolved at" => Key::End,
        "detected" | "detected at" => Key::Detected,
        "duration" => Key::Duration,
        "impact" => Key::Impact,
        "cause" | "root cause" => Key::Cause,
        "fix" | "resolution" => Key::Fix,
        "prevention" => Key::Prevention,
        "affected services" | "this incident affected" | "services" => Key::Services,
        _ => return None,
    };
    Some((key, value.trim().to_string()))
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

/// The text of a list item or line without its marker: "- [ ] x" -> ("x", Some(false)).
fn strip_marker(line: &str) -> (String, Option<bool>) {
    let t = line.trim();
    let t = t
        .strip_prefix(['-', '*', '•', '+'])
        .map(str::trim_start)
        .unwrap_or(t);
    let digits = t.len() - t.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let t = if digits > 0 && t[digits..].starts_with(['.', ')']) {
        t[digits + 1..].trim_start()
    } else {
        t
    };
    for (box_, done) in [("[ ]", false), ("[x]", true), ("[X]", true)] {
        if let Some(rest) = t.strip_prefix(box_) {
            return (rest.trim_start().to_string(), Some(done));
        }
    }
    (t.to_string(), None)
}

fn is_generic_title(t: &str) -> bool {
    let words: Vec<String> = t.split_whitespace().map(|w| w.to_lowercase()).collect();
    !words.is_empty()
        && words.iter().all(|w| {
            matches!(
                w.as_str(),
                "postmortem"
                    | "post-mortem"
                    | "incident"
                    | "report"
                    | "retro"
                    | "retrospective"
                    | "review"
            )
        })
}

/// Reads a document that is not in this editor's layout.
pub fn read(raw: &[&str], front: Option<&FrontMatter>, body_start: usize) -> Imported {
    let lines: Vec<String> = raw.iter().map(|l| loose::unmangle(l)).collect();
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
        .and_then(|(v, line)| Some((loose::find_date(v)?.0, line)));
    let first_full = body().find_map(|(i, l)| loose::find_date(l).map(|d| (d.0, i)));
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
        let d = loose::find_days(v).into_iter().next()?;
        Some((s.day(&d)?, i))
    });
    let start_line = body().find_map(|(i, l)| {
        key_line(l)
            .filter(|(k, _)| matches!(k, Key::Start | Key::Duration))
            .and_then(|(_, v)| loose::find_days(&v).into_iter().next())
            .and_then(|d| Some((s.day(&d)?, i)))
    });
    let any_day = body().find_map(|(i, l)| {
        let d = loose::find_days(l).into_iter().next()?;
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
        while let Some(c) = loose::find_time(l, from) {
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
        if loose::find_days(l).is_empty() {
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
        let heading =
            super::escape::heading(&line).map(|(level, text)| (level, text.trim().to_string()));
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
            && paragraph_len(&r.lines, i).0 > 80
            && paragraph_len(&r.lines, i).1 >= 60
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

/// "From 7:52 p.m. until 1:10 a.m.", "between 14:02 and 15:40 UTC",
/// "13:42–14:09 UTC": a range in a sentence, kept as the narrative's span.
fn span_in(r: &mut Reader, i: usize, sentence: &str) {
    let Some(m) = when::moments(sentence).into_iter().next() else {
        return;
    };
    let lower = sentence[..m.clock.start].to_lowercase();
    let Some(end) = loose::range_end(sentence, m.clock.end) else {
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
fn says_impact(text: &str, begins: bool) -> bool {
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
fn key_times_from_text(r: &mut Reader) {
    // Only when a key time is missing, and each text lowered once.
    let lowered: Vec<String> = if r.doc.times.started.is_none() || r.doc.times.resolved.is_none() {
        r.doc
            .timeline
            .iter()
            .map(|e| e.text.to_lowercase())
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
        let sentence = short(r.lines[line].trim());
        if r.doc.times.started.is_none() {
            r.doc.times.started = Some(a);
            r.item(
                ItemKind::Inferred,
                "key",
                line,
                "times.started".into(),
                format!("Impact started was taken from the range in \u{201c}{sentence}\u{201d}."),
            );
        }
        if r.doc.times.resolved.is_none() {
            r.doc.times.resolved = Some(b);
            r.item(
                ItemKind::Inferred,
                "key",
                line,
                "times.resolved".into(),
                format!("Resolved was taken from the range in \u{201c}{sentence}\u{201d}."),
            );
        }
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
fn infer_key(
    r: &mut Reader,
    key: KeyTime,
    found: Option<(jiff::Timestamp, Stamp, usize)>,
    how: &str,
) {
    let Some((_, at, idx)) = found else { return };
    if r.doc.times.get(key).is_some() {
        return;
    }
    *r.doc.times.slot(key) = Some(at);
    let line = r.entry_line(idx);
    let text = short(&r.doc.timeline[idx].text);
    r.item(
        ItemKind::Inferred,
        "key",
        line,
        format!("times.{}", key.word()),
        format!(
            "{} was taken from {how}event {}: \u{201c}{text}\u{201d}.",
            key.label(),
            idx + 1
        ),
    );
}

/// A status page's states imply key times: the first Monitoring update
/// mitigated, the last Resolved one resolved, unless the document states them.
fn key_times_from_updates(r: &mut Reader) {
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
        let slot = r.doc.times.slot(key);
        if slot.is_none() {
            *slot = Some(at);
            r.items.push(Item {
                kind: ItemKind::Inferred,
                code: "key",
                line: line_of_text(&r.lines, &r.doc.updates[u].text) + 1,
                path: format!("times.{}", key.word()),
                message: format!("{} was taken from the time of the \u{201c}{}\u{201d} status update (update {}).", key.label(), r.doc.updates[u].state.label(), u + 1),
            });
        }
    }
}

/// Puts the timeline in time order (entries with no time stay after the one
/// above them), and moves review paths with their entries.
fn order_timeline(r: &mut Reader) {
    let mut key = None;
    let mut keyed: Vec<(Option<jiff::Timestamp>, usize)> = Vec::new();
    for (i, e) in r.doc.timeline.iter().enumerate() {
        if let Some(t) = zones::instant(e.at.as_ref()) {
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
fn before_start(r: &mut Reader) {
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

/// The cells of a table row, trimmed, without the outer pipes.
fn cells(line: &str) -> Vec<String> {
    super::import::split_row(line)
        .into_iter()
        .map(|c| c.trim().replace("**", ""))
        .collect()
}

fn is_separator(line: &str) -> bool {
    let t = line.trim();
    t.starts_with('|') && t.contains('-') && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

/// A table at line `i`: a timeline (a column named for the time, a date
/// column dating the rows, the zone in the header), or action items in an
/// actions section. Returns the line after it, or None for any other table
/// (read as text).
fn read_table(r: &mut Reader, i: usize, target: Option<Target>) -> Option<usize> {
    if !r.lines.get(i + 1).is_some_and(|l| is_separator(l)) {
        return None;
    }
    let n = r.lines.len();
    let header = cells(&r.lines[i]);
    let names: Vec<String> = header.iter().map(|h| h.to_lowercase()).collect();
    let mut end = i + 2;
    while end < n && r.lines[end].trim().starts_with('|') {
        end += 1;
    }
    let time_col = names.iter().position(|h| {
        let h = h.split('(').next().unwrap_or("").trim();
        matches!(
            h,
            "time"
                | "when"
                | "timestamp"
                | "time of day"
                | "start"
                | "start time"
                | "date/time"
                | "date and time"
                | "at"
        )
    });
    let date_col = names
        .iter()
        .position(|h| matches!(h.split('(').next().unwrap_or("").trim(), "date" | "day"));
    if let Some(tc) = time_col {
        let header_zone = when::declared_zone(&r.lines[i], true).map(|(_, w)| w);
        r.take(i);
        r.take(i + 1);
        for j in i + 2..end {
            let row = cells(&r.lines[j]);
            if row.iter().all(|c| c.is_empty()) {
                r.take(j);
                continue;
            }
            if let Some(d) = date_col
                .and_then(|dc| row.get(dc))
                .and_then(|c| loose::find_days(c).into_iter().next())
                .and_then(|d| r.ctx.day(&d))
            {
                if r.day != Some(d) {
                    r.day = Some(d);
                    r.last = None;
                }
            }
            let text = row
                .iter()
                .enumerate()
                .filter(|(c, v)| Some(*c) != time_col && Some(*c) != date_col && !v.is_empty())
                .map(|(_, v)| v.as_str())
                .collect::<Vec<_>>()
                .join(" \u{2014} ");
            let cell = row.get(tc).map(String::as_str).unwrap_or("");
            let moment = when::moment_in(cell, 0)
                .filter(|m| !(m.clock.bare_hour && m.clock.pm.is_none()) || cell.trim().len() <= 4);
            match moment {
                Some(mut m) if unknown_time(cell).is_none() => {
                    if m.zone.is_none() {
                        m.zone = header_zone.clone();
                    }
                    let (extra, _) = entry_text(cell, &m);
                    let text = if extra.is_empty() {
                        text
                    } else {
                        format!("{text} ({extra})")
                    };
                    if push_entry(r, j, &m, text, None) {
                        r.take(j);
                    }
                }
                _ => {
                    let idx = r.doc.timeline.len();
                    r.item(ItemKind::KeptAsText, "time.unknown", j, format!("timeline[{idx}].at"), format!("Timeline \u{201c}{}\u{201d}: no time the editor can read; the entry has no time.", short(&text)));
                    let text = if cell.is_empty() {
                        text
                    } else {
                        format!("{cell} \u{2014} {text}")
                    };
                    r.entry_lines.push(j);
                    r.doc.timeline.push(TimelineEntry {
                        at: None,
                        approximate: false,
                        kind: guess_kind(&text),
                        text,
                    });
                    r.take(j);
                }
            }
        }
        return Some(end);
    }
    if target == Some(Target::Actions) {
        let col = |words: &[&str]| {
            names
                .iter()
                .position(|h| words.iter().any(|w| h.contains(w)))
        };
        let title_col =
            col(&["task", "action", "item", "title", "description", "what"]).unwrap_or(0);
        let owner_col = col(&["owner", "assignee", "who"]);
        let status_col = col(&["status", "state", "done"]);
        let due_col = col(&["due"]);
        r.take(i);
        r.take(i + 1);
        for j in i + 2..end {
            let row = cells(&r.lines[j]);
            let get = |c: Option<usize>| c.and_then(|c| row.get(c)).cloned().unwrap_or_default();
            let status_word = get(status_col).to_lowercase();
            let status = match status_word.as_str() {
                "done" | "closed" | "complete" | "completed" | "fixed" | "yes" | "\u{2705}" => {
                    ActionStatus::Done
                }
                "in progress" | "doing" | "started" => ActionStatus::InProgress,
                "won't do" | "wont do" | "wontfix" => ActionStatus::WontDo,
                _ => ActionStatus::Open,
            };
            let known = [Some(title_col), owner_col, status_col, due_col];
            let rest: Vec<String> = row
                .iter()
                .enumerate()
                .filter(|(c, v)| !known.contains(&Some(*c)) && !v.is_empty())
                .map(|(_, v)| v.clone())
                .collect();
            let mut title = get(Some(title_col));
            if !rest.is_empty() {
                title = format!("{title} ({})", rest.join(", "));
            }
            let due = Some(get(due_col)).filter(|d| !d.is_empty());
            let kept_status = !matches!(
                status_word.as_str(),
                "" | "done" | "todo" | "to do" | "open"
            );
            if kept_status {
                title = format!("{title} [{}]", get(status_col));
            }
            r.doc.actions.push(ActionItem {
                title,
                owner: get(owner_col).trim_start_matches('@').to_string(),
                due,
                status,
                ..ActionItem::default()
            });
            r.take(j);
        }
        return Some(end);
    }
    None
}

/// A line that is a date alone: "### January 31, 2017", "**Tuesday, June 8**", "2017/01/31:".
fn date_heading(line: &str) -> Option<loose::DayText> {
    // "Wednesday, September 30, 2020" with its marks is the longest there is.
    if line.len() > 48 {
        return None;
    }
    let t = line
        .trim()
        .trim_start_matches('#')
        .trim()
        .trim_matches(['*', '_'])
        .trim()
        .trim_end_matches(':')
        .trim();
    let lower = t.to_ascii_lowercase();
    let rest = loose::WEEKDAYS
        .iter()
        .find_map(|w| lower.strip_prefix(w).map(|_| &t[w.len()..]))
        .map(|r| r.trim_start_matches([',', ' ']))
        .unwrap_or(t);
    let days = loose::find_days(rest);
    let d = days.first()?;
    (days.len() == 1 && d.start == 0 && d.end == rest.trim_end().len()).then_some(*d)
}

/// The form's name of a section.
fn section_name(t: Target) -> &'static str {
    use Target::*;
    match t {
        Summary => "Summary",
        Impact => "Impact",
        Timeline => "Timeline",
        RootCause => "Root cause",
        Trigger => "Root cause: trigger",
        Detection => "Detection",
        Resolution => "Resolution",
        Actions => "Action items",
        WentWell => "Lessons: what went well",
        WentWrong => "Lessons: what went wrong",
        Lucky => "Lessons: where we got lucky",
        Lessons => "Lessons",
        Links => "Links",
        Notes => "Notes",
        Postmortem => "Summary and the sections that follow",
        Update(_) => "Status updates",
    }
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
            r.item(ItemKind::Inferred, "action.done", i, format!("actions[{idx}]"), format!("Action item {}: \u{201c}{}\u{201d} reads as a change already made, so it is marked done.", idx + 1, short(sentence)));
        }
    }
}

/// "Major outage", "Partial outage": the impact a status page states, as the severity it suggests.
fn stated_severity(line: &str) -> Option<(Severity, String)> {
    if line.len() > 120 {
        return None;
    }
    line.split(['\u{b7}', '|', '\u{2022}'])
        .map(str::trim)
        .find_map(|part| {
            let s = match part.to_lowercase().as_str() {
                "major outage" | "full outage" | "full unavailability" | "complete outage" => {
                    Severity::Sev1
                }
                "partial outage" | "partial unavailability" => Severity::Sev2,
                "degraded performance" | "minor outage" | "degraded" => Severity::Sev3,
                _ => return None,
            };
            Some((s, part.to_string()))
        })
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
            let second = loose::range_end(value, first.clock.end)
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

/// The text of a timeline entry after its time: separators dropped, a
/// second clock that agrees with the first dropped ("09:10 PDT / 16:10 UTC"),
/// the end of a range kept ("09:58–10:27 UTC — x" becomes "x (until 10:27 UTC)").
fn entry_text(body: &str, m: &Moment) -> (String, Option<Moment>) {
    let dashes = ['-', ':', '|', '\u{2013}', '\u{2014}', '/', ',', ' '];
    let until = loose::range_end(body, m.clock.end).map(|r| {
        let zone_end = loose::zone_after(body, m.clock.end).map_or(r.end, |z| z.1.max(r.end));
        body[r.start..zone_end].trim().to_string()
    });
    let mut rest = body[m.end..].trim_start_matches(dashes);
    let mut second = None;
    if let Some(other) = when::moment_in(rest, 0).filter(|o| o.clock.start == 0 && o.zone.is_some())
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
fn unknown_time(body: &str) -> Option<&str> {
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
fn push_entry(r: &mut Reader, i: usize, m: &Moment, text: String, second: Option<Moment>) -> bool {
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
    r.entry_lines.push(i);
    r.doc.timeline.push(TimelineEntry {
        at,
        approximate: m.approximate,
        kind,
        text,
    });
    placed
}

/// "03:15 WAT - text", "- 7:52 : text", "8:04: text", "2017/01/31 23:00-ish x" as a timeline entry.
fn read_timeline_line(r: &mut Reader, i: usize) -> bool {
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
        r.entry_lines.push(i);
        r.doc.timeline.push(TimelineEntry {
            at: None,
            approximate: false,
            kind: guess_kind(rest),
            text: rest.to_string(),
        });
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
/// the alert at 06:25") that the timeline does not have become entries with
/// their sentence, each listed for checking; a key time the sentence names
/// is set when the document gives none.
/// `summary`: the line is in the summary, where a range ("From 7:52 p.m.
/// until 1:10 a.m., …") is the incident's span.
fn narrative_times(r: &mut Reader, i: usize, summary: bool) {
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
            if let Some(end) = loose::range_end(sentence, m.clock.end) {
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
fn add_prose_times(r: &mut Reader) {
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
            let slot = r.doc.times.slot(key);
            if slot.is_none() {
                *slot = Some(stamp);
                r.item(
                    ItemKind::Inferred,
                    "key",
                    p.line,
                    format!("times.{}", key.word()),
                    format!("{} was taken from \u{201c}{sentence}\u{201d}.", key.label()),
                );
            }
        }
        r.entry_lines.push(p.line);
        r.doc.timeline.push(p.entry);
    }
}

fn guess_kind(text: &str) -> TimelineKind {
    let t = text.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| t.contains(w));
    if has(&[
        "resolved",
        "fully restored",
        "back to normal",
        "all traffic",
        "every checkout worked",
        "back online",
        "fully back",
        "back to baseline",
        "returns to normal",
        "back at expected",
        "back at their usual",
        "incident closed",
        "impact ends",
    ]) {
        TimelineKind::Resolution
    } else if has(&["alert", "paged", "detected", "noticed", "monitor"]) {
        TimelineKind::Detection
    } else if has(&["escalat"]) {
        TimelineKind::Escalation
    } else if has(&[
        "rolled back",
        "rollback",
        "revert",
        "restart",
        "disabled",
        "mitigat",
        "restored",
        "deployed; latency",
    ]) {
        TimelineKind::Mitigation
    } else if has(&[
        "deploy",
        "config",
        "flag",
        "modification",
        "change",
        "migration",
        "upgrade",
        "released",
    ]) {
        TimelineKind::Change
    } else if has(&["status page", "customers were told", "announced", "posted"]) {
        TimelineKind::Communication
    } else {
        TimelineKind::Event
    }
}

/// `- [title](url)` or a bare URL list item.
fn markdown_link(line: &str) -> Option<Link> {
    let t = line.trim().trim_start_matches(['-', '*', '•']).trim();
    if let Some(rest) = t.strip_prefix('[').filter(|r| !r.starts_with('[')) {
        let (title, tail) = rest.split_once("](")?;
        let url = tail.strip_suffix(')')?;
        return Some(Link {
            title: title.to_string(),
            url: url.to_string(),
        });
    }
    if t.starts_with("http://") || t.starts_with("https://") {
        return Some(Link {
            title: String::new(),
            url: t.to_string(),
        });
    }
    None
}
