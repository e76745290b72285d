//! The undo history of an open document: whole documents, step by step.
//!
//! `base` is the document as of the last step. An edit that makes the
//! document differ from it opens a typing step ([`History::heard`]), which
//! stays open until it is sealed ([`History::seal`]: the web app seals it
//! when typing pauses), so a sentence is one step, not one per letter. A
//! structural change (rows added, moved, pasted, zones re-read) is a step of
//! its own ([`History::step`]). Undo and redo hand back the whole document
//! to show. At most [`DEPTH`] steps are kept, and no more than [`BUDGET`]
//! bytes of documents (a long document keeps fewer steps: two hundred copies
//! of a 2.5 MB postmortem would take half a gigabyte of the page's memory);
//! older ones are forgotten. The last step is always kept.
//!
//! The history never reads a clock: when a pause ends a step is the caller's
//! business. [`changed_texts`] and [`caret_after`] say where an undo or a
//! redo changed the document, for the caller to put the focus there.

use crate::model::Document;

/// Steps kept; older ones are forgotten.
pub const DEPTH: usize = 200;

/// The bytes of documents the history keeps, as their JSON would take.
pub const BUDGET: usize = 64 * 1024 * 1024;

/// A document kept by the history, with its size.
#[derive(Debug, Clone)]
struct Kept {
    doc: Document,
    bytes: usize,
}

impl Kept {
    fn of(doc: Document) -> Kept {
        let bytes = json_size(&doc);
        Kept { doc, bytes }
    }
}

/// The size of a document's JSON, counted without writing it out.
fn json_size(doc: &Document) -> usize {
    struct Count(usize);
    impl std::io::Write for Count {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0 += buf.len();
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut count = Count(0);
    let _ = serde_json::to_writer(&mut count, doc);
    count.0
}

#[derive(Debug, Clone, Default)]
pub struct History {
    past: Vec<Kept>,
    future: Vec<Kept>,
    /// The document as of the last step.
    base: Document,
    /// Typing has changed the document since `base` was taken.
    open: bool,
    /// Goes up on every change of the history (a step, an undo, a redo), so
    /// a message can tell whether the step it offers to undo is still the last.
    version: u64,
}

impl History {
    /// A history with nothing to undo, starting at `base`.
    pub fn new(base: Document) -> History {
        History {
            base,
            ..History::default()
        }
    }

    /// Whether there is a step to undo (a typing step still open counts).
    pub fn can_undo(&self) -> bool {
        !self.past.is_empty() || self.open
    }

    pub fn can_redo(&self) -> bool {
        !self.future.is_empty()
    }

    /// Whether a typing step is open (not yet sealed).
    pub fn is_open(&self) -> bool {
        self.open
    }

    /// Changes with every step, undo and redo.
    pub fn version(&self) -> u64 {
        self.version
    }

    /// Whether the step taken at `version` is still the last thing that
    /// happened (and no typing came after it).
    pub fn is_last(&self, version: u64) -> bool {
        self.version == version && !self.open
    }

    /// Steps that can be undone (an open typing step counts).
    pub fn steps(&self) -> usize {
        self.past.len()
    }

    fn push_past(&mut self, doc: Document) {
        self.version += 1;
        self.past.push(Kept::of(doc));
        self.future.clear();
        let mut bytes: usize = self.past.iter().map(|k| k.bytes).sum();
        let mut forget = 0;
        while self.past.len() - forget > 1 && (self.past.len() - forget > DEPTH || bytes > BUDGET) {
            bytes -= self.past[forget].bytes;
            forget += 1;
        }
        self.past.drain(..forget);
    }

    /// The document changed to `current` by typing. Opens a typing step
    /// unless one is open or `current` is the base (after an undo, a redo or
    /// a step, which set the base themselves). Returns whether a typing step
    /// is open now, so the caller (re)starts the pause that seals it.
    pub fn heard(&mut self, current: &Document) -> bool {
        if !self.open {
            if *current == self.base {
                return false;
            }
            let base = self.base.clone();
            self.push_past(base);
            self.open = true;
        }
        true
    }

    /// Ends an open typing step: `current` becomes the base. Returns whether
    /// a step was open.
    pub fn seal(&mut self, current: &Document) -> bool {
        if !self.open {
            return false;
        }
        self.base = current.clone();
        self.open = false;
        true
    }

    /// A structural change made the document `current`: one step of its own
    /// (none when nothing changed). Seal an open typing step ([`History::seal`])
    /// before making the change, or the change joins the typing step.
    pub fn step(&mut self, current: &Document) {
        if self.open {
            return;
        }
        if *current != self.base {
            let before = std::mem::replace(&mut self.base, current.clone());
            self.push_past(before);
        }
    }

    /// One step back: the document to show, or None when there is none. An
    /// open typing step is sealed first with `current`, so it is what is undone.
    pub fn undo(&mut self, current: &Document) -> Option<Document> {
        self.travel(current, true)
    }

    /// One step forward again, after an undo.
    pub fn redo(&mut self, current: &Document) -> Option<Document> {
        self.travel(current, false)
    }

    fn travel(&mut self, current: &Document, back: bool) -> Option<Document> {
        self.seal(current);
        let target = if back {
            self.past.pop()
        } else {
            self.future.pop()
        }?;
        self.version += 1;
        let now = Kept::of(std::mem::replace(&mut self.base, target.doc.clone()));
        if back {
            self.future.push(now);
        } else {
            self.past.push(now);
        }
        Some(target.doc)
    }
}

/// A text of the document that an undo or redo changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Its path (as validation writes it: `timeline[2].at`), then the path
    /// of each value that holds it, nearest first, up to the top-level field:
    /// the first of these that has a field on screen is where the focus goes.
    pub paths: Vec<String>,
    pub before: String,
    pub after: String,
}

