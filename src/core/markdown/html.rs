//! Markdown to HTML for the preview: CommonMark's blocks and inlines with
//! GitHub's tables, task lists and strikethrough, in a few kilobytes of wasm.
//!
//! It replaces a general Markdown engine, which cost about a seventh of the
//! first load. What it renders is held to pulldown-cmark on every construct an
//! export uses and on realistic postmortem text (`tests/core/preview.rs`);
//! raw HTML is never passed through (it is shown as text, except `<br>`,
//! which the export writes for line breaks in table cells), and a link's URL
//! must pass the caller's check or the link is shown as its text.
//!
//! Simplifications, none of which loses text: a link reference definition
//! must fit on one line; HTML blocks are paragraphs of text; a tab after a
//! nested container's marker counts from that marker, not from the line's
//! start; only common named entities are decoded (others stay as written);
//! link labels match ignoring the case of ASCII letters only.

use super::escape::{fence_closes, fence_open, heading};

/// Renders `markdown` as HTML; a link whose URL `link_ok` refuses is shown as
/// its text alone.
pub fn to_html(markdown: &str, link_ok: fn(&str) -> bool) -> String {
    let lines: Vec<String> = markdown.lines().map(expand_tabs).collect();
    let mut refs = Vec::new();
    let (blocks, _) = parse_blocks(&lines, &mut refs, 0);
    // The first definition of a label wins: the stable sort keeps it first.
    crate::core::order::sort_by(&mut refs, |a, b| a.0.cmp(&b.0));
    refs.dedup_by(|later, first| later.0 == first.0);
    let r = Renderer { refs, link_ok };
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    for b in &blocks {
        r.block(b, false, &mut out);
    }
    out
}

// ---------------------------------------------------------------- blocks

#[derive(Clone, Copy, PartialEq)]
enum Align {
    None,
    Left,
    Center,
    Right,
}

enum Block {
    Para(String),
    Heading(usize, String),
    Rule,
    Code(String, String),
    Quote(Vec<Block>),
    List {
        start: Option<u64>,
        tight: bool,
        items: Vec<Vec<Block>>,
    },
    Table {
        align: Vec<Align>,
        head: Vec<String>,
        rows: Vec<Vec<String>>,
    },
}

/// Link reference definitions by normalised label (destination, title):
/// collected in document order, then sorted by label for lookups.
type Refs = Vec<(String, (String, Option<String>))>;

/// Quotes and lists nest this deep at most; deeper markers are text.
const MAX_DEPTH: usize = 32;

/// Markdown's whitespace for blank lines and trimming: spaces and tabs only
/// (a no-break space is text).
const SPACE: &[char] = &[' ', '\t'];
/// Space inside a link's parentheses, where a line break may fall.
const LINK_SPACE: &[char] = &[' ', '\t', '\n'];

fn expand_tabs(line: &str) -> String {
    expand_from(0, line)
}

