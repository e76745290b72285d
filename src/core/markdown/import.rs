//! Reads Markdown into a document. A file with `format: postmortem` front
//! matter is read as this project's own layout, exactly: `from_markdown(
//! to_markdown(d)) == d`. Its body is the source of truth, so hand edits to
//! sections, tables and lists are read as edits; content in no known place
//! goes to `notes`, never dropped. Any other file goes to [`super::foreign`].
//!
//! Shared with the foreign reader: front matter and the heading outline.

use super::escape::{self, unblock, uninline, unlist_item, unplain};
use super::{ENTERED_IN, INVALID_TIME, SECTION};
use crate::core::json::ImportError;
use crate::core::model::*;
use crate::core::zones;
use crate::core::zones::{Zone, Zoned};
use jiff::tz::AmbiguousOffset;

/// Something the import could not read cleanly; the text is kept regardless.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Notice {
    /// 1-based line in the source file.
    pub line: usize,
    pub message: String,
}

/// A document read from a file, with what the reader wants the user to check.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub doc: Document,
    pub notices: Vec<Notice>,
    /// What the reader assumed and what to check (see [`super::review`]).
    pub review: super::review::Review,
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
    if let Some(sides) = super::diff::sides(text) {
        return from_diff(&sides);
    }
    let mut lines: Vec<&str> = text.split('\n').collect();
    if text.ends_with('\n') {
        lines.pop();
    }
    let (front, body_start) = front_matter(&lines);
    let own = front
        .as_ref()
        .and_then(|f| f.get("format"))
        .and_then(FmValue::as_str)
        == Some("postmortem");
    if own {
        let front = front.unwrap_or_default();
        if let Some(v) = front.get("version") {
            // Digits only: `+1` or ` 1` is not a version.
            let version = v
                .as_str()
                .filter(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
                .and_then(|s| s.parse::<u64>().ok());
            match version {
                Some(FORMAT_VERSION) => {}
                Some(n) if n > FORMAT_VERSION => {
                    return Err(ImportError {
                        line: front.line_of("version"),
                        column: None,
                        path: Some("front matter: version".into()),
                        message: format!(
                            "this file was written by a newer editor (format version {n}); this editor reads \
                             version {FORMAT_VERSION}. Open it with the newer editor."
                        ),
                    })
                }
                _ => {
                    return Err(ImportError {
                        line: front.line_of("version"),
                        column: None,
                        path: Some("front matter: version".into()),
                        message: format!("the version must be {FORMAT_VERSION}. Fix the front matter."),
                    })
                }
            }
        }
        Ok(read_own(&lines, &front, body_start))
    } else {
        Ok(super::foreign::read(&lines, front.as_ref(), body_start))
    }
}

/// A diff of a note: its new side is the postmortem; what the change removed
/// is kept at the end of Notes, and a notice says so.
fn from_diff(sides: &super::diff::Sides) -> Result<Imported, ImportError> {
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

// ---------------------------------------------------------------- front matter

/// A value in YAML front matter, as far as postmortem metadata needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FmValue {
    Null,
    Text(String),
    List(Vec<String>),
}

impl FmValue {
    pub fn as_str(&self) -> Option<&str> {
        match self {
            FmValue::Text(s) => Some(s),
            _ => None,
        }
    }

