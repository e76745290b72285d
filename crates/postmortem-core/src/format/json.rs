//! The JSON v1 file: written byte-for-byte deterministically and read
//! strictly, with serde (the model derives both directions).
//!
//! Writing is serde_json's pretty printer: the model's field order, 2-space
//! indent, LF, one final newline. Reading refuses an unknown or repeated key
//! and every value of the wrong kind; an error names the line, column and
//! JSON path (serde_path_to_error) and says what to do. Stamps that parse are
//! stored in canonical RFC 9557 form; ones that do not are kept as written
//! so validation can point at them.

use crate::model::{Document, FORMAT_VERSION};
use crate::time::zones;
use serde::Deserialize;
use std::fmt;

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
    // Serialising plain structs of strings, options and lists cannot fail.
    let mut out = serde_json::to_string_pretty(doc).unwrap_or_default();
    out.push('\n');
    out
}

/// The two keys read before the rest, so that a file of another format or
/// a newer version gets a sentence about that rather than about its keys.
/// Other keys are left for the document's own reading.
#[derive(Deserialize)]
struct Head {
    format: Option<serde_json::Value>,
    version: Option<serde_json::Value>,
}

/// Reads a JSON v1 file.
pub fn from_json(text: &str) -> Result<Document, ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // serde reads a struct from a list too; a file must be an object.
    if !text.trim_start().starts_with('{') {
        return Err(match serde_json::from_str::<serde::de::IgnoredAny>(text) {
            Err(e) => explain(&e, None),
            Ok(_) => ImportError::new(
                "This JSON file is not a postmortem: it should be an object with \"format\": \"postmortem\". \
                 Open a file exported by this editor.",
            ),
        });
    }
    let head: Head = serde_json::from_str(text).map_err(|e| explain(&e, None))?;
    check_head(head)?;
    let mut doc = read_document(text).map_err(|wrong| match *wrong {
        (first, Some(repair)) => all_errors(text, first, repair),
        (first, None) => first,
    })?;
    canonicalise_stamps(&mut doc);
    Ok(doc)
}

/// Reads the document, or its first error with, for a value of the wrong
/// type or word, the value's path and a stand-in of the right type.
/// A value of the wrong type or word, and a stand-in to read on past it.
type Wrong = Box<(ImportError, Option<(String, String)>)>;

fn read_document(text: &str) -> Result<Document, Wrong> {
    let mut de = serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let error = explain(e.inner(), (path != ".").then_some(path.clone()));
        let repair = (e.inner().classify() == serde_json::error::Category::Data && path != ".")
            .then(|| stand_in(&e.inner().to_string()))
            .flatten()
            .map(|value| (path, value));
        Box::new((error, repair))
    })
}

/// A value of the type serde expected, to read on past a wrong one: text,
/// a list, an object, a boolean, a number, or the first word allowed.
fn stand_in(message: &str) -> Option<String> {
    let message = message.rsplit_once(" at line ").map_or(message, |(m, _)| m);
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        let (_, words) = rest.rsplit_once("`, expected ")?;
        let first = words.strip_prefix("one of ").unwrap_or(words);
        let word = first.strip_prefix('`')?.split('`').next()?;
        return serde_json::to_string(word).ok();
    }
    let (_, wanted) = message
        .strip_prefix("invalid type: ")?
        .rsplit_once(", expected ")?;
    let value = if wanted.starts_with("a string") {
        "\"\""
    } else if wanted.starts_with("a sequence") {
        "[]"
    } else if wanted.starts_with("struct") || wanted.starts_with("a map") {
        "{}"
    } else if wanted.starts_with("a boolean") {
        "false"
    } else if wanted.starts_with('u') || wanted.starts_with('i') || wanted.starts_with('f') {
        "0"
    } else {
        return None;
    };
    Some(value.to_string())
}

/// Every value of the wrong type or word in one error: each wrong value is
/// replaced by a stand-in of the right type and the file read again, up to
/// 50 times. Places are given in the file as it was.
fn all_errors(text: &str, first: ImportError, repair: (String, String)) -> ImportError {
    let mut errors = vec![first];
    let mut current = text.to_string();
    // Edits made so far: (offset in `current`, bytes added), to give each
    // later error its place in the original text.
    let mut edits: Vec<(usize, isize)> = Vec::new();
    let mut next = Some(repair);
    while let Some((path, value)) = next.take() {
        if errors.len() >= 50 {
            break;
        }
        let Some((start, end)) = value_span(&current, &path) else {
            break;
        };
        current.replace_range(start..end, &value);
        edits.push((start, value.len() as isize - (end - start) as isize));
        match read_document(&current) {
            Ok(_) => break,
            Err(wrong) => {
                let (mut error, repair) = *wrong;
                // A stand-in must not cause errors of its own.
                if error.path.as_deref().is_some_and(|p| p.starts_with(&path)) {
                    break;
                }
                if let (Some(line), Some(column)) = (error.line, error.column) {
                    let at = offset_of(&current, line, column);
                    let original = edits.iter().rev().fold(at as isize, |at, &(o, d)| {
                        if at as usize > o {
                            (at - d).max(o as isize)
                        } else {
                            at
                        }
                    });
                    let (l, c) = line_column(text, original.max(0) as usize);
                    error.line = Some(l);
                    error.column = Some(c);
                }
                errors.push(error);
                next = repair;
            }
        }
    }
    if errors.len() == 1 {
        return errors.remove(0);
    }
    let mut message = format!(
        "{} values need fixing before this file can be opened:",
        errors.len()
    );
    for e in &errors {
        message.push('\n');
        message.push_str(&e.to_string());
    }
    ImportError::new(message)
}

