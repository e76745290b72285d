//! The `postmortem` binary, run as a CI job or a person would run it, on
//! fixtures of our own: a repository folder with one clean postmortem (the
//! editor's export of tests/fixtures/full.json), a README, a package.json
//! and a postmortem written elsewhere; and copies of it edited by hand the
//! way people edit them, each test making its own folder.

use assert_cmd::Command;
use predicates::prelude::*;
use std::fs;
use std::path::{Path, PathBuf};

const REPO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/repo");
const CLEAN: &str = "postmortems/2025-10-26-checkout-payments-declined.md";
const COMPAT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/compat");

fn postmortem() -> Command {
    Command::cargo_bin("postmortem").unwrap()
}

/// A copy of the fixture repository in a fresh folder.
fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy(Path::new(REPO), dir.path());
    dir
}

fn copy(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for e in fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.path().is_dir() {
            copy(&e.path(), &target);
        } else {
            fs::copy(e.path(), target).unwrap();
        }
    }
}

fn clean_text() -> String {
    fs::read_to_string(Path::new(REPO).join(CLEAN)).unwrap()
}

/// Writes `text` at `name` under `dir`.
fn put(dir: &Path, name: &str, text: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, text).unwrap();
    path
}

fn stdout_of(cmd: &mut Command) -> (String, String, i32) {
    let out = cmd.output().unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        out.status.code().unwrap_or(-1),
    )
}

#[test]
fn a_clean_repository_passes_and_other_files_are_counted_not_failed() {
    let dir = repo();
    postmortem()
        .current_dir(dir.path())
        .arg("check")
        .assert()
        .code(0)
        .stdout("")
        .stderr(predicate::str::contains("Checked 1 postmortem: 0 errors, 0 warnings."))
        .stderr(predicate::str::contains("2 files skipped (not postmortems)"))
        .stderr(predicate::str::contains(
            "other/their-writeup.md: a postmortem written elsewhere, not checked: `postmortem import other/their-writeup.md`",
        ));
}

#[test]
fn problems_are_reported_at_the_line_of_the_row_they_are_about() {
    let dir = repo();
    // Mitigated typed after Resolved: the key times contradict each other.
    let text = clean_text().replace(
        "| Mitigated | 2025-10-26 03:24 CET | 2025-10-26 02:24 UTC |",
        "| Mitigated | 2025-10-26 03:44 CET | 2025-10-26 02:44 UTC |",
    );
    assert_ne!(text, clean_text());
    // Reported at the later of the two, the Resolved row.
    let line = text
        .lines()
        .position(|l| l.starts_with("| Resolved |"))
        .unwrap()
        + 1;
    put(dir.path(), CLEAN, &text);
    let (out, _, code) = stdout_of(
        postmortem()
            .current_dir(dir.path())
            .args(["check", "postmortems"]),
    );
    assert_eq!(code, 1, "{out}");
    let expected = format!("postmortems/2025-10-26-checkout-payments-declined.md:{line}:1: ");
    let order: Vec<&str> = out
        .lines()
        .filter(|l| l.contains("[times.order]"))
        .collect();
    assert!(
        order
            .iter()
            .any(|l| l.starts_with(&expected) && l.contains("error[times.order]")),
        "{out}"
    );
    // The response metrics under it were typed from the old times: the file
    // is not as the editor writes it, and fmt is named.
    assert!(
        out.contains("warning[file.format]")
            && out
                .contains("`postmortem fmt postmortems/2025-10-26-checkout-payments-declined.md`"),
        "{out}"
    );
}

