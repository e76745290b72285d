//! Writes a big Markdown postmortem for the big-document test and benchmark:
//! `own` is the long generated incident exported by this editor, `foreign` a
//! plain timeline as people paste it (the native benchmark's shape).
//!
//! Usage: cargo run --release --no-default-features --example big_markdown -- own|foreign EVENTS FILE

use postmortem::core::{markdown, sample};

fn foreign(events: usize) -> String {
    let mut text = String::from("# Storage degradation\n\nAll times in PST.\n\n## Timeline\n\n");
    for minute in 0..events as u32 {
        if minute.is_multiple_of(1440) {
            text.push_str(&format!("\n**March {}, 2024**\n\n", 1 + minute / 1440));
        }
        let (h, m) = ((minute / 60) % 24, minute % 60);
        text.push_str(&format!(
            "- {}:{m:02} {} \u{2014} replica lag on node {} rose again while the queue drained\n",
            if h % 12 == 0 { 12 } else { h % 12 },
            if h < 12 { "a.m." } else { "p.m." },
            minute % 97
        ));
    }
    text
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let usage = "usage: big_markdown own|foreign EVENTS FILE";
    let kind = args.next().ok_or(usage)?;
    let events: usize = args.next().ok_or(usage)?.parse()?;
    let path = args.next().ok_or(usage)?;
    let text = match kind.as_str() {
        "own" => markdown::to_markdown(&sample::long_incident(events)),
        "foreign" => foreign(events),
        _ => return Err(usage.into()),
    };
    std::fs::write(&path, &text)?;
    println!("{path}: {} bytes, {events} events", text.len());
    Ok(())
}