    /// A list, or a single text as a one-item list.
    pub fn as_list(&self) -> Vec<String> {
        match self {
            FmValue::Null => Vec::new(),
            FmValue::Text(s) if s.is_empty() => Vec::new(),
            FmValue::Text(s) => vec![s.clone()],
            FmValue::List(v) => v.clone(),
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct FrontMatter {
    /// `(key, value, first line number, raw lines)` in file order.
    pub entries: Vec<(String, FmValue, usize, Vec<String>)>,
    /// Lines that are not `key: value` (comments, nested maps), with line numbers.
    pub other: Vec<(usize, String)>,
    /// Why the block could not be read (its lines are then all in `other`).
    pub problem: Option<String>,
}

impl FrontMatter {
    pub fn get(&self, key: &str) -> Option<&FmValue> {
        self.entries
            .iter()
            .find(|(k, ..)| k == key)
            .map(|(_, v, ..)| v)
    }

    pub fn line_of(&self, key: &str) -> Option<usize> {
        self.entries
            .iter()
            .find(|(k, ..)| k == key)
            .map(|(_, _, l, _)| *l)
    }
}

fn yaml_scalar(raw: &str) -> FmValue {
    let v = raw.trim();
    if v.is_empty() || v == "~" || v == "null" {
        return FmValue::Null;
    }
    // The exporter writes texts and lists as JSON, which YAML reads alike.
    if v.starts_with('"') {
        if let Ok(s) = serde_json::from_str::<String>(v) {
            return FmValue::Text(s);
        }
    }
    if v.len() >= 2 && v.starts_with('\'') && v.ends_with('\'') {
        return FmValue::Text(v[1..v.len() - 1].replace("''", "'"));
    }
    if v.starts_with('[') && v.ends_with(']') {
        if let Ok(items) = serde_json::from_str::<Vec<String>>(v) {
            return FmValue::List(items);
        }
        let inner = &v[1..v.len() - 1];
        let items = inner
            .split(',')
            .map(|s| match yaml_scalar(s) {
                FmValue::Text(t) => t,
                _ => String::new(),
            })
            .filter(|s| !s.is_empty())
            .collect();
        return FmValue::List(items);
    }
    FmValue::Text(v.to_string())
}

/// A TOML value as front matter holds it: texts, lists of texts, and
/// numbers, booleans and dates written as text.
fn toml_value(v: &toml::de::DeValue) -> FmValue {
    use toml::de::DeValue;
    match v {
        DeValue::String(s) => FmValue::Text(s.to_string()),
        DeValue::Integer(n) => FmValue::Text(n.as_str().to_string()),
        DeValue::Float(n) => FmValue::Text(n.as_str().to_string()),
        DeValue::Boolean(b) => FmValue::Text(b.to_string()),
        DeValue::Datetime(d) => FmValue::Text(d.to_string()),
        DeValue::Array(items) => FmValue::List(
            items
                .iter()
                .filter_map(|i| match toml_value(i.get_ref()) {
                    FmValue::Text(t) => Some(t),
                    _ => None,
                })
                .collect(),
        ),
        DeValue::Table(_) => FmValue::Null,
    }
}

/// TOML front matter between `+++` lines (Hugo, Zola), read with the `toml`
/// crate's parser (its spanned document, without serde). Top-level keys
/// with a text, list, number, boolean or date become entries in file order,
/// each with its lines; tables and anything else are kept as `other` lines.
fn toml_front_matter(lines: &[&str]) -> (Option<FrontMatter>, usize) {
    let Some(end) = lines
        .iter()
        .skip(1)
        .position(|l| l.trim_end() == "+++")
        .map(|p| p + 1)
    else {
        return (None, 0);
    };
    let block = lines[1..end].join("\n");
    // The block's line (1-based in the file) of a byte offset in it.
    let line_of = |at: usize| block[..at.min(block.len())].matches('\n').count() + 2;
    let mut fm = FrontMatter::default();
    let table = match toml::de::DeTable::parse(&block) {
        Ok(t) => t.into_inner(),
        Err(e) => {
            let first = e
                .message()
                .lines()
                .next()
                .unwrap_or("it is not valid TOML")
                .to_string();
            fm.problem = Some(match e.span() {
                Some(s) => format!(
                    "The TOML front matter does not read (line {}: {first}); it is kept in Notes.",
                    line_of(s.start)
                ),
                None => {
                    format!("The TOML front matter does not read ({first}); it is kept in Notes.")
                }
            });
            fm.other = (1..end).map(|i| (i + 1, lines[i].to_string())).collect();
            return (Some(fm), end + 1);
        }
    };
    let mut used = vec![false; end + 1];
    let mut entries: Vec<(usize, String, FmValue, usize)> = table
        .iter()
        .filter(|(_, v)| !matches!(v.get_ref(), toml::de::DeValue::Table(_)))
        .map(|(k, v)| {
            (
                line_of(k.span().start),
                k.get_ref().to_string(),
                toml_value(v.get_ref()),
                line_of(v.span().end.saturating_sub(1)),
            )
        })
        .collect();
    entries.sort_by_key(|e| e.0);
    for (first, key, value, last) in entries {
        let last = last.clamp(first, end);
        let raw: Vec<String> = (first..=last).map(|l| lines[l - 1].to_string()).collect();
        (first..=last).for_each(|l| used[l - 1] = true);
        fm.entries.push((key, value, first, raw));
    }
    for (i, line) in lines.iter().enumerate().take(end).skip(1) {
        if !used[i] && !line.trim().is_empty() {
            fm.other.push((i + 1, line.to_string()));
        }
    }
    (Some(fm), end + 1)
}

/// Reads front matter if the file starts with `---` (YAML) or `+++` (TOML);
/// returns it and where the body starts.
pub fn front_matter(lines: &[&str]) -> (Option<FrontMatter>, usize) {
    if lines.first().map(|l| l.trim_end()) == Some("+++") {
        return toml_front_matter(lines);
    }
    if lines.first().map(|l| l.trim_end()) != Some("---") {
        return (None, 0);
    }
    let Some(end) = lines
        .iter()
        .skip(1)
        .position(|l| matches!(l.trim_end(), "---" | "..."))
        .map(|p| p + 1)
    else {
        return (None, 0);
    };
    let mut fm = FrontMatter::default();
    let mut i = 1;
    while i < end {
        let line = lines[i];
        let key_value = line
            .split_once(':')
            .filter(|(k, _)| !k.is_empty() && !k.starts_with([' ', '-', '#']) && !k.contains(' '));
        match key_value {
            Some((key, rest)) => {
                let mut raw = vec![line.to_string()];
                let mut value = yaml_scalar(rest);
                if value == FmValue::Null {
                    let mut items = Vec::new();
                    while i + 1 < end
                        && (lines[i + 1].trim_start().starts_with("- ")
                            || lines[i + 1].trim() == "-")
                    {
                        i += 1;
                        raw.push(lines[i].to_string());
                        let item = lines[i].trim_start().trim_start_matches('-');
                        if let FmValue::Text(t) = yaml_scalar(item) {
                            items.push(t);
                        }
                    }
                    if raw.len() > 1 {
                        value = FmValue::List(items);
                    }
                }
                fm.entries
                    .push((key.trim().to_string(), value, i + 1 - (raw.len() - 1), raw));
            }
            None => {
                if !line.trim().is_empty() {
                    fm.other.push((i + 1, line.to_string()));
                }
            }
        }
        i += 1;
    }
    (Some(fm), end + 1)
}

// ---------------------------------------------------------------- outline

/// A heading and the lines under it up to the next heading of any level.
#[derive(Debug, Clone)]
pub struct Section<'a> {
    pub level: usize,
    pub title: &'a str,
    /// 1-based line number of the heading.
    pub line: usize,
    pub body: Vec<&'a str>,
    /// 1-based line number of the first body line.
    pub body_line: usize,
    /// The body runs to the end of the file.
    pub last: bool,
}

/// Splits lines into the text before the first heading and the sections;
/// headings inside code fences do not count.
pub fn outline<'a>(lines: &[&'a str], start: usize) -> (Vec<&'a str>, Vec<Section<'a>>) {
    let mut preamble = Vec::new();
    let mut sections: Vec<Section<'a>> = Vec::new();
    let mut open: Option<(char, usize)> = None;
    for (i, line) in lines.iter().enumerate().skip(start) {
        let mut is_heading = None;
        match open {
            Some(f) => {
                if escape::fence_closes(line, f) {
                    open = None;
                }
            }
            None => {
                if let Some(f) = escape::fence_open(line) {
                    open = Some(f);
                } else {
                    is_heading = escape::heading(line);
                }
            }
        }
        match is_heading {
            Some((level, title)) => sections.push(Section {
                level,
                title,
                line: i + 1,
                body: Vec::new(),
                body_line: i + 2,
                last: false,
            }),
            None => match sections.last_mut() {
                Some(s) => s.body.push(line),
                None => preamble.push(*line),
            },
        }
    }
    if let Some(s) = sections.last_mut() {
        s.last = true;
    }
    (preamble, sections)
}

