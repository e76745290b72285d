//! The import review's facts and fixes: which zone and date were assumed and
//! from where, and the one-click fixes (re-read the assumed zone, move the
//! assumed date), which touch only the times read with the assumption.

use postmortem_core::file::from_markdown;
use postmortem_core::review::{Basis, ItemKind};
use postmortem_core::{reread, time::zones};

const NO_ZONE: &str = "# Cache outage\n\nDate: 2024-05-02\n\n## Timeline\n\n- 09:10 Deploy starts\n- 09:20 Errors begin, impact starts\n- 09:45 Rollback done\n- 10:05 Back to normal, impact ends\n";
/// The same with one time written in UTC: the zone is taken from it.
const ONE_ZONE: &str = "# Cache outage\n\nDate: 2024-05-02\n\n## Timeline\n\n- 09:10 Deploy starts\n- 09:20 Errors begin, impact starts\n- 09:45 UTC Rollback done\n- 10:05 Back to normal, impact ends\n";

fn utc(s: Option<&postmortem_core::model::Stamp>) -> String {
    zones::instant(s).map(|t| t.to_string()).unwrap_or_default()
}

#[test]
fn an_assumed_zone_is_named_and_each_time_read_with_it_is_listed() {
    let imported = from_markdown(NO_ZONE).unwrap();
    let r = &imported.review;
    let zone = r.zone.as_ref().unwrap();
    assert_eq!((zone.value.as_str(), &zone.basis), ("UTC", &Basis::Nothing));
    let date = r.date.as_ref().unwrap();
    assert_eq!(date.value, "2024-05-02");
    assert!(matches!(&date.basis, Basis::Stated { line: 3, text } if text == "Date: 2024-05-02"));
    // Every time is listed as read in an assumed zone.
    let flagged: Vec<&str> = r
        .items
        .iter()
        .filter(|i| i.code == "zone.none")
        .map(|i| i.path.as_str())
        .collect();
    assert_eq!(
        flagged,
        [
            "timeline[0].at",
            "timeline[1].at",
            "timeline[2].at",
            "timeline[3].at"
        ]
    );
    // With one time written in UTC, the zone is taken from it, and that line is named.
    let one = from_markdown(ONE_ZONE).unwrap().review;
    assert!(matches!(
        &one.zone.as_ref().unwrap().basis,
        Basis::Guessed { line: 9, .. }
    ));
    assert!(one.items.iter().all(|i| i.code != "zone.none"));
    assert_eq!(r.events, 4);
    assert!(r
        .sections
        .iter()
        .any(|m| m.heading == "Timeline" && m.section == "Timeline"));
    // Start and end come from the entries that say so, and the review says where from.
    assert!(r.of(ItemKind::Inferred).any(|i| i.path == "times.started"));
}

#[test]
fn changing_the_assumed_zone_rereads_only_the_times_read_with_it() {
    let imported = from_markdown(ONE_ZONE).unwrap();
    let r = &imported.review;
    let fixed = reread::reread_paths(&imported.doc, "America/New_York", &r.zone_paths).unwrap();
    let d = &fixed.doc;
    assert_eq!(d.time_zone, "America/New_York");
    assert_eq!(utc(d.timeline[0].at.as_ref()), "2024-05-02T13:10:00Z");
    // "09:45 UTC" carried its own zone: it stays.
    assert_eq!(utc(d.timeline[2].at.as_ref()), "2024-05-02T09:45:00Z");
    // The start, taken from an entry, moves with it.
    assert_eq!(utc(d.times.started.as_ref()), "2024-05-02T13:20:00Z");
}

#[test]
fn changing_the_assumed_date_moves_the_times_dated_with_it() {
    let imported = from_markdown(ONE_ZONE).unwrap();
    let moved = reread::move_days(&imported.doc, &imported.review.date_paths, 1);
    assert_eq!(
        utc(moved.doc.timeline[0].at.as_ref()),
        "2024-05-03T09:10:00Z"
    );
    assert_eq!(
        utc(moved.doc.timeline[2].at.as_ref()),
        "2024-05-03T09:45:00Z"
    );
    assert_eq!(
        utc(moved.doc.times.resolved.as_ref()),
        "2024-05-03T10:05:00Z"
    );
    // A time with its own date is not moved.
    let own = "# X\n\n## Timeline\n\n- 2024-05-02 09:10 UTC Deploy\n";
    let imported = from_markdown(own).unwrap();
    assert!(imported.review.date_paths.is_empty());
}

#[test]
fn a_declared_zone_is_read_as_the_zones_clock_and_its_line_is_named() {
    let text = "# Chat outage\n\nAll times in PST.\n\n## Timeline\n\n**July 14, 2022**\n\n- 7:52 p.m. Sends fail\n- 1:10 a.m. Sends work again\n";
    let imported = from_markdown(text).unwrap();
    let zone = imported.review.zone.as_ref().unwrap();
    assert_eq!(zone.value, "America/Los_Angeles");
    assert!(matches!(&zone.basis, Basis::Stated { line: 3, .. }));
    let d = &imported.doc;
    // PDT in July, and the review says so: 7:52 p.m. is 02:52 UTC the next
    // day, 1:10 a.m. rolls past midnight.
    assert!(
        imported
            .review
            .items
            .iter()
            .any(|i| i.code == "zone.season" && i.message.contains("showed PDT")),
        "{:?}",
        imported.review.items
    );
    assert_eq!(utc(d.timeline[0].at.as_ref()), "2022-07-15T02:52:00Z");
    assert_eq!(utc(d.timeline[1].at.as_ref()), "2022-07-15T08:10:00Z");
}
