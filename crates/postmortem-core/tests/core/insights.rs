//! Insights across postmortems: a folder of six made-up incidents whose
//! counts, medians and percentiles are worked out by hand below (the CLI's
//! `report` and the editor's Insights view print these same numbers).

use jiff::civil::{date, Date};
use jiff::SignedDuration;
use postmortem_core::insights::{insights, percentile, ActionCounts, Filter, Insights, Month};
use postmortem_core::model::{ActionItem, ActionStatus, Document, KeyTime, Severity, Stamp};

const TODAY: Date = date(2025, 6, 1);

fn mins(m: i64) -> SignedDuration {
    SignedDuration::from_mins(m)
}

fn secs(s: i64) -> SignedDuration {
    SignedDuration::from_secs(s)
}

fn action(title: &str, owner: &str, due: Option<&str>, status: ActionStatus) -> ActionItem {
    ActionItem {
        title: title.into(),
        owner: owner.into(),
        due: due.map(Into::into),
        status,
        ..ActionItem::default()
    }
}

/// The folder. Minutes after the start, per incident:
///
/// | name | sev  | services         | detected | ack | mitigated | resolved |
/// | a    | SEV1 | checkout         | 5        | 10  | 30        | 60       |
/// | b    | SEV2 | checkout, search | 10       | 12  | 40        | 120      |
/// | c    | SEV2 | search           | ≈20      | 30  | 50        | 90       |
/// | d    | none | none             | 15       |     |           | 45       |
/// | e    | SEV1 (tagged Game-Day: a drill)                              |
/// | f    | SEV3 | checkout         | −10      | −5  | 20        | 40       |
///
/// d started 2025-03-31 23:30 UTC, which is 1 April in Tokyo, its zone.
fn folder() -> Vec<(String, Document)> {
    let doc = |sev: Option<Severity>, services: &[&str], times: [&str; 5]| {
        let mut d = Document {
            severity: sev,
            services: services.iter().map(|s| s.to_string()).collect(),
            ..Document::default()
        };
        for (k, t) in KeyTime::ALL.iter().zip(times) {
            *d.times.slot(*k) = (!t.is_empty()).then(|| Stamp(t.to_string()));
        }
        d
    };
    let mut a = doc(
        Some(Severity::Sev1),
        &["checkout"],
        [
            "2025-01-10T10:00:00+00:00[UTC]",
            "2025-01-10T10:05:00+00:00[UTC]",
            "2025-01-10T10:10:00+00:00[UTC]",
            "2025-01-10T10:30:00+00:00[UTC]",
            "2025-01-10T11:00:00+00:00[UTC]",
        ],
    );
    a.tags = vec!["payments".into()];
    a.actions = vec![
        action("Fix retry", "Ana", Some("2025-05-01"), ActionStatus::Open),
        action(
            "Add alert",
            "Ana",
            Some("2025-07-01"),
            ActionStatus::InProgress,
        ),
        action(
            "Write runbook",
            "Bo",
            Some("2025-01-01"),
            ActionStatus::Done,
        ),
    ];
    let mut b = doc(
        Some(Severity::Sev2),
        &["checkout", "search"],
        [
            "2025-01-20T10:00:00+00:00[UTC]",
            "2025-01-20T10:10:00+00:00[UTC]",
            "2025-01-20T10:12:00+00:00[UTC]",
            "2025-01-20T10:40:00+00:00[UTC]",
            "2025-01-20T12:00:00+00:00[UTC]",
        ],
    );
    b.actions = vec![
        action("Nobody's", " ", Some("2025-05-31"), ActionStatus::Open),
        action("Due today", "Bo", Some("2025-06-01"), ActionStatus::Open),
        action("Dropped", "Bo", Some("2025-01-01"), ActionStatus::WontDo),
    ];
    let mut c = doc(
        Some(Severity::Sev2),
        &["search"],
        [
            "2025-02-03T10:00:00+00:00[UTC]",
            "2025-02-03T10:20:00+00:00[UTC]",
            "2025-02-03T10:30:00+00:00[UTC]",
            "2025-02-03T10:50:00+00:00[UTC]",
            "2025-02-03T11:30:00+00:00[UTC]",
        ],
    );
    c.times.set_approximate(KeyTime::Detected, true);
    c.actions = vec![action(
        "Bad date",
        "Ana",
        Some("next week"),
        ActionStatus::Open,
    )];
    let mut d = doc(
        None,
        &[],
        [
            "2025-03-31T23:30:00+00:00[UTC]",
            "2025-03-31T23:45:00+00:00[UTC]",
            "",
            "",
            "2025-04-01T00:15:00+00:00[UTC]",
        ],
    );
    d.time_zone = "Asia/Tokyo".into();
    let mut e = doc(
        Some(Severity::Sev1),
        &["checkout"],
        [
            "2025-02-10T10:00:00+00:00[UTC]",
            "2025-02-10T10:01:00+00:00[UTC]",
            "",
            "",
            "2025-02-10T10:02:00+00:00[UTC]",
        ],
    );
    e.tags = vec![" Game-Day".into()];
    e.actions = vec![action(
        "Drill follow-up",
        "Ana",
        Some("2025-03-01"),
        ActionStatus::Open,
    )];
    let f = doc(
        Some(Severity::Sev3),
        &["checkout"],
        [
            "2025-03-05T10:00:00+00:00[UTC]",
            "2025-03-05T09:50:00+00:00[UTC]",
            "2025-03-05T09:55:00+00:00[UTC]",
            "2025-03-05T10:20:00+00:00[UTC]",
            "2025-03-05T10:40:00+00:00[UTC]",
        ],
    );
    [("a", a), ("b", b), ("c", c), ("d", d), ("e", e), ("f", f)]
        .into_iter()
        .map(|(n, d)| (n.to_string(), d))
        .collect()
}