/// The texts that differ between two documents, in document order, at most
/// a few dozen (enough to find the field to focus). A row that exists in
/// only one of them, or a value that is not a text (a choice, a flag), is a
/// change from "" to "" at its path.
pub fn changed_texts(before: &Document, after: &Document) -> Vec<Change> {
    use serde_json::Value;
    /// `paths`: the path of `a` and `b`, then those that hold them.
    fn walk(paths: &mut Vec<String>, a: &Value, b: &Value, out: &mut Vec<Change>) {
        if out.len() >= 32 || a == b {
            return;
        }
        let here = paths.first().cloned().unwrap_or_default();
        let mut inner = |paths: &mut Vec<String>, path: String, a: &Value, b: &Value| {
            paths.insert(0, path);
            walk(paths, a, b, out);
            paths.remove(0);
        };
        match (a, b) {
            (Value::Object(x), Value::Object(y)) => {
                for (k, v) in y {
                    let path = if here.is_empty() {
                        k.clone()
                    } else {
                        format!("{here}.{k}")
                    };
                    inner(paths, path, x.get(k).unwrap_or(&Value::Null), v);
                }
            }
            (Value::Array(x), Value::Array(y)) => {
                for (i, v) in y.iter().enumerate() {
                    let path = format!("{here}[{i}]");
                    inner(paths, path, x.get(i).unwrap_or(&Value::Null), v);
                }
            }
            (_, Value::String(t)) => out.push(Change {
                paths: paths.clone(),
                before: a.as_str().unwrap_or_default().to_string(),
                after: t.clone(),
            }),
            (Value::Object(_) | Value::Array(_), _) => {}
            _ => out.push(Change {
                paths: paths.clone(),
                before: String::new(),
                after: String::new(),
            }),
        }
    }
    let (Ok(a), Ok(b)) = (serde_json::to_value(before), serde_json::to_value(after)) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    walk(&mut Vec::new(), &a, &b, &mut out);
    out
}

/// Where the caret goes in `after` (in UTF-16 units, as browsers count):
/// at the end of the part that differs from `before`.
pub fn caret_after(before: &str, after: &str) -> usize {
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