/// Leading tabs as spaces to the next multiple of four columns, for text that
/// starts at column `col`.
fn expand_from(col: usize, text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next().filter(|c| *c == ' ' || *c == '\t') {
        if c == '\t' {
            out.push_str(&"    "[(col + out.len()) % 4..]);
        } else {
            out.push(' ');
        }
        rest = &rest[1..];
    }
    out.push_str(rest);
    out
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

fn blank(line: &str) -> bool {
    line.trim_matches(SPACE).is_empty()
}

fn is_rule(line: &str) -> bool {
    if indent(line) > 3 {
        return false;
    }
    let body = line.trim_matches(SPACE);
    let Some(c) = body.chars().next().filter(|c| matches!(c, '-' | '*' | '_')) else {
        return false;
    };
    body.chars().all(|x| x == c || x == ' ' || x == '\t') && body.matches(c).count() >= 3
}

/// `>` and an optional space stripped, for a block quote line.
fn quote_line(line: &str) -> Option<String> {
    let pad = indent(line);
    if pad > 3 {
        return None;
    }
    let rest = expand_from(pad + 1, line[pad..].strip_prefix('>')?);
    Some(rest.strip_prefix(' ').map(str::to_string).unwrap_or(rest))
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Bullet(u8),
    Ordered(u8),
}

struct Marker {
    kind: Kind,
    start: u64,
    /// Where the item's content starts (columns).
    width: usize,
    empty: bool,
    /// The content on the marker's line.
    first: String,
}

fn list_marker(line: &str) -> Option<Marker> {
    let pad = indent(line);
    if pad > 3 {
        return None;
    }
    let b = line.as_bytes();
    let (kind, start, end) = match b.get(pad)? {
        c @ (b'-' | b'+' | b'*') => (Kind::Bullet(*c), 1, pad + 1),
        _ => {
            let digits = b[pad..].iter().take_while(|c| c.is_ascii_digit()).count();
            let d = *b.get(pad + digits)?;
            if !(1..=9).contains(&digits) || (d != b'.' && d != b')') {
                return None;
            }
            (
                Kind::Ordered(d),
                crate::core::whole_number(&line[pad..pad + digits])?,
                pad + digits + 1,
            )
        }
    };
    let rest = expand_from(end, &line[end..]);
    if rest.trim_matches(SPACE).is_empty() {
        return Some(Marker {
            kind,
            start,
            width: end + 1,
            empty: true,
            first: String::new(),
        });
    }
    let spaces = indent(&rest);
    if spaces == 0 {
        return None;
    }
    let skip = if spaces > 4 { 1 } else { spaces };
    Some(Marker {
        kind,
        start,
        width: end + skip,
        empty: false,
        first: rest[skip..].to_string(),
    })
}

fn setext(line: &str) -> Option<usize> {
    if indent(line) > 3 {
        return None;
    }
    let body = line.trim_matches(SPACE);
    if !body.is_empty() && body.chars().all(|c| c == '=') {
        Some(1)
    } else if !body.is_empty() && body.chars().all(|c| c == '-') {
        Some(2)
    } else {
        None
    }
}

/// Cells of a table row: outer pipes dropped, split at unescaped pipes, `\|` kept as `|`.
fn cells(line: &str) -> Vec<String> {
    let body = line.trim_matches(SPACE);
    let body = body.strip_prefix('|').unwrap_or(body);
    let mut out = Vec::new();
    let mut cell = String::new();
    let mut from = 0;
    for (k, b) in body.bytes().enumerate() {
        if b != b'|' {
            continue;
        }
        if body[..k].ends_with('\\') {
            cell.push_str(&body[from..k - 1]);
            cell.push('|');
        } else {
            cell.push_str(&body[from..k]);
            out.push(std::mem::take(&mut cell));
        }
        from = k + 1;
    }
    cell.push_str(&body[from..]);
    out.push(cell);
    if body.ends_with('|') && !body.ends_with("\\|") && out.len() > 1 {
        out.pop();
    }
    out.into_iter()
        .map(|s| s.trim_matches(SPACE).to_string())
        .collect()
}

fn delimiter_row(line: &str) -> Option<Vec<Align>> {
    if indent(line) > 3 || !line.contains(['|', '-']) {
        return None;
    }
    let row = cells(line);
    if row.len() == 1 && !line.contains('|') {
        return None;
    }
    row.iter()
        .map(|c| {
            let dashes = c.trim_start_matches(':').trim_end_matches(':');
            if dashes.is_empty() || !dashes.chars().all(|d| d == '-') {
                return None;
            }
            Some(match (c.starts_with(':'), c.ends_with(':')) {
                (true, true) => Align::Center,
                (true, false) => Align::Left,
                (false, true) => Align::Right,
                _ => Align::None,
            })
        })
        .collect()
}

/// Whether a line starts a block that ends a paragraph (or a lazy line).
fn interrupts(line: &str) -> bool {
    heading(line).is_some()
        || fence_open(line).is_some()
        || is_rule(line)
        || quote_line(line).is_some()
        || list_marker(line)
            .is_some_and(|m| !m.empty && (matches!(m.kind, Kind::Bullet(_)) || m.start == 1))
}

/// Whether a line starts a block of its own where a paragraph could otherwise
/// go on lazily (any list item, even an empty one, counts here).
fn starts_block(line: &str) -> bool {
    interrupts(line) || list_marker(line).is_some()
}

/// A lazy continuation line, as a line of its container: it only continues
/// the paragraph, so a `===` there is text, not a heading underline.
fn lazy(line: &str) -> String {
    let text = line.trim_start_matches(SPACE);
    if setext(text).is_some() {
        format!("\\{text}")
    } else {
        text.to_string()
    }
}

/// Whether a line starts a paragraph, inside any quotes and list items it
/// opens (a following line may then continue it lazily).
fn opens_paragraph(line: &str) -> bool {
    let mut line = line.to_string();
    for _ in 0..MAX_DEPTH {
        if let Some(inner) = quote_line(&line) {
            line = inner;
        } else if let Some(m) = list_marker(&line).filter(|_| !is_rule(&line)) {
            if m.empty {
                return false;
            }
            line = m.first;
        } else {
            return !blank(&line) && indent(&line) < 4 && !interrupts(&line);
        }
    }
    // Deeper markers are text.
    true
}

/// One-line link reference definition: `[label]: url "title"`.
fn definition(line: &str) -> Option<(String, String, Option<String>)> {
    if indent(line) > 3 {
        return None;
    }
    let rest = line.trim_start_matches(SPACE).strip_prefix('[')?;
    let end = label_end(rest)?;
    let label = &rest[..end];
    let rest = rest[end + 1..].strip_prefix(':')?;
    let (dest, after) = destination(rest.trim_start_matches(SPACE))?;
    let after_trim = after.trim_start_matches(SPACE);
    let (title, tail) = if after_trim.is_empty() {
        (None, "")
    } else if after.len() == after_trim.len() {
        return None;
    } else {
        let (t, tail) = title(after_trim)?;
        (Some(t), tail)
    };
    if !tail.trim_matches(SPACE).is_empty() || label.trim_matches(SPACE).is_empty() {
        return None;
    }
    Some((normalize_label(label), dest, title))
}

fn normalize_label(label: &str) -> String {
    label
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_ascii_lowercase()
}

/// Parses the lines of one container into blocks; also says whether a blank
/// line separates two of them (which makes a list item loose).
fn parse_blocks(lines: &[String], refs: &mut Refs, depth: usize) -> (Vec<Block>, bool) {
    let mut blocks = Vec::new();
    let mut gap_between = false;
    let mut saw_blank = false;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].as_str();
        if blank(line) {
            saw_blank = true;
            i += 1;
            continue;
        }
        if saw_blank && !blocks.is_empty() {
            gap_between = true;
        }
        saw_blank = false;
        i = parse_one(lines, i, refs, &mut blocks, depth).max(i + 1);
    }
    (blocks, gap_between)
}

