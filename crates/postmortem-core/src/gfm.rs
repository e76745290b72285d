//! GitHub-flavoured Markdown one line at a time: the shapes our own reader
//! (`format::markdown`), the importer of other people's documents (`import`),
//! a pasted timeline (`paste`) and the preview all recognise, each read here
//! once. It knows no document: what a shape means is the caller's business.

use pulldown_cmark::{BrokenLink, CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};
use std::collections::HashMap;

/// A table's rule row, the one under its header: `|---|:---:|`,
/// `| --- | --- |`, `--- | ---`. Whether the table is written with outer
/// pipes is the caller's question.
pub fn is_rule_row(line: &str) -> bool {
    let t = line.trim();
    t.contains('-') && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
}

/// What a backslash before a pipe means in a table row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pipes {
    /// `\|` is a pipe inside a cell, kept as written (as GFM reads a table,
    /// and as our writer escapes one).
    Escapable,
    /// Every `|` ends a cell (text pasted from anywhere, where a backslash
    /// is only a character).
    AllSplit,
}

/// A table row's raw cells, between its pipes: the outer pipes are not
/// cells, and neither is a blank after the last pipe. Cells keep their
/// spaces (see [`cell_text`]) and, with [`Pipes::Escapable`], their `\|`.
pub fn row_cells(line: &str, pipes: Pipes) -> Vec<&str> {
    let t = line.trim();
    let t = t.strip_prefix('|').unwrap_or(t);
    let mut cells = Vec::new();
    let mut from = 0;
    let mut backslashes = 0;
    for (i, c) in t.char_indices() {
        if c == '|' && (pipes == Pipes::AllSplit || backslashes % 2 == 0) {
            cells.push(&t[from..i]);
            from = i + 1;
        }
        backslashes = if c == '\\' { backslashes + 1 } else { 0 };
    }
    if !t[from..].trim().is_empty() {
        cells.push(&t[from..]);
    }
    cells
}

/// A cell's text with the single space on each side of the pipe removed.
pub fn cell_text(raw: &str) -> &str {
    let s = raw.strip_prefix(' ').unwrap_or(raw);
    s.strip_suffix(' ').unwrap_or(s)
}

/// A list item's marker, first on a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marker {
    /// `-`, `*`, `+`, or the `•` people paste from documents.
    Bullet(char),
    /// `1.`, `12)`: `digits` is the length of the number.
    Numbered { digits: usize },
}

impl Marker {
    /// The marker's length in bytes.
    pub fn width(self) -> usize {
        match self {
            Marker::Bullet(c) => c.len_utf8(),
            Marker::Numbered { digits } => digits + 1,
        }
    }
}

/// The list marker `s` starts with, whatever follows it: an escaper must
/// guard `1.x` as well as `1. x`. See [`item_text`] for a list item.
pub fn marker(s: &str) -> Option<Marker> {
    let first = s.chars().next()?;
    if matches!(first, '-' | '*' | '+' | '\u{2022}') {
        return Some(Marker::Bullet(first));
    }
    let digits = s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    (digits > 0 && s[digits..].starts_with(['.', ')'])).then_some(Marker::Numbered { digits })
}

/// A list item's text: `line` without its marker and the whitespace after
/// it, when it starts with a marker followed by whitespace (`- x`, `• x`,
/// `1. x`, `1) x`); None for any other line (`-x`, `2024.`, `text`).
pub fn item_text(line: &str) -> Option<&str> {
    let m = marker(line)?;
    let rest = &line[m.width()..];
    rest.starts_with(char::is_whitespace)
        .then(|| rest.trim_start())
}

/// Reference definitions (`[runbook]: https://…`) of a Markdown text, by
/// label, for the reference links [`link`] reads.
#[derive(Debug, Clone, Default)]
pub struct Definitions(HashMap<String, String>);

impl Definitions {
    /// The definitions in `text`, as CommonMark reads them.
    pub fn of(text: &str) -> Definitions {
        let parser = Parser::new(text);
        let map = parser
            .reference_definitions()
            .iter()
            .map(|(label, def)| (label_key(label), def.dest.to_string()))
            .collect();
        Definitions(map)
    }

    fn get(&self, label: &str) -> Option<&str> {
        self.0.get(&label_key(label)).map(String::as_str)
    }
}

/// Labels match in any case and however their spaces run.
fn label_key(label: &str) -> String {
    label
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A Markdown link that starts a line: `[text](url)`, `[text](<url>)`,
/// `[text](url "title")`, or a reference link `[text][label]`, `[label]`
/// whose definition is given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link<'a> {
    /// The link's text as written, escapes and markup kept.
    pub text: &'a str,
    /// The URL as CommonMark reads it: angle brackets removed, escapes and
    /// entities resolved, parentheses kept (`…/Foo_(bar)`), a reference
    /// looked up.
    pub url: String,
    /// For an inline link, what is written between its parentheses, as
    /// written (a reader of its own escapes undoes them itself).
    pub written: Option<&'a str>,
    /// What follows the link on the line.
    pub rest: &'a str,
}

