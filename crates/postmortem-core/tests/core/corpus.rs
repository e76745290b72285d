//! The import corpus: postmortems of many public shapes (tests/fixtures/corpus,
//! written for this project) and the five seeds, each with a facts file
//! written by hand (every timed entry's instant, computed with zoneinfo, and
//! a phrase of its text). Over all of them the importer must place at least
//! 95 % of timed entries at the right instant, **none** at a wrong instant
//! without saying so (an approximate mark, or an item of the import review),
//! and keep every line's words. The per-document table is printed.

use postmortem_core::file::from_markdown;
use postmortem_core::format::json;
use postmortem_core::format::Imported;
use postmortem_core::model::*;
use postmortem_core::time::zones;
use postmortem_core::validate::validate;
use serde_json::Value;
use std::path::{Path, PathBuf};

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/corpus");

struct Case {
    name: String,
    text: String,
    facts: Value,
}

fn cases() -> Vec<Case> {
    let mut out = Vec::new();
    let mut names: Vec<PathBuf> = std::fs::read_dir(CORPUS)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".facts.json"))
        .collect();
    names.sort();
    let seeds = crate::support::seeds_dir();
    for facts_path in names {
        let facts: Value =
            serde_json::from_str(&std::fs::read_to_string(&facts_path).unwrap()).unwrap();
        let stem = facts_path
            .file_name()
            .unwrap()
            .to_string_lossy()
            .trim_end_matches(".facts.json")
            .to_string();
        let source = match facts.get("seed").and_then(Value::as_str) {
            Some(seed) => match &seeds {
                Some(dir) => dir.join(seed),
                None if std::env::var("POSTMORTEM_NO_SEEDS").is_ok() => continue,
                None => panic!(
                    "The seeds are not found (set POSTMORTEM_SEEDS to their folder, or \
                     POSTMORTEM_NO_SEEDS=1 to measure the corpus alone)."
                ),
            },
            None => ["md", "txt"]
                .iter()
                .map(|ext| Path::new(CORPUS).join(format!("{stem}.{ext}")))
                .find(|p| p.exists())
                .unwrap_or_else(|| panic!("{stem}: no document beside its facts file")),
        };
        let bytes = std::fs::read(&source).unwrap();
        out.push(Case {
            name: stem,
            text: String::from_utf8_lossy(&bytes).into_owned(),
            facts,
        });
    }
    out
}

#[derive(Default, Debug, Clone, Copy)]
struct Score {
    entries: usize,
    right: usize,
    /// At a wrong instant, but approximate or named in the review.
    wrong_marked: usize,
    /// At a wrong instant and nothing says so: the worst outcome.
    wrong_unmarked: usize,
    /// Not found as an event with a time.
    missing: usize,
    lines: usize,
    lines_kept: usize,
}

fn instant(at: &str) -> jiff::Timestamp {
    at.parse().unwrap()
}

/// One place a timed entry can land: a timeline event or a status update.
struct Landing {
    text: String,
    at: Option<jiff::Timestamp>,
    path: String,
    approximate: bool,
}

fn landings(doc: &Document) -> Vec<Landing> {
    let mut out: Vec<Landing> = doc
        .timeline
        .iter()
        .enumerate()
        .map(|(i, e)| Landing {
            text: e.text.clone(),
            at: zones::instant(e.at.as_ref()),
            path: format!("timeline[{i}].at"),
            approximate: e.approximate,
        })
        .collect();
    out.extend(doc.updates.iter().enumerate().map(|(i, u)| Landing {
        text: u.text.clone(),
        at: zones::instant(u.at.as_ref()),
        path: format!("updates[{i}].at"),
        approximate: false,
    }));
    out
}

