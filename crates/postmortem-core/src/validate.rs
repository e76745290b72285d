//! Validation: `validate(&Document) -> Vec<Problem>`, the only place that
//! decides what is wrong with a document, and `grouped`, which gathers the
//! problems of one kind under one sentence.
//!
//! It never changes the document. Each problem has a stable code, a level, the
//! JSON path of the field it is about, and a sentence the user can act on.
//! Errors come first, then warnings, each in document order (the order of the
//! file's fields, which is the form's). Nothing here blocks the user: the UI
//! shows the list and lets them carry on.
//!
//! What is reported waits for the status. A draft is told only about wrong
//! data: a time or due date that does not read, an unknown zone, key times out
//! of order, events far from the incident, a link that is not safe. What is
//! missing is reported from the status that needs it, as [`REQUIREMENTS`]
//! lists (the one list of what each status needs, and the sentence for each).
//! A row with nothing typed in it (a new timeline event, action item, status
//! update or link; its menus and check boxes do not count) is left alone in
//! every status.

use crate::model::{
    ActionItem, Document, KeyTime, Link, Stamp, Status, TimelineEntry, TimelineKind,
};
use crate::path::{Part, Path, Top};
use crate::time::clock;
use crate::time::zones::{self, TimeError};
use jiff::{civil::Date, Timestamp};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    Error,
    Warning,
}

