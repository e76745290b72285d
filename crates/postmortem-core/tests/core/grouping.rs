//! `grouped` turns many problems of one kind into one line that counts them.

use crate::support::fixture;
use postmortem_core::model::*;
use postmortem_core::validate::{grouped, validate, Code, Group, Level};
use std::collections::BTreeSet;

fn stamp(s: &str) -> Option<Stamp> {
    Some(Stamp(s.to_string()))
}

/// Each group as `code level count: summary`.
fn lines(groups: &[Group]) -> Vec<String> {
    groups
        .iter()
        .map(|g| {
            format!(
                "{} {} {}: {}",
                g.code,
                g.level.word(),
                g.problems.len(),
                g.summary
            )
        })
        .collect()
}

#[test]
fn many_events_with_one_warning_are_one_line() {
    // Like a foreign import whose times were all read in the wrong zone:
    // every event lands in the hour before the impact started.
    let doc = Document {
        time_zone: "UTC".into(),
        times: KeyTimes {
            started: stamp("2024-02-04T20:04:00+00:00[UTC]"),
            ..KeyTimes::default()
        },
        timeline: (0..21)
            .map(|i| TimelineEntry {
                at: stamp(&format!("2024-02-04T19:{:02}:00+00:00[UTC]", 10 + i)),
                text: format!("Step {i}"),
                ..TimelineEntry::default()
            })
            .collect(),
        ..Document::default()
    };
    let groups = grouped(&validate(&doc));
    assert_eq!(
        lines(&groups),
        ["timeline.before_start warning 21: 21 events are timed before the impact started."]
    );
    let paths: Vec<String> = groups[0]
        .problems
        .iter()
        .map(|p| p.path.to_string())
        .collect();
    assert_eq!(paths.len(), 21);
    assert_eq!(paths[0], "timeline[0].at");
    assert_eq!(paths[20], "timeline[20].at");
}

#[test]
fn seven_actions_without_owners_are_one_line_each_kind() {
    // Seed 004's corrective measures, marked final: seven numbered actions
    // with no owner, due date or kind.
    let mut doc = fixture("full");
    doc.status = Status::Final;
    doc.title.clear();
    doc.actions = (1..=7)
        .map(|n| ActionItem {
            title: format!("Corrective measure {n}"),
            ..ActionItem::default()
        })
        .collect();
    let groups = grouped(&validate(&doc));
    assert_eq!(
        lines(&groups),
        [
            "title.required error 1: A postmortem marked final needs a title. Name the incident in a few words.",
            "action.owner error 7: 7 action items have no owner.",
            "action.due warning 7: 7 action items have no due date.",
            "action.kind warning 7: 7 action items have no kind.",
        ]
    );
    assert_eq!(groups[1].problems[6].path, "actions[6].owner");
}

#[test]
fn one_code_at_two_levels_is_two_groups() {
    let mut doc = fixture("full");
    // Resolved before every other key time (errors), detected after
    // acknowledged and mitigated (warnings).
    doc.times.resolved = stamp("2025-10-26T02:00:00+01:00[Europe/Berlin]");
    doc.times.detected = stamp("2025-10-26T03:25:00+01:00[Europe/Berlin]");
    let groups = grouped(&validate(&doc));
    let order: Vec<(&str, Level, usize)> = groups
        .iter()
        .filter(|g| g.code == "times.order")
        .map(|g| (g.code.as_str(), g.level, g.problems.len()))
        .collect();
    assert_eq!(
        order,
        [
            ("times.order", Level::Error, 4),
            ("times.order", Level::Warning, 2)
        ]
    );
}

