//! Markdown blocks as both readers see them: the heading outline of a file,
//! a section's text, GFM tables and their columns (a row's cells and the rule
//! row are read by [`crate::gfm`]).

use super::escape::{self, unblock};
use crate::gfm::{self, Pipes};

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

/// A table row's raw cells, `\|` kept: [`gfm::row_cells`] with
/// [`Pipes::Escapable`], owned, for a [`Table`] to hold.
fn split_row(line: &str) -> Vec<String> {
    gfm::row_cells(line, Pipes::Escapable)
        .into_iter()
        .map(str::to_string)
        .collect()
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
            && s.body.get(i + 1).is_some_and(|l| gfm::is_rule_row(l));
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

pub fn cell(row: &[String], col: Option<usize>) -> &str {
    col.and_then(|c| row.get(c))
        .map(|s| gfm::cell_text(s))
        .unwrap_or("")
}
