//! `validate` finds what a reviewer would, at the right field, and never edits.

use crate::support::fixture;
use postmortem_core::model::*;
use postmortem_core::sample::Template;
use postmortem_core::validate::{validate, Level, Problem};

fn stamp(s: &str) -> Option<Stamp> {
    Some(Stamp(s.to_string()))
}

/// Applies `edit` to a clean draft and checks the problems, as `code level path` lines.
fn check(edit: impl FnOnce(&mut Document), expect: &[&str]) {
    check_in(Status::Draft, edit, expect)
}

/// The same, from the clean fixture in the given status.
fn check_in(status: Status, edit: impl FnOnce(&mut Document), expect: &[&str]) {
    let mut doc = fixture("full");
    doc.status = status;
    assert_eq!(validate(&doc), vec![], "the fixture starts clean");
    edit(&mut doc);
    let before = doc.clone();
    let got = lines(&doc);
    assert_eq!(doc, before, "validate must not change the document");
    assert_eq!(got, expect);
}

/// The problems as `code level path` lines.
fn lines(doc: &Document) -> Vec<String> {
    validate(doc)
        .iter()
        .map(|p| format!("{} {} {}", p.code, p.level.word(), p.path))
        .collect()
}

#[test]
fn clean_fixture_has_no_problem_even_in_review() {
    assert_eq!(validate(&fixture("full")), Vec::<Problem>::new());
}

#[test]
fn clean_fixture_has_no_problem_when_final() {
    check_in(Status::Final, |_| {}, &[]);
}

#[test]
fn a_title_is_required_from_review_on() {
    check(|d| d.title = "  ".into(), &[]);
    check_in(
        Status::Review,
        |d| d.title = "  ".into(),
        &["title.required error title"],
    );
    check_in(
        Status::Final,
        |d| d.title.clear(),
        &["title.required error title"],
    );
}

#[test]
fn unreadable_times_and_zones_are_errors() {
    check(
        |d| d.times.detected = stamp("yesterday"),
        &["time.invalid error times.detected"],
    );
    check(
        |d| d.timeline[2].at = stamp("2025-13-01T00:00:00Z"),
        &["time.invalid error timeline[2].at"],
    );
    check(
        |d| d.time_zone = "Europe/Atlantis".into(),
        &["time_zone.unknown error time_zone"],
    );
}

#[test]
fn key_times_must_be_in_order() {
    // Resolved before the start: an error on resolved (and on every later time it precedes).
    check(
        |d| d.times.resolved = stamp("2025-10-26T02:00:00+01:00[Europe/Berlin]"),
        &[
            "times.order error times.resolved",
            "times.order error times.resolved",
            "times.order error times.resolved",
            "times.order error times.resolved",
        ],
    );
    // Detected after mitigated is a warning: it can happen.
    check(
        |d| d.times.detected = stamp("2025-10-26T03:25:00+01:00[Europe/Berlin]"),
        &[
            "times.order warning times.acknowledged",
            "times.order warning times.mitigated",
        ],
    );
}

#[test]
fn timeline_order_and_distance() {
    // Swapping events 1 and 4 puts event 2 before event 1 (the first out of order).
    check(
        |d| d.timeline.swap(0, 3),
        &["timeline.order warning timeline[1].at"],
    );
    check(
        |d| d.timeline[2].at = stamp("2025-10-26T02:30:00+01:00[Europe/Berlin]"),
        &[
            "timeline.before_start warning timeline[2].at",
            "timeline.order warning timeline[2].at",
        ],
    );
    check(
        |d| d.timeline[0].at = stamp("2025-10-24T02:00:00+02:00[Europe/Berlin]"),
        &["timeline.outside warning timeline[0].at"],
    );
    // 23 hours after resolution is still fine, 25 is not.
    check(
        |d| d.timeline[5].at = stamp("2025-10-27T02:32:00+01:00[Europe/Berlin]"),
        &[],
    );
    check(
        |d| d.timeline[5].at = stamp("2025-10-27T04:32:00+01:00[Europe/Berlin]"),
        &["timeline.outside warning timeline[5].at"],
    );
}

#[test]
fn action_details_are_asked_for_in_review_and_an_owner_is_required_when_final() {
    let strip = |d: &mut Document| {
        d.actions[1].owner.clear();
        d.actions[1].due = None;
        d.actions[1].kind = None;
    };
    check(strip, &[]);
    check_in(
        Status::Review,
        strip,
        &[
            "action.owner warning actions[1].owner",
            "action.due warning actions[1].due",
            "action.kind warning actions[1].kind",
        ],
    );
    check_in(
        Status::Final,
        strip,
        &[
            "action.owner error actions[1].owner",
            "action.due warning actions[1].due",
            "action.kind warning actions[1].kind",
        ],
    );
    // An action with an owner but no description.
    check(|d| d.actions[2].title.clear(), &[]);
    check_in(
        Status::Review,
        |d| d.actions[2].title.clear(),
        &["action.title error actions[2].title"],
    );
}

