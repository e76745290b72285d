//! Markdown to HTML for the preview, safe to put into the page.
//!
//! pulldown-cmark parses the text (CommonMark with GitHub's tables, task lists
//! and strikethrough); one pass over its events then makes the output safe
//! before `pulldown_cmark::html::push_html` writes it:
//!
//! - raw HTML, inline or a whole block, is shown as text (`<br>` stays a line
//!   break, since the export writes it for line breaks inside table cells);
//! - a link survives only when `url::allowed` accepts its URL, as
//!   pulldown-cmark decoded it (entities and backslash escapes resolved, so
//!   `jav&#x61;script:` is refused); a refused link is shown as its text;
//! - an image is never loaded: it becomes a link to its address, labelled
//!   with its alt text (or just the alt text, when the address is refused);
//! - tables are written here rather than by push_html, which would put an
//!   inline `style` on aligned cells that the page's CSP refuses: alignment
//!   becomes a class (`align-left`, `align-center`, `align-right`).

use crate::model::Document;
use crate::url;
use pulldown_cmark::{
    Alignment, CodeBlockKind, CowStr, Event, LinkType, Options, Parser, Tag, TagEnd,
};

/// The Markdown the preview understands beyond CommonMark.
fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS
}

/// Renders Markdown to HTML with no raw HTML and no unsafe link.
pub fn safe_html(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut out, safe_events(markdown).into_iter());
    out
}

/// The parser's events with raw HTML, links, images and tables made safe.
fn safe_events(markdown: &str) -> Vec<Event<'_>> {
    let mut pass = SafePass::default();
    for event in Parser::new_ext(markdown, options()) {
        pass.event(event);
    }
    pass.out
}

/// What the pass remembers between events.
#[derive(Default)]
struct SafePass<'a> {
    out: Vec<Event<'a>>,
    /// For each open link or image: whether its start tag was kept (so its
    /// end tag is kept too).
    links: Vec<bool>,
    /// How many kept links are open: inside one, an image or link is text,
    /// so anchors never nest.
    open_links: usize,
    table: TableState,
}

/// The table being written, if any: cells' alignments and where we are.
#[derive(Default)]
struct TableState {
    align: Vec<Alignment>,
    in_head: bool,
    body_open: bool,
    column: usize,
}

impl<'a> SafePass<'a> {
    fn markup(&mut self, html: impl Into<CowStr<'a>>) {
        self.out.push(Event::Html(html.into()));
    }