/// Parses the block starting at `lines[i]` (not blank); returns the next line.
fn parse_one(
    lines: &[String],
    mut i: usize,
    refs: &mut Refs,
    blocks: &mut Vec<Block>,
    depth: usize,
) -> usize {
    let line = lines[i].as_str();
    if indent(line) >= 4 {
        let mut code: Vec<&str> = Vec::new();
        while i < lines.len() && (blank(&lines[i]) || indent(&lines[i]) >= 4) {
            code.push(lines[i].get(4..).unwrap_or(""));
            i += 1;
        }
        while code.last().is_some_and(|l| blank(l)) {
            code.pop();
        }
        let text = code.iter().map(|l| format!("{l}\n")).collect();
        blocks.push(Block::Code(String::new(), text));
        return i;
    }
    if let Some(fence) = fence_open(line) {
        let pad = indent(line);
        let info = line
            .trim_start_matches(SPACE)
            .trim_start_matches(fence.0)
            .trim_matches(SPACE);
        let info = unescape(info.split(SPACE).next().unwrap_or(""));
        let mut text = String::new();
        i += 1;
        while i < lines.len() && !fence_closes(&lines[i], fence) {
            let l = lines[i].as_str();
            text.push_str(&l[indent(l).min(pad)..]);
            text.push('\n');
            i += 1;
        }
        blocks.push(Block::Code(info, text));
        return i + 1;
    }
    if let Some((level, text)) = heading(line) {
        blocks.push(Block::Heading(level, atx_text(text)));
        return i + 1;
    }
    if is_rule(line) {
        blocks.push(Block::Rule);
        return i + 1;
    }
    // Past a sane depth, quote and list markers are text (no deep recursion).
    let nest = depth < MAX_DEPTH;
    if nest && quote_line(line).is_some() {
        let mut inner: Vec<String> = Vec::new();
        let mut lazy_ok = false;
        while i < lines.len() {
            let l = lines[i].as_str();
            if let Some(q) = quote_line(l) {
                lazy_ok = (lazy_ok && !blank(&q) && !interrupts(&q)) || opens_paragraph(&q);
                inner.push(q);
            } else if lazy_ok && !blank(l) && !starts_block(l) {
                inner.push(lazy(l));
            } else {
                break;
            }
            i += 1;
        }
        blocks.push(Block::Quote(parse_blocks(&inner, refs, depth + 1).0));
        return i;
    }
    if let Some(first) = list_marker(line).filter(|_| nest) {
        return parse_list(lines, i, first, refs, blocks, depth);
    }
    if let Some((head, align)) = table_head(lines, i) {
        let mut rows = Vec::new();
        i += 2;
        while i < lines.len() && !blank(&lines[i]) && !starts_block(&lines[i]) {
            let mut row = cells(&lines[i]);
            row.resize(head.len(), String::new());
            rows.push(row);
            i += 1;
        }
        blocks.push(Block::Table { align, head, rows });
        return i;
    }
    // A paragraph, perhaps opened by link reference definitions.
    let mut text: Vec<&str> = vec![line.trim_start_matches(SPACE)];
    i += 1;
    while i < lines.len() {
        let l = lines[i].as_str();
        if blank(l) {
            break;
        }
        if let Some(level) = setext(l) {
            let (defs, rest) = take_definitions(&text, refs);
            if !rest.is_empty() {
                blocks.push(Block::Heading(
                    level,
                    rest.join("\n").trim_end_matches(SPACE).to_string(),
                ));
                return i + 1;
            }
            text = defs;
            if level == 2 && is_rule(l) {
                break;
            }
        }
        // A table whose header row starts with a pipe may end a paragraph.
        if interrupts(l)
            || (l.trim_start_matches(' ').starts_with('|') && table_head(lines, i).is_some())
        {
            break;
        }
        text.push(l.trim_start_matches(SPACE));
        i += 1;
    }
    let (_, rest) = take_definitions(&text, refs);
    if !rest.is_empty() {
        blocks.push(Block::Para(
            rest.join("\n").trim_end_matches(SPACE).to_string(),
        ));
    }
    i
}

/// The header cells and alignments of a table starting at `lines[i]`: a row
/// with an unescaped pipe, then a delimiter row with as many cells.
fn table_head(lines: &[String], i: usize) -> Option<(Vec<String>, Vec<Align>)> {
    let line = lines.get(i)?;
    let pipe = line
        .match_indices('|')
        .any(|(k, _)| !line[..k].ends_with('\\'));
    let align = delimiter_row(lines.get(i + 1)?)?;
    let head = cells(line);
    (pipe && head.len() == align.len() && line.trim_matches(SPACE) != "|").then_some((head, align))
}

/// Registers the definitions at the start of a paragraph's lines; returns
/// them and the lines after them.
fn take_definitions<'a>(lines: &[&'a str], refs: &mut Refs) -> (Vec<&'a str>, Vec<&'a str>) {
    let mut n = 0;
    while let Some((label, dest, title)) = lines.get(n).and_then(|l| definition(l)) {
        refs.push((label, (dest, title)));
        n += 1;
    }
    (lines[..n].to_vec(), lines[n..].to_vec())
}

fn atx_text(text: &str) -> String {
    let t = text.trim_matches(SPACE);
    let closing = t.trim_end_matches('#');
    if closing.is_empty() {
        return String::new();
    }
    if closing.len() < t.len() && closing.ends_with([' ', '\t']) {
        return closing.trim_end_matches(SPACE).to_string();
    }
    t.to_string()
}

