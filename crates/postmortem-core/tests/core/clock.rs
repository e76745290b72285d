//! Times typed into a time field: with a date, or a time of day that takes
//! its date from the time before it. Expected stamps are worked out by hand
//! from the zones' offsets (Lagos is +01:00 all year; Los Angeles changes on
//! 2025-03-09 02:00 and 2025-11-02 02:00).

use postmortem_core::model::{Document, KeyTime, Stamp, StatusUpdate, TimelineEntry};
use postmortem_core::time::clock::{self, Context, Reading};
use postmortem_core::time::zones::{self, TimeError};

fn at(stamp: &str) -> Option<zones::Zoned> {
    Some(zones::parse_stamp(&Stamp(stamp.into())).unwrap())
}

fn following(anchor: &str, zone: &str) -> Context {
    Context {
        anchor: at(anchor),
        zone: zone.into(),
        zone_from_anchor: false,
    }
}

const LAGOS_0315: &str = "2025-03-12T03:15:00+01:00[Africa/Lagos]";

fn read_after_0315(text: &str) -> Result<Reading, TimeError> {
    clock::read(text, &following(LAGOS_0315, "Africa/Lagos"))
}

fn same_day(stamp: &str) -> Reading {
    Reading {
        stamp: Stamp(stamp.into()),
        date_from_context: true,
        next_day: false,
        note: None,
    }
}

#[test]
fn a_time_of_day_takes_the_date_of_the_time_before_it() {
    for (typed, want) in [
        ("03:20", "2025-03-12T03:20:00+01:00[Africa/Lagos]"),
        ("3:20", "2025-03-12T03:20:00+01:00[Africa/Lagos]"),
        ("  03:20  ", "2025-03-12T03:20:00+01:00[Africa/Lagos]"),
        ("15:20:05", "2025-03-12T15:20:05+01:00[Africa/Lagos]"),
        ("3:20pm", "2025-03-12T15:20:00+01:00[Africa/Lagos]"),
        ("3:20 PM", "2025-03-12T15:20:00+01:00[Africa/Lagos]"),
        ("3:20 p.m.", "2025-03-12T15:20:00+01:00[Africa/Lagos]"),
        ("3:20 Pm", "2025-03-12T15:20:00+01:00[Africa/Lagos]"),
        ("12:05pm", "2025-03-12T12:05:00+01:00[Africa/Lagos]"),
        // 00:05 is three hours before the anchor: the same day, out of order.
        ("12:05am", "2025-03-12T00:05:00+01:00[Africa/Lagos]"),
    ] {
        assert_eq!(read_after_0315(typed), Ok(same_day(want)), "{typed}");
    }
}

#[test]
fn a_zone_word_after_the_time_wins_over_the_fields_zone() {
    for (typed, want) in [
        ("03:20 WAT", "2025-03-12T03:20:00+01:00[Africa/Lagos]"),
        ("03:20 wat", "2025-03-12T03:20:00+01:00[Africa/Lagos]"),
        ("03:20 UTC", "2025-03-12T03:20:00+00:00[UTC]"),
        ("03:20 utc", "2025-03-12T03:20:00+00:00[UTC]"),
        ("03:20Z", "2025-03-12T03:20:00+00:00[UTC]"),
        ("03:20z", "2025-03-12T03:20:00+00:00[UTC]"),
        ("03:20 +01:00", "2025-03-12T03:20:00+01:00[+01:00]"),
        ("03:20+01:00", "2025-03-12T03:20:00+01:00[+01:00]"),
        ("03:20 UTC+1", "2025-03-12T03:20:00+01:00[+01:00]"),
        ("03:20 utc+1", "2025-03-12T03:20:00+01:00[+01:00]"),
        (
            "03:20 Africa/Lagos",
            "2025-03-12T03:20:00+01:00[Africa/Lagos]",
        ),
        (
            "03:20 africa/lagos",
            "2025-03-12T03:20:00+01:00[Africa/Lagos]",
        ),
        ("3:20 pm CET", "2025-03-12T15:20:00+01:00[Europe/Berlin]"),
    ] {
        assert_eq!(read_after_0315(typed), Ok(same_day(want)), "{typed}");
    }
    // 03:15 in Lagos is 22:45 the day before at -03:30: 03:20 there is the
    // next morning.
    assert_eq!(
        read_after_0315("03:20 GMT-3:30"),
        Ok(Reading {
            stamp: Stamp("2025-03-12T03:20:00-03:30[-03:30]".into()),
            date_from_context: true,
            next_day: true,
            note: None,
        })
    );
}