impl Level {
    pub fn word(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warning => "warning",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// What kind of problem: a stable identifier printed as `times.order`.
    pub code: Code,
    pub level: Level,
    /// The field, e.g. `timeline[2].at` (`timeline` for the whole list).
    pub path: Path,
    pub message: String,
}

/// What a requirement is about, and how to tell that it is missing.
#[derive(Debug, Clone, Copy)]
pub enum Subject {
    /// A field of the document.
    Document(fn(&Document) -> bool),
    /// A field of every action item with something typed in it.
    Action(fn(&ActionItem) -> bool),
    /// A field of every link with something typed in it.
    Link(fn(&Link) -> bool),
}

/// Something a postmortem needs once it reaches a status.
#[derive(Debug, Clone, Copy)]
pub struct Requirement {
    pub code: Code,
    /// The field; a row's field with no row (`actions.title`) stands for
    /// that field in every row.
    pub path: Path,
    /// The status from which a missing value is a warning, if ever.
    pub warn_from: Option<Status>,
    /// The status from which a missing value is an error, if ever.
    pub error_from: Option<Status>,
    /// The sentence shown: `{status}` becomes "in review" or "marked final",
    /// `{action}` and `{link}` the row's name.
    pub sentence: &'static str,
    pub missing: Subject,
}

impl Requirement {
    /// How a missing value is reported in a document of this status, if at all.
    pub fn level(&self, status: Status) -> Option<Level> {
        let reached = |from: Option<Status>| from.is_some_and(|f| stage(status) >= stage(f));
        if reached(self.error_from) {
            Some(Level::Error)
        } else if reached(self.warn_from) {
            Some(Level::Warning)
        } else {
            None
        }
    }
}

/// How far along a status is: what one status needs, the later ones need too.
fn stage(status: Status) -> u8 {
    match status {
        Status::Draft => 0,
        Status::Review => 1,
        Status::Final => 2,
    }
}

const REVIEW: Option<Status> = Some(Status::Review);
const FINAL: Option<Status> = Some(Status::Final);

/// What each status needs. A draft needs nothing; in review a postmortem
/// says what happened, how bad it was and when it began, and what will be
/// done; marked final, it also says why and how it ended, and who does each
/// action.
pub const REQUIREMENTS: &[Requirement] = &[
    Requirement {
        code: Code::TitleRequired,
        path: Path::field(Top::Title),
        warn_from: None,
        error_from: REVIEW,
        sentence: "A postmortem {status} needs a title. Name the incident in a few words.",
        missing: Subject::Document(|d| d.title.trim().is_empty()),
    },
    Requirement {
        code: Code::Required,
        path: Path::field(Top::Severity),
        warn_from: None,
        error_from: REVIEW,
        sentence: "A postmortem {status} needs a severity. Choose one, SEV1 being the worst.",
        missing: Subject::Document(|d| d.severity.is_none()),
    },
    Requirement {
        code: Code::Required,
        path: Path::field(Top::Summary),
        warn_from: None,
        error_from: REVIEW,
        sentence: "A postmortem {status} needs a summary of what happened.",
        missing: Subject::Document(|d| d.summary.trim().is_empty()),
    },
    Requirement {
        code: Code::Required,
        path: Path::part(Top::Impact, Part::Description),
        warn_from: None,
        error_from: REVIEW,
        sentence: "A postmortem {status} needs a description of the impact.",
        missing: Subject::Document(|d| d.impact.description.trim().is_empty()),
    },
    Requirement {
        code: Code::Required,
        path: Path::part(Top::Times, Part::Started),
        warn_from: None,
        error_from: REVIEW,
        sentence: "A postmortem {status} needs the time the impact started.",
        missing: Subject::Document(|d| no_time(d.times.started.as_ref())),
    },
    Requirement {
        code: Code::Required,
        path: Path::part(Top::Times, Part::Resolved),
        warn_from: None,
        error_from: FINAL,
        sentence: "A postmortem {status} needs the time it was resolved.",
        missing: Subject::Document(|d| no_time(d.times.resolved.as_ref())),
    },
    Requirement {
        code: Code::Required,
        path: Path::field(Top::Timeline),
        warn_from: None,
        error_from: REVIEW,
        sentence: "A postmortem {status} needs at least one timeline event.",
        missing: Subject::Document(|d| d.timeline.iter().all(blank_event)),
    },
    Requirement {
        code: Code::Required,
        path: Path::part(Top::RootCause, Part::Description),
        warn_from: None,
        error_from: FINAL,
        sentence: "A postmortem {status} needs a root cause description.",
        missing: Subject::Document(|d| d.root_cause.description.trim().is_empty()),
    },
    Requirement {
        code: Code::Required,
        path: Path::field(Top::Resolution),
        warn_from: None,
        error_from: FINAL,
        sentence: "A postmortem {status} needs to say how the impact was mitigated or resolved.",
        missing: Subject::Document(|d| d.resolution.trim().is_empty()),
    },
    Requirement {
        code: Code::Required,
        path: Path::field(Top::Actions),
        warn_from: None,
        error_from: FINAL,
        sentence: "A postmortem {status} needs at least one action item.",
        missing: Subject::Document(|d| d.actions.iter().all(blank_action)),
    },
    Requirement {
        code: Code::ActionTitle,
        path: Path::part(Top::Actions, Part::Title),
        warn_from: None,
        error_from: REVIEW,
        sentence: "{action} has no description. Say what will be done.",
        missing: Subject::Action(|a| a.title.trim().is_empty()),
    },
    Requirement {
        code: Code::ActionOwner,
        path: Path::part(Top::Actions, Part::Owner),
        warn_from: REVIEW,
        error_from: FINAL,
        sentence: "{action} has no owner. Name the person or team who will do it.",
        missing: Subject::Action(|a| a.owner.trim().is_empty()),
    },
    Requirement {
        code: Code::ActionDue,
        path: Path::part(Top::Actions, Part::Due),
        warn_from: REVIEW,
        error_from: None,
        sentence: "{action} has no due date. Say by when it will be done.",
        missing: Subject::Action(|a| no_text(a.due.as_deref())),
    },
    Requirement {
        code: Code::ActionKind,
        path: Path::part(Top::Actions, Part::Kind),
        warn_from: REVIEW,
        error_from: None,
        sentence: "{action} has no kind. Say whether it prevents, mitigates or detects.",
        missing: Subject::Action(|a| a.kind.is_none()),
    },
    Requirement {
        code: Code::LinkEmpty,
        path: Path::part(Top::Links, Part::Url),
        warn_from: None,
        error_from: REVIEW,
        sentence: "{link} has no address. Add a URL or remove it.",
        missing: Subject::Link(|l| l.url.trim().is_empty()),
    },
];

/// Every kind of problem `validate` reports. Each prints as its stable
/// string (`times.order`), which is what [`Problem::code`] holds, for the
/// UI and anything stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Code {
    /// `title.required`
    TitleRequired,
    /// `time_zone.unknown`
    TimeZoneUnknown,
    /// `time.invalid`
    TimeInvalid,
    /// `time.no_date`
    TimeNoDate,
    /// `time.gap`
    TimeGap,
    /// `time.fold`
    TimeFold,
    /// `times.order`
    TimesOrder,
    /// `timeline.order`
    TimelineOrder,
    /// `timeline.before_start`
    TimelineBeforeStart,
    /// `timeline.outside`
    TimelineOutside,
    /// `required`
    Required,
    /// `action.title`
    ActionTitle,
    /// `action.owner`
    ActionOwner,
    /// `action.due`
    ActionDue,
    /// `action.due.invalid`
    ActionDueInvalid,
    /// `action.due.early`
    ActionDueEarly,
    /// `action.kind`
    ActionKind,
    /// `link.empty`
    LinkEmpty,
    /// `link.scheme`
    LinkScheme,
}

