//! Files and stored libraries written by an earlier build open unchanged.
//!
//! tests/fixtures/compat/ was captured with the build of e7d100b (its own
//! JSON reader and writer, before serde) by a one-off example kept in the
//! history at a267d7f (examples/capture_compat.rs): for each document,
//! `NAME.json` (its JSON export), `NAME.md` (its Markdown export) and
//! `NAME.md.json` (what that build read back from `NAME.md`), and
//! `library.json`, a browser's localStorage key by key.

use postmortem_core::model::{Document, Stamp};
use postmortem_core::storage::{self, Index};
use postmortem_core::{format::json, time::zones};
use std::fs;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/compat");

fn names() -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(DIR)
        .expect("compat fixtures")
        .filter_map(Result::ok)
        .filter_map(|e| e.file_name().into_string().ok())
        .filter_map(|n| n.strip_suffix(".md.json").map(str::to_string))
        .collect();
    names.sort();
    assert!(names.len() >= 9, "fixtures missing: {names:?}");
    names
}

fn read(name: &str) -> String {
    fs::read_to_string(format!("{DIR}/{name}")).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn old_json_exports_open_and_export_the_same_bytes() {
    for name in names() {
        let old = read(&format!("{name}.json"));
        let doc = json::from_json(&old).unwrap_or_else(|e| panic!("{name}.json: {e}"));
        assert_eq!(json::to_json(&doc), old, "{name}.json exports other bytes");
    }
}

/// Where the old build read a Markdown time wrong, and this one reads it
/// right: the old build gave zones their 1970 rules before 1970, so a
/// July 1969 time shown as 20:17 EDT in New York was read back as EST,
/// the right instant but the wrong wall clock. Each pair is (the stamp the
/// old build stored, the stamp stored now); they are the same instant.
const RIGHT_BEFORE_1970: &[(&str, &str, &str)] = &[(
    "multizone",
    "1969-07-20T19:17:00-05:00[America/New_York]",
    "1969-07-20T20:17:00-04:00[America/New_York]",
)];

#[test]
fn old_markdown_exports_open_to_the_same_document() {
    for (_, then, now) in RIGHT_BEFORE_1970 {
        let instant = |s: &str| {
            zones::parse_stamp(&Stamp(s.to_string()))
                .map(|z| z.timestamp())
                .unwrap_or_else(|e| panic!("{s}: {e}"))
        };
        assert_eq!(instant(then), instant(now));
    }
    for name in names() {
        let md = read(&format!("{name}.md"));
        let mut then = read(&format!("{name}.md.json"));
        for (_, old, new) in RIGHT_BEFORE_1970.iter().filter(|(n, ..)| *n == name) {
            assert!(then.contains(old), "{name}: {old} is not in the fixture");
            then = then.replace(old, new);
        }
        let now =
            postmortem_core::file::from_markdown(&md).unwrap_or_else(|e| panic!("{name}.md: {e}"));
        assert_eq!(json::to_json(&now.doc), then, "{name}.md reads differently");
    }
}

/// The stored library as key -> text, in the fixture's order.
fn library() -> Vec<(String, String)> {
    let map: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(&read("library.json")).expect("library.json");
    map.into_iter()
        .map(|(k, v)| (k, v.as_str().expect("stored text").to_string()))
        .collect()
}

#[test]
fn an_old_stored_library_opens_with_every_document() {
    let stored = library();
    let get = |key: &str| {
        stored
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
            .unwrap_or_else(|| panic!("no {key}"))
    };
    let index = Index::decode(&get("postmortem:index")).expect("index");
    assert_eq!(index.entries.len(), names().len());
    assert_eq!(
        index.last_open.as_deref(),
        Some(index.entries[0].id.as_str())
    );
    for entry in &index.entries {
        let text = get(&format!("postmortem:doc:{}", entry.id));
        let opened = storage::decode(&text).unwrap_or_else(|e| panic!("{}: {e}", entry.id));
        assert_eq!(opened.document.title, entry.title, "{}", entry.id);
        // The document is the one exported beside it, to the byte.
        let stem = entry
            .id
            .splitn(3, '-')
            .nth(2)
            .expect("id names its fixture");
        assert_eq!(
            json::to_json(&opened.document),
            read(&format!("{stem}.json")),
            "{}",
            entry.id
        );
        if stem == "blank" {
            assert_eq!(opened.revision, 0, "a bare document migrates to revision 0");
            assert_eq!(opened.document, Document::default());
        } else {
            assert!(
                opened.revision >= 3 && opened.saved_at == entry.updated,
                "{}",
                entry.id
            );
            // Saving it again writes the envelope as the old build did.
            assert_eq!(
                storage::encode(&opened),
                text,
                "{}: the envelope changed",
                entry.id
            );
        }
    }
    // The index is written back as it was read.
    assert_eq!(index.encode(), get("postmortem:index"));
}