#[test]
fn the_date_is_the_anchors_date_on_the_clock_the_time_is_read_on() {
    // 00:30 in Lagos is still 2025-03-11 in UTC: 23:45 UTC is a quarter of
    // an hour later, not a day later.
    let ctx = following("2025-03-12T00:30:00+01:00[Africa/Lagos]", "Africa/Lagos");
    assert_eq!(
        clock::read("23:45 UTC", &ctx),
        Ok(same_day("2025-03-11T23:45:00+00:00[UTC]"))
    );
    // The field's zone is the clock too: the same anchor read in UTC.
    let ctx = following("2025-03-12T00:30:00+01:00[Africa/Lagos]", "UTC");
    assert_eq!(
        clock::read("23:45", &ctx),
        Ok(same_day("2025-03-11T23:45:00+00:00[UTC]"))
    );
}

#[test]
fn a_time_hours_before_the_anchor_is_on_the_next_day() {
    let ctx = following("2025-03-12T23:50:00+01:00[Africa/Lagos]", "Africa/Lagos");
    assert_eq!(
        clock::read("00:10", &ctx),
        Ok(Reading {
            stamp: Stamp("2025-03-13T00:10:00+01:00[Africa/Lagos]".into()),
            date_from_context: true,
            next_day: true,
            note: None,
        })
    );
    // Six hours earlier exactly stays on the day; a minute more rolls over.
    let ctx = following("2025-03-12T12:00:00+01:00[Africa/Lagos]", "Africa/Lagos");
    assert_eq!(
        clock::read("06:00", &ctx),
        Ok(same_day("2025-03-12T06:00:00+01:00[Africa/Lagos]"))
    );
    assert_eq!(
        clock::read("05:59", &ctx),
        Ok(Reading {
            stamp: Stamp("2025-03-13T05:59:00+01:00[Africa/Lagos]".into()),
            date_from_context: true,
            next_day: true,
            note: None,
        })
    );
}

#[test]
fn a_written_date_is_kept_whatever_the_anchor() {
    let ctx = following("2025-03-12T23:50:00+01:00[Africa/Lagos]", "Africa/Lagos");
    let dated = |stamp: &str| Reading {
        stamp: Stamp(stamp.into()),
        date_from_context: false,
        next_day: false,
        note: None,
    };
    for (typed, want) in [
        (
            "2025-03-12 03:15",
            "2025-03-12T03:15:00+01:00[Africa/Lagos]",
        ),
        (
            "2025-03-12 03:15 WAT",
            "2025-03-12T03:15:00+01:00[Africa/Lagos]",
        ),
        ("2025-03-12T02:15:00Z", "2025-03-12T02:15:00+00:00[UTC]"),
        (
            "2025-03-12T03:15:00+01:00[Africa/Lagos]",
            "2025-03-12T03:15:00+01:00[Africa/Lagos]",
        ),
        (
            "2025-03-12 03:15 PDT",
            "2025-03-12T03:15:00-07:00[America/Los_Angeles]",
        ),
        // A date with a 12-hour time, as the no-date sentence suggests.
        (
            "2025-03-12 3:20pm",
            "2025-03-12T15:20:00+01:00[Africa/Lagos]",
        ),
        ("2025-03-12 10:42 AM UTC", "2025-03-12T10:42:00+00:00[UTC]"),
        ("2025-03-12 03:20Z", "2025-03-12T03:20:00+00:00[UTC]"),
        ("2025-03-12 03:20z", "2025-03-12T03:20:00+00:00[UTC]"),
        (
            "2025-03-12 03:20+01:00",
            "2025-03-12T03:20:00+01:00[+01:00]",
        ),
        (
            "2025-03-12 03:20 utc+1",
            "2025-03-12T03:20:00+01:00[+01:00]",
        ),
    ] {
        assert_eq!(clock::read(typed, &ctx), Ok(dated(want)), "{typed}");
        let nothing_before = Context {
            anchor: None,
            zone: "Africa/Lagos".into(),
            zone_from_anchor: false,
        };
        assert_eq!(
            clock::read(typed, &nothing_before),
            Ok(dated(want)),
            "{typed}"
        );
    }
}