/// The text of a block section: the blank line after the heading and the one
/// before the next heading are separators, not content.
pub fn block_text(s: &Section) -> String {
    let mut body: &[&str] = &s.body;
    if body.first() == Some(&"") {
        body = &body[1..];
    }
    if !s.last && body.last() == Some(&"") {
        body = &body[..body.len() - 1];
    }
    unblock(body)
}

// ---------------------------------------------------------------- tables

/// Splits a table row into raw cells at unescaped `|`.
pub fn split_row(line: &str) -> Vec<String> {
    let t = line.trim();
    let t = t.strip_prefix('|').unwrap_or(t);
    let mut cells = Vec::new();
    let mut cur = String::new();
    let mut backslashes = 0;
    for c in t.chars() {
        if c == '|' && backslashes % 2 == 0 {
            cells.push(std::mem::take(&mut cur));
        } else {
            cur.push(c);
        }
        backslashes = if c == '\\' { backslashes + 1 } else { 0 };
    }
    if !cur.trim().is_empty() {
        cells.push(cur);
    }
    cells
}

/// A cell's text with the single space on each side of the pipe removed.
pub fn cell_text(raw: &str) -> &str {
    let s = raw.strip_prefix(' ').unwrap_or(raw);
    s.strip_suffix(' ').unwrap_or(s)
}

