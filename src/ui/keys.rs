//! Keys: the page's one undo history reached from the keyboard and from the
//! browser's own undo. Ctrl+Z / Ctrl+Shift+Z (Cmd on a Mac) and Ctrl+Y go
//! to the history, in the document's fields too (their ids start with "f-"),
//! so the browser never undoes a field's typing behind the history's back.
//! Other text fields (search, the zone typed in a dialog) keep the
//! browser's undo.

use super::state::Editor;
use leptos::prelude::*;
use wasm_bindgen::{closure::Closure, JsCast};

/// Whether an event's target is a text field, a select or editable content.
fn in_text(target: Option<web_sys::EventTarget>) -> bool {
    target
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| {
            matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                || el.closest("[contenteditable]").ok().flatten().is_some()
        })
}

/// Whether an event's target is a field of the document (see `state::field_id`).
fn in_document_field(target: Option<web_sys::EventTarget>) -> bool {
    in_text(target.clone())
        && target
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|el| el.id().starts_with("f-"))
}

/// Listens for undo and redo, for as long as the page lives.
pub fn listen(ed: Editor) {
    let _ = window_event_listener(leptos::ev::keydown, move |ev: web_sys::KeyboardEvent| {
        if !(ev.ctrl_key() || ev.meta_key()) || ev.alt_key() {
            return;
        }
        let key = ev.key().to_lowercase();
        if key != "z" && key != "y" {
            return;
        }
        if !in_document_field(ev.target()) && in_text(ev.target()) {
            return;
        }
        ev.prevent_default();
        if ed.read_only.get_untracked().is_some() {
            return;
        }
        if key == "y" || ev.shift_key() {
            ed.redo();
        } else {
            ed.undo();
        }
    });
    // The browser's own undo reached another way (its Edit menu, a context
    // menu, execCommand) in a field of the document: the same history. A
    // cancelable beforeinput is turned away; Chrome may only send the input
    // after the fact, which is caught first (capture) and kept from the
    // field's handler, so the history's undo runs instead of a new edit, and
    // the form, following the document, writes the field back.
    let on_history = Closure::<dyn Fn(web_sys::Event)>::new(move |ev: web_sys::Event| {
        let kind = js_sys::Reflect::get(&ev, &"inputType".into())
            .ok()
            .and_then(|k| k.as_string())
            .unwrap_or_default();
        let back = match kind.as_str() {
            "historyUndo" => true,
            "historyRedo" => false,
            _ => return,
        };
        // A beforeinput that cannot be turned away is left to its input.
        if !in_document_field(ev.target()) || (ev.type_() == "beforeinput" && !ev.cancelable()) {
            return;
        }
        ev.prevent_default();
        ev.stop_immediate_propagation();
        if ed.read_only.get_untracked().is_some() {
            return;
        }
        if back {
            ed.undo();
        } else {
            ed.redo();
        }
        // Whatever the history did, the form shows the document again.
        ed.doc.update(|_| {});
    });
    for name in ["beforeinput", "input"] {
        let _ = window().add_event_listener_with_callback_and_bool(
            name,
            on_history.as_ref().unchecked_ref(),
            true,
        );
    }
    on_history.forget(); // lives as long as the page
}
