//! Times as people type them and as files store them: what each form becomes,
//! what is refused and with which choices, and how a stored stamp reads in
//! another zone. Every expected offset and abbreviation here is the IANA
//! database's (checked with Python's zoneinfo on tzdata 2026e), not output of
//! the code under test.

use postmortem_core::model::Stamp;
use postmortem_core::time::zones::{self, TimeError};

fn typed(s: &str, zone: &str) -> Result<String, TimeError> {
    zones::parse_input(s, zone).map(|st| st.0)
}

fn stored(s: &str) -> Result<zones::Zoned, TimeError> {
    zones::parse_stamp(&Stamp(s.into()))
}

/// A stored stamp as a person reads it in `zone`.
fn shown_in(s: &str, zone: &str) -> String {
    let z = stored(s).unwrap_or_else(|e| panic!("{s}: {e}"));
    zones::show(&z, &zones::zone(zone).unwrap())
}

#[test]
fn a_time_without_a_zone_is_in_the_zone_beside_it() {
    assert_eq!(
        typed("2025-03-12T03:15", "America/Los_Angeles").unwrap(),
        "2025-03-12T03:15:00-07:00[America/Los_Angeles]"
    );
    assert_eq!(
        typed("2025-01-12 03:15", "America/Los_Angeles").unwrap(),
        "2025-01-12T03:15:00-08:00[America/Los_Angeles]"
    );
    assert_eq!(
        typed(" 2025-03-12 3:15 ", "Asia/Kathmandu").unwrap(),
        "2025-03-12T03:15:00+05:45[Asia/Kathmandu]"
    );
}

#[test]
fn an_abbreviation_or_an_offset_names_the_instant() {
    for (input, want) in [
        (
            "2025-03-12 03:15 PDT",
            "2025-03-12T03:15:00-07:00[America/Los_Angeles]",
        ),
        (
            "2025-03-12 03:15 pdt",
            "2025-03-12T03:15:00-07:00[America/Los_Angeles]",
        ),
        (
            "2025-03-12 03:15 CET",
            "2025-03-12T03:15:00+01:00[Europe/Berlin]",
        ),
        (
            "2025-03-12 03:15 +05:30",
            "2025-03-12T03:15:00+05:30[+05:30]",
        ),
        (
            "2025-03-12 03:15 -0300",
            "2025-03-12T03:15:00-03:00[-03:00]",
        ),
        (
            "2025-03-12 03:15 UTC+02",
            "2025-03-12T03:15:00+02:00[+02:00]",
        ),
        (
            "2025-03-12T03:15+01:00",
            "2025-03-12T03:15:00+01:00[+01:00]",
        ),
        ("2025-03-12T03:15Z", "2025-03-12T03:15:00+00:00[UTC]"),
        (
            "2025-03-12 03:15 europe/lisbon",
            "2025-03-12T03:15:00+00:00[Europe/Lisbon]",
        ),
    ] {
        assert_eq!(typed(input, "Asia/Tokyo").unwrap(), want, "{input}");
    }
}

#[test]
fn a_skipped_time_is_refused_with_the_times_either_side() {
    let err = typed("2025-03-30 02:30", "Europe/Berlin").unwrap_err();
    let TimeError::Gap { before, after, .. } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(before.0, "2025-03-30T01:59:00+01:00[Europe/Berlin]");
    assert_eq!(after.0, "2025-03-30T03:00:00+02:00[Europe/Berlin]");
    let sentence = err.to_string();
    assert!(
        sentence.contains("does not exist in Europe/Berlin")
            && sentence.contains("2025-03-30 01:59 CET (UTC+01:00)")
            && sentence.contains("2025-03-30 03:00 CEST (UTC+02:00)"),
        "{sentence}"
    );
}

#[test]
fn a_repeated_time_is_refused_with_both_readings() {
    // Lord Howe goes back half an hour: 01:45 happens at +11:00, then at +10:30.
    let err = typed("2025-04-06 01:45", "Australia/Lord_Howe").unwrap_err();
    let TimeError::Fold { earlier, later, .. } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(earlier.0, "2025-04-06T01:45:00+11:00[Australia/Lord_Howe]");
    assert_eq!(later.0, "2025-04-06T01:45:00+10:30[Australia/Lord_Howe]");
    assert!(err.to_string().contains("happens twice"), "{err}");
    // Either choice, typed with its offset, is taken.
    assert_eq!(
        typed(&earlier.0, "UTC").unwrap(),
        earlier.0,
        "a full stamp is kept"
    );
}