/// The byte offset of a 1-based line and column (columns counted in bytes,
/// as serde_json counts them).
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    (start + column).min(text.len())
}

/// The 1-based line and column of a byte offset, as serde_json gives them.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text.as_bytes()[..offset.min(text.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let column = before.iter().rev().take_while(|&&b| b != b'\n').count();
    (line, column.max(1))
}

/// The 1-based line and column where the value at a path (`actions[2].owner`)
/// starts in a JSON file, or where the nearest enclosing value does when the
/// field itself is not written (`timeline[3].at` left out: its row).
pub fn position(text: &str, path: &str) -> Option<(usize, usize)> {
    let mut path = path;
    loop {
        if let Some((start, _)) = value_span(text, path) {
            return Some(line_column(text, start));
        }
        path = &path[..path.rfind(['.', '['])?];
    }
}

/// Where the value at a JSON path (`actions[2].owner`) is in the text, as
/// a byte range, found by reading the text as JSON.
fn value_span(text: &str, path: &str) -> Option<(usize, usize)> {
    let mut at = skip_space(text, 0);
    for segment in path_segments(path) {
        let bytes = text.as_bytes();
        match segment {
            Segment::Key(key) => {
                if bytes.get(at) != Some(&b'{') {
                    return None;
                }
                at = skip_space(text, at + 1);
                loop {
                    let (name, after) = next_value::<String>(text, at)?;
                    at = skip_space(text, after);
                    if bytes.get(at) != Some(&b':') {
                        return None;
                    }
                    at = skip_space(text, at + 1);
                    if name == key {
                        break;
                    }
                    at = skip_space(text, next_value::<serde::de::IgnoredAny>(text, at)?.1);
                    if bytes.get(at) != Some(&b',') {
                        return None;
                    }
                    at = skip_space(text, at + 1);
                }
            }
            Segment::Index(n) => {
                if bytes.get(at) != Some(&b'[') {
                    return None;
                }
                at = skip_space(text, at + 1);
                for _ in 0..n {
                    at = skip_space(text, next_value::<serde::de::IgnoredAny>(text, at)?.1);
                    if bytes.get(at) != Some(&b',') {
                        return None;
                    }
                    at = skip_space(text, at + 1);
                }
            }
        }
    }
    let end = next_value::<serde::de::IgnoredAny>(text, at)?.1;
    Some((at, end))
}

enum Segment<'a> {
    Key(&'a str),
    Index(usize),
}

/// `actions[2].owner` → `actions`, 2, `owner`.
fn path_segments(path: &str) -> Vec<Segment<'_>> {
    let mut out = Vec::new();
    for part in path.split('.') {
        let (key, rest) = part.split_once('[').unwrap_or((part, ""));
        if !key.is_empty() {
            out.push(Segment::Key(key));
        }
        for index in rest.split('[') {
            if let Ok(n) = index.trim_end_matches(']').parse() {
                out.push(Segment::Index(n));
            }
        }
    }
    out
}

fn skip_space(text: &str, at: usize) -> usize {
    at + text
        .get(at..)
        .map_or(0, |rest| rest.len() - rest.trim_start().len())
}

/// The JSON value starting at `at`, and the offset just after it.
fn next_value<'a, T: Deserialize<'a>>(text: &'a str, at: usize) -> Option<(T, usize)> {
    let mut values = serde_json::Deserializer::from_str(text.get(at..)?).into_iter::<T>();
    let value = values.next()?.ok()?;
    Some((value, at + values.byte_offset()))
}

