//! The editor's timeline chart: what falls where on its axis, in the zone
//! the times are shown in.

use crate::support::fixture;
use postmortem_core::chart::{layout, WIDTH};
use postmortem_core::model::*;

#[test]
fn no_chart_without_a_time() {
    assert_eq!(layout(&Document::default(), "UTC"), None);
}

#[test]
fn the_full_fixture_has_its_impact_milestones_and_one_mark_per_timed_event() {
    let doc = fixture("full");
    let chart = layout(&doc, "Europe/Berlin").expect("a chart");
    assert_eq!(
        chart.events.len(),
        doc.timeline.iter().filter(|e| e.at.is_some()).count()
    );
    assert_eq!(
        chart
            .milestones
            .iter()
            .map(|m| m.label.as_str())
            .collect::<Vec<_>>(),
        [
            "Impact started",
            "Detected",
            "Acknowledged",
            "Mitigated",
            "Resolved"
        ]
    );
    let impact = chart.impact.as_ref().expect("an impact window");
    assert_eq!(impact.label, "Impact 52 min");
    assert!(0.0 < impact.x0 && impact.x0 < impact.x1 && impact.x1 < WIDTH);
    // Every mark on the axis, in time order for the key times.
    assert!(chart.milestones.windows(2).all(|w| w[0].x < w[1].x));
    assert!(chart.events.iter().all(|e| (0.0..=WIDTH).contains(&e.x)));
    // 02:40–03:32: ticks every 10 minutes, in Berlin time.
    let labels: Vec<&str> = chart.ticks.iter().map(|t| t.label.as_str()).collect();
    assert!(
        labels.contains(&"03:00") && labels.contains(&"03:10"),
        "{labels:?}"
    );
    assert_eq!(chart.zone, "Europe/Berlin");
    assert!(
        chart.summary.starts_with("impact 52 min, 6 events"),
        "{}",
        chart.summary
    );
    // Shown in UTC, the same instants carry UTC ticks (01:40–02:32).
    let utc = layout(&doc, "UTC").expect("a chart");
    let labels: Vec<&str> = utc.ticks.iter().map(|t| t.label.as_str()).collect();
    assert!(
        labels.contains(&"02:00") && !labels.contains(&"03:10"),
        "{labels:?}"
    );
    assert_eq!(utc.impact.as_ref().map(|i| i.x0), Some(impact.x0));
}

#[test]
fn a_three_day_incident_has_day_ticks_midnights_and_its_clock_change() {
    let stamp = |s: &str| Some(Stamp(s.to_string()));
    let doc = Document {
        time_zone: "America/New_York".into(),
        times: KeyTimes {
            started: stamp("2025-03-07T22:00:00-05:00[America/New_York]"),
            resolved: stamp("2025-03-10T20:00:00-04:00[America/New_York]"),
            ..KeyTimes::default()
        },
        ..Document::default()
    };
    let chart = layout(&doc, "America/New_York").expect("a chart");
    let days: Vec<&str> = chart.days.iter().map(|d| d.label.as_str()).collect();
    assert_eq!(days, ["2025-03-08", "2025-03-09", "2025-03-10"]);
    assert_eq!(
        chart
            .changes
            .iter()
            .map(|c| c.label.as_str())
            .collect::<Vec<_>>(),
        ["EST \u{2192} EDT"]
    );
    assert!(
        chart.ticks.len() <= 9 && chart.ticks.len() >= 3,
        "{:?}",
        chart.ticks
    );
}

