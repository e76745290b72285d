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
//! 15 KB of the gzipped build, and the path of a bad value falls out of the
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
        Value::Number(n) => n.parse::<u64>().ok(),
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

fn optional_text(node: Node) -> Read<Option<String>> {
    match node.value {
        Value::Null => Ok(None),
        _ => text(node).map(Some),
    }
}

fn stamp(node: Node) -> Read<Option<Stamp>> {
    optional_text(node).map(|s| s.map(Stamp))
}

fn list<T>(node: Node, item: fn(Node) -> Read<T>) -> Read<Vec<T>> {
    match node.value {
        Value::Array(items) => items
            .into_iter()
            .enumerate()
            .map(|(i, n)| item(n).map_err(|e| e.within(format!("[{i}]"))))
            .collect(),
        _ => expected(&node, "a list in [ ]"),
    }
}

fn texts(node: Node) -> Read<Vec<String>> {
    list(node, text)
}

/// The position in `words` of a word value: an enum written as its word.
fn word(node: Node, words: &[&'static str]) -> Read<usize> {
    let at = node.start;
    let s = text(node)?;
    words.iter().position(|w| *w == s).ok_or_else(|| {
        Bad::new(
            at,
            format!(
                "\"{s}\" is not one of the values allowed here: {}. Fix the value there.",
                words.join(", ")
            ),
        )
    })
}

fn optional_word(node: Node, words: &[&'static str]) -> Read<Option<usize>> {
    match node.value {
        Value::Null => Ok(None),
        _ => word(node, words).map(Some),
    }
}

/// Reads an object's members through `set`, which gets each key's position
/// in `keys`. A key not in `keys` is an error that lists them.
fn fields(node: Node, keys: &[&str], set: &mut dyn FnMut(usize, Node) -> Read<()>) -> Read<()> {
    let Value::Object(members) = node.value else {
        return expected(&node, "an object in { }");
    };
    for Member {
        key,
        key_start,
        node,
    } in members
    {
        let Some(i) = keys.iter().position(|k| *k == key) else {
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
        set(i, node).map_err(|e| e.within(key))?;
    }
    Ok(())
}

fn document(node: Node) -> Read<Document> {
    let mut d = Document::default();
    let keys = [
        "format",
        "version",
        "title",
        "status",
        "severity",
        "authors",
        "tags",
        "services",
        "time_zone",
        "summary",
        "impact",
        "times",
        "timeline",
        "root_cause",
        "detection",
        "resolution",
        "lessons",
        "actions",
        "updates",
        "links",
        "notes",
    ];
    fields(node, &keys, &mut |i, v| {
        match i {
            // Checked before the walk (from_node).
            0 | 1 => {}
            2 => d.title = text(v)?,
            3 => d.status = Status::ALL[word(v, Status::WORDS)?],
            4 => d.severity = optional_word(v, Severity::WORDS)?.map(|i| Severity::ALL[i]),
            5 => d.authors = texts(v)?,
            6 => d.tags = texts(v)?,
            7 => d.services = texts(v)?,
            8 => d.time_zone = text(v)?,
            9 => d.summary = text(v)?,
            10 => d.impact = impact(v)?,
            11 => d.times = key_times(v)?,
            12 => d.timeline = list(v, timeline_entry)?,
            13 => d.root_cause = root_cause(v)?,
            14 => d.detection = text(v)?,
            15 => d.resolution = text(v)?,
            16 => d.lessons = lessons(v)?,
            17 => d.actions = list(v, action)?,
            18 => d.updates = list(v, update)?,
            19 => d.links = list(v, link)?,
            _ => d.notes = text(v)?,
        }
        Ok(())
    })?;
    Ok(d)
}

fn impact(node: Node) -> Read<Impact> {
    let mut out = Impact::default();
    fields(node, &["description", "metrics"], &mut |i, v| {
        match i {
            0 => out.description = text(v)?,
            _ => out.metrics = list(v, metric)?,
        }
        Ok(())
    })?;
    Ok(out)
}

fn metric(node: Node) -> Read<ImpactMetric> {
    let mut out = ImpactMetric::default();
    fields(node, &["label", "value"], &mut |i, v| {
        match i {
            0 => out.label = text(v)?,
            _ => out.value = text(v)?,
        }
        Ok(())
    })?;
    Ok(out)
}

fn key_times(node: Node) -> Read<KeyTimes> {
    let mut out = KeyTimes::default();
    let keys = [
        "started",
        "detected",
        "acknowledged",
        "mitigated",
        "resolved",
        "approximate",
    ];
    fields(node, &keys, &mut |i, v| {
        match KeyTime::ALL.get(i) {
            Some(key) => *out.slot(*key) = stamp(v)?,
            None => {
                out.approximate = list(v, |n| word(n, KeyTime::WORDS).map(|i| KeyTime::ALL[i]))?
            }
        }
        Ok(())
    })?;
    Ok(out)
}

fn timeline_entry(node: Node) -> Read<TimelineEntry> {
    let mut out = TimelineEntry::default();
    fields(node, &["at", "approximate", "kind", "text"], &mut |i, v| {
        match i {
            0 => out.at = stamp(v)?,
            1 => {
                out.approximate = match v.value {
                    Value::Bool(b) => b,
                    _ => return expected(&v, "true or false"),
                }
            }
            2 => out.kind = TimelineKind::ALL[word(v, TimelineKind::WORDS)?],
            _ => out.text = text(v)?,
        }
        Ok(())
    })?;
    Ok(out)
}

fn root_cause(node: Node) -> Read<RootCause> {
    let mut out = RootCause::default();
    fields(
        node,
        &["trigger", "description", "contributing_factors"],
        &mut |i, v| {
            match i {
                0 => out.trigger = text(v)?,
                1 => out.description = text(v)?,
                _ => out.contributing_factors = texts(v)?,
            }
            Ok(())
        },
    )?;
    Ok(out)
}

fn lessons(node: Node) -> Read<Lessons> {
    let mut out = Lessons::default();
    fields(node, &["went_well", "went_wrong", "lucky"], &mut |i, v| {
        *[&mut out.went_well, &mut out.went_wrong, &mut out.lucky][i] = texts(v)?;
        Ok(())
    })?;
    Ok(out)
}

fn action(node: Node) -> Read<ActionItem> {
    let mut out = ActionItem::default();
    let keys = [
        "title", "owner", "due", "kind", "priority", "status", "link",
    ];
    fields(node, &keys, &mut |i, v| {
        match i {
            0 => out.title = text(v)?,
            1 => out.owner = text(v)?,
            2 => out.due = optional_text(v)?,
            3 => out.kind = optional_word(v, ActionKind::WORDS)?.map(|i| ActionKind::ALL[i]),
            4 => out.priority = optional_word(v, Priority::WORDS)?.map(|i| Priority::ALL[i]),
            5 => out.status = ActionStatus::ALL[word(v, ActionStatus::WORDS)?],
            _ => out.link = optional_text(v)?,
        }
        Ok(())
    })?;
    Ok(out)
}

fn update(node: Node) -> Read<StatusUpdate> {
    let mut out = StatusUpdate::default();
    fields(node, &["at", "state", "text"], &mut |i, v| {
        match i {
            0 => out.at = stamp(v)?,
            1 => out.state = UpdateState::ALL[word(v, UpdateState::WORDS)?],
            _ => out.text = text(v)?,
        }
        Ok(())
    })?;
    Ok(out)
}

fn link(node: Node) -> Read<Link> {
    let mut out = Link::default();
    fields(node, &["title", "url"], &mut |i, v| {
        match i {
            0 => out.title = text(v)?,
            _ => out.url = text(v)?,
        }
        Ok(())
    })?;
    Ok(out)
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
