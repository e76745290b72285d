//! The re-read dialog names each time it changes by its place in the form:
//! "Event 3", "Status update 1", "Impact started", as the paths the re-read
//! returns are read back.

use postmortem_core::model::{Document, KeyTimes, Stamp, TimelineEntry};
use postmortem_core::reread::{place, reread};

#[test]
fn each_path_is_named_as_the_form_names_it() {
    let place = |text: &str| place(&text.parse().unwrap());
    assert_eq!(place("timeline[2].at"), "Event 3");
    assert_eq!(place("timeline[0].at"), "Event 1");
    assert_eq!(place("updates[0].at"), "Status update 1");
    assert_eq!(place("times.started"), "Impact started");
    assert_eq!(place("times.detected"), "Detected");
    // Other fields are given as their path.
    assert_eq!(place("links[0].url"), "links[0].url");
    assert_eq!(place("title"), "title");
}

#[test]
fn every_change_of_a_reread_has_a_named_place() {
    let at = |s: &str| Some(Stamp(s.into()));
    let doc = Document {
        time_zone: "UTC".into(),
        times: KeyTimes {
            started: at("2026-03-12T03:15:00+00:00[UTC]"),
            ..KeyTimes::default()
        },
        timeline: vec![
            TimelineEntry::default(),
            TimelineEntry {
                at: at("2026-03-12T03:20:00+00:00[UTC]"),
                ..TimelineEntry::default()
            },
        ],
        ..Document::default()
    };
    let r = reread(&doc, "Europe/London").unwrap();
    let mut places: Vec<String> = r.changes.iter().map(|c| place(&c.path)).collect();
    places.sort();
    assert_eq!(places, ["Event 2", "Impact started"]);
}
