//! Changes to the rows of the form's lists (timeline, factors, lessons,
//! actions, updates, links, metrics): each is one undo step, a deletion
//! says so in a message with an Undo button, and the focus lands somewhere
//! safe afterwards (never on another row's Delete button).

use super::state::{editor, Toast};
use leptos::prelude::*;
use reactive_stores::Field;
use wasm_bindgen::JsCast;

/// Appends a default row as one step and focuses `focus(n)`, the field of
/// the new row `n` that should take the focus.
pub fn add<E: Default + Send + Sync + 'static>(
    list: Field<Vec<E>>,
    focus: impl Fn(usize) -> String,
) {
    let ed = editor();
    let n = list.read_untracked().len();
    ed.step(|| list.write().push(E::default()));
    ed.focus_request.set(Some(focus(n)));
}

/// Inserts `rows` at `at` as one step (a paste).
pub fn insert<E: Send + Sync + 'static>(list: Field<Vec<E>>, at: usize, rows: Vec<E>) {
    let ed = editor();
    ed.step(|| {
        list.update(|v| {
            let at = at.min(v.len());
            v.splice(at..at, rows);
        })
    });
}

/// Swaps rows `i` and `j` as one step.
pub fn swap<E: Send + Sync + 'static>(list: Field<Vec<E>>, i: usize, j: usize) {
    let ed = editor();
    let len = list.read_untracked().len();
    if i < len && j < len && i != j {
        ed.step(|| list.write().swap(i, j));
    }
}

/// Deletes row `i` as one step, says so with an Undo button, and moves the
/// focus to the heading of `section` (the form's `h-{section}`).
pub fn delete<E: Send + Sync + 'static>(
    list: Field<Vec<E>>,
    i: usize,
    what: String,
    section: &'static str,
) {
    let ed = editor();
    if i >= list.read_untracked().len() {
        return;
    }
    ed.step(|| {
        list.update(|v| {
            v.remove(i);
        })
    });
    offer_undo(format!("Deleted {what}."), format!("Restored {what}."));
    focus_heading(section);
}

/// A message about the step just taken, with an Undo that works while that
/// step is still the last thing that happened (after other edits, the
/// toolbar's Undo walks back through them in order).
pub fn offer_undo(text: String, undone: String) {
    let ed = editor();
    let version = ed.history_version();
    ed.toast.set(Some(Toast {
        text,
        undo: Some(Callback::new(move |_| {
            if ed.undo_last(version) {
                ed.say(undone.clone());
            }
        })),
    }));
}

/// Focuses a section's heading (it has `tabindex="-1"`).
pub fn focus_heading(section: &str) {
    let id = format!("h-{section}");
    request_animation_frame(move || {
        if let Some(h) = document()
            .get_element_by_id(&id)
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = h.focus();
        }
    });
}