#[test]
fn stored_stamps_are_kept_in_one_canonical_form() {
    for (written, want) in [
        (
            "2025-03-12t03:15:00.500+01:00[africa/lagos]",
            "2025-03-12T03:15:00.5+01:00[Africa/Lagos]",
        ),
        (
            "2025-03-12 03:15+01:00[!Africa/Lagos]",
            "2025-03-12T03:15:00+01:00[Africa/Lagos]",
        ),
        (
            // No offset: the zone gives it.
            "2025-03-12T03:15[Africa/Lagos]",
            "2025-03-12T03:15:00+01:00[Africa/Lagos]",
        ),
        (
            // Z with a zone: the instant, shown in the zone.
            "2025-03-12T02:15:00Z[Africa/Lagos]",
            "2025-03-12T03:15:00+01:00[Africa/Lagos]",
        ),
        ("2025-03-12T02:15:00Z", "2025-03-12T02:15:00+00:00[UTC]"),
        (
            "2025-03-12T02:15:00+00:00",
            "2025-03-12T02:15:00+00:00[UTC]",
        ),
        (
            "2025-03-12T02:15:00+00:00[+00:00]",
            "2025-03-12T02:15:00+00:00[UTC]",
        ),
        (
            "2025-03-12T03:15:00+0100",
            "2025-03-12T03:15:00+01:00[+01:00]",
        ),
        // Monrovia's old offset, -00:44:30, is written rounded to the minute.
        (
            "1960-06-01T12:00:00-00:45[Africa/Monrovia]",
            "1960-06-01T12:00:00-00:45[Africa/Monrovia]",
        ),
    ] {
        assert_eq!(
            zones::canonical(&Stamp(written.into())).0,
            want,
            "{written}"
        );
    }
    // What is not a stamp stays exactly as written.
    for kept in ["25:99", "2025-03-12T03:15", " 2025-03-12 ", "03:15 WAT"] {
        assert_eq!(zones::canonical(&Stamp(kept.into())).0, kept);
    }
}

#[test]
fn a_stored_offset_the_zone_never_had_is_refused() {
    for bad in [
        // Berlin is at +01:00 in March before the change.
        "2025-03-12T03:15:00+02:00[Europe/Berlin]",
        // Inside Berlin's spring gap.
        "2025-03-30T02:30:00+02:00[Europe/Berlin]",
        "2025-03-30T02:30:00+01:00[Europe/Berlin]",
        "2025-03-12T03:15:00+01:00[Nowhere/City]",
        "2025-03-12T03:15:00+01:00[",
        "2025-03-12T03:15:00+01:00Africa/Lagos]",
        "2025-02-30T03:15:00Z",
        "2025-03-12T24:15:00Z",
        "2025-03-12T03:15:00+26:00",
        "99999-03-12T03:15:00Z",
        "2025-03-12T03:15:00 +01:00",
        "2025-03-12T03:15:00.1234567891Z",
        "\u{ff12}025-03-12T03:15:00Z",
        "",
    ] {
        let err = stored(bad).unwrap_err();
        let said = if bad.is_empty() {
            "No time is written here.".to_string()
        } else {
            format!("\u{201c}{bad}\u{201d} is not a time.")
        };
        assert!(err.to_string().starts_with(&said), "{bad}: {err}");
    }
    // Both readings of a repeated time are valid stamps.
    for fold in [
        "2025-10-26T02:30:00+02:00[Europe/Berlin]",
        "2025-10-26T02:30:00+01:00[Europe/Berlin]",
    ] {
        assert_eq!(zones::canonical(&Stamp(fold.into())).0, fold);
    }
}

