//! Undo and redo for every edit of the open document: typing, and changes of
//! structure (rows added, deleted, moved or pasted, zones re-read).
//!
//! The history keeps whole documents. `base` is the document as of the last
//! step; a step is pushed when an edit makes the document differ from it.
//! Typing opens a step that stays open until typing pauses
//! ([`TYPING_PAUSE`]), so a sentence is one step, not one per letter. A
//! structural change made through [`Editor::step`] is a step of its own.
//! Undo and redo replace the whole document; the form follows, as it does
//! when another document is opened.
//!
//! There is one history for the whole page: Ctrl+Z inside a field of the
//! document goes through it too (the browser's own undo of that field is
//! turned away, see `mod.rs`), so nothing is undone twice. After an undo or
//! a redo the field whose text changed has the focus, its caret where the
//! change was ([`follow_focus`]).

use super::state::{field_id, Editor};
use leptos::prelude::*;
use postmortem_core::model::Document;
use std::time::Duration;

/// How long typing must pause before the next keystroke starts a new step.
pub const TYPING_PAUSE: Duration = Duration::from_millis(700);
/// Steps kept; older ones are forgotten.
const DEPTH: usize = 200;

#[derive(Default)]
pub struct History {
    past: Vec<Document>,
    future: Vec<Document>,
    /// The document as of the last step.
    base: Document,
    /// Typing has changed the document since `base` was taken.
    open: bool,
    /// Seals the open step when typing pauses.
    timer: Option<TimeoutHandle>,
    /// Goes up on every change of the history (a step, an undo, a redo), so
    /// a message can tell whether the step it offers to undo is still the last.
    version: u64,
}

impl History {
    pub fn new(base: Document) -> History {
        History {
            base,
            ..History::default()
        }
    }

    fn push_past(&mut self, doc: Document) {
        self.version += 1;
        self.past.push(doc);
        if self.past.len() > DEPTH {
            self.past.remove(0);
        }
        self.future.clear();
    }
}

impl Editor {
    /// Forgets every step: another document was opened.
    pub fn history_reset(&self) {
        let doc = self.doc.get_untracked();
        self.history.set_value(History::new(doc));
        self.sync_history();
    }

    fn sync_history(&self) {
        let (undo, redo) = self
            .history
            .with_value(|h| (!h.past.is_empty() || h.open, !h.future.is_empty()));
        if self.can_undo.get_untracked() != undo {
            self.can_undo.set(undo);
        }
        if self.can_redo.get_untracked() != redo {
            self.can_redo.set(redo);
        }
    }

    /// Called on every change of the document (the edit effect). Opens a
    /// typing step unless one is open or the document is the step's base
    /// (after undo, redo or a step, which set the base themselves).
    pub fn history_heard_edit(&self) {
        let open = self.history.with_value(|h| h.open);
        if !open {
            let same = self
                .history
                .with_value(|h| self.doc.with_untracked(|d| *d == h.base));
            if same {
                return;
            }
            self.history.update_value(|h| {
                let base = h.base.clone();
                h.push_past(base);
                h.open = true;
            });
            self.sync_history();
        }
        // (Re)start the pause timer that seals the step.
        if let Some(t) = self.history.with_value(|h| h.timer) {
            t.clear();
        }
        let ed = *self;
        let timer = set_timeout_with_handle(move || ed.history_seal(), TYPING_PAUSE).ok();
        self.history.update_value(|h| h.timer = timer);
    }

