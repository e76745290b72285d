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
    // Each file on its own, on every core; then, in the files' order, what
    // needs them all (the summary, one file per incident).
    let looked = in_parallel(&files, |path| look(path, options.status));
    let mut incidents: HashMap<(Option<jiff::civil::Date>, String), String> = HashMap::new();
    for result in looked {
        match result {
            Looked::Unreadable(finding) => {
                summary.unreadable += 1;
                findings.push(finding);
            }
            Looked::Other => summary.skipped += 1,
            Looked::Elsewhere(shown) => {
                summary.elsewhere += 1;
                elsewhere.push(shown);
            }
            Looked::Ours {
                shown,
                mut found,
                incident,
            } => {
                summary.files += 1;
                if let Some(key) = incident {
                    match incidents.get(&key) {
                        Some(first) => found.push(Finding {
                            file: shown.clone(),
                            line: 1,
                            column: 1,
                            level: Level::Error,
                            code: "file.duplicate".into(),
                            path: None,
                            message: format!("This file describes the same incident as {first}: the same title and incident date. Keep one of them."),
                        }),
                        None => {
                            incidents.insert(key, shown);
                        }
                    }
                }
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

/// What one file is, and what is wrong with it if it is ours.
enum Looked {
    Unreadable(Finding),
    Other,
    Elsewhere(String),
    Ours {
        shown: String,
        found: Vec<Finding>,
        /// Its incident (date and title), when it has a title.
        incident: Option<(Option<jiff::civil::Date>, String)>,
    },
}

fn look(path: &std::path::Path, status: Option<Status>) -> Looked {
    let shown = input::shown(path);
    let text = match input::read(path) {
        Ok(text) => text,
        Err(Unreadable {
            line,
            column,
            message,
        }) => {
            return Looked::Unreadable(Finding {
                file: shown,
                line,
                column,
                level: Level::Error,
                code: "file.unreadable".into(),
                path: None,
                message: format!("This file {message}"),
            })
        }
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    match file::kind(&name, &text) {
        Kind::Other => Looked::Other,
        Kind::Elsewhere => Looked::Elsewhere(shown),
        Kind::Ours(format) => {
            let (found, incident) = check_file(&shown, &name, &text, format, status);
            Looked::Ours {
                shown,
                found,
                incident,
            }
        }
    }
}

/// `f` of every item, on as many threads as the machine has cores, in the
/// items' order.
fn in_parallel<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len())
        .max(1);
    let mut parts: Vec<Vec<(usize, R)>> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..threads)
            .map(|w| {
                let f = &f;
                s.spawn(move || {
                    (w..items.len())
                        .step_by(threads)
                        .map(|i| (i, f(&items[i])))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|h| h.join().unwrap_or_default())
            .collect()
    });
    let mut all: Vec<(usize, R)> = parts.drain(..).flatten().collect();
    all.sort_by_key(|(i, _)| *i);
    all.into_iter().map(|(_, r)| r).collect()
}

/// The problems of one file of ours, and its incident (date and title)
/// for the check that no two files describe one incident.
fn check_file(
    shown: &str,
    name: &str,
    text: &str,
    format: Format,
    status: Option<Status>,
) -> (Vec<Finding>, Option<(Option<jiff::civil::Date>, String)>) {
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
            let found = at(
                e.line.unwrap_or(1),
                e.column.unwrap_or(1),
                Level::Error,
                "file.read",
                e.path.clone(),
                e.message.clone(),
            );
            return (vec![found], None);
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
    let incident = (!doc.title.trim().is_empty())
        .then(|| (naming::incident_date(doc), naming::slug(&doc.title)));
    if let Some(line) =
        input::first_difference(text, &file::save(doc, format, ExportOptions::default()))
    {
        out.push(at(
            line,
            1,
            Level::Warning,
            "file.format",
            None,
            format!("This file is not as the editor writes it (from this line on); `postmortem fmt {shown}` rewrites it."),
        ));
    }
    (out, incident)
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
