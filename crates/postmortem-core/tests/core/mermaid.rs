//! The Markdown export's timeline chart (a Mermaid gantt block): what it
//! draws, when it is left out, and that reading our own file skips it.

use crate::support::fixture;
use jiff::civil::DateTime;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use postmortem_core::format::markdown::{self, ExportOptions};
use postmortem_core::model::*;
use postmortem_core::time::zones::instant;

fn block(md: &str) -> Option<String> {
    let start = md.find("```mermaid\n")? + "```mermaid\n".len();
    let end = md[start..].find("```")? + start;
    Some(md[start..end].to_string())
}

#[test]
fn the_chart_draws_the_impact_the_spans_and_the_milestones_in_the_document_zone() {
    let md = markdown::to_markdown(&fixture("full"));
    assert!(
        md.contains("### Timeline chart\n\n```mermaid\ngantt\n"),
        "{md}"
    );
    let chart = block(&md).expect("a mermaid block");
    // full.json: impact 02:40-03:32 in Berlin on 2025-10-26 (after the clocks went back).
    for line in [
        "    title Impact and response (times in Europe/Berlin)",
        "    dateFormat YYYY-MM-DD HH:mm:ss",
        "    axisFormat %H:%M",
        "    Impact 52 min :crit, impact, 2025-10-26 02:40:00, 52m",
        "    Time to detect 7 min :ttd, 2025-10-26 02:40:00, 7m",
        "    Time to acknowledge 4 min :tta, after ttd, 4m",
        "    Impact started :milestone, 2025-10-26 02:40:00, 0m",
        "    Resolved :milestone, after impact, 0m",
    ] {
        assert!(
            chart.lines().any(|l| l == line),
            "{line:?} missing in\n{chart}"
        );
    }
    // The same bytes every time.
    assert_eq!(md, markdown::to_markdown(&fixture("full")));
}

#[test]
fn a_long_incident_has_dated_ticks_and_estimates_are_marked() {
    let doc = Document {
        time_zone: "America/New_York".into(),
        times: KeyTimes {
            started: Some(Stamp("2025-03-08T22:00:00-05:00[America/New_York]".into())),
            // Across the spring-forward night: 2 days and 1 h of wall clock, 2 days of time.
            resolved: Some(Stamp("2025-03-10T23:00:00-04:00[America/New_York]".into())),
            approximate: vec![KeyTime::Started],
            ..KeyTimes::default()
        },
        ..Document::default()
    };
    let chart = block(&markdown::to_markdown(&doc)).expect("a chart");
    assert!(chart.contains("    axisFormat %m-%d %H:%M\n"), "{chart}");
    assert!(
        chart.contains("    Impact \u{2248} 2 d :crit, impact, 2025-03-08 22:00:00, 48h\n"),
        "{chart}"
    );
    assert!(
        chart.contains("    \u{2248} Impact started :milestone, 2025-03-08 22:00:00, 0m\n"),
        "{chart}"
    );
}

#[test]
fn no_chart_without_times_after_the_start_or_when_turned_off() {
    assert!(!markdown::to_markdown(&Document::default()).contains("mermaid"));
    let only_start = Document {
        times: KeyTimes {
            started: Some(Stamp("2025-03-12T03:15:00+01:00[Africa/Lagos]".into())),
            ..KeyTimes::default()
        },
        ..Document::default()
    };
    assert!(!markdown::to_markdown(&only_start).contains("mermaid"));
    let off = markdown::to_markdown_with(&fixture("full"), ExportOptions { chart: false });
    assert!(!off.contains("mermaid") && !off.contains("Timeline chart"));
}

#[test]
fn reading_our_own_file_skips_the_chart() {
    let doc = fixture("full");
    let back = postmortem_core::file::from_markdown(&markdown::to_markdown(&doc))
        .expect("our own file reads");
    assert_eq!(back.doc, doc);
    assert!(!back.doc.notes.contains("gantt"));
    assert!(back.notices.is_empty(), "{:?}", back.notices);
}

#[test]
fn text_written_under_the_chart_by_hand_is_kept() {
    let doc = fixture("full");
    let md = markdown::to_markdown(&doc).replace(
        "### Timeline chart\n\n",
        "### Timeline chart\n\nDrawn for the review on Monday.\n\n",
    );
    let back = postmortem_core::file::from_markdown(&md).expect("our own file reads");
    assert!(
        back.doc.notes.contains("Drawn for the review on Monday."),
        "{}",
        back.doc.notes
    );
    assert!(!back.doc.notes.contains("gantt"));
}