#[test]
fn due_dates_that_are_wrong_are_reported_in_a_draft() {
    check(
        |d| d.actions[0].due = Some("next week".into()),
        &["action.due.invalid error actions[0].due"],
    );
    check(
        |d| d.actions[0].due = Some("2025-10-25".into()),
        &["action.due.early warning actions[0].due"],
    );
}

#[test]
fn links_must_be_web_mail_or_relative() {
    check(
        |d| d.links[0].url = "javascript:alert(1)".into(),
        &["link.scheme error links[0].url"],
    );
    check(
        |d| d.actions[0].link = Some("data:text/html,hi".into()),
        &["link.scheme error actions[0].link"],
    );
    check(|d| d.links[1].url = "../runbooks/db.md#pool".into(), &[]);
    check(|d| d.links[1].url = "mailto:sre@example.com".into(), &[]);
}

#[test]
fn review_and_final_require_the_core_sections() {
    let mut doc = Document {
        status: Status::Review,
        ..Document::default()
    };
    let paths = |d: &Document| validate(d).into_iter().map(|p| p.path).collect::<Vec<_>>();
    assert_eq!(
        paths(&doc),
        [
            "title",
            "severity",
            "summary",
            "impact.description",
            "times.started",
            "timeline"
        ]
    );
    doc.status = Status::Final;
    assert_eq!(
        paths(&doc),
        [
            "title",
            "severity",
            "summary",
            "impact.description",
            "times.started",
            "times.resolved",
            "timeline",
            "root_cause.description",
            "resolution",
            "actions"
        ]
    );
    assert_eq!(
        validate(&doc)[9].message,
        "A postmortem marked final needs at least one action item."
    );
    doc.status = Status::Draft;
    assert!(paths(&doc).is_empty(), "{:?}", paths(&doc));
}

#[test]
fn a_link_without_an_address_is_asked_for_from_review_on() {
    check(|d| d.links[1].url = " ".into(), &[]);
    check_in(
        Status::Review,
        |d| d.links[1].url.clear(),
        &["link.empty error links[1].url"],
    );
}

#[test]
fn errors_come_before_warnings_and_sentences_say_what_to_do() {
    let mut doc = fixture("full");
    doc.title.clear();
    doc.timeline.swap(0, 1);
    let problems = validate(&doc);
    assert_eq!(
        problems.iter().map(|p| p.level).collect::<Vec<_>>(),
        [Level::Error, Level::Warning]
    );
    assert!(
        problems[1].message.contains("Sort by time"),
        "{}",
        problems[1].message
    );
    assert!(problems.iter().all(|p| p.message.ends_with('.')));
}

#[test]
fn approximate_times_are_allowed_everywhere() {
    check(
        |d| {
            d.timeline.iter_mut().for_each(|e| e.approximate = true);
            d.times.set_approximate(KeyTime::Started, true);
        },
        &[],
    );
}

#[test]
fn a_time_before_1970_in_a_named_zone_is_no_problem() {
    // The zones carry their history before 1970, so an old time in a named
    // zone is as good as a new one: nothing to report.
    let mut doc = fixture("full");
    doc.status = Status::Draft;
    doc.times = KeyTimes::default();
    doc.timeline.truncate(2);
    doc.timeline[0].at = stamp("1965-01-15T12:00:00+00:00[Europe/London]");
    doc.timeline[1].at = stamp("1969-07-20T20:17:00-04:00[America/New_York]");
    assert_eq!(validate(&doc), Vec::<Problem>::new());
}

#[test]
fn a_blank_document_has_no_problem() {
    assert_eq!(validate(&Document::default()), Vec::<Problem>::new());
}

#[test]
fn every_template_opens_without_a_problem() {
    for template in Template::ALL {
        for zone in ["UTC", "America/Sao_Paulo"] {
            let doc = template.document(zone);
            assert_eq!(doc.status, Status::Draft);
            assert_eq!(validate(&doc), vec![], "{} in {zone}", template.label());
        }
    }
}

#[test]
fn a_template_marked_final_is_told_what_is_missing_not_about_its_empty_rows() {
    let mut doc = Template::Full.document("UTC");
    doc.status = Status::Final;
    assert_eq!(
        lines(&doc),
        [
            "title.required error title",
            "required error severity",
            "required error summary",
            "required error impact.description",
            "required error times.started",
            "required error times.resolved",
            "required error timeline",
            "required error root_cause.description",
            "required error resolution",
            "required error actions",
        ]
    );
}

