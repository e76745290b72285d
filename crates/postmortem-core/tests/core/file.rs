//! Which format a file is, and opening and saving through `file`: the name
//! decides (`.json`, `.md`), else the first character; what is opened comes
//! back with its format, and what is saved opens again as the same document.

use postmortem_core::file::{self, Format};
use postmortem_core::format::markdown::ExportOptions;
use postmortem_core::format::{json, markdown};
use postmortem_core::sample;

use postmortem_core::model::Document;

/// This editor's JSON file of a document titled "Queue stalled".
fn json_text() -> String {
    json::to_json(&Document {
        title: "Queue stalled".into(),
        ..Document::default()
    })
}
const MD_TEXT: &str = "# Queue stalled\n\nThe queue stopped at 10:02 and was drained by 10:40.\n";

#[test]
fn the_name_decides_when_it_says_json_or_md() {
    assert_eq!(Format::detect("incident.json", MD_TEXT), Format::Json);
    assert_eq!(Format::detect("INCIDENT.JSON", MD_TEXT), Format::Json);
    assert_eq!(
        Format::detect("incident.md", &json_text()),
        Format::Markdown
    );
    assert_eq!(
        Format::detect("Incident.MD", &json_text()),
        Format::Markdown
    );
}

#[test]
fn otherwise_a_brace_first_means_json() {
    assert_eq!(Format::detect("", &json_text()), Format::Json);
    assert_eq!(Format::detect("notes.txt", "\n  \t{}"), Format::Json);
    assert_eq!(
        Format::detect("incident.markdown", &json_text()),
        Format::Json
    );
    assert_eq!(Format::detect("", MD_TEXT), Format::Markdown);
    assert_eq!(
        Format::detect("notes.txt", "text {with braces}"),
        Format::Markdown
    );
    assert_eq!(Format::detect("", ""), Format::Markdown);
}

#[test]
fn a_byte_order_mark_does_not_hide_the_brace() {
    let text = format!("\u{feff}{}", json_text());
    assert_eq!(Format::detect("export", &text), Format::Json);
    let opened = file::open("export", &text).expect("JSON behind a BOM opens");
    assert_eq!(opened.format, Format::Json);
    assert_eq!(opened.doc.title, "Queue stalled");
}

#[test]
fn a_json_file_opens_as_our_own_with_no_notices() {
    let opened = file::open("incident.json", &json_text()).unwrap();
    assert_eq!(opened.format, Format::Json);
    assert_eq!(opened.doc.title, "Queue stalled");
    assert!(opened.notices.is_empty());
    assert!(opened.review.own_format);
}

#[test]
fn a_file_named_md_is_read_as_markdown_even_when_it_holds_json() {
    let opened = file::open("incident.md", &json_text()).expect("any text reads as Markdown");
    assert_eq!(opened.format, Format::Markdown);
    assert!(!opened.review.own_format);
}

#[test]
fn a_file_named_json_that_holds_markdown_says_it_is_not_json() {
    let e = file::open("incident.json", MD_TEXT).unwrap_err();
    assert_eq!(e.line, Some(1), "{e}");
    assert!(e.to_string().contains("JSON"), "{e}");
}

#[test]
fn markdown_with_no_name_is_read_as_markdown() {
    let opened = file::open("", MD_TEXT).unwrap();
    assert_eq!(opened.format, Format::Markdown);
    assert_eq!(opened.doc.title, "Queue stalled");
}

#[test]
fn an_empty_file_is_refused_with_a_sentence() {
    let e = file::open("", "  \n").unwrap_err();
    assert!(e.to_string().contains("empty"), "{e}");
}

#[test]
fn saving_writes_each_format_and_opens_back_the_same_document() {
    let doc = sample::long_incident(12);
    let options = ExportOptions::default();
    let as_json = file::save(&doc, Format::Json, options);
    assert_eq!(as_json, json::to_json(&doc));
    let as_md = file::save(&doc, Format::Markdown, options);
    assert_eq!(as_md, markdown::to_markdown(&doc));
    for (format, text) in [(Format::Json, &as_json), (Format::Markdown, &as_md)] {
        let name = file::file_name(&doc, format);
        assert!(
            name.ends_with(&format!(".{}", format.extension())),
            "{name}"
        );
        let opened = file::open(&name, text).unwrap();
        assert_eq!(opened.format, format);
        assert!(opened.review.own_format, "{name}");
        assert_eq!(opened.doc, doc, "{name}");
    }
}

#[test]
fn the_chart_option_reaches_the_markdown_file_only() {
    let doc = sample::long_incident(12);
    let with = file::save(&doc, Format::Markdown, ExportOptions { chart: true });
    let without = file::save(&doc, Format::Markdown, ExportOptions { chart: false });
    assert!(with.contains("```mermaid"), "{with}");
    assert!(!without.contains("```mermaid"), "{without}");
    assert_eq!(
        file::save(&doc, Format::Json, ExportOptions { chart: false }),
        file::save(&doc, Format::Json, ExportOptions { chart: true })
    );
}

#[test]
fn a_format_is_named_by_its_extension() {
    for f in [Format::Json, Format::Markdown] {
        assert_eq!(Format::from_extension(f.extension()), Some(f));
    }
    assert_eq!(Format::from_extension("txt"), None);
}
