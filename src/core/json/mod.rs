//! The JSON v1 file: writing it byte-for-byte deterministically and reading it
//! strictly.
//!
//! Writing: fixed key order (the model's field order), 2-space indent, LF, one
//! final newline. Reading: an error names the line, column and JSON path and
//! says what to do; an unknown key is an error, never dropped. Stamps that
//! parse are stored in canonical RFC 9557 form; ones that do not are kept
//! as written so validation can point at them.
//!
//! Both directions are written out by hand over [`syntax`] rather than
//! derived with serde: serde_json and the derived visitors of 17 types were
//! about 25 KB of the gzipped build, and the path of a bad value falls out of the
//! walk below for free.

pub mod syntax;

use crate::core::model::*;
use crate::core::zones;
use std::fmt;
use syntax::{Member, Node, Value, Writer};

/// Why a file could not be opened. Its `Display` is a sentence for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    /// 1-based line in the file, when known.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub column: Option<usize>,
    /// JSON path (`actions[2].owner`) or Markdown section, when known.
    pub path: Option<String>,
    /// What is wrong and what to do.
    pub message: String,
}

impl ImportError {
    pub fn new(message: impl Into<String>) -> Self {
        ImportError {
            line: None,
            column: None,
            path: None,
            message: message.into(),
        }
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(l), Some(c)) => write!(f, "Line {l}, column {c}")?,
            (Some(l), None) => write!(f, "Line {l}")?,
            _ => {}
        }
        if let Some(path) = &self.path {
            if self.line.is_some() {
                write!(f, " ({path})")?;
            } else {
                write!(f, "At {path}")?;
            }
        }
        if self.line.is_some() || self.path.is_some() {
            f.write_str(": ")?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for ImportError {}

/// The document as its JSON v1 file.
pub fn to_json(doc: &Document) -> String {
    let mut w = Writer::new(true);
    w.begin('{');
    w.key("format").string("postmortem");
    w.key("version").raw("1");
    w.key("title").string(&doc.title);
    w.key("status").string(doc.status.word());
    w.key("severity").option(doc.severity.map(Severity::word));
    for (key, list) in [
        ("authors", &doc.authors),
        ("tags", &doc.tags),
        ("services", &doc.services),
    ] {
        w.key(key).strings(list);
    }
    w.key("time_zone").string(&doc.time_zone);
    w.key("summary").string(&doc.summary);

    w.key("impact").begin('{');
    w.key("description").string(&doc.impact.description);
    w.key("metrics").begin('[');
    for m in &doc.impact.metrics {
        w.item().begin('{');
        w.key("label").string(&m.label);
        w.key("value").string(&m.value);
        w.end('}');
    }
    w.end(']');
    w.end('}');

    w.key("times").begin('{');
    for key in KeyTime::ALL {
        w.key(key.word())
            .option(doc.times.get(*key).map(Stamp::as_str));
    }
    if !doc.times.approximate.is_empty() {
        w.key("approximate").begin('[');
        for key in &doc.times.approximate {
            w.item().string(key.word());
        }
        w.end(']');
    }
    w.end('}');

    w.key("timeline").begin('[');
    for e in &doc.timeline {
        w.item().begin('{');
        w.key("at").option(e.at.as_ref().map(Stamp::as_str));
        w.key("approximate")
            .raw(if e.approximate { "true" } else { "false" });
        w.key("kind").string(e.kind.word());
        w.key("text").string(&e.text);
        w.end('}');
    }
    w.end(']');

    w.key("root_cause").begin('{');
    w.key("trigger").string(&doc.root_cause.trigger);
    w.key("description").string(&doc.root_cause.description);
    w.key("contributing_factors")
        .strings(&doc.root_cause.contributing_factors);
    w.end('}');
    w.key("detection").string(&doc.detection);
    w.key("resolution").string(&doc.resolution);
    w.key("lessons").begin('{');
    w.key("went_well").strings(&doc.lessons.went_well);
    w.key("went_wrong").strings(&doc.lessons.went_wrong);
    w.key("lucky").strings(&doc.lessons.lucky);
    w.end('}');

    w.key("actions").begin('[');
    for a in &doc.actions {
        w.item().begin('{');
        w.key("title").string(&a.title);
        w.key("owner").string(&a.owner);
        w.key("due").option(a.due.as_deref());
        w.key("kind").option(a.kind.map(ActionKind::word));
        w.key("priority").option(a.priority.map(Priority::word));
        w.key("status").string(a.status.word());
        w.key("link").option(a.link.as_deref());
        w.end('}');
    }
    w.end(']');

    w.key("updates").begin('[');
    for u in &doc.updates {
        w.item().begin('{');
        w.key("at").option(u.at.as_ref().map(Stamp::as_str));
        w.key("state").string(u.state.word());
        w.key("text").string(&u.text);
        w.end('}');
    }
    w.end(']');

    w.key("links").begin('[');
    for l in &doc.links {
        w.item().begin('{');
        w.key("title").string(&l.title);
        w.key("url").string(&l.url);
        w.end('}');
    }
    w.end(']');
    w.key("notes").string(&doc.notes);
    w.end('}');
    w.out.push('\n');
    w.out
}

/// Reads a JSON v1 file.
pub fn from_json(text: &str) -> Result<Document, ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let node = syntax::parse(text).map_err(|e| {
        let (line, column) = syntax::line_column(text, e.offset);
        ImportError {
            line: Some(line),
            column: Some(column),
            path: None,
            message: format!(
                "this is not valid JSON ({}). Look for a missing comma, quote or bracket just before this point.",
                e.message
            ),
        }
    })?;
    from_node(text, node)
}