/// Words that are structure, not content: labels the importer reads as keys,
/// section and table-header names, and the words of dates, times and zones
/// (which land in stamps).
const STRUCTURE: &[&str] = &[
    "summary",
    "timeline",
    "posted",
    "investigating",
    "identified",
    "monitoring",
    "resolved",
    "update",
    "updates",
    "start",
    "end",
    "started",
    "date",
    "time",
    "times",
    "event",
    "all",
    "are",
    "utc",
    "gmt",
    "pst",
    "pdt",
    "est",
    "edt",
    "cet",
    "cest",
    "wat",
    "with",
    "and",
    "the",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "sun",
    "title",
    "tags",
    "authors",
    "author",
    "status",
    "severity",
    "owner",
    "task",
    "due",
    "done",
    "todo",
    "action",
    "items",
    "actions",
    "impact",
    "root",
    "cause",
    "resolution",
    "detected",
    "duration",
    "pacific",
    "eastern",
    "us/pacific",
    "ish",
    "approx",
    "approximate",
    "approximately",
    "around",
    "about",
    "p.m",
    "a.m",
    "incident",
    "postmortem",
    "notes",
    "links",
    "lessons",
    "detection",
    "affected",
    "services",
    "this",
    "for",
    "in",
    "of",
    "to",
    "on",
    "at",
    "from",
    "below",
    "unless",
    "noted",
    // "Posted 3 hours ago. Jul 12, 2023 - 14:05 PDT": the page's age when it
    // was copied, replaced by the time it states.
    "hours",
    "ago",
    // Section names, as in "What happened" (a diff's headings are not numbered as its lines).
    "what",
    "happened",
];

/// Every non-empty line's words appear in the result (JSON of the document),
/// or the line is a heading the review says was mapped to a section.
fn lines_kept(text: &str, imported: &Imported) -> (usize, usize, Vec<String>) {
    let doc = &imported.doc;
    let mapped: Vec<usize> = imported.review.sections.iter().map(|m| m.line).collect();
    let result = json::to_json(doc)
        .to_lowercase()
        .replace("\\n", " ")
        .replace("\\\"", "\"");
    let (mut lines, mut kept, mut lost) = (0, 0, Vec::new());
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    for (n, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        lines += 1;
        if mapped.contains(&(n + 1)) {
            kept += 1;
            continue;
        }
        let missing: Vec<String> = line
            .split(|c: char| !c.is_alphanumeric() && c != '\'')
            .map(|w| w.trim_matches('\'').to_lowercase())
            .filter(|w| w.chars().count() >= 3 && !w.chars().all(|c| c.is_ascii_digit()))
            .filter(|w| !STRUCTURE.contains(&w.as_str()))
            .filter(|w| !w.chars().any(|c| c.is_ascii_digit()))
            .filter(|w| !result.contains(w.as_str()))
            .collect();
        if missing.is_empty() {
            kept += 1;
        } else {
            lost.push(format!("{line:?} lacks {missing:?}"));
        }
    }
    (lines, kept, lost)
}

