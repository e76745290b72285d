//! Foreign postmortems, one fixture per shape found in the wild (written for
//! this project): the facts land in the right fields, and no line is lost.

use crate::support::foreign;
use postmortem_core::file::from_markdown;
use postmortem_core::format::Imported;
use postmortem_core::model::*;
use postmortem_core::validate::validate;
use postmortem_core::{format::json, time::zones};

fn import(name: &str) -> Imported {
    from_markdown(&foreign(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Each timeline entry's wall-clock time, `HH:MM`.
fn clock_times(doc: &Document) -> Vec<String> {
    doc.timeline
        .iter()
        .map(|e| {
            let z = zones::parse_stamp(e.at.as_ref().unwrap()).unwrap();
            format!("{:02}:{:02}", z.datetime().hour(), z.datetime().minute())
        })
        .collect()
}

fn stamp(s: &Option<Stamp>) -> String {
    s.as_ref().map(|s| s.0.clone()).unwrap_or_default()
}

/// Words that are structure, not content: section names, labels the importer
/// reads as keys, and the words of dates and times (checked as stamps).
const STRUCTURE: &[&str] = &[
    "summary",
    "issue",
    "incident",
    "timeline",
    "root",
    "cause",
    "and",
    "resolution",
    "impact",
    "corrective",
    "preventative",
    "measures",
    "improvements",
    "todo",
    "list",
    "action",
    "items",
    "related",
    "what",
    "happened",
    "follow",
    "actions",
    "postmortem",
    "report",
    "start",
    "end",
    "duration",
    "posted",
    "investigating",
    "identified",
    "monitoring",
    "resolved",
    "update",
    "updates",
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "oct",
    "nov",
    "dec",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "utc",
    "pst",
    "pdt",
    "wat",
    "the",
    "for",
    "cet",
    "9th",
    "title",
    "tags",
    "affected",
];

/// Every word of every non-empty source line appears somewhere in the result.
fn assert_nothing_lost(name: &str, doc: &Document) {
    let result = json::to_json(doc)
        .to_ascii_lowercase()
        .replace("\\n", " ")
        .replace("\\\"", "\"");
    for (n, line) in foreign(name).lines().enumerate() {
        for word in line
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.len() >= 3)
        {
            let w = word.to_ascii_lowercase();
            if STRUCTURE.contains(&w.as_str()) || w.chars().all(|c| c.is_ascii_digit()) {
                continue;
            }
            assert!(
                result.contains(&w),
                "{name} line {}: \u{201c}{word}\u{201d} is missing from the result.\nline: {line}",
                n + 1
            );
        }
    }
}

#[test]
fn status_page_report_with_posted_updates() {
    let Imported { doc, .. } = import("statuspage.txt");
    assert_eq!(doc.title, "Webhook Incident: delivery stalled");
    assert_eq!(stamp(&doc.times.started), "2026-02-17T09:05:00+00:00[UTC]");
    assert_eq!(stamp(&doc.times.resolved), "2026-02-17T09:41:00+00:00[UTC]");
    assert!(doc
        .root_cause
        .description
        .starts_with("A disk on the primary queue broker"));
    assert!(
        doc.resolution.contains("moved the broker's leadership")
            && doc.resolution.contains("Segment retention")
    );
    assert!(doc.impact.description.contains("delayed for all customers"));
    let states: Vec<_> = doc
        .updates
        .iter()
        .map(|u| (u.state, stamp(&u.at)))
        .collect();
    assert_eq!(
        states,
        vec![
            (
                UpdateState::Resolved,
                "2026-02-17T01:48:00-08:00[America/Los_Angeles]".into()
            ),
            (
                UpdateState::Monitoring,
                "2026-02-17T01:39:00-08:00[America/Los_Angeles]".into()
            ),
            (
                UpdateState::Identified,
                "2026-02-17T01:24:00-08:00[America/Los_Angeles]".into()
            ),
            (
                UpdateState::Investigating,
                "2026-02-17T01:12:00-08:00[America/Los_Angeles]".into()
            ),
        ]
    );
    assert!(doc.updates[2].text.contains("approximately 09:05 UTC"));
    assert_eq!(doc.services, ["Webhooks API"]);
    assert_nothing_lost("statuspage.txt", &doc);
}

#[test]
fn status_page_with_bulleted_updates_and_no_times() {
    let Imported { doc, notices, .. } = import("statuspage-bullets.txt");
    assert_eq!(doc.title, "Orbitly - Sync delays \u{2013} Incident details");
    assert!(
        doc.summary.starts_with("A cache node restart")
            && doc.summary.contains("\n\nNothing was lost")
    );
    assert!(doc
        .root_cause
        .description
        .contains("without waiting for the cache to warm"));
    assert!(doc.resolution.starts_with("We paused patching"));
    assert_eq!(
        doc.actions
            .iter()
            .map(|a| a.title.as_str())
            .collect::<Vec<_>>(),
        [
            "Add jittered backoff to client reconnects.",
            "Make patching wait for cache warm-up between nodes.",
        ]
    );
    let states: Vec<_> = doc.updates.iter().map(|u| u.state).collect();
    assert_eq!(
        states,
        [
            UpdateState::Resolved,
            UpdateState::Monitoring,
            UpdateState::Investigating
        ]
    );
    assert!(doc.updates.iter().all(|u| u.at.is_none()));
    assert!(notices.iter().any(|n| n.message.contains("no date")));
    assert_nothing_lost("statuspage-bullets.txt", &doc);
}

#[test]
fn plain_sections_with_zone_abbreviated_timeline() {
    let Imported { doc, notices, .. } = import("plain-sections.txt");
    assert_eq!(doc.time_zone, "Africa/Lagos");
    assert_eq!(
        stamp(&doc.times.started),
        "2025-06-03T14:10:00+01:00[Africa/Lagos]"
    );
    assert_eq!(
        stamp(&doc.times.resolved),
        "2025-06-03T16:25:00+01:00[Africa/Lagos]"
    );
    assert_eq!(doc.timeline.len(), 7);
    assert_eq!(
        stamp(&doc.timeline[4].at),
        "2025-06-03T15:40:00+01:00[Africa/Lagos]"
    );
    assert_eq!(
        doc.timeline[4].text,
        "Slow query log showed a sequential scan on sales_daily."
    );
    assert_eq!(doc.timeline[6].kind, TimelineKind::Resolution);
    assert!(doc.impact.description.contains("About 60% of merchants"));
    assert!(
        doc.root_cause.description.contains("full table scan")
            && doc.root_cause.description.contains("ANALYZE")
    );
    assert_eq!(doc.actions.len(), 2);
    assert!(doc.title.is_empty() && notices.iter().any(|n| n.message.contains("No title")));
    assert!(doc.notes.contains("statistics as part of the upgrade"));
    assert_nothing_lost("plain-sections.txt", &doc);
}

#[test]
fn obsidian_note_with_front_matter_callout_and_tasks() {
    let Imported { doc, .. } = import("obsidian.md");
    assert_eq!(doc.title, "Search Outage Retro \u{2014} 2024-09-18");
    assert_eq!(doc.tags, ["incident", "search"]);
    assert_eq!(stamp(&doc.times.started), "2024-09-18T13:02:00+00:00[UTC]");
    assert_eq!(stamp(&doc.times.resolved), "2024-09-18T13:40:00+00:00[UTC]");
    assert!(doc.summary.contains("==38 minutes==") && doc.summary.contains("[[Priya Natarajan]]"));
    assert!(doc
        .root_cause
        .description
        .contains("> [!question] Why did nobody notice in staging?"));
    let actions: Vec<_> = doc.actions.iter().map(|a| a.status).collect();
    assert_eq!(
        actions,
        [ActionStatus::Open, ActionStatus::Done, ActionStatus::Open]
    );
    assert_eq!(doc.services, ["Product search", "autocomplete"]);
    assert!(
        doc.notes.contains("aliases:")
            && doc.notes.contains("## Related\n- [[Search Incident Log]]"),
        "{}",
        doc.notes
    );
    assert_nothing_lost("obsidian.md", &doc);
}

#[test]
fn twelve_hour_timeline_with_an_entry_before_the_start() {
    let Imported { doc, .. } = import("twelve-hour.md");
    assert_eq!(doc.title, "A checkout outage in the storefront");
    // Bare "5:58" is read as p.m.: the document states its times in p.m. The
    // narrative's "At 5:12 p.m." takes its place in time order.
    let times = clock_times(&doc);
    assert_eq!(
        times,
        ["17:12", "17:58", "18:10", "18:10", "18:31", "18:49", "18:52", "19:20"]
    );
    assert_eq!(doc.timeline[1].kind, TimelineKind::Change);
    assert_eq!(stamp(&doc.times.started), "2024-10-09T18:10:00+00:00[UTC]");
    // The latest resolution in time, not the narrative entry.
    assert_eq!(stamp(&doc.times.resolved), "2024-10-09T19:20:00+00:00[UTC]");
    assert!(doc.timeline[0]
        .text
        .starts_with("At 5:12 p.m. half of the checkouts"));
    let review = &from_markdown(&foreign("twelve-hour.md")).unwrap().review;
    assert!(review
        .zone
        .as_ref()
        .is_some_and(|z| z.basis == postmortem_core::review::Basis::Nothing));
    // The recovery timed before the start is flagged by validation and by the review, at that entry.
    let flagged: Vec<_> = validate(&doc)
        .into_iter()
        .filter(|p| p.path == "timeline[0].at")
        .map(|p| p.code)
        .collect();
    assert_eq!(flagged, ["timeline.before_start"]);
    assert!(review.flags("timeline[0].at"));
    // The trigger change before the start is not.
    assert!(validate(&doc).iter().all(|p| p.path != "timeline[1].at"));
    assert_eq!(doc.actions.len(), 3);
    assert_eq!(doc.actions[0].status, ActionStatus::Done);
    assert_nothing_lost("twelve-hour.md", &doc);
}

#[test]
fn own_export_is_not_read_as_foreign() {
    let doc = crate::support::fixture("full");
    let text = postmortem_core::format::markdown::to_markdown(&doc);
    // A hand edit in the body survives re-import; the UTC column is for readers.
    let edited = text.replace(
        "| Detected | 2025-10-26 02:47 CET |",
        "| Detected | 2025-10-26 02:49 CET |",
    );
    let back = from_markdown(&edited).unwrap().doc;
    assert_eq!(
        stamp(&back.times.detected),
        "2025-10-26T02:49:00+01:00[Europe/Berlin]"
    );
    let edited = text.replace(
        "Payments are working normally.",
        "Payments work normally again.",
    );
    assert_eq!(
        from_markdown(&edited).unwrap().doc.updates[2].text,
        "Payments work normally again."
    );
}

#[test]
fn a_bare_hour_is_read_as_the_one_nearest_the_start() {
    // The start is in 24-hour time; "7:45" and "8:05" carry no a.m./p.m., so
    // the importer picks whichever reading is nearest the start: the evening.
    // The summary's time, which the timeline lacks, becomes an entry of its own.
    let text = "# Search index rebuild stalled\n\n\
        ## Summary\n\
        On June 3rd, 2025 at 19:00 UTC the nightly index rebuild stopped halfway.\n\n\
        ## Timeline\n\
        - 7:45 : Rebuild queue cleared by the on-call.\n\
        - 8:05 : Rebuild finished.\n";
    let Imported { doc, .. } = from_markdown(text).unwrap();
    let times = clock_times(&doc);
    assert_eq!(times, ["19:00", "19:45", "20:05"]);
    assert!(doc.timeline[0].text.contains("stopped halfway"));
}

#[test]
fn a_link_with_a_title_or_parentheses_keeps_its_url_alone() {
    let text = "# Cache outage\n\n## Timeline\n\n- 2025-03-12 03:15 UTC alerts fire\n\n## Links\n\n- [Runbook](https://wiki.example/runbook \"The runbook page\")\n- [Background](https://en.wikipedia.org/wiki/Cache_(computing))\n";
    let doc = from_markdown(text).unwrap().doc;
    let urls: Vec<&str> = doc.links.iter().map(|l| l.url.as_str()).collect();
    assert_eq!(
        urls,
        [
            "https://wiki.example/runbook",
            "https://en.wikipedia.org/wiki/Cache_(computing)"
        ],
        "{:?}",
        doc.links
    );
}