impl Code {
    pub const ALL: [Code; 19] = [
        Code::TitleRequired,
        Code::TimeZoneUnknown,
        Code::TimeInvalid,
        Code::TimeNoDate,
        Code::TimeGap,
        Code::TimeFold,
        Code::TimesOrder,
        Code::TimelineOrder,
        Code::TimelineBeforeStart,
        Code::TimelineOutside,
        Code::Required,
        Code::ActionTitle,
        Code::ActionOwner,
        Code::ActionDue,
        Code::ActionDueInvalid,
        Code::ActionDueEarly,
        Code::ActionKind,
        Code::LinkEmpty,
        Code::LinkScheme,
    ];

    /// The stable string, e.g. `times.order`.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::TitleRequired => "title.required",
            Code::TimeZoneUnknown => "time_zone.unknown",
            Code::TimeInvalid => "time.invalid",
            Code::TimeNoDate => "time.no_date",
            Code::TimeGap => "time.gap",
            Code::TimeFold => "time.fold",
            Code::TimesOrder => "times.order",
            Code::TimelineOrder => "timeline.order",
            Code::TimelineBeforeStart => "timeline.before_start",
            Code::TimelineOutside => "timeline.outside",
            Code::Required => "required",
            Code::ActionTitle => "action.title",
            Code::ActionOwner => "action.owner",
            Code::ActionDue => "action.due",
            Code::ActionDueInvalid => "action.due.invalid",
            Code::ActionDueEarly => "action.due.early",
            Code::ActionKind => "action.kind",
            Code::LinkEmpty => "link.empty",
            Code::LinkScheme => "link.scheme",
        }
    }

    /// The code a stable string names.
    pub fn named(code: &str) -> Option<Code> {
        Code::ALL.into_iter().find(|c| c.as_str() == code)
    }

    /// The summary of a group of several problems (`{n}` is how many).
    pub fn plural(self) -> &'static str {
        match self {
            Code::TitleRequired => "{n} postmortems have no title.",
            Code::TimeZoneUnknown => "{n} time zones are not IANA zones.",
            Code::TimeInvalid => "{n} times are not valid times.",
            Code::TimeNoDate => "{n} times have no date.",
            Code::TimeGap => "{n} times fall in an hour the clocks skipped.",
            Code::TimeFold => "{n} times happen twice, because the clocks went back: choose which.",
            Code::TimesOrder => "Key times are out of order in {n} places.",
            Code::TimelineOrder => "The timeline is out of order in {n} places.",
            Code::TimelineBeforeStart => "{n} events are timed before the impact started.",
            Code::TimelineOutside => "{n} events are more than 24 hours away from the impact.",
            Code::Required => "{n} things this status needs are missing.",
            Code::ActionTitle => "{n} action items have no description.",
            Code::ActionOwner => "{n} action items have no owner.",
            Code::ActionDue => "{n} action items have no due date.",
            Code::ActionDueInvalid => "{n} due dates are not dates. Write them as YYYY-MM-DD.",
            Code::ActionDueEarly => "{n} action items are due before the incident started.",
            Code::ActionKind => "{n} action items have no kind.",
            Code::LinkEmpty => "{n} links have no address.",
            Code::LinkScheme => "{n} links are not http(s), mailto or relative links.",
        }
    }
}

