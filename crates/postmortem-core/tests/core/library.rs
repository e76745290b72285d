//! The list of postmortems: each line's incident date and severity, the
//! order of the list, and search.

use postmortem_core::library::{entry_matches, list_order, matches};
use postmortem_core::model::*;
use postmortem_core::storage::{Entry, Index};

fn entry(id: &str, incident: Option<&str>, updated: &str) -> Entry {
    Entry {
        id: id.into(),
        title: format!("Postmortem {id}"),
        status: Status::Draft,
        updated: updated.into(),
        incident: incident.map(str::to_string),
        severity: None,
        exported: None,
    }
}

#[test]
fn an_entry_of_a_document_carries_its_date_and_severity() {
    let doc = Document {
        title: "Late night".into(),
        status: Status::Review,
        severity: Some(Severity::Sev2),
        time_zone: "Asia/Tokyo".into(),
        times: KeyTimes {
            started: Some(Stamp("2025-03-11T23:30:00+00:00[UTC]".into())),
            ..KeyTimes::default()
        },
        ..Document::default()
    };
    assert_eq!(
        Entry::of("pm-1", &doc, "2026-01-02T03:04:05Z"),
        Entry {
            id: "pm-1".into(),
            title: "Late night".into(),
            status: Status::Review,
            updated: "2026-01-02T03:04:05Z".into(),
            incident: Some("2025-03-12".into()),
            severity: Some(Severity::Sev2),
            exported: None,
        }
    );
    let blank = Entry::of("pm-2", &Document::default(), "2026-01-02T03:04:05Z");
    assert_eq!((blank.incident, blank.severity), (None, None));
}

#[test]
fn the_index_writes_date_and_severity_only_when_known() {
    let mut dated = entry("a", Some("2025-03-12"), "2026-01-02T03:04:05Z");
    dated.severity = Some(Severity::Sev1);
    let index = Index {
        entries: vec![dated, entry("b", None, "2026-01-01T00:00:00Z")],
        last_open: Some("a".into()),
        ..Index::default()
    };
    let text = concat!(
        r#"{"entries":[{"id":"a","title":"Postmortem a","status":"draft","updated":"2026-01-02T03:04:05Z","incident":"2025-03-12","severity":"SEV1"},"#,
        r#"{"id":"b","title":"Postmortem b","status":"draft","updated":"2026-01-01T00:00:00Z"}],"last_open":"a"}"#
    );
    assert_eq!(index.encode(), text);
    assert_eq!(Index::decode(text), Ok(index));
}

#[test]
fn an_index_from_an_earlier_build_reads_and_is_written_back_as_it_was() {
    let old = r#"{"entries":[{"id":"pm-1","title":"Login outage","status":"final","updated":"2026-11-18T08:12:00Z"}],"last_open":null}"#;
    let index = Index::decode(old).expect("old index");
    assert_eq!(index.entries[0].incident, None);
    assert_eq!(index.entries[0].severity, None);
    assert_eq!(index.encode(), old);
}

#[test]
fn the_list_shows_the_newest_incident_first_then_undated_by_last_edit() {
    let entries = [
        entry("january", Some("2025-01-10"), "2026-01-01T00:00:00Z"),
        entry("undated-march", None, "2026-03-01T00:00:00Z"),
        entry(
            "june-edited-early",
            Some("2025-06-01"),
            "2025-06-02T00:00:00Z",
        ),
        entry("undated-april", None, "2026-04-01T00:00:00Z"),
        entry(
            "june-edited-late",
            Some("2025-06-01"),
            "2025-07-01T00:00:00Z",
        ),
        // A date that does not read counts as none.
        entry("unreadable", Some("first of June"), "2026-02-01T00:00:00Z"),
    ];
    assert_eq!(list_order(&entries), [4, 2, 0, 3, 1, 5]);
    assert_eq!(list_order(&[]), Vec::<usize>::new());
}

/// A blank document with one word, put where `place` says.
fn with(place: impl FnOnce(&mut Document, String)) -> Document {
    let mut doc = Document::default();
    place(&mut doc, "Zebra".to_string());
    doc
}

