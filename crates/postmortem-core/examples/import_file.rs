//! Opens a Markdown or JSON file (as the editor does, see `file::open`) and prints the document as JSON, with the
//! importer's notices and the validation problems: a quick way to see what a
//! foreign postmortem becomes.
//!
//! Usage: cargo run -p postmortem-core --example import_file -- FILE

use postmortem_core::{file, format::json, validate};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: import_file FILE")?;
    let text = std::fs::read_to_string(&path)?;
    // The same rule as the editor's: by name, else by the first character.
    let file::Opened {
        doc,
        notices,
        review: r,
        format,
    } = file::open(&path, &text)?;
    eprintln!("read as {}", format.label());
    print!("{}", json::to_json(&doc));
    for (what, a) in [("zone", &r.zone), ("date", &r.date)] {
        if let Some(a) = a {
            eprintln!("review: {what} {} ({:?})", a.value, a.basis);
        }
    }
    for i in &r.items {
        eprintln!(
            "review {:?} line {} {}: {}",
            i.kind, i.line, i.path, i.message
        );
    }
    for n in notices {
        eprintln!("notice line {}: {}", n.line, n.message);
    }
    for p in validate::validate(&doc) {
        eprintln!("{} {} {}: {}", p.level.word(), p.code, p.path, p.message);
    }
    Ok(())
}