#[test]
fn the_fields_zone_abbreviation_is_its_own() {
    // IST means three zones, but in a field shown in Asia/Kolkata it is India's.
    let ctx = following("2025-03-12T09:00:00+05:30[Asia/Kolkata]", "Asia/Kolkata");
    assert_eq!(
        clock::read("10:00 IST", &ctx),
        Ok(same_day("2025-03-12T10:00:00+05:30[Asia/Kolkata]"))
    );
    let err = read_after_0315("10:00 IST").unwrap_err();
    assert!(
        matches!(err, TimeError::AmbiguousAbbreviation { .. }),
        "{err:?}"
    );
}

#[test]
fn a_skipped_or_repeated_wall_time_is_refused_with_the_choices() {
    let ctx = following(
        "2025-03-09T01:50:00-08:00[America/Los_Angeles]",
        "America/Los_Angeles",
    );
    let err = clock::read("02:30", &ctx).unwrap_err();
    let TimeError::Gap { before, after, .. } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(before.0, "2025-03-09T01:59:00-08:00[America/Los_Angeles]");
    assert_eq!(after.0, "2025-03-09T03:00:00-07:00[America/Los_Angeles]");

    // Rolled over onto the day of the change, into its gap.
    let ctx = following(
        "2025-03-08T23:30:00-08:00[America/Los_Angeles]",
        "America/Los_Angeles",
    );
    assert!(matches!(
        clock::read("2:30", &ctx),
        Err(TimeError::Gap { .. })
    ));

    let ctx = following(
        "2025-11-02T01:10:00-07:00[America/Los_Angeles]",
        "America/Los_Angeles",
    );
    let err = clock::read("01:30", &ctx).unwrap_err();
    let TimeError::Fold { earlier, later, .. } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(earlier.0, "2025-11-02T01:30:00-07:00[America/Los_Angeles]");
    assert_eq!(later.0, "2025-11-02T01:30:00-08:00[America/Los_Angeles]");
    // The abbreviation chooses.
    assert_eq!(
        clock::read("01:30 PST", &ctx),
        Ok(same_day("2025-11-02T01:30:00-08:00[America/Los_Angeles]"))
    );
}