fn score(case: &Case, imported: &Imported) -> (Score, Vec<String>) {
    let doc = &imported.doc;
    let review = &imported.review;
    let lands = landings(doc);
    let mut s = Score::default();
    let mut report = Vec::new();
    let entries = case.facts["entries"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    for e in &entries {
        s.entries += 1;
        let phrase = e["phrase"].as_str().unwrap();
        let want = instant(e["at"].as_str().unwrap());
        let found: Vec<&Landing> = lands.iter().filter(|l| l.text.contains(phrase)).collect();
        let timed: Vec<&&Landing> = found.iter().filter(|l| l.at.is_some()).collect();
        if timed.iter().any(|l| l.at == Some(want)) {
            s.right += 1;
        } else if let Some(l) = timed.first() {
            let marked = l.approximate || review.flags(&l.path);
            if marked {
                s.wrong_marked += 1;
            } else {
                s.wrong_unmarked += 1;
            }
            report.push(format!(
                "  {} \u{201c}{phrase}\u{201d}: read {} want {want}",
                if marked { "wrong (marked)" } else { "WRONG" },
                l.at.unwrap()
            ));
        } else {
            s.missing += 1;
            report.push(format!(
                "  missing \u{201c}{phrase}\u{201d} (want {want}){}",
                if found.is_empty() {
                    ""
                } else {
                    ": found with no time"
                }
            ));
        }
    }
    // The start and the end count as entries too.
    for (key, got) in [("start", &doc.times.started), ("end", &doc.times.resolved)] {
        let Some(want) = case.facts[key].as_str() else {
            continue;
        };
        s.entries += 1;
        let want = instant(want);
        let path = if key == "start" {
            "times.started"
        } else {
            "times.resolved"
        };
        match zones::instant(got.as_ref()) {
            Some(t) if t == want => s.right += 1,
            Some(t) => {
                if review.flags(path) {
                    s.wrong_marked += 1;
                } else {
                    s.wrong_unmarked += 1;
                }
                report.push(format!("  {key}: read {t} want {want}"));
            }
            None => {
                s.missing += 1;
                report.push(format!("  {key}: missing (want {want})"));
            }
        }
    }
    let (lines, kept, lost) = lines_kept(&case.text, imported);
    s.lines = lines;
    s.lines_kept = kept;
    report.extend(lost.into_iter().map(|l| format!("  line lost: {l}")));
    (s, report)
}

#[test]
fn the_corpus_is_read_right_or_said_to_be_unsure() {
    let cases = cases();
    // The corpus's own 20 documents, and the five seeds unless they were
    // left out on purpose (POSTMORTEM_NO_SEEDS).
    let seeds = if crate::support::seeds_dir().is_some() {
        5
    } else {
        0
    };
    assert!(cases.len() >= 20 + seeds, "{} documents", cases.len());
    let mut total = Score::default();
    let mut table = vec![format!(
        "{:<32} {:>7} {:>5} {:>7} {:>7} {:>7} {:>9}",
        "document", "entries", "right", "marked", "WRONG", "missing", "lines"
    )];
    let mut details = Vec::new();
    for case in &cases {
        let imported = from_markdown(&case.text).unwrap_or_else(|e| panic!("{}: {e}", case.name));
        let (s, report) = score(case, &imported);
        table.push(format!(
            "{:<32} {:>7} {:>5} {:>7} {:>7} {:>7} {:>4}/{:<4}",
            case.name,
            s.entries,
            s.right,
            s.wrong_marked,
            s.wrong_unmarked,
            s.missing,
            s.lines_kept,
            s.lines
        ));
        if !report.is_empty() {
            details.push(format!("{}:\n{}", case.name, report.join("\n")));
        }
        total.entries += s.entries;
        total.right += s.right;
        total.wrong_marked += s.wrong_marked;
        total.wrong_unmarked += s.wrong_unmarked;
        total.missing += s.missing;
        total.lines += s.lines;
        total.lines_kept += s.lines_kept;
    }
    let recall = total.right as f64 / total.entries as f64 * 100.0;
    table.push(format!(
        "{:<32} {:>7} {:>5} {:>7} {:>7} {:>7} {:>4}/{:<4}  recall {recall:.1} %",
        "all",
        total.entries,
        total.right,
        total.wrong_marked,
        total.wrong_unmarked,
        total.missing,
        total.lines_kept,
        total.lines
    ));
    println!("{}\n\n{}", table.join("\n"), details.join("\n"));
    assert_eq!(
        total.wrong_unmarked,
        0,
        "times at a wrong instant that nothing marks:\n{}",
        details.join("\n")
    );
    assert!(
        recall >= 95.0,
        "recall {recall:.1} % is under 95 %:\n{}",
        details.join("\n")
    );
    assert_eq!(
        total.lines_kept,
        total.lines,
        "lines lost:\n{}",
        details.join("\n")
    );
}

/// A key time the reader infers (from a status update, the timeline, a
/// sentence) never puts the key times out of the order validation holds them
/// to: no document of the corpus or seed imports with a `times.order` problem.
#[test]
fn no_inferred_key_time_breaks_the_order() {
    let mut out_of_order = Vec::new();
    for case in cases() {
        let imported = from_markdown(&case.text).unwrap();
        for p in validate(&imported.doc) {
            if p.code == "times.order" {
                out_of_order.push(format!("{}: {}", case.name, p.message));
            }
        }
    }
    assert!(out_of_order.is_empty(), "{out_of_order:#?}");
}

fn corpus_case(name: &str) -> Imported {
    let case = cases().into_iter().find(|c| c.name == name).unwrap();
    from_markdown(&case.text).unwrap()
}

/// A status page whose Monitoring update was posted after the end its
/// postmortem states: Mitigated stays empty (the update's time would put it
/// after Resolved) and the review says which update and why.
#[test]
fn a_monitoring_update_after_the_stated_end_gives_no_mitigated() {
    let Imported { doc, review, .. } = corpus_case("22-statuspage-late-monitoring");
    assert_eq!(
        zones::instant(doc.times.resolved.as_ref()),
        Some(instant("2025-02-18T09:47:00Z"))
    );
    assert_eq!(doc.times.mitigated, None);
    let items: Vec<_> = review
        .items
        .iter()
        .filter(|i| i.path.starts_with("times."))
        .collect();
    assert_eq!(items.len(), 1, "{items:#?}");
    assert_eq!(items[0].path, "times.mitigated");
    assert_eq!(items[0].code, "key.not_taken");
    assert_eq!(
        items[0].message,
        "Mitigated was not taken from the time of the \u{201c}Monitoring\u{201d} status update \
         (update 3): 2025-02-18 10:05 UTC would put it after Resolved (2025-02-18 09:47 UTC). \
         Fill it in if you know when."
    );
    let group = review
        .groups()
        .into_iter()
        .find(|g| g.code == "key.not_taken")
        .unwrap();
    assert_eq!(group.title, "1 key time was not taken from the timeline, the text or the status updates: it would put the key times out of order.");
    assert!(validate(&doc).iter().all(|p| p.code != "times.order"));
}

/// A Monitoring update posted before the end still gives Mitigated, marked
/// as inferred in the review.
#[test]
fn a_monitoring_update_in_time_gives_mitigated() {
    let Imported { doc, review, .. } = corpus_case("01-statuspage-pdt");
    assert_eq!(
        zones::instant(doc.times.mitigated.as_ref()),
        Some(instant("2023-07-12T20:22:00Z"))
    );
    assert!(review.items.iter().any(|i| i.path == "times.mitigated"
        && i.code == "key"
        && i.kind == postmortem_core::review::ItemKind::Inferred
        && i.message
            .contains("\u{201c}Monitoring\u{201d} status update (update 3)")));
}

/// Every key time the reader did not read from a line that states it is
/// marked as inferred in the review: each key time is either listed at its
/// path as inferred, or one the facts file names as stated (`stated`).
#[test]
fn every_inferred_key_time_is_marked() {
    let mut unmarked = Vec::new();
    for case in cases() {
        let imported = from_markdown(&case.text).unwrap();
        let doc = &imported.doc;
        for key in KeyTime::ALL {
            let Some(at) = zones::instant(doc.times.get(*key)) else {
                continue;
            };
            let path = format!("times.{}", key.word());
            let marked = imported
                .review
                .items
                .iter()
                .any(|i| i.path == path && i.code == "key");
            let stated = case.facts["stated"]
                .as_array()
                .is_some_and(|s| s.iter().any(|k| k.as_str() == Some(key.word())));
            if !(marked || stated) {
                unmarked.push(format!("{}: {path} = {at}", case.name));
            }
        }
    }
    assert!(
        unmarked.is_empty(),
        "neither stated nor marked as inferred: {unmarked:#?}"
    );
}