    fn event(&mut self, event: Event<'a>) {
        match event {
            Event::Html(raw) | Event::InlineHtml(raw) => self.raw_html_as_text(&raw),
            // An HTML block is shown as a paragraph of its text.
            Event::Start(Tag::HtmlBlock) => self.out.push(Event::Start(Tag::Paragraph)),
            // The language becomes the class `language-…`: only its first
            // word, and only characters a language name has, so a fence's
            // info string cannot add a class of the page's own.
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                let language: String = info
                    .split(|c: char| c.is_ascii_whitespace())
                    .next()
                    .unwrap_or("")
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || "_+.#-".contains(*c))
                    .collect();
                self.out
                    .push(Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(
                        language.into(),
                    ))));
            }
            Event::End(TagEnd::HtmlBlock) => self.out.push(Event::End(TagEnd::Paragraph)),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            })
            | Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let href_ok = match link_type {
                    // push_html writes `mailto:` before an email autolink's address.
                    LinkType::Email => url::allowed(&format!("mailto:{dest_url}")),
                    _ => url::allowed(&dest_url),
                };
                let keep = href_ok && self.open_links == 0;
                self.links.push(keep);
                if keep {
                    self.open_links += 1;
                    self.out.push(Event::Start(Tag::Link {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }));
                }
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                if self.links.pop().unwrap_or(false) {
                    self.open_links -= 1;
                    self.out.push(Event::End(TagEnd::Link));
                }
            }
            Event::Start(Tag::Table(align)) => {
                self.table = TableState {
                    align,
                    ..TableState::default()
                };
                // A wide table scrolls sideways inside its own box, which the
                // keyboard can reach (tabindex), so its cells need not split words.
                self.markup("<div class=\"table-scroll\" tabindex=\"0\"><table>");
            }
            Event::Start(Tag::TableHead) => {
                self.table.in_head = true;
                self.table.column = 0;
                self.markup("<thead><tr>");
            }
            Event::End(TagEnd::TableHead) => {
                self.table.in_head = false;
                self.markup("</tr></thead>\n");
            }
            Event::Start(Tag::TableRow) => {
                self.table.column = 0;
                if !self.table.body_open {
                    self.table.body_open = true;
                    self.markup("<tbody>\n<tr>");
                } else {
                    self.markup("<tr>");
                }
            }
            Event::End(TagEnd::TableRow) => self.markup("</tr>\n"),
            Event::Start(Tag::TableCell) => {
                let tag = if self.table.in_head { "th" } else { "td" };
                let class = match self.table.align.get(self.table.column) {
                    Some(Alignment::Left) => " class=\"align-left\"",
                    Some(Alignment::Center) => " class=\"align-center\"",
                    Some(Alignment::Right) => " class=\"align-right\"",
                    Some(Alignment::None) | None => "",
                };
                self.markup(format!("<{tag}{class}>"));
            }
            Event::End(TagEnd::TableCell) => {
                self.table.column += 1;
                self.markup(if self.table.in_head { "</th>" } else { "</td>" });
            }
            Event::End(TagEnd::Table) => {
                let close = if self.table.body_open {
                    "</tbody></table></div>\n"
                } else {
                    "</table></div>\n"
                };
                self.table = TableState::default();
                self.markup(close);
            }
            other => self.out.push(other),
        }
    }

    /// Raw HTML as text, each `<br>` (`<br/>`, `<br />`, any case) a line break.
    fn raw_html_as_text(&mut self, raw: &str) {
        let mut rest = raw;
        while let Some((before, after)) = split_at_br(rest) {
            if !before.is_empty() {
                self.out.push(Event::Text(before.to_string().into()));
            }
            self.out.push(Event::HardBreak);
            rest = after;
        }
        // What follows a `<br>` at the end of an inline run or a block line is
        // the newline the source had there; the break already shows it.
        let rest = if raw.len() != rest.len() && rest == "\n" {
            ""
        } else {
            rest
        };
        if !rest.is_empty() {
            self.out.push(Event::Text(rest.to_string().into()));
        }
    }
}

/// The text before the first `<br>`-like tag and the text after it.
fn split_at_br(s: &str) -> Option<(&str, &str)> {
    const BREAKS: [&str; 3] = ["<br>", "<br/>", "<br />"];
    s.match_indices('<').find_map(|(at, _)| {
        let tail = &s[at..];
        BREAKS
            .iter()
            .find(|b| {
                tail.get(..b.len())
                    .is_some_and(|t| t.eq_ignore_ascii_case(b))
            })
            .map(|b| (&s[..at], &s[at + b.len()..]))
    })
}

/// Text escaped for an HTML text node, by the same writer as the rest.
fn text_html(text: &str) -> String {
    let mut out = String::new();
    pulldown_cmark::html::push_html(&mut out, std::iter::once(Event::Text(text.into())));
    out
}

/// Rows per table in the preview: a long timeline is shown as several tables
/// (each with its header), so an edit re-renders 50 rows, not 500.
const PREVIEW_TABLE_ROWS: usize = 50;

/// The preview of a document in independent blocks of safe HTML: a metadata
/// line, then one block per section (and per 50 rows of a long table), so the
/// page can replace only the blocks an edit changed.
pub fn preview_blocks(doc: &Document) -> Vec<String> {
    // The Mermaid chart is for GitHub and GitLab; the editor draws its own.
    let md = crate::format::markdown::to_markdown_with(
        doc,
        crate::format::markdown::ExportOptions { chart: false },
    );
    let body = md
        .strip_prefix("---\n")
        .and_then(|rest| rest.split_once("\n---\n").map(|(_, body)| body))
        .unwrap_or(&md);
    let mut meta = vec![doc.status.label().to_string()];
    if let Some(s) = doc.severity {
        meta.push(s.label().to_string());
    }
    if !doc.authors.is_empty() {
        meta.push(format!("by {}", doc.authors.join(", ")));
    }
    meta.push(format!("times in {}", doc.time_zone));
    let mut blocks = vec![format!(
        "<p class=\"preview-meta\">{}</p>\n",
        text_html(&meta.join(" \u{b7} "))
    )];
    blocks.extend(split_blocks(body).iter().map(|b| safe_html(b)));
    blocks
}

