//! The app's tz database (every zone from 1970 on, built by build.rs) and the
//! core's own zone rules (`core::tz`) against jiff's full bundled database
//! and its zone engine: same names, and from 1970 on the same offset, DST
//! flag and abbreviation at every instant, the same transitions (next and
//! previous), and the same reading of wall-clock times around every clock change.

// jiff's full database is the oracle here (clippy.toml bars it elsewhere).
#![allow(clippy::disallowed_methods)]

use jiff::civil::DateTime;
use jiff::tz::{AmbiguousOffset, TimeZone};
use jiff::{SignedDuration, Timestamp};
use postmortem::core::zones::{self, Local, Zone};

/// 1970-01-01T00:00:00Z, where the app's data starts.
const START: i64 = 0;
/// 2100-01-01T00:00:00Z.
const END: i64 = 4_102_444_800;

fn full_names() -> Vec<String> {
    let mut names: Vec<String> = jiff::tz::db().available().map(|n| n.to_string()).collect();
    names.sort();
    names
}

fn same_instant(name: &str, ours: &Zone, full: &TimeZone, ts: Timestamp) -> Result<(), String> {
    let (a, b) = (ours.to_offset_info(ts), full.to_offset_info(ts));
    let a = (a.offset, a.dst, a.abbreviation.to_string());
    let b = (b.offset(), b.dst().is_dst(), b.abbreviation().to_string());
    // The last change before an instant, which gaps are explained with.
    let (pa, pb) = (
        ours.previous_change(ts),
        full.preceding(ts)
            .next()
            .map(|t| t.timestamp())
            // The app has no changes before its data starts.
            .filter(|t| t.as_second() >= START),
    );
    if pa != pb {
        return Err(format!("{name} before {ts}: ours {pa:?}, jiff {pb:?}"));
    }
    if a == b {
        Ok(())
    } else {
        Err(format!("{name} at {ts}: ours {a:?}, jiff {b:?}"))
    }
}

fn same_wall(name: &str, ours: &Zone, full: &TimeZone, dt: DateTime) -> Result<(), String> {
    let a = match ours.local(dt) {
        Local::Unique(offset) => AmbiguousOffset::Unambiguous { offset },
        Local::Gap { before, after } => AmbiguousOffset::Gap { before, after },
        Local::Fold { before, after } => AmbiguousOffset::Fold { before, after },
    };
    let (a, b) = (
        format!("{a:?}"),
        format!("{:?}", full.to_ambiguous_timestamp(dt).offset()),
    );
    if a == b {
        Ok(())
    } else {
        Err(format!("{name} wall {dt}: ours {a}, jiff {b}"))
    }
}

#[test]
fn every_zone_name_is_there_and_resolves_to_itself() {
    let names = zones::zone_names();
    assert_eq!(names, full_names());
    assert!(names.len() > 500, "{} zones", names.len());
    for name in &names {
        let tz = zones::zone(name).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(tz.iana_name(), Some(name.as_str()));
        let lower = zones::zone(&name.to_lowercase()).unwrap();
        assert_eq!(
            lower.iana_name(),
            Some(name.as_str()),
            "case-insensitive lookup"
        );
    }
    assert!(zones::zone("Mars/Olympus_Mons").is_err());
    assert!(zones::zone("").is_err());
}

#[test]
fn every_zone_agrees_with_the_full_database_from_1970_on() {
    let mut failures = Vec::new();
    let (mut transitions, mut instants) = (0, 0);
    for name in full_names() {
        let ours = zones::zone(&name).unwrap();
        let full = jiff::tz::db().get(&name).unwrap();
        let start = Timestamp::from_second(START).unwrap();
        let end = Timestamp::from_second(END).unwrap();
        // The same clock changes, in order.
        let a: Vec<Timestamp> =
            std::iter::successors(ours.next_change(start), |t| ours.next_change(*t))
                .take_while(|t| *t < end)
                .collect();
        let b: Vec<Timestamp> = full
            .following(start)
            .take_while(|t| t.timestamp() < end)
            .map(|t| t.timestamp())
            .collect();
        if a != b {
            failures.push(format!("{name}: {} transitions, jiff {}", a.len(), b.len()));
            continue;
        }
        // Around each change: the instants either side, and wall-clock times
        // in and around the gap or fold.
        for t in &b {
            transitions += 1;
            for d in [-3601, -1, 0, 1, 3600] {
                let ts = t.checked_add(SignedDuration::from_secs(d)).unwrap();
                failures.extend(same_instant(&name, &ours, &full, ts).err());
                for o in [ours.to_offset(ts), full.to_offset(ts)] {
                    let dt = o.to_datetime(ts);
                    failures.extend(same_wall(&name, &ours, &full, dt).err());
                }
            }
        }
        // And every ten days between them.
        let mut s = START;
        while s < END {
            instants += 1;
            let ts = Timestamp::from_second(s).unwrap();
            failures.extend(same_instant(&name, &ours, &full, ts).err());
            failures
                .extend(same_wall(&name, &ours, &full, full.to_offset(ts).to_datetime(ts)).err());
            s += 10 * 86_400 + 3_607;
        }
        if failures.len() > 20 {
            break;
        }
    }
    assert!(
        failures.is_empty(),
        "{} differences, first: {:#?}",
        failures.len(),
        &failures[..failures.len().min(20)]
    );
    assert!(transitions > 20_000, "{transitions} transitions checked");
    assert!(instants > 2_000_000, "{instants} instants checked");
}

#[test]
fn before_1970_a_zone_keeps_the_rules_it_had_on_1_january_1970() {
    // The IANA database promises nothing before 1970 (it merges zones that
    // agree since then); the app carries no earlier history.
    // London kept British Standard Time (+01:00) all year from 1968 to 1971,
    // so the app reads a London winter of the 1960s an hour off.
    let tz = zones::zone("Europe/London").unwrap();
    let full = jiff::tz::db().get("Europe/London").unwrap();
    let winter_1960: Timestamp = "1960-01-15T12:00:00Z".parse().unwrap();
    assert_eq!(tz.to_offset(winter_1960).seconds(), 3600);
    assert_eq!(full.to_offset(winter_1960).seconds(), 0);
    let winter_1970: Timestamp = "1970-01-15T12:00:00Z".parse().unwrap();
    assert_eq!(tz.to_offset(winter_1970).seconds(), 3600);
    let winter_1972: Timestamp = "1972-01-15T12:00:00Z".parse().unwrap();
    assert_eq!(tz.to_offset(winter_1972).seconds(), 0);
}
