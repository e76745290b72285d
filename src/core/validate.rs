//! Validation: `validate(&Document) -> Vec<Problem>`, the only place that
//! decides what is wrong with a document.
//!
//! It never changes the document. Each problem has a stable code, a level, the
//! JSON path of the field it is about, and a sentence the user can act on.
//! Errors come first, then warnings, each in document order. Nothing here
//! blocks the user: the UI shows the list and lets them carry on.

use crate::core::model::{ActionItem, Document, KeyTime, Status};
use crate::core::zones;
use jiff::{civil::Date, Timestamp};

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
    /// Stable identifier, e.g. `times.order`.
    pub code: &'static str,
    pub level: Level,
    /// JSON path of the field, e.g. `timeline[2].at` (`timeline` for the whole list).
    pub path: String,
    pub message: String,
}

struct Check<'d> {
    doc: &'d Document,
    out: Vec<Problem>,
}

impl Check<'_> {
    fn push(
        &mut self,
        code: &'static str,
        level: Level,
        path: impl Into<String>,
        message: impl Into<String>,
    ) {
        self.out.push(Problem {
            code,
            level,
            path: path.into(),
            message: message.into(),
        });
    }

    /// The instant of a stamp, reporting it when it does not parse.
    fn instant(
        &mut self,
        stamp: Option<&crate::core::model::Stamp>,
        path: &str,
        what: &str,
    ) -> Option<Timestamp> {
        let stamp = stamp?;
        match zones::parse_stamp(stamp) {
            Ok(z) => Some(z.timestamp()),
            Err(e) => {
                self.push(
                    "time.invalid",
                    Level::Error,
                    path,
                    format!("{what} is not a valid time: {e}"),
                );
                None
            }
        }
    }
}

/// Everything wrong with the document, errors first.
pub fn validate(doc: &Document) -> Vec<Problem> {
    let mut c = Check {
        doc,
        out: Vec::new(),
    };
    if doc.title.trim().is_empty() {
        c.push(
            "title.required",
            Level::Error,
            "title",
            "The postmortem needs a title. Name the incident in a few words.",
        );
    }
    if zones::zone(&doc.time_zone).is_err() {
        c.push(
            "time_zone.unknown",
            Level::Error,
            "time_zone",
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
            &format!("updates[{i}].at"),
            &format!("Status update {}'s time", i + 1),
        );
    }
    check_actions(&mut c, &key);
    for (i, link) in doc.links.iter().enumerate() {
        check_url(
            &mut c,
            &link.url,
            &format!("links[{i}].url"),
            &format!("Link {}", i + 1),
        );
    }
    check_required_sections(&mut c);
    c.out.sort_by_key(|p| p.level);
    c.out
}

type KeyInstants = [(KeyTime, Option<Timestamp>); 5];

fn key_times(c: &mut Check) -> KeyInstants {
    let doc = c.doc;
    use KeyTime::*;
    [Started, Detected, Acknowledged, Mitigated, Resolved].map(|k| {
        let at = c.instant(doc.times.get(k), &format!("times.{}", k.word()), k.label());
        (k, at)
    })
}

fn get(key: &KeyInstants, k: KeyTime) -> Option<Timestamp> {
    key.iter().find(|(kk, _)| *kk == k).and_then(|(_, t)| *t)
}

