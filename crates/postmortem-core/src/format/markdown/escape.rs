//! Escaping user text into the exported Markdown, and back.
//!
//! Each `encode` has a `decode` with `decode(encode(s)) == s` for every string,
//! so an export re-imports exactly. The encodings change how text renders as
//! little as possible:
//! - [`plain`]: text that is not Markdown (titles, owners, labels): every
//!   character Markdown treats specially is backslash-escaped.
//! - [`plain_with_code`]: [`plain`] keeping code spans as code (action
//!   titles), read back by [`unplain`] too.
//! - [`inline`]: Markdown text in a table cell: only `|`, `<` and line breaks
//!   (as `<br>`) are escaped, plus a backslash where it would be ambiguous.
//! - [`list_item`]: [`inline`] plus escaping a start that would nest a block.
//! - [`block`]: multi-line Markdown under a heading: lines that would read as a
//!   heading are escaped outside code fences; an unclosed fence is escaped.

use crate::gfm;

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

/// [`plain`], except that code spans (`` `max_pool_size` ``) stay code: a
/// title written with backticks renders them as code, not as backticks. A
/// span is kept only where [`unplain`] reads it back unchanged (no backslash
/// before punctuation, no `<br>`, one line); `|` in it becomes `\|`, which
/// GFM tables read as `|` inside code too. Others are escaped as text.
pub fn plain_with_code(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut from = 0;
    for (a, b) in code_spans(s) {
        let span = &s[a..b];
        let reads_back = !span.contains('\n')
            && !span.contains("<br")
            && !span
                .as_bytes()
                .windows(2)
                .any(|w| w[0] == b'\\' && w[1].is_ascii_punctuation());
        if reads_back {
            out.push_str(&plain(&s[from..a]));
            out.push_str(&span.replace('|', "\\|"));
            from = b;
        }
    }
    out.push_str(&plain(&s[from..]));
    out
}

/// Reads [`plain`] text (and any hand-written backslash escape) back.
pub fn unplain(s: &str) -> String {
    unescape(s, |n| n.is_ascii_punctuation())
}

/// Turns `<br>` back into a line break and `\x` into `x` for each `x` that
/// `escapable` accepts; everything else is kept as written.
fn unescape(s: &str, escapable: fn(char) -> bool) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        if let Some(after) = strip_br(rest) {
            out.push('\n');
            rest = after;
            continue;
        }
        let escaped = (c == '\\')
            .then(|| rest[1..].chars().next())
            .flatten()
            .filter(|n| escapable(*n));
        match escaped {
            Some(n) => {
                out.push(n);
                rest = &rest[1 + n.len_utf8()..];
            }
            None => {
                out.push(c);
                rest = &rest[c.len_utf8()..];
            }
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
    unescape(s, |n| matches!(n, '\\' | '|' | '<'))
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
    // A number's marker (`1.`, `1)`), whatever follows it; and `1\`, so that
    // the backslash added here is told apart from one typed.
    let digits = leading_digits(body);
    let numbered = matches!(gfm::marker(body), Some(gfm::Marker::Numbered { .. }));
    (numbered || digits > 0 && body[digits..].starts_with('\\')).then_some(start + digits)
}

fn leading_digits(s: &str) -> usize {
    s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len()
}

/// Escapes one list item's text.
pub fn list_item(s: &str) -> String {
    let mut e = inline(s);
    if let Some(at) = leading_escape_at(&e) {
        e.insert(at, '\\');
    }
    e
}

