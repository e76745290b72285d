//! Generated documents for property tests: every field filled with text that
//! tries to break the formats (pipes, backslashes, `<`, `#`, fences, newlines).

use postmortem_core::model::*;
use proptest::prelude::*;
use proptest::sample::select;

const ZONES: &[&str] = &[
    "UTC",
    "Africa/Lagos",
    "America/Los_Angeles",
    "Europe/Berlin",
    "Europe/London",
    "Asia/Kolkata",
    "Australia/Lord_Howe",
    "America/St_Johns",
    "Asia/Kathmandu",
    "Pacific/Chatham",
    "America/Sao_Paulo",
];

/// Pieces text is made of: plain words and everything Markdown or a table cares about.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-zA-Z0-9]{1,8}",
        3 => Just(" ".to_string()),
        2 => select(vec![
            "|", "\\", "<", ">", "#", "*", "_", "`", "[", "]", "(", ")", "~", "&", "!", "-", "+", ".", "=", ":", "\u{b7}",
            "<br>", "\\|", "\\\\", "# ", "## ", "- ", "1. ", "[ ] ", "```", "~~~", "---", "| --- |", "~ ", "\u{2248}",
            "\u{e9}", "\u{65e5}\u{672c}", "\u{1f525}", "\t", "entered in", "invalid time:", "(", "\u{a0}",
        ]).prop_map(str::to_string),
        1 => Just("\n".to_string()),
    ]
}

pub fn text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..max).prop_map(|v| v.concat())
}

fn stamp() -> impl Strategy<Value = Stamp> {
    prop_oneof![
        8 => (select(ZONES), 315_532_800i64..4_102_444_800i64, prop_oneof![4 => Just(0i32), 1 => 0i32..1_000_000_000])
            .prop_map(|(zone, secs, nanos)| {
                let ts = jiff::Timestamp::new(secs - secs % 60 * (nanos == 0) as i64 % 60, nanos).unwrap();
                let tz = postmortem_core::time::zones::zone(zone).unwrap();
                postmortem_core::time::zones::stamp_of(&postmortem_core::time::zones::Zoned::new(ts, tz))
            }),
        1 => (select(vec!["+05:30", "-03:00", "+00:00"]), 315_532_800i64..4_102_444_800i64).prop_map(|(o, secs)| {
                let tz = postmortem_core::time::zones::zone(o).unwrap();
                postmortem_core::time::zones::stamp_of(&postmortem_core::time::zones::Zoned::new(jiff::Timestamp::from_second(secs).unwrap(), tz))
            }),
        1 => "[a-z]{1,6}( [a-z0-9:|\\\\]{1,6})?".prop_map(|s| Stamp(format!("?{s}"))),
    ]
}

fn opt_stamp() -> impl Strategy<Value = Option<Stamp>> {
    prop::option::weighted(0.8, stamp())
}

fn non_empty_line() -> impl Strategy<Value = String> {
    text(6)
        .prop_map(|s| s.replace('\n', " "))
        .prop_filter("non-empty", |s| !s.is_empty())
}

fn list(max_items: usize) -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(text(8), 0..max_items)
}

pub fn document() -> impl Strategy<Value = Document> {
    let meta = (
        text(8),
        select(Status::ALL.to_vec()),
        prop::option::of(select(Severity::ALL.to_vec())),
        list(3),
        list(3),
        list(3),
        prop_oneof![9 => select(ZONES).prop_map(str::to_string), 1 => Just("Mars/Olympus_Mons".to_string())],
    );
    let body = (
        text(30),
        (
            text(20),
            prop::collection::vec(
                (text(5), text(5)).prop_map(|(label, value)| ImpactMetric { label, value }),
                0..3,
            ),
        ),
        (
            prop::collection::vec(opt_stamp(), 5),
            prop::collection::vec(any::<bool>(), 5),
        ),
        prop::collection::vec(
            (
                opt_stamp(),
                any::<bool>(),
                select(TimelineKind::ALL.to_vec()),
                text(12),
            )
                .prop_map(|(at, approximate, kind, text)| TimelineEntry {
                    at,
                    approximate,
                    kind,
                    text,
                }),
            0..6,
        ),
        (text(10), text(20), list(3)).prop_map(|(trigger, description, contributing_factors)| {
            RootCause {
                trigger,
                description,
                contributing_factors,
            }
        }),
        (text(10), text(10)),
    );
    let tail = (
        (list(3), list(3), list(3)).prop_map(|(went_well, went_wrong, lucky)| Lessons {
            went_well,
            went_wrong,
            lucky,
        }),
        prop::collection::vec(
            (
                text(6),
                text(4),
                prop::option::of(prop_oneof![
                    "20[0-9]{2}-[01][0-9]-[0-3][0-9]",
                    non_empty_line()
                ]),
                prop::option::of(select(ActionKind::ALL.to_vec())),
                prop::option::of(select(Priority::ALL.to_vec())),
                select(ActionStatus::ALL.to_vec()),
                prop::option::of(prop_oneof![
                    Just("https://tracker.example.com/INC-1".to_string()),
                    "https://x\\.io/[a-z_|<>()]{0,6}",
                    non_empty_line(),
                ]),
            )
                .prop_map(|(title, owner, due, kind, priority, status, link)| {
                    ActionItem {
                        title,
                        owner,
                        due,
                        kind,
                        priority,
                        status,
                        link,
                    }
                }),
            0..4,
        ),
        prop::collection::vec(
            (opt_stamp(), select(UpdateState::ALL.to_vec()), text(12))
                .prop_map(|(at, state, text)| StatusUpdate { at, state, text }),
            0..4,
        ),
        prop::collection::vec(
            (
                text(5),
                prop_oneof![
                    non_empty_line(),
                    Just(String::new()),
                    Just("https://a.example/(x)".to_string())
                ],
            )
                .prop_map(|(title, url)| Link { title, url }),
            0..3,
        ),
        text(20),
    );
    (meta, body, tail).prop_map(|(m, b, t)| {
        let (title, status, severity, authors, tags, services, time_zone) = m;
        let (
            summary,
            (desc, metrics),
            (times, approx),
            timeline,
            root_cause,
            (detection, resolution),
        ) = b;
        let (lessons, actions, updates, links, notes) = t;
        let mut key = KeyTimes::default();
        for (i, k) in KeyTime::ALL.iter().enumerate() {
            *key.slot(*k) = times[i].clone();
            key.set_approximate(*k, approx[i]);
        }
        Document {
            title,
            status,
            severity,
            authors,
            tags,
            services,
            time_zone,
            summary,
            impact: Impact {
                description: desc,
                metrics,
            },
            times: key,
            timeline,
            root_cause,
            detection,
            resolution,
            lessons,
            actions,
            updates,
            links,
            notes,
            ..Document::default()
        }
    })
}