#[test]
fn times_before_1970_follow_the_zone_history() {
    // New York kept summer time in 1969: the Moon landing is 20:17 EDT.
    let landing = typed("1969-07-20 20:17", "America/New_York").unwrap();
    assert_eq!(landing, "1969-07-20T20:17:00-04:00[America/New_York]");
    assert_eq!(
        shown_in(&landing, "America/New_York"),
        "1969-07-20 20:17 EDT"
    );
    assert_eq!(shown_in(&landing, "UTC"), "1969-07-21 00:17 UTC");
    assert_eq!(
        shown_in("1969-01-15T12:00:00Z", "America/New_York"),
        "1969-01-15 07:00 EST"
    );
    // London kept British Standard Time, +01:00, all year from 18 February
    // 1968 to 31 October 1971.
    for (utc, want) in [
        ("1968-02-17T12:00:00Z", "1968-02-17 12:00 GMT"),
        ("1968-12-15T12:00:00Z", "1968-12-15 13:00 BST"),
        ("1969-01-15T12:00:00Z", "1969-01-15 13:00 BST"),
        ("1970-12-15T12:00:00Z", "1970-12-15 13:00 BST"),
        ("1971-10-31T01:59:00Z", "1971-10-31 02:59 BST"),
        ("1971-10-31T02:00:00Z", "1971-10-31 02:00 GMT"),
    ] {
        assert_eq!(shown_in(utc, "Europe/London"), want, "{utc}");
    }
    assert_eq!(
        typed("1969-01-15 13:00", "Europe/London").unwrap(),
        "1969-01-15T13:00:00+01:00[Europe/London]"
    );
    // Clock changes before 1970 are gaps and folds like any other.
    assert!(matches!(
        typed("1969-04-27 02:30", "America/New_York"),
        Err(TimeError::Gap { .. })
    ));
    let err = typed("1969-10-26 01:30", "America/New_York").unwrap_err();
    let TimeError::Fold { earlier, later, .. } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(earlier.0, "1969-10-26T01:30:00-04:00[America/New_York]");
    assert_eq!(later.0, "1969-10-26T01:30:00-05:00[America/New_York]");
}

#[test]
fn an_old_stamp_written_by_the_1970_rules_keeps_its_instant_and_text() {
    // Earlier versions read every time before 1970 with the zone's 1970
    // rules, so a file may hold New York at -05:00 in July 1969. Its written
    // offset still says which instant was meant.
    let old = "1969-07-20T19:17:00-05:00[America/New_York]";
    let z = stored(old).unwrap();
    assert_eq!(z.timestamp().to_string(), "1969-07-21T00:17:00Z");
    assert_eq!(shown_in(old, "America/New_York"), "1969-07-20 20:17 EDT");
    assert_eq!(zones::canonical(&Stamp(old.into())).0, old);
}

#[test]
fn every_zone_name_is_offered_and_found_in_any_case() {
    let names = zones::zone_names();
    assert!(names.len() > 500, "{} zones", names.len());
    assert!(names.windows(2).all(|w| w[0] < w[1]), "sorted, no repeats");
    for want in ["UTC", "America/New_York", "Asia/Kolkata", "Europe/Kyiv"] {
        assert!(names.iter().any(|n| n == want), "{want}");
    }
    for name in &names {
        for spelling in [name.clone(), name.to_lowercase(), name.to_uppercase()] {
            let tz = zones::zone(&spelling).unwrap_or_else(|e| panic!("{spelling}: {e}"));
            assert_eq!(&zones::zone_label(&tz), name, "{spelling}");
        }
    }
    for unknown in ["Mars/Olympus_Mons", "", "Europe/", "+5:30x"] {
        let err = zones::zone(unknown).unwrap_err();
        assert!(err.to_string().contains("is not a time zone"), "{err}");
    }
    assert_eq!(zones::zone_label(&zones::zone("+05:45").unwrap()), "+05:45");
}

#[test]
fn a_choice_in_a_fold_at_a_local_mean_time_offset_reads_back_as_that_instant() {
    // Mexico City left local mean time (-06:36:36) for -07:00 on 1 January
    // 1922, so 00:23 happened twice. Stamps write offsets to the minute.
    let err = typed("1922-01-01 00:23", "America/Mexico_City").unwrap_err();
    let TimeError::Fold { earlier, later, .. } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(earlier.0, "1922-01-01T00:23:00-06:37[America/Mexico_City]");
    assert_eq!(later.0, "1922-01-01T00:23:00-07:00[America/Mexico_City]");
    let first = stored(&earlier.0).unwrap();
    assert_eq!(first.timestamp().to_string(), "1922-01-01T06:59:36Z");
    assert_eq!(first.offset().seconds(), -(6 * 3600 + 36 * 60 + 36));
    assert_eq!(
        stored(&later.0).unwrap().timestamp().to_string(),
        "1922-01-01T07:23:00Z"
    );
}
