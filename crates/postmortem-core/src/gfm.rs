//! GitHub-flavoured Markdown one line at a time: the shapes our own reader
//! (`format::markdown`), the importer of other people's documents (`import`),
//! a pasted timeline (`paste`) and the preview all recognise, each read here
//! once. It knows no document: what a shape means is the caller's business.

/// A table's rule row, the one under its header: `|---|:---:|`,
/// `| --- | --- |`, `--- | ---`. Whether the table is written with outer
/// pipes is the caller's question.
pub fn is_rule_row(line: &str) -> bool {
    let t = line.trim();
    t.contains('-')
        && t
            .chars()
            .all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
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
    pub fn len(self) -> usize {
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
    let rest = &line[m.len()..];
    rest.starts_with(char::is_whitespace)
        .then(|| rest.trim_start())
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
}
