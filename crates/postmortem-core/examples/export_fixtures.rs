//! Writes the Markdown and JSON export of every JSON fixture in
//! tests/fixtures/, of each template and of a 500-event document into a directory, for the external checks (markdownlint,
//! cmark-gfm, the JSON Schema validator) run by the browser test suite.
//!
//! Usage: cargo run -p postmortem-core --example export_fixtures -- OUT_DIR

use postmortem_core::file::{self, Format};
use postmortem_core::format::markdown::ExportOptions;
use postmortem_core::model::Document;
use postmortem_core::sample::{long_incident, Template};
use std::{env, fs, path::Path};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = env::args().nth(1).ok_or("usage: export_fixtures OUT_DIR")?;
    fs::create_dir_all(&out)?;
    let mut names: Vec<_> = fs::read_dir("tests/fixtures")?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    names.sort();
    let mut docs: Vec<(String, Document)> = Vec::new();
    for path in names {
        let doc = file::open(&path.to_string_lossy(), &fs::read_to_string(&path)?)
            .map_err(|e| format!("{}: {e}", path.display()))?
            .doc;
        docs.push((
            path.file_stem()
                .unwrap_or_default()
                .to_string_lossy()
                .to_string(),
            doc,
        ));
    }
    for (i, t) in Template::ALL.iter().enumerate() {
        let mut doc = t.document("America/Los_Angeles");
        doc.title = format!("Template {}", t.label());
        docs.push((format!("template-{i}"), doc));
    }
    docs.push(("long".into(), long_incident(500)));
    for (stem, doc) in docs {
        for format in [Format::Markdown, Format::Json] {
            fs::write(
                Path::new(&out).join(format!("{stem}.{}", format.extension())),
                file::save(&doc, format, ExportOptions::default()),
            )?;
        }
        println!("{stem}");
    }
    Ok(())
}