/// An edit of the clean fixture (in review) that gives one code twice, or,
/// for a code a document has at most once, two documents.
fn twice(code: &str) -> Vec<Document> {
    let mut doc = fixture("full");
    let berlin = |t: &str| stamp(&format!("2025-10-{t}+01:00[Europe/Berlin]"));
    match code {
        "title.required" => doc.title.clear(),
        "time_zone.unknown" => doc.time_zone = "Nowhere/Land".into(),
        "timeline.order" => doc.timeline.swap(0, 3),
        "time.invalid" => {
            doc.times.detected = stamp("soon");
            doc.times.acknowledged = stamp("later");
        }
        "time.no_date" => {
            // Nothing before them to take a date from: no start, no earlier key time.
            doc.times = Default::default();
            doc.timeline.clear();
            doc.times.detected = stamp("03:20");
            doc.times.acknowledged = stamp("03:25");
        }
        // 02:30 on 2025-03-30 was skipped in Berlin; 02:30 on 2025-10-26 happened twice.
        "time.gap" => {
            doc.times.detected = stamp("2025-03-30 02:30 Europe/Berlin");
            doc.times.acknowledged = stamp("2025-03-30 02:40 Europe/Berlin");
        }
        "time.fold" => {
            doc.times.detected = stamp("2025-10-26 02:30 Europe/Berlin");
            doc.timeline[1].at = stamp("2025-10-26 02:35 Europe/Berlin");
        }
        "times.order" => doc.times.detected = berlin("26T03:25:00"),
        "timeline.before_start" => {
            doc.timeline[1].at = berlin("26T02:20:00");
            doc.timeline[2].at = berlin("26T02:30:00");
        }
        "timeline.outside" => {
            doc.timeline[4].at = berlin("27T04:32:00");
            doc.timeline[5].at = berlin("27T04:33:00");
        }
        "required" => {
            doc.summary.clear();
            doc.severity = None;
        }
        "action.title" => doc.actions[..2].iter_mut().for_each(|a| a.title.clear()),
        "action.owner" => doc.actions[..2].iter_mut().for_each(|a| a.owner.clear()),
        "action.due" => doc.actions[..2].iter_mut().for_each(|a| a.due = None),
        "action.kind" => doc.actions[..2].iter_mut().for_each(|a| a.kind = None),
        "action.due.invalid" => {
            doc.actions[0].due = Some("next week".into());
            doc.actions[1].due = Some("31/11/2025".into());
        }
        "action.due.early" => {
            doc.actions[0].due = Some("2025-10-01".into());
            doc.actions[1].due = Some("2025-10-25".into());
        }
        "link.empty" => doc.links.iter_mut().for_each(|l| l.url.clear()),
        "link.scheme" => {
            doc.links[0].url = "javascript:alert(1)".into();
            doc.links[1].url = "ftp://files.example.com/".into();
        }
        other => panic!("no edit gives {other}"),
    }
    match code {
        "title.required" | "time_zone.unknown" | "timeline.order" => vec![doc.clone(), doc],
        _ => vec![doc],
    }
}

#[test]
fn every_code_has_its_own_sentence_for_several() {
    let expected = [
        ("title.required", "2 postmortems have no title."),
        ("time_zone.unknown", "2 time zones are not IANA zones."),
        ("time.invalid", "2 times are not valid times."),
        ("time.no_date", "2 times have no date."),
        ("time.gap", "2 times fall in an hour the clocks skipped."),
        (
            "time.fold",
            "2 times happen twice, because the clocks went back: choose which.",
        ),
        ("times.order", "Key times are out of order in 2 places."),
        (
            "timeline.order",
            "The timeline is out of order in 2 places.",
        ),
        (
            "timeline.before_start",
            "2 events are timed before the impact started.",
        ),
        (
            "timeline.outside",
            "2 events are more than 24 hours away from the impact.",
        ),
        ("required", "2 things this status needs are missing."),
        ("action.title", "2 action items have no description."),
        ("action.owner", "2 action items have no owner."),
        ("action.due", "2 action items have no due date."),
        (
            "action.due.invalid",
            "2 due dates are not dates. Write them as YYYY-MM-DD.",
        ),
        (
            "action.due.early",
            "2 action items are due before the incident started.",
        ),
        ("action.kind", "2 action items have no kind."),
        ("link.empty", "2 links have no address."),
        (
            "link.scheme",
            "2 links are not http(s), mailto or relative links.",
        ),
    ];
    // Every code validate can emit is here (it emits only `Code`s).
    let listed: BTreeSet<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
    let tested: BTreeSet<&str> = expected.iter().map(|(code, _)| *code).collect();
    assert_eq!(listed, tested);
    for (code, sentence) in expected {
        let problems: Vec<_> = twice(code).iter().flat_map(validate).collect();
        let groups: Vec<Group> = grouped(&problems)
            .into_iter()
            .filter(|g| g.code == code)
            .collect();
        assert_eq!(groups.len(), 1, "{code}: {groups:?}");
        assert_eq!(groups[0].problems.len(), 2, "{code}: {groups:?}");
        assert_eq!(groups[0].summary, sentence, "{code}");
    }
}

#[test]
fn a_problem_alone_keeps_its_own_sentence() {
    let mut doc = fixture("full");
    doc.links[1].url = "ftp://files.example.com/".into();
    let problems = validate(&doc);
    let groups = grouped(&problems);
    assert_eq!(groups.len(), 1);
    assert_eq!(groups[0].problems, problems);
    assert_eq!(
        groups[0].summary,
        "Link 2 \u{201c}ftp://files.example.com/\u{201d} is not an http(s), mailto or relative link, so it will not be a link."
    );
    assert_eq!(grouped(&[]), vec![]);
}