/// The link `line` starts with, read as CommonMark reads it; None when the
/// line does not start with one (`[a] (b)`, `[a](b c)`, `[a][unknown]`).
pub fn link<'a>(line: &'a str, definitions: &Definitions) -> Option<Link<'a>> {
    if !line.starts_with('[') {
        return None;
    }
    let mut look_up = |broken: BrokenLink| {
        let url = definitions.get(&broken.reference)?;
        Some((CowStr::from(url.to_string()), CowStr::from("")))
    };
    let mut events =
        Parser::new_with_broken_link_callback(line, Options::empty(), Some(&mut look_up))
            .into_offset_iter();
    if !matches!(events.next(), Some((Event::Start(Tag::Paragraph), _))) {
        return None;
    }
    let (kind, url, whole) = match events.next()? {
        (
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }),
            r,
        ) if r.start == 0 => (link_type, dest_url.to_string(), r),
        _ => return None,
    };
    // The text ends where its last piece does (an escaped character's piece
    // covers the character, so the backslash before `]` is inside).
    let mut text_end = 1;
    let mut depth = 0;
    for (event, r) in events.by_ref() {
        match event {
            Event::End(TagEnd::Link) if depth == 0 => break,
            Event::Start(_) => depth += 1,
            Event::End(_) => depth -= 1,
            _ => {}
        }
        text_end = text_end.max(r.end);
    }
    if !line[text_end..].starts_with(']') {
        return None;
    }
    let written = matches!(kind, LinkType::Inline)
        .then(|| line.get(text_end + 2..whole.end - 1))
        .flatten()
        .map(str::trim);
    Some(Link {
        text: &line[1..text_end],
        url,
        written,
        rest: &line[whole.end..],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_rows() {
        for yes in ["|---|:---:|", "| --- | --- |", "--- | ---", "|:--\t|--:|"] {
            assert!(is_rule_row(yes), "{yes}");
        }
        for no in ["| a | b |", "|||", "", "| -- x |"] {
            assert!(!is_rule_row(no), "{no}");
        }
    }

    #[test]
    fn cells_with_and_without_escaped_pipes() {
        let row = "| a \\| b | c |";
        assert_eq!(row_cells(row, Pipes::Escapable), [" a \\| b ", " c "]);
        assert_eq!(row_cells(row, Pipes::AllSplit), [" a \\", " b ", " c "]);
        assert_eq!(row_cells("a | b", Pipes::Escapable), ["a ", " b"]);
        assert_eq!(row_cells("| a || b |", Pipes::AllSplit), [" a ", "", " b "]);
    }

    #[test]
    fn list_items() {
        assert_eq!(item_text("- x"), Some("x"));
        assert_eq!(item_text("\u{2022}  x"), Some("x"));
        assert_eq!(item_text("12) x"), Some("x"));
        assert_eq!(item_text("-x"), None);
        assert_eq!(item_text("2024. "), Some(""));
        assert_eq!(item_text("2024."), None);
        assert_eq!(marker("1.x"), Some(Marker::Numbered { digits: 1 }));
    }

    #[test]
    fn links() {
        let none = Definitions::default();
        let wiki = "[Foo (bar)](https://en.wikipedia.org/wiki/Foo_(bar)) (internal)";
        let l = link(wiki, &none).unwrap();
        assert_eq!(l.text, "Foo (bar)");
        assert_eq!(l.url, "https://en.wikipedia.org/wiki/Foo_(bar)");
        assert_eq!(l.written, Some("https://en.wikipedia.org/wiki/Foo_(bar)"));
        assert_eq!(l.rest, " (internal)");
        let l = link("[a\\]](<x y\\>z>)", &none).unwrap();
        assert_eq!((l.text, l.url.as_str()), ("a\\]", "x y>z"));
        assert_eq!(l.written, Some("<x y\\>z>"));
        let l = link("[*Runbook* `x`](u \"tip\")", &none).unwrap();
        assert_eq!(
            (l.text, l.url.as_str(), l.written),
            ("*Runbook* `x`", "u", Some("u \"tip\""))
        );
        assert_eq!(link("[](u)", &none).map(|l| l.text), Some(""));
        let defs = Definitions::of("text\n\n[Run  Book]: https://r.example/a_(b)\n");
        let l = link("[the runbook][run book]", &defs).unwrap();
        assert_eq!(
            (l.text, l.url.as_str(), l.written),
            ("the runbook", "https://r.example/a_(b)", None)
        );
        assert_eq!(
            link("[Run Book]", &defs).unwrap().url,
            "https://r.example/a_(b)"
        );
        for no in [
            "[a] (b)",
            "[a](b c)",
            "[a][unknown]",
            " [a](b)",
            "a [b](c)",
            "[a]: b",
        ] {
            assert_eq!(link(no, &defs), None, "{no}");
        }
    }
}