fn is_delimiter_row(line: &str) -> bool {
    let t = line.trim();
    t.contains('-') && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

/// A GFM table in a section body: header cells and rows of raw cells, each row
/// with its line number. Lines that are not part of the table come back apart.
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<(usize, Vec<String>)>,
}

pub fn table_and_rest<'a>(s: &Section<'a>) -> (Option<Table>, Vec<(usize, &'a str)>) {
    let mut rest = Vec::new();
    let mut table: Option<Table> = None;
    let mut i = 0;
    while i < s.body.len() {
        let line = s.body[i];
        let n = s.body_line + i;
        let starts_table = table.is_none()
            && line.trim_start().starts_with('|')
            && s.body.get(i + 1).is_some_and(|l| is_delimiter_row(l));
        if starts_table {
            let header = split_row(line)
                .iter()
                .map(|c| c.trim().to_string())
                .collect();
            let mut rows = Vec::new();
            i += 2;
            while i < s.body.len() && s.body[i].trim_start().starts_with('|') {
                rows.push((s.body_line + i, split_row(s.body[i])));
                i += 1;
            }
            table = Some(Table { header, rows });
            continue;
        }
        if !line.trim().is_empty() {
            rest.push((n, line));
        }
        i += 1;
    }
    (table, rest)
}

impl Table {
    /// Index of the first column whose header starts with one of the names.
    pub fn column(&self, names: &[&str]) -> Option<usize> {
        self.header.iter().position(|h| {
            let h = h.to_lowercase();
            names.iter().any(|n| h.starts_with(n))
        })
    }
}

fn cell(row: &[String], col: Option<usize>) -> &str {
    col.and_then(|c| row.get(c))
        .map(|s| cell_text(s))
        .unwrap_or("")
}

// ---------------------------------------------------------------- times

/// Reads a time cell written by the exporter (or typed by hand):
/// `~ 2025-03-12 03:15 WAT (entered in UTC)`. Returns the stamp and the
/// approximate flag, or a sentence when the text is not a time (the text is
/// then kept as an invalid stamp, so nothing is lost).
pub fn read_time_cell(
    cell: &str,
    utc_hint: &str,
    doc_tz: &Zone,
) -> (Option<Stamp>, bool, Option<String>) {
    let mut t = cell.trim();
    let mut approximate = false;
    for mark in ["~", "\u{2248}"] {
        if let Some(rest) = t.strip_prefix(mark) {
            approximate = true;
            t = rest.trim_start();
        }
    }
    if t.is_empty() {
        return (None, approximate, None);
    }
    if let Some(raw) = t.strip_prefix(INVALID_TIME) {
        let raw = unplain(raw.strip_prefix(' ').unwrap_or(raw));
        return (Some(Stamp(raw)), approximate, None);
    }
    let (shown, entered) = match t
        .strip_suffix(')')
        .and_then(|s| s.rsplit_once(&format!(" ({ENTERED_IN} ")))
    {
        Some((shown, zone)) => (shown, Some(zone)),
        None => (t, None),
    };
    match read_shown(shown, utc_hint, doc_tz) {
        Some(z) => {
            let target = match entered.map(zones::zone) {
                Some(Ok(tz)) => tz,
                Some(Err(_)) | None => z.time_zone().clone(),
            };
            (
                Some(zones::stamp_of(&z.with_time_zone(target))),
                approximate,
                None,
            )
        }
        None => match zones::parse_input(&unplain(t), &zones::zone_label(doc_tz)) {
            Ok(stamp) => (Some(stamp), approximate, None),
            Err(e) => (Some(Stamp(unplain(t))), approximate, Some(e.to_string())),
        },
    }
}

/// `2025-03-12 03:15 WAT` in the document zone, using the abbreviation (and
/// the UTC column, when given) to choose between the two times of a fold.
fn read_shown(shown: &str, utc_hint: &str, tz: &Zone) -> Option<Zoned> {
    let (wall, abbr) = shown.rsplit_once(' ')?;
    let dt = zones::parse_civil(wall)?;
    let candidates = match tz.to_ambiguous_timestamp(dt).offset() {
        AmbiguousOffset::Unambiguous { offset } => vec![offset],
        AmbiguousOffset::Fold { before, after } => vec![before, after],
        AmbiguousOffset::Gap { .. } => vec![],
    };
    let matching: Vec<Zoned> = candidates
        .into_iter()
        .filter_map(|o| o.to_timestamp(dt).ok())
        .filter(|ts| zones::abbreviation(tz, *ts) == abbr)
        .map(|ts| Zoned::new(ts, tz.clone()))
        .collect();
    match matching.len() {
        0 => None,
        1 => matching.into_iter().next(),
        _ => {
            let hint = zones::parse_civil(utc_hint.trim().trim_end_matches(" UTC"));
            matching
                .iter()
                .find(|z| hint.is_some_and(|h| z.with_time_zone(Zone::UTC).datetime() == h))
                .or(matching.first())
                .cloned()
        }
    }
}

// ---------------------------------------------------------------- own layout

struct Reader {
    doc: Document,
    notices: Vec<Notice>,
    leftovers: Vec<String>,
}

impl Reader {
    fn notice(&mut self, line: usize, message: impl Into<String>) {
        self.notices.push(Notice {
            line,
            message: message.into(),
        });
    }

    /// Keeps lines the reader could not place, so nothing typed is lost.
    fn keep(&mut self, lines: &[(usize, &str)], place: &str) {
        if lines.is_empty() {
            return;
        }
        self.notice(lines[0].0, format!("Text under \u{201c}{place}\u{201d} did not fit that section; it was moved to Notes."));
        self.leftovers
            .extend(lines.iter().map(|(_, l)| l.to_string()));
    }

    fn keep_section(&mut self, s: &Section) {
        self.notice(s.line, format!("The section \u{201c}{}\u{201d} is not one this editor knows; it was moved to Notes.", s.title));
        self.leftovers
            .push(format!("{} {}", "#".repeat(s.level), s.title));
        self.leftovers.extend(s.body.iter().map(|l| l.to_string()));
    }
}

fn nonblank<'a>(s: &Section<'a>) -> Vec<(usize, &'a str)> {
    s.body
        .iter()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| (s.body_line + i, *l))
        .collect()
}

