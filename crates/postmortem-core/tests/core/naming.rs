//! The incident's date: what the list shows and what names an exported file.

use postmortem_core::model::*;
use postmortem_core::naming::{file_stem, incident_date};

fn stamp(s: &str) -> Option<Stamp> {
    Some(Stamp(s.to_string()))
}

fn date(y: i16, m: i8, d: i8) -> Option<jiff::civil::Date> {
    Some(jiff::civil::date(y, m, d))
}

fn in_zone(zone: &str) -> Document {
    Document {
        title: "Queue stall".into(),
        time_zone: zone.into(),
        ..Document::default()
    }
}

#[test]
fn the_start_gives_the_date_in_the_document_zone() {
    let mut doc = in_zone("Pacific/Auckland");
    // Noon UTC on the 11th is 01:00 on the 12th in Auckland (NZDT).
    doc.times.started = stamp("2025-03-11T12:00:00+00:00[UTC]");
    // An earlier key time does not matter when the start reads.
    doc.times.detected = stamp("2025-03-01T12:00:00+00:00[UTC]");
    assert_eq!(incident_date(&doc), date(2025, 3, 12));
}

#[test]
fn without_a_start_the_earliest_key_time_that_reads() {
    let mut doc = in_zone("UTC");
    doc.times.started = stamp("last Tuesday");
    doc.times.detected = stamp("2025-03-12T01:00:00+00:00[UTC]");
    // Acknowledged is a later key but an earlier time.
    doc.times.acknowledged = stamp("2025-03-11T23:50:00+00:00[UTC]");
    doc.times.resolved = stamp("2025-03-12T05:00:00+00:00[UTC]");
    assert_eq!(incident_date(&doc), date(2025, 3, 11));

    let mut doc = in_zone("America/Los_Angeles");
    doc.times.mitigated = stamp("2025-07-04T03:00:00+00:00[UTC]");
    // 03:00 UTC is 20:00 the day before in Los Angeles (PDT).
    assert_eq!(incident_date(&doc), date(2025, 7, 3));
}

#[test]
fn without_key_times_the_first_timeline_time_that_reads() {
    let mut doc = in_zone("America/Los_Angeles");
    doc.timeline = vec![
        TimelineEntry {
            text: "Someone noticed".into(),
            ..TimelineEntry::default()
        },
        TimelineEntry {
            at: stamp("around nine"),
            ..TimelineEntry::default()
        },
        TimelineEntry {
            at: stamp("2025-03-14T03:00:00+00:00[UTC]"),
            ..TimelineEntry::default()
        },
        TimelineEntry {
            at: stamp("2025-03-10T12:00:00+00:00[UTC]"),
            ..TimelineEntry::default()
        },
    ];
    // The first that reads, not the earliest, on its Los Angeles day.
    assert_eq!(incident_date(&doc), date(2025, 3, 13));
    doc.times.resolved = stamp("not yet");
    assert_eq!(incident_date(&doc), date(2025, 3, 13));
}

#[test]
fn no_time_that_reads_means_no_date_and_the_file_no_date_either() {
    let mut doc = in_zone("UTC");
    doc.times.started = stamp("soon");
    doc.timeline.push(TimelineEntry {
        at: stamp("later"),
        ..TimelineEntry::default()
    });
    assert_eq!(incident_date(&doc), None);
    assert_eq!(file_stem(&doc), "queue-stall");
    doc.timeline[0].at = stamp("2025-12-31T23:59:00+00:00[UTC]");
    assert_eq!(file_stem(&doc), "2025-12-31-queue-stall");
}
