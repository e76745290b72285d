//! Reads a document on stdin (this editor's JSON or Markdown, told apart as
//! the editor does, see `file::Format::detect`) and writes the core's file
//! of it: `convert md` or `convert json` (the default). The browser tests use
//! it to check that the editor's downloads are byte for byte what the native
//! core writes.

use postmortem_core::file::{self, Format};
use postmortem_core::format::markdown::ExportOptions;
use std::io::Read;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let kind = std::env::args().nth(1).unwrap_or_else(|| "json".into());
    let format = Format::from_extension(&kind).ok_or("usage: convert md|json")?;
    let mut text = String::new();
    std::io::stdin().read_to_string(&mut text)?;
    let opened = file::open("", &text)?;
    print!(
        "{}",
        file::save(&opened.doc, format, ExportOptions::default())
    );
    Ok(())
}
