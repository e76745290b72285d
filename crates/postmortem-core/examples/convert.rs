//! Reads a JSON v1 document on stdin and writes the core's export of it:
//! `convert md` or `convert json`. The browser tests use it to check that the
//! editor's downloads are byte for byte what the native core writes.

use postmortem_core::{format::json, format::markdown};
use std::io::Read;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let kind = std::env::args().nth(1).unwrap_or_else(|| "json".into());
    let mut text = String::new();
    std::io::stdin().read_to_string(&mut text)?;
    let doc = json::from_json(&text)?;
    print!(
        "{}",
        if kind == "md" {
            markdown::to_markdown(&doc)
        } else {
            json::to_json(&doc)
        }
    );
    Ok(())
}
