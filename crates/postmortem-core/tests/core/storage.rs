//! What storage reads without opening a document: the revision at the head
//! of its envelope (to hear another tab's saves), and the list's note of the
//! last export, a reminder three days after an edit that no file has.

use postmortem_core::model::{Document, Status};
use postmortem_core::storage::{encode, revision_of, Entry, Stored};

#[test]
fn the_revision_is_read_from_the_head_of_what_was_stored() {
    let stored = Stored {
        revision: 42,
        saved_at: "2026-01-02T10:00:00.000Z".into(),
        document: Document {
            title: "\"revision\": 7".into(),
            notes: "x".repeat(10_000),
            ..Document::default()
        },
    };
    assert_eq!(revision_of(&encode(&stored)), Some(42));
}

#[test]
fn a_head_without_a_revision_in_digits_has_none() {
    assert_eq!(revision_of(""), None);
    assert_eq!(revision_of("not json at all"), None);
    assert_eq!(revision_of(r#"{"envelope":1,"revision":-3}"#), None);
    assert_eq!(revision_of(r#"{"envelope":1,"revision":"4"}"#), None);
    assert_eq!(
        revision_of(r#"{"envelope":1,"revision":99999999999999999999999}"#),
        None
    );
    // Far into the text is not the head: a document's own text is never read.
    let late = format!("{{\"document\":\"{}\",\"revision\":5}}", "é".repeat(60));
    assert_eq!(revision_of(&late), None);
}

fn entry(updated: &str, exported: Option<&str>) -> Entry {
    Entry {
        id: "pm-1".into(),
        title: "Queue stall".into(),
        status: Status::Draft,
        updated: updated.into(),
        incident: None,
        severity: None,
        exported: exported.map(str::to_string),
    }
}

const NOW: &str = "2026-03-12T09:00:00.000Z";

#[test]
fn a_document_never_exported_is_a_reminder_three_days_after_its_last_edit() {
    let fresh = entry("2026-03-09T09:00:01.000Z", None).export_note(NOW);
    assert_eq!(fresh.text, "Not exported yet");
    assert!(!fresh.reminder);
    let old = entry("2026-03-09T09:00:00.000Z", None).export_note(NOW);
    assert_eq!(old.text, "Never exported; last edited 2026-03-09");
    assert!(old.reminder);
}

#[test]
fn a_change_after_the_export_is_a_reminder_three_days_on() {
    let exported = Some("2026-03-01T23:30:00.000Z");
    let recent = entry("2026-03-11T10:00:00.000Z", exported).export_note(NOW);
    assert_eq!(recent.text, "Exported 2026-03-01; changed since");
    assert!(!recent.reminder);
    let old = entry("2026-03-02T10:00:00.000Z", exported).export_note(NOW);
    assert_eq!(old.text, "Changed since its export on 2026-03-01");
    assert!(old.reminder);
}

#[test]
fn an_export_after_the_last_edit_is_no_reminder_however_old() {
    let note = entry("2026-01-02T10:00:00Z", Some("2026-01-02T10:05:00Z")).export_note(NOW);
    assert_eq!(note.text, "Exported 2026-01-02");
    assert!(!note.reminder);
}

#[test]
fn a_time_that_cannot_be_read_is_shown_as_stored_and_reminds_of_nothing() {
    let note = entry("yesterday", None).export_note(NOW);
    assert_eq!(note.text, "Not exported yet");
    assert!(!note.reminder);
    let note = entry("2026-01-02T10:00:00Z", Some("later")).export_note(NOW);
    assert_eq!(note.text, "Exported later");
}