fn parse_list(
    lines: &[String],
    mut i: usize,
    first: Marker,
    refs: &mut Refs,
    blocks: &mut Vec<Block>,
    depth: usize,
) -> usize {
    let mut items: Vec<Vec<Block>> = Vec::new();
    let mut loose = false;
    let mut marker = Some(first);
    let kind = marker.as_ref().map(|m| m.kind);
    let start = marker.as_ref().map(|m| m.start).unwrap_or(1);
    while let Some(m) = marker.take() {
        let mut content: Vec<String> = vec![m.first.clone()];
        let mut lazy_ok = opens_paragraph(&m.first);
        i += 1;
        while i < lines.len() {
            let l = lines[i].as_str();
            if blank(l) {
                // An item that starts empty holds at most a blank line.
                if m.empty && content.len() == 1 {
                    break;
                }
                content.push(String::new());
                lazy_ok = false;
            } else if indent(l) >= m.width {
                let inner = &l[m.width..];
                lazy_ok = (lazy_ok && !interrupts(inner)) || opens_paragraph(inner);
                content.push(inner.to_string());
            } else if lazy_ok && !starts_block(l) {
                content.push(lazy(l));
            } else {
                break;
            }
            i += 1;
        }
        // Blank lines read after the marker line (that line itself is not one of them).
        let trailing = content[1..].iter().rev().take_while(|l| blank(l)).count();
        content.truncate(content.len() - trailing);
        let (inner, gap) = parse_blocks(&content, refs, depth + 1);
        loose |= gap;
        items.push(inner);
        let after_blanks = i + lines[i.min(lines.len())..]
            .iter()
            .take_while(|l| blank(l))
            .count();
        match lines
            .get(after_blanks)
            .filter(|l| !is_rule(l))
            .and_then(|l| list_marker(l))
        {
            Some(next) if Some(next.kind) == kind => {
                loose |= trailing > 0 || after_blanks > i;
                marker = Some(next);
                i = after_blanks;
            }
            // Blank lines after the list belong to the container around it.
            _ => i -= trailing,
        }
    }
    let ordered = matches!(kind, Some(Kind::Ordered(_)));
    blocks.push(Block::List {
        start: ordered.then_some(start),
        tight: !loose,
        items,
    });
    i
}

// ---------------------------------------------------------------- rendering

struct Renderer {
    refs: Refs,
    link_ok: fn(&str) -> bool,
}

impl Renderer {
    fn block(&self, b: &Block, tight: bool, out: &mut String) {
        match b {
            Block::Para(t) if tight => out.push_str(&self.inline(t)),
            Block::Para(t) => {
                out.push_str("<p>");
                out.push_str(&self.inline(t));
                out.push_str("</p>\n");
            }
            Block::Heading(level, t) => {
                out.push_str(&format!("<h{level}>{}</h{level}>\n", self.inline(t)));
            }
            Block::Rule => out.push_str("<hr />\n"),
            Block::Code(info, text) => {
                out.push_str("<pre><code");
                if !info.is_empty() {
                    out.push_str(&format!(" class=\"language-{}\"", escape_html(info)));
                }
                out.push('>');
                out.push_str(&text_html(text));
                out.push_str("</code></pre>\n");
            }
            Block::Quote(inner) => {
                out.push_str("<blockquote>\n");
                for b in inner {
                    self.block(b, false, out);
                }
                out.push_str("</blockquote>\n");
            }
            Block::List {
                start,
                tight,
                items,
            } => {
                match start {
                    None => out.push_str("<ul>\n"),
                    Some(1) => out.push_str("<ol>\n"),
                    Some(n) => out.push_str(&format!("<ol start=\"{n}\">\n")),
                }
                for item in items {
                    out.push_str("<li>");
                    for (k, b) in item.iter().enumerate() {
                        match (k, b) {
                            (0, Block::Para(t)) => self.task_para(t, *tight, out),
                            _ => self.block(b, *tight, out),
                        }
                    }
                    out.push_str("</li>\n");
                }
                out.push_str(if start.is_some() {
                    "</ol>\n"
                } else {
                    "</ul>\n"
                });
            }
            Block::Table { align, head, rows } => {
                out.push_str("<table><thead><tr>");
                let cell = |out: &mut String, tag: &str, k: usize, text: &str| {
                    let style = match align.get(k) {
                        Some(Align::Left) => " style=\"text-align: left\"",
                        Some(Align::Center) => " style=\"text-align: center\"",
                        Some(Align::Right) => " style=\"text-align: right\"",
                        _ => "",
                    };
                    out.push_str(&format!("<{tag}{style}>{}</{tag}>", self.inline(text)));
                };
                for (k, h) in head.iter().enumerate() {
                    cell(out, "th", k, h);
                }
                out.push_str("</tr></thead><tbody>\n");
                for row in rows {
                    out.push_str("<tr>");
                    for (k, c) in row.iter().enumerate() {
                        cell(out, "td", k, c);
                    }
                    out.push_str("</tr>\n");
                }
                out.push_str("</tbody></table>\n");
            }
        }
    }

    /// A list item's first paragraph, with its `[ ]` / `[x]` as a checkbox.
    fn task_para(&self, t: &str, tight: bool, out: &mut String) {
        let task = ["[ ]", "[x]", "[X]"]
            .iter()
            .position(|p| t.starts_with(p) && (t.len() == 3 || t[3..].starts_with([' ', '\t'])));
        match task {
            Some(k) => {
                let checked = if k > 0 { " checked=\"\"" } else { "" };
                if !tight {
                    out.push_str("<p>");
                }
                out.push_str(&format!(
                    "<input disabled=\"\" type=\"checkbox\"{checked}/>\n"
                ));
                out.push_str(&self.inline(t[3..].trim_start_matches(SPACE)));
                if !tight {
                    out.push_str("</p>\n");
                }
            }
            None => self.block(&Block::Para(t.to_string()), tight, out),
        }
    }
}

