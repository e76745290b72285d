//! A timeline pasted as text. Expected stamps are worked out by hand: Lagos
//! is +01:00 all year, and each line's date comes from the line above.

use postmortem_core::model::{Stamp, TimelineEntry};
use postmortem_core::paste;
use postmortem_core::time::clock::Context;
use postmortem_core::time::zones;

fn following(anchor: Option<&str>, zone: &str) -> Context {
    Context {
        anchor: anchor.map(|s| zones::parse_stamp(&Stamp(s.into())).unwrap()),
        zone: zone.into(),
        zone_from_anchor: false,
    }
}

fn lagos_morning() -> Context {
    following(
        Some("2025-03-12T03:00:00+01:00[Africa/Lagos]"),
        "Africa/Lagos",
    )
}

fn event(at: Option<&str>, text: &str) -> TimelineEntry {
    TimelineEntry {
        at: at.map(|s| Stamp(s.into())),
        text: text.into(),
        ..TimelineEntry::default()
    }
}

const AT_0315: &str = "2025-03-12T03:15:00+01:00[Africa/Lagos]";

#[test]
fn each_shape_of_line_gives_its_time_and_text() {
    let ctx = lagos_morning();
    for (line, at, text) in [
        (
            "[10:42 AM] Dana: restarted the pods",
            "2025-03-12T10:42:00+01:00[Africa/Lagos]",
            "Dana: restarted the pods",
        ),
        (
            "[10:42] Dana: restarted the pods",
            "2025-03-12T10:42:00+01:00[Africa/Lagos]",
            "Dana: restarted the pods",
        ),
        (
            "[2025-03-12 10:42] Dana: restarted the pods",
            "2025-03-12T10:42:00+01:00[Africa/Lagos]",
            "Dana: restarted the pods",
        ),
        (
            "03:15 WAT - paged the on-call",
            AT_0315,
            "paged the on-call",
        ),
        (
            "2025-03-12 03:15 UTC error rate above 5%",
            "2025-03-12T03:15:00+00:00[UTC]",
            "error rate above 5%",
        ),
        ("- 03:15 paged", AT_0315, "paged"),
        ("* 03:15 paged", AT_0315, "paged"),
        ("+ 03:15 paged", AT_0315, "paged"),
        ("1. 03:15 paged", AT_0315, "paged"),
        ("12) 03:15 paged", AT_0315, "paged"),
        ("**03:15** paged", AT_0315, "paged"),
        ("- **03:15 WAT** \u{2013} paged", AT_0315, "paged"),
        ("| 03:15 | paged |", AT_0315, "paged"),
        ("| 03:15 | Dana | paged |", AT_0315, "Dana | paged"),
        ("03:15: paged", AT_0315, "paged"),
        ("03:15|paged", AT_0315, "paged"),
        ("03:15\tpaged", AT_0315, "paged"),
        ("03:15 \u{2013} paged", AT_0315, "paged"),
        ("03:15 \u{2014} paged", AT_0315, "paged"),
        ("03:15 - - paged", AT_0315, "paged"),
        (
            "3:15 p.m. - paged",
            "2025-03-12T15:15:00+01:00[Africa/Lagos]",
            "paged",
        ),
        ("03:15 Africa/Lagos paged", AT_0315, "paged"),
        (
            "03:15 -05:00 paged",
            "2025-03-12T03:15:00-05:00[-05:00]",
            "paged",
        ),
        // The text keeps its own dashes and colons.
        ("03:15 -5% traffic: bad", AT_0315, "-5% traffic: bad"),
        ("03:15 - 03:40 outage", AT_0315, "03:40 outage"),
    ] {
        assert_eq!(
            paste::timeline(line, &ctx),
            vec![event(Some(at), text)],
            "{line}"
        );
    }
}

#[test]
fn a_lower_case_word_after_the_time_is_text_not_a_zone() {
    // CAT is Central Africa Time: written so, it is the zone.
    assert_eq!(
        paste::timeline("03:15 cat the logs\n03:20 CAT paged", &lagos_morning()),
        vec![
            event(Some(AT_0315), "cat the logs"),
            event(Some("2025-03-12T03:20:00+02:00[Africa/Maputo]"), "paged"),
        ]
    );
    assert_eq!(
        paste::timeline("03:15 utc paged", &lagos_morning()),
        vec![event(Some("2025-03-12T03:15:00+00:00[UTC]"), "paged")]
    );
}