/// List items as written (raw, undecoded), and the lines that are not items.
fn raw_list_items(s: &Section) -> (Vec<String>, Vec<(usize, String)>) {
    let mut items: Vec<String> = Vec::new();
    let mut rest = Vec::new();
    for (i, line) in s.body.iter().enumerate() {
        if let Some(item) = line
            .strip_prefix("- ")
            .or_else(|| line.strip_prefix("* "))
            .or_else(|| (*line == "-").then_some(""))
        {
            items.push(item.to_string());
        } else if line.starts_with("  ") && !items.is_empty() && !line.trim().is_empty() {
            if let Some(l) = items.last_mut() {
                l.push('\n');
                l.push_str(line.trim_start());
            }
        } else if !line.trim().is_empty() {
            rest.push((s.body_line + i, line.to_string()));
        }
    }
    (items, rest)
}

/// List items decoded as Markdown text.
fn list_items(s: &Section) -> (Vec<String>, Vec<(usize, String)>) {
    let (items, rest) = raw_list_items(s);
    (items.iter().map(|i| unlist_item(i)).collect(), rest)
}

fn read_link(item: &str) -> Option<Link> {
    let rest = item.strip_prefix('[')?;
    let mut close = None;
    let mut backslashes = 0;
    for (i, c) in rest.char_indices() {
        if c == ']' && backslashes % 2 == 0 && rest[i + 1..].starts_with('(') {
            close = Some(i);
            break;
        }
        backslashes = if c == '\\' { backslashes + 1 } else { 0 };
    }
    let close = close?;
    let title = unplain(&rest[..close]);
    let dest = rest[close + 2..].strip_suffix(')')?;
    let url = match dest.strip_prefix('<').and_then(|d| d.strip_suffix('>')) {
        Some(inner) => {
            let mut out = String::new();
            let mut chars = inner.chars().peekable();
            while let Some(c) = chars.next() {
                if c == '\\' && matches!(chars.peek(), Some('\\' | '<' | '>')) {
                    out.extend(chars.next());
                } else {
                    out.push(c);
                }
            }
            out
        }
        None => dest.to_string(),
    };
    Some(Link { title, url })
}