/// Escapes text for an HTML text node.
fn text_html(s: &str) -> String {
    escape(s, false)
}

/// Escapes text for an HTML text node or a quoted attribute.
pub fn escape_html(s: &str) -> String {
    escape(s, true)
}

fn escape(s: &str, quotes: bool) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    escape_into(&mut out, s, quotes);
    out
}

/// Appends `s` escaped, copying the runs between special bytes whole.
fn escape_into(out: &mut String, s: &str, quotes: bool) {
    let mut from = 0;
    for (k, b) in s.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' if quotes => "&quot;",
            b'\'' if quotes => "&#39;",
            _ => continue,
        };
        out.push_str(&s[from..k]);
        out.push_str(entity);
        from = k + 1;
    }
    out.push_str(&s[from..]);
}

/// A URL for an `href`: unsafe bytes percent-encoded, `&` and `'` as entities.
fn href(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for b in url.bytes() {
        match b {
            b'&' => out.push_str("&amp;"),
            b'\'' => out.push_str("&#x27;"),
            b'"' | b'<' | b'>' | b'[' | b'\\' | b']' | b'`' | b'{' | b'|' | b'}' | b' ' => {
                out.push_str(&format!("%{b:02X}"))
            }
            b if !(0x20..0x7f).contains(&b) => out.push_str(&format!("%{b:02X}")),
            b => out.push(char::from(b)),
        }
    }
    out
}

// ---------------------------------------------------------------- inlines

struct Delim {
    ch: u8,
    count: usize,
    orig: usize,
    open: bool,
    close: bool,
    /// Could both open and close when read (for the rule of three).
    both: bool,
    /// Closing tags written before the delimiters left over.
    before: String,
    /// Opening tags written after them.
    after: String,
}

enum Piece {
    Html(String),
    /// `[` or `![`: kept apart so a link can replace what follows it.
    Bracket(&'static str),
    Delim(Delim),
}

struct Opener {
    piece: usize,
    /// Byte offset just after the bracket in the source.
    src: usize,
    image: bool,
    /// Links made in this text before this bracket: a `[` is dead once a
    /// link closes after it (no links inside links).
    born: usize,
}

/// The open brackets of one run of inline text.
struct Brackets {
    open: Vec<Opener>,
    links: usize,
}

impl Brackets {
    /// Notes a `[` or `![` (`mark`) at byte `at`; returns its length.
    fn open(&mut self, pieces: &mut Vec<Piece>, at: usize, mark: &'static str) -> usize {
        self.open.push(Opener {
            piece: pieces.len(),
            src: at + mark.len(),
            image: mark == "![",
            born: self.links,
        });
        pieces.push(Piece::Bracket(mark));
        mark.len()
    }
}

/// Punctuation or a symbol, as the emphasis rules mean it (Unicode P and S
/// categories, approximated by the blocks that hold them).
fn punct(c: char) -> bool {
    c.is_ascii_punctuation()
        || matches!(c,
            '\u{a1}'..='\u{bf}' | '\u{d7}' | '\u{f7}' | '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205e}'
            | '\u{20a0}'..='\u{2bff}' | '\u{3001}'..='\u{3003}' | '\u{3008}'..='\u{301f}'
            | '\u{fe30}'..='\u{fe4f}' | '\u{ff01}'..='\u{ff0f}' | '\u{1f000}'..='\u{1faff}')
}

fn push_text(pieces: &mut Vec<Piece>, s: &str) {
    if let Some(Piece::Html(last)) = pieces.last_mut() {
        escape_into(last, s, false);
    } else {
        pieces.push(Piece::Html(text_html(s)));
    }
}

fn push_html(pieces: &mut Vec<Piece>, s: &str) {
    if let Some(Piece::Html(last)) = pieces.last_mut() {
        last.push_str(s);
    } else {
        pieces.push(Piece::Html(s.to_string()));
    }
}

/// Index of the `]` closing a link label (backslash escapes skipped, no `[`).
fn label_end(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() && i < 1000 {
        match b[i] {
            b'\\' => i += 2,
            b'[' => return None,
            b']' => return Some(i),
            _ => i += 1,
        }
    }
    None
}

/// A link destination at the start of `s`; returns it (unescaped) and the rest.
fn destination(s: &str) -> Option<(String, &str)> {
    if let Some(rest) = s.strip_prefix('<') {
        let mut i = 0;
        let b = rest.as_bytes();
        while i < b.len() {
            match b[i] {
                b'\\' => i += 2,
                b'\n' | b'<' => return None,
                b'>' => return Some((unescape(&rest[..i]), &rest[i + 1..])),
                _ => i += 1,
            }
        }
        return None;
    }
    let b = s.as_bytes();
    let (mut i, mut depth) = (0, 0usize);
    while i < b.len() {
        match b[i] {
            b'\\' if b.get(i + 1).is_some_and(|c| c.is_ascii_punctuation()) => i += 2,
            b'(' => {
                depth += 1;
                i += 1
            }
            b')' if depth == 0 => break,
            b')' => {
                depth -= 1;
                i += 1
            }
            c if c <= b' ' => break,
            _ => i += 1,
        }
    }
    let i = i.min(b.len());
    if depth > 0 || i == 0 {
        return None;
    }
    Some((unescape(&s[..i]), &s[i..]))
}

/// A link title at the start of `s`; returns it (unescaped) and the rest.
fn title(s: &str) -> Option<(String, &str)> {
    let close = match s.as_bytes().first()? {
        b'"' => b'"',
        b'\'' => b'\'',
        b'(' => b')',
        _ => return None,
    };
    let b = s.as_bytes();
    let mut i = 1;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            c if c == close => return Some((unescape(&s[1..i]), &s[i + 1..])),
            b'(' if close == b')' => return None,
            _ => i += 1,
        }
    }
    None
}