/// A code equals the word it prints as (`code == "times.order"`).
impl PartialEq<&str> for Code {
    fn eq(&self, word: &&str) -> bool {
        self.as_str() == *word
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Problems of one code and level, shown as one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub code: Code,
    pub level: Level,
    /// The lone problem's message, or a sentence counting the problems.
    pub summary: String,
    pub problems: Vec<Problem>,
}

/// Problems with the same code (and level), 2 or more, become one group
/// whose summary counts them ("3 action items have no owner."); a lone
/// problem is a group of one whose summary is its own message. Order: as the
/// input (errors first), each group placed at its first member.
pub fn grouped(problems: &[Problem]) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    for p in problems {
        match groups
            .iter_mut()
            .find(|g| g.code == p.code && g.level == p.level)
        {
            Some(g) => g.problems.push(p.clone()),
            None => groups.push(Group {
                code: p.code,
                level: p.level,
                summary: String::new(),
                problems: vec![p.clone()],
            }),
        }
    }
    for g in &mut groups {
        g.summary = match g.problems.as_slice() {
            [one] => one.message.clone(),
            many => g.code.plural().replace("{n}", &many.len().to_string()),
        };
    }
    groups
}

/// Whether a time field holds nothing.
fn no_time(at: Option<&Stamp>) -> bool {
    at.is_none_or(|s| s.0.trim().is_empty())
}

/// Whether an optional text field holds nothing.
fn no_text(text: Option<&str>) -> bool {
    text.is_none_or(|t| t.trim().is_empty())
}

/// Nothing typed in a timeline event (its kind and check box do not count).
fn blank_event(e: &TimelineEntry) -> bool {
    no_time(e.at.as_ref()) && e.text.trim().is_empty()
}

/// Nothing typed in an action item (its menus do not count).
fn blank_action(a: &ActionItem) -> bool {
    a.title.trim().is_empty()
        && a.owner.trim().is_empty()
        && no_text(a.due.as_deref())
        && no_text(a.link.as_deref())
}

fn blank_link(l: &Link) -> bool {
    l.title.trim().is_empty() && l.url.trim().is_empty()
}

struct Check<'d> {
    doc: &'d Document,
    out: Vec<Problem>,
}

impl Check<'_> {
    fn push(&mut self, code: Code, level: Level, path: Path, message: impl Into<String>) {
        self.out.push(Problem {
            code,
            level,
            path,
            message: message.into(),
        });
    }

    /// The instant of a stamp, reporting it when it does not parse. A stamp
    /// holding only spaces is no time at all.
    ///
    /// A stamp that does not parse is text kept as the user typed it; it is
    /// read again as the form reads it (`clock::read`, with the time it
    /// follows), so the sentence here is the one the field would give: a
    /// missing date, a time the clocks skipped or repeated, a typo.
    fn instant(
        &mut self,
        stamp: Option<&Stamp>,
        path: Path,
        what: &str,
        context: impl FnOnce(&Document) -> clock::Context,
    ) -> Option<Timestamp> {
        let stamp = stamp.filter(|s| !s.0.trim().is_empty())?;
        let e = match zones::parse_stamp(stamp) {
            Ok(z) => return Some(z.timestamp()),
            Err(e) => e,
        };
        let (code, message) = match clock::read(&stamp.0, &context(self.doc)) {
            Err(e @ TimeError::Gap { .. }) => (Code::TimeGap, format!("{what}: {e}")),
            Err(e @ TimeError::Fold { .. }) => (Code::TimeFold, format!("{what}: {e}")),
            Err(e @ TimeError::NoDate { .. }) => (Code::TimeNoDate, format!("{what}: {e}")),
            Err(e) => (Code::TimeInvalid, format!("{what}: {e}")),
            Ok(r) => (
                Code::TimeInvalid,
                format!(
                    "{what} \u{201c}{}\u{201d} is stored as typed, without a date ({e}). It reads as {} now: type it again to store that.",
                    stamp.0,
                    zones::show_stamp(&r.stamp, &zones::zone_or_utc(&self.doc.time_zone))
                ),
            ),
        };
        self.push(code, Level::Error, path, message);
        None
    }
}

