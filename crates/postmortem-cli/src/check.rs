//! `postmortem check`: every postmortem under the paths, through the
//! editor's own reader and validation (`postmortem_core::validate`, status
//! by status as in the editor), plus what a repository adds: the file name's
//! date agrees with the incident's, no two files describe one incident, and
//! the file is as the editor writes it.

use crate::input::{self, Unreadable};
use crate::output::{self, Finding, Level, Summary};
use crate::OutputFormat;
use postmortem_core::file::{self, Format, Kind};
use postmortem_core::format::markdown::ExportOptions;
use postmortem_core::model::{Document, Status};
use postmortem_core::path::{Part, Path, Top};
use postmortem_core::{naming, validate};
use std::collections::HashMap;
use std::path::PathBuf;

pub struct Options {
    pub paths: Vec<PathBuf>,
    pub status: Option<Status>,
    pub deny_warnings: bool,
    pub format: OutputFormat,
}

/// Checks and prints; returns the exit status.
pub fn run(options: &Options) -> u8 {
    let (files, missing) = input::files(&options.paths);
    let mut findings = Vec::new();
    let mut summary = Summary::default();
    let mut elsewhere = Vec::new();
    for (path, why) in missing {
        summary.unreadable += 1;
        findings.push(Finding {
            file: input::shown(&path),
            line: 1,
            column: 1,
            level: Level::Error,
            code: "file.unreadable".into(),
            path: None,
            message: format!("cannot be read: {why}"),
        });
    }
    // Incidents seen so far, by date and title, for duplicates.
    let mut incidents: HashMap<(Option<jiff::civil::Date>, String), String> = HashMap::new();
    for path in files {
        let shown = input::shown(&path);
        let text = match input::read(&path) {
            Ok(text) => text,
            Err(Unreadable {
                line,
                column,
                message,
            }) => {
                summary.unreadable += 1;
                findings.push(Finding {
                    file: shown,
                    line,
                    column,
                    level: Level::Error,
                    code: "file.unreadable".into(),
                    path: None,
                    message: format!("This file {message}"),
                });
                continue;
            }
        };
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        match file::kind(&name, &text) {
            Kind::Other => summary.skipped += 1,
            Kind::Elsewhere => {
                summary.elsewhere += 1;
                elsewhere.push(shown);
            }
            Kind::Ours(format) => {
                summary.files += 1;
                let mut found =
                    check_file(&shown, &name, &text, format, options.status, &mut incidents);
                findings.append(&mut found);
            }
        }
    }
    if options.format != OutputFormat::Json {
        for f in &elsewhere {
            eprintln!("{f}: a postmortem written elsewhere, not checked: `postmortem import {f}` turns it into this format");
        }
    }
    summary.errors = findings.iter().filter(|f| f.level == Level::Error).count();
    summary.warnings = findings.len() - summary.errors;
    output::print(&findings, &summary, options.format);
    if summary.unreadable > 0 {
        2
    } else if summary.errors > 0 || (options.deny_warnings && summary.warnings > 0) {
        1
    } else {
        0
    }
}

/// The problems of one file of ours.
fn check_file(
    shown: &str,
    name: &str,
    text: &str,
    format: Format,
    status: Option<Status>,
    incidents: &mut HashMap<(Option<jiff::civil::Date>, String), String>,
) -> Vec<Finding> {
    let at = |line: usize,
              column: usize,
              level: Level,
              code: &str,
              path: Option<String>,
              message: String| Finding {
        file: shown.to_string(),
        line,
        column,
        level,
        code: code.to_string(),
        path,
        message,
    };
    let opened = match file::open(name, text) {
        Ok(opened) => opened,
        Err(e) => {
            return vec![at(
                e.line.unwrap_or(1),
                e.column.unwrap_or(1),
                Level::Error,
                "file.read",
                e.path.clone(),
                e.message.clone(),
            )]
        }
    };
    let place = |path: &Path| file::position(format, text, path).unwrap_or((1, 1));
    let mut out = Vec::new();
    for n in &opened.notices {
        out.push(at(
            n.line,
            1,
            Level::Warning,
            "file.read",
            None,
            n.message.clone(),
        ));
    }
    let mut judged = opened.doc.clone();
    if let Some(s) = status {
        judged.status = s;
    }
    for p in validate::validate(&judged) {
        let (line, column) = place(&p.path);
        out.push(at(
            line,
            column,
            p.level,
            p.code.as_str(),
            Some(p.path.to_string()),
            p.message,
        ));
    }
    let doc = &opened.doc;
    let started = place(&Path::part(Top::Times, Part::Started));
    if let Some(f) = name_date(name, doc, format) {
        out.push(at(started.0, started.1, Level::Error, "file.date", None, f));
    }
    let title = naming::slug(&doc.title);
    if !doc.title.trim().is_empty() {
        let key = (naming::incident_date(doc), title);
        match incidents.get(&key) {
            Some(first) => out.push(at(
                1,
                1,
                Level::Error,
                "file.duplicate",
                None,
                format!("This file describes the same incident as {first}: the same title and incident date. Keep one of them."),
            )),
            None => {
                incidents.insert(key, shown.to_string());
            }
        }
    }
    if let Some(line) = first_difference(text, &file::save(doc, format, ExportOptions::default())) {
        out.push(at(
            line,
            1,
            Level::Warning,
            "file.format",
            None,
            format!("This file is not as the editor writes it (from this line on); `postmortem fmt {shown}` rewrites it."),
        ));
    }
    out
}

/// The sentence when the date a file's name starts with is not the
/// incident's date.
fn name_date(name: &str, doc: &Document, format: Format) -> Option<String> {
    let named: jiff::civil::Date = name.get(..10)?.parse().ok()?;
    let date = naming::incident_date(doc)?;
    (named != date).then(|| {
        format!(
            "The file name says {named}, but the incident started on {date} (in {}); name the file {}.",
            if doc.time_zone.trim().is_empty() { "UTC" } else { doc.time_zone.trim() },
            file::file_name(doc, format)
        )
    })
}

/// The first line where a file differs from what the editor would write,
/// or None when it is the same (line endings and a byte-order mark aside).
fn first_difference(text: &str, written: &str) -> Option<usize> {
    let text = text
        .strip_prefix('\u{feff}')
        .unwrap_or(text)
        .replace("\r\n", "\n");
    if text == written {
        return None;
    }
    let mut a = text.split('\n');
    let mut b = written.split('\n');
    let mut line = 1;
    loop {
        match (a.next(), b.next()) {
            (Some(x), Some(y)) if x == y => line += 1,
            _ => return Some(line),
        }
    }
}
