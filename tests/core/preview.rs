//! The preview's own Markdown renderer (`markdown::html`) held to
//! pulldown-cmark: the same HTML, up to whitespace between tags, for every
//! construct an export writes and for realistic postmortem text; and on any
//! text, only safe tags and links.

use postmortem::core::markdown::{self, render};
use postmortem::core::sample::{long_incident, Template};
use postmortem::core::validate::url_is_allowed;
use proptest::prelude::*;

use crate::support::{fixture, foreign};

/// pulldown-cmark with the options the preview used, raw HTML as text, and
/// links and images through the same URL check (images as links).
fn oracle(md: &str) -> String {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let opts = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    let mut ok: Vec<bool> = Vec::new();
    let events = Parser::new_ext(md, opts).filter_map(|e| match e {
        Event::Html(s) | Event::InlineHtml(s) => {
            let br = ["<br>", "<br/>", "<br />"]
                .iter()
                .any(|b| s.trim_end().eq_ignore_ascii_case(b));
            Some(if br { Event::HardBreak } else { Event::Text(s) })
        }
        Event::Start(
            Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }
            | Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            },
        ) => {
            ok.push(url_is_allowed(&dest_url));
            ok.last()
                .copied()
                .unwrap_or(false)
                .then_some(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }))
        }
        Event::End(TagEnd::Link | TagEnd::Image) => ok
            .pop()
            .unwrap_or(false)
            .then_some(Event::End(TagEnd::Link)),
        other => Some(other),
    });
    let mut out = String::new();
    pulldown_cmark::html::push_html(&mut out, events);
    out
}

/// Whitespace next to a tag dropped: both renderers place newlines between
/// tags differently, which the page does not show.
fn normal(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut pending = String::new();
    for c in html.chars() {
        if c.is_ascii_whitespace() {
            if !out.ends_with('>') {
                pending.push(c);
            }
            continue;
        }
        if c != '<' {
            out.push_str(&pending);
        }
        pending.clear();
        out.push(c);
    }
    // A `<br>` is a line break in our preview wherever it stands; pulldown-cmark
    // leaves it as text when it falls inside other raw HTML (`<!a … <br>`).
    // Either way no text is lost, so the two count as the same.
    ["&lt;br /&gt;", "&lt;br/&gt;", "&lt;br&gt;", "<br />"]
        .iter()
        .fold(out, |s, br| s.replace(br, "<br>"))
}

fn check(md: &str) -> Result<(), String> {
    let (ours, theirs) = (render::safe_html(md), oracle(md));
    if normal(&ours) == normal(&theirs) {
        Ok(())
    } else {
        Err(format!(
            "---- markdown\n{md}\n---- ours\n{ours}\n---- pulldown-cmark\n{theirs}"
        ))
    }
}

const CONSTRUCTS: &[&str] = &[
    "Plain text.",
    "Two lines\nof one paragraph.",
    "Hard break  \nhere, and\\\nhere.",
    "# One\n## Two ##\n###### Six\n####### not a heading",
    "Setext one\n===\n\nSetext two\n---",
    "---\n***\n_ _ _",
    "*em* _em_ **strong** __strong__ ***both*** ~~gone~~ ~also~",
    "snake_case_name and 2*3*4 and a * b * c",
    "**bold *nested em* bold** and *em **nested strong** em*",
    "*a **b** c*** and **a*b*c**",
    "__init__ and _under_score_ and *star*s",
    "`code` and ``co`de`` and ` spaced ` and `unclosed",
    "`*not em*` and \\*escaped\\* and \\# and \\\\",
    "[link](https://example.com) and [titled](https://example.com \"Title\") and [rel](docs/a.md)",
    "[bad](javascript:alert(1)) and <javascript:alert(1)> and [ok](#timeline)",
    "<https://example.com/a?b=c&d=e> and <ops@example.com>",
    "![graph](https://img.example.com/a.png) and ![alt *em*](x.png)",
    "[ref link][r1] and [r1] and [R1][]\n\n[r1]: https://example.com/r \"Ref\"",
    "[url with spaces](<a b.md>) and [parens](https://e.com/a_(b))",
    "[not a link] and [also](not a link) and ]stray[",
    "&amp; &lt; &gt; &quot; &copy; &#169; &#x2014; &nbsp; AT&T",
    "<b>bold?</b> <script>alert(1)</script> a < b > c",
    "line<br>break and <br/> and <br />",
    "- one\n- two\n- three",
    "* star\n+ plus\n- dash",
    "1. one\n2. two\n3. three",
    "3) three\n4) four",
    "- tight\n- list\n\n- now loose",
    "- item\n\n  second paragraph\n- next",
    "- outer\n  - inner\n    - deepest\n  - inner two\n- outer two",
    "1. first\n   - sub bullet\n2. second",
    "- [ ] todo\n- [x] done\n- [X] also done\n- not a task",
    "- lazy\ncontinuation\n- next",
    "Para\n- list interrupts\n\nPara\n2. does not",
    "> quoted\n> text\n\n> lazy\ncontinued",
    "> # heading in quote\n> - list in quote\n>\n> > nested",
    "```\ncode *not em*\n<b>\n```\n\n~~~rust\nfn main() {}\n~~~",
    "````\n```\ninner fence\n```\n````",
    "    indented code\n    more\n\n    after blank",
    "```\nunclosed fence\nkeeps going",
    "| a | b |\n| --- | --- |\n| 1 | 2 |\n| 3 | 4 |",
    "| left | center | right |\n| :--- | :---: | ---: |\n| l | c | r |",
    "a | b\n--- | ---\n1 | 2",
    "| pipe \\| in cell | `code` |\n| --- | --- |\n| x | *em* |",
    "| one |\n| --- |\n| short row |\n| extra | cells |",
    "| a | b |\n| --- | --- |\n| 1<br>2 | [l](https://e.com) |",
    "Para before\n\n| t |\n| - |\n| 1 |\n\nPara after",
    "tab\tinside and trailing spaces   ",
    "Émoji 🙂 and ünïcödé *émphasis* and “quotes”",
    "**Status:** Resolved · **Severity:** SEV1",
    "1. ordered\n\n   with paragraph\n\n2. second",
    "- a\n-\n- c",
    "#hashtag is not a heading\n#5 neither",
    "*a*b* and _a_b_ and **a**b**",
    "Email me: ops@example.com (not a link) and https://bare.example.com",
    "Para then table\n| x |\n| --- |\n| 1 |\n\nPara then\nno | table\n--- | ---",
    "a~~b~~c and a~b~c and \\~~x~~ and ~~~three~~~",
    "```\u{a0}rust\nkept\n```\n\n~~~ info with spaces\ncode\n~~~",
    "* * *\n- - -\n+ not a rule\n\n1. a\n1. b\n\n- [link](<a (b)>)",
];