/// Everything wrong with the document for its status, errors first, each
/// level in document order.
pub fn validate(doc: &Document) -> Vec<Problem> {
    let mut c = Check {
        doc,
        out: Vec::new(),
    };
    if zones::zone(&doc.time_zone).is_err() {
        c.push(
            Code::TimeZoneUnknown,
            Level::Error,
            Path::field(Top::TimeZone),
            format!(
                "\u{201c}{}\u{201d} is not a time zone. Choose an IANA zone such as Africa/Lagos or UTC.",
                doc.time_zone
            ),
        );
    }
    let key = key_times(&mut c);
    check_key_order(&mut c, &key);
    check_timeline(&mut c, &key);
    for (i, u) in doc.updates.iter().enumerate() {
        c.instant(
            u.at.as_ref(),
            Path::row(Top::Updates, i, Part::At),
            &format!("Status update {}'s time", i + 1),
            |d| clock::update_context(d, i),
        );
    }
    check_actions(&mut c, &key);
    for (i, link) in doc.links.iter().enumerate() {
        check_scheme(
            &mut c,
            &link.url,
            Path::row(Top::Links, i, Part::Url),
            &format!("Link {}", i + 1),
        );
    }
    check_requirements(&mut c);
    let mut out = c.out;
    out.sort_by_key(|p| (p.level, p.path));
    out
}

/// Reports what the document's status needs and it lacks, from [`REQUIREMENTS`].
fn check_requirements(c: &mut Check) {
    let doc = c.doc;
    let status = match doc.status {
        Status::Draft => "as a draft",
        Status::Review => "in review",
        Status::Final => "marked final",
    };
    for r in REQUIREMENTS {
        let Some(level) = r.level(doc.status) else {
            continue;
        };
        match r.missing {
            Subject::Document(missing) => {
                if missing(doc) {
                    c.push(
                        r.code,
                        level,
                        r.path,
                        r.sentence.replace("{status}", status),
                    );
                }
            }
            Subject::Action(missing) => {
                for (i, a) in doc.actions.iter().enumerate() {
                    if !blank_action(a) && missing(a) {
                        let name = action_name(a, i + 1);
                        c.push(
                            r.code,
                            level,
                            r.path.in_row(i),
                            r.sentence.replace("{action}", &name),
                        );
                    }
                }
            }
            Subject::Link(missing) => {
                for (i, l) in doc.links.iter().enumerate() {
                    if !blank_link(l) && missing(l) {
                        let name = format!("Link {}", i + 1);
                        c.push(
                            r.code,
                            level,
                            r.path.in_row(i),
                            r.sentence.replace("{link}", &name),
                        );
                    }
                }
            }
        }
    }
}

type KeyInstants = [(KeyTime, Option<Timestamp>); 5];

fn key_times(c: &mut Check) -> KeyInstants {
    let doc = c.doc;
    use KeyTime::*;
    [Started, Detected, Acknowledged, Mitigated, Resolved].map(|k| {
        let at = c.instant(
            doc.times.get(k),
            Path::part(Top::Times, Part::key(k)),
            &format!("{} time", k.label()),
            |d| clock::key_time_context(d, k),
        );
        (k, at)
    })
}

