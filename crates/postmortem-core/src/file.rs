//! Opening and saving a document's file: which format a file is, and the one
//! entry to the readers (our JSON, our Markdown, anyone else's Markdown or
//! text) and the writers. The web app, the examples and the command line all
//! go through here.
//!
//! The format rule ([`Format::detect`]): the name decides when it ends in
//! `.json` or `.md` (any case); otherwise the first character that is not
//! white space or a byte-order mark does, `{` meaning JSON. Anything else is
//! Markdown, which reads any text (other people's notes included).

use crate::format::json::{self, ImportError};
use crate::format::markdown::front_matter::front_matter;
use crate::format::markdown::{self, read, ExportOptions};
use crate::format::{Imported, Notice};
use crate::import;
use crate::model::Document;
use crate::naming;
use crate::review::Review;

/// The two formats this editor writes and reads back exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Markdown,
}

impl Format {
    /// The format a file is in, by its name, or when the name does not say,
    /// by its first character (see the module's doc).
    pub fn detect(name: &str, text: &str) -> Format {
        Format::by_name(name).unwrap_or_else(|| {
            let start = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
            if start.starts_with('{') {
                Format::Json
            } else {
                Format::Markdown
            }
        })
    }

    /// The format a file's name gives (`.json` or `.md`, any case), if any.
    pub fn by_name(name: &str) -> Option<Format> {
        let lower = name.to_ascii_lowercase();
        if lower.ends_with(".json") {
            Some(Format::Json)
        } else if lower.ends_with(".md") {
            Some(Format::Markdown)
        } else {
            None
        }
    }

    /// The format of a file extension or a short name: `json` or `md`.
    pub fn from_extension(ext: &str) -> Option<Format> {
        match ext {
            "json" => Some(Format::Json),
            "md" => Some(Format::Markdown),
            _ => None,
        }
    }

    /// The extension its files are written with, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Markdown => "md",
        }
    }

    /// Its name for people: "JSON" or "Markdown".
    pub fn label(self) -> &'static str {
        match self {
            Format::Json => "JSON",
            Format::Markdown => "Markdown",
        }
    }

    /// Its media type, for a download.
    pub fn media_type(self) -> &'static str {
        match self {
            Format::Json => "application/json;charset=utf-8",
            Format::Markdown => "text/markdown;charset=utf-8",
        }
    }
}

/// A file opened: the document, what the reader noticed and assumed (its
/// review), and the format the file was in.
#[derive(Debug, Clone, PartialEq)]
pub struct Opened {
    pub doc: Document,
    pub notices: Vec<Notice>,
    pub review: Review,
    pub format: Format,
}

/// Opens a file by its name and text: the format is detected
/// ([`Format::detect`]), then read. A JSON file is this editor's own (no
/// notices); a Markdown file may be ours or anyone's.
pub fn open(name: &str, text: &str) -> Result<Opened, ImportError> {
    match Format::detect(name, text) {
        Format::Json => json::from_json(text).map(|doc| Opened {
            review: Review::own(&doc),
            doc,
            notices: Vec::new(),
            format: Format::Json,
        }),
        Format::Markdown => from_markdown(text).map(|i| Opened {
            doc: i.doc,
            notices: i.notices,
            review: i.review,
            format: Format::Markdown,
        }),
    }
}

/// The file of a document in a format (`options` apply to Markdown).
pub fn save(doc: &Document, format: Format, options: ExportOptions) -> String {
    match format {
        Format::Json => json::to_json(doc),
        Format::Markdown => markdown::to_markdown_with(doc, options),
    }
}

/// The name a document's file is given in a format: its stem (see
/// `naming::file_stem`) and the format's extension.
pub fn file_name(doc: &Document, format: Format) -> String {
    format!("{}.{}", naming::file_stem(doc), format.extension())
}

/// Reads a Markdown file (this editor's or anyone's).
pub fn from_markdown(text: &str) -> Result<Imported, ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let normalised;
    let text = if text.contains('\r') {
        normalised = text.replace("\r\n", "\n").replace('\r', "\n");
        normalised.as_str()
    } else {
        text
    };
    if text.trim().is_empty() {
        return Err(ImportError::new(
            "The file is empty: there is no postmortem to open.",
        ));
    }
    if let Some(sides) = import::diff::sides(text) {
        return from_diff(&sides);
    }
    let mut lines: Vec<&str> = text.split('\n').collect();
    if text.ends_with('\n') {
        lines.pop();
    }
    let (front, body_start) = front_matter(&lines);
    if read::is_own(front.as_ref()) {
        read::read(&lines, front, body_start)
    } else {
        Ok(import::read(&lines, front.as_ref(), body_start))
    }
}
/// A diff of a note: its new side is the postmortem; what the change removed
/// is kept at the end of Notes, and a notice says so.
fn from_diff(sides: &import::diff::Sides) -> Result<Imported, ImportError> {
    let new = sides.new.join("\n");
    if new.trim().is_empty() {
        return Err(ImportError::new(
            "The file is a diff that adds nothing: there is no postmortem in it to open.",
        ));
    }
    let mut imported = from_markdown(&new)?;
    let what = match &sides.file {
        Some(f) => format!("a diff of {f}"),
        None => "a diff".to_string(),
    };
    let how = if sides.flattened {
        " (its line breaks had been lost, so its lines were found again from the + and - marks)"
    } else {
        ""
    };
    imported.notices.insert(
        0,
        Notice {
            line: 1,
            message: format!(
                "This file is {what}{how}: the note after the change was read; the {} removed line(s) are kept at the end of Notes.",
                sides.removed.iter().filter(|l| !l.trim().is_empty()).count()
            ),
        },
    );
    let removed: Vec<&str> = sides
        .removed
        .iter()
        .map(String::as_str)
        .filter(|l| !l.trim().is_empty())
        .collect();
    if !removed.is_empty() {
        let doc = &mut imported.doc;
        let block = format!("Removed by the diff:\n{}", removed.join("\n"));
        doc.notes = if doc.notes.is_empty() {
            block
        } else {
            format!("{}\n\n{block}", doc.notes)
        };
    }
    Ok(imported)
}
