//! The walk over a foreign document's body, line by line: each line is
//! offered to the readers in turn (title, table, date heading, status
//! update, section heading, key line, task item, the section's list, the
//! narrative) and the first that reads it ends its turn. [`Walk`] holds what
//! the walk itself knows (the section it is in, the title found, the last
//! text line); what each reader knows stays with that reader ([`Updates`],
//! [`Narrative`]).

use super::entries::Path;
use super::keys::read_key;
use super::lines::{
    date_heading, is_generic_title, key_line, markdown_link, paragraph_len, section_for,
    section_name, stated_severity, strip_marker, update_state, Target,
};
use super::mail;
use super::prose::{narrative_times, Narrative};
use super::reader::{append, Reader};
use super::tables::read_table;
use super::timeline::read_timeline_line;
use super::updates::{Step, Updates};
use crate::format::markdown::escape;
use crate::model::{ActionItem, ActionStatus, Document};
use crate::path::{Path as FieldPath, Top};
use crate::review::{ItemCode, ItemKind, Mapped};

/// What the walk leaves for the passes after it.
pub struct Walked {
    /// For each line, the heading line of the section it is in.
    pub section_of: Vec<Option<usize>>,
    /// The headings mapped to sections.
    pub sections: Vec<Mapped>,
    /// The times the narrative states.
    pub narrative: Narrative,
}

/// The walk's own state.
struct Walk {
    start: usize,
    /// Where the lines go.
    target: Option<Target>,
    title_done: bool,
    /// The first non-empty line of the body.
    first_line: Option<usize>,
    /// The last line read as text into a field.
    last_text_line: Option<usize>,
    seen_postmortem: bool,
    seen_section: bool,
    /// Lines before it were read already (mail headers, a table).
    skip_to: usize,
    heading_of_next: Option<usize>,
    section_of: Vec<Option<usize>>,
    sections: Vec<Mapped>,
    updates: Updates,
    narrative: Narrative,
}

/// A line as the readers see it.
struct Line<'l> {
    i: usize,
    /// Trimmed.
    t: &'l str,
    /// A Markdown heading's level and text.
    heading: Option<(usize, String)>,
}

/// Reads the body from line `start` into the document.
pub fn read_body(r: &mut Reader, start: usize) -> Walked {
    let n = r.lines().len();
    let mut w = Walk {
        start,
        target: None,
        title_done: false,
        first_line: (start..n).find(|&i| !r.line(i).trim().is_empty()),
        last_text_line: None,
        seen_postmortem: false,
        seen_section: false,
        skip_to: start,
        heading_of_next: None,
        section_of: vec![None; n],
        sections: Vec::new(),
        updates: Updates::new(r),
        narrative: Narrative::default(),
    };
    // A mail: the subject is the title; the headers are kept in Notes.
    if let Some(after) = mail::read_headers(r, start) {
        w.skip_to = after;
        w.title_done = true;
    }
    for i in start..n {
        let text = r.line(i).to_string();
        let t = text.trim();
        if t.is_empty() || i < w.skip_to {
            continue;
        }
        w.section_of[i] = w.heading_of_next;
        let heading = escape::heading(&text).map(|(level, h)| (level, h.trim().to_string()));
        w.line(r, &Line { i, t, heading });
    }
    Walked {
        section_of: w.section_of,
        sections: w.sections,
        narrative: w.narrative,
    }
}

impl Walk {
    /// Offers line `l` to each reader in turn, until one reads it.
    fn line(&mut self, r: &mut Reader, l: &Line) {
        let (i, t) = (l.i, l.t);
        if self.title(r, l) || (t.starts_with('|') && self.table(r, i)) {
            return;
        }
        // "Major outage": the severity it suggests, when none is set (the line stays in Notes).
        if let Some((sev, words)) = stated_severity(t).filter(|_| r.doc.severity.is_none()) {
            r.doc.severity = Some(sev);
            r.item(ItemKind::Inferred, ItemCode::Severity, i, Path::field(FieldPath::field(Top::Severity)), format!("Severity {} was suggested by \u{201c}{words}\u{201d}; check it against your own scale.", sev.label()));
        }
        // A date alone on a line dates the entries under it.
        if let Some(d) = date_heading(t).and_then(|d| r.ctx().day(&d)) {
            r.set_day(d);
            r.take(i);
            return;
        }
        if self.update(r, i, t) || self.heading(r, l) {
            return;
        }
        if self.updates.posted(r, i, t) {
            self.target = None;
            return;
        }
        // A heading that names no section ends a timeline: what follows is prose.
        if l.heading.is_some() && self.target == Some(Target::Timeline) {
            self.target = None;
        }
        // Key lines: "Start: 2026-02-17 09:05 UTC", "Cause: …".
        if key_line(t).is_some_and(|(key, value)| read_key(r, i, key, &value)) {
            return;
        }
        // Task-list items are actions wherever they are.
        if let (text, Some(done)) = strip_marker(t) {
            if !text.is_empty() && (t.starts_with("- [") || t.starts_with("* [")) {
                push_action(r, i, text, done);
                return;
            }
        }
        if self.list_item(r, i, t) {
            return;
        }
        self.narrative(r, l);
    }