fn run(filter: &Filter) -> Insights {
    let docs = folder();
    insights(docs.iter().map(|(n, d)| (n.as_str(), d)), TODAY, filter)
}

fn names(i: &Insights) -> Vec<&str> {
    i.incidents.iter().map(String::as_str).collect()
}

#[test]
fn incidents_are_counted_by_month_severity_and_service_without_drills() {
    let i = run(&Filter::default());
    assert_eq!(names(&i), ["a", "b", "c", "d", "f"]);
    assert_eq!(i.drills_left_out, 1);
    assert_eq!((i.filtered_out, i.undated), (0, 0));
    assert_eq!(
        (i.first, i.last),
        (Some(date(2025, 1, 10)), Some(date(2025, 4, 1)))
    );
    let month = |y, m| Month { year: y, month: m };
    type Row = (String, Vec<(Option<Severity>, usize)>);
    let months: Vec<Row> = i
        .by_month
        .iter()
        .map(|(m, s)| (m.to_string(), s.iter().map(|(k, v)| (*k, *v)).collect()))
        .collect();
    assert_eq!(
        months,
        [
            (
                "2025-01".to_string(),
                vec![(Some(Severity::Sev1), 1), (Some(Severity::Sev2), 1)]
            ),
            ("2025-02".to_string(), vec![(Some(Severity::Sev2), 1)]),
            ("2025-03".to_string(), vec![(Some(Severity::Sev3), 1)]),
            // d: 23:30 UTC on 31 March is 1 April in Tokyo.
            ("2025-04".to_string(), vec![(None, 1)]),
        ]
    );
    assert!(i.by_month.contains_key(&month(2025, 4)));
    let sev: Vec<_> = i.by_severity.iter().map(|(k, v)| (*k, *v)).collect();
    assert_eq!(
        sev,
        [
            (None, 1),
            (Some(Severity::Sev1), 1),
            (Some(Severity::Sev2), 2),
            (Some(Severity::Sev3), 1)
        ]
    );
    let services: Vec<_> = i.by_service.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    assert_eq!(services, [("checkout", 3), ("search", 2)]);
    assert_eq!(i.no_service, 1);
}

#[test]
fn response_times_are_medians_and_spreads_of_the_key_times() {
    let i = run(&Filter::default());
    let keys: Vec<_> = i.response.iter().map(|d| (d.key, d.formula)).collect();
    assert_eq!(
        keys,
        [
            ("ttd", "detected \u{2212} impact started"),
            ("tta", "acknowledged \u{2212} detected"),
            ("ttm", "mitigated \u{2212} impact started"),
            ("ttr", "resolved \u{2212} impact started"),
        ]
    );
    let stats = |k: &str| {
        let d = i.response.iter().find(|d| d.key == k).unwrap();
        (
            d.n(),
            d.approximate(),
            d.median(),
            d.percentile(25),
            d.percentile(75),
            d.percentile(90),
        )
    };
    // TTD: 5, 10, 15, ≈20 (f's detection before its start is left out).
    // h = 3 × p: median h 1.5 → 12.5 min; p25 h 0.75 → 5 + 0.75 × 5 = 8.75 min;
    // p75 h 2.25 → 15 + 0.25 × 5 = 16.25 min; p90 h 2.7 → 15 + 0.7 × 5 = 18.5 min.
    assert_eq!(
        stats("ttd"),
        (
            4,
            1,
            Some(secs(750)),
            Some(secs(525)),
            Some(secs(975)),
            Some(secs(1110))
        )
    );
    let ttd = i.response.iter().find(|d| d.key == "ttd").unwrap();
    assert_eq!(ttd.out_of_order, ["f"]);
    assert_eq!(
        ttd.samples
            .iter()
            .map(|s| s.incident.as_str())
            .collect::<Vec<_>>(),
        ["a", "b", "d", "c"]
    );
    // TTA: 2, 5, 5, ≈10 (d has no acknowledgement): median 5; p25 2 + 0.75 × 3 = 4.25;
    // p75 5 + 0.25 × 5 = 6.25; p90 5 + 0.7 × 5 = 8.5.
    assert_eq!(
        stats("tta"),
        (
            4,
            1,
            Some(mins(5)),
            Some(secs(255)),
            Some(secs(375)),
            Some(secs(510))
        )
    );
    // TTM: 20, 30, 40, 50: 35; 27.5; 42.5; 47.
    assert_eq!(
        stats("ttm"),
        (
            4,
            0,
            Some(mins(35)),
            Some(secs(1650)),
            Some(secs(2550)),
            Some(mins(47))
        )
    );
    // TTR: 40, 45, 60, 90, 120 (h = 4 × p): median x[2] = 60; p25 x[1] = 45;
    // p75 x[3] = 90; p90 h 3.6 → 90 + 0.6 × 30 = 108.
    assert_eq!(
        stats("ttr"),
        (
            5,
            0,
            Some(mins(60)),
            Some(mins(45)),
            Some(mins(90)),
            Some(mins(108))
        )
    );
}