/// Backslash escapes and entities resolved (for URLs, titles, info strings).
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        let rest = &s[i..];
        if let Some(c) = rest
            .strip_prefix('\\')
            .and_then(|r| r.chars().next())
            .filter(char::is_ascii_punctuation)
        {
            out.push(c);
            i += 2;
        } else if let Some((text, len)) = entity(rest) {
            out.push_str(&text);
            i += len;
        } else if let Some(c) = rest.chars().next() {
            out.push(c);
            i += c.len_utf8();
        } else {
            break;
        }
    }
    out
}

const ENTITIES: &[(&str, &str)] = &[
    ("amp", "&"),
    ("lt", "<"),
    ("gt", ">"),
    ("quot", "\""),
    ("apos", "'"),
    ("nbsp", "\u{a0}"),
    ("copy", "\u{a9}"),
    ("reg", "\u{ae}"),
    ("trade", "\u{2122}"),
    ("hellip", "\u{2026}"),
    ("mdash", "\u{2014}"),
    ("ndash", "\u{2013}"),
    ("lsquo", "\u{2018}"),
    ("rsquo", "\u{2019}"),
    ("ldquo", "\u{201c}"),
    ("rdquo", "\u{201d}"),
    ("laquo", "\u{ab}"),
    ("raquo", "\u{bb}"),
    ("middot", "\u{b7}"),
    ("bull", "\u{2022}"),
    ("deg", "\u{b0}"),
    ("times", "\u{d7}"),
    ("divide", "\u{f7}"),
    ("plusmn", "\u{b1}"),
    ("micro", "\u{b5}"),
    ("sect", "\u{a7}"),
    ("para", "\u{b6}"),
    ("euro", "\u{20ac}"),
    ("pound", "\u{a3}"),
    ("yen", "\u{a5}"),
    ("cent", "\u{a2}"),
    ("larr", "\u{2190}"),
    ("rarr", "\u{2192}"),
    ("uarr", "\u{2191}"),
    ("darr", "\u{2193}"),
    ("harr", "\u{2194}"),
    ("le", "\u{2264}"),
    ("ge", "\u{2265}"),
    ("ne", "\u{2260}"),
    ("asymp", "\u{2248}"),
    ("infin", "\u{221e}"),
    ("shy", "\u{ad}"),
    ("zwj", "\u{200d}"),
    ("zwnj", "\u{200c}"),
];

/// An entity or numeric character reference at the start of `s`: its text
/// and length. Named references outside the common few stay as written.
fn entity(s: &str) -> Option<(String, usize)> {
    let rest = s.strip_prefix('&')?;
    let end = rest.find(';')?;
    let name = &rest[..end];
    let code = if let Some(hex) = name
        .strip_prefix(['#'])
        .and_then(|n| n.strip_prefix(['x', 'X']))
    {
        (1..=6)
            .contains(&hex.len())
            .then(|| u32::from_str_radix(hex, 16).ok())??
    } else if let Some(dec) = name.strip_prefix('#') {
        (1..=7)
            .contains(&dec.len())
            .then(|| u32::try_from(crate::core::whole_number(dec)?).ok())??
    } else {
        let (_, text) = ENTITIES.iter().find(|(n, _)| *n == name)?;
        return Some((text.to_string(), end + 2));
    };
    let c = char::from_u32(code)
        .filter(|c| *c != '\0')
        .unwrap_or('\u{fffd}');
    Some((c.to_string(), end + 2))
}

/// An autolink `<scheme:…>` or `<user@host>` at the start of `s`: (href, text, length).
fn autolink(s: &str) -> Option<(String, String, usize)> {
    let end = s.find('>')?;
    let inner = &s[1..end];
    if inner.is_empty() || inner.contains(|c: char| c <= ' ' || c == '<') {
        return None;
    }
    if let Some(colon) = inner.find(':') {
        let scheme = &inner[..colon];
        let ok = (2..=32).contains(&scheme.len())
            && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '.' | '-'));
        if ok {
            return Some((inner.to_string(), inner.to_string(), end + 1));
        }
    }
    let (user, host) = inner.split_once('@')?;
    let user_ok = !user.is_empty()
        && user
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || ".!#$%&'*+/=?^_`{|}~-".contains(c));
    let host_ok = host.split('.').all(|p| {
        !p.is_empty()
            && p.len() <= 63
            && !p.starts_with('-')
            && !p.ends_with('-')
            && p.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    });
    (user_ok && host_ok).then(|| (format!("mailto:{inner}"), inner.to_string(), end + 1))
}

