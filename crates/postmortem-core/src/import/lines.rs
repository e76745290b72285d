//! What one line of a foreign postmortem is, read from the line alone (no
//! reader state): a section heading and where its text goes, a status-page
//! state, a `Label: value` key line, a date alone, a date label, a list
//! marker, a severity a page states, a link, the kind of event a timeline
//! entry's words suggest; and the line cut short for a review item. Every
//! other file of the importer reads lines through these.

use super::when::{self, Moment};
use crate::gfm::{self, Marker};
use crate::model::{Link, Severity, TimelineKind, UpdateState};
use crate::time::words;

/// Where the lines under a heading go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
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
pub fn section_for(name: &str) -> Option<Target> {
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

/// The form's name of a section.
pub fn section_name(t: Target) -> &'static str {
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

pub fn update_state(line: &str) -> Option<UpdateState> {
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

/// "Resolved - This incident has been resolved.": a state, a dash and the update's text.
pub fn state_and_text(line: &str) -> Option<(UpdateState, &str)> {
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
pub fn timed_state(line: &str) -> Option<(Moment, UpdateState)> {
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
pub enum Key {
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

pub fn key_line(line: &str) -> Option<(Key, String)> {
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

/// The text of a list item or line without its marker: "- [ ] x" -> ("x", Some(false)).
pub fn strip_marker(line: &str) -> (String, Option<bool>) {
    let t = line.trim();
    // A bullet, then a number, each with or without a space after it.
    let t = match gfm::marker(t) {
        Some(m @ Marker::Bullet(_)) => t[m.width()..].trim_start(),
        _ => t,
    };
    let t = match gfm::marker(t) {
        Some(m @ Marker::Numbered { .. }) => t[m.width()..].trim_start(),
        _ => t,
    };
    for (box_, done) in [("[ ]", false), ("[x]", true), ("[X]", true)] {
        if let Some(rest) = t.strip_prefix(box_) {
            return (rest.trim_start().to_string(), Some(done));
        }
    }
    (t.to_string(), None)
}

pub fn is_generic_title(t: &str) -> bool {
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

/// "Major outage", "Partial outage": the impact a status page states, as the severity it suggests.
pub fn stated_severity(line: &str) -> Option<(Severity, String)> {
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

/// `- [title](url)` or a bare URL list item.
pub fn markdown_link(line: &str) -> Option<Link> {
    let t = line.trim().trim_start_matches(['-', '*', '•']).trim();
    if let Some(link) =
        gfm::link(t, &gfm::Definitions::default()).filter(|l| l.rest.trim().is_empty())
    {
        return Some(Link {
            title: link.text.to_string(),
            url: link.url,
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

pub fn guess_kind(text: &str) -> TimelineKind {
    let t = text.to_ascii_lowercase();
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

/// A line that is a date alone: "### January 31, 2017", "**Tuesday, June 8**", "2017/01/31:".
pub fn date_heading(line: &str) -> Option<words::DayText> {
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
    let rest = words::WEEKDAYS
        .iter()
        .find_map(|w| lower.strip_prefix(w).map(|_| &t[w.len()..]))
        .map(|r| r.trim_start_matches([',', ' ']))
        .unwrap_or(t);
    let days = words::find_days(rest);
    let d = days.first()?;
    (days.len() == 1 && d.start == 0 && d.end == rest.trim_end().len()).then_some(*d)
}

/// A line cut to a length a review item can quote.
pub fn short(line: &str) -> String {
    let t = line.trim_start_matches(['-', '*', '\u{2022}', ' ', '|']);
    match t.char_indices().nth(70) {
        Some((at, _)) => format!("{}\u{2026}", &t[..at]),
        None => t.to_string(),
    }
}

/// The length of the paragraph line `i` is in (the lines around it up to
/// blank lines), and of its longest line: prose has long lines, a block of
/// labels ("Resolved", "Partial outage") short ones.
pub fn paragraph_len(lines: &[String], i: usize) -> (usize, usize) {
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
pub fn line_of_text(lines: &[String], text: &str) -> usize {
    let probe: String = text.chars().take(40).collect();
    lines
        .iter()
        .position(|l| !probe.is_empty() && l.contains(probe.as_str()))
        .unwrap_or(0)
}

/// A line that could be a heading: `#`, bold alone, a table header, or short.
pub fn heading_like(line: &str) -> bool {
    let t = line.trim();
    t.starts_with('#')
        || t.starts_with('|')
        || (t.starts_with("**") && t.ends_with("**"))
        || t.split_whitespace().count() <= 6 && !t.ends_with('.')
}

/// A label that dates the document: `Date:`, `**Date:**`, `| Incident date |`.
pub fn date_label(line: &str) -> Option<&str> {
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