    /// Title: the first H1 (unless generic), else the first short line of a
    /// plain file; a generic title gives way to the first H2 that names no section.
    fn title(&mut self, r: &mut Reader, l: &Line) -> bool {
        let (i, t) = (l.i, l.t);
        if self.title_done {
            if is_generic_title(&r.doc.title) {
                if let Some((2, text)) = &l.heading {
                    if section_for(text).is_none() {
                        r.doc.title = text.clone();
                        r.take(i);
                        return true;
                    }
                }
            }
            return false;
        }
        self.title_done = true;
        if let Some((1, text)) = &l.heading {
            if !is_generic_title(text) || r.doc.title.is_empty() {
                r.doc.title = text.clone();
            }
            if !is_generic_title(text) {
                r.take(i);
            }
            return true;
        }
        let plain_first = Some(i) == self.first_line && l.heading.is_none();
        if !r.doc.title.is_empty() {
            return false;
        }
        if plain_first
            && section_for(t).is_none()
            && update_state(t).is_none()
            && t.len() < 120
            && key_line(t).is_none()
        {
            r.doc.title = t.to_string();
            r.take(i);
            return true;
        }
        r.notice(i, "No title was found; give the postmortem one.");
        false
    }

    /// A table: a timeline with a time column, action items, or key-value rows.
    fn table(&mut self, r: &mut Reader, i: usize) -> bool {
        let Some(end) = read_table(r, i, self.target == Some(Target::Actions)) else {
            return false;
        };
        for j in i..end {
            self.section_of[j] = self.heading_of_next;
        }
        self.skip_to = end;
        true
    }

    /// Status updates written on one line: "Resolved - text" (then a
    /// "Posted …" line), or "**16.07.2024, 21:58 – Investigating**" (text below).
    fn update(&mut self, r: &mut Reader, i: usize, t: &str) -> bool {
        if let Some(u) = self.updates.one_line(r, i, t) {
            self.target = Some(Target::Update(u));
            self.last_text_line = Some(i);
            return true;
        }
        if let Some(u) = self.updates.timed(r, i, t) {
            self.target = Some(Target::Update(u));
            self.last_text_line = None;
            return true;
        }
        false
    }

    /// Headings and lines that stand for one: a section, a status update's state.
    fn heading(&mut self, r: &mut Reader, l: &Line) -> bool {
        let (i, t) = (l.i, l.t);
        // Two blank lines end a list section.
        let blank_run = (self.start..i)
            .rev()
            .take_while(|&j| r.line(j).trim().is_empty())
            .count();
        let in_list = matches!(
            self.target,
            Some(
                Target::Actions
                    | Target::Lessons
                    | Target::WentWell
                    | Target::WentWrong
                    | Target::Lucky
            )
        );
        if blank_run >= 2 && in_list {
            self.target = None;
        }
        let short = t.split_whitespace().count() <= 6 && !t.ends_with('.');
        let as_heading = l
            .heading
            .as_ref()
            .map(|(_, text)| text.as_str())
            .or(short.then_some(t));
        let Some(h) = as_heading else {
            return false;
        };
        if let Some(sec) = section_for(h) {
            if self.section(r, i, h, sec) {
                return true;
            }
        }
        match self
            .updates
            .state_line(r, i, t, h, self.last_text_line.is_some())
        {
            Some(Step::Taken) => true,
            Some(Step::Opened(u)) => {
                self.target = Some(Target::Update(u));
                self.last_text_line = None;
                true
            }
            None => false,
        }
    }