#[test]
fn search_looks_in_every_text_of_the_document() {
    let places: Vec<(&str, Document)> = vec![
        ("title", with(|d, w| d.title = w)),
        ("tag", with(|d, w| d.tags.push(w))),
        ("service", with(|d, w| d.services.push(w))),
        ("author", with(|d, w| d.authors.push(w))),
        ("summary", with(|d, w| d.summary = w)),
        ("impact", with(|d, w| d.impact.description = w)),
        (
            "metric label",
            with(|d, w| {
                d.impact.metrics.push(ImpactMetric {
                    label: w,
                    value: "3".into(),
                })
            }),
        ),
        (
            "metric value",
            with(|d, w| {
                d.impact.metrics.push(ImpactMetric {
                    label: "Hosts".into(),
                    value: w,
                })
            }),
        ),
        (
            "timeline",
            with(|d, w| {
                d.timeline.push(TimelineEntry {
                    text: w,
                    ..TimelineEntry::default()
                })
            }),
        ),
        ("trigger", with(|d, w| d.root_cause.trigger = w)),
        ("root cause", with(|d, w| d.root_cause.description = w)),
        (
            "contributing factor",
            with(|d, w| d.root_cause.contributing_factors.push(w)),
        ),
        ("detection", with(|d, w| d.detection = w)),
        ("resolution", with(|d, w| d.resolution = w)),
        ("went well", with(|d, w| d.lessons.went_well.push(w))),
        ("went wrong", with(|d, w| d.lessons.went_wrong.push(w))),
        ("lucky", with(|d, w| d.lessons.lucky.push(w))),
        (
            "action",
            with(|d, w| {
                d.actions.push(ActionItem {
                    title: w,
                    ..ActionItem::default()
                })
            }),
        ),
        (
            "action owner",
            with(|d, w| {
                d.actions.push(ActionItem {
                    owner: w,
                    ..ActionItem::default()
                })
            }),
        ),
        (
            "update",
            with(|d, w| {
                d.updates.push(StatusUpdate {
                    text: w,
                    ..StatusUpdate::default()
                })
            }),
        ),
        (
            "link",
            with(|d, w| {
                d.links.push(Link {
                    title: w,
                    url: "https://example.com".into(),
                })
            }),
        ),
        ("notes", with(|d, w| d.notes = w)),
    ];
    for (place, doc) in &places {
        assert!(matches(doc, "zebra"), "not found in the {place}");
        assert!(
            matches(doc, "EBR"),
            "not found in the {place} as part of a word"
        );
    }
    assert!(!matches(&Document::default(), "zebra"));
}

#[test]
fn every_word_of_the_query_must_be_found_in_any_case() {
    let doc = Document {
        title: "Paiements refusés après la rotation".into(),
        tags: vec!["tls".into()],
        services: vec!["payment-gateway".into()],
        authors: vec!["Ngozi Adeyemi".into()],
        timeline: vec![TimelineEntry {
            text: "Rolled back `rotate-gw-client`.".into(),
            ..TimelineEntry::default()
        }],
        notes: "Ask legal about refunds.".into(),
        ..Document::default()
    };
    for found in [
        "",
        "   ",
        "REFUSÉS",
        "tls paiements",
        "  ngozi\tgateway ",
        "rotate-gw",
        "legal refunds",
    ] {
        assert!(matches(&doc, found), "{found:?} should find it");
    }
    for not_found in ["paiements kubernetes", "sev2", "draft", "gateway-payment"] {
        assert!(
            !matches(&doc, not_found),
            "{not_found:?} should not find it"
        );
    }
}

#[test]
fn an_unreadable_document_is_found_by_its_title() {
    let mut e = entry("x", None, "2026-01-01T00:00:00Z");
    e.title = "Login outage in São Paulo".into();
    assert!(entry_matches(&e, ""));
    assert!(entry_matches(&e, "OUTAGE login"));
    assert!(entry_matches(&e, "são"));
    assert!(!entry_matches(&e, "login draft"));
    assert!(!entry_matches(&e, "x"));
}