#[test]
fn no_tick_in_the_hour_the_clocks_skip_and_a_wrong_year_still_gets_few_ticks() {
    let stamp = |s: &str| Some(Stamp(s.to_string()));
    // New York skipped 02:00–03:00 on 2025-03-09.
    let doc = Document {
        times: KeyTimes {
            started: stamp("2025-03-09T01:10:00-05:00[America/New_York]"),
            resolved: stamp("2025-03-09T03:50:00-04:00[America/New_York]"),
            ..KeyTimes::default()
        },
        ..Document::default()
    };
    let chart = layout(&doc, "America/New_York").expect("a chart");
    let labels: Vec<&str> = chart.ticks.iter().map(|t| t.label.as_str()).collect();
    assert!(!labels.iter().any(|l| l.starts_with("02:")), "{labels:?}");
    assert!(
        chart.ticks.windows(2).all(|w| w[0].x < w[1].x),
        "{:?}",
        chart.ticks
    );
    // A resolution typed ten years late: about eight ticks, labelled with dates.
    let doc = Document {
        times: KeyTimes {
            started: stamp("2015-03-12T03:15:00+00:00[UTC]"),
            resolved: stamp("2025-03-12T05:45:00+00:00[UTC]"),
            ..KeyTimes::default()
        },
        ..Document::default()
    };
    let chart = layout(&doc, "UTC").expect("a chart");
    assert!(
        (3..=10).contains(&chart.ticks.len()),
        "{} ticks",
        chart.ticks.len()
    );
    assert!(
        chart.ticks.iter().all(|t| t.label.len() == 10),
        "{:?}",
        chart.ticks
    );
}

#[test]
fn the_spans_are_the_exports_spans_with_time_to_acknowledge_and_estimates_marked() {
    let mut doc = fixture("full");
    let labels = |doc: &Document| {
        let chart = layout(doc, "Europe/Berlin").expect("a chart");
        let mut all = vec![chart.impact.expect("an impact window").label];
        all.extend(chart.spans.into_iter().map(|s| s.label));
        all
    };
    assert_eq!(
        labels(&doc),
        [
            "Impact 52 min",
            "Time to detect 7 min",
            "Time to acknowledge 4 min",
            "Time to mitigate 44 min",
            "Time to resolve 52 min"
        ]
    );
    // An estimated detection makes both spans that end or start there estimates.
    doc.times.set_approximate(KeyTime::Detected, true);
    assert_eq!(
        labels(&doc),
        [
            "Impact 52 min",
            "Time to detect \u{2248} 7 min",
            "Time to acknowledge \u{2248} 4 min",
            "Time to mitigate 44 min",
            "Time to resolve 52 min"
        ]
    );
    // An estimated resolution is an estimated end of the impact.
    doc.times.set_approximate(KeyTime::Resolved, true);
    let all = labels(&doc);
    assert_eq!(all[0], "Impact \u{2248} 52 min");
    // The Mermaid block of the export names the same spans the same way.
    let md = postmortem_core::format::markdown::to_markdown(&doc);
    for label in &all {
        assert!(
            md.contains(&format!("    {label} :")),
            "{label:?} not in\n{md}"
        );
    }
}

#[test]
fn marks_close_in_time_go_to_lanes_so_none_overlaps() {
    use postmortem_core::chart::lanes;
    // Apart: one lane. A cluster of three within the gap: three lanes; the
    // next mark far enough from the first goes back to lane 0.
    assert_eq!(lanes(&[0.0, 50.0, 100.0], 10.0, 8), [0, 0, 0]);
    assert_eq!(
        lanes(&[100.0, 101.0, 104.0, 111.0, 300.0], 10.0, 8),
        [0, 1, 2, 0, 0]
    );
    // In any order: the lanes follow time, not the order given.
    assert_eq!(lanes(&[104.0, 100.0, 101.0], 10.0, 8), [2, 0, 1]);
    // Forty-four marks, most within a few units: in no lane are two marks
    // closer than the gap.
    let xs: Vec<f64> = (0..44)
        .map(|i| {
            if i < 41 {
                400.0 + (i * 7 % 23) as f64
            } else {
                900.0 - i as f64
            }
        })
        .collect();
    let got = lanes(&xs, 3.0, 40);
    for a in 0..xs.len() {
        for b in a + 1..xs.len() {
            if got[a] == got[b] {
                assert!(
                    (xs[a] - xs[b]).abs() >= 3.0,
                    "{a} and {b} in lane {}",
                    got[a]
                );
            }
        }
    }
    assert!(got.iter().max() < Some(&40), "{got:?}");
    // With the lanes capped, the extra marks share the lane free soonest.
    let capped = lanes(&[0.0, 1.0, 2.0, 3.0], 10.0, 2);
    assert_eq!(capped, [0, 1, 0, 1]);
    assert_eq!(lanes(&[0.0, 1.0], 10.0, 0), [0, 0]);
    assert_eq!(lanes(&[], 10.0, 4), Vec::<usize>::new());
}