/// Reads a JSON v1 document from a tree already parsed from `text` (the
/// storage envelope parses once and hands its `document` over).
pub fn from_node(text: &str, node: Node<'_>) -> Result<Document, ImportError> {
    let Value::Object(members) = &node.value else {
        return Err(ImportError::new(
            "This JSON file is not a postmortem: it should be an object with \"format\": \"postmortem\". \
             Open a file exported by this editor.",
        ));
    };
    let get = |key: &str| members.iter().find(|m| m.key == key).map(|m| &m.node.value);
    match get("format") {
        Some(Value::String(f)) if f == "postmortem" => {}
        Some(other) => {
            let shown = match other {
                Value::String(s) => s.clone(),
                other => other.kind().to_string(),
            };
            return Err(ImportError {
                path: Some("format".into()),
                ..ImportError::new(format!(
                    "this file's format is \"{shown}\", not \"postmortem\". Open a file exported by this editor."
                ))
            });
        }
        None => {
            return Err(ImportError::new(
                "This JSON file is not a postmortem: it has no \"format\": \"postmortem\" key. \
                 Open a file exported by this editor.",
            ))
        }
    }
    let version_error = |message: String| ImportError {
        path: Some("version".into()),
        ..ImportError::new(message)
    };
    match get("version").map(|v| match v {
        Value::Number(n) => crate::core::whole_number(n),
        _ => None,
    }) {
        Some(Some(FORMAT_VERSION)) => {}
        Some(Some(v)) if v > FORMAT_VERSION => {
            return Err(version_error(format!(
                "this file was written by a newer editor (format version {v}); this editor reads \
                 version {FORMAT_VERSION}. Open it with the newer editor, or export it from there as Markdown."
            )))
        }
        Some(_) => {
            return Err(version_error(format!(
                "the format version must be the number {FORMAT_VERSION}. Fix the \"version\" key."
            )))
        }
        None => {
            return Err(version_error(format!(
                "the file has no \"version\" key. Add \"version\": {FORMAT_VERSION} after \"format\"."
            )))
        }
    }
    let mut doc = document(node).map_err(|bad| {
        let (line, column) = syntax::line_column(text, bad.at);
        ImportError {
            line: Some(line),
            column: Some(column),
            path: (!bad.path.is_empty()).then_some(bad.path),
            message: bad.message,
        }
    })?;
    canonicalise_stamps(&mut doc);
    Ok(doc)
}

