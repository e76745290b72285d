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
use super::loose::{self, ClockTime};
use crate::core::model::*;
use crate::core::zones;
use jiff::civil::{Date, DateTime};

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
    let n = n.trim();
    use Target::*;
    Some(match n {
        "summary" | "issue summary" | "incident summary" | "overview" | "what happened"
        | "executive summary" | "description" => Summary,
        "impact" | "customer impact" | "user impact" => Impact,
        "timeline" | "incident timeline" | "timeline of events" | "sequence of events" => Timeline,
        "root cause"
        | "root causes"
        | "cause"
        | "causes"
        | "root cause analysis"
        | "why it happened" => RootCause,
        "root cause and resolution" | "cause and resolution" => RootCause,
        "trigger" => Trigger,
        "detection" | "how we found out" => Detection,
        "resolution" | "recovery" | "fix" | "mitigation" | "resolution and recovery" => Resolution,
        "action items"
        | "actions"
        | "follow-up actions"
        | "follow up actions"
        | "follow-ups"
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
        "lessons learned" | "lessons" => Lessons,
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

/// A time read from prose, before a date and zone are settled.
struct Moment {
    date: Option<Date>,
    clock: ClockTime,
    zone: Option<String>,
    approximate: bool,
    end: usize,
}

fn moment_in(s: &str, from: usize) -> Option<Moment> {
    let clock = loose::find_time(s, from)?;
    let date = loose::find_date(&s[from..])
        .filter(|(_, a, _)| *a + from < clock.start)
        .map(|(d, ..)| d);
    let zone = loose::zone_after(s, clock.end);
    let before = s[..clock.start].to_lowercase();
    let approximate = [
        "approximately",
        "about",
        "around",
        "roughly",
        "~",
        "circa",
        "≈",
    ]
    .iter()
    .any(|w| before.trim_end().ends_with(w));
    let end = zone.as_ref().map(|z| z.1).unwrap_or(clock.end);
    Some(Moment {
        date,
        clock,
        zone: zone.map(|z| z.0),
        approximate,
        end,
    })
}

struct Ctx {
    date: Option<Date>,
    zone_name: String,
    /// The incident start, to choose a.m. or p.m. for bare hours.
    reference: Option<DateTime>,
    /// The document said p.m. (or a.m.) for all its explicit times.
    meridiem: Option<bool>,
    /// A zone was written beside some time (else times are read as UTC).
    zone_given: bool,
}

impl Ctx {
    /// Resolves a moment to a stamp, or a sentence saying why it is unclear.
    fn stamp(&self, m: &Moment) -> Result<Stamp, String> {
        let date = m
            .date
            .or(self.date)
            .ok_or_else(|| "the document gives no date for it".to_string())?;
        let mut clock = m.clock;
        if clock.pm.is_none() && (1..=11).contains(&clock.hour) {
            clock.pm = self.meridiem;
        }
        let candidates = clock.candidates();
        let time = match (self.reference, clock.pm, candidates.len()) {
            (Some(r), None, 2) => *candidates
                .iter()
                .min_by_key(|t| date.to_datetime(**t).duration_since(r).as_secs().abs())
                .unwrap_or(&candidates[0]),
            _ => *candidates
                .first()
                .ok_or_else(|| "it is not a time of day".to_string())?,
        };
        let dt = date.to_datetime(time);
        let zone = m.zone.clone().unwrap_or_else(|| self.zone_name.clone());
        let typed = format!("{} {zone}", zones::wall_text(dt));
        zones::parse_input(&typed, &self.zone_name).map_err(|e| e.to_string())
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
    ctx: Ctx,
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

    fn stamp_or_keep(&mut self, i: usize, m: &Moment, what: &str) -> Option<Stamp> {
        match self.ctx.stamp(m) {
            Ok(s) => Some(s),
            Err(why) => {
                self.notice(i, format!("{what}: the time on this line is unclear ({why}); the line is kept in Notes."));
                None
            }
        }
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
    let ctx = context(&lines[body_start..], front, &doc);
    doc.time_zone = ctx.zone_name.clone();
    let mut r = Reader {
        section_of: vec![None; lines.len()],
        heading_of_next: None,
        used: vec![false; lines.len()],
        lines,
        raw,
        doc,
        notices: Vec::new(),
        ctx,
    };
    for i in 0..body_start {
        r.used[i] = true;
    }
    if r.ctx.date.is_none() {
        r.notices.push(Notice { line: 1, message: "The document gives no date, so its times could not be placed; they are kept as written.".into() });
    }
    read_body(&mut r, body_start);
    key_times_from_text(&mut r);

    let mut notes: Vec<String> = leftovers_front;
    let mut last_kept: Option<usize> = None;
    let mut heading_shown = vec![false; r.lines.len()];
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
            last_kept = Some(i);
        }
    }
    if !notes.is_empty() {
        append(&mut r.doc.notes, &notes.join("\n"), true);
    }
    Imported {
        doc: r.doc,
        notices: r.notices,
    }
}

/// The date, zone and reference time the document gives for its bare times.
fn context(lines: &[String], front: Option<&FrontMatter>, doc: &Document) -> Ctx {
    let mut date = front
        .and_then(|f| f.get("date"))
        .and_then(|v| v.as_str())
        .and_then(loose::find_date)
        .map(|d| d.0);
    let mut zone_word: Option<String> = None;
    let mut reference = None;
    let (mut pm, mut am) = (0, 0);
    // Explicit start lines first, then any line.
    let ordered = lines
        .iter()
        .filter(|l| key_line(l).is_some_and(|(k, _)| matches!(k, Key::Start | Key::Duration)))
        .chain(lines.iter());
    for line in ordered {
        if date.is_none() {
            date = loose::find_date(line).map(|d| d.0);
        }
        let mut from = 0;
        while let Some(m) = moment_in(line, from) {
            from = m.end.max(m.clock.end);
            match m.clock.pm {
                Some(true) => pm += 1,
                Some(false) => am += 1,
                None => {}
            }
            if zone_word.is_none() {
                zone_word = m.zone.clone();
            }
            if reference.is_none() {
                if let (Some(d), Some(t)) = (m.date.or(date), m.clock.time()) {
                    if m.clock.pm.is_some() || m.clock.hour > 12 || m.clock.hour == 0 {
                        reference = Some(d.to_datetime(t));
                    }
                }
            }
        }
    }
    let meridiem = match (pm, am) {
        (p, 0) if p > 0 => Some(true),
        (0, a) if a > 0 => Some(false),
        _ => None,
    };
    // The document's zone: front matter, else the first zone written beside a time.
    let zone_name = if zones::zone(&doc.time_zone).is_ok() && doc.time_zone != "UTC" {
        doc.time_zone.clone()
    } else {
        match zone_word.as_deref() {
            Some(w) => zones::parse_input(&format!("2000-01-01 00:00 {w}"), "UTC")
                .ok()
                .and_then(|s| zones::parse_stamp(&s).ok())
                .map(|z| zones::zone_label(z.time_zone()))
                .unwrap_or_else(|| "UTC".into()),
            None => "UTC".into(),
        }
    };
    Ctx {
        date,
        zone_given: zone_word.is_some() || zone_name != "UTC",
        zone_name,
        reference,
        meridiem,
    }
}

fn read_body(r: &mut Reader, start: usize) {
    let n = r.lines.len();
    let mut target: Option<Target> = None;
    let mut title_done = false;
    let first_line = (start..n).find(|&i| !r.lines[i].trim().is_empty());
    let mut last_text_line: Option<usize> = None;
    let mut seen_postmortem = false;
    let mut seen_section = false;
    let mut last_timeline_dt: Option<DateTime> = None;
    // Status pages write "Posted" after each update: index of the open update.
    let mut open_update: Option<usize> = None;
    let bullets_page = r.lines.iter().any(|l| l.trim_start().starts_with('•'));

    for i in start..n {
        let line = r.lines[i].clone();
        let t = line.trim();
        if t.is_empty() {
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
            if !r.doc.title.is_empty() && !plain_first {
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
                    target = Some(sec);
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
            if let Some(m) = moment_in(rest, 0) {
                if let Some(u) = open_update {
                    if r.doc.updates[u].at.is_none() {
                        if let Some(stamp) = r.stamp_or_keep(i, &m, "Status update") {
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
            Some(Target::Timeline) if read_timeline_line(r, i, &mut last_timeline_dt) => {
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
            Some(Target::Summary) => Some(&mut r.doc.summary),
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
            if matches!(
                target,
                Some(Target::Summary | Target::RootCause | Target::Resolution)
            ) {
                narrative_times(r, i, &mut last_timeline_dt);
            }
        } else if r.doc.summary.is_empty()
            && !seen_section
            && title_done
            && heading.is_none()
            && t.len() > 80
        {
            // A lone opening paragraph is the summary.
            append(&mut r.doc.summary, &text, false);
            r.take(i);
        }
    }
}

/// Key times the document states only in prose or in its timeline, each
/// flagged for the user to check.
fn key_times_from_text(r: &mut Reader) {
    let read_any = r.doc.timeline.iter().any(|e| e.at.is_some()) || r.doc.times.started.is_some();
    if read_any && !r.ctx.zone_given {
        r.notices.push(Notice { line: 1, message: "No time zone is given, so times were read as UTC. Set the document time zone if they were local, and re-enter them.".into() });
    }
    if r.doc.times.started.is_none() {
        let summary = r.doc.summary.clone();
        let dated = summary
            .lines()
            .find_map(|l| moment_in(l, 0).filter(|m| m.date.is_some()));
        if let Some(stamp) = dated.and_then(|m| r.ctx.stamp(&m).ok()) {
            r.doc.times.started = Some(stamp);
            r.notices.push(Notice {
                line: 1,
                message:
                    "The impact start was taken from the summary's first dated time; check it."
                        .into(),
            });
        }
    }
    // By time, not by position: an entry taken from the narrative may sit out of order.
    let timed = |kind: TimelineKind, doc: &Document| -> Vec<(jiff::Timestamp, Stamp)> {
        doc.timeline
            .iter()
            .filter(|e| e.kind == kind)
            .filter_map(|e| e.at.clone())
            .filter_map(|s| zones::parse_stamp(&s).ok().map(|z| (z.timestamp(), s)))
            .collect()
    };
    if r.doc.times.detected.is_none() {
        if let Some((_, at)) = timed(TimelineKind::Detection, &r.doc)
            .into_iter()
            .min_by_key(|(t, _)| *t)
        {
            r.doc.times.detected = Some(at);
            r.notices.push(Notice { line: 1, message: "The detection time was taken from the earliest detection in the timeline; check it.".into() });
        }
    }
    if r.doc.times.resolved.is_none() {
        if let Some((_, at)) = timed(TimelineKind::Resolution, &r.doc)
            .into_iter()
            .max_by_key(|(t, _)| *t)
        {
            r.doc.times.resolved = Some(at);
            r.notices.push(Notice { line: 1, message: "The resolution time was taken from the latest resolution in the timeline; check it.".into() });
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
            let Some(m) = moment_in(value, 0) else {
                return false;
            };
            let Some(stamp) = r.stamp_or_keep(i, &m, "Key time") else {
                return false;
            };
            let slot = match key {
                Key::Start => &mut r.doc.times.started,
                Key::End => &mut r.doc.times.resolved,
                _ => &mut r.doc.times.detected,
            };
            if slot.is_some() {
                return false;
            }
            *slot = Some(stamp);
            r.take(i);
            true
        }
        Key::Duration => {
            // "A – B (2 hours)" or "38 minutes (13:02–13:40 UTC)": the start and end.
            let Some(first) = moment_in(value, 0) else {
                return false;
            };
            let Some(mut second) = moment_in(value, first.clock.end) else {
                return false;
            };
            let mut first = first;
            if first.zone.is_none() {
                first.zone = second.zone.clone();
            }
            if second.date.is_none() {
                second.date = first.date;
            }
            let (Ok(a), Ok(b)) = (r.ctx.stamp(&first), r.ctx.stamp(&second)) else {
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
            r.take(i);
            true
        }
        Key::Prevention if !value.is_empty() => {
            append(&mut r.doc.resolution, r.lines[i].trim(), true);
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

/// "03:15 WAT - text", "- 7:52 : text", "8:04: text" as a timeline entry.
fn read_timeline_line(r: &mut Reader, i: usize, last: &mut Option<DateTime>) -> bool {
    let line = r.lines[i].clone();
    let body = line
        .trim()
        .trim_start_matches(['-', '*', '•', '+'])
        .trim_start();
    let Some(m) = moment_in(body, 0) else {
        return false;
    };
    if m.clock.start > 0 && !body[..m.clock.start].trim().is_empty() && m.date.is_none() {
        return false;
    }
    let text = body[m.end..]
        .trim_start()
        .trim_start_matches(['-', ':', '|', '\u{2013}', '\u{2014}'])
        .trim()
        .to_string();
    let at = r.ctx.stamp(&m).ok().map(|s| roll_over_midnight(s, last));
    if at.is_none() {
        r.notice(i, "Timeline: the time on this line is unclear; the entry is kept with no time and its line in Notes.");
    } else {
        r.take(i);
    }
    let kind = guess_kind(&text);
    r.doc.timeline.push(TimelineEntry {
        at,
        approximate: m.approximate,
        kind,
        text,
    });
    true
}

/// A bare time earlier than the previous entry by hours is on the next day.
fn roll_over_midnight(stamp: Stamp, last: &mut Option<DateTime>) -> Stamp {
    let Ok(z) = zones::parse_stamp(&stamp) else {
        return stamp;
    };
    let mut dt = z.datetime();
    if let Some(prev) = *last {
        let back = prev.duration_since(dt);
        if back >= jiff::SignedDuration::from_hours(12) {
            if let Ok(next) = dt.checked_add(jiff::SignedDuration::from_hours(24)) {
                dt = next;
            }
        }
    }
    *last = Some(dt);
    match z.time_zone().to_zoned(dt) {
        Ok(n) => zones::stamp_of(&n),
        Err(_) => stamp,
    }
}

/// Timed sentences in the narrative ("At 5:12 p.m. half of …") that the
/// timeline does not have yet become entries, so their times get checked.
fn narrative_times(r: &mut Reader, i: usize, last: &mut Option<DateTime>) {
    let line = r.lines[i].clone();
    let mut starts = vec![0];
    starts.extend(line.match_indices(". ").map(|(p, _)| p + 2));
    for &from in &starts {
        let rest = &line[from..];
        let lower = rest.to_lowercase();
        if !(lower.starts_with("at ") || lower.starts_with("by ")) {
            continue;
        }
        let Some(m) = moment_in(rest, 0) else {
            continue;
        };
        // The sentence ends at the first ". " after the time (so "p.m. " does not end it).
        let end = sentence_end(rest, m.end);
        let s = rest[..end].trim();
        if m.clock.start > 6 || m.clock.pm.is_none() && m.zone.is_none() {
            continue;
        }
        let Ok(stamp) = r.ctx.stamp(&m) else { continue };
        let known = r.doc.timeline.iter().any(|e| {
            e.at.as_ref()
                .and_then(|a| zones::parse_stamp(a).ok())
                .map(|z| z.timestamp())
                == zones::parse_stamp(&stamp).ok().map(|z| z.timestamp())
        });
        if known {
            continue;
        }
        let before = *last;
        let stamp = roll_over_midnight(stamp, last);
        *last = before;
        r.notice(
            i,
            format!(
                "Timeline: \u{201c}{}\u{201d} was taken from the narrative; check its time.",
                s.trim_end_matches('.')
            ),
        );
        r.doc.timeline.push(TimelineEntry {
            at: Some(stamp),
            approximate: m.approximate,
            kind: guess_kind(s),
            text: s.to_string(),
        });
    }
}

/// Where the sentence containing `from` ends: the first ". " that is not the
/// end of "a.m." or "p.m.".
fn sentence_end(s: &str, from: usize) -> usize {
    let mut at = from;
    while let Some(p) = s[at..].find(". ") {
        let stop = at + p;
        let before = s[..stop].to_lowercase();
        if !(before.ends_with("a.m") || before.ends_with("p.m")) {
            return stop + 1;
        }
        at = stop + 2;
    }
    s.len()
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
