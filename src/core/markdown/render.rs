//! Markdown to HTML for the preview, safe to put into the page.
//!
//! Raw HTML in user text is shown as text, never passed through (`<br>`
//! becomes a line break). Only http(s), mailto, relative and `#` links become
//! links; the check runs on the URL after entities and escapes are decoded, so
//! `jav&#x61;script:` is caught. Images are not loaded (the app makes no network request after
//! load): each becomes a link with its alt text. The Markdown engine is the
//! core's own ([`super::html`]).

use super::html::escape_html;
use crate::core::model::Document;
use crate::core::validate::url_is_allowed;

/// Renders Markdown to HTML with no raw HTML and no unsafe link.
pub fn safe_html(markdown: &str) -> String {
    super::html::to_html(markdown, url_is_allowed)
}

/// Rows per table in the preview: a long timeline is shown as several tables
/// (each with its header), so an edit re-renders 50 rows, not 500.
const PREVIEW_TABLE_ROWS: usize = 50;

/// The preview of a document in independent blocks of safe HTML: a metadata
/// line, then one block per section (and per 50 rows of a long table), so the
/// page can replace only the blocks an edit changed.
pub fn preview_blocks(doc: &Document) -> Vec<String> {
    let md = super::to_markdown(doc);
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
        escape_html(&meta.join(" \u{b7} "))
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
            line.starts_with('|') && lines.get(i + 1).is_some_and(|l| l.starts_with("| ---"));
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
        let doc = crate::core::sample::long_incident(120);
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