impl Renderer {
    fn inline(&self, src: &str) -> String {
        let mut pieces: Vec<Piece> = Vec::new();
        let mut openers = Brackets {
            open: Vec::new(),
            links: 0,
        };
        let b = src.as_bytes();
        let mut i = 0;
        while i < b.len() {
            let rest = &src[i..];
            match b[i] {
                b'\\' => match rest[1..].chars().next() {
                    Some('\n') => {
                        push_html(&mut pieces, "<br />\n");
                        i += 2;
                    }
                    Some(c) if c.is_ascii_punctuation() => {
                        push_text(&mut pieces, &rest[1..2]);
                        i += 2;
                    }
                    _ => {
                        push_text(&mut pieces, "\\");
                        i += 1;
                    }
                },
                b'`' => {
                    let n = rest.bytes().take_while(|c| *c == b'`').count();
                    match code_span_end(&rest[n..], n) {
                        Some(len) => {
                            let inner = rest[n..n + len].replace('\n', " ");
                            let stripped = inner
                                .strip_prefix(' ')
                                .and_then(|s| s.strip_suffix(' '))
                                .filter(|_| !inner.trim_matches(SPACE).is_empty());
                            let code = stripped.unwrap_or(&inner);
                            push_html(&mut pieces, &format!("<code>{}</code>", text_html(code)));
                            i += n + len + n;
                        }
                        None => {
                            push_text(&mut pieces, &rest[..n]);
                            i += n;
                        }
                    }
                }
                b'&' => match entity(rest) {
                    Some((text, len)) => {
                        push_text(&mut pieces, &text);
                        i += len;
                    }
                    None => {
                        push_text(&mut pieces, "&");
                        i += 1;
                    }
                },
                b'<' => {
                    let br = ["<br>", "<br/>", "<br />"].iter().find(|t| {
                        rest.get(..t.len())
                            .is_some_and(|r| r.eq_ignore_ascii_case(t))
                    });
                    if let Some(t) = br {
                        push_html(&mut pieces, "<br />");
                        i += t.len();
                    } else if let Some((url, text, len)) = autolink(rest) {
                        let text = text_html(&text);
                        if (self.link_ok)(&url) {
                            push_html(
                                &mut pieces,
                                &format!("<a href=\"{}\">{text}</a>", href(&url)),
                            );
                        } else {
                            push_html(&mut pieces, &text);
                        }
                        i += len;
                    } else {
                        push_text(&mut pieces, "<");
                        i += 1;
                    }
                }
                b'!' if rest.starts_with("![") => i += openers.open(&mut pieces, i, "!["),
                b'[' => i += openers.open(&mut pieces, i, "["),
                b']' => {
                    i += 1 + self.close_bracket(src, i, &mut pieces, &mut openers);
                }
                c @ (b'*' | b'_' | b'~') => {
                    let n = rest.bytes().take_while(|x| *x == c).count();
                    let before = src[..i].chars().next_back().unwrap_or(' ');
                    let after = src[i + n..].chars().next().unwrap_or(' ');
                    let left = !after.is_whitespace()
                        && (!punct(after) || before.is_whitespace() || punct(before));
                    let right = !before.is_whitespace()
                        && (!punct(before) || after.is_whitespace() || punct(after));
                    // `*` and `~~` may sit inside a word, `_` and `~` may not.
                    // Tildes follow GitHub's (and pulldown-cmark's) looser
                    // rules: a tilde just before counts as space.
                    let after_tilde = before == '~';
                    let (open, close) = match (c, n) {
                        (b'~', 3..) => (false, false),
                        (b'~', 2) => (
                            !after.is_whitespace(),
                            right || (after_tilde && !before.is_whitespace()),
                        ),
                        (b'~', _) => (
                            (left && (!right || punct(before)))
                                || (after_tilde && !after.is_whitespace() && !punct(after)),
                            (right && (!left || punct(after))) || after_tilde,
                        ),
                        (b'_', _) => (
                            left && (!right || punct(before)),
                            right && (!left || punct(after)),
                        ),
                        _ => (left, right),
                    };
                    pieces.push(Piece::Delim(Delim {
                        ch: c,
                        count: n,
                        orig: n,
                        open,
                        close,
                        both: open && close,
                        before: String::new(),
                        after: String::new(),
                    }));
                    i += n;
                }
                b'\n' => {
                    // Two or more spaces or tabs before the line end make a hard break.
                    let hard = src[..i].len() - src[..i].trim_end_matches(SPACE).len() >= 2;
                    if let Some(Piece::Html(last)) = pieces.last_mut() {
                        let kept = last.trim_end_matches(SPACE).len();
                        last.truncate(kept);
                    }
                    push_html(&mut pieces, if hard { "<br />\n" } else { "\n" });
                    i += 1;
                    while b.get(i) == Some(&b' ') {
                        i += 1;
                    }
                }
                _ => {
                    let n = rest
                        .bytes()
                        .position(|b| {
                            matches!(
                                b,
                                b'\\'
                                    | b'`'
                                    | b'&'
                                    | b'<'
                                    | b'!'
                                    | b'['
                                    | b']'
                                    | b'*'
                                    | b'_'
                                    | b'~'
                                    | b'\n'
                            )
                        })
                        .map_or(rest.len(), |n| n.max(1));
                    push_text(&mut pieces, &rest[..n]);
                    i += n;
                }
            }
        }
        emphasis(&mut pieces, 0);
        render_pieces(&pieces)
    }