#[test]
fn an_export_is_remembered_across_saves_and_changes_after_it_show() {
    let mut index = Index::default();
    let doc = Document {
        title: "Queue stall".into(),
        ..Document::default()
    };
    index.touch(Entry::of("pm-1", &doc, "2026-01-02T10:00:00Z"));
    assert!(index.entries[0].unexported(), "never exported");
    index.mark_exported("pm-1", "2026-01-02T10:05:00Z");
    assert!(!index.entries[0].unexported());
    // The next save keeps the export, and is a change after it.
    index.touch(Entry::of("pm-1", &doc, "2026-01-02T10:09:00Z"));
    assert_eq!(
        index.entries[0].exported.as_deref(),
        Some("2026-01-02T10:05:00Z")
    );
    assert!(index.entries[0].unexported());
    // An index of an earlier build (no `exported`) reads and writes back the same.
    let old = r#"{"entries":[{"id":"a","title":"T","status":"draft","updated":"2026-01-01T00:00:00Z"}],"last_open":"a"}"#;
    assert_eq!(Index::decode(old).unwrap().encode(), old);
}

#[test]
fn a_deleted_postmortem_is_kept_thirty_days_and_can_be_restored() {
    use postmortem_core::model::Document;
    use postmortem_core::storage::{Entry, Index};
    let doc = |title: &str| Document {
        title: title.into(),
        ..Document::default()
    };
    let mut index = Index::default();
    for (id, title) in [
        ("a", "Disk full"),
        ("b", "DNS outage"),
        ("c", "Cert expiry"),
    ] {
        index
            .entries
            .push(Entry::of(id, &doc(title), "2026-11-01T10:00:00Z"));
    }
    let before = index.encode();
    assert!(
        !before.contains("deleted"),
        "an index with nothing deleted keeps its old bytes: {before}"
    );
    let (at, entry) = index.delete("b", "2026-11-02T09:00:00Z").unwrap();
    assert_eq!((at, entry.title.as_str()), (1, "DNS outage"));
    assert_eq!(index.entries.len(), 2);
    assert_eq!(index.deleted[0].entry.id, "b");
    // Stored and read back, the deletion is still there.
    let mut index = Index::decode(&index.encode()).unwrap();
    assert_eq!(index.deleted.len(), 1);
    // Day 29: still kept.
    assert!(index.expire("2026-12-01T08:59:00Z").is_empty());
    // Restored to where it was.
    assert_eq!(index.restore("b", 1).unwrap().title, "DNS outage");
    let ids: Vec<&str> = index.entries.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["a", "b", "c"]);
    assert_eq!(index.encode(), before);
    // Deleted again, thirty days later it is gone for good, and its id is
    // given so its stored document can go too.
    index.delete("b", "2026-11-02T09:00:00Z");
    assert_eq!(index.expire("2026-12-02T09:00:00Z"), ["b"]);
    assert!(index.deleted.is_empty());
    assert!(index.restore("b", 0).is_none());
}

#[test]
fn a_reimported_file_finds_the_postmortem_it_came_from() {
    use postmortem_core::library::same_incident;
    use postmortem_core::model::{Document, Stamp};
    use postmortem_core::storage::Entry;
    let mut doc = Document {
        title: "Cache outage".into(),
        time_zone: "UTC".into(),
        ..Document::default()
    };
    doc.times.started = Some(Stamp("2025-03-12T03:15:00+00:00[UTC]".into()));
    let entries = vec![
        Entry::of(
            "a",
            &Document {
                title: "Cache outage".into(),
                ..Document::default()
            },
            "2026-01-01T00:00:00Z",
        ),
        Entry::of("b", &doc, "2026-01-01T00:00:00Z"),
    ];
    // The same title, spaced and cased otherwise, and the same incident date.
    let mut file = doc.clone();
    file.title = "  cache   OUTAGE ".into();
    file.summary = "Edited elsewhere.".into();
    assert_eq!(
        same_incident(&entries, &file).map(|e| e.id.as_str()),
        Some("b")
    );
    // Another day, another title, or no title: a new postmortem.
    let mut other_day = file.clone();
    other_day.times.started = Some(Stamp("2025-03-13T03:15:00+00:00[UTC]".into()));
    assert!(same_incident(&entries, &other_day).is_none());
    let mut untitled = file.clone();
    untitled.title = String::new();
    assert!(same_incident(&entries, &untitled).is_none());
}
