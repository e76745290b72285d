//! What a reader of the preview sees: Markdown rendered (headings, lists,
//! tables, emphasis, code), raw HTML shown as text and never live, only safe
//! links, images as links, and no inline `style` anywhere (the page's CSP
//! refuses them). Expected HTML here is written by hand, never produced by
//! the renderer.

use postmortem_core::format::markdown;
use postmortem_core::preview as render;
use postmortem_core::sample::{long_incident, Template};
use proptest::prelude::*;

use crate::support::{fixture, foreign};

/// Elements the preview may contain, each with the attributes it may carry.
const ALLOWED: &[(&str, &[&str])] = &[
    ("p", &["class"]),
    ("h1", &[]),
    ("h2", &[]),
    ("h3", &[]),
    ("h4", &[]),
    ("h5", &[]),
    ("h6", &[]),
    ("hr", &[]),
    ("pre", &[]),
    ("code", &["class"]),
    ("blockquote", &[]),
    ("ul", &[]),
    ("ol", &["start"]),
    ("li", &[]),
    ("input", &["disabled", "type", "checked"]),
    ("div", &["class", "tabindex"]),
    ("table", &[]),
    ("thead", &[]),
    ("tbody", &[]),
    ("tr", &[]),
    ("th", &["class"]),
    ("td", &["class"]),
    ("em", &[]),
    ("strong", &[]),
    ("del", &[]),
    ("a", &["href", "title"]),
    ("br", &[]),
];

