//! Re-reading clock times in another zone: the wall clock stays, the zone
//! changes. London is +00:00 in winter and +01:00 from 2025-03-30 01:00
//! (skipping 01:00-02:00) to 2025-10-26 02:00 (repeating 01:00-02:00);
//! Lagos is +01:00 all year.

use postmortem_core::model::{Document, Stamp, StatusUpdate, TimelineEntry};
use postmortem_core::reread::{self, Change};
use postmortem_core::time::zones::TimeError;

fn stamp(s: &str) -> Option<Stamp> {
    Some(Stamp(s.into()))
}

fn at(s: &str) -> TimelineEntry {
    TimelineEntry {
        at: stamp(s),
        text: format!("event at {s}"),
        ..TimelineEntry::default()
    }
}

fn typed_in_lagos() -> Document {
    let mut doc = Document {
        title: "Checkout errors".into(),
        time_zone: "Africa/Lagos".into(),
        ..Document::default()
    };
    doc.times.started = stamp("2025-03-12T03:15:00+01:00[Africa/Lagos]");
    doc.times.detected = stamp("25:99");
    doc.times.mitigated = stamp("2025-03-12T04:00:00+00:00[Europe/London]");
    doc.times.resolved = stamp("2025-03-12T05:00:00+00:00[UTC]");
    doc.timeline = vec![
        at("2025-07-01T09:00:00+01:00[Africa/Lagos]"),
        at("2025-03-30T01:30:00+01:00[Africa/Lagos]"),
        TimelineEntry::default(),
    ];
    doc.updates = vec![StatusUpdate {
        at: stamp("2025-10-26T01:30:00+01:00[Africa/Lagos]"),
        text: "We are looking into it.".into(),
        ..StatusUpdate::default()
    }];
    doc
}

fn change(path: &str, before: &str, after: &str) -> Change {
    Change {
        path: path.parse().unwrap(),
        before: Stamp(before.into()),
        after: Stamp(after.into()),
    }
}

#[test]
fn wall_clock_times_keep_their_reading_in_the_new_zone() {
    let doc = typed_in_lagos();
    let r = reread::reread(&doc, "europe/london").unwrap();
    assert_eq!(
        r.changes,
        vec![
            change(
                "times.started",
                "2025-03-12T03:15:00+01:00[Africa/Lagos]",
                "2025-03-12T03:15:00+00:00[Europe/London]",
            ),
            change(
                "times.resolved",
                "2025-03-12T05:00:00+00:00[UTC]",
                "2025-03-12T05:00:00+00:00[Europe/London]",
            ),
            // Summer: British Summer Time.
            change(
                "timeline[0].at",
                "2025-07-01T09:00:00+01:00[Africa/Lagos]",
                "2025-07-01T09:00:00+01:00[Europe/London]",
            ),
        ]
    );
    let mut want = doc.clone();
    want.time_zone = "Europe/London".into();
    want.times.started = stamp("2025-03-12T03:15:00+00:00[Europe/London]");
    want.times.resolved = stamp("2025-03-12T05:00:00+00:00[Europe/London]");
    want.timeline[0].at = stamp("2025-07-01T09:00:00+01:00[Europe/London]");
    assert_eq!(r.doc, want);
}

#[test]
fn a_wall_time_the_new_zone_skipped_or_repeated_is_refused_and_kept() {
    let doc = typed_in_lagos();
    let r = reread::reread(&doc, "Europe/London").unwrap();
    let paths: Vec<String> = r.refused.iter().map(|(p, _)| p.to_string()).collect();
    assert_eq!(paths, ["timeline[1].at", "updates[0].at"]);
    let TimeError::Gap { before, after, .. } = &r.refused[0].1 else {
        panic!("{:?}", r.refused[0])
    };
    assert_eq!(before.0, "2025-03-30T00:59:00+00:00[Europe/London]");
    assert_eq!(after.0, "2025-03-30T02:00:00+01:00[Europe/London]");
    let TimeError::Fold { earlier, later, .. } = &r.refused[1].1 else {
        panic!("{:?}", r.refused[1])
    };
    assert_eq!(earlier.0, "2025-10-26T01:30:00+01:00[Europe/London]");
    assert_eq!(later.0, "2025-10-26T01:30:00+00:00[Europe/London]");
    // Both stay as they were, and so do the unparsed and the empty.
    assert_eq!(r.doc.timeline[1].at, doc.timeline[1].at);
    assert_eq!(r.doc.updates[0].at, doc.updates[0].at);
    assert_eq!(r.doc.times.detected, stamp("25:99"));
    assert_eq!(r.doc.timeline[2].at, None);
}

#[test]
fn re_reading_in_the_zone_the_times_are_in_changes_nothing() {
    let mut doc = typed_in_lagos();
    doc.timeline.truncate(1);
    doc.times.mitigated = None;
    doc.times.resolved = None;
    doc.updates.clear();
    let r = reread::reread(&doc, "Africa/Lagos").unwrap();
    assert_eq!(r.changes, vec![]);
    assert_eq!(r.refused, vec![]);
    assert_eq!(r.doc, doc);
    // The second 01:30 of London's October night is already the one chosen.
    let mut doc = Document {
        time_zone: "Europe/London".into(),
        ..Document::default()
    };
    doc.timeline = vec![at("2025-10-26T01:30:00+00:00[Europe/London]")];
    let r = reread::reread(&doc, "Europe/London").unwrap();
    assert_eq!((r.changes, r.refused), (vec![], vec![]));
    assert_eq!(r.doc, doc);
}

#[test]
fn an_unknown_zone_is_refused() {
    assert_eq!(
        reread::reread(&typed_in_lagos(), "Mars/Olympus"),
        Err(TimeError::UnknownZone {
            name: "Mars/Olympus".into(),
            suggestions: vec![],
        })
    );
}
