//! Time-zone conversions agree with Python's zoneinfo on the same IANA release.
//! The table is made by scripts/oracle/make_tz_oracle.py and committed.

use jiff::Timestamp;
use postmortem_core::time::zones::{self, TimeError};

const TABLE: &str = include_str!("../data/tz_oracle.tsv");

fn civil_text(python_wall: &str) -> String {
    let dt = zones::parse_civil(python_wall).expect("oracle wall time parses");
    zones::wall_text(dt)
}

fn offset_of(stamp: &postmortem_core::model::Stamp) -> i32 {
    zones::parse_stamp(stamp)
        .expect("stamp from the parser parses")
        .offset()
        .seconds()
}

#[test]
fn ten_thousand_conversions_agree_with_zoneinfo() {
    let mut checked = 0;
    let mut zones_seen = std::collections::BTreeSet::new();
    let mut failures = Vec::new();
    let (mut gaps, mut folds) = (0, 0);
    for line in TABLE.lines().filter(|l| !l.starts_with('#')) {
        let f: Vec<&str> = line.split('\t').collect();
        let zone = f[1];
        zones_seen.insert(zone);
        let tz = zones::zone(zone).unwrap_or_else(|e| panic!("{zone}: {e}"));
        match f[0] {
            "I" => {
                let ts = Timestamp::from_second(f[2].parse().unwrap()).unwrap();
                let z = zones::Zoned::new(ts, tz.clone());
                let got = (zones::show(&z, &tz), z.offset().seconds());
                let want = (
                    format!("{} {}", civil_text(f[3]), f[5]),
                    f[4].parse::<i32>().unwrap(),
                );
                if got != want {
                    failures.push(format!("{line}: got {got:?}"));
                }
            }
            "L" => {
                let typed = civil_text(f[2]);
                let got = zones::parse_input(&typed, zone);
                let ok = match (f[3], &got) {
                    ("ok", Ok(stamp)) => offset_of(stamp) == f[4].parse::<i32>().unwrap(),
                    ("gap", Err(TimeError::Gap { before, after, .. })) => {
                        gaps += 1;
                        offset_of(before) == f[4].parse::<i32>().unwrap()
                            && offset_of(after) == f[5].parse::<i32>().unwrap()
                    }
                    ("fold", Err(TimeError::Fold { earlier, later, .. })) => {
                        folds += 1;
                        offset_of(earlier) == f[4].parse::<i32>().unwrap()
                            && offset_of(later) == f[5].parse::<i32>().unwrap()
                    }
                    _ => false,
                };
                if !ok {
                    failures.push(format!("{line}: got {got:?}"));
                }
            }
            other => panic!("unknown row kind {other}"),
        }
        checked += 1;
    }
    assert!(
        failures.is_empty(),
        "{} of {checked} disagree, first: {:#?}",
        failures.len(),
        &failures[..failures.len().min(5)]
    );
    assert!(checked >= 10_000, "only {checked} conversions");
    assert!(zones_seen.len() >= 50, "only {} zones", zones_seen.len());
    assert!(
        gaps > 100 && folds > 100,
        "DST edges: {gaps} gaps, {folds} folds"
    );
}
