//! The undo history: typing is one step until it is sealed, a structural
//! change is a step of its own, undo and redo walk the steps, a new step
//! forgets what was undone, and only so many steps are kept.

use postmortem_core::history::{caret_after, changed_texts, History, DEPTH};
use postmortem_core::model::{Document, TimelineEntry};

fn titled(title: &str) -> Document {
    Document {
        title: title.into(),
        ..Document::default()
    }
}

#[test]
fn a_new_history_has_nothing_to_undo_or_redo() {
    let mut h = History::new(titled("A"));
    assert!(!h.can_undo() && !h.can_redo());
    assert_eq!(h.undo(&titled("A")), None);
    assert_eq!(h.redo(&titled("A")), None);
}

#[test]
fn typing_is_one_step_until_sealed() {
    let mut h = History::new(titled(""));
    assert!(h.heard(&titled("Q")));
    assert!(h.can_undo() && h.is_open());
    assert!(h.heard(&titled("Qu")));
    assert!(h.heard(&titled("Queue")));
    assert!(h.seal(&titled("Queue")));
    assert!(!h.is_open());
    assert_eq!(h.undo(&titled("Queue")), Some(titled("")));
    assert!(!h.can_undo());
    assert_eq!(h.redo(&titled("")), Some(titled("Queue")));
}

#[test]
fn an_edit_that_leaves_the_document_as_it_was_is_no_step() {
    let mut h = History::new(titled("A"));
    assert!(!h.heard(&titled("A")));
    assert!(!h.can_undo());
    h.step(&titled("A"));
    assert!(!h.can_undo());
}

#[test]
fn undo_seals_an_open_typing_step_first() {
    let mut h = History::new(titled("A"));
    h.heard(&titled("AB"));
    // Not sealed: the pause has not come yet.
    assert_eq!(h.undo(&titled("ABC")), Some(titled("A")));
    assert_eq!(h.redo(&titled("A")), Some(titled("ABC")));
}

#[test]
fn a_structural_change_is_a_step_of_its_own() {
    let mut h = History::new(titled("A"));
    h.heard(&titled("AB"));
    h.seal(&titled("AB"));
    let mut rows = titled("AB");
    rows.timeline.push(TimelineEntry::default());
    h.step(&rows);
    assert_eq!(h.undo(&rows), Some(titled("AB")));
    assert_eq!(h.undo(&titled("AB")), Some(titled("A")));
}

#[test]
fn a_new_step_forgets_what_was_undone() {
    let mut h = History::new(titled("A"));
    h.step(&titled("B"));
    assert_eq!(h.undo(&titled("B")), Some(titled("A")));
    assert!(h.can_redo());
    h.step(&titled("C"));
    assert!(!h.can_redo());
    assert_eq!(h.undo(&titled("C")), Some(titled("A")));
}

#[test]
fn only_the_last_steps_are_kept() {
    let mut h = History::new(titled("0"));
    for i in 1..=DEPTH + 5 {
        h.step(&titled(&i.to_string()));
    }
    let mut now = titled(&(DEPTH + 5).to_string());
    let mut undone = 0;
    while let Some(doc) = h.undo(&now) {
        now = doc;
        undone += 1;
    }
    assert_eq!(undone, DEPTH);
    assert_eq!(now, titled("5"));
}

#[test]
fn the_version_tells_whether_a_step_is_still_the_last() {
    let mut h = History::new(titled("A"));
    h.step(&titled("B"));
    let v = h.version();
    assert!(h.is_last(v));
    h.heard(&titled("BC"));
    assert!(!h.is_last(v), "typing came after it");
    h.seal(&titled("BC"));
    assert!(!h.is_last(v));
    assert!(h.is_last(h.version()));
}

#[test]
fn changed_texts_name_the_field_and_what_holds_it() {
    let mut before = titled("Queue");
    before.timeline.push(TimelineEntry {
        text: "Paged".into(),
        ..TimelineEntry::default()
    });
    let mut after = before.clone();
    after.timeline[0].text = "Paged on-call".into();
    let changes = changed_texts(&before, &after);
    assert_eq!(changes.len(), 1, "{changes:?}");
    assert_eq!(
        changes[0].paths,
        ["timeline[0].text", "timeline[0]", "timeline"]
    );
    assert_eq!(changes[0].before, "Paged");
    assert_eq!(changes[0].after, "Paged on-call");
    // A row only one side has is one change, at the row.
    let mut more = after.clone();
    more.timeline.push(TimelineEntry {
        text: "Fixed".into(),
        ..TimelineEntry::default()
    });
    let added = changed_texts(&after, &more);
    assert_eq!(added.len(), 1, "{added:?}");
    assert_eq!(added[0].paths, ["timeline[1]", "timeline"]);
    assert!(changed_texts(&before, &before).is_empty());
}

#[test]
fn the_caret_goes_after_what_changed_counted_in_utf16() {
    assert_eq!(caret_after("Paged", "Paged on-call"), 13);
    assert_eq!(caret_after("Paged on-call", "Paged"), 5);
    assert_eq!(caret_after("abc", "aXc"), 2);
    // "é" and "😀" count 1 and 2 units in the browser.
    assert_eq!(caret_after("é", "é😀"), 3);
    assert_eq!(caret_after("same", "same"), 4);
}

#[test]
fn a_long_document_keeps_fewer_steps_but_always_the_last() {
    use postmortem_core::history::{BUDGET, DEPTH};
    // About 4 MB of text: two hundred copies would be 800 MB of the page's
    // memory, which is how a big document once stopped the editor.
    let big = |n: usize| {
        let mut d = titled(&format!("step {n}"));
        d.notes = "x".repeat(4 * 1024 * 1024);
        d
    };
    let mut h = History::new(big(0));
    for n in 1..=40 {
        h.step(&big(n));
    }
    assert!(
        h.steps() * 4 * 1024 * 1024 <= BUDGET,
        "{} steps kept",
        h.steps()
    );
    assert!(h.steps() >= 10, "only {} steps kept", h.steps());
    // The latest steps are the ones kept, in order.
    assert_eq!(h.undo(&big(40)).unwrap().title, "step 39");
    assert_eq!(h.undo(&big(39)).unwrap().title, "step 38");
    // A document bigger than the whole budget still keeps its last step.
    let mut huge = titled("huge");
    huge.notes = "y".repeat(BUDGET + 1);
    let mut h = History::new(huge.clone());
    let mut after = huge.clone();
    after.title = "huge, renamed".into();
    h.step(&after);
    assert_eq!(h.steps(), 1);
    assert_eq!(h.undo(&after).unwrap().title, "huge");
    // Small documents keep the full depth.
    let mut h = History::new(titled("0"));
    for n in 1..=DEPTH + 20 {
        h.step(&titled(&n.to_string()));
    }
    assert_eq!(h.steps(), DEPTH);
}