#[test]
fn a_time_with_nothing_to_take_a_date_from_says_how_to_write_one() {
    let nothing_before = Context {
        anchor: None,
        zone: "Africa/Lagos".into(),
        zone_from_anchor: false,
    };
    let err = clock::read("03:20", &nothing_before).unwrap_err();
    assert_eq!(
        err,
        TimeError::NoDate {
            input: "03:20".into()
        }
    );
    assert_eq!(
        err.to_string(),
        "\u{201c}03:20\u{201d} has no date, and no time before it gives one. \
         Write the date too, as 2025-03-12 03:20."
    );
    // The sentence's suggestion reads.
    assert_eq!(
        clock::read("2025-03-12 3:20 pm", &nothing_before)
            .unwrap()
            .stamp
            .0,
        "2025-03-12T15:20:00+01:00[Africa/Lagos]"
    );
    // So does the suggestion for every other shape.
    for (typed, want) in [
        ("3:20 pm", "2025-03-12T15:20:00+01:00[Africa/Lagos]"),
        ("03:20Z", "2025-03-12T03:20:00+00:00[UTC]"),
        ("03:20+01:00", "2025-03-12T03:20:00+01:00[+01:00]"),
        ("03:20 UTC+1", "2025-03-12T03:20:00+01:00[+01:00]"),
        ("15:20:05 WAT", "2025-03-12T15:20:05+01:00[Africa/Lagos]"),
    ] {
        let err = clock::read(typed, &nothing_before).unwrap_err();
        assert_eq!(
            err,
            TimeError::NoDate {
                input: typed.into()
            }
        );
        let suggestion = err.to_string();
        let written = suggestion
            .split_once("Write the date too, as ")
            .and_then(|(_, s)| s.strip_suffix('.'))
            .unwrap();
        assert_eq!(
            clock::read(written, &nothing_before).map(|r| r.stamp.0),
            Ok(want.to_string()),
            "{suggestion}"
        );
    }
    // A zone that would never read is said first.
    assert_eq!(
        clock::read("03:20 foo", &nothing_before),
        Err(TimeError::UnknownZone {
            name: "foo".into(),
            suggestions: vec![],
        })
    );
}

#[test]
fn nothing_is_read_partly() {
    assert_eq!(
        read_after_0315("03:20 foo"),
        Err(TimeError::UnknownZone {
            name: "foo".into(),
            suggestions: vec![],
        })
    );
    for bad in [
        "25:99",
        "24:00",
        "3:75pm",
        "13:00pm",
        "0:30am",
        "yesterday",
        "03:20:5",
        "03:20.5",
        "03:20 2025-03-12",
        "at 03:20",
    ] {
        assert_eq!(
            read_after_0315(bad),
            Err(TimeError::NotATime { input: bad.into() }),
            "{bad}"
        );
    }
    assert_eq!(
        read_after_0315("25:99").unwrap_err().to_string(),
        "\u{201c}25:99\u{201d} is not a time. Write 2025-03-12 03:15, or 03:15 to take \
         the date from the time before it, optionally followed by a zone such as UTC, \
         WAT, +01:00 or Africa/Lagos."
    );
    assert_eq!(
        read_after_0315("   ").unwrap_err().to_string(),
        "No time is written here. Write 2025-03-12 03:15, or 03:15 to take the date \
         from the time before it, optionally followed by a zone such as UTC, WAT, \
         +01:00 or Africa/Lagos."
    );
}

fn entry(at: Option<&str>) -> TimelineEntry {
    TimelineEntry {
        at: at.map(|s| Stamp(s.into())),
        ..TimelineEntry::default()
    }
}

fn anchor_of(ctx: &Context) -> Option<String> {
    ctx.anchor.as_ref().map(|z| z.to_string())
}

fn incident() -> Document {
    let mut doc = Document {
        time_zone: "Africa/Lagos".into(),
        ..Document::default()
    };
    doc.times.started = Some(Stamp("2025-03-12T03:00:00+01:00[Africa/Lagos]".into()));
    doc.times.detected = Some(Stamp("soon after".into()));
    doc.times.mitigated = Some(Stamp("2025-03-12T04:30:00+01:00[Africa/Lagos]".into()));
    doc.timeline = vec![
        entry(Some("2025-03-12T03:10:00+01:00[Africa/Lagos]")),
        entry(Some("25:99")),
        entry(None),
        entry(Some("2025-03-12T03:40:00+01:00[Africa/Lagos]")),
    ];
    doc.updates = vec![
        StatusUpdate {
            at: Some(Stamp("2025-03-12T03:30:00+01:00[Africa/Lagos]".into())),
            ..StatusUpdate::default()
        },
        StatusUpdate::default(),
    ];
    doc
}