#[test]
fn the_json_output_holds_the_editors_own_problems() {
    // One validation for both: what `check --format json` lists for a file
    // is what the editor's validation finds in the document the editor
    // reads from it (codes, paths, levels), for every compatibility fixture.
    let mut checked = 0;
    for e in fs::read_dir(COMPAT).unwrap() {
        let path = e.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name == "library.json" || !(name.ends_with(".json") || name.ends_with(".md")) {
            continue;
        }
        let text = fs::read_to_string(&path).unwrap();
        let doc = postmortem_core::file::open(&name, &text).unwrap().doc;
        let mut want: Vec<(String, String, String)> = postmortem_core::validate::validate(&doc)
            .into_iter()
            .map(|p| {
                (
                    p.code.to_string(),
                    p.path.to_string(),
                    p.level.word().to_string(),
                )
            })
            .collect();
        let (out, err, _) = stdout_of(postmortem().args(["check", "--format", "json"]).arg(&path));
        let json: serde_json::Value =
            serde_json::from_str(&out).unwrap_or_else(|e| panic!("{name}: {e}\n{out}\n{err}"));
        let mut got: Vec<(String, String, String)> = json["problems"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| !p["code"].as_str().unwrap().starts_with("file."))
            .map(|p| {
                (
                    p["code"].as_str().unwrap().to_string(),
                    p["path"].as_str().unwrap_or_default().to_string(),
                    p["level"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        want.sort();
        got.sort();
        assert_eq!(got, want, "{name}");
        checked += 1;
    }
    assert!(checked >= 18, "only {checked} fixtures");
}

#[test]
fn github_format_writes_workflow_commands_and_deny_warnings_fails_on_a_warning() {
    let dir = repo();
    // A hand edit that changes no fact: an extra space in a table row.
    let text = clean_text().replace("| Detected | 2025-10-26", "|  Detected | 2025-10-26");
    put(dir.path(), CLEAN, &text);
    let (out, _, code) = stdout_of(postmortem().current_dir(dir.path()).args([
        "check",
        "--format",
        "github",
        "postmortems",
    ]));
    assert_eq!(code, 0, "a warning alone passes: {out}");
    assert!(
        out.lines().any(|l| l.starts_with(
            "::warning file=postmortems/2025-10-26-checkout-payments-declined.md,line="
        ) && l.contains(",title=file.format::")),
        "{out}"
    );
    postmortem()
        .current_dir(dir.path())
        .args(["check", "--deny", "warnings", "postmortems"])
        .assert()
        .code(1);
}

#[test]
fn status_final_asks_for_what_final_needs() {
    let dir = repo();
    // A draft with no summary passes as a draft, not when checked as final.
    let text = clean_text()
        .replace("status: review", "status: draft")
        .replace(
            "A scheduled rotation of the gateway's client certificate shipped a chain **without the intermediate**. For 52 minutes about 38% of card payments were declined with `handshake_failure`.\n\nNo card was charged twice and no order was lost.\n",
            "",
        );
    put(dir.path(), CLEAN, &text);
    let (out, _, code) = stdout_of(
        postmortem()
            .current_dir(dir.path())
            .args(["check", "postmortems"]),
    );
    assert!(!out.contains("error["), "a draft may lack a summary: {out}");
    assert_eq!(code, 0, "{out}");
    let (out, _, code) = stdout_of(postmortem().current_dir(dir.path()).args([
        "check",
        "--status",
        "final",
        "postmortems",
    ]));
    assert_eq!(code, 1, "{out}");
    let heading = text.lines().position(|l| l == "## Summary").unwrap() + 1;
    assert!(
        out.contains(&format!(
            "2025-10-26-checkout-payments-declined.md:{heading}:1: error[required]: A postmortem marked final needs a summary"
        )),
        "{out}"
    );
}

#[test]
fn the_file_name_date_and_duplicate_incidents_are_checked() {
    let dir = repo();
    put(
        dir.path(),
        "postmortems/2025-10-27-checkout-again.md",
        clean_text(),
    );
    let (out, _, code) = stdout_of(
        postmortem()
            .current_dir(dir.path())
            .args(["check", "postmortems"]),
    );
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("postmortems/2025-10-27-checkout-again.md:")
            && out.contains("error[file.date]: The file name says 2025-10-27, but the incident started on 2025-10-26 (in Europe/Berlin)"),
        "{out}"
    );
    assert!(
        out.contains("error[file.duplicate]: This file describes the same incident as postmortems/2025-10-26-checkout-payments-declined.md"),
        "{out}"
    );
}

#[test]
fn bad_files_get_a_sentence_with_a_place_and_do_not_stop_the_others() {
    let dir = repo();
    put(
        dir.path(),
        "postmortems/binary.md",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".as_slice(),
    );
    let mut latin1 = b"---\nformat: postmortem\nversion: 1\n---\n\n# Caf".to_vec();
    latin1.extend([0xe9, b'\n']);
    put(dir.path(), "postmortems/latin1.md", latin1);
    let big = "x".repeat(6 * 1024 * 1024);
    put(dir.path(), "postmortems/huge.md", big);
    put(
        dir.path(),
        "postmortems/wrong-types.json",
        "{\n  \"format\": \"postmortem\",\n  \"version\": 1,\n  \"title\": 42,\n  \"status\": \"done\",\n  \"authors\": \"me\"\n}\n",
    );
    let broken_table = clean_text().replace(
        "| Moment | Time (Europe/Berlin) | UTC |\n| --- | --- | --- |",
        "| Moment | Time (Europe/Berlin) | UTC |\n",
    );
    put(
        dir.path(),
        "postmortems/2025-10-26-broken-table.md",
        broken_table.replace("# Checkout payments", "# Broken table of checkout payments"),
    );
    let (out, err, code) = stdout_of(
        postmortem()
            .current_dir(dir.path())
            .args(["check", "postmortems"]),
    );
    assert_eq!(code, 2, "a file that cannot be read exits 2: {out}{err}");
    assert!(
        out.contains(
            "postmortems/binary.md:1:1: error[file.unreadable]: This file is a binary file"
        ),
        "{out}"
    );
    assert!(
        out.contains(
            "postmortems/latin1.md:6:6: error[file.unreadable]: This file is not UTF-8 text"
        ),
        "{out}"
    );
    assert!(out.contains("postmortems/huge.md:1:1: error[file.unreadable]: This file is 6.0 MB; files over 5 MB are not read"), "{out}");
    // Every wrong type at once, at the line of the first.
    let types: Vec<&str> = out
        .lines()
        .filter(|l| l.starts_with("postmortems/wrong-types.json:"))
        .collect();
    assert_eq!(types.len(), 1, "{out}");
    assert!(
        types[0].contains("error[file.read]")
            && types[0].contains("title")
            && types[0].contains("authors"),
        "{out}"
    );
    // A table with no rule row is no table: its lines are kept in Notes,
    // said at its first line, and the key times it held are missing. The
    // file is still checked, and so is the clean one.
    let table = broken_table
        .lines()
        .position(|l| l.starts_with("| Moment |"))
        .unwrap()
        + 1;
    assert!(
        out.contains(&format!(
            "postmortems/2025-10-26-broken-table.md:{table}:1: warning[file.read]: Text under \u{201c}Key times\u{201d} did not fit that section; it was moved to Notes."
        )),
        "{out}"
    );
    assert!(err.contains("Checked 3 postmortems"), "{err}");
}

#[test]
fn fmt_check_passes_on_the_editors_export_and_shows_a_diff_for_a_hand_edit() {
    let dir = repo();
    postmortem()
        .current_dir(dir.path())
        .args(["fmt", "--check", "."])
        .assert()
        .code(0)
        .stdout("");
    let edited = clean_text().replace("| Detected | 2025-10-26", "|Detected| 2025-10-26");
    put(dir.path(), CLEAN, &edited);
    postmortem()
        .current_dir(dir.path())
        .args(["fmt", "--check", "."])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "--- a/postmortems/2025-10-26-checkout-payments-declined.md",
        ))
        .stdout(predicate::str::contains("-|Detected| 2025-10-26"))
        .stdout(predicate::str::contains("+| Detected | 2025-10-26"));
    assert_eq!(
        fs::read_to_string(dir.path().join(CLEAN)).unwrap(),
        edited,
        "--check wrote the file"
    );
    // fmt rewrites it to the editor's bytes, and a second fmt changes nothing.
    postmortem()
        .current_dir(dir.path())
        .args(["fmt", "."])
        .assert()
        .code(0);
    assert_eq!(
        fs::read_to_string(dir.path().join(CLEAN)).unwrap(),
        clean_text()
    );
    postmortem()
        .current_dir(dir.path())
        .args(["fmt", "--check", "."])
        .assert()
        .code(0);
    // Files that are not ours are never touched.
    assert_eq!(
        fs::read_to_string(dir.path().join("other/their-writeup.md")).unwrap(),
        fs::read_to_string(Path::new(REPO).join("other/their-writeup.md")).unwrap()
    );
}

#[test]
fn convert_gives_the_bytes_an_earlier_editor_exported() {
    let mut n = 0;
    for e in fs::read_dir(COMPAT).unwrap() {
        let path = e.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let Some(stem) = name.strip_suffix(".md.json") else {
            continue;
        };
        // The JSON export, converted to JSON, is the same bytes.
        let json = path.with_file_name(format!("{stem}.json"));
        postmortem()
            .args(["convert", "--to", "json"])
            .arg(&json)
            .assert()
            .code(0)
            .stdout(fs::read_to_string(&json).unwrap());
        // The Markdown export read back is what that build read (but for the
        // one pre-1970 wall clock the old build read wrong, see core's compat).
        if stem != "multizone" {
            postmortem()
                .args(["convert", "--to", "json"])
                .arg(path.with_file_name(format!("{stem}.md")))
                .assert()
                .code(0)
                .stdout(fs::read_to_string(&path).unwrap());
        }
        n += 1;
    }
    assert!(n >= 9);
}

#[test]
fn import_writes_our_file_and_puts_the_review_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("2024-09-18-search-outage.md");
    postmortem()
        .args(["import", &format!("{REPO}/other/their-writeup.md"), "-o"])
        .arg(&out)
        .assert()
        .code(0)
        .stderr(predicate::str::contains("Import review of"));
    let written = fs::read_to_string(&out).unwrap();
    assert!(
        written.starts_with("---\nformat: postmortem\n"),
        "{written}"
    );
    assert!(written.contains("# Search Outage Retro"));
    // What was written is ours: check reads it as ours.
    let (_, err, _) = stdout_of(postmortem().arg("check").arg(&out));
    assert!(err.contains("Checked 1 postmortem"), "{err}");
}

