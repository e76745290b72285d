//! The front matter of every export is valid YAML that gives back the
//! document's own values (authors, tags, services, zone; the title is the
//! `# Title` heading), whatever its texts hold. The oracle is serde-saphyr,
//! which builds serde values from the YAML (over granit-parser, the parser
//! our reader takes events from; the values are its own). Then YAML other
//! editors write: comments, blocks, quoted commas, maps, and YAML that does
//! not read.

use postmortem_core::format::markdown;
use postmortem_core::model::Document;
use proptest::prelude::*;
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// The YAML between the export's opening and closing `---` lines.
fn front_matter_of(md: &str) -> &str {
    let rest = md
        .strip_prefix("---\n")
        .expect("front matter opens the file");
    let end = rest.find("\n---\n").expect("front matter is closed");
    &rest[..end]
}

/// The front matter parsed as YAML, or the parser's complaint.
fn yaml(md: &str) -> Result<BTreeMap<String, Value>, String> {
    let fm = front_matter_of(md);
    serde_saphyr::from_str::<BTreeMap<String, Value>>(fm)
        .map_err(|e| format!("not YAML: {e}\n---\n{fm}\n---"))
}

fn doc_with(title: &str, authors: &[&str], tags: &[&str]) -> Document {
    Document {
        // A title field holds no carriage return, and a Markdown file is read
        // with CR as a line break (the round-trip promise is for LF text).
        title: title.replace('\r', ""),
        authors: authors.iter().map(|s| s.to_string()).collect(),
        tags: tags.iter().map(|s| s.to_string()).collect(),
        services: tags.iter().rev().map(|s| s.to_string()).collect(),
        // Not a zone: written as typed, shown in UTC.
        time_zone: format!("Europe/{title}"),
        ..Document::default()
    }
}

/// What YAML must read back for a document: its own metadata.
fn check(doc: &Document) -> Result<(), String> {
    let md = markdown::to_markdown(doc);
    let read = yaml(&md)?;
    let expected = [
        ("format", json!("postmortem")),
        ("version", json!(1)),
        ("status", json!(doc.status.word())),
        ("severity", Value::Null),
        ("authors", json!(doc.authors)),
        ("tags", json!(doc.tags)),
        ("services", json!(doc.services)),
        ("time_zone", json!(doc.time_zone)),
    ];
    // The title is the `# Title` heading only (a `title:` key would be a second
    // top-level heading to markdownlint).
    if read.contains_key("title") {
        return Err(format!("a title key in\n{}", front_matter_of(&md)));
    }
    if read.len() != expected.len() {
        return Err(format!(
            "keys {:?}, expected {}",
            read.keys(),
            expected.len()
        ));
    }
    for (key, want) in expected {
        let got = read.get(key);
        if got != Some(&want) {
            return Err(format!(
                "{key}: YAML read {got:?}, the document holds {want}\n{}",
                front_matter_of(&md)
            ));
        }
    }
    let back = postmortem_core::file::from_markdown(&md)
        .map_err(|e| e.to_string())?
        .doc;
    if back.title != doc.title {
        return Err(format!(
            "title {:?} read back as {:?}\n{md}",
            doc.title, back.title
        ));
    }
    Ok(())
}

