//! Escaping user text into the exported Markdown, and back.
//!
//! Each `encode` has a `decode` with `decode(encode(s)) == s` for every string,
//! so an export re-imports exactly. The encodings change how text renders as
//! little as possible:
//! - [`plain`]: text that is not Markdown (titles, owners, labels): every
//!   character Markdown treats specially is backslash-escaped.
//! - [`inline`]: Markdown text in a table cell: only `|`, `<` and line breaks
//!   (as `<br>`) are escaped, plus a backslash where it would be ambiguous.
//! - [`list_item`]: [`inline`] plus escaping a start that would nest a block.
//! - [`block`]: multi-line Markdown under a heading: lines that would read as a
//!   heading are escaped outside code fences; an unclosed fence is escaped.

const PLAIN_SPECIAL: &[char] = &['\\', '`', '*', '_', '[', ']', '<', '>', '#', '|', '~', '&'];

/// Escapes text so it renders literally, on one line.
pub fn plain(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("<br>"),
            c if PLAIN_SPECIAL.contains(&c) => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// Reads [`plain`] text (and any hand-written backslash escape) back.
pub fn unplain(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        if let Some(after) = strip_br(rest) {
            out.push('\n');
            rest = after;
        } else if c == '\\' && rest[1..].starts_with(|n: char| n.is_ascii_punctuation()) {
            let n = rest[1..].chars().next().unwrap_or('\\');
            out.push(n);
            rest = &rest[1 + n.len_utf8()..];
        } else {
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

fn strip_br(s: &str) -> Option<&str> {
    ["<br>", "<br/>", "<br />"]
        .iter()
        .find_map(|t| s.strip_prefix(t))
}

/// Escapes Markdown text for a table cell or a list item: one line, no `|`
/// column break, no raw HTML; other Markdown (emphasis, code, links) is kept.
pub fn inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' => out.push_str("<br>"),
            '|' => out.push_str("\\|"),
            '<' => out.push_str("\\<"),
            '\\' => match chars.peek() {
                None | Some('\\' | '|' | '<' | '\n') => out.push_str("\\\\"),
                Some(_) => out.push('\\'),
            },
            c => out.push(c),
        }
    }
    out
}

/// Reads [`inline`] text back.
pub fn uninline(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        if let Some(after) = strip_br(rest) {
            out.push('\n');
            rest = after;
        } else if c == '\\' && rest[1..].starts_with(['\\', '|', '<']) {
            out.push(rest.as_bytes()[1] as char);
            rest = &rest[2..];
        } else {
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

/// Characters that, first on a list item's line, would start a nested block.
const BLOCK_START: &[char] = &['#', '-', '+', '*', '>', '=', '\\'];

/// Where a list item needs an extra backslash so it stays a paragraph.
fn leading_escape_at(e: &str) -> Option<usize> {
    let start = e.len() - e.trim_start_matches(' ').len();
    let body = &e[start..];
    let first = body.chars().next()?;
    let task_box = ["[ ]", "[x]", "[X]"].iter().any(|b| body.starts_with(b));
    let fence = body.starts_with("```") || body.starts_with("~~~");
    if BLOCK_START.contains(&first) || task_box || fence {
        return Some(start);
    }
    let digits = body.len() - body.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits > 0 && body[digits..].starts_with(['.', ')', '\\']) {
        return Some(start + digits);
    }
    None
}

/// Escapes one list item's text.
pub fn list_item(s: &str) -> String {
    let mut e = inline(s);
    if let Some(at) = leading_escape_at(&e) {
        e.insert(at, '\\');
    }
    e
}

/// Reads a list item's text back.
pub fn unlist_item(s: &str) -> String {
    let start = s.len() - s.trim_start_matches(' ').len();
    let body = &s[start..];
    let digits = body.len() - body.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let at = start + digits;
    let mut owned = s.to_string();
    if s[at..].starts_with('\\') {
        let next = &s[at + 1..];
        let remove = if digits > 0 {
            next.starts_with(['.', ')', '\\'])
        } else {
            next.starts_with(BLOCK_START)
                || ["[ ]", "[x]", "[X]", "```", "~~~"]
                    .iter()
                    .any(|p| next.starts_with(p))
        };
        if remove {
            owned.remove(at);
        }
    }
    uninline(&owned)
}

/// A fence opening line: up to 3 spaces, then 3+ backticks or tildes.
pub fn fence_open(line: &str) -> Option<(char, usize)> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return None;
    }
    let body = &line[indent..];
    let c = body.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let n = body.len() - body.trim_start_matches(c).len();
    if n < 3 || (c == '`' && body[n..].contains('`')) {
        return None;
    }
    Some((c, n))
}