fn get(key: &KeyInstants, k: KeyTime) -> Option<Timestamp> {
    key.iter().find(|(kk, _)| *kk == k).and_then(|(_, t)| *t)
}

/// The order of the key times, as (earlier, later, level): the later must
/// not come before the earlier. Importers keep to it when they infer a time.
pub const KEY_ORDER: [(KeyTime, KeyTime, Level); 9] = {
    use KeyTime::*;
    [
        (Started, Detected, Level::Error),
        (Started, Acknowledged, Level::Error),
        (Started, Mitigated, Level::Error),
        (Started, Resolved, Level::Error),
        (Detected, Resolved, Level::Error),
        (Acknowledged, Resolved, Level::Error),
        (Mitigated, Resolved, Level::Error),
        (Detected, Acknowledged, Level::Warning),
        (Detected, Mitigated, Level::Warning),
    ]
};

fn check_key_order(c: &mut Check, key: &KeyInstants) {
    use KeyTime::*;
    for (a, b, level) in KEY_ORDER {
        if let (Some(ta), Some(tb)) = (get(key, a), get(key, b)) {
            if tb < ta {
                let hint = if (a, b) == (Detected, Mitigated) {
                    " That can be right (it mitigated itself before anyone noticed); check both."
                } else {
                    " Check both times and their zones."
                };
                c.push(
                    Code::TimesOrder,
                    level,
                    Path::part(Top::Times, Part::key(b)),
                    format!(
                        "{} is before {}.{hint}",
                        b.label(),
                        a.label().to_ascii_lowercase()
                    ),
                );
            }
        }
    }
}

fn check_timeline(c: &mut Check, key: &KeyInstants) {
    let doc = c.doc;
    let started = get(key, KeyTime::Started);
    let resolved = get(key, KeyTime::Resolved);
    // A day either side of the impact: the bounds of a plausible event time.
    let day = jiff::SignedDuration::from_hours(24);
    let day_before_start = started.and_then(|s| s.checked_sub(day).ok());
    let day_after_end = resolved.and_then(|r| r.checked_add(day).ok());
    let mut previous: Option<(usize, Timestamp)> = None;
    let mut out_of_order = None;
    for (i, entry) in doc.timeline.iter().enumerate() {
        let Some(at) = c.instant(
            entry.at.as_ref(),
            Path::row(Top::Timeline, i, Part::At),
            &format!("Event {}'s time", i + 1),
            |d| clock::timeline_context(d, i),
        ) else {
            continue;
        };
        if let Some((p, t)) = previous {
            if at < t && out_of_order.is_none() {
                out_of_order = Some((p, i));
            }
        }
        if at >= previous.map(|(_, t)| t).unwrap_or(at) {
            previous = Some((i, at));
        }
        // A change may precede the impact (it is often the trigger); anything else is suspect.
        let before_start =
            started.is_some_and(|s| at < s) && day_before_start.is_some_and(|d| at >= d);
        if before_start && entry.kind != TimelineKind::Change {
            c.push(
                Code::TimelineBeforeStart,
                Level::Warning,
                Path::row(Top::Timeline, i, Part::At),
                format!(
                    "Event {} is timed before the impact started. If it caused the incident, make it a \u{201c}change\u{201d}; otherwise check its time.",
                    i + 1
                ),
            );
        }
        let early = day_before_start.is_some_and(|d| at < d);
        let late = day_after_end.is_some_and(|d| at > d);
        if early || late {
            let (side, key) = if early {
                ("before the impact started", "start")
            } else {
                ("after it was resolved", "end")
            };
            c.push(
                Code::TimelineOutside,
                Level::Warning,
                Path::row(Top::Timeline, i, Part::At),
                format!(
                    "Event {} is more than 24 hours {side}. Check its date and zone, or the incident's {key} time.",
                    i + 1
                ),
            );
        }
    }
    if let Some((p, i)) = out_of_order {
        c.push(
            Code::TimelineOrder,
            Level::Warning,
            Path::row(Top::Timeline, i, Part::At),
            format!(
                "The timeline is out of order: event {} is earlier than event {}. Use \u{201c}Sort by time\u{201d} to order it.",
                i + 1,
                p + 1
            ),
        );
    }
}

