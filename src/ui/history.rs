//! Undo and redo for every edit of the open document, on the page: the
//! core's history (`postmortem_core::history`: whole-document steps and
//! their rules) held by the editor, the pause that ends a typing step, and
//! the focus that follows an undo or a redo.
//!
//! Typing opens a step that stays open until typing pauses
//! ([`TYPING_PAUSE`]), so a sentence is one step, not one per letter. A
//! structural change made through [`Editor::step`] is a step of its own.
//! Undo and redo replace the whole document; the form follows, as it does
//! when another document is opened.
//!
//! There is one history for the whole page: Ctrl+Z inside a field of the
//! document goes through it too (the browser's own undo of that field is
//! turned away, see `keys`), so nothing is undone twice. After an undo or
//! a redo the field whose text changed has the focus, its caret where the
//! change was ([`follow_focus`]).

use super::state::{field_id, Editor};
use leptos::prelude::*;
use postmortem_core::history::{caret_after, changed_texts, Change, History};
use std::time::Duration;

/// How long typing must pause before the next keystroke starts a new step.
pub const TYPING_PAUSE: Duration = Duration::from_millis(700);

impl Editor {
    /// Forgets every step: another document was opened.
    pub fn history_reset(&self) {
        let doc = self.doc.get_untracked();
        self.history.set_value(History::new(doc));
        self.sync_history();
    }

    fn sync_history(&self) {
        let (undo, redo) = self.history.with_value(|h| (h.can_undo(), h.can_redo()));
        if self.can_undo.get_untracked() != undo {
            self.can_undo.set(undo);
        }
        if self.can_redo.get_untracked() != redo {
            self.can_redo.set(redo);
        }
    }

    /// Called on every change of the document (the edit effect). Opens a
    /// typing step unless one is open or the document is the step's base
    /// (after undo, redo or a step, which set the base themselves), and
    /// (re)starts the pause that seals it.
    pub fn history_heard_edit(&self) {
        let typing = self
            .doc
            .with_untracked(|d| self.history.try_update_value(|h| h.heard(d)))
            .unwrap_or(false);
        if !typing {
            return;
        }
        self.sync_history();
        if let Some(t) = self.typing_pause.get_value() {
            t.clear();
        }
        let ed = *self;
        let timer = set_timeout_with_handle(move || ed.history_seal(), TYPING_PAUSE).ok();
        self.typing_pause.set_value(timer);
    }

    /// Ends an open typing step: the document as it is becomes the base.
    pub fn history_seal(&self) {
        if self.history.with_value(|h| h.is_open()) {
            self.doc.with_untracked(|d| {
                self.history.update_value(|h| {
                    h.seal(d);
                })
            });
            self.sync_history();
        }
    }

    /// Runs a structural change as one step of its own. A read-only
    /// document takes no change.
    pub fn step(&self, change: impl FnOnce()) {
        if self.read_only.get_untracked().is_some() {
            self.say("This postmortem is read-only here.");
            return;
        }
        self.history_seal();
        change();
        self.doc
            .with_untracked(|d| self.history.update_value(|h| h.step(d)));
        self.sync_history();
    }

    /// Changes with every step, undo and redo (see [`Editor::undo_last`]).
    pub fn history_version(&self) -> u64 {
        self.history.with_value(|h| h.version())
    }

    /// Undoes the step taken at history version `version`, if it is still
    /// the last thing that happened; says so when it is not.
    pub fn undo_last(&self, version: u64) -> bool {
        if self.history.with_value(|h| h.is_last(version)) {
            self.undo();
            true
        } else {
            self.say(
                "Other changes came after it: use Undo in the toolbar to go back step by step.",
            );
            false
        }
    }

    pub fn undo(&self) {
        self.travel(true);
    }

    pub fn redo(&self) {
        self.travel(false);
    }

    /// One step back (undo) or forward (redo): the document of that step
    /// replaces the open one.
    fn travel(&self, back: bool) {
        self.history_seal();
        let target = self.doc.with_untracked(|now| {
            self.history
                .try_update_value(|h| if back { h.undo(now) } else { h.redo(now) })
                .flatten()
        });
        if let Some(doc) = target {
            let changes = self.doc.with_untracked(|now| changed_texts(now, &doc));
            self.doc.set(doc);
            // After the form has followed the document.
            request_animation_frame(move || follow_focus(&changes));
            self.edits.update(|n| *n += 1);
            self.say(if back { "Undone." } else { "Redone." });
        }
        self.sync_history();
    }
}

/// Puts the focus on the field an undo or redo changed (the focused one if
/// it is among them), with the caret at the end of what changed in it, not
/// thrown to the end of the text. A change with no field of its own (a word
/// of a comma list, a row) goes to the nearest field that holds it.
fn follow_focus(changes: &[Change]) {
    use wasm_bindgen::JsCast;
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let active = document
        .active_element()
        .map(|e| e.id())
        .unwrap_or_default();
    // The element of a change's path, or of the nearest path above it that has one.
    let element = |c: &Change| {
        c.paths
            .iter()
            .find_map(|p| document.get_element_by_id(&field_id(p)))
    };
    let Some((el, Change { before, after, .. })) = changes
        .iter()
        .find_map(|c| element(c).filter(|e| e.id() == active).map(|e| (e, c)))
        .or_else(|| changes.iter().find_map(|c| element(c).map(|e| (e, c))))
    else {
        return;
    };
    if el.id() != active {
        if let Ok(el) = el.clone().dyn_into::<web_sys::HtmlElement>() {
            let _ = el.focus();
            el.scroll_into_view_with_bool(false);
        }
    }
    // Only where the field shows this very text (a time field shows its own reading).
    let shown = js_sys::Reflect::get(&el, &"value".into())
        .ok()
        .and_then(|v| v.as_string());
    if shown.as_deref() != Some(after.as_str()) {
        return;
    }
    let caret = caret_after(before, after) as f64;
    if let Some(set) = js_sys::Reflect::get(&el, &"setSelectionRange".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
    {
        // Fields without a caret (a date) throw: nothing to place then.
        let _ = set.call2(&el, &caret.into(), &caret.into());
    }
}