fn read_link_cell(cell: &str) -> Option<String> {
    if cell.is_empty() {
        return None;
    }
    let t = cell;
    match t.strip_prefix('<').and_then(|s| s.strip_suffix('>')) {
        Some(inner) if !inner.contains([' ', '<', '>']) => Some(inner.to_string()),
        _ => Some(unplain(t)),
    }
}

fn norm(title: &str) -> String {
    title.trim().trim_end_matches(':').trim().to_lowercase()
}

fn read_own(lines: &[&str], front: &FrontMatter, body_start: usize) -> Imported {
    let mut r = Reader {
        doc: Document::default(),
        notices: Vec::new(),
        leftovers: Vec::new(),
    };
    apply_front_matter(&mut r.doc, front, &mut r.leftovers);
    let tz = zones::zone_or_utc(&r.doc.time_zone);
    let (preamble, sections) = outline(lines, body_start);
    let pre: Vec<(usize, &str)> = preamble
        .iter()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| (body_start + i + 1, *l))
        .collect();
    r.keep(&pre, "the top of the file");

    let mut title_seen = false;
    let mut parent = String::new();
    let mut i = 0;
    while i < sections.len() {
        let s = &sections[i];
        i += 1;
        let name = norm(s.title);
        if s.level == 1 && !title_seen {
            title_seen = true;
            r.doc.title = unplain(s.title);
            let rest = nonblank(s);
            r.keep(&rest, "the title");
            continue;
        }
        if s.level == 2 {
            parent = name.clone();
        }
        let key = if s.level == 3 {
            format!("{parent}/{name}")
        } else {
            name.clone()
        };
        let sec = &SECTION;
        let lower = |t: &str| t.to_lowercase();
        match key.as_str() {
            k if k == lower(sec.summary) => r.doc.summary = block_text(s),
            k if k == lower(sec.impact) => r.doc.impact.description = block_text(s),
            k if k == format!("{}/{}", lower(sec.impact), lower(sec.metrics)) => {
                let (table, rest) = table_and_rest(s);
                if let Some(t) = table {
                    let (l, v) = (t.column(&["metric", "label"]), t.column(&["value"]));
                    for (_, row) in &t.rows {
                        r.doc.impact.metrics.push(ImpactMetric {
                            label: unplain(cell(row, l)),
                            value: unplain(cell(row, v)),
                        });
                    }
                }
                r.keep(&rest, s.title);
            }
            k if k == format!("{}/{}", lower(sec.impact), lower(sec.key_times)) => {
                let (table, rest) = table_and_rest(s);
                if let Some(t) = table {
                    let (m, tc, u) = (
                        t.column(&["moment"]),
                        t.column(&["time"]),
                        t.column(&["utc"]),
                    );
                    for (line, row) in &t.rows {
                        let moment = cell(row, m);
                        match KeyTime::from_word(moment) {
                            Some(k) => {
                                let (stamp, approx, err) =
                                    read_time_cell(cell(row, tc), cell(row, u), &tz);
                                *r.doc.times.slot(k) = stamp;
                                r.doc.times.set_approximate(k, approx);
                                if let Some(e) = err {
                                    r.notice(*line, format!("{}: {e}", k.label()));
                                }
                            }
                            None => r.keep(&[(*line, lines[*line - 1])], s.title),
                        }
                    }
                }
                r.keep(&rest, s.title);
            }
            k if k == format!("{}/{}", lower(sec.impact), lower(sec.response)) => {
                // Derived from the key times; recomputed, never read.
            }
            k if k == format!("{}/{}", lower(sec.impact), lower(sec.chart)) => {
                // The Mermaid chart is drawn from the key times again on
                // export; anything else written under it is kept.
                let mut in_chart = false;
                let rest: Vec<(usize, &str)> = s
                    .body
                    .iter()
                    .enumerate()
                    .filter(|(_, l)| {
                        let fence = l.trim_start().starts_with("```");
                        let skip = in_chart || (fence && l.trim() == "```mermaid");
                        if fence {
                            in_chart = !in_chart && l.trim() == "```mermaid";
                        }
                        !skip && !l.trim().is_empty()
                    })
                    .map(|(i, l)| (s.body_line + i, *l))
                    .collect();
                r.keep(&rest, s.title);
            }
            k if k == lower(sec.timeline) => {
                let (table, rest) = table_and_rest(s);
                if let Some(t) = table {
                    let (tc, u, kind, text) = (
                        t.column(&["time"]),
                        t.column(&["utc"]),
                        t.column(&["kind"]),
                        t.column(&["event", "what", "description"]),
                    );
                    for (line, row) in &t.rows {
                        let (at, approximate, err) =
                            read_time_cell(cell(row, tc), cell(row, u), &tz);
                        if let Some(e) = err {
                            r.notice(*line, format!("Timeline: {e}"));
                        }
                        let kind_text = cell(row, kind);
                        let kind = TimelineKind::from_word(kind_text).unwrap_or_default();
                        if !kind_text.trim().is_empty()
                            && TimelineKind::from_word(kind_text).is_none()
                        {
                            r.notice(*line, format!("Timeline: \u{201c}{}\u{201d} is not a kind of event; it was read as \u{201c}event\u{201d}.", kind_text.trim()));
                        }
                        r.doc.timeline.push(TimelineEntry {
                            at,
                            approximate,
                            kind,
                            text: uninline(cell(row, text)),
                        });
                    }
                }
                r.keep(&rest, s.title);
            }
            k if k == lower(sec.root_cause) => {
                let rest = nonblank(s);
                r.keep(&rest, s.title);
            }
            k if k == format!("{}/{}", lower(sec.root_cause), lower(sec.trigger)) => {
                r.doc.root_cause.trigger = block_text(s)
            }
            k if k == format!("{}/{}", lower(sec.root_cause), lower(sec.description)) => {
                r.doc.root_cause.description = block_text(s)
            }
            k if k == format!("{}/{}", lower(sec.root_cause), lower(sec.contributing)) => {
                let (items, rest) = list_items(s);
                r.doc.root_cause.contributing_factors = items;
                let rest: Vec<(usize, &str)> = rest.iter().map(|(n, l)| (*n, l.as_str())).collect();
                r.keep(&rest, s.title);
            }
            k if k == lower(sec.detection) => r.doc.detection = block_text(s),
            k if k == lower(sec.resolution) => r.doc.resolution = block_text(s),
            k if k == lower(sec.lessons) => {
                let rest = nonblank(s);
                r.keep(&rest, s.title);
            }
            k if k.starts_with(&format!("{}/", lower(sec.lessons))) => {
                let (items, rest) = list_items(s);
                let sub = &k[lower(sec.lessons).len() + 1..];
                let slot = if sub == lower(sec.went_well) {
                    Some(&mut r.doc.lessons.went_well)
                } else if sub == lower(sec.went_wrong) {
                    Some(&mut r.doc.lessons.went_wrong)
                } else if sub == lower(sec.lucky) {
                    Some(&mut r.doc.lessons.lucky)
                } else {
                    None
                };
                match slot {
                    Some(v) => *v = items,
                    None => r.keep_section(s),
                }
                let rest: Vec<(usize, &str)> = rest.iter().map(|(n, l)| (*n, l.as_str())).collect();
                r.keep(&rest, s.title);
            }
            k if k == lower(sec.actions) => {
                let (table, rest) = table_and_rest(s);
                if let Some(t) = table {
                    let cols = [
                        "action", "owner", "due", "kind", "priority", "status", "link",
                    ]
                    .map(|n| t.column(&[n]));
                    for (line, row) in &t.rows {
                        let c = |i: usize| cell(row, cols[i]);
                        let due = unplain(c(2));
                        let item = ActionItem {
                            title: unplain(c(0)),
                            owner: unplain(c(1)),
                            due: (!due.is_empty()).then_some(due),
                            kind: ActionKind::from_word(c(3)),
                            priority: Priority::from_word(c(4)),
                            status: ActionStatus::from_word(c(5)).unwrap_or_default(),
                            link: read_link_cell(c(6)),
                        };
                        for (idx, what, ok) in [
                            (3, "kind", item.kind.is_some()),
                            (4, "priority", item.priority.is_some()),
                            (5, "status", ActionStatus::from_word(c(5)).is_some()),
                        ] {
                            if !ok && !c(idx).trim().is_empty() {
                                r.notice(*line, format!("Action items: \u{201c}{}\u{201d} is not a {what}; it was left unset and kept in Notes.", c(idx).trim()));
                                r.leftovers.push(format!(
                                    "Action \u{201c}{}\u{201d} {what}: {}",
                                    item.title,
                                    c(idx).trim()
                                ));
                            }
                        }
                        r.doc.actions.push(item);
                    }
                }
                r.keep(&rest, s.title);
            }
            k if k == lower(sec.updates) => {
                let rest = nonblank(s);
                r.keep(&rest, s.title);
            }
            k if s.level == 3 && parent == lower(sec.updates) && k.starts_with(&parent) => {
                let (when, state_word) = match s.title.rsplit_once(" \u{b7} ") {
                    Some((w, st)) => (w, st),
                    None => ("", s.title),
                };
                let state = UpdateState::from_word(state_word);
                let (at, _, err) = read_time_cell(when, "", &tz);
                if let Some(e) = err {
                    r.notice(s.line, format!("Status update: {e}"));
                }
                let mut text = block_text(s);
                if state.is_none() {
                    r.notice(s.line, format!("\u{201c}{}\u{201d} is not a status; the update was read as \u{201c}Update\u{201d}.", state_word.trim()));
                    text = if text.is_empty() {
                        state_word.to_string()
                    } else {
                        format!("{state_word}\n{text}")
                    };
                }
                r.doc.updates.push(StatusUpdate {
                    at,
                    state: state.unwrap_or_default(),
                    text,
                });
            }
            k if k == lower(sec.links) => {
                let (items, rest) = raw_list_items(s);
                for (n, item) in items.iter().enumerate() {
                    match read_link(item) {
                        Some(link) => r.doc.links.push(link),
                        None => r.keep(&[(s.body_line + n, item.as_str())], s.title),
                    }
                }
                let rest: Vec<(usize, &str)> = rest.iter().map(|(n, l)| (*n, l.as_str())).collect();
                r.keep(&rest, s.title);
            }
            k if k == lower(sec.notes) => {
                r.doc.notes = block_text(s);
            }
            _ => r.keep_section(s),
        }
    }
    if !r.leftovers.is_empty() {
        let extra = r.leftovers.join("\n");
        r.doc.notes = if r.doc.notes.is_empty() {
            extra
        } else {
            format!("{}\n\n{extra}", r.doc.notes)
        };
    }
    let review = super::review::Review::own(&r.doc);
    Imported {
        doc: r.doc,
        notices: r.notices,
        review,
    }
}

