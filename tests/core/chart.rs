//! The Markdown export's timeline chart (a Mermaid gantt block): what it
//! draws, when it is left out, and that reading our own file skips it.

use crate::support::fixture;
use postmortem::core::markdown::{self, ExportOptions};
use postmortem::core::model::*;

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
        "    Impact 52 min :crit, 2025-10-26 02:40:00, 2025-10-26 03:32:00",
        "    Time to detect 7 min :2025-10-26 02:40:00, 2025-10-26 02:47:00",
        "    Time to acknowledge 4 min :2025-10-26 02:47:00, 2025-10-26 02:51:00",
        "    Resolved :milestone, 2025-10-26 03:32:00, 0m",
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
        chart.contains("    Impact \u{2248} 2 d :crit, 2025-03-08 22:00:00, 2025-03-10 23:00:00\n"),
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
    let back = markdown::from_markdown(&markdown::to_markdown(&doc)).expect("our own file reads");
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
    let back = markdown::from_markdown(&md).expect("our own file reads");
    assert!(
        back.doc.notes.contains("Drawn for the review on Monday."),
        "{}",
        back.doc.notes
    );
    assert!(!back.doc.notes.contains("gantt"));
}
