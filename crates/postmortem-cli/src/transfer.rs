//! The commands that write files: `fmt` (rewrite as the editor exports),
//! `convert` (Markdown and JSON), `import` (a postmortem written elsewhere,
//! with the import review on standard error) and `new` (from a template).
//! Every file they write is `postmortem_core::file::save`'s, byte for byte
//! the editor's export of the same document.

use crate::input;
use postmortem_core::file::{self, Format, Kind, Opened};
use postmortem_core::format::markdown::ExportOptions;
use postmortem_core::sample::Template;
use postmortem_core::{naming, reread};
use std::path::{Path, PathBuf};

/// `postmortem fmt`: rewrites each postmortem of ours that is not as the
/// editor writes it; with `check`, prints a unified diff instead and
/// returns 1 when any file would change.
pub fn fmt(paths: &[PathBuf], check: bool) -> u8 {
    let (files, missing) = input::files(paths);
    let mut status = 0;
    for (path, why) in missing {
        eprintln!("{}: cannot be read: {why}", input::shown(&path));
        status = 2;
    }
    let (mut changed, mut same) = (0, 0);
    for path in files {
        let shown = input::shown(&path);
        let text = match input::read(&path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("{shown}:{}:{}: This file {}", e.line, e.column, e.message);
                status = 2;
                continue;
            }
        };
        let name = name_of(&path);
        let Kind::Ours(format) = file::kind(&name, &text) else {
            continue;
        };
        let opened = match file::open(&name, &text) {
            Ok(o) => o,
            Err(e) => {
                say_not_read(&shown, &e);
                status = status.max(1);
                continue;
            }
        };
        let written = file::save(&opened.doc, format, ExportOptions::default());
        // As `check` judges it: line endings and a byte-order mark aside.
        if input::first_difference(&text, &written).is_none() {
            same += 1;
            continue;
        }
        changed += 1;
        if check {
            let diff = similar::TextDiff::from_lines(text.as_str(), written.as_str());
            print!(
                "{}",
                diff.unified_diff()
                    .context_radius(3)
                    .header(&format!("a/{shown}"), &format!("b/{shown}"))
            );
            status = status.max(1);
        } else if let Err(e) = std::fs::write(&path, &written) {
            eprintln!("{shown}: cannot be written: {e}");
            status = 2;
        } else {
            eprintln!("formatted {shown}");
        }
    }
    let verb = if check {
        "would be reformatted"
    } else {
        "reformatted"
    };
    eprintln!(
        "{changed} {} {verb}, {same} already as the editor writes them.",
        plural(changed, "file", "files")
    );
    status
}

/// `postmortem convert`: a postmortem of ours in the other format.
pub fn convert(path: &Path, to: Format, output: Option<&Path>) -> u8 {
    let Some((opened, text)) = open(path) else {
        return 2;
    };
    if let Kind::Elsewhere | Kind::Other = file::kind(&name_of(path), &text) {
        eprintln!(
            "{}: not a postmortem of this editor's format; `postmortem import {}` reads one written elsewhere.",
            input::shown(path),
            input::shown(path)
        );
        return 1;
    }
    write_out(
        &file::save(&opened.doc, to, ExportOptions::default()),
        output,
    )
}