    /// Heading `h` on line `i` names section `sec`: the lines below go there.
    /// False when it is a key line ("Impact: text") rather than a heading.
    fn section(&mut self, r: &mut Reader, i: usize, h: &str, sec: Target) -> bool {
        if sec == Target::Postmortem {
            if self.seen_postmortem {
                r.take(i);
                return true;
            }
            self.seen_postmortem = true;
        }
        let has_value = h.split_once(':').is_some_and(|(_, v)| !v.trim().is_empty());
        if has_value {
            return false;
        }
        self.seen_section = true;
        self.heading_of_next = Some(i);
        if self.target != Some(sec) {
            r.leave_day();
            self.narrative.new_section();
        }
        self.target = Some(sec);
        self.sections.push(Mapped {
            line: i + 1,
            heading: h.trim_start_matches(['#', ' ']).trim().to_string(),
            section: section_name(sec),
        });
        self.updates.close();
        self.last_text_line = None;
        r.take(i);
        true
    }

    /// A line of a section that is a list: a timeline entry, an action item,
    /// a lesson, a link.
    fn list_item(&mut self, r: &mut Reader, i: usize, t: &str) -> bool {
        match self.target {
            Some(Target::Timeline) => read_timeline_line(r, i),
            Some(Target::Actions) if !t.ends_with(':') => {
                let (text, _) = strip_marker(t);
                let done = text.to_lowercase().contains("(already completed)")
                    || text.to_lowercase().contains("(done)");
                push_action(r, i, text, done);
                true
            }
            Some(Target::WentWell | Target::WentWrong | Target::Lucky | Target::Lessons) => {
                let (text, _) = strip_marker(t);
                let list = match self.target {
                    Some(Target::WentWell) => &mut r.doc.lessons.went_well,
                    Some(Target::Lucky) => &mut r.doc.lessons.lucky,
                    _ => &mut r.doc.lessons.went_wrong,
                };
                list.push(text);
                r.take(i);
                true
            }
            Some(Target::Links) => match markdown_link(t) {
                Some(link) => {
                    r.doc.links.push(link);
                    r.take(i);
                    true
                }
                None => false,
            },
            _ => false,
        }
    }

    /// Narrative text: into the current section (a blank line before it
    /// starts a paragraph), or a lone opening paragraph as the summary; its
    /// times are read either way, outside updates and the timeline.
    fn narrative(&mut self, r: &mut Reader, l: &Line) {
        let (i, t) = (l.i, l.t);
        let gap = self
            .last_text_line
            .is_some_and(|p| r.lines()[p + 1..i].iter().any(|x| x.trim().is_empty()));
        let outside = !matches!(self.target, Some(Target::Update(_) | Target::Timeline));
        if let Some(field) = field_for(&mut r.doc, self.target) {
            append(field, t, gap);
            r.take(i);
            self.last_text_line = Some(i);
            if outside {
                let summary = matches!(self.target, Some(Target::Summary | Target::Postmortem));
                narrative_times(r, &mut self.narrative, i, summary);
            }
        } else if !self.seen_section
            && self.title_done
            && l.heading.is_none()
            && {
                let (total, longest) = paragraph_len(r.lines(), i);
                total > 80 && longest >= 60
            }
            && !t.starts_with(['|', '>', '!', '<'])
        {
            append(&mut r.doc.summary, t, gap);
            self.last_text_line = Some(i);
            r.take(i);
            narrative_times(r, &mut self.narrative, i, true);
        } else if outside {
            narrative_times(r, &mut self.narrative, i, false);
        }
    }
}

/// The text field the lines of section `target` go into.
fn field_for(doc: &mut Document, target: Option<Target>) -> Option<&mut String> {
    match target {
        Some(Target::Summary | Target::Postmortem) => Some(&mut doc.summary),
        Some(Target::Impact) => Some(&mut doc.impact.description),
        Some(Target::RootCause) => Some(&mut doc.root_cause.description),
        Some(Target::Trigger) => Some(&mut doc.root_cause.trigger),
        Some(Target::Detection) => Some(&mut doc.detection),
        Some(Target::Resolution) => Some(&mut doc.resolution),
        Some(Target::Update(u)) => Some(&mut doc.updates[u].text),
        Some(Target::Timeline) => Some(&mut doc.notes),
        _ => None,
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
