//! Markdown to HTML for the preview, safe to put into the page.
//!
//! Raw HTML in user text is shown as text, never passed through. Only http(s),
//! mailto, relative and `#` links become links; the check runs on the URL
//! after pulldown-cmark has decoded entities and escapes, so `jav&#x61;script:`
//! is caught. Images are not loaded (the app makes no network request after
//! load): each becomes a link with its alt text.

use crate::core::model::Document;
use crate::core::validate::url_is_allowed;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS
}

/// Renders Markdown to HTML with no raw HTML and no unsafe link.
pub fn safe_html(markdown: &str) -> String {
    let mut links: Vec<bool> = Vec::new();
    let events = Parser::new_ext(markdown, options()).filter_map(|event| match event {
        Event::Html(s) | Event::InlineHtml(s) => Some(Event::Text(s)),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let ok = url_is_allowed(&dest_url);
            links.push(ok);
            ok.then_some(Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }))
        }
        Event::End(TagEnd::Link) => links
            .pop()
            .unwrap_or(false)
            .then_some(Event::End(TagEnd::Link)),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let ok = url_is_allowed(&dest_url);
            links.push(ok);
            ok.then_some(Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }))
        }
        Event::End(TagEnd::Image) => links
            .pop()
            .unwrap_or(false)
            .then_some(Event::End(TagEnd::Link)),
        other => Some(other),
    });
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut out, events);
    out
}

/// The preview of a document: its Markdown export without the front matter,
/// rendered safely, after a short metadata line.
pub fn preview_html(doc: &Document) -> String {
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
    let meta_line: String = meta.join(" \u{b7} ");
    let mut out = format!(
        "<p class=\"preview-meta\">{}</p>\n",
        escape_html(&meta_line)
    );
    out.push_str(&safe_html(body));
    out
}

/// Escapes text for an HTML text node or attribute.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
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
