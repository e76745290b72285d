//! The five shared seeds, imported: what the import issue names for each.
//! (Their every timed entry is also scored in `corpus`.)

use crate::support::seed;
use postmortem_core::file::from_markdown;
use postmortem_core::format::Imported;
use postmortem_core::model::*;
use postmortem_core::review::{Basis, ItemKind};
use postmortem_core::time::zones;
use postmortem_core::validate::validate;

fn import(n: &str) -> Option<Imported> {
    seed(n).map(|t| from_markdown(&t).unwrap())
}

fn utc(s: Option<&Stamp>) -> String {
    zones::instant(s).map(|t| t.to_string()).unwrap_or_default()
}

#[test]
fn seed_000_status_page_updates_and_key_times() {
    let Some(Imported { doc, review, .. }) = import("000") else {
        return;
    };
    let ups: Vec<(UpdateState, String)> = doc
        .updates
        .iter()
        .map(|u| (u.state, utc(u.at.as_ref())))
        .collect();
    assert_eq!(
        ups,
        [
            (UpdateState::Resolved, "2026-04-29T23:26:00Z".to_string()),
            (UpdateState::Monitoring, "2026-04-29T22:58:00Z".to_string()),
            (UpdateState::Identified, "2026-04-29T22:56:00Z".to_string()),
            (
                UpdateState::Investigating,
                "2026-04-29T22:35:00Z".to_string()
            ),
        ]
    );
    // The stated start and end win over what the updates imply.
    assert_eq!(utc(doc.times.started.as_ref()), "2026-04-29T22:24:00Z");
    assert_eq!(utc(doc.times.resolved.as_ref()), "2026-04-29T22:48:00Z");
    // The Monitoring update (22:58) was posted after the stated end (22:48):
    // Mitigated is not taken from it, which would put it after Resolved, and
    // the review says why. (A Monitoring update before the end still gives
    // Mitigated: `corpus::a_monitoring_update_in_time_gives_mitigated`.)
    assert_eq!(doc.times.mitigated, None);
    let why = review
        .items
        .iter()
        .find(|i| i.path == "times.mitigated")
        .expect("the review names Mitigated");
    assert_eq!(why.code, "key.not_taken");
    assert!(
        why.message.contains("\u{201c}Monitoring\u{201d}")
            && why
                .message
                .contains("after Resolved (2026-04-29 15:48 PDT)"),
        "{}",
        why.message
    );
    let order: Vec<_> = validate(&doc)
        .into_iter()
        .filter(|p| p.code == "times.order")
        .map(|p| p.message)
        .collect();
    assert!(order.is_empty(), "{order:?}");
    // Fixes already made are actions marked done.
    assert!(doc.actions.iter().any(|a| a.status == ActionStatus::Done
        && a.title.contains("removed the use of a distributed cache")));
    // The report's own "Posted May 14" is not an incident event.
    assert!(doc.timeline.iter().all(|e| !e.text.contains("May 14")));
}

#[test]
fn seed_001_suggests_a_severity_and_says_so() {
    let Some(Imported { doc, review, .. }) = import("001") else {
        return;
    };
    assert_eq!(doc.severity, Some(Severity::Sev1));
    assert!(review
        .of(ItemKind::Inferred)
        .any(|i| i.path == "severity" && i.message.contains("Major outage")));
    // Five updates (the "Postmortem" entry is the report itself, read into its sections).
    let states: Vec<UpdateState> = doc.updates.iter().map(|u| u.state).collect();
    use UpdateState::*;
    assert_eq!(
        states,
        [Resolved, Update, Monitoring, Identified, Investigating]
    );
    assert!(doc.root_cause.description.contains("two things at play"));
}

#[test]
fn seed_002_ten_events_in_lagos() {
    let Some(Imported { doc, review, .. }) = import("002") else {
        return;
    };
    assert_eq!(doc.time_zone, "Africa/Lagos");
    assert_eq!(doc.timeline.len(), 10);
    for e in &doc.timeline {
        let z = zones::parse_stamp(e.at.as_ref().unwrap()).unwrap();
        assert_eq!(
            z.time_zone().iana_name(),
            Some("Africa/Lagos"),
            "{}",
            e.text
        );
        assert_eq!(z.date().to_string(), "2025-03-12");
    }
    assert_eq!(utc(doc.timeline[0].at.as_ref()), "2025-03-12T02:15:00Z");
    assert_eq!(utc(doc.timeline[9].at.as_ref()), "2025-03-12T04:45:00Z");
    assert_eq!(utc(doc.times.started.as_ref()), "2025-03-12T02:15:00Z");
    assert_eq!(utc(doc.times.resolved.as_ref()), "2025-03-12T04:45:00Z");
    // Every time carries its zone, so nothing is assumed about it.
    assert!(
        review.of(ItemKind::Unsure).next().is_none(),
        "{:?}",
        review.items
    );
}

#[test]
fn seed_003_a_flattened_diff_is_read_as_its_new_side() {
    let Some(Imported { doc, notices, .. }) = import("003") else {
        return;
    };
    assert_eq!(doc.title, "API Outage Retro \u{2014} 2024-04-11");
    assert_eq!(doc.tags, ["incident", "postmortem", "api"]);
    assert_eq!(utc(doc.times.started.as_ref()), "2024-04-11T06:12:00Z");
    assert_eq!(utc(doc.times.acknowledged.as_ref()), "2024-04-11T06:25:00Z");
    assert_eq!(utc(doc.times.resolved.as_ref()), "2024-04-11T06:59:00Z");
    assert_eq!(doc.actions.len(), 5);
    assert!(doc
        .root_cause
        .description
        .starts_with("The deployment pipeline applied a ConfigMap update"));
    assert!(!doc.summary.contains("+++"));
    assert!(notices[0].message.contains("diff"));
}

#[test]
fn seed_004_evening_times_with_the_zone_assumed_and_a_slip_flagged() {
    let Some(Imported { doc, review, .. }) = import("004") else {
        return;
    };
    let listed: Vec<&TimelineEntry> = doc
        .timeline
        .iter()
        .filter(|e| !e.text.starts_with("At 7:32"))
        .collect();
    let clock: Vec<String> = listed
        .iter()
        .map(|e| {
            zones::parse_stamp(e.at.as_ref().unwrap())
                .unwrap()
                .datetime()
                .time()
                .to_string()[..5]
                .to_string()
        })
        .collect();
    assert_eq!(
        clock,
        ["19:52", "20:04", "20:04", "20:37", "21:01", "21:06", "21:41"]
    );
    // No zone is written anywhere: the review names the one assumed.
    let zone = review.zone.as_ref().unwrap();
    assert_eq!((zone.value.as_str(), &zone.basis), ("UTC", &Basis::Nothing));
    assert!(review.items.iter().any(|i| i.code == "zone.none"));
    // "At 7:32 p.m. a quarter of the traffic had been reinstated" is before the start.
    let slip = doc
        .timeline
        .iter()
        .position(|e| e.text.starts_with("At 7:32 p.m."))
        .unwrap();
    assert!(review
        .items
        .iter()
        .any(|i| i.code == "before_start" && i.path == format!("timeline[{slip}].at")));
}
