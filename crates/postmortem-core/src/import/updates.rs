//! Status-page updates: a state on its own line ("Investigating", "•
//! Monitoring") with its text below and a "Posted Apr 29, 2026 - 15:35 PDT"
//! line closing it, a state and text on one line ("Resolved - This incident
//! has been resolved."), or a time and a state alone ("**22:16 –
//! Investigating**", text below). [`Updates`] is what the walk knows of them:
//! the update still open, the last one's time, and whether the page writes
//! its states as bullets.

use super::entries::Path;
use super::lines::{section_for, state_and_text, timed_state, update_state, Target};
use super::reader::Reader;
use super::when;
use crate::model::{Stamp, StatusUpdate, UpdateState};
use crate::path::{Part, Path as FieldPath, Top};
use crate::time::zones::{self, Zoned};

/// What the walk knows of the status updates.
pub struct Updates {
    /// Status pages write "Posted" after each update: the update still open.
    open: Option<usize>,
    /// The time of the last timed update: the next one follows it.
    last_at: Option<Zoned>,
    /// The page writes its states as bullets ("• Resolved").
    bullets_page: bool,
}

/// What a heading-like line did to the status updates.
pub enum Step {
    /// The line is read and changes nothing else (a state repeated, the
    /// page's "• Postmortem" bullet).
    Taken,
    /// It opened update `u`: the lines below are its text.
    Opened(usize),
}

/// Whether a "Posted …" line follows line `i` before a line that `stops`.
fn posted_follows(r: &Reader, i: usize, stops: impl Fn(&str) -> bool) -> bool {
    r.lines()[i + 1..]
        .iter()
        .take_while(|l| !stops(l))
        .any(|l| l.trim_start().starts_with("Posted "))
}

impl Updates {
    pub fn new(r: &Reader) -> Updates {
        Updates {
            open: None,
            last_at: None,
            bullets_page: r.lines().iter().any(|l| l.trim_start().starts_with('•')),
        }
    }

    /// A section heading closes the open update.
    pub fn close(&mut self) {
        self.open = None;
    }

    fn push(r: &mut Reader, at: Option<Stamp>, state: UpdateState, text: String) -> usize {
        r.doc.updates.push(StatusUpdate { at, state, text });
        r.doc.updates.len() - 1
    }

    /// "Resolved - text" with a "Posted …" line below: opens the update
    /// with its text; returns it.
    pub fn one_line(&mut self, r: &mut Reader, i: usize, t: &str) -> Option<usize> {
        let (state, rest) = state_and_text(t)?;
        let stops = |l: &str| state_and_text(l).is_some() || update_state(l).is_some();
        if !posted_follows(r, i, stops) {
            return None;
        }
        let u = Self::push(r, None, state, rest.to_string());
        self.open = Some(u);
        r.take(i);
        Some(u)
    }

    /// "**16.07.2024, 21:58 – Investigating**": an update at that time, after
    /// the one before; returns it (its text is below).
    pub fn timed(&mut self, r: &mut Reader, i: usize, t: &str) -> Option<usize> {
        let (m, state) = timed_state(t)?;
        let u = r.doc.updates.len();
        let anchor = self.last_at.clone();
        let path = Path::field(FieldPath::row(Top::Updates, u, Part::At));
        let at = r.place(i, &m, anchor.as_ref(), path, "Status update");
        if let Some(z) = at.as_ref().and_then(|a| zones::parse_stamp(a).ok()) {
            self.last_at = Some(z);
        }
        if at.is_some() {
            r.take(i);
        }
        Self::push(r, at, state, String::new());
        self.open = None;
        Some(u)
    }

    /// A state alone (`h`, the line `t` as a heading): opens an update when
    /// the page writes states so (a bullet on a page of bullets, else a
    /// "Posted" line below). `text_since`: text was read since the last
    /// heading (else the same state again is a repeat).
    pub fn state_line(
        &mut self,
        r: &mut Reader,
        i: usize,
        t: &str,
        h: &str,
        text_since: bool,
    ) -> Option<Step> {
        if let Some(state) = update_state(h) {
            let bullet = t.starts_with('•');
            let posted = posted_follows(r, i, |l| update_state(l).is_some());
            let repeat = self
                .open
                .is_some_and(|u| r.doc.updates[u].state == state && !text_since);
            if repeat {
                r.take(i);
                return Some(Step::Taken);
            }
            if (self.bullets_page && bullet) || (!self.bullets_page && posted) {
                let u = Self::push(r, None, state, String::new());
                self.open = Some(u);
                r.take(i);
                return Some(Step::Opened(u));
            }
        }
        if self.bullets_page && t.starts_with('•') && section_for(t) == Some(Target::Postmortem) {
            r.take(i);
            return Some(Step::Taken);
        }
        None
    }

    /// "Posted Apr 29, 2026 - 15:35 PDT" dates and closes the open update;
    /// true when it did (the lines below belong to no section).
    pub fn posted(&mut self, r: &mut Reader, i: usize, t: &str) -> bool {
        let Some(m) = t
            .strip_prefix("Posted ")
            .and_then(|rest| when::moment_in(rest, 0))
        else {
            return false;
        };
        let Some(u) = self.open.filter(|u| r.doc.updates[*u].at.is_none()) else {
            return false;
        };
        let path = Path::field(FieldPath::row(Top::Updates, u, Part::At));
        if let Some(stamp) = r.place(i, &m, None, path, "Status update") {
            r.doc.updates[u].at = Some(stamp);
            r.take(i);
        }
        self.open = None;
        true
    }
}
