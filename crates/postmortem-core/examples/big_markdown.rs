//! Writes a big Markdown postmortem for the big-document test and benchmark:
//! `own` is the long generated incident exported by this editor, `foreign` a
//! plain timeline as people paste it (the native benchmark's shape).
//!
//! Usage: cargo run --release -p postmortem-core --example big_markdown -- own|foreign EVENTS FILE

use postmortem_core::{format::markdown, sample};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let usage = "usage: big_markdown own|foreign EVENTS FILE";
    let kind = args.next().ok_or(usage)?;
    let events: usize = args.next().ok_or(usage)?.parse()?;
    let path = args.next().ok_or(usage)?;
    let text = match kind.as_str() {
        "own" => markdown::to_markdown(&sample::long_incident(events)),
        "foreign" => sample::foreign_timeline(|lines, _| lines as usize >= events),
        _ => return Err(usage.into()),
    };
    std::fs::write(&path, &text)?;
    println!("{path}: {} bytes, {events} events", text.len());
    Ok(())
}