fn check_head(head: Head) -> Result<(), ImportError> {
    use serde_json::Value;
    let at = |key: &str, message: String| ImportError {
        path: Some(key.into()),
        ..ImportError::new(message)
    };
    match head.format {
        Some(Value::String(f)) if f == "postmortem" => {}
        Some(other) => {
            let shown = match other {
                Value::String(s) => s,
                other => kind(&other).to_string(),
            };
            return Err(at(
                "format",
                format!("this file's format is \"{shown}\", not \"postmortem\". Open a file exported by this editor."),
            ));
        }
        None => {
            return Err(ImportError::new(
                "This JSON file is not a postmortem: it has no \"format\": \"postmortem\" key. \
                 Open a file exported by this editor.",
            ))
        }
    }
    match head.version.as_ref().map(Value::as_u64) {
        Some(Some(FORMAT_VERSION)) => Ok(()),
        Some(Some(v)) if v > FORMAT_VERSION => Err(at(
            "version",
            format!(
                "this file was written by a newer editor (format version {v}); this editor reads \
                 version {FORMAT_VERSION}. Open it with the newer editor, or export it from there as Markdown."
            ),
        )),
        Some(_) => Err(at(
            "version",
            format!("the format version must be the number {FORMAT_VERSION}. Fix the \"version\" key."),
        )),
        None => Err(at(
            "version",
            format!("the file has no \"version\" key. Add \"version\": {FORMAT_VERSION} after \"format\"."),
        )),
    }
}

/// A JSON value's kind in the words errors use.
fn kind(v: &serde_json::Value) -> &'static str {
    use serde_json::Value;
    match v {
        Value::Null => "null",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// serde_json's error as a sentence with its place: what is wrong, in the
/// file's own words, and what to do about it.
fn explain(e: &serde_json::Error, path: Option<String>) -> ImportError {
    // serde_json's message ends with its position, which we give apart.
    let full = e.to_string();
    let message = full
        .rsplit_once(" at line ")
        .map_or(full.as_str(), |(m, _)| m);
    let sentence = match e.classify() {
        serde_json::error::Category::Data => data_sentence(message),
        _ => match message.strip_prefix("duplicate field ") {
            Some(key) => repeated(key),
            None => format!(
                "this is not valid JSON ({message}). Look for a missing comma, quote or bracket just before this point."
            ),
        },
    };
    ImportError {
        line: (e.line() > 0).then_some(e.line()),
        // An empty file ends at column 0 for serde_json; people count from 1.
        column: (e.line() > 0).then_some(e.column().max(1)),
        path,
        message: sentence,
    }
}

fn repeated(key: &str) -> String {
    format!(
        "the key {key} appears twice in the same object. A JSON object names each key once: \
         keep the one you mean and delete the other."
    )
}

/// `` `a`, `b` `` → `a, b`.
fn listed(names: &str) -> String {
    names.replace('`', "")
}

/// serde's messages for a value that does not fit the format, reworded.
fn data_sentence(message: &str) -> String {
    if let Some(key) = message.strip_prefix("duplicate field ") {
        return repeated(key);
    }
    // serde quotes the file's own text in backticks and then lists ours,
    // so the split is at the last "`, expected ": the key or word may
    // itself hold those characters.
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (key, keys) = rest.rsplit_once("`, expected ").unwrap_or((rest, ""));
        let keys = keys.strip_prefix("one of ").unwrap_or(keys);
        return format!(
            "unknown key `{key}`; the keys here are {}. Is it a typo? Rename it to one of those keys, \
             or move its text into \"notes\".",
            listed(keys)
        );
    }
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        let (word, words) = rest.rsplit_once("`, expected ").unwrap_or((rest, ""));
        let words = words.strip_prefix("one of ").unwrap_or(words);
        return format!(
            "\"{word}\" is not one of the values allowed here: {}. Fix the value there.",
            listed(words)
        );
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        // What was found may quote the file's text; what was expected is ours.
        let (found, wanted) = rest.rsplit_once(", expected ").unwrap_or((rest, ""));
        let found = match found.split(' ').next().unwrap_or(found) {
            "integer" | "floating" => "a number",
            "boolean" => "true or false",
            "string" => "text",
            "sequence" => "a list",
            "map" => "an object",
            "null" | "unit" => "null",
            _ => found,
        };
        let wanted = if wanted.starts_with("a string") || wanted.contains("variant") {
            "text in double quotes"
        } else if wanted.starts_with("a sequence") {
            "a list in [ ]"
        } else if wanted.starts_with("struct") || wanted.starts_with("a map") {
            "an object in { }"
        } else if wanted.starts_with("a boolean") {
            "true or false"
        } else {
            wanted
        };
        return format!("{wanted} was expected here, not {found}. Fix the value there.");
    }
    // The model's own checks (format and version) and anything else serde
    // says: already a sentence, with the advice every such error shares.
    format!("{message}. Fix the value there.")
}

/// Rewrites every stamp that parses into canonical RFC 9557 form.
pub fn canonicalise_stamps(doc: &mut Document) {
    let fix = |s: &mut Option<crate::model::Stamp>| {
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