#[test]
fn lines_without_a_time_are_events_without_one() {
    let pasted = "\
Root cause: a bad config push

- customers saw errors
1. see the dashboard
[link](https://example.com) later
| | the row has no time |
**Note** the pager was quiet";
    assert_eq!(
        paste::timeline(pasted, &lagos_morning()),
        vec![
            event(None, "Root cause: a bad config push"),
            event(None, "customers saw errors"),
            event(None, "see the dashboard"),
            event(None, "[link](https://example.com) later"),
            event(None, "the row has no time"),
            event(None, "**Note** the pager was quiet"),
        ]
    );
    assert!(paste::timeline(" \n\n\t\n", &lagos_morning()).is_empty());
}

#[test]
fn a_time_that_does_not_read_is_kept_as_written() {
    let pasted = "\
25:99 restarted
3:75pm - rolled back
2025-02-30 03:15 deployed
[24:10] alert";
    assert_eq!(
        paste::timeline(pasted, &lagos_morning()),
        vec![
            event(Some("25:99"), "restarted"),
            event(Some("3:75pm"), "rolled back"),
            event(Some("2025-02-30 03:15"), "deployed"),
            event(Some("24:10"), "alert"),
        ]
    );
}

#[test]
fn a_time_that_cannot_be_placed_is_kept_as_written() {
    // No date anywhere before the first line; the second gives one.
    let pasted = "\
03:20 WAT paged
03:25 acknowledged
2025-03-12 03:30 mitigated
03:40 resolved";
    assert_eq!(
        paste::timeline(pasted, &following(None, "Africa/Lagos")),
        vec![
            event(Some("03:20 WAT"), "paged"),
            event(Some("03:25"), "acknowledged"),
            event(Some("2025-03-12T03:30:00+01:00[Africa/Lagos]"), "mitigated"),
            event(Some("2025-03-12T03:40:00+01:00[Africa/Lagos]"), "resolved"),
        ]
    );
    // Skipped by the clocks going forward; an abbreviation of three zones.
    let la = following(
        Some("2025-03-09T01:50:00-08:00[America/Los_Angeles]"),
        "America/Los_Angeles",
    );
    assert_eq!(
        paste::timeline("02:30 deployed\n03:15 IST paged", &la),
        vec![
            event(Some("02:30"), "deployed"),
            event(Some("03:15 IST"), "paged"),
        ]
    );
}

#[test]
fn each_line_follows_the_line_above_across_midnight() {
    let ctx = following(
        Some("2025-03-12T23:00:00+01:00[Africa/Lagos]"),
        "Africa/Lagos",
    );
    let pasted = "\
23:50 a
00:10 b
nothing here
00:20 c
2025-03-20 08:00 d
08:30 e";
    assert_eq!(
        paste::timeline(pasted, &ctx),
        vec![
            event(Some("2025-03-12T23:50:00+01:00[Africa/Lagos]"), "a"),
            event(Some("2025-03-13T00:10:00+01:00[Africa/Lagos]"), "b"),
            event(None, "nothing here"),
            event(Some("2025-03-13T00:20:00+01:00[Africa/Lagos]"), "c"),
            event(Some("2025-03-20T08:00:00+01:00[Africa/Lagos]"), "d"),
            event(Some("2025-03-20T08:30:00+01:00[Africa/Lagos]"), "e"),
        ]
    );
}

#[test]
fn a_markdown_table_loses_its_frame_only() {
    let pasted = "\
| Time | Event |
|------|:------|
| 03:15 | paged |
| 03:20 WAT | acknowledged |";
    assert_eq!(
        paste::timeline(pasted, &lagos_morning()),
        vec![
            event(Some(AT_0315), "paged"),
            event(
                Some("2025-03-12T03:20:00+01:00[Africa/Lagos]"),
                "acknowledged"
            ),
        ]
    );
}

/// Issue 24: a line after `03:15 WAT` with no zone is on West Africa's clock
/// too, in a document shown in London; a number alone starting a line is
/// text, not a time.
#[test]
fn a_pasted_line_takes_the_zone_of_the_line_it_takes_its_date_from() {
    let ctx = Context {
        zone_from_anchor: true,
        ..following(None, "Europe/London")
    };
    assert_eq!(
        paste::timeline(
            "2025-03-12 03:15 WAT alert\n3:20am paged\n03:40 restarted\n1500 requests failed",
            &ctx
        ),
        vec![
            event(Some("2025-03-12T03:15:00+01:00[Africa/Lagos]"), "alert"),
            event(Some("2025-03-12T03:20:00+01:00[Africa/Lagos]"), "paged"),
            event(Some("2025-03-12T03:40:00+01:00[Africa/Lagos]"), "restarted"),
            event(None, "1500 requests failed"),
        ]
    );
}

#[test]
fn a_time_kept_as_written_keeps_its_a_m_however_it_is_spelled() {
    // The reader of times takes `a.m` as well as `a.m.`: so does a time
    // that does not read.
    assert_eq!(
        paste::timeline("3:75 a.m - rolled back", &lagos_morning()),
        vec![event(Some("3:75 a.m"), "rolled back")]
    );
}