    /// At a `]` (byte `at`): makes a link of what follows the nearest `[` if a
    /// destination or a definition follows; returns the bytes consumed after `]`.
    fn close_bracket(
        &self,
        src: &str,
        at: usize,
        pieces: &mut Vec<Piece>,
        openers: &mut Brackets,
    ) -> usize {
        let Some(opener) = openers.open.pop() else {
            push_text(pieces, "]");
            return 0;
        };
        if !opener.image && opener.born < openers.links {
            push_text(pieces, "]");
            return 0;
        }
        let after = &src[at + 1..];
        let text_label = &src[opener.src..at];
        let mut target: Option<(String, Option<String>, usize)> = None;
        if let Some(inside) = after.strip_prefix('(') {
            let trimmed = inside.trim_start_matches(LINK_SPACE);
            if let Some(rest) = trimmed.strip_prefix(')') {
                target = Some((String::new(), None, after.len() - rest.len()));
            } else if let Some((dest, rest)) = destination(trimmed) {
                let r = rest.trim_start_matches(LINK_SPACE);
                let spaced = r.len() < rest.len();
                let (title, r) = match title(r) {
                    Some((t, r2)) if spaced => (Some(t), r2.trim_start_matches(LINK_SPACE)),
                    _ => (None, r),
                };
                if let Some(end) = r.strip_prefix(')') {
                    target = Some((dest, title, after.len() - end.len()));
                }
            }
        }
        if target.is_none() {
            let (label, used) = match after
                .strip_prefix('[')
                .and_then(|r| label_end(r).map(|e| (&r[..e], e + 2)))
            {
                Some(("", used)) => (text_label, used),
                Some((l, used)) => (l, used),
                None => (text_label, 0),
            };
            // A label is at most 999 characters.
            let known = (label.len() < 1000)
                .then(|| {
                    let key = normalize_label(label);
                    let at = self.refs.binary_search_by(|r| r.0.cmp(&key)).ok()?;
                    Some(&self.refs[at].1)
                })
                .flatten();
            if let Some((dest, title)) = known {
                target = Some((dest.clone(), title.clone(), used));
            }
        }
        let Some((dest, title, used)) = target else {
            push_text(pieces, "]");
            return 0;
        };
        emphasis(pieces, opener.piece + 1);
        let inner = render_pieces(&pieces[opener.piece + 1..]);
        pieces.truncate(opener.piece);
        if (self.link_ok)(&dest) {
            let title = title
                .map(|t| format!(" title=\"{}\"", escape_html(&t)))
                .unwrap_or_default();
            push_html(
                pieces,
                &format!("<a href=\"{}\"{title}>{inner}</a>", href(&dest)),
            );
        } else {
            push_html(pieces, &inner);
        }
        if !opener.image {
            openers.links += 1;
        }
        used
    }
}

/// Length of a code span's content: up to a run of exactly `n` backticks.
fn code_span_end(s: &str, n: usize) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'`' {
            let run = b[i..].iter().take_while(|c| **c == b'`').count();
            if run == n {
                return Some(i);
            }
            i += run;
        } else {
            i += 1;
        }
    }
    None
}

/// CommonMark's emphasis pass over the delimiters from `lo` on, with a stack
/// of possible openers: each delimiter goes on and comes off once, so long
/// runs stay linear.
fn emphasis(pieces: &mut [Piece], lo: usize) {
    let delim = |p: &Piece| match p {
        Piece::Delim(d) => Some((d.ch, d.count, d.orig, d.open, d.close, d.both)),
        _ => None,
    };
    let mut stack: Vec<usize> = Vec::new();
    // How far down the stack a closer may look, per delimiter, closer length
    // mod 3 and whether the closer could open (a failed search is not redone).
    let mut floor = [[[0usize; 2]; 3]; 3];
    for c in lo..pieces.len() {
        let Some((ch, _, orig, can_open, can_close, closer_both)) = delim(&pieces[c]) else {
            continue;
        };
        let kind = match ch {
            b'*' => 0,
            b'_' => 1,
            _ => 2,
        };
        loop {
            let count = delim(&pieces[c]).map_or(0, |d| d.1);
            if !can_close || count == 0 {
                break;
            }
            let bottom = &mut floor[kind][orig % 3][usize::from(can_open)];
            *bottom = (*bottom).min(stack.len());
            let found = (*bottom..stack.len()).rev().find(|&k| {
                let Some((och, ocount, oorig, _, _, oboth)) = delim(&pieces[stack[k]]) else {
                    return false;
                };
                if och != ch {
                    return false;
                }
                if ch == b'~' {
                    return ocount == count;
                }
                let three = (oboth || closer_both)
                    && (oorig + orig) % 3 == 0
                    && !(oorig % 3 == 0 && orig % 3 == 0);
                !three
            });
            let Some(k) = found else {
                *bottom = stack.len();
                break;
            };
            let o = stack[k];
            // Delimiters between the pair are text now.
            stack.truncate(k + 1);
            let open_count = delim(&pieces[o]).map_or(0, |d| d.1);
            let used = if ch == b'~' {
                count
            } else if count >= 2 && open_count >= 2 {
                2
            } else {
                1
            };
            let tag = match (ch, used) {
                (b'~', _) => "del",
                (_, 2) => "strong",
                _ => "em",
            };
            if let Piece::Delim(d) = &mut pieces[o] {
                d.count -= used;
                d.after = format!("<{tag}>{}", d.after);
                if d.count == 0 {
                    stack.pop();
                }
            }
            if let Piece::Delim(d) = &mut pieces[c] {
                d.count -= used;
                d.before.push_str(&format!("</{tag}>"));
            }
        }
        let left = delim(&pieces[c]).map_or(0, |d| d.1);
        if can_open && left > 0 {
            stack.push(c);
        }
    }
}

fn render_pieces(pieces: &[Piece]) -> String {
    let mut out = String::new();
    for p in pieces {
        match p {
            Piece::Html(s) => out.push_str(s),
            Piece::Bracket(s) => out.push_str(s),
            Piece::Delim(d) => {
                out.push_str(&d.before);
                for _ in 0..d.count {
                    out.push(char::from(d.ch));
                }
                out.push_str(&d.after);
            }
        }
    }
    out
}