#[test]
fn a_timeline_row_follows_the_nearest_row_above_that_reads() {
    let doc = incident();
    let lagos = |t: &str| Some(format!("2025-03-12T{t}:00+01:00[Africa/Lagos]"));
    assert_eq!(anchor_of(&clock::timeline_context(&doc, 0)), lagos("03:00"));
    assert_eq!(anchor_of(&clock::timeline_context(&doc, 1)), lagos("03:10"));
    assert_eq!(anchor_of(&clock::timeline_context(&doc, 3)), lagos("03:10"));
    assert_eq!(anchor_of(&clock::timeline_context(&doc, 4)), lagos("03:40"));
    // A row past the end (a new one) follows the last row.
    assert_eq!(anchor_of(&clock::timeline_context(&doc, 9)), lagos("03:40"));
    assert_eq!(clock::timeline_context(&doc, 0).zone, "Africa/Lagos");

    // No start: the earliest key time that reads, whatever its place.
    let mut doc = incident();
    doc.timeline.clear();
    doc.times.started = None;
    doc.times.resolved = Some(Stamp("2025-03-12T04:10:00+01:00[Africa/Lagos]".into()));
    assert_eq!(anchor_of(&clock::timeline_context(&doc, 0)), lagos("04:10"));
    doc.times = Default::default();
    assert_eq!(anchor_of(&clock::timeline_context(&doc, 0)), None);
}

#[test]
fn a_key_time_follows_the_key_time_before_it() {
    let doc = incident();
    let lagos = |t: &str| Some(format!("2025-03-12T{t}:00+01:00[Africa/Lagos]"));
    // Detected does not read, so acknowledged follows the start.
    assert_eq!(
        anchor_of(&clock::key_time_context(&doc, KeyTime::Acknowledged)),
        lagos("03:00")
    );
    assert_eq!(
        anchor_of(&clock::key_time_context(&doc, KeyTime::Resolved)),
        lagos("04:30")
    );
    // The start has no key time before it: the first timeline time.
    assert_eq!(
        anchor_of(&clock::key_time_context(&doc, KeyTime::Started)),
        lagos("03:10")
    );
    let mut doc = doc;
    doc.timeline.remove(0);
    assert_eq!(
        anchor_of(&clock::key_time_context(&doc, KeyTime::Started)),
        lagos("03:40")
    );
}

#[test]
fn a_status_update_follows_the_update_above() {
    let mut doc = incident();
    let lagos = |t: &str| Some(format!("2025-03-12T{t}:00+01:00[Africa/Lagos]"));
    assert_eq!(anchor_of(&clock::update_context(&doc, 1)), lagos("03:30"));
    assert_eq!(anchor_of(&clock::update_context(&doc, 0)), lagos("03:00"));
    doc.times.started = None;
    assert_eq!(anchor_of(&clock::update_context(&doc, 0)), lagos("03:10"));
}

#[test]
fn rows_typed_past_midnight_read_as_written() {
    let mut doc = incident();
    doc.timeline = vec![entry(Some("2025-03-12T23:50:00+01:00[Africa/Lagos]"))];
    let read = clock::read("00:10", &clock::timeline_context(&doc, 1)).unwrap();
    assert_eq!(read.stamp.0, "2025-03-13T00:10:00+01:00[Africa/Lagos]");
    assert!(read.next_day);
}

