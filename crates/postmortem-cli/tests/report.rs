//! `postmortem report`, run as a person would run it, on a folder of
//! postmortems written here with known key times (tests/fixtures/full.json
//! edited by hand): three incidents, a drill, and a note that is not a
//! postmortem. Every expected number is worked out by hand in the comments.
//!
//! Minutes after the start (all UTC):
//!
//! | file  | sev  | services         | detected | ack | mitigated | resolved |
//! | a     | SEV1 | checkout         | 5        | 10  | 30        | 60       |
//! | b (md)| SEV2 | checkout, search | 10       | 12  | 40        | 120      |
//! | c     | SEV2 | search           | ≈20      | 30  | 50        | 90       |
//! | drill | SEV1 | checkout         | 1        |     |           | 2        |
//!
//! Action items: a: Ana open due 2020-01-01 (overdue whatever today is), Bo
//! done; b: Ana open due 2999-01-01; drill: Ana open due 2020-01-01.

use assert_cmd::Command;
use postmortem_core::file::{self, Format};
use postmortem_core::format::markdown::ExportOptions;
use predicates::prelude::*;
use serde_json::{json, Value};
use std::fs;
use std::path::Path;

const FULL: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/fixtures/full.json"
);

fn postmortem() -> Command {
    Command::cargo_bin("postmortem").unwrap()
}

/// full.json with these values, times on `day` at 10:00 UTC plus minutes.
fn incident(
    title: &str,
    severity: &str,
    services: &[&str],
    tags: &[&str],
    day: &str,
    minutes: [Option<u32>; 4],
    actions: Value,
) -> Value {
    let mut v: Value = serde_json::from_str(&fs::read_to_string(FULL).unwrap()).unwrap();
    let at = |m: u32| {
        json!(format!(
            "{day}T{:02}:{:02}:00+00:00[UTC]",
            10 + m / 60,
            m % 60
        ))
    };
    v["title"] = json!(title);
    v["severity"] = json!(severity);
    v["services"] = json!(services);
    v["tags"] = json!(tags);
    v["time_zone"] = json!("UTC");
    v["timeline"] = json!([]);
    v["updates"] = json!([]);
    v["actions"] = actions;
    let mut times = json!({ "started": at(0) });
    for (key, m) in ["detected", "acknowledged", "mitigated", "resolved"]
        .iter()
        .zip(minutes)
    {
        times[*key] = m.map_or(Value::Null, at);
    }
    v["times"] = times;
    v
}

fn act(title: &str, owner: &str, due: &str, status: &str) -> Value {
    json!({ "title": title, "owner": owner, "due": due, "kind": "prevent", "priority": "P2", "status": status, "link": null })
}

/// The folder described at the top.
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let put = |name: &str, text: String| {
        let path = dir.path().join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    };
    let json_file = |v: &Value| serde_json::to_string_pretty(v).unwrap();
    put(
        "2025-01-10-a.json",
        json_file(&incident(
            "Checkout down",
            "SEV1",
            &["checkout"],
            &["payments"],
            "2025-01-10",
            [Some(5), Some(10), Some(30), Some(60)],
            json!([
                act("Fix retry", "Ana", "2020-01-01", "open"),
                act("Write runbook", "Bo", "2020-01-01", "done")
            ]),
        )),
    );
    // b as the editor's Markdown.
    let b = incident(
        "Search slow",
        "SEV2",
        &["checkout", "search"],
        &[],
        "2025-01-20",
        [Some(10), Some(12), Some(40), Some(120)],
        json!([act("Add index", "Ana", "2999-01-01", "in_progress")]),
    );
    let doc = file::open("b.json", &json_file(&b)).unwrap().doc;
    put(
        "postmortems/2025-01-20-b.md",
        file::save(&doc, Format::Markdown, ExportOptions::default()),
    );
    let mut c = incident(
        "Search errors",
        "SEV2",
        &["search"],
        &[],
        "2025-02-03",
        [Some(20), Some(30), Some(50), Some(90)],
        json!([]),
    );
    c["times"]["approximate"] = json!(["detected"]);
    // A duration typed in the text is not read: the key times say 90 minutes.
    c["summary"] = json!("Resolved in 3 hours.");
    put("postmortems/2025-02-03-c.json", json_file(&c));
    put(
        "postmortems/2025-02-10-drill.json",
        json_file(&incident(
            "Failover drill",
            "SEV1",
            &["checkout"],
            &["Drill"],
            "2025-02-10",
            [Some(1), None, None, Some(2)],
            json!([act("Drill follow-up", "Ana", "2020-01-01", "open")]),
        )),
    );
    put(
        "notes.md",
        "# Team notes\n\nNothing here is a postmortem.\n".into(),
    );
    dir
}