/// `postmortem import`: a postmortem written elsewhere, read as the editor
/// reads it; the review (what was assumed, what to check) goes to standard
/// error, and `zone`/`date` apply its two fixes.
pub fn import(
    path: &Path,
    zone: Option<&str>,
    date: Option<&str>,
    to: Option<Format>,
    output: Option<&Path>,
) -> u8 {
    let Some((opened, _)) = open(path) else {
        return 2;
    };
    let shown = input::shown(path);
    let Opened {
        mut doc,
        notices,
        review,
        ..
    } = opened;
    for n in &notices {
        eprintln!("{shown}:{}: {}", n.line, n.message);
    }
    if review.own_format {
        eprintln!("{shown}: already a postmortem of this editor's; nothing was assumed.");
    } else {
        eprintln!("Import review of {shown}: {}", review.counts());
        for s in [review.zone_sentence(), review.date_sentence()]
            .into_iter()
            .flatten()
        {
            eprintln!("  {s}");
        }
        for item in &review.items {
            eprintln!("  line {} ({}): {}", item.line, item.path, item.message);
        }
    }
    if let Some(zone) = zone {
        match reread::reread_paths(&doc, zone, &review.zone_paths) {
            Ok(r) => {
                eprintln!(
                    "Re-read {} in {zone}.",
                    plural(r.changes.len(), "time", "times")
                );
                for refused in &r.refused {
                    eprintln!("  not re-read: {refused:?}");
                }
                doc = r.doc;
            }
            Err(e) => {
                eprintln!("--zone {zone}: {e}");
                return 2;
            }
        }
    }
    if let Some(date) = date {
        let Ok(to_day) = date.parse::<jiff::civil::Date>() else {
            eprintln!("--date {date}: not a date; write it as YYYY-MM-DD.");
            return 2;
        };
        let from = review
            .date
            .as_ref()
            .and_then(|d| d.value.parse::<jiff::civil::Date>().ok());
        match from {
            Some(from) => {
                let days = (to_day - from).get_days();
                let r = reread::move_days(&doc, &review.date_paths, days);
                eprintln!(
                    "Moved {} by {days} days.",
                    plural(r.changes.len(), "time", "times")
                );
                doc = r.doc;
            }
            None => eprintln!(
                "--date {date}: no time in this file took an assumed date; nothing moved."
            ),
        }
    }
    let format = to
        .or_else(|| output.and_then(|o| Format::by_name(&o.to_string_lossy())))
        .unwrap_or(Format::Markdown);
    write_out(&file::save(&doc, format, ExportOptions::default()), output)
}

/// `postmortem new`: a postmortem from a template, written as
/// `YYYY-MM-DD-slug.md` (today's date in its zone) in `dir`; never over a file.
pub fn new(title: &str, template: Template, zone: Option<&str>, dir: &Path) -> u8 {
    let zone_name = match zone {
        Some(z) => z.to_string(),
        None => jiff::tz::TimeZone::system()
            .iana_name()
            .unwrap_or("UTC")
            .to_string(),
    };
    let Ok(tz) = jiff::tz::TimeZone::get(&zone_name) else {
        eprintln!("--zone {zone_name}: not a time zone this editor knows; use an IANA name such as Europe/Berlin.");
        return 2;
    };
    let mut doc = template.document(&zone_name);
    doc.title = title.trim().to_string();
    let today = jiff::Timestamp::now().to_zoned(tz).date();
    let name = format!("{today}-{}.md", naming::slug(title));
    let path = dir.join(&name);
    if path.exists() {
        eprintln!(
            "{}: already exists; nothing was written.",
            input::shown(&path)
        );
        return 2;
    }
    match std::fs::write(
        &path,
        file::save(&doc, Format::Markdown, ExportOptions::default()),
    ) {
        Ok(()) => {
            println!("{}", input::shown(&path));
            0
        }
        Err(e) => {
            eprintln!("{}: cannot be written: {e}", input::shown(&path));
            2
        }
    }
}

/// A file opened as the editor opens it, or None after saying why not.
fn open(path: &Path) -> Option<(Opened, String)> {
    let shown = input::shown(path);
    let text = match input::read(path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{shown}:{}:{}: This file {}", e.line, e.column, e.message);
            return None;
        }
    };
    match file::open(&name_of(path), &text) {
        Ok(o) => Some((o, text)),
        Err(e) => {
            say_not_read(&shown, &e);
            None
        }
    }
}

/// Why a file of ours does not read, at its place.
fn say_not_read(shown: &str, e: &postmortem_core::format::json::ImportError) {
    eprintln!(
        "{shown}:{}:{}: {}",
        e.line.unwrap_or(1),
        e.column.unwrap_or(1),
        e.message
    );
}

fn write_out(text: &str, output: Option<&Path>) -> u8 {
    match output {
        None => {
            print!("{text}");
            0
        }
        Some(o) => match std::fs::write(o, text) {
            Ok(()) => 0,
            Err(e) => {
                eprintln!("{}: cannot be written: {e}", input::shown(o));
                2
            }
        },
    }
}

fn name_of(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