/// Fills metadata from front matter; keys it does not know go to `leftovers`.
pub fn apply_front_matter(doc: &mut Document, front: &FrontMatter, leftovers: &mut Vec<String>) {
    for (key, value, _, raw) in &front.entries {
        let text = value.as_str().unwrap_or("");
        let mut known = true;
        match key.as_str() {
            "format" | "version" => {}
            // Written by earlier versions; in our own files the `# Title` heading,
            // read after the front matter, replaces it.
            "title" => doc.title = text.to_string(),
            "status" => match Status::from_word(text) {
                Some(s) => doc.status = s,
                None => known = false,
            },
            "severity" => match (value, Severity::from_word(text)) {
                (FmValue::Null, _) => doc.severity = None,
                (_, Some(s)) => doc.severity = Some(s),
                _ => known = false,
            },
            "authors" | "author" => doc.authors = value.as_list(),
            "tags" => doc.tags = value.as_list(),
            "services" => doc.services = value.as_list(),
            "time_zone" | "timezone" => {
                if zones::zone(text).is_ok() || !text.is_empty() {
                    doc.time_zone = text.to_string();
                }
            }
            _ => known = false,
        }
        if !known {
            leftovers.extend(raw.iter().cloned());
        }
    }
    leftovers.extend(front.other.iter().map(|(_, l)| l.clone()));
}