fn run(dir: &Path, args: &[&str]) -> (String, String, i32) {
    let out = postmortem()
        .current_dir(dir)
        .arg("report")
        .args(args)
        .output()
        .unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        out.status.code().unwrap_or(-1),
    )
}

fn json_of(dir: &Path, args: &[&str]) -> Value {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    let (out, err, code) = run(dir, &all);
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&out).unwrap()
}

fn measure<'a>(v: &'a Value, key: &str) -> &'a Value {
    v["response"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["key"] == key)
        .unwrap()
}

#[test]
fn the_markdown_report_has_the_hand_computed_numbers() {
    let dir = folder();
    let (out, err, code) = run(dir.path(), &[]);
    assert_eq!(code, 0, "{err}");
    for line in [
        "3 incidents, 2025-01-10 to 2025-02-03, from 4 postmortems.",
        "1 drill left out (tagged drill, exercise or game-day; `--include-drills` counts them).",
        "Not counted: 1 file that is not a postmortem.",
        // Months: a SEV1 and b SEV2 in January; c SEV2 in February.
        "| Month | Incidents | SEV1 | SEV2 |",
        "| 2025-01 | 2 | 1 | 1 |",
        "| 2025-02 | 1 | 0 | 1 |",
        "| checkout | 2 |",
        "| search | 2 |",
        // TTD 5, 10, ≈20: h = 2p: median 10; p25 h 0.5 → 7.5; p75 h 1.5 → 15; p90 h 1.8 → 10 + 0.8 × 10 = 18.
        "| Time to detect | detected \u{2212} impact started | 3 | 10 min | 7 min 30 s \u{2013} 15 min | 18 min | \u{2248} 1 of 3 |",
        // TTA 2, 5, ≈10: 5; 3.5; 7.5; 5 + 0.8 × 5 = 9.
        "| Time to acknowledge | acknowledged \u{2212} detected | 3 | 5 min | 3 min 30 s \u{2013} 7 min 30 s | 9 min | \u{2248} 1 of 3 |",
        // TTM 30, 40, 50: 40; 35; 45; 48.
        "| Time to mitigate | mitigated \u{2212} impact started | 3 | 40 min | 35 min \u{2013} 45 min | 48 min | none |",
        // TTR 60, 90, 120: 90; 75; 105; 90 + 0.8 × 30 = 114.
        "| Time to resolve | resolved \u{2212} impact started | 3 | 1 h 30 min | 1 h 15 min \u{2013} 1 h 45 min | 1 h 54 min | none |",
        "2 open, 1 overdue (due before today), 1 done, 0 won't do.",
        "| Bo | 0 | 0 | 1 | 0 |",
        "| 2020-01-01 | Fix retry | Ana | 2025-01-10-a.json |",
    ] {
        assert!(out.contains(line), "missing {line:?} in\n{out}");
    }
    // Ana's two open items: the overdue one and b's in-progress one.
    assert!(out.contains("| Ana | 2 | 1 | 0 | 0 |"), "{out}");
    assert!(!out.contains("Drill follow-up"), "{out}");
}

