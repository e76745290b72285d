//! Derived response metrics: values, formulas, n/a and ≈.

use crate::support::fixture;
use postmortem_core::metrics::metrics;
use postmortem_core::model::{KeyTime, Stamp};

fn texts(doc: &postmortem_core::model::Document) -> Vec<(String, String)> {
    metrics(doc)
        .into_iter()
        .map(|m| (m.key.to_string(), m.text()))
        .collect()
}

#[test]
fn fixture_metrics_across_a_dst_change() {
    // 02:40 to 03:32 CET on the day clocks went back: 52 minutes, not 1 h 52.
    let got = texts(&fixture("full"));
    let want = [
        ("duration", "52 min"),
        ("ttd", "7 min"),
        ("tta", "4 min"),
        ("ttm", "44 min"),
        ("ttr", "52 min"),
    ];
    assert_eq!(got, want.map(|(a, b)| (a.to_string(), b.to_string())));
}

#[test]
fn missing_input_is_na_and_estimates_are_marked() {
    let mut doc = fixture("full");
    doc.times.acknowledged = None;
    doc.times.set_approximate(KeyTime::Detected, true);
    doc.times.started = Some(Stamp("2025-10-26T01:36:58+00:00[UTC]".into()));
    let got = texts(&doc);
    assert_eq!(got[2].1, "n/a");
    assert_eq!(got[1].1, "\u{2248} 10 min 2 s");
    assert_eq!(got[0].1, "55 min 2 s");
    assert!(metrics(&doc).iter().all(|m| !m.formula.is_empty()));
}

#[test]
fn long_and_negative_durations_read_well() {
    let mut doc = fixture("full");
    doc.times.resolved = Some(Stamp("2025-10-27T05:10:00+01:00[Europe/Berlin]".into()));
    assert_eq!(texts(&doc)[0].1, "1 d 2 h");
    doc.times.detected = Some(Stamp("2025-10-26T02:35:00+01:00[Europe/Berlin]".into()));
    assert_eq!(texts(&doc)[1].1, "\u{2212}5 min");
}