/// Where a browser whose zone is `viewer` draws each task of a Mermaid
/// gantt block, as Mermaid's ganttDb.js reads it: a time in the block's
/// dateFormat (here `YYYY-MM-DD HH:mm:ss`) is parsed by dayjs as a wall clock
/// in the browser's zone, whatever zone it was written in; an end written as
/// a length (`52m`, `48h`, `90s`) is added to the start as elapsed time, and
/// `after id` starts where task `id` ends. Each task as (name, start, end).
fn as_mermaid_draws(chart: &str, viewer: &str) -> Vec<(String, Timestamp, Timestamp)> {
    let tz = TimeZone::get(viewer).expect("a zone");
    assert!(
        chart.contains("    dateFormat YYYY-MM-DD HH:mm:ss\n"),
        "{chart}"
    );
    let wall = |s: &str| -> Option<Timestamp> {
        let dt: DateTime = s.replace(' ', "T").parse().ok()?;
        // As JavaScript's Date does: a skipped time moves on, a repeated one is the first.
        Some(tz.to_ambiguous_zoned(dt).compatible().ok()?.timestamp())
    };
    let mut tasks: Vec<(String, String, Timestamp, Timestamp)> = Vec::new();
    for line in chart.lines().map(str::trim) {
        let Some((name, data)) = line.split_once(" :") else {
            continue;
        };
        let mut parts: Vec<&str> = data.split(',').map(str::trim).collect();
        parts.retain(|p| !["crit", "milestone", "active", "done"].contains(p));
        let (id, start, end) = match parts[..] {
            [id, start, end] => (id.to_string(), start, end),
            [start, end] => (String::new(), start, end),
            _ => panic!("unexpected task line {line:?}"),
        };
        let start = match start.strip_prefix("after ") {
            Some(id) => tasks.iter().find(|t| t.0 == id).expect("an earlier task").3,
            None => wall(start).unwrap_or_else(|| panic!("a start Mermaid reads: {line:?}")),
        };
        let end = wall(end).unwrap_or_else(|| {
            let (n, unit) = end.split_at(end.len() - 1);
            let n: i64 = n.parse().unwrap_or_else(|_| panic!("a length: {line:?}"));
            let secs = match unit {
                "h" => 3600,
                "m" => 60,
                "s" => 1,
                _ => panic!("a unit dayjs adds as elapsed time: {line:?}"),
            };
            start + SignedDuration::from_secs(n * secs)
        });
        tasks.push((id, name.to_string(), start, end));
    }
    tasks.into_iter().map(|(_, n, s, e)| (n, s, e)).collect()
}

/// Checks that Mermaid, in a browser in each of `viewers`, draws every bar
/// of `doc`'s chart as long as the time it measures, and every milestone
/// as far from the start as its key time is.
fn check_drawn_lengths(doc: &Document, viewers: &[&str]) {
    let md = markdown::to_markdown(doc);
    let chart = block(&md).expect("a chart");
    let at = |k: KeyTime| instant(doc.times.get(k)).expect("a key time");
    let started = at(KeyTime::Started);
    let expected = |name: &str| -> (SignedDuration, SignedDuration) {
        let between =
            |a: KeyTime, b: KeyTime| (at(a).duration_since(started), at(b).duration_since(at(a)));
        let key = KeyTime::ALL
            .iter()
            .copied()
            .find(|k| name.ends_with(k.label()));
        match key {
            Some(k) => (at(k).duration_since(started), SignedDuration::ZERO),
            None if name.starts_with("Impact") => between(KeyTime::Started, KeyTime::Resolved),
            None if name.starts_with("Time to detect") => {
                between(KeyTime::Started, KeyTime::Detected)
            }
            None if name.starts_with("Time to acknowledge") => {
                between(KeyTime::Detected, KeyTime::Acknowledged)
            }
            None if name.starts_with("Time to mitigate") => {
                between(KeyTime::Started, KeyTime::Mitigated)
            }
            None if name.starts_with("Time to resolve") => {
                between(KeyTime::Started, KeyTime::Resolved)
            }
            None => panic!("a task the test does not know: {name:?}"),
        }
    };
    for viewer in viewers {
        let tasks = as_mermaid_draws(&chart, viewer);
        let origin = tasks
            .iter()
            .find(|t| t.0.ends_with("Impact started"))
            .expect("the start milestone")
            .1;
        assert!(tasks.len() >= 6, "{tasks:?}");
        for (name, start, end) in &tasks {
            let (offset, length) = expected(name);
            assert_eq!(
                (start.duration_since(origin), end.duration_since(*start)),
                (offset, length),
                "{name:?} seen in {viewer}: (offset from the start, length)\n{chart}"
            );
        }
    }
}

#[test]
fn bars_across_a_clock_change_are_as_long_as_the_time_they_measure() {
    let stamp = |s: &str| Some(Stamp(s.to_string()));
    // New York sprang forward at 02:00 on 2025-03-09: 22:00 EST to 23:00 EDT
    // the next evening but one is 2 days of wall clock plus an hour, and 48 h.
    let spring = Document {
        time_zone: "America/New_York".into(),
        times: KeyTimes {
            started: stamp("2025-03-08T22:00:00-05:00[America/New_York]"),
            detected: stamp("2025-03-09T01:30:00-05:00[America/New_York]"),
            acknowledged: stamp("2025-03-09T03:10:00-04:00[America/New_York]"),
            mitigated: stamp("2025-03-10T08:00:00-04:00[America/New_York]"),
            resolved: stamp("2025-03-10T23:00:00-04:00[America/New_York]"),
            ..KeyTimes::default()
        },
        ..Document::default()
    };
    // Seen in UTC, the zone of the incident, and one with no change then.
    check_drawn_lengths(&spring, &["UTC", "America/New_York", "Asia/Tokyo"]);
    // full.json: 02:40-03:32 CET on 2025-10-26, the hour Berlin repeats;
    // a Berlin browser reads a bare 02:40 as the first one (CEST).
    check_drawn_lengths(&fixture("full"), &["Europe/Berlin", "UTC"]);
}