/// Issue 24, item 2: a browser in London, row 1 typed `2025-03-12 03:15
/// WAT`, rows 2 and 3 typed `3:20am` and `03:40`. They take row 1's zone
/// with its date: five minutes apart, not sixty-five.
#[test]
fn a_time_with_no_zone_takes_the_zone_of_the_time_it_takes_its_date_from() {
    let mut doc = Document {
        time_zone: "Europe/London".into(),
        ..Document::default()
    };
    doc.timeline = vec![entry(Some(LAGOS_0315))];
    let ctx = clock::timeline_context(&doc, 1);
    let row2 = clock::read("3:20am", &ctx).unwrap();
    assert_eq!(row2.stamp.0, "2025-03-12T03:20:00+01:00[Africa/Lagos]");
    doc.timeline.push(entry(Some(&row2.stamp.0)));
    let row3 = clock::read("03:40", &clock::timeline_context(&doc, 2)).unwrap();
    assert_eq!(row3.stamp.0, "2025-03-12T03:40:00+01:00[Africa/Lagos]");
    // A time with its own date is read in the document's zone.
    let dated = clock::read("2025-03-12 03:40", &clock::timeline_context(&doc, 2)).unwrap();
    assert_eq!(dated.stamp.0, "2025-03-12T03:40:00+00:00[Europe/London]");
    // Key times and status updates follow the same rule.
    doc.times.started = Some(Stamp(LAGOS_0315.into()));
    let detected = clock::read("03:20", &clock::key_time_context(&doc, KeyTime::Detected));
    assert_eq!(
        detected.unwrap().stamp.0,
        "2025-03-12T03:20:00+01:00[Africa/Lagos]"
    );
    let update = clock::read("03:30", &clock::update_context(&doc, 0));
    assert_eq!(
        update.unwrap().stamp.0,
        "2025-03-12T03:30:00+01:00[Africa/Lagos]"
    );
    // A field whose zone was chosen reads in it.
    let chosen = Context {
        zone_from_anchor: false,
        ..clock::timeline_context(&doc, 1)
    };
    let london = clock::read("03:20", &chosen).unwrap();
    assert_eq!(london.stamp.0, "2025-03-12T03:20:00+00:00[Europe/London]");
    // So does a pasted timeline, line after line.
    doc.timeline.truncate(1);
    let pasted = postmortem_core::paste::timeline(
        "3:20am - paged\n03:40 - restarted",
        &clock::timeline_context(&doc, 1),
    );
    let stamps: Vec<String> = pasted
        .iter()
        .map(|e| e.at.as_ref().unwrap().0.clone())
        .collect();
    assert_eq!(
        stamps,
        [
            "2025-03-12T03:20:00+01:00[Africa/Lagos]",
            "2025-03-12T03:40:00+01:00[Africa/Lagos]"
        ]
    );
    // Validation reads a time kept as typed in that zone too.
    doc.timeline.push(entry(Some("25:99")));
    let problems = postmortem_core::validate::validate(&doc);
    assert!(
        problems
            .iter()
            .any(|p| p.path == "timeline[1].at" && p.message.contains("\u{201c}25:99\u{201d}")),
        "{problems:?}"
    );
}

const NEW_YORK_SUMMER: &str = "2025-07-01T01:00:00-04:00[America/New_York]";

/// Issue 24, item 4: EST written on a summer date keeps EST's instant and
/// the digits typed; the note says what that is on New York's clock and
/// offers New York's wall clock instead.
#[test]
fn est_on_a_summer_date_keeps_its_instant_and_its_digits_and_offers_the_other_reading() {
    let ctx = following(NEW_YORK_SUMMER, "America/New_York");
    for typed in ["2:30 EST", "02:30 est", "2025-07-01 02:30 EST"] {
        let r = clock::read(typed, &ctx).unwrap();
        let z = zones::parse_stamp(&r.stamp).unwrap();
        assert_eq!(z.timestamp().to_string(), "2025-07-01T07:30:00Z", "{typed}");
        assert_eq!(r.stamp.0, "2025-07-01T02:30:00-05:00[EST]", "{typed}");
        assert_eq!(zones::show(&z, z.time_zone()), "2025-07-01 02:30 EST");
        let note = r.note.expect(typed);
        assert_eq!(
            note.said,
            "EST is UTC\u{2212}05:00; New York was on EDT then, so this is 03:30 EDT."
        );
        assert_eq!(
            note.other,
            Some((
                "02:30 EDT, New York\u{2019}s clock".to_string(),
                Stamp("2025-07-01T02:30:00-04:00[America/New_York]".into())
            ))
        );
    }
    // In winter EST is New York's own time: nothing to say.
    let winter = following("2025-01-15T01:00:00-05:00[America/New_York]", "UTC");
    let r = clock::read("2:30 EST", &winter).unwrap();
    assert_eq!(r.stamp.0, "2025-01-15T02:30:00-05:00[America/New_York]");
    assert_eq!(r.note, None);
    // PST has no all-year zone of its name: the offset keeps the instant.
    let la = following("2025-07-01T01:00:00-07:00[America/Los_Angeles]", "UTC");
    let r = clock::read("2:30 PST", &la).unwrap();
    assert_eq!(r.stamp.0, "2025-07-01T02:30:00-08:00[-08:00]");
    assert!(r.note.unwrap().said.contains("Los Angeles was on PDT"));
}