fn incident_start_date(doc: &Document, key: &KeyInstants) -> Option<Date> {
    let start = get(key, KeyTime::Started)?;
    Some(zones::Zoned::new(start, zones::zone_or_utc(&doc.time_zone)).date())
}

fn check_actions(c: &mut Check, key: &KeyInstants) {
    let doc = c.doc;
    let start_date = incident_start_date(doc, key);
    for (i, a) in doc.actions.iter().enumerate() {
        let name = action_name(a, i + 1);
        if let Some(due) = a.due.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
            match zones::parse_date(due) {
                None => c.push(
                    Code::ActionDueInvalid,
                    Level::Error,
                    Path::row(Top::Actions, i, Part::Due),
                    format!("{name}'s due date \u{201c}{due}\u{201d} is not a date. Write it as YYYY-MM-DD."),
                ),
                Some(d) if start_date.is_some_and(|s| d < s) => c.push(
                    Code::ActionDueEarly,
                    Level::Warning,
                    Path::row(Top::Actions, i, Part::Due),
                    format!("{name} is due {d}, before the incident started. Check the date."),
                ),
                Some(_) => {}
            }
        }
        if let Some(link) = &a.link {
            check_scheme(
                c,
                link,
                Path::row(Top::Actions, i, Part::Link),
                &format!("{name}'s link"),
            );
        }
    }
}

fn action_name(a: &ActionItem, n: usize) -> String {
    let title = a.title.trim();
    if title.is_empty() {
        format!("Action {n}")
    } else {
        let short: String = title.chars().take(40).collect();
        let ellipsis = if title.chars().count() > 40 {
            "\u{2026}"
        } else {
            ""
        };
        format!("Action {n} (\u{201c}{short}{ellipsis}\u{201d})")
    }
}

/// Reports a link that is not one a postmortem may link to (an empty one
/// is a missing address, which [`REQUIREMENTS`] covers).
fn check_scheme(c: &mut Check, url: &str, path: Path, what: &str) {
    if !url.trim().is_empty() && !crate::url::allowed(url) {
        c.push(
            Code::LinkScheme,
            Level::Error,
            path,
            format!("{what} \u{201c}{}\u{201d} is not an http(s), mailto or relative link, so it will not be a link.", url.trim()),
        );
    }
}

/// Sorts timeline entries by time, keeping the order of equal times. Entries
/// without a readable time stay where they are; the others fill the remaining
/// places in time order. Offered when validation reports `timeline.order`.
pub fn sort_timeline(entries: &mut [TimelineEntry]) {
    let instant = |e: &TimelineEntry| zones::instant(e.at.as_ref());
    let slots: Vec<usize> = (0..entries.len())
        .filter(|&i| instant(&entries[i]).is_some())
        .collect();
    let mut timed: Vec<TimelineEntry> = slots.iter().map(|&i| entries[i].clone()).collect();
    timed.sort_by_key(instant);
    for (slot, entry) in slots.into_iter().zip(timed) {
        entries[slot] = entry;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sort_keeps_untimed_entries_in_place() {
        use crate::model::{Stamp, TimelineEntry};
        let e = |at: Option<&str>, text: &str| TimelineEntry {
            at: at.map(|s| Stamp(s.into())),
            text: text.into(),
            ..Default::default()
        };
        let mut v = vec![
            e(Some("2025-01-01T10:00:00+00:00[UTC]"), "c"),
            e(None, "untimed"),
            e(Some("2025-01-01T09:00:00+00:00[UTC]"), "a"),
            e(Some("2025-01-01T10:00:00+01:00[Europe/Berlin]"), "b"),
        ];
        sort_timeline(&mut v);
        assert_eq!(
            v.iter().map(|x| x.text.as_str()).collect::<Vec<_>>(),
            ["a", "untimed", "b", "c"]
        );
    }
}
