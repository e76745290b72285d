//! The JSON v1 file: writing it byte-for-byte deterministically and reading it
//! strictly.
//!
//! Writing: fixed key order (the model's field order), 2-space indent, LF, one
//! final newline. Reading: an error names the line, column and JSON path and
//! says what to do; an unknown key is an error, never dropped. Stamps that
//! parse are stored in canonical RFC 9557 form; ones that do not are kept
//! as written so validation can point at them.

use crate::core::model::{Document, FORMAT_VERSION};
use crate::core::zones;
use serde_json::value::RawValue;
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
    // Serialising plain structs of strings, enums and vectors cannot fail.
    let mut out = serde_json::to_string_pretty(doc).unwrap_or_default();
    out.push('\n');
    out
}

/// Reads a JSON v1 file.
pub fn from_json(text: &str) -> Result<Document, ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let not_an_object = || {
        ImportError::new(
            "This JSON file is not a postmortem: it should be an object with \"format\": \"postmortem\". \
             Open a file exported by this editor.",
        )
    };
    let head: Head = match serde_json::from_str(text) {
        Ok(head) => head,
        Err(e) if e.is_syntax() || e.is_eof() => {
            return Err(ImportError {
                line: Some(e.line()),
                column: Some(e.column()),
                path: None,
                message: format!(
                    "this is not valid JSON ({}). Look for a missing comma, quote or bracket just before this point.",
                    strip_position(&e.to_string())
                ),
            })
        }
        // Valid JSON of the wrong shape; an object's own trouble (a repeated
        // key) is reported with its path by the full read below.
        Err(_) if !text.trim_start().starts_with('{') => return Err(not_an_object()),
        Err(_) => Head::default(),
    };
    if !text.trim_start().starts_with('{') {
        return Err(not_an_object());
    }
    match head.format.map(raw_text) {
        Some(Some(ref f)) if f == "postmortem" => {}
        Some(Some(other)) => {
            return Err(ImportError {
                path: Some("format".into()),
                ..ImportError::new(format!(
                    "this file's format is \"{other}\", not \"postmortem\". Open a file exported by this editor."
                ))
            })
        }
        _ => {
            return Err(ImportError::new(
                "This JSON file is not a postmortem: it has no \"format\": \"postmortem\" key. \
                 Open a file exported by this editor.",
            ))
        }
    }
    match head.version.map(raw_u64) {
        Some(Some(v)) if v == FORMAT_VERSION => {}
        Some(Some(v)) if v > FORMAT_VERSION => {
            return Err(ImportError {
                path: Some("version".into()),
                ..ImportError::new(format!(
                    "this file was written by a newer editor (format version {v}); this editor reads \
                     version {FORMAT_VERSION}. Open it with the newer editor, or export it from there as Markdown."
                ))
            })
        }
        Some(_) => {
            return Err(ImportError {
                path: Some("version".into()),
                ..ImportError::new(format!(
                    "the format version must be the number {FORMAT_VERSION}. Fix the \"version\" key."
                ))
            })
        }
        None => {
            return Err(ImportError {
                path: Some("version".into()),
                ..ImportError::new(format!(
                    "the file has no \"version\" key. Add \"version\": {FORMAT_VERSION} after \"format\"."
                ))
            })
        }
    }
    let mut doc: Document = serde_json::from_str(text).map_err(|e| {
        let detail = strip_position(&e.to_string());
        let advice = if detail.starts_with("unknown field") {
            " Is it a typo? Rename it to one of those keys, or move its text into \"notes\"."
        } else {
            " Fix the value there."
        };
        ImportError {
            line: Some(e.line()),
            column: Some(e.column()),
            path: path_at(text, e.line(), e.column()),
            message: format!("{detail}.{advice}"),
        }
    })?;
    canonicalise_stamps(&mut doc);
    Ok(doc)
}

/// The two keys read before the whole file, so a file of another kind or
/// version gets its own sentence. Every other key is skipped unread.
#[derive(Default, serde::Deserialize)]
struct Head<'a> {
    #[serde(borrow, default, deserialize_with = "present")]
    format: Option<&'a RawValue>,
    #[serde(borrow, default, deserialize_with = "present")]
    version: Option<&'a RawValue>,
}

/// A key that is there, even with `null` as its value.
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<&'de RawValue>, D::Error> {
    serde::Deserialize::deserialize(d).map(Some)
}

/// A raw JSON value as a string, if it is one.
pub(crate) fn raw_text(raw: &RawValue) -> Option<String> {
    raw.get()
        .starts_with('"')
        .then(|| serde_json::from_str(raw.get()).ok())
        .flatten()
}

/// A raw JSON value as a whole number from 0, if it is one.
pub(crate) fn raw_u64(raw: &RawValue) -> Option<u64> {
    raw.get().parse().ok()
}

/// Where in the document a (line, column) position of `text` is, as a path
/// such as `actions[1].owner`: the keys and indices of the containers open
/// there, with the last key read in each object. `None` at the top level.
///
/// serde_json reports where a value went wrong but not whose value it was;
/// this walks the text once up to that point instead of tracking the path
/// through the whole deserialisation.
pub fn path_at(text: &str, line: usize, column: usize) -> Option<String> {
    enum Open {
        Object {
            key: Option<String>,
            expect_key: bool,
        },
        Array {
            index: usize,
        },
    }
    // serde_json counts lines from 1 and columns in bytes from the line start.
    let line_start = if line <= 1 {
        0
    } else {
        text.match_indices('\n')
            .nth(line - 2)
            .map_or(text.len(), |(i, _)| i + 1)
    };
    let end = (line_start + column).min(text.len());
    let bytes = &text.as_bytes()[..end];
    let mut open: Vec<Open> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                if let Some(Open::Object {
                    key,
                    expect_key: expect @ true,
                }) = open.last_mut()
                {
                    let raw = text.get(start..i.min(bytes.len())).unwrap_or_default();
                    let quoted = format!("\"{raw}\"");
                    *key = Some(serde_json::from_str(&quoted).unwrap_or_else(|_| raw.to_string()));
                    *expect = false;
                }
            }
            b'{' => open.push(Open::Object {
                key: None,
                expect_key: true,
            }),
            b'[' => open.push(Open::Array { index: 0 }),
            b'}' | b']' => {
                open.pop();
            }
            b',' => match open.last_mut() {
                Some(Open::Array { index }) => *index += 1,
                Some(Open::Object { key, expect_key }) => {
                    *key = None;
                    *expect_key = true;
                }
                None => {}
            },
            _ => {}
        }
        i += 1;
    }
    let mut path = String::new();
    for frame in &open {
        match frame {
            Open::Object { key: Some(k), .. } => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(k);
            }
            Open::Object { key: None, .. } => break,
            Open::Array { index } => path.push_str(&format!("[{index}]")),
        }
    }
    (!path.is_empty()).then_some(path)
}

fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
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
