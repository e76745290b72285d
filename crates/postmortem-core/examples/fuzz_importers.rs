//! A mutation fuzzer for both importers (cargo-fuzz needs a nightly compiler,
//! which this project's machines do not have). Deterministic: a seed gives the
//! same inputs. Each input goes through the Markdown and the JSON importer,
//! and whatever they accept is exported again; any panic is reported with the
//! input that caused it and the run fails.
//!
//! Run: cargo run --profile fuzz -p postmortem-core --example fuzz_importers -- [COUNT] [SEED]
//! (COUNT defaults to 10 000 000.)

use postmortem_core::{format::json, format::markdown};
use std::panic;

/// xorshift64*: small, fast, good enough to pick mutations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const TOKENS: &[&str] = &[
    "---\n",
    "format: postmortem\n",
    "version: 1\n",
    "version: 2\n",
    "# ",
    "## ",
    "### ",
    "| ",
    " |",
    "| --- |",
    "\n",
    "Posted Apr 29, 2026 - 15:35 PDT",
    "2025-03-12 03:15 WAT",
    "7:52 : ",
    "8:04 p.m.",
    "12:00 a.m.",
    "Start: ",
    "End: ",
    "Duration: ",
    "\u{2022} ",
    "Resolved\n",
    "Investigating\n",
    "- [ ] ",
    "- [x] ",
    "> [!note] ",
    "```",
    "~~~",
    "\\",
    "<",
    "<br>",
    "entered in ",
    "invalid time: ",
    "~ ",
    "\u{2013}",
    "â€“",
    "\u{feff}",
    "\r\n",
    "{",
    "}",
    "[",
    "]",
    "\"",
    ":",
    ",",
    "null",
    "\"format\": \"postmortem\"",
    "\"version\": 1",
    "\"timeline\": [",
    "\"at\": \"",
    "UTC",
    "IST",
    "[Europe/Berlin]",
    "+01:00",
    "9999-12-31",
    "0000-01-01",
    "24:00",
    "99:99",
    "February 30th, 2024",
    "\u{0}",
    "\u{10ffff}",
    "\u{1f525}",
];

fn seeds() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures");
    let mut out = Vec::new();
    for sub in ["", "/foreign", "/corpus"] {
        if let Ok(entries) = std::fs::read_dir(format!("{dir}{sub}")) {
            for e in entries.flatten() {
                if let Ok(text) = std::fs::read_to_string(e.path()) {
                    if let Ok(doc) = json::from_json(&text) {
                        out.push(markdown::to_markdown(&doc));
                    }
                    out.push(text);
                }
            }
        }
    }
    // The shapes only a few files have: a diff of a note (with and without
    // its newlines) and TOML front matter.
    let diff = "--- a/n.md\n+++ b/n.md\n@@ -1,3 +1,4 @@\n # Outage\n-TODO\n+At 06:12 UTC a deploy broke it.\n+- [ ] Add a check\n";
    out.push(diff.to_string());
    out.push(diff.replace('\n', " "));
    out.push("+++\ntitle = \"X\"\ndate = 2021-06-08T12:00:00Z\ntags = [\"a\", \"b\"]\n+++\n\n## Timeline\n\n- 09:47 UTC x\n".to_string());
    out.push(String::new());
    out
}

fn mutate(rng: &mut Rng, seeds: &[String]) -> String {
    let mut s: Vec<u8> = seeds[rng.below(seeds.len())].as_bytes().to_vec();
    for _ in 0..1 + rng.below(8) {
        let at = rng.below(s.len() + 1);
        match rng.below(7) {
            0 if !s.is_empty() => {
                let end = (at + 1 + rng.below(64)).min(s.len());
                s.drain(at.min(end)..end);
            }
            1 => s
                .splice(at..at, TOKENS[rng.below(TOKENS.len())].bytes())
                .for_each(drop),
            2 if !s.is_empty() => {
                let i = rng.below(s.len());
                s[i] = rng.next() as u8;
            }
            3 => {
                let other = seeds[rng.below(seeds.len())].as_bytes();
                if !other.is_empty() {
                    let from = rng.below(other.len());
                    let to = (from + rng.below(200)).min(other.len());
                    s.splice(at..at, other[from..to].iter().copied())
                        .for_each(drop);
                }
            }
            4 => s.truncate(at),
            5 if !s.is_empty() => {
                let from = rng.below(s.len());
                let to = (from + rng.below(120)).min(s.len());
                let copy: Vec<u8> = s[from..to].to_vec();
                s.splice(at..at, copy).for_each(drop);
            }
            _ => {
                let n = rng.below(32);
                let random: Vec<u8> = (0..n).map(|_| rng.next() as u8).collect();
                s.splice(at..at, random).for_each(drop);
            }
        }
    }
    String::from_utf8_lossy(&s).into_owned()
}

fn exercise(input: &str) {
    if let Ok(imported) = postmortem_core::file::from_markdown(input) {
        let md = markdown::to_markdown(&imported.doc);
        let _ = postmortem_core::file::from_markdown(&md);
        let _ = postmortem_core::validate::validate(&imported.doc);
    }
    if let Ok(doc) = json::from_json(input) {
        let _ = markdown::to_markdown(&doc);
        let _ = json::to_json(&doc);
    }
}

fn main() {
    let count: u64 = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(10_000_000);
    let seed: u64 = std::env::args()
        .nth(2)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5eed_2026);
    let seeds = seeds();
    let mut rng = Rng(seed | 1);
    panic::set_hook(Box::new(|_| {}));
    let started = std::time::Instant::now();
    for i in 0..count {
        let input = if i % 10 == 0 {
            // Plain random text, no structure.
            let n = rng.below(400);
            let bytes: Vec<u8> = (0..n).map(|_| rng.next() as u8).collect();
            String::from_utf8_lossy(&bytes).into_owned()
        } else {
            mutate(&mut rng, &seeds)
        };
        if panic::catch_unwind(|| exercise(&input)).is_err() {
            let _ = panic::take_hook();
            eprintln!("PANIC on input {i} (seed {seed}):\n{input:?}");
            exercise(&input);
            std::process::exit(1);
        }
        if i > 0 && i % 1_000_000 == 0 {
            eprintln!("{i} inputs, {:.0} s", started.elapsed().as_secs_f64());
        }
    }
    println!(
        "{count} inputs through both importers, no panic ({:.0} s, seed {seed})",
        started.elapsed().as_secs_f64()
    );
}
