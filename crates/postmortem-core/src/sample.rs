//! Documents made up for benchmarks and templates: a long incident with as
//! many timeline events as asked, and the starting points a user picks from.
//! Deterministic: the same arguments give the same document.

use crate::model::*;
use crate::time::zones;

/// A plausible incident with `events` timeline entries one minute apart
/// (about 200 KB of JSON for 500 events).
pub fn long_incident(events: usize) -> Document {
    let tz = zones::zone("Europe/Berlin").unwrap_or(zones::Zone::UTC);
    let start = jiff::civil::date(2025, 3, 29).at(23, 0, 0, 0);
    let at = |minutes: i64| {
        let dt = start
            .checked_add(jiff::SignedDuration::from_mins(minutes))
            .unwrap_or(start);
        tz.to_zoned(dt).ok().map(|z| zones::stamp_of(&z))
    };
    let kinds = TimelineKind::ALL;
    let timeline = (0..events)
        .map(|i| TimelineEntry {
            at: at(i as i64),
            approximate: i % 17 == 0,
            kind: kinds[i % kinds.len()],
            text: format!(
                "Step {i}: the on-call checked shard {} and saw queue depth at {} messages; `kubectl get pods -n ingest` showed {} restarts, **no** change in p99 ({} ms) | next check in 1 min.",
                i % 32,
                1000 + i * 37 % 9000,
                i % 7,
                120 + i % 300
            ),
        })
        .collect();
    let last = events.max(1) as i64;
    Document {
        title: format!("Ingest backlog across the DST change ({events} events)"),
        status: Status::Review,
        severity: Some(Severity::Sev2),
        authors: vec!["Amara Okafor".into(), "Jonas Weber".into()],
        tags: vec!["ingest".into(), "dst".into()],
        services: vec!["ingest-api".into(), "queue".into()],
        time_zone: "Europe/Berlin".into(),
        summary: "Ingest fell behind for most of the night while clocks moved forward.\n\nNo data was lost.".into(),
        impact: Impact {
            description: "Dashboards lagged by up to 40 minutes.".into(),
            metrics: vec![ImpactMetric { label: "Peak lag".into(), value: "40 min".into() }],
        },
        times: KeyTimes {
            started: at(0),
            detected: at(3),
            acknowledged: at(5),
            mitigated: at(last - 10),
            resolved: at(last),
            approximate: vec![],
        },
        timeline,
        root_cause: RootCause {
            trigger: "A consumer rebalance at 02:00 local time.".into(),
            description: "The rebalance loop did not settle while the wall clock jumped.".into(),
            contributing_factors: vec!["Rebalance timeouts used wall-clock time.".into()],
        },
        detection: "Lag alert.".into(),
        resolution: "Pinned partitions, then restarted consumers one by one.".into(),
        lessons: Lessons { went_well: vec!["Paging worked.".into()], went_wrong: vec!["Slow rebalance.".into()], lucky: vec![] },
        actions: (0..5)
            .map(|i| ActionItem {
                title: format!("Follow-up {i}"),
                owner: "Ingest team".into(),
                due: Some("2025-04-30".into()),
                kind: Some(ActionKind::Prevent),
                priority: Some(Priority::P2),
                status: ActionStatus::Open,
                link: Some(format!("https://tracker.example.com/ING-{i}")),
            })
            .collect(),
        updates: vec![],
        links: vec![Link { title: "Lag dashboard".into(), url: "https://grafana.example.com/d/ingest".into() }],
        notes: String::new(),
        ..Document::default()
    }
}

/// A long timeline written elsewhere, as people paste it into a note ("All
/// times in PST", a bold date heading each day, one 12-hour line a minute),
/// for the importer's benchmarks: lines are added until `done(lines, text)`.
pub fn foreign_timeline(mut done: impl FnMut(u32, &str) -> bool) -> String {
    let mut text = String::from("# Storage degradation\n\nAll times in PST.\n\n## Timeline\n\n");
    let mut minute = 0u32;
    while !done(minute, &text) {
        if minute.is_multiple_of(1440) {
            text.push_str(&format!("\n**March {}, 2024**\n\n", 1 + minute / 1440));
        }
        let (h, m) = ((minute / 60) % 24, minute % 60);
        text.push_str(&format!(
            "- {}:{m:02} {} \u{2014} replica lag on node {} rose again while the queue drained\n",
            if h % 12 == 0 { 12 } else { h % 12 },
            if h < 12 { "a.m." } else { "p.m." },
            minute % 97
        ));
        minute += 1;
    }
    text
}

/// The starting points offered by "New postmortem".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Template {
    Blank,
    /// Every section, in the order of the Google SRE book's template.
    Full,
    /// A status-page incident: updates from investigating to resolved.
    StatusPage,
    /// Title, summary, times, a few timeline rows and actions.
    Short,
}

impl Template {
    pub const ALL: [Template; 4] = [
        Template::Blank,
        Template::Full,
        Template::StatusPage,
        Template::Short,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Template::Blank => "Blank",
            Template::Full => "Full (Google SRE style)",
            Template::StatusPage => "Status-page incident",
            Template::Short => "Short",
        }
    }

    /// A new document in the given zone.
    pub fn document(self, time_zone: &str) -> Document {
        let mut doc = Document {
            time_zone: time_zone.to_string(),
            ..Document::default()
        };
        let row = |kind| TimelineEntry {
            kind,
            ..TimelineEntry::default()
        };
        match self {
            Template::Blank => {}
            Template::Full => {
                doc.timeline = vec![
                    row(TimelineKind::Change),
                    row(TimelineKind::Detection),
                    row(TimelineKind::Mitigation),
                    row(TimelineKind::Resolution),
                ];
                doc.impact.metrics = vec![ImpactMetric {
                    label: "Failed requests".into(),
                    value: String::new(),
                }];
                doc.root_cause.contributing_factors = vec![String::new()];
                doc.lessons = Lessons {
                    went_well: vec![String::new()],
                    went_wrong: vec![String::new()],
                    lucky: vec![String::new()],
                };
                doc.actions = vec![
                    ActionItem {
                        kind: Some(ActionKind::Prevent),
                        ..ActionItem::default()
                    },
                    ActionItem {
                        kind: Some(ActionKind::Detect),
                        ..ActionItem::default()
                    },
                ];
            }
            Template::StatusPage => {
                doc.updates = [
                    UpdateState::Investigating,
                    UpdateState::Identified,
                    UpdateState::Monitoring,
                    UpdateState::Resolved,
                ]
                .into_iter()
                .map(|state| StatusUpdate {
                    state,
                    ..StatusUpdate::default()
                })
                .collect();
            }
            Template::Short => {
                doc.timeline = vec![row(TimelineKind::Detection), row(TimelineKind::Resolution)];
                doc.actions = vec![ActionItem::default()];
            }
        }
        doc
    }
}