/// An attribute value as the browser reads it (the entities the writer uses).
fn attribute_value(raw: &str) -> String {
    raw.replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Whether a browser, given this `href` (entities already decoded), would
/// open a web or mail address or a relative one: the URL standard's reading
/// of a scheme (tabs and newlines removed, leading and trailing controls and
/// spaces trimmed, then letters, digits, `+`, `-`, `.` before a colon).
/// Percent escapes are not decoded: a browser does not decode them in a scheme.
fn browser_would_follow_safely(href: &str) -> bool {
    let url: String = href
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let scheme_len = url
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
        .unwrap_or(url.len());
    let has_scheme =
        url.starts_with(|c: char| c.is_ascii_alphabetic()) && url[scheme_len..].starts_with(':');
    !has_scheme
        || matches!(
            url[..scheme_len].to_ascii_lowercase().as_str(),
            "http" | "https" | "mailto"
        )
}

/// Every tag is an allowed element with allowed attributes, every class is an
/// alignment, a code language or the metadata line's, and every link is one a
/// browser would follow safely.
/// Text is escaped, so each `<` in the output opens a tag.
fn safe(html: &str) -> Result<(), String> {
    for (at, _) in html.match_indices('<') {
        let tag = &html[at + 1..];
        let end = tag
            .find('>')
            .ok_or_else(|| format!("unclosed tag at {at} in {html}"))?;
        let tag = tag[..end].trim_start_matches('/').trim_end_matches('/');
        let name_len = tag
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(tag.len());
        let name = &tag[..name_len];
        let Some((_, attrs_ok)) = ALLOWED.iter().find(|(n, _)| *n == name) else {
            return Err(format!("element <{name}> in {html}"));
        };
        let mut rest = tag[name_len..].trim_start();
        while !rest.is_empty() {
            let key_len = rest.find(['=', ' ']).unwrap_or(rest.len());
            let key = &rest[..key_len];
            rest = &rest[key_len..];
            let mut value = String::new();
            if let Some(quoted) = rest.strip_prefix("=\"") {
                let close = quoted
                    .find('"')
                    .ok_or_else(|| format!("unquoted attribute {key} in {html}"))?;
                value = attribute_value(&quoted[..close]);
                rest = &quoted[close + 1..];
            }
            rest = rest.trim_start();
            if !attrs_ok.contains(&key) {
                return Err(format!("attribute {key} on <{name}> in {html}"));
            }
            let class_ok = |v: &str| {
                matches!(v, "align-left" | "align-center" | "align-right")
                    || (name == "code"
                        && v.strip_prefix("language-").is_some_and(|l| {
                            !l.is_empty()
                                && l.chars()
                                    .all(|c| c.is_ascii_alphanumeric() || "_+.#-".contains(c))
                        }))
                    || (name == "p" && v == "preview-meta")
                    || (name == "div" && v == "table-scroll")
            };
            if key == "tabindex" && value != "0" {
                return Err(format!("tabindex {value:?} on <{name}> in {html}"));
            }
            if key == "class" && !class_ok(&value) {
                return Err(format!("class {value:?} on <{name}> in {html}"));
            }
            if key == "href" && !browser_would_follow_safely(&value) {
                return Err(format!("href {value:?} in {html}"));
            }
        }
    }
    Ok(())
}

#[test]
fn the_safety_check_catches_what_it_must() {
    // The checker itself, on HTML written by hand.
    assert!(safe("<p>a <a href=\"https://e.com\">b</a></p>").is_ok());
    assert!(safe("<td class=\"align-right\">1</td>").is_ok());
    for bad in [
        "<img src=\"x\">",
        "<script>alert(1)</script>",
        "<td style=\"text-align: right\">1</td>",
        "<p onclick=\"alert(1)\">x</p>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=\"jav&#x27;ascript:x\">x</a><a href=\"data:text/html,x\">y</a>",
        "<td class=\"evil\">1</td>",
    ] {
        assert!(safe(bad).is_err(), "{bad}");
    }
}

#[test]
fn raw_html_is_shown_as_text_and_never_live() {
    let md = "<script>alert(1)</script>\n\n\
              hi <img src=x onerror=alert(1)> there\n\n\
              <div onclick=\"alert(1)\">block</div>\n\n\
              <!-- a comment -->\n\n\
              <iframe src=\"https://evil.example\"></iframe>\n\n\
              a <b>bold?</b> and <svg onload=alert(1)>";
    let html = render::safe_html(md);
    safe(&html).unwrap();
    for shown in [
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "hi &lt;img src=x onerror=alert(1)&gt; there",
        "&lt;div onclick=\"alert(1)\"&gt;block&lt;/div&gt;",
        "&lt;!-- a comment --&gt;",
        "&lt;iframe src=\"https://evil.example\"&gt;&lt;/iframe&gt;",
        "a &lt;b&gt;bold?&lt;/b&gt; and &lt;svg onload=alert(1)&gt;",
    ] {
        assert!(html.contains(shown), "{shown} missing from\n{html}");
    }
    // An HTML block reads as a paragraph of text.
    assert!(html.contains("<p>&lt;div onclick"), "{html}");
}

#[test]
fn br_is_a_line_break_inline_in_blocks_and_in_table_cells() {
    let html = render::safe_html("line<br>break and<br/>two and<BR />three");
    assert_eq!(
        html,
        "<p>line<br />\nbreak and<br />\ntwo and<br />\nthree</p>\n"
    );
    let html = render::safe_html("| a | b |\n| --- | --- |\n| 1<br>2 | x |\n");
    assert!(html.contains("<td>1<br />\n2</td>"), "{html}");
    let html = render::safe_html("<br>\n<div>x<br>y</div>");
    assert!(!html.contains("&lt;br"), "{html}");
    assert!(html.contains("&lt;div&gt;x<br />\ny&lt;/div&gt;"), "{html}");
}

/// Links that must never be live, in the spellings an attacker would try.
const UNSAFE_LINKS: &[&str] = &[
    "[x](javascript:alert(1))",
    "[x](JAVASCRIPT:alert(1))",
    "[x](JavaScript:alert(1))",
    "[x](jav&#x61;script:alert(1))",
    "[x](jav&#97;script:alert(1))",
    "[x](&#x6A;avascript:alert(1))",
    "[x](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;:alert(1))",
    "[x](javascript&colon;alert(1))",
    "[x](jav&Tab;ascript:alert(1))",
    "[x](<java\tscript:alert(1)>)",
    "[x](< javascript:alert(1)>)",
    "[x](\\javascript:alert(1))",
    "[x](java\\script:alert(1))",
    "[x](javascript:alert(1) \"title\")",
    "[x][r]\n\n[r]: javascript:alert(1)",
    "[x]\n\n[x]: jav&#x61;script:alert(1)",
    "<javascript:alert(1)>",
    "<JAVASCRIPT:alert(1)>",
    "[x](data:text/html,<script>alert(1)</script>)",
    "[x](DATA:text/html;base64,PHNjcmlwdD4=)",
    "<data:text/html,hi>",
    "[x](vbscript:msgbox(1))",
    "[x](VBScript:msgbox(1))",
    "[x](vb&#x73;cript:msgbox(1))",
    "[x](file:///etc/passwd)",
    "![x](javascript:alert(1))",
    "![x](data:image/svg+xml,<svg onload=alert(1)>)",
];

#[test]
fn unsafe_links_are_refused_in_every_spelling_and_their_text_stays() {
    for md in UNSAFE_LINKS {
        let html = render::safe_html(md);
        assert!(!html.contains("href"), "{md} -> {html}");
        assert!(!html.contains("<a"), "{md} -> {html}");
        safe(&html).unwrap_or_else(|e| panic!("{md}: {e}"));
        if md.starts_with('[') || md.starts_with('!') {
            assert!(html.contains('x'), "{md}: its text is gone: {html}");
        }
    }
}

#[test]
fn safe_links_are_links() {
    for (md, href) in [
        (
            "[x](https://example.com/a?b=c)",
            "https://example.com/a?b=c",
        ),
        ("[x](http://example.com)", "http://example.com"),
        ("[x](HTTPS://EXAMPLE.COM)", "HTTPS://EXAMPLE.COM"),
        ("[x](mailto:ops@example.com)", "mailto:ops@example.com"),
        ("[x](docs/a.md)", "docs/a.md"),
        ("[x](../up.md)", "../up.md"),
        ("[x](#timeline)", "#timeline"),
        ("<https://example.com>", "https://example.com"),
        ("<ops@example.com>", "mailto:ops@example.com"),
        (
            "[x][r]\n\n[r]: https://example.com/r",
            "https://example.com/r",
        ),
        ("[x](<a b.md>)", "a%20b.md"),
    ] {
        let html = render::safe_html(md);
        assert!(
            html.contains(&format!("<a href=\"{href}\"")),
            "{md} -> {html}"
        );
    }
}

#[test]
fn images_are_links_labelled_with_their_alt_text_and_never_load() {
    let html = render::safe_html("![latency graph](https://img.example.com/a.png \"p99\")");
    assert_eq!(
        html,
        "<p><a href=\"https://img.example.com/a.png\" title=\"p99\">latency graph</a></p>\n"
    );
    // Inside a link, an image is its alt text: anchors never nest.
    let html =
        render::safe_html("[![badge](https://img.example.com/b.svg)](https://ci.example.com)");
    assert_eq!(
        html,
        "<p><a href=\"https://ci.example.com\">badge</a></p>\n"
    );
    let html = render::safe_html("![alt *em*](x.png) and ![](y.png)");
    assert!(!html.contains("<img"), "{html}");
    assert!(
        html.contains("<a href=\"x.png\">alt <em>em</em></a>"),
        "{html}"
    );
}

#[test]
fn headings_lists_emphasis_and_code_render() {
    for (md, expected) in [
        ("# One", "<h1>One</h1>"),
        ("## Two ##", "<h2>Two</h2>"),
        ("###### Six", "<h6>Six</h6>"),
        ("####### seven", "<p>####### seven</p>"),
        ("Setext\n===", "<h1>Setext</h1>"),
        ("#hashtag", "<p>#hashtag</p>"),
        ("- one\n- two", "<ul>\n<li>one</li>\n<li>two</li>\n</ul>"),
        ("3. three\n4. four", "<ol start=\"3\">\n<li>three</li>"),
        ("- outer\n  - inner", "<li>outer\n<ul>\n<li>inner</li>"),
        (
            "- [ ] todo\n- [x] done",
            "<li><input disabled=\"\" type=\"checkbox\"/>\ntodo</li>",
        ),
        (
            "- [x] done",
            "<input disabled=\"\" type=\"checkbox\" checked=\"\"/>\ndone",
        ),
        (
            "*em* **strong** ~~gone~~",
            "<p><em>em</em> <strong>strong</strong> <del>gone</del></p>",
        ),
        ("snake_case_name", "<p>snake_case_name</p>"),
        ("`<b>` code", "<p><code>&lt;b&gt;</code> code</p>"),
        (
            "```rust\nfn main() {}\n```",
            "<pre><code class=\"language-rust\">fn main() {}\n</code></pre>",
        ),
        ("> quoted", "<blockquote>\n<p>quoted</p>\n</blockquote>"),
        ("a\n\n---\n\nb", "<hr />"),
        ("AT&T &copy; &#x2014;", "<p>AT&amp;T \u{a9} \u{2014}</p>"),
        ("Hard  \nbreak", "<p>Hard<br />\nbreak</p>"),
    ] {
        let html = render::safe_html(md);
        assert!(
            html.contains(expected),
            "{md:?}\n-> {html}\nwanted {expected}"
        );
        safe(&html).unwrap();
    }
}

#[test]
fn tables_render_with_alignment_as_a_class_never_a_style() {
    let html = render::safe_html(
        "| left | center | right | plain |\n| :--- | :---: | ---: | --- |\n| l | c | r | p |\n| 2 |\n",
    );
    assert_eq!(
        html,
        "<div class=\"table-scroll\" tabindex=\"0\"><table><thead><tr>\
         <th class=\"align-left\">left</th><th class=\"align-center\">center</th>\
         <th class=\"align-right\">right</th><th>plain</th></tr></thead>\n\
         <tbody>\n\
         <tr><td class=\"align-left\">l</td><td class=\"align-center\">c</td>\
         <td class=\"align-right\">r</td><td>p</td></tr>\n\
         <tr><td class=\"align-left\">2</td><td class=\"align-center\"></td>\
         <td class=\"align-right\"></td><td></td></tr>\n\
         </tbody></table></div>\n"
    );
    // A table with no rows still closes, and the next one starts afresh.
    let html = render::safe_html("| a |\n| ---: |\n\n| b |\n| --- |\n| 1 |\n");
    assert_eq!(
        html,
        "<div class=\"table-scroll\" tabindex=\"0\"><table><thead><tr><th class=\"align-right\">a</th></tr></thead>\n</table></div>\n\
         <div class=\"table-scroll\" tabindex=\"0\"><table><thead><tr><th>b</th></tr></thead>\n<tbody>\n<tr><td>1</td></tr>\n</tbody></table></div>\n"
    );
}

/// The section and subsection headings of an export, as the preview must
/// show them (those with no Markdown or HTML characters of their own: a
/// status update's heading may hold escaped text).
fn headings_of(md: &str) -> Vec<String> {
    md.lines()
        .filter_map(|l| {
            let level = l.bytes().take_while(|b| *b == b'#').count();
            let text = l.get(level + 1..)?;
            let literal = !text.contains(['\\', '*', '_', '`', '<', '>', '&', '[', ']', '~', '|']);
            (literal && (2..=3).contains(&level) && l.as_bytes().get(level) == Some(&b' '))
                .then(|| format!("<h{level}>{text}</h{level}>"))
        })
        .collect()
}

#[test]
fn whole_exports_preview_with_every_section_and_table() {
    let mut docs = vec![fixture("full"), fixture("hostile"), long_incident(60)];
    docs.extend(Template::ALL.iter().map(|t| t.document("Europe/Berlin")));
    for doc in &docs {
        // The preview is the export without its Mermaid chart (the editor
        // draws its own chart beside it).
        let md = markdown::to_markdown_with(doc, markdown::ExportOptions { chart: false });
        let html = render::preview_html(doc);
        safe(&html).unwrap();
        assert!(
            !html.contains("mermaid"),
            "{}: the Mermaid block reached the preview",
            doc.title
        );
        for h in headings_of(&md) {
            assert!(
                html.contains(&h),
                "{h} missing in the preview of {}",
                doc.title
            );
        }
        let delimiter_rows = md.lines().filter(|l| l.starts_with("| --- |")).count();
        let tables = html.matches("<table>").count();
        assert!(
            tables >= delimiter_rows,
            "{}: {tables} tables for {delimiter_rows} in the file",
            doc.title
        );
    }
    let hostile = render::preview_html(&fixture("hostile"));
    assert!(
        hostile.contains("&lt;script&gt;window.__pwned = 1&lt;/script&gt;"),
        "{hostile}"
    );
    assert!(!hostile.contains("<img"), "{hostile}");
    assert!(!hostile.contains("javascript:alert(1)\""), "{hostile}");
    for name in [
        "obsidian.md",
        "plain-sections.txt",
        "statuspage-bullets.txt",
        "statuspage.txt",
        "twelve-hour.md",
    ] {
        let html = render::safe_html(&foreign(name));
        safe(&html).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn any_text_renders_to_safe_html(md in proptest::string::string_regex(
        "([-*_~`#>|!\\[\\]()<>&;:/\\\\ \\n\\ta-z0-9.\"=]|https://x.y|javascript:|&#x61;|&colon;|<br>|&amp;|- \\[ \\] |\\| :?---:? \\||style=|<img |onerror=){0,80}"
    ).unwrap()) {
        let html = render::safe_html(&md);
        prop_assert!(safe(&html).is_ok(), "{:?}: {}", md, safe(&html).unwrap_err());
    }

    #[test]
    fn any_unicode_text_renders_safely(md in any::<String>()) {
        let html = render::safe_html(&md);
        prop_assert!(safe(&html).is_ok(), "{:?}: {}", md, safe(&html).unwrap_err());
    }

    #[test]
    fn generated_documents_preview_safely(doc in crate::gen::document()) {
        for block in render::preview_blocks(&doc) {
            prop_assert!(safe(&block).is_ok(), "{}", safe(&block).unwrap_err());
        }
    }
}

#[test]
fn hostile_nesting_and_long_runs_render_without_losing_text() {
    let cases = [
        format!("{}deep", "> ".repeat(20_000)),
        format!("{}deep", "- ".repeat(20_000)),
        (0..1_000)
            .map(|k| format!("{}- deep\n", "  ".repeat(k)))
            .collect(),
        format!("{}deep{}", "[".repeat(50_000), "]".repeat(50_000)),
        format!("{}deep", "a* ".repeat(50_000)),
        format!("{}deep{}", "*a ".repeat(30_000), " a*".repeat(30_000)),
        format!("{}deep{}", "`".repeat(10_000), "``x".repeat(5_000)),
        format!("[r]: /x\n\n{}deep", "[r] [".repeat(20_000)),
        format!("{}deep", "<div>".repeat(20_000)),
        format!("{}deep", "![a](b) ".repeat(20_000)),
    ];
    for md in &cases {
        let html = render::safe_html(md);
        assert!(
            html.contains("deep"),
            "text lost for input starting {:?}",
            &md[..40]
        );
        assert!(safe(&html).is_ok());
    }
}

/// A fence's info string names a language; whatever else it holds (a tab,
/// an entity for one, quotes) must not become another class of the page,
/// such as the export dialog's full-screen backdrop.
#[test]
fn a_code_fence_cannot_give_itself_the_pages_classes() {
    for md in [
        "```x\tmodal-backdrop\nSession expired.\n```",
        "~~~ y\ttoast-area\nhi\n~~~",
        "```x&#9;modal-backdrop\nhi\n```",
        "```x&#10;modal-backdrop\nhi\n```",
        "```x&#12;modal-backdrop\nhi\n```",
        "```x\"onclick=\"alert(1)\nhi\n```",
    ] {
        let html = render::safe_html(md);
        assert!(
            !html.contains("modal-backdrop\"") && !html.contains("toast-area\""),
            "{md:?}: {html}"
        );
        assert!(!html.contains("class=\"language-x\t"), "{md:?}: {html}");
        safe(&html).unwrap_or_else(|e| panic!("{md:?}: {e}"));
        assert!(html.contains("<pre><code"), "{md:?}: {html}");
    }
    assert!(
        render::safe_html("```x\tmodal-backdrop\nhi\n```").contains("<code class=\"language-x\">")
    );
}

#[test]
fn a_long_table_in_the_notes_is_shown_in_parts_whatever_its_rule_row() {
    // Our own tables (`| --- |`) and one typed with a compact rule row are
    // both cut into tables of 50 rows, each with its header.
    for rule in ["| --- | --- |", "|:---|---:|"] {
        let mut doc = postmortem_core::model::Document::default();
        let rows: Vec<String> = (0..60).map(|n| format!("| step {n} | done |")).collect();
        doc.notes = format!("| Step | State |\n{rule}\n{}", rows.join("\n"));
        let html = render::preview_html(&doc);
        assert_eq!(html.matches("<table>").count(), 2, "{rule}");
        assert_eq!(html.matches(">Step</th>").count(), 2, "{rule}");
        assert!(html.contains("step 59"), "{rule}");
    }
}