/// Reads a list item's text back: the backslash [`list_item`] adds is
/// removed where it would have added it.
pub fn unlist_item(s: &str) -> String {
    let start = s.len() - s.trim_start_matches(' ').len();
    let at = start + leading_digits(&s[start..]);
    let mut owned = s.to_string();
    if s[at..].starts_with('\\') {
        let mut unescaped = s.to_string();
        unescaped.remove(at);
        if leading_escape_at(&unescaped) == Some(at) {
            owned = unescaped;
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

/// Byte ranges of code spans on one line: a run of N backticks up to the next
/// run of exactly N. Backslashes are ignored, so the encoder and the decoder
/// (which differ only in backslashes) always agree on the spans.
fn code_spans(line: &str) -> Vec<(usize, usize)> {
    let b = line.as_bytes();
    let run_at = |i: usize| b[i..].iter().take_while(|c| **c == b'`').count();
    let mut spans = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'`' {
            i += 1;
            continue;
        }
        let n = run_at(i);
        let mut j = i + n;
        let mut close = None;
        while j < b.len() {
            if b[j] == b'`' {
                let m = run_at(j);
                if m == n {
                    close = Some(j + m);
                    break;
                }
                j += m;
            } else {
                j += 1;
            }
        }
        match close {
            Some(end) => {
                spans.push((i, end));
                i = end;
            }
            None => i += n,
        }
    }
    spans
}

/// A `<` that a renderer could take for the start of raw HTML.
fn html_like(rest: &str) -> bool {
    rest.starts_with('<')
        && rest[1..].starts_with(|c: char| c.is_ascii_alphabetic() || matches!(c, '/' | '!' | '?'))
}

/// Escapes one block line outside code fences:
/// - a `<` that could start raw HTML becomes `\<` (outside code spans);
/// - a line that would read as a heading gets `\` before its first `#`;
/// - `unclosed_fence`: the fence line gets `\` before its first character;
/// - a backslash the decoder would otherwise take for one of these escapes is doubled.
fn encode_line(line: &str, unclosed_fence: bool) -> String {
    let indent = line.len() - line.trim_start_matches(' ').len();
    let is_heading = heading(line).is_some();
    let spans = code_spans(line);
    let mut out = String::with_capacity(line.len() + 4);
    for (i, c) in line.char_indices() {
        if spans.iter().any(|(a, b)| (*a..*b).contains(&i)) {
            out.push(c);
            continue;
        }
        let at_start = i == indent && indent <= 3;
        let next = line[i + c.len_utf8()..].chars().next();
        match c {
            '<' if html_like(&line[i..]) => out.push_str("\\<"),
            '\\' if matches!(next, Some('\\' | '<'))
                || at_start && matches!(next, Some('#' | '`' | '~')) =>
            {
                out.push_str("\\\\")
            }
            '#' if at_start && is_heading => out.push_str("\\#"),
            '`' | '~' if at_start && unclosed_fence => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// Reads a line written by [`encode_line`] back.
fn decode_line(line: &str) -> String {
    let indent = line.len() - line.trim_start_matches(' ').len();
    let spans = code_spans(line);
    let mut out = String::with_capacity(line.len());
    let mut chars = line.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c != '\\' || spans.iter().any(|(a, b)| (*a..*b).contains(&i)) {
            out.push(c);
            continue;
        }
        let at_start = i == indent && indent <= 3;
        match chars.peek().map(|(_, n)| *n) {
            Some('#' | '`' | '~') if at_start => {}
            Some(n @ ('\\' | '<')) => {
                out.push(n);
                chars.next();
            }
            _ => out.push(c),
        }
    }
    out
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
            if lines[i + 1..].iter().any(|l| fence_closes(l, f)) {
                open = Some(f);
                out.push(line.to_string());
            } else {
                // An unclosed fence would swallow the rest of the file: write it as text.
                out.push(encode_line(line, true));
            }
            continue;
        }
        out.push(encode_line(line, false));
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
        } else if let Some(f) = fence_open(line) {
            open = Some(f);
            out.push(line.to_string());
        } else {
            out.push(decode_line(line));
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

    /// Every tag-like `<` outside code spans is escaped by an odd run of backslashes.
    fn raw_html_free(line: &str) -> bool {
        let spans = code_spans(line);
        line.char_indices().all(|(i, _)| {
            if !html_like(&line[i..]) || spans.iter().any(|(a, b)| (*a..*b).contains(&i)) {
                return true;
            }
            line[..i].chars().rev().take_while(|c| *c == '\\').count() % 2 == 1
        })
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
        let html = "<script>x</script> and `<kept>` and \\<b> and a < b";
        let lines = block(html);
        assert_eq!(
            lines,
            vec!["\\<script>x\\</script> and `<kept>` and \\\\\\<b> and a < b"]
        );
        for tricky in [
            "\\<script>",
            "\\# x",
            "\\```",
            "# <b>",
            "  ## x",
            "\\\\<",
            "`\\#` x",
        ] {
            let lines = block(tricky);
            let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
            assert_eq!(unblock(&refs), tricky, "{lines:?}");
            assert!(raw_html_free(&lines[0]), "raw HTML re-exposed: {lines:?}");
        }
        let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
        assert_eq!(unblock(&refs), html);
        let lines = block(unclosed);
        assert_eq!(lines, vec!["\\```", "\\# heading after an unclosed fence"]);
        let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
        assert_eq!(unblock(&refs), unclosed);
    }
}