#[test]
fn the_preview_renders_each_construct_as_pulldown_cmark_does() {
    let failures: Vec<String> = CONSTRUCTS.iter().filter_map(|md| check(md).err()).collect();
    assert!(
        failures.is_empty(),
        "{} of {} differ:\n{}",
        failures.len(),
        CONSTRUCTS.len(),
        failures.join("\n\n")
    );
}

#[test]
fn the_preview_of_whole_exports_matches_pulldown_cmark() {
    let mut docs = vec![fixture("full"), fixture("hostile"), long_incident(60)];
    docs.extend(Template::ALL.iter().map(|t| t.document("Europe/Berlin")));
    let mut failures = Vec::new();
    for doc in &docs {
        failures.extend(check(&markdown::to_markdown(doc)).err());
    }
    for name in [
        "obsidian.md",
        "plain-sections.txt",
        "statuspage-bullets.txt",
        "statuspage.txt",
        "twelve-hour.md",
    ] {
        failures.extend(check(&foreign(name)).err());
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

const TAGS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "pre",
    "code",
    "blockquote",
    "ul",
    "ol",
    "li",
    "input",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "em",
    "strong",
    "del",
    "a",
    "br",
];

/// `%XX` escapes turned back into bytes (what the browser reads from an href).
fn percent_decoded(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let hex = (b[i] == b'%')
            .then(|| s.get(i + 1..i + 3))
            .flatten()
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match hex {
            Some(x) => {
                out.push(x);
                i += 3;
            }
            None => {
                out.push(b[i]);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Every tag is one the renderer writes, and every link passes the URL check.
fn safe(html: &str) -> Result<(), String> {
    for (k, _) in html.match_indices('<') {
        let name: String = html[k + 1..]
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if !TAGS.contains(&name.as_str()) {
            return Err(format!("tag <{name}> in {html}"));
        }
    }
    for (k, _) in html.match_indices("href=\"") {
        let url = &html[k + 6..];
        let url = &url[..url.find('"').unwrap_or(url.len())];
        let decoded = percent_decoded(&url.replace("&amp;", "&").replace("&#x27;", "'"));
        if !url_is_allowed(&decoded) {
            return Err(format!("href {url} in {html}"));
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn any_text_renders_to_safe_html(md in proptest::string::string_regex(
        "([-*_~`#>|!\\[\\]()<>&;:/\\\\ \\n\\ta-z0-9.]|https://x.y|javascript:|<br>|&amp;|- \\[ \\] |\\| --- \\|){0,80}"
    ).unwrap()) {
        let html = render::safe_html(&md);
        prop_assert!(safe(&html).is_ok(), "{:?}: {}", md, safe(&html).unwrap_err());
    }

    #[test]
    fn any_unicode_text_renders_without_panicking(md in any::<String>()) {
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

proptest! {
    // A fixed seed: this compares with another engine, so a rare new
    // difference must not fail an unrelated change. 20,000 random-seed cases
    // agreed when the renderer was written.
    #![proptest_config(ProptestConfig {
        cases: 600,
        max_global_rejects: 100_000,
        rng_seed: proptest::test_runner::RngSeed::Fixed(0x9e37_79b9),
        ..ProptestConfig::default()
    })]

    /// Whole exports of generated documents (random text with Markdown's
    /// special characters in every field). Three kinds are left out, where
    /// the renderers knowingly differ: a code span running onto a line that
    /// starts with spaces (CommonMark strips them, pulldown-cmark keeps
    /// them; we follow CommonMark), task items (pulldown-cmark drops a lazy
    /// line after an empty one), and tabs (ours count four columns wherever
    /// they fall after a nested list marker).
    #[test]
    fn generated_exports_preview_as_pulldown_cmark_does(doc in crate::gen::document()) {
        let md = markdown::to_markdown(&doc);
        prop_assume!(!md.contains('`') || !(md.contains("\n ") || md.contains("\n\t")));
        prop_assume!(!md.contains("[ ]") && !md.contains("[x]") && !md.contains('\t'));
        prop_assert!(check(&md).is_ok(), "{}", check(&md).unwrap_err());
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