#[test]
fn new_empty_rows_are_no_problem_in_any_status() {
    for status in Status::ALL.iter().copied() {
        check_in(
            status,
            |d| {
                d.timeline.push(TimelineEntry::default());
                d.actions.push(ActionItem::default());
                d.updates.push(StatusUpdate::default());
                d.links.push(Link::default());
                d.impact.metrics.push(ImpactMetric::default());
                d.root_cause.contributing_factors.push(String::new());
                d.lessons.went_well.push(String::new());
                d.lessons.lucky.push(String::new());
            },
            &[],
        );
        // A row whose menus were set but where nothing was typed is still empty.
        check_in(
            status,
            |d| {
                d.timeline.push(TimelineEntry {
                    kind: TimelineKind::Mitigation,
                    approximate: true,
                    ..TimelineEntry::default()
                });
                d.actions.push(ActionItem {
                    kind: Some(ActionKind::Detect),
                    priority: Some(Priority::P1),
                    due: Some(String::new()),
                    ..ActionItem::default()
                });
                d.updates.push(StatusUpdate {
                    state: UpdateState::Monitoring,
                    ..StatusUpdate::default()
                });
            },
            &[],
        );
    }
}

#[test]
fn a_draft_hears_only_about_wrong_data() {
    let doc = Document {
        time_zone: "Mars/Olympus_Mons".into(),
        timeline: vec![TimelineEntry {
            at: stamp("half past nine"),
            ..TimelineEntry::default()
        }],
        actions: vec![ActionItem {
            due: Some("soon".into()),
            ..ActionItem::default()
        }],
        links: vec![Link {
            title: String::new(),
            url: "javascript:void(0)".into(),
        }],
        ..Document::default()
    };
    assert_eq!(
        lines(&doc),
        [
            "time_zone.unknown error time_zone",
            "time.invalid error timeline[0].at",
            "action.due.invalid error actions[0].due",
            "link.scheme error links[0].url",
        ]
    );
}

#[test]
fn problems_are_listed_in_the_order_of_the_form() {
    let doc = Document {
        status: Status::Review,
        severity: Some(Severity::Sev3),
        time_zone: "Mars/Olympus_Mons".into(),
        summary: "Logins failed.".into(),
        impact: Impact {
            description: "Nobody could sign in.".into(),
            metrics: vec![],
        },
        times: KeyTimes {
            started: stamp("2025-01-01T00:00:00Z"),
            ..KeyTimes::default()
        },
        timeline: vec![TimelineEntry {
            at: stamp("noon"),
            ..TimelineEntry::default()
        }],
        actions: vec![ActionItem {
            owner: "Identity team".into(),
            ..ActionItem::default()
        }],
        ..Document::default()
    };
    assert_eq!(
        lines(&doc),
        [
            "title.required error title",
            "time_zone.unknown error time_zone",
            "time.invalid error timeline[0].at",
            "action.title error actions[0].title",
            "action.due warning actions[0].due",
            "action.kind warning actions[0].kind",
        ]
    );
    assert_eq!(
        validate(&doc)[0].message,
        "A postmortem in review needs a title. Name the incident in a few words."
    );
}

/// Times kept as typed are judged as the form reads them: the sentence says
/// what is wrong with this text at this place, not just "not a time".
#[test]
fn a_time_kept_as_typed_is_told_as_the_field_reads_it() {
    let message = |doc: &Document, path: &str| -> Vec<(String, String)> {
        validate(doc)
            .into_iter()
            .filter(|p| p.path == path)
            .map(|p| (p.code.to_string(), p.message))
            .collect()
    };
    let mut doc = fixture("full");
    doc.timeline[1].at = stamp("25:99");
    let got = message(&doc, "timeline[1].at");
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].0, "time.invalid");
    assert!(
        got[0].1.starts_with(
            "Event 2's time: \u{201c}25:99\u{201d} is not a time. Write 2025-03-12 03:15"
        ),
        "{}",
        got[0].1
    );

    // No date anywhere before it: the sentence asks for one.
    let mut doc = Document::default();
    doc.timeline.push(TimelineEntry {
        at: stamp("03:20"),
        ..TimelineEntry::default()
    });
    let got = message(&doc, "timeline[0].at");
    assert_eq!(got[0].0, "time.no_date");
    assert!(got[0].1.contains("has no date"), "{}", got[0].1);

    // 02:30 on 2025-03-30 never happened in Berlin (clocks went 02:00 -> 03:00).
    let mut doc = Document {
        time_zone: "Europe/Berlin".into(),
        ..Document::default()
    };
    doc.times.started = stamp("2025-03-30 02:30");
    let got = message(&doc, "times.started");
    assert_eq!(got[0].0, "time.gap");
    assert!(
        got[0].1.contains("does not exist in Europe/Berlin"),
        "{}",
        got[0].1
    );
}