#[test]
fn action_items_open_overdue_and_done_by_owner() {
    let i = run(&Filter::default());
    // Open: Fix retry, Add alert, Nobody's, Due today, Bad date; overdue: Fix retry
    // (1 May) and Nobody's (31 May, the day before today); due today is not overdue,
    // nor is a due date that does not read; the drill's item is not counted.
    let counts = |open, overdue, done, wont_do| ActionCounts {
        open,
        overdue,
        done,
        wont_do,
    };
    assert_eq!(i.actions, counts(5, 2, 1, 1));
    let owners: Vec<_> = i.by_owner.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    assert_eq!(
        owners,
        [
            ("", counts(1, 1, 0, 0)),
            ("Ana", counts(3, 1, 0, 0)),
            ("Bo", counts(1, 0, 1, 1)),
        ]
    );
    let overdue: Vec<_> = i
        .overdue
        .iter()
        .map(|o| (o.incident.as_str(), o.title.as_str(), o.due.to_string()))
        .collect();
    assert_eq!(
        overdue,
        [
            ("a", "Fix retry", "2025-05-01".to_string()),
            ("b", "Nobody's", "2025-05-31".to_string())
        ]
    );
}

#[test]
fn filters_pick_the_period_severity_service_tag_and_drills() {
    // From 1 February to 31 March: c and f; d is 1 April in its own zone.
    let period = run(&Filter {
        since: Some(date(2025, 2, 1)),
        until: Some(date(2025, 3, 31)),
        ..Filter::default()
    });
    assert_eq!(names(&period), ["c", "f"]);
    assert_eq!((period.filtered_out, period.drills_left_out), (3, 1));
    assert_eq!(period.actions.open, 1);
    let ttr = period.response.iter().find(|d| d.key == "ttr").unwrap();
    // 40 and 90 minutes: the median is their mean.
    assert_eq!((ttr.n(), ttr.median()), (2, Some(mins(65))));

    let sev2 = run(&Filter {
        severity: Some(Severity::Sev2),
        ..Filter::default()
    });
    assert_eq!(names(&sev2), ["b", "c"]);
    let checkout = run(&Filter {
        service: Some("CHECKOUT".into()),
        ..Filter::default()
    });
    assert_eq!(names(&checkout), ["a", "b", "f"]);
    let tagged = run(&Filter {
        tag: Some("payments".into()),
        ..Filter::default()
    });
    assert_eq!(names(&tagged), ["a"]);

    let drills = run(&Filter {
        include_drills: true,
        ..Filter::default()
    });
    assert_eq!(names(&drills), ["a", "b", "c", "d", "e", "f"]);
    assert_eq!(drills.drills_left_out, 0);
    assert_eq!(drills.actions.overdue, 3);
}

#[test]
fn an_undated_incident_counts_until_a_period_is_asked_for() {
    let undated = Document {
        title: "No times yet".into(),
        ..Document::default()
    };
    let docs = [("u", &undated)];
    let all = insights(docs, TODAY, &Filter::default());
    assert_eq!((all.incidents.len(), all.undated), (1, 1));
    assert!(all.by_month.is_empty());
    assert!(all
        .response
        .iter()
        .all(|d| d.n() == 0 && d.median().is_none()));
    let since = insights(
        docs,
        TODAY,
        &Filter {
            since: Some(date(2025, 1, 1)),
            ..Filter::default()
        },
    );
    assert_eq!((since.incidents.len(), since.filtered_out), (0, 1));
}

#[test]
fn percentiles_interpolate_linearly_between_ranks() {
    let v: Vec<SignedDuration> = [10, 20, 30, 40, 100].map(mins).to_vec();
    // h = 4 × p / 100.
    assert_eq!(percentile(&v, 0), Some(mins(10)));
    assert_eq!(percentile(&v, 50), Some(mins(30)));
    // h 3.6: 40 + 0.6 × 60 = 76.
    assert_eq!(percentile(&v, 90), Some(mins(76)));
    // h 0.4: 10 + 0.4 × 10 = 14.
    assert_eq!(percentile(&v, 10), Some(mins(14)));
    assert_eq!(percentile(&v, 100), Some(mins(100)));
    // One value is every percentile; none is none.
    assert_eq!(percentile(&v[..1], 90), Some(mins(10)));
    assert_eq!(percentile(&[], 50), None);
    // Two values 7 s apart: p25 is 1.75 s above the lower, exactly.
    assert_eq!(
        percentile(&[secs(0), secs(7)], 25),
        Some(SignedDuration::from_millis(1750))
    );
}