#[test]
fn json_gives_every_number_with_its_incidents() {
    let dir = folder();
    let v = json_of(dir.path(), &[]);
    assert_eq!(v["incidents"]["count"], 3);
    assert_eq!(v["incidents"]["drills_left_out"], 1);
    assert_eq!(v["files"]["skipped"], 1);
    let ttr = measure(&v, "ttr");
    assert_eq!(ttr["formula"], "resolved \u{2212} impact started");
    assert_eq!(
        [
            &ttr["n"],
            &ttr["median_seconds"],
            &ttr["p25_seconds"],
            &ttr["p75_seconds"],
            &ttr["p90_seconds"]
        ],
        [
            &json!(3),
            &json!(5400),
            &json!(4500),
            &json!(6300),
            &json!(6840)
        ]
    );
    let incidents: Vec<&str> = ttr["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["incident"].as_str().unwrap())
        .collect();
    assert_eq!(
        incidents,
        [
            "2025-01-10-a.json",
            "postmortems/2025-02-03-c.json",
            "postmortems/2025-01-20-b.md"
        ]
    );
    let ttd = measure(&v, "ttd");
    assert_eq!(
        (&ttd["approximate"], &ttd["median_seconds"]),
        (&json!(1), &json!(600))
    );
    assert_eq!(v["actions"]["open"], 2);
    assert_eq!(v["actions"]["overdue"], 1);
    assert_eq!(v["actions"]["overdue_items"][0]["title"], "Fix retry");
}

#[test]
fn drills_are_counted_when_asked_and_periods_narrow_the_incidents() {
    let dir = folder();
    let v = json_of(dir.path(), &["--include-drills"]);
    assert_eq!(v["incidents"]["count"], 4);
    assert_eq!(v["incidents"]["drills_left_out"], 0);
    // TTR 2, 60, 90, 120: h = 1.5 → 60 + 0.5 × 30 = 75 min.
    assert_eq!(measure(&v, "ttr")["median_seconds"], 4500);
    assert_eq!(v["actions"]["overdue"], 2);

    let v = json_of(
        dir.path(),
        &["--since", "2025-02-01", "--until", "2025-02-28"],
    );
    assert_eq!(
        v["incidents"]["names"],
        json!(["postmortems/2025-02-03-c.json"])
    );
    assert_eq!(v["incidents"]["filtered_out"], 2);
    assert_eq!(measure(&v, "ttr")["median_seconds"], 5400);
    assert_eq!(measure(&v, "tta")["n"], 1);

    let v = json_of(dir.path(), &["--severity", "sev1", "--include-drills"]);
    assert_eq!(v["incidents"]["count"], 2);
    let v = json_of(dir.path(), &["--service", "search"]);
    assert_eq!(v["incidents"]["count"], 2);
}

#[test]
fn csv_is_one_number_a_row() {
    let dir = folder();
    let (out, err, code) = run(dir.path(), &["--format", "csv"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("section,name,measure,value\n"), "{out}");
    for row in [
        "incidents,all,count,3",
        "month,2025-01,incidents,2",
        "month,2025-01,SEV1,1",
        "severity,SEV2,incidents,2",
        "service,search,incidents,2",
        "response,ttr,median_seconds,5400",
        "response,ttr,p90_seconds,6840",
        "response,ttd,p25_seconds,450",
        "response,ttd,approximate,1",
        "actions,all,overdue,1",
        "owner,Ana,open,2",
        "owner,Bo,done,1",
    ] {
        assert!(out.lines().any(|l| l == row), "missing {row:?} in\n{out}");
    }
}

#[test]
fn bad_dates_and_unreadable_files_exit_2_with_a_sentence() {
    let dir = folder();
    let (_, err, code) = run(dir.path(), &["--since", "2025-02-30"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("\"2025-02-30\" is not a day; write it YYYY-MM-DD"),
        "{err}"
    );
    let (_, err, code) = run(
        dir.path(),
        &["--since", "2025-03-01", "--until", "2025-01-01"],
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("--since 2025-03-01 comes after --until 2025-01-01"),
        "{err}"
    );

    // One binary file and one broken postmortem: named, the rest reported.
    fs::write(dir.path().join("blob.json"), b"{\0\0\x01binary").unwrap();
    fs::write(
        dir.path().join("broken.json"),
        "{\"format\": \"postmortem\", \"version\": 1, \"severity\": 3}",
    )
    .unwrap();
    postmortem()
        .current_dir(dir.path())
        .arg("report")
        .assert()
        .code(2)
        .stdout(predicate::str::contains(
            "3 incidents, 2025-01-10 to 2025-02-03",
        ))
        .stdout(predicate::str::contains("2 files that could not be read"))
        .stderr(predicate::str::contains(
            "blob.json:1:1: This file is a binary file",
        ))
        .stderr(predicate::str::contains("broken.json:"));
    let (_, err, code) = run(dir.path(), &["no-such-folder"]);
    assert_eq!(code, 2);
    assert!(err.contains("no-such-folder: cannot be read"), "{err}");
}

#[test]
fn the_markdown_report_lists_the_100_oldest_overdue_items_and_counts_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    // 102 open items, due on 102 days from 1 January 2020: the two latest are not listed.
    let actions: Vec<Value> = (0..102)
        .map(|n| {
            let due = jiff::civil::date(2020, 1, 1)
                .checked_add(jiff::Span::new().days(n))
                .unwrap();
            act(&format!("Item {n}"), "Ana", &due.to_string(), "open")
        })
        .collect();
    let v = incident(
        "Many follow-ups",
        "SEV3",
        &["queue"],
        &[],
        "2019-12-01",
        [Some(1), Some(2), Some(3), Some(4)],
        json!(actions),
    );
    fs::write(
        dir.path().join("many.json"),
        serde_json::to_string(&v).unwrap(),
    )
    .unwrap();
    let (out, err, code) = run(dir.path(), &[]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("| 2020-01-01 | Item 0 | Ana | many.json |"),
        "{out}"
    );
    // Item 99 is due 2020-04-09 (31 + 29 + 31 + 8 days later).
    assert!(
        out.contains("| 2020-04-09 | Item 99 | Ana | many.json |"),
        "{out}"
    );
    assert!(!out.contains("| Item 100 |"), "{out}");
    assert!(out.contains("2 more overdue items (due later) are not listed here: `--format json` lists every one."), "{out}");
}