/// A value that does not fit the file format: where it is, whose it is, and
/// the sentence (with advice) for the user.
struct Bad {
    at: usize,
    /// `actions[1].owner`, built up as the error leaves each container.
    path: String,
    message: String,
}

impl Bad {
    fn new(at: usize, message: String) -> Bad {
        Bad {
            at,
            path: String::new(),
            message,
        }
    }

    /// The same error, one container further out.
    fn within(mut self, segment: String) -> Bad {
        if !(self.path.is_empty() || self.path.starts_with('[')) {
            self.path.insert(0, '.');
        }
        self.path.insert_str(0, &segment);
        self
    }
}

type Read<T> = Result<T, Bad>;

fn expected<T>(node: &Node, what: &str) -> Read<T> {
    Err(Bad::new(
        node.start,
        format!(
            "{what} was expected here, not {}. Fix the value there.",
            node.value.kind()
        ),
    ))
}

fn text(node: Node) -> Read<String> {
    match node.value {
        Value::String(s) => Ok(s),
        _ => expected(&node, "text in double quotes"),
    }
}

/// Where one key's value goes. Every object of the file is read by one
/// walk ([`read`]) over a table of these, one per key, instead of code of
/// its own per struct (smaller in the browser build).
enum Slot<'d> {
    Text(&'d mut String),
    /// Text or `null`.
    Maybe(&'d mut Option<String>),
    Stamp(&'d mut Option<Stamp>),
    Texts(&'d mut Vec<String>),
    Flag(&'d mut bool),
    /// One of the words (an enum's `WORDS`) as its position, or `null` if
    /// the flag says the value is optional.
    Word(&'static [&'static str], bool, &'d mut Option<usize>),
    /// A list whose items are each read by the function.
    Each(&'d mut dyn FnMut(Node) -> Read<()>),
    /// An object read by the function.
    Object(&'d mut dyn FnMut(Node) -> Read<()>),
    /// Checked before the walk (`format`, `version`).
    Skip,
}

impl Slot<'_> {
    fn fill(&mut self, node: Node) -> Read<()> {
        let null = node.value == Value::Null;
        match self {
            Slot::Text(s) => **s = text(node)?,
            Slot::Maybe(s) => **s = if null { None } else { Some(text(node)?) },
            Slot::Stamp(s) => **s = if null { None } else { Some(Stamp(text(node)?)) },
            Slot::Flag(b) => match node.value {
                Value::Bool(v) => **b = v,
                _ => return expected(&node, "true or false"),
            },
            Slot::Word(words, optional, at) => {
                **at = if null && *optional {
                    None
                } else {
                    let start = node.start;
                    let s = text(node)?;
                    Some(words.iter().position(|w| *w == s).ok_or_else(|| {
                        Bad::new(
                            start,
                            format!(
                                "\"{s}\" is not one of the values allowed here: {}. Fix the value there.",
                                words.join(", ")
                            ),
                        )
                    })?)
                }
            }
            Slot::Texts(list) => {
                list.clear();
                let mut push = |n: Node| {
                    list.push(text(n)?);
                    Ok(())
                };
                each(node, &mut push)?;
            }
            Slot::Each(read) => each(node, *read)?,
            Slot::Object(read) => read(node)?,
            Slot::Skip => {}
        }
        Ok(())
    }
}

/// Reads each item of a list with `read`; an error names the item's index.
fn each(node: Node, read: &mut dyn FnMut(Node) -> Read<()>) -> Read<()> {
    let Value::Array(items) = node.value else {
        return expected(&node, "a list in [ ]");
    };
    for (i, item) in items.into_iter().enumerate() {
        read(item).map_err(|e| e.within(format!("[{i}]")))?;
    }
    Ok(())
}

/// Reads an object's members into the slot of each key. A key with no slot
/// is an error that lists the keys.
fn read(node: Node, slots: &mut [(&str, Slot)]) -> Read<()> {
    let Value::Object(members) = node.value else {
        return expected(&node, "an object in { }");
    };
    for Member {
        key,
        key_start,
        node,
    } in members
    {
        let Some((_, slot)) = slots.iter_mut().find(|(k, _)| *k == key) else {
            let keys: Vec<&str> = slots.iter().map(|(k, _)| *k).collect();
            return Err(Bad::new(
                key_start,
                format!(
                    "unknown key `{key}`; the keys here are {}. Is it a typo? Rename it to one of those keys, \
                     or move its text into \"notes\".",
                    keys.join(", ")
                ),
            )
            .within(key));
        };
        slot.fill(node).map_err(|e| e.within(key))?;
    }
    Ok(())
}

/// `ALL[i]` of an enum for a word slot's position, or `keep` if none.
fn pick<T: Copy>(all: &[T], at: Option<usize>, keep: T) -> T {
    at.map_or(keep, |i| all[i])
}

fn document(node: Node) -> Read<Document> {
    let mut d = Document::default();
    let (mut status, mut severity) = (None, None);
    let mut impact = |n: Node| {
        let i = &mut d.impact;
        let mut metric = |n: Node| {
            let mut m = ImpactMetric::default();
            read(
                n,
                &mut [
                    ("label", Slot::Text(&mut m.label)),
                    ("value", Slot::Text(&mut m.value)),
                ],
            )?;
            i.metrics.push(m);
            Ok(())
        };
        read(
            n,
            &mut [
                ("description", Slot::Text(&mut i.description)),
                ("metrics", Slot::Each(&mut metric)),
            ],
        )
    };
    let mut times = |n: Node| {
        let t = &mut d.times;
        let mut approximate = |n: Node| {
            let mut at = None;
            Slot::Word(KeyTime::WORDS, false, &mut at).fill(n)?;
            t.approximate.extend(at.map(|i| KeyTime::ALL[i]));
            Ok(())
        };
        read(
            n,
            &mut [
                ("started", Slot::Stamp(&mut t.started)),
                ("detected", Slot::Stamp(&mut t.detected)),
                ("acknowledged", Slot::Stamp(&mut t.acknowledged)),
                ("mitigated", Slot::Stamp(&mut t.mitigated)),
                ("resolved", Slot::Stamp(&mut t.resolved)),
                ("approximate", Slot::Each(&mut approximate)),
            ],
        )
    };
    let mut timeline = |n: Node| {
        let mut e = TimelineEntry::default();
        let mut kind = None;
        read(
            n,
            &mut [
                ("at", Slot::Stamp(&mut e.at)),
                ("approximate", Slot::Flag(&mut e.approximate)),
                ("kind", Slot::Word(TimelineKind::WORDS, false, &mut kind)),
                ("text", Slot::Text(&mut e.text)),
            ],
        )?;
        e.kind = pick(TimelineKind::ALL, kind, e.kind);
        d.timeline.push(e);
        Ok(())
    };
    let mut root_cause = |n: Node| {
        let r = &mut d.root_cause;
        read(
            n,
            &mut [
                ("trigger", Slot::Text(&mut r.trigger)),
                ("description", Slot::Text(&mut r.description)),
                (
                    "contributing_factors",
                    Slot::Texts(&mut r.contributing_factors),
                ),
            ],
        )
    };
    let mut lessons = |n: Node| {
        let l = &mut d.lessons;
        read(
            n,
            &mut [
                ("went_well", Slot::Texts(&mut l.went_well)),
                ("went_wrong", Slot::Texts(&mut l.went_wrong)),
                ("lucky", Slot::Texts(&mut l.lucky)),
            ],
        )
    };
    let mut actions = |n: Node| {
        let mut a = ActionItem::default();
        let (mut kind, mut priority, mut status) = (None, None, None);
        read(
            n,
            &mut [
                ("title", Slot::Text(&mut a.title)),
                ("owner", Slot::Text(&mut a.owner)),
                ("due", Slot::Maybe(&mut a.due)),
                ("kind", Slot::Word(ActionKind::WORDS, true, &mut kind)),
                ("priority", Slot::Word(Priority::WORDS, true, &mut priority)),
                (
                    "status",
                    Slot::Word(ActionStatus::WORDS, false, &mut status),
                ),
                ("link", Slot::Maybe(&mut a.link)),
            ],
        )?;
        a.kind = kind.map(|i| ActionKind::ALL[i]);
        a.priority = priority.map(|i| Priority::ALL[i]);
        a.status = pick(ActionStatus::ALL, status, a.status);
        d.actions.push(a);
        Ok(())
    };
    let mut updates = |n: Node| {
        let mut u = StatusUpdate::default();
        let mut state = None;
        read(
            n,
            &mut [
                ("at", Slot::Stamp(&mut u.at)),
                ("state", Slot::Word(UpdateState::WORDS, false, &mut state)),
                ("text", Slot::Text(&mut u.text)),
            ],
        )?;
        u.state = pick(UpdateState::ALL, state, u.state);
        d.updates.push(u);
        Ok(())
    };
    let mut links = |n: Node| {
        let mut l = Link::default();
        read(
            n,
            &mut [
                ("title", Slot::Text(&mut l.title)),
                ("url", Slot::Text(&mut l.url)),
            ],
        )?;
        d.links.push(l);
        Ok(())
    };
    read(
        node,
        &mut [
            ("format", Slot::Skip),
            ("version", Slot::Skip),
            ("title", Slot::Text(&mut d.title)),
            ("status", Slot::Word(Status::WORDS, false, &mut status)),
            ("severity", Slot::Word(Severity::WORDS, true, &mut severity)),
            ("authors", Slot::Texts(&mut d.authors)),
            ("tags", Slot::Texts(&mut d.tags)),
            ("services", Slot::Texts(&mut d.services)),
            ("time_zone", Slot::Text(&mut d.time_zone)),
            ("summary", Slot::Text(&mut d.summary)),
            ("impact", Slot::Object(&mut impact)),
            ("times", Slot::Object(&mut times)),
            ("timeline", Slot::Each(&mut timeline)),
            ("root_cause", Slot::Object(&mut root_cause)),
            ("detection", Slot::Text(&mut d.detection)),
            ("resolution", Slot::Text(&mut d.resolution)),
            ("lessons", Slot::Object(&mut lessons)),
            ("actions", Slot::Each(&mut actions)),
            ("updates", Slot::Each(&mut updates)),
            ("links", Slot::Each(&mut links)),
            ("notes", Slot::Text(&mut d.notes)),
        ],
    )?;
    d.status = pick(Status::ALL, status, d.status);
    d.severity = severity.map(|i| Severity::ALL[i]);
    Ok(d)
}

/// Rewrites every stamp that parses into canonical RFC 9557 form.
pub fn canonicalise_stamps(doc: &mut Document) {
    let fix = |s: &mut Option<crate::core::model::Stamp>| {
        if let Some(stamp) = s {
            *stamp = zones::canonical(stamp);
        }
    };
    fix(&mut doc.times.started);
    fix(&mut doc.times.detected);
    fix(&mut doc.times.acknowledged);
    fix(&mut doc.times.mitigated);
    fix(&mut doc.times.resolved);
    doc.timeline.iter_mut().for_each(|e| fix(&mut e.at));
    doc.updates.iter_mut().for_each(|u| fix(&mut u.at));
}
