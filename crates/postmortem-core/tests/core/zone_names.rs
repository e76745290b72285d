//! Zone names as people type them into the zone field: any case, a city, an
//! abbreviation; and the names offered while they type. The expected names
//! are the IANA database's own spellings, written out by hand.

use postmortem_core::time::zones::{self, TimeError};

#[test]
fn a_zone_is_found_by_name_city_or_abbreviation_in_any_case() {
    for (typed, want) in [
        ("lagos", "Africa/Lagos"),
        ("Lagos", "Africa/Lagos"),
        ("africa/lagos", "Africa/Lagos"),
        ("AMERICA/new_york", "America/New_York"),
        ("new york", "America/New_York"),
        ("  New   York ", "America/New_York"),
        ("Los_Angeles", "America/Los_Angeles"),
        ("los angeles", "America/Los_Angeles"),
        ("WAT", "Africa/Lagos"),
        ("wat", "Africa/Lagos"),
        ("pdt", "America/Los_Angeles"),
        ("CET", "Europe/Berlin"),
        ("utc", "UTC"),
        ("z", "UTC"),
        ("gmt", "UTC"),
        (" UTC ", "UTC"),
        // The place, not the old alias of the same name.
        ("singapore", "Asia/Singapore"),
        // Two names for one zone: the current, longer one.
        ("buenos aires", "America/Argentina/Buenos_Aires"),
        ("indianapolis", "America/Indiana/Indianapolis"),
        // An old name that is no city is still a name.
        ("japan", "Japan"),
    ] {
        assert_eq!(zones::find_zone(typed), Ok(want.to_string()), "{typed}");
    }
}

#[test]
fn an_abbreviation_of_several_zones_is_refused_with_them() {
    let err = zones::find_zone("ist").unwrap_err();
    let TimeError::AmbiguousAbbreviation {
        abbreviation,
        choices,
    } = &err
    else {
        panic!("{err:?}")
    };
    assert_eq!(abbreviation, "IST");
    let zones: Vec<&str> = choices.iter().map(|(_, z)| z.as_str()).collect();
    assert_eq!(zones, ["Asia/Kolkata", "Europe/Dublin", "Asia/Jerusalem"]);
}

#[test]
fn an_unknown_zone_suggests_names_it_could_mean() {
    let err = zones::find_zone("Africa/L").unwrap_err();
    assert_eq!(
        err,
        TimeError::UnknownZone {
            name: "Africa/L".into(),
            suggestions: vec![
                "Africa/Lagos".into(),
                "Africa/Libreville".into(),
                "Africa/Lome".into(),
                "Africa/Luanda".into(),
                "Africa/Lubumbashi".into(),
            ],
        }
    );
    assert_eq!(
        err.to_string(),
        "\u{201c}Africa/L\u{201d} is not a time zone this editor knows. Did you mean \
         Africa/Lagos, Africa/Libreville, Africa/Lome, Africa/Luanda or Africa/Lubumbashi? \
         Use an IANA name such as Europe/Berlin, or an abbreviation such as UTC, PST or CET."
    );
    // Pacific is a city of two old names, and the person chooses.
    assert_eq!(
        zones::find_zone("pacific"),
        Err(TimeError::UnknownZone {
            name: "pacific".into(),
            suggestions: vec!["Canada/Pacific".into(), "US/Pacific".into()],
        })
    );
    let err = zones::find_zone("Mars/Olympus").unwrap_err();
    assert_eq!(
        err.to_string(),
        "\u{201c}Mars/Olympus\u{201d} is not a time zone this editor knows. Use an IANA name \
         such as Europe/Berlin, or an abbreviation such as UTC, PST or CET."
    );
    assert!(matches!(
        zones::find_zone(""),
        Err(TimeError::UnknownZone { .. })
    ));
}

#[test]
fn suggestions_start_with_what_was_typed_best_first() {
    assert_eq!(zones::suggest_zones("los", 5), ["America/Los_Angeles"]);
    assert_eq!(zones::suggest_zones("Europe/Lo", 5), ["Europe/London"]);
    assert_eq!(
        zones::suggest_zones("europe", 3),
        ["Europe/Amsterdam", "Europe/Andorra", "Europe/Astrakhan"]
    );
    assert_eq!(zones::suggest_zones("new y", 5), ["America/New_York"]);
    // The place before the old alias; an abbreviation's zone first.
    assert_eq!(
        zones::suggest_zones("Singapore", 5),
        ["Asia/Singapore", "Singapore"]
    );
    assert_eq!(
        zones::suggest_zones("easte", 4),
        [
            "Pacific/Easter",
            "Canada/Eastern",
            "Chile/EasterIsland",
            "US/Eastern"
        ]
    );
    assert_eq!(zones::suggest_zones("wat", 1), ["Africa/Lagos"]);
    assert!(zones::suggest_zones("", 5).is_empty());
    assert!(zones::suggest_zones("lagos", 0).is_empty());
    assert!(zones::suggest_zones("Mars", 5).is_empty());
}

