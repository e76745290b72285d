//! Opening and saving a document's file: which format a file is, and the one
//! entry to the readers (our JSON, our Markdown, anyone else's Markdown or
//! text) and the writers. The web app, the examples and the command line all
//! go through here.

use crate::format::json::ImportError;
use crate::format::markdown::front_matter::front_matter;
use crate::format::markdown::read;
use crate::format::{Imported, Notice};
use crate::import;

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