    /// Ends an open typing step: the document as it is becomes the base.
    pub fn history_seal(&self) {
        if self.history.with_value(|h| h.open) {
            let doc = self.doc.get_untracked();
            self.history.update_value(|h| {
                h.base = doc;
                h.open = false;
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
        let doc = self.doc.get_untracked();
        self.history.update_value(|h| {
            if doc != h.base {
                let before = std::mem::replace(&mut h.base, doc);
                h.push_past(before);
            }
        });
        self.sync_history();
    }

    /// Changes with every step, undo and redo (see [`Editor::undo_last`]).
    pub fn history_version(&self) -> u64 {
        self.history.with_value(|h| h.version)
    }

    /// Undoes the step taken at history version `version`, if it is still
    /// the last thing that happened; says so when it is not.
    pub fn undo_last(&self, version: u64) -> bool {
        if self.history_version() == version && !self.history.with_value(|h| h.open) {
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
    /// replaces the open one, whose own state goes on the other stack.
    fn travel(&self, back: bool) {
        self.history_seal();
        let Some(target) = self.history.try_update_value(|h| {
            let target = if back { h.past.pop() } else { h.future.pop() }?;
            h.version += 1;
            let now = std::mem::replace(&mut h.base, target.clone());
            if back {
                h.future.push(now);
            } else {
                h.past.push(now);
            }
            Some(target)
        }) else {
            return;
        };
        if let Some(doc) = target {
            let changes = self.doc.with_untracked(|now| text_changes(now, &doc));
            self.doc.set(doc);
            // After the form has followed the document.
            request_animation_frame(move || follow_focus(&changes));
            self.edits.update(|n| *n += 1);
            self.say(if back { "Undone." } else { "Redone." });
        }
        self.sync_history();
    }
}

/// A text of the document that an undo or redo changed: its JSON path (as
/// validation writes it), the text before and the text after.
type Change = (String, String, String);

/// The texts that differ between two documents, in document order, at most
/// a few dozen (enough to find the field to focus). A row that exists in only
/// one of them counts its texts against "".
fn text_changes(before: &Document, after: &Document) -> Vec<Change> {
    fn walk(path: &str, a: &serde_json::Value, b: &serde_json::Value, out: &mut Vec<Change>) {
        use serde_json::Value;
        if out.len() >= 32 || a == b {
            return;
        }
        let at = |key: &str| {
            if path.is_empty() {
                key.to_string()
            } else {
                format!("{path}.{key}")
            }
        };
        match (a, b) {
            (Value::Object(x), Value::Object(y)) => {
                for (k, v) in y {
                    walk(&at(k), x.get(k).unwrap_or(&Value::Null), v, out);
                }
            }
            (Value::Array(x), Value::Array(y)) => {
                for (i, v) in y.iter().enumerate() {
                    walk(
                        &format!("{path}[{i}]"),
                        x.get(i).unwrap_or(&Value::Null),
                        v,
                        out,
                    );
                }
            }
            (_, Value::String(t)) => {
                let s = a.as_str().unwrap_or_default();
                out.push((path.to_string(), s.to_string(), t.clone()));
            }
            (Value::Object(_) | Value::Array(_), _) => {}
            // A value that is not a text (a choice, a flag): its field still changed.
            _ => out.push((path.to_string(), String::new(), String::new())),
        }
    }
    let (Ok(a), Ok(b)) = (serde_json::to_value(before), serde_json::to_value(after)) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    walk("", &a, &b, &mut out);
    out
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
    // The element of a path, or of the nearest path above it that has one.
    let element = |path: &str| {
        let mut p = path;
        loop {
            if let Some(el) = document.get_element_by_id(&field_id(p)) {
                return Some(el);
            }
            p = &p[..p.rfind(['.', '['])?];
        }
    };
    let Some((el, (_, before, after))) = changes
        .iter()
        .find_map(|c| element(&c.0).filter(|e| e.id() == active).map(|e| (e, c)))
        .or_else(|| changes.iter().find_map(|c| element(&c.0).map(|e| (e, c))))
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

/// Where the caret goes in `after` (in UTF-16 units, as the browser counts):
/// at the end of the part that differs from `before`.
fn caret_after(before: &str, after: &str) -> usize {
    let prefix: usize = before
        .chars()
        .zip(after.chars())
        .take_while(|(a, b)| a == b)
        .map(|(_, b)| b.len_utf8())
        .sum();
    let suffix: usize = before[prefix..]
        .chars()
        .rev()
        .zip(after[prefix..].chars().rev())
        .take_while(|(a, b)| a == b)
        .map(|(_, b)| b.len_utf8())
        .sum();
    after[..after.len() - suffix].encode_utf16().count()
}
