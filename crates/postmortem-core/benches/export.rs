//! Export and import of a 500-event document, natively, in release.
//! Run: cargo bench -p postmortem-core --bench export
//! Prints the median and the fastest of many runs for each operation.

use postmortem_core::{format::json, format::markdown, sample};
use std::hint::black_box;
use std::time::{Duration, Instant};

fn measure(name: &str, mut f: impl FnMut()) {
    for _ in 0..5 {
        f();
    }
    let mut runs: Vec<Duration> = (0..101)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    runs.sort();
    println!(
        "{name:<28} median {:>8.3} ms   fastest {:>8.3} ms",
        runs[50].as_secs_f64() * 1e3,
        runs[0].as_secs_f64() * 1e3
    );
}

fn main() {
    let doc = sample::long_incident(500);
    let md = markdown::to_markdown(&doc);
    let js = json::to_json(&doc);
    println!(
        "500-event document: {} KB of JSON, {} KB of Markdown",
        js.len() / 1024,
        md.len() / 1024
    );
    measure("export Markdown", || {
        black_box(markdown::to_markdown(black_box(&doc)));
    });
    measure("export JSON", || {
        black_box(json::to_json(black_box(&doc)));
    });
    measure("import Markdown", || {
        black_box(postmortem_core::file::from_markdown(black_box(&md)).ok());
    });
    measure("import JSON", || {
        black_box(json::from_json(black_box(&js)).ok());
    });
    measure("validate", || {
        black_box(postmortem_core::validate::validate(black_box(&doc)));
    });
    measure("preview HTML", || {
        black_box(postmortem_core::preview::preview_html(black_box(&doc)));
    });

    // Foreign postmortems of 1 MB: the import corpus one after another (every
    // shape the foreign reader knows), and one long plain timeline.
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/corpus");
    let mut corpus: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "md" || x == "txt"))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    corpus.sort();
    let mut mixed = String::new();
    while mixed.len() < 1 << 20 {
        for text in &corpus {
            mixed.push_str(text);
            mixed.push_str("\n\n");
        }
    }
    let timeline = sample::foreign_timeline(|_, text| text.len() >= 1 << 20);
    println!(
        "foreign: corpus repeated {} KB, one timeline {} KB ({} lines)",
        mixed.len() / 1024,
        timeline.len() / 1024,
        timeline.lines().count()
    );
    measure("import 1 MB foreign corpus", || {
        black_box(postmortem_core::file::from_markdown(black_box(&mixed)).ok());
    });
    measure("import 1 MB foreign timeline", || {
        black_box(postmortem_core::file::from_markdown(black_box(&timeline)).ok());
    });
}