/// Whether a line closes a fence opened with `n` of `c`.
pub fn fence_closes(line: &str, (c, n): (char, usize)) -> bool {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return false;
    }
    let body = &line[indent..];
    let run = body.len() - body.trim_start_matches(c).len();
    run >= n && body[run..].trim().is_empty()
}

/// An ATX heading line (what the importer splits sections on): up to 3 spaces,
/// 1 to 6 `#`, then a space or the end of the line. Returns level and text.
pub fn heading(line: &str) -> Option<(usize, &str)> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return None;
    }
    let body = &line[indent..];
    let level = body.len() - body.trim_start_matches('#').len();
    if !(1..=6).contains(&level) {
        return None;
    }
    let rest = &body[level..];
    if rest.is_empty() {
        return Some((level, ""));
    }
    rest.strip_prefix([' ', '\t']).map(|t| (level, t))
}

/// Whether a line needs a backslash outside fences: it would read as a heading,
/// or it already starts with a backslash (so the decoder can tell them apart).
fn needs_block_escape(line: &str) -> Option<usize> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return None;
    }
    (heading(line).is_some() || line[indent..].starts_with('\\')).then_some(indent)
}

/// Escapes multi-line Markdown placed under a heading; one output line each.
pub fn block(s: &str) -> Vec<String> {
    let lines: Vec<&str> = s.split('\n').collect();
    let mut out = Vec::with_capacity(lines.len());
    let mut open: Option<(char, usize)> = None;
    for (i, line) in lines.iter().enumerate() {
        if let Some(f) = open {
            if fence_closes(line, f) {
                open = None;
            }
            out.push(line.to_string());
            continue;
        }
        if let Some(f) = fence_open(line) {
            let closed = lines[i + 1..].iter().any(|l| fence_closes(l, f));
            if closed {
                open = Some(f);
                out.push(line.to_string());
            } else {
                // An unclosed fence would swallow the rest of the file: write it as text.
                let indent = line.len() - line.trim_start_matches(' ').len();
                out.push(format!("{}\\{}", &line[..indent], &line[indent..]));
            }
            continue;
        }
        match needs_block_escape(line) {
            Some(at) => out.push(format!("{}\\{}", &line[..at], &line[at..])),
            None => out.push(line.to_string()),
        }
    }
    out
}

/// Reads lines written by [`block`] back into the text.
pub fn unblock(lines: &[&str]) -> String {
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    let mut open: Option<(char, usize)> = None;
    for line in lines {
        if let Some(f) = open {
            if fence_closes(line, f) {
                open = None;
            }
            out.push(line.to_string());
            continue;
        }
        if let Some(f) = fence_open(line) {
            open = Some(f);
            out.push(line.to_string());
            continue;
        }
        let indent = line.len() - line.trim_start_matches(' ').len();
        if indent <= 3 && line[indent..].starts_with('\\') {
            out.push(format!("{}{}", &line[..indent], &line[indent + 1..]));
        } else {
            out.push(line.to_string());
        }
    }
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_renders_literally_and_reads_back() {
        let s = "a|b *c* <script> # 5_000 [x](y) & \\ ~";
        assert_eq!(
            plain(s),
            "a\\|b \\*c\\* \\<script\\> \\# 5\\_000 \\[x\\](y) \\& \\\\ \\~"
        );
        assert_eq!(unplain(&plain(s)), s);
        assert_eq!(unplain(&plain("two\nlines")), "two\nlines");
    }

    #[test]
    fn inline_keeps_markdown_but_not_columns_or_html() {
        assert_eq!(inline("**bold** | <b> `x`"), "**bold** \\| \\<b> `x`");
        for s in ["\\", "\\|", "\\\\", "a\\\nb", "\\<br>", "<br>", "x\\*y"] {
            assert_eq!(uninline(&inline(s)), s, "{s:?}");
        }
    }

    #[test]
    fn list_items_do_not_start_blocks() {
        for s in [
            "# no", "- no", "1. no", "12) no", "[ ] no", "```", "\\# yes", "1\\. x", "  > q",
            "plain",
        ] {
            let e = list_item(s);
            assert_eq!(unlist_item(&e), s, "{s:?} -> {e:?}");
        }
        assert_eq!(list_item("# no"), "\\# no");
        assert_eq!(list_item("2024. was long"), "2024\\. was long");
    }

    #[test]
    fn block_escapes_headings_outside_fences_only() {
        let s = "Intro\n## not a section\n```sh\n# a shell comment\n```\n\\ starts with backslash";
        let lines = block(s);
        assert_eq!(lines[1], "\\## not a section");
        assert_eq!(lines[3], "# a shell comment");
        let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
        assert_eq!(unblock(&refs), s);
        let unclosed = "```\n# heading after an unclosed fence";
        let lines = block(unclosed);
        assert_eq!(lines, vec!["\\```", "\\# heading after an unclosed fence"]);
        let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
        assert_eq!(unblock(&refs), unclosed);
    }
}