/// Issue 24, item 3: a person's GMT+1 is UTC+01:00 wherever it is typed;
/// the IANA name Etc/GMT+1 keeps its POSIX meaning, UTC−01:00, and is
/// shown as that.
#[test]
fn gmt_plus_one_means_one_hour_ahead_everywhere() {
    for (typed, want) in [
        ("GMT+1", "+01:00"),
        ("gmt+1", "+01:00"),
        ("UTC+1", "+01:00"),
        ("UTC+01:00", "+01:00"),
        ("utc +01:00", "+01:00"),
        ("+01:00", "+01:00"),
        ("GMT-7", "-07:00"),
        ("UTC\u{2212}5", "-05:00"),
        ("GMT+0", "UTC"),
        ("Etc/GMT+1", "Etc/GMT+1"),
        ("etc/gmt+1", "Etc/GMT+1"),
    ] {
        assert_eq!(zones::find_zone(typed), Ok(want.to_string()), "{typed}");
    }
    let offset = |name: &str| {
        zones::zone(name)
            .unwrap()
            .to_offset(jiff::Timestamp::UNIX_EPOCH)
    };
    assert_eq!(offset("GMT+1").seconds(), 3600);
    assert_eq!(offset("UTC+1").seconds(), 3600);
    assert_eq!(offset("Etc/GMT+1").seconds(), -3600);
    // A document zone of GMT+1 reads a time as a time field does.
    assert_eq!(
        zones::parse_input("2025-03-12 03:15", "GMT+1").unwrap().0,
        "2025-03-12T03:15:00+01:00[+01:00]"
    );
    assert_eq!(
        zones::parse_input("2025-03-12 03:15 GMT+1", "UTC")
            .unwrap()
            .0,
        "2025-03-12T03:15:00+01:00[+01:00]"
    );
    assert_eq!(zones::zone_title("Etc/GMT+1"), "UTC\u{2212}01:00");
    assert_eq!(zones::zone_title("+01:00"), "UTC+01:00");
    assert_eq!(zones::zone_title("Africa/Lagos"), "Africa/Lagos");
    // The list offered while typing has no bare GMT+1 to pick by mistake,
    // and suggests the offset first.
    let names = zones::zone_names();
    assert!(!names.iter().any(|n| n == "GMT+1" || n == "GMT-7"));
    assert!(names.iter().any(|n| n == "Etc/GMT+1"));
    assert_eq!(
        zones::suggest_zones("GMT+1", 3).first().map(String::as_str),
        Some("+01:00")
    );
}

/// A document zone of `+01:00` (a person's GMT+1) and an EST stamp off its
/// season survive a Markdown and a JSON round trip.
#[test]
fn an_offset_document_zone_and_an_est_stamp_round_trip() {
    use postmortem_core::model::{Document, Stamp, TimelineEntry};
    use postmortem_core::{format::json, format::markdown};
    let mut doc = Document {
        time_zone: "+01:00".into(),
        ..Document::default()
    };
    doc.times.started = Some(Stamp("2025-03-12T03:15:00+01:00[+01:00]".into()));
    doc.timeline = vec![TimelineEntry {
        at: Some(Stamp("2025-07-01T02:30:00-05:00[EST]".into())),
        text: "deploy".into(),
        ..TimelineEntry::default()
    }];
    let md = markdown::to_markdown(&doc);
    assert_eq!(
        postmortem_core::file::from_markdown(&md).unwrap().doc,
        doc,
        "{md}"
    );
    assert_eq!(json::from_json(&json::to_json(&doc)).unwrap(), doc);
}

#[test]
fn an_offset_with_its_colon_out_of_place_is_not_an_offset() {
    // `+0:100` and `UTC+1:3000` were read as +01:00 once every colon was
    // dropped; a colon goes between the hour and the minutes or nowhere.
    for typed in ["+0:100", "+01:0000", "UTC+1:3000", "+010:0"] {
        assert_eq!(zones::person_offset(typed), None, "{typed}");
    }
    for (typed, want) in [("+0100", 3600), ("UTC+1:30", 5400), ("-01:00:30", -3630)] {
        assert_eq!(
            zones::person_offset(typed).map(|o| o.seconds()),
            Some(want),
            "{typed}"
        );
    }
}
