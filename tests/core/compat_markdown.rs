//! Markdown files written by the editor before the move to serde and
//! pulldown-cmark still open as they did: for each `NAME.md` in
//! tests/fixtures/compat/, the document read from it exports to exactly the
//! JSON that the retired build read from it (`NAME.md.json`, captured by
//! examples/capture_compat.rs with that build).

use postmortem::core::{json, markdown};
use std::fs;
use std::path::Path;

#[test]
fn every_captured_markdown_file_reads_as_it_did() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/compat");
    let mut names: Vec<String> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(Result::ok)
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| n.ends_with(".md"))
        .collect();
    names.sort();
    assert!(names.len() >= 9, "compat fixtures missing: {names:?}");
    let mut differ = Vec::new();
    for name in &names {
        let md = fs::read_to_string(dir.join(name)).unwrap();
        let expected = fs::read_to_string(dir.join(format!("{name}.json")))
            .unwrap_or_else(|e| panic!("{name}.json: {e}"));
        let read = markdown::from_markdown(&md).unwrap_or_else(|e| panic!("{name}: {e}"));
        let got = json::to_json(&read.doc);
        if got != expected {
            differ.push(format!("{name}:\n--- now\n{got}\n--- then\n{expected}"));
        }
    }
    assert!(differ.is_empty(), "{}", differ.join("\n\n"));
}

#[test]
fn the_format_version_must_be_written_as_plain_digits() {
    let file = |version: &str| {
        format!("---\nformat: postmortem\nversion: {version}\n---\n\n# Disk full\n")
    };
    assert_eq!(
        markdown::from_markdown(&file("1")).unwrap().doc.title,
        "Disk full"
    );
    for odd in ["+1", "-1", "1.0", "one", "0x1", "\"+1\"", "1 1"] {
        let e = markdown::from_markdown(&file(odd)).unwrap_err().to_string();
        assert!(e.contains("the version must be 1"), "{odd}: {e}");
    }
    for newer in ["2", "007", "99999999999999999"] {
        let e = markdown::from_markdown(&file(newer))
            .unwrap_err()
            .to_string();
        assert!(e.contains("newer editor"), "{newer}: {e}");
    }
}