#[test]
fn import_with_a_zone_rereads_the_times_that_had_none() {
    let dir = tempfile::tempdir().unwrap();
    let src = put(
        dir.path(),
        "notes.md",
        "# Database failover\n\nDate: 2025-03-12\n\n## Timeline\n\n- 03:15 replication lag alert fires\n- 03:40 failover completes\n\n## Root cause\n\nA full disk.\n",
    );
    let (out, err, code) = stdout_of(
        postmortem()
            .args(["import", "--zone", "Africa/Lagos", "--to", "json"])
            .arg(&src),
    );
    assert_eq!(code, 0, "{err}");
    // Both events, and the key time taken from the first of them.
    assert!(err.contains("Re-read 3 times in Africa/Lagos"), "{err}");
    assert!(
        out.contains("2025-03-12T03:15:00+01:00[Africa/Lagos]"),
        "{out}"
    );
    let (_, err, code) = stdout_of(
        postmortem()
            .args(["import", "--zone", "Mars/Olympus"])
            .arg(&src),
    );
    assert_eq!(code, 2);
    assert!(err.contains("--zone Mars/Olympus"), "{err}");
}

#[test]
fn new_writes_a_dated_file_and_never_over_one() {
    let dir = tempfile::tempdir().unwrap();
    let (out, err, code) = stdout_of(
        postmortem()
            .args(["new", "--template", "short", "--zone", "UTC", "--dir"])
            .arg(dir.path())
            .arg("Checkout payments declined"),
    );
    assert_eq!(code, 0, "{err}");
    let path = PathBuf::from(out.trim());
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        name.ends_with("-checkout-payments-declined.md") && name.as_bytes()[4] == b'-',
        "{name}"
    );
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains("# Checkout payments declined"));
    postmortem()
        .args(["new", "--template", "short", "--zone", "UTC", "--dir"])
        .arg(dir.path())
        .arg("Checkout payments declined")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already exists"));
}

#[test]
fn bad_usage_exits_2_and_help_shows_examples() {
    postmortem()
        .args(["check", "--format", "xml"])
        .assert()
        .code(2);
    postmortem()
        .args(["check", "no/such/folder"])
        .assert()
        .code(2)
        .stdout(predicate::str::contains(
            "no/such/folder:1:1: error[file.unreadable]: cannot be read: no such file or folder",
        ));
    postmortem()
        .args(["check", "--help"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "postmortem check --format github --deny warnings",
        ));
}

#[test]
fn check_and_fmt_agree_on_a_file_checked_out_with_crlf_line_endings() {
    // Git on Windows may check files out with CRLF: neither command calls
    // that a difference from the editor's file.
    let dir = repo();
    put(dir.path(), CLEAN, clean_text().replace('\n', "\r\n"));
    let (out, _, code) = stdout_of(
        postmortem()
            .current_dir(dir.path())
            .args(["check", "postmortems"]),
    );
    assert_eq!((code, out.as_str()), (0, ""));
    postmortem()
        .current_dir(dir.path())
        .args(["fmt", "--check", "postmortems"])
        .assert()
        .code(0)
        .stdout("");
}