/// Issue 24, should-fix: times as people type them.
#[test]
fn times_are_read_as_people_type_them() {
    let lagos = |t: &str| format!("2025-03-12T{t}:00+01:00[Africa/Lagos]");
    for (typed, want) in [
        ("0500", lagos("05:00")),
        ("0500 WAT", lagos("05:00")),
        ("04.30", lagos("04:30")),
        ("3.15pm", lagos("15:15")),
        ("3.15 pm", lagos("15:15")),
        ("noon", lagos("12:00")),
        ("Noon", lagos("12:00")),
        ("midnight", lagos("00:00")),
        ("Mar 12 03:15", lagos("03:15")),
        ("March 12 3:15pm", lagos("15:15")),
        ("12 Mar 03:15", lagos("03:15")),
        ("12 Mar 2025 03:15", lagos("03:15")),
        (
            "13/03/2025 03:15",
            "2025-03-13T03:15:00+01:00[Africa/Lagos]".into(),
        ),
    ] {
        let r = read_after_0315(typed).unwrap_or_else(|e| panic!("{typed}: {e}"));
        assert_eq!(r.stamp.0, want, "{typed}");
        assert_eq!(r.note, None, "{typed}");
    }
    // Day or month first: the one nearer the time before, the other offered.
    let r = read_after_0315("12/03/2025 03:15").unwrap();
    assert_eq!(r.stamp.0, lagos("03:15"));
    let note = r.note.unwrap();
    assert_eq!(note.said, "12/03/2025 is read day first: 12 March 2025.");
    assert_eq!(
        note.other,
        Some((
            "3 December 2025, month first".to_string(),
            Stamp("2025-12-03T03:15:00+01:00[Africa/Lagos]".into())
        ))
    );
    let r = read_after_0315("03/12/2025 03:15").unwrap();
    assert_eq!(r.stamp.0, lagos("03:15"));
    assert_eq!(
        r.note.unwrap().said,
        "03/12/2025 is read month first: 12 March 2025."
    );
    // With nothing before it, day first.
    let alone = Context {
        anchor: None,
        zone: "Africa/Lagos".into(),
        zone_from_anchor: false,
    };
    let r = clock::read("03/12/2025 03:15", &alone).unwrap();
    assert_eq!(r.stamp.0, "2025-12-03T03:15:00+01:00[Africa/Lagos]");
    assert!(r.note.unwrap().other.unwrap().0.contains("month first"));
}

#[test]
fn a_time_that_does_not_read_suggests_the_users_own_value_in_one_line() {
    for (typed, suggestion) in [
        ("5", "05:00"),
        ("5:0", "05:00"),
        ("3;15", "03:15"),
        ("315", "03:15"),
        ("3 15pm", "03:15pm"),
    ] {
        let err = read_after_0315(typed).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!("\u{201c}{typed}\u{201d} is not a time. Did you mean {suggestion}?"),
            "{typed}"
        );
    }
    // Nothing close reads: the sentence says how to write one.
    assert!(matches!(
        read_after_0315("25:99"),
        Err(TimeError::NotATime { .. })
    ));
}