fn check_key_order(c: &mut Check, key: &KeyInstants) {
    use KeyTime::*;
    // (earlier, later, level): the later must not come before the earlier.
    let rules = [
        (Started, Detected, Level::Error),
        (Started, Acknowledged, Level::Error),
        (Started, Mitigated, Level::Error),
        (Started, Resolved, Level::Error),
        (Detected, Resolved, Level::Error),
        (Acknowledged, Resolved, Level::Error),
        (Mitigated, Resolved, Level::Error),
        (Detected, Acknowledged, Level::Warning),
        (Detected, Mitigated, Level::Warning),
    ];
    for (a, b, level) in rules {
        if let (Some(ta), Some(tb)) = (get(key, a), get(key, b)) {
            if tb < ta {
                let hint = if (a, b) == (Detected, Mitigated) {
                    " That can be right (it mitigated itself before anyone noticed); check both."
                } else {
                    " Check both times and their zones."
                };
                c.push(
                    "times.order",
                    level,
                    format!("times.{}", b.word()),
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
            &format!("timeline[{i}].at"),
            &format!("Event {}'s time", i + 1),
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
        if before_start && entry.kind != crate::core::model::TimelineKind::Change {
            c.push(
                "timeline.before_start",
                Level::Warning,
                format!("timeline[{i}].at"),
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
                "timeline.outside",
                Level::Warning,
                format!("timeline[{i}].at"),
                format!(
                    "Event {} is more than 24 hours {side}. Check its date and zone, or the incident's {key} time.",
                    i + 1
                ),
            );
        }
    }
    if let Some((p, i)) = out_of_order {
        c.push(
            "timeline.order",
            Level::Warning,
            format!("timeline[{i}].at"),
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
    let missing_level = if doc.status == Status::Final {
        Level::Error
    } else {
        Level::Warning
    };
    for (i, a) in doc.actions.iter().enumerate() {
        let n = i + 1;
        let name = action_name(a, n);
        if a.title.trim().is_empty() {
            c.push(
                "action.title",
                Level::Error,
                format!("actions[{i}].title"),
                format!("Action {n} has no description. Say what will be done."),
            );
        }
        if a.owner.trim().is_empty() {
            c.push(
                "action.owner",
                missing_level,
                format!("actions[{i}].owner"),
                format!("{name} has no owner. Name the person or team who will do it."),
            );
        }
        match a.due.as_deref().map(str::trim) {
            None | Some("") => c.push("action.due", missing_level, format!("actions[{i}].due"), format!("{name} has no due date.")),
            Some(due) => match crate::core::zones::parse_date(due).ok_or(()) {
                Err(()) => c.push(
                    "action.due.invalid",
                    Level::Error,
                    format!("actions[{i}].due"),
                    format!("{name}'s due date \u{201c}{due}\u{201d} is not a date. Write it as YYYY-MM-DD."),
                ),
                Ok(d) => {
                    if start_date.is_some_and(|s| d < s) {
                        c.push(
                            "action.due.early",
                            Level::Warning,
                            format!("actions[{i}].due"),
                            format!("{name} is due {d}, before the incident started. Check the date."),
                        );
                    }
                }
            },
        }
        if a.kind.is_none() {
            c.push(
                "action.kind",
                missing_level,
                format!("actions[{i}].kind"),
                format!("{name} has no kind. Say whether it prevents, mitigates or detects."),
            );
        }
        if let Some(link) = &a.link {
            check_url(
                c,
                link,
                &format!("actions[{i}].link"),
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

/// Whether a URL is one a postmortem may link to: http(s), mailto, or relative.
pub fn url_is_allowed(url: &str) -> bool {
    let url: String = url
        .trim()
        .chars()
        .filter(|c| !c.is_control() && !c.is_whitespace())
        .collect();
    if url.is_empty() {
        return false;
    }
    match scheme_of(&url) {
        None => true,
        Some(s) => matches!(s.to_ascii_lowercase().as_str(), "http" | "https" | "mailto"),
    }
}

/// The scheme of a URL (`https`), or None for a relative reference.
pub fn scheme_of(url: &str) -> Option<&str> {
    let end = url.find([':', '/', '?', '#'])?;
    if url.as_bytes()[end] != b':' || end == 0 {
        return None;
    }
    let scheme = &url[..end];
    let valid = scheme
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    // A colon after something that is not a scheme name makes the URL unsafe to call relative.
    Some(if valid { scheme } else { url })
}

fn check_url(c: &mut Check, url: &str, path: &str, what: &str) {
    if url.trim().is_empty() {
        c.push(
            "link.empty",
            Level::Error,
            path,
            format!("{what} has no address. Add a URL or remove it."),
        );
    } else if !url_is_allowed(url) {
        c.push(
            "link.scheme",
            Level::Error,
            path,
            format!("{what} \u{201c}{}\u{201d} is not an http(s), mailto or relative link, so it will not be a link.", url.trim()),
        );
    }
}

fn check_required_sections(c: &mut Check) {
    let doc = c.doc;
    if doc.status == Status::Draft {
        return;
    }
    let mut need = |missing: bool, path: &str, what: &str| {
        if missing {
            c.push(
                "required",
                Level::Error,
                path,
                format!(
                    "A postmortem {} needs {what}.",
                    if doc.status == Status::Final {
                        "marked final"
                    } else {
                        "in review"
                    }
                ),
            );
        }
    };
    need(doc.summary.trim().is_empty(), "summary", "a summary");
    need(
        doc.impact.description.trim().is_empty(),
        "impact.description",
        "a description of the impact",
    );
    need(
        doc.times.started.is_none(),
        "times.started",
        "the time the impact started",
    );
    need(
        doc.times.resolved.is_none(),
        "times.resolved",
        "the time it was resolved",
    );
    need(
        doc.timeline.is_empty(),
        "timeline",
        "at least one timeline event",
    );
    need(
        doc.root_cause.description.trim().is_empty(),
        "root_cause.description",
        "a root cause description",
    );
    if doc.status == Status::Final {
        need(
            doc.actions.is_empty(),
            "actions",
            "at least one action item",
        );
    }
}

/// Sorts timeline entries by time, keeping the order of equal times. Entries
/// without a readable time stay where they are; the others fill the remaining
/// places in time order. Offered when validation reports `timeline.order`.
pub fn sort_timeline(entries: &mut [crate::core::model::TimelineEntry]) {
    let instant = |e: &crate::core::model::TimelineEntry| {
        e.at.as_ref()
            .and_then(|s| zones::parse_stamp(s).ok())
            .map(|z| z.timestamp())
    };
    let slots: Vec<usize> = (0..entries.len())
        .filter(|&i| instant(&entries[i]).is_some())
        .collect();
    let mut timed: Vec<crate::core::model::TimelineEntry> =
        slots.iter().map(|&i| entries[i].clone()).collect();
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
        use crate::core::model::{Stamp, TimelineEntry};
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

    #[test]
    fn url_rules() {
        for ok in [
            "https://x.io/a",
            "HTTP://x",
            "mailto:a@b.c",
            "/runbook",
            "docs/a.md",
            "#timeline",
            "./a:b",
        ] {
            assert!(url_is_allowed(ok), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            " JaVaScRiPt:alert(1)",
            "java\tscript:x",
            "data:text/html,x",
            "vbscript:x",
            "",
            "ftp://x",
        ] {
            assert!(!url_is_allowed(bad), "{bad}");
        }
    }
}
