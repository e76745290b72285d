//! Where a problem is in a file: the line that holds a field, in our
//! Markdown and our JSON, so the command line can say `file:line:column`.

use crate::support::fixture;
use postmortem_core::file::{position, Format};
use postmortem_core::format::{json, markdown};
use postmortem_core::path::Path;

fn line_at(text: &str, format: Format, path: &str) -> String {
    let path: Path = path.parse().unwrap();
    let (line, column) =
        position(format, text, &path).unwrap_or_else(|| panic!("{path} not found"));
    assert!(column >= 1);
    text.lines().nth(line - 1).unwrap().to_string()
}

#[test]
fn a_field_is_found_on_the_line_that_holds_it_in_markdown() {
    let doc = fixture("full");
    let md = markdown::to_markdown(&doc);
    let md_line = |p: &str| line_at(&md, Format::Markdown, p);
    assert_eq!(md_line("status"), "status: review");
    assert!(md_line("title").starts_with("# Checkout payments declined"));
    assert!(
        md_line("times.detected").starts_with("| Detected |"),
        "{}",
        md_line("times.detected")
    );
    assert!(md_line("times.resolved").starts_with("| Resolved |"));
    assert!(
        md_line("timeline[1].at").contains(&doc.timeline[1].text),
        "{}",
        md_line("timeline[1].at")
    );
    assert!(
        md_line("timeline[3]").contains("acknowledges"),
        "{}",
        md_line("timeline[3]")
    );
    assert!(
        md_line(&format!("actions[{}].owner", doc.actions.len() - 1))
            .contains(&doc.actions.last().unwrap().owner)
    );
    assert!(md_line("impact.metrics[1].value").starts_with("| Revenue delayed"));
    assert_eq!(md_line("summary"), "## Summary");
    assert_eq!(md_line("root_cause.trigger"), "### Trigger");
    if !doc.links.is_empty() {
        assert!(md_line("links[0].url").contains(&doc.links[0].url));
    }
    if !doc.updates.is_empty() {
        assert!(md_line("updates[0].at").starts_with("### "));
    }
    // A row that is not in the file: its section's heading.
    assert_eq!(md_line("timeline[999].at"), "## Timeline");
}

#[test]
fn a_field_is_found_on_the_line_that_holds_it_in_json() {
    let doc = fixture("full");
    let text = json::to_json(&doc);
    let json_line = |p: &str| line_at(&text, Format::Json, p);
    assert!(json_line("timeline[1].text").contains("Decline rate starts climbing"));
    assert!(
        json_line("times.detected")
            .trim_start()
            .starts_with("\"detected\""),
        "{}",
        json_line("times.detected")
    );
    assert!(json_line("status").contains("\"review\""));
    // A row that is not there: the list that would hold it.
    assert!(
        json_line("timeline[999].at").contains("\"timeline\""),
        "{}",
        json_line("timeline[999].at")
    );
}

#[test]
fn a_folder_tool_tells_ours_from_elsewhere_from_other_files() {
    use postmortem_core::file::{kind, Kind};
    let doc = fixture("full");
    assert_eq!(
        kind("a.md", &markdown::to_markdown(&doc)),
        Kind::Ours(Format::Markdown)
    );
    assert_eq!(
        kind("a.json", &json::to_json(&doc)),
        Kind::Ours(Format::Json)
    );
    // Damaged JSON of ours is ours: its reader will say where it is broken.
    assert_eq!(
        kind("a.json", "{\"format\": \"postmortem\", \"title\": }"),
        Kind::Ours(Format::Json)
    );
    assert_eq!(
        kind("package.json", "{\"name\": \"x\", \"version\": \"1.0.0\"}"),
        Kind::Other
    );
    assert_eq!(
        kind("README.md", "# Our postmortems\n\nOne file per incident.\n"),
        Kind::Other
    );
    assert_eq!(
        kind("outage.md", "# Outage of 12 March\n\n## Timeline\n\n- 03:15 alerts fire\n\n## Root cause\n\nA bad config.\n"),
        Kind::Elsewhere
    );
}
