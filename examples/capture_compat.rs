//! Captures the compatibility fixtures in tests/fixtures/compat/: what one
//! build of the editor writes, so that later builds can be held to open it
//! unchanged (tests/core/compat.rs). Run once, with the build being retired,
//! and commit its output; running it again with a later build would only
//! copy that build's own behaviour into the fixtures.
//!
//! For each rich document it writes `NAME.json` (the JSON export),
//! `NAME.md` (the Markdown export) and `NAME.md.json` (the JSON export of
//! what that build read back from `NAME.md`), and `library.json`: the
//! localStorage of a browser holding all of them, key by key, as the
//! editor's storage module writes it (index, one envelope per document, and
//! one bare document from before envelopes existed).
//!
//! Usage: cargo run --no-default-features --example capture_compat

use postmortem::core::model::Document;
use postmortem::core::sample::{long_incident, Template};
use postmortem::core::storage::{self, Entry, Index};
use postmortem::core::{json, markdown};
use std::fs;

const OUT: &str = "tests/fixtures/compat";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut docs: Vec<(String, Document)> = Vec::new();
    for (stem, path) in [
        ("full", "tests/fixtures/full.json"),
        ("hostile", "tests/fixtures/hostile.json"),
        ("multizone", "tests/fixtures/compat/multizone.json"),
    ] {
        let doc =
            json::from_json(&fs::read_to_string(path)?).map_err(|e| format!("{path}: {e}"))?;
        docs.push((stem.into(), doc));
    }
    for (i, t) in Template::ALL.iter().enumerate() {
        let mut doc = t.document("Africa/Lagos");
        doc.title = format!("Template {}", t.label());
        docs.push((format!("template-{i}"), doc));
    }
    docs.push(("blank".into(), Document::default()));
    docs.push(("long".into(), long_incident(60)));

    let mut library: Vec<(String, String)> = Vec::new();
    let mut index = Index::default();
    for (n, (stem, doc)) in docs.iter().enumerate() {
        let exported = json::to_json(doc);
        let md = markdown::to_markdown(doc);
        let back = markdown::from_markdown(&md).map_err(|e| format!("{stem}.md: {e}"))?;
        fs::write(format!("{OUT}/{stem}.json"), &exported)?;
        fs::write(format!("{OUT}/{stem}.md"), &md)?;
        fs::write(format!("{OUT}/{stem}.md.json"), json::to_json(&back.doc))?;
        let id = format!("pm-{n:02}-{stem}");
        let saved_at = format!("2026-11-{:02}T0{}:1{}:00Z", 10 + n, n % 10, n % 6);
        let key = format!("postmortem:doc:{id}");
        if stem == "blank" {
            // Stored before envelopes existed: the bare document.
            library.push((key, exported.clone()));
        } else {
            library.push((
                key,
                storage::encode_json(n as u64 + 3, &saved_at, &exported),
            ));
        }
        index.entries.insert(
            0,
            Entry {
                id: id.clone(),
                title: doc.title.clone(),
                status: doc.status,
                updated: saved_at,
            },
        );
        index.last_open = Some(id);
    }
    library.insert(0, ("postmortem:index".into(), index.encode()));
    // localStorage as a JSON object of key -> stored text.
    let mut w = json::syntax::Writer::new(true);
    w.begin('{');
    for (k, v) in &library {
        w.key(k).string(v);
    }
    w.end('}');
    w.out.push('\n');
    fs::write(format!("{OUT}/library.json"), w.out)?;
    println!("{} documents captured in {OUT}", docs.len());
    Ok(())
}