/// Texts that trip YAML writers: its indicators, look-alike scalars, every
/// control and the characters YAML 1.2 does not allow in a scalar.
fn hostile_texts() -> Vec<String> {
    let mut texts: Vec<String> = [
        "",
        " ",
        "  padded  ",
        "\"quoted\"",
        "'single'",
        "back\\slash",
        "\\",
        "key: value",
        "a: b: c",
        "#comment",
        "a #hash",
        "- dash",
        "-",
        "---",
        "...",
        "? question",
        "[flow]",
        "{map}",
        "a, b",
        "&anchor",
        "*alias",
        "!tag",
        "%directive",
        "@at",
        "`tick`",
        "| pipe",
        "> fold",
        "null",
        "~",
        "true",
        "no",
        "0x1F",
        "1e3",
        ".inf",
        "2025-03-12",
        "tab\there",
        "line\nbreak",
        "cr\rhere",
        "🙂 emoji 👩‍🚒",
        "Ünïcödé",
        "\u{2028}ls\u{2029}ps",
        "\u{feff}bom",
        "nel\u{85}",
        "\u{fffe}\u{ffff}",
        "\u{7f}del",
        "\u{a0}nbsp",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    // Every C0 control, DEL and every C1 control, alone and inside text.
    for c in (0u32..0x20).chain(0x7f..0xa0).filter_map(char::from_u32) {
        texts.push(c.to_string());
        texts.push(format!("a{c}b"));
    }
    texts
}

#[test]
fn hostile_authors_tags_and_services_are_valid_yaml_with_the_same_values() {
    let texts = hostile_texts();
    let mut failures = Vec::new();
    for t in &texts {
        let doc = doc_with(t, &[t, "plain"], &[t]);
        failures.extend(check(&doc).err());
    }
    let all: Vec<&str> = texts.iter().map(String::as_str).collect();
    failures.extend(check(&doc_with(&all.concat(), &all, &all)).err());
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn the_oracle_refuses_what_yaml_refuses() {
    // The parser is strict where it matters here: an unescaped DEL or C1
    // control inside a double-quoted scalar is not YAML.
    for bad in [
        "title: \"a\u{7f}b\"",
        "title: \"a\u{80}b\"",
        "title: \"a\u{9f}b\"",
    ] {
        assert!(
            serde_saphyr::from_str::<BTreeMap<String, Value>>(bad).is_err(),
            "{bad:?} parsed"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    #[test]
    fn any_text_in_the_front_matter_is_valid_yaml(
        title in any::<String>(),
        authors in proptest::collection::vec(any::<String>(), 0..4),
        tag in "([-:#'\"\\\\ \\[\\]{},&*!|>%@`~\u{7f}-\u{9f}\u{2028}\u{feff}]|[a-z]|---){0,12}",
    ) {
        let authors: Vec<&str> = authors.iter().map(String::as_str).collect();
        let doc = doc_with(&title, &authors, &[&tag]);
        prop_assert!(check(&doc).is_ok(), "{}", check(&doc).unwrap_err());
    }
}

#[test]
fn the_format_version_must_be_written_as_plain_digits() {
    let file = |version: &str| {
        format!("---\nformat: postmortem\nversion: {version}\n---\n\n# Disk full\n")
    };
    assert_eq!(
        postmortem_core::file::from_markdown(&file("1"))
            .unwrap()
            .doc
            .title,
        "Disk full"
    );
    for odd in ["+1", "-1", "1.0", "one", "0x1", "\"+1\"", "1 1"] {
        let e = postmortem_core::file::from_markdown(&file(odd))
            .unwrap_err()
            .to_string();
        assert!(e.contains("the version must be 1"), "{odd}: {e}");
    }
    for newer in ["2", "007", "99999999999999999"] {
        let e = postmortem_core::file::from_markdown(&file(newer))
            .unwrap_err()
            .to_string();
        assert!(e.contains("newer editor"), "{newer}: {e}");
    }
}

#[test]
fn toml_front_matter_fills_the_metadata_and_keeps_the_rest() {
    let text = "+++\ntitle = \"Edge outage\"\ndate = 2021-06-08T12:00:00Z\ntags = [\"edge\",\n  \"cdn\"]\nauthors = [\"Nadia Keller\"]\ndraft = false\n[params]\nteam = \"edge\"\n+++\n\n## Timeline\n\n- 09:47 UTC Errors begin\n";
    let imported = postmortem_core::file::from_markdown(text).unwrap();
    let doc = &imported.doc;
    assert_eq!(doc.title, "Edge outage");
    assert_eq!(doc.tags, ["edge", "cdn"]);
    assert_eq!(doc.authors, ["Nadia Keller"]);
    // Keys the editor has no field for are kept in Notes, as written.
    for kept in ["draft = false", "[params]", "team = \"edge\""] {
        assert!(doc.notes.contains(kept), "{kept:?} not in {:?}", doc.notes);
    }
    // The front matter's date dates the times written without one.
    assert_eq!(
        doc.timeline[0].at.as_ref().unwrap().0,
        "2021-06-08T09:47:00+00:00[UTC]"
    );
}

#[test]
fn toml_front_matter_that_does_not_read_is_named_and_kept() {
    let text = "+++\ntitle = \"Edge outage\nfoo = 1\n+++\n\nThe body.\n";
    let imported = postmortem_core::file::from_markdown(text).unwrap();
    assert!(
        imported.notices.iter().any(|n| n
            .message
            .starts_with("The TOML front matter does not read (line 2:")),
        "{:?}",
        imported.notices
    );
    assert!(imported.doc.notes.contains("title = \"Edge outage"));
    assert!(imported.doc.notes.contains("foo = 1"));
}

/// Opens a Markdown file as the editor does.
fn open(text: &str) -> postmortem_core::format::Imported {
    postmortem_core::file::from_markdown(text).expect("the file opens")
}

#[test]
fn a_trailing_comment_is_not_part_of_the_value() {
    let doc = open("---\ntitle: Disk full # draft\ntags: [db, storage] # more later\n---\n\nThe disk filled up.\n").doc;
    assert_eq!(doc.title, "Disk full");
    assert_eq!(doc.tags, ["db", "storage"]);
}

#[test]
fn folded_and_literal_blocks_are_read_as_their_text() {
    let folded = "---\ntitle: >-\n  Checkout errors\n  after the deploy\ntags: [checkout]\n---\n\nThe pool ran dry.\n";
    let doc = open(folded).doc;
    assert_eq!(doc.title, "Checkout errors after the deploy");
    assert_eq!(doc.tags, ["checkout"]);
    // A title is one line: a block's final line break is not part of it.
    let literal = "---\ntitle: |\n  Checkout errors after the deploy\ntags: [checkout]\n---\n\nThe pool ran dry.\n";
    let doc = open(literal).doc;
    assert_eq!(doc.title, "Checkout errors after the deploy");
    assert_eq!(doc.tags, ["checkout"]);
}

#[test]
fn a_quoted_comma_stays_inside_its_list_item() {
    let doc = open("---\ntags: [\"db, primary\", cache]\nauthors: ['O''Brien, Ana', \"Raj\"]\n---\n\nThe disk filled up.\n").doc;
    assert_eq!(doc.tags, ["db, primary", "cache"]);
    assert_eq!(doc.authors, ["O'Brien, Ana", "Raj"]);
}

#[test]
fn yaml_escapes_are_read() {
    let doc =
        open("---\ntitle: \"Caf\\xe9 \\\"orders\\\" down\"\n---\n\nThe disk filled up.\n").doc;
    assert_eq!(doc.title, "Café \"orders\" down");
}

#[test]
fn a_nested_map_is_kept_as_written() {
    let text = "---\ntitle: Disk full\ntags:\n  team: storage\n  area: disks\nservices: [api]\n---\n\nThe disk filled up.\n";
    let doc = open(text).doc;
    // Not a list of tags: the key is kept whole in Notes, and the keys after it are read.
    assert!(doc.tags.is_empty(), "{:?}", doc.tags);
    assert!(
        doc.notes.contains("tags:\n  team: storage\n  area: disks"),
        "{:?}",
        doc.notes
    );
    assert_eq!(doc.services, ["api"]);
    assert_eq!(doc.title, "Disk full");
}

#[test]
fn yaml_front_matter_that_does_not_read_is_named_and_kept() {
    // An unclosed quote: the file opens, a notice names the line, the lines are in Notes.
    let imported = open("---\ntitle: \"Disk full\nstatus: draft\n---\n\nThe disk filled up.\n");
    assert!(
        imported.notices.iter().any(|n| n
            .message
            .starts_with("The YAML front matter does not read (line 2:")),
        "{:?}",
        imported.notices
    );
    for kept in ["title: \"Disk full", "status: draft"] {
        assert!(
            imported.doc.notes.contains(kept),
            "{kept:?} not in {:?}",
            imported.doc.notes
        );
    }
    // Our own file with its front matter broken by hand still opens, its
    // `# Title` read, and says where the front matter went wrong.
    let imported = open(
        "---\nformat: postmortem\nversion: 1\ntags: [db, cache\n---\n\n# Disk full\n\n## Summary\n\nThe disk filled up.\n",
    );
    assert_eq!(imported.doc.title, "Disk full");
    assert!(
        imported.notices.iter().any(|n| n
            .message
            .starts_with("The YAML front matter does not read (line ")),
        "{:?}",
        imported.notices
    );
    assert!(
        imported.doc.notes.contains("tags: [db, cache"),
        "{:?}",
        imported.doc.notes
    );
}