/// Splits exported Markdown at section headings (the export escapes heading-like
/// lines inside fields, so these are real) and long tables into chunks.
fn split_blocks(body: &str) -> Vec<String> {
    let lines: Vec<&str> = body.lines().collect();
    let mut blocks: Vec<String> = Vec::new();
    let mut current: Vec<String> = Vec::new();
    let mut i = 0;
    let flush = |current: &mut Vec<String>, blocks: &mut Vec<String>| {
        if current.iter().any(|l| !l.trim().is_empty()) {
            blocks.push(current.join("\n"));
        }
        current.clear();
    };
    while i < lines.len() {
        let line = lines[i];
        if line.starts_with("## ") || line.starts_with("### ") {
            flush(&mut current, &mut blocks);
            current.push(line.to_string());
            i += 1;
            continue;
        }
        let is_table =
            line.starts_with('|') && lines.get(i + 1).is_some_and(|l| crate::gfm::is_rule_row(l));
        if is_table {
            let (header, delimiter) = (lines[i], lines[i + 1]);
            let mut rows = Vec::new();
            i += 2;
            while i < lines.len() && lines[i].starts_with('|') {
                rows.push(lines[i]);
                i += 1;
            }
            if rows.len() <= PREVIEW_TABLE_ROWS {
                current.extend(
                    [header, delimiter]
                        .iter()
                        .chain(rows.iter())
                        .map(|l| l.to_string()),
                );
            } else {
                for chunk in rows.chunks(PREVIEW_TABLE_ROWS) {
                    current.extend(
                        [header, delimiter]
                            .iter()
                            .chain(chunk.iter())
                            .map(|l| l.to_string()),
                    );
                    flush(&mut current, &mut blocks);
                }
            }
            continue;
        }
        current.push(line.to_string());
        i += 1;
    }
    flush(&mut current, &mut blocks);
    blocks
}

/// The whole preview as one HTML string.
pub fn preview_html(doc: &Document) -> String {
    preview_blocks(doc).concat()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_is_text() {
        let html = safe_html("<script>alert(1)</script>\n\nhi <img src=x onerror=alert(1)> there");
        assert!(
            !html.contains("<script") && !html.contains("<img"),
            "{html}"
        );
        assert!(
            html.contains("&lt;script&gt;") && html.contains("&lt;img src=x onerror=alert(1)&gt;"),
            "{html}"
        );
    }

    #[test]
    fn only_safe_links_are_links() {
        for bad in [
            "[x](javascript:alert(1))",
            "[x](jav&#x61;script:alert(1))",
            "[x](JAVASCRIPT:alert(1))",
            "[x](data:text/html,hi)",
            "<javascript:alert(1)>",
            "[x](\\javascript:alert(1))",
        ] {
            let html = safe_html(bad);
            assert!(!html.contains("href"), "{bad} -> {html}");
        }
        for good in [
            "[x](https://example.com)",
            "[x](mailto:a@b.c)",
            "[x](docs/a.md)",
            "[x](#timeline)",
            "<https://example.com>",
        ] {
            assert!(safe_html(good).contains("href"), "{good}");
        }
    }

    #[test]
    fn long_tables_are_previewed_in_chunks_with_every_row() {
        let doc = crate::sample::long_incident(120);
        let blocks = preview_blocks(&doc);
        let tables: Vec<&String> = blocks.iter().filter(|b| b.contains("<table>")).collect();
        let rows: usize = tables.iter().map(|t| t.matches("<tr>").count() - 1).sum();
        assert!(tables.len() >= 3, "{} tables", tables.len());
        // 120 timeline rows, the key times (5) and the response metrics (4), and actions (5).
        assert_eq!(rows, 120 + 5 + 4 + 5 + 1);
        assert!(preview_html(&doc).contains("Step 119:"));
    }

    #[test]
    fn images_become_links_and_tables_render() {
        let html = safe_html(
            "![graph](https://img.example.com/a.png)\n\n| a | b |\n| --- | --- |\n| 1 | 2 |\n",
        );
        assert!(
            !html.contains("<img")
                && html.contains("href=\"https://img.example.com/a.png\">graph</a>"),
            "{html}"
        );
        assert!(html.contains("<table>") && html.contains("<td>2</td>"));
    }
}
