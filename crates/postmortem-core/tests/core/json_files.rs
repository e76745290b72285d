//! The JSON file: deterministic bytes, and errors that say where and what to do.

use crate::gen::document;
use crate::support::fixture;
use postmortem_core::format::json::{from_json, to_json};
use proptest::prelude::*;

#[test]
fn export_is_byte_deterministic_with_fixed_layout() {
    let doc = fixture("full");
    let a = to_json(&doc);
    assert_eq!(a, to_json(&doc.clone()));
    assert!(a.starts_with("{\n  \"format\": \"postmortem\",\n  \"version\": 1,\n  \"title\": "));
    assert!(a.ends_with("}\n") && !a.ends_with("\n\n") && !a.contains('\r'));
    assert_eq!(from_json(&a).unwrap(), doc);
}

fn error(text: &str) -> String {
    from_json(text).expect_err("should be refused").to_string()
}

#[test]
fn not_json_names_the_line() {
    let e = error("{\n  \"format\": \"postmortem\",\n  \"version\": 1\n  \"title\": \"x\"\n}");
    assert!(
        e.starts_with("Line 4, column 3: this is not valid JSON"),
        "{e}"
    );
}

#[test]
fn other_formats_and_newer_versions_are_refused_with_advice() {
    assert!(error("[1, 2]").contains("not a postmortem"));
    assert!(error(r#"{"title": "x"}"#).contains("no \"format\": \"postmortem\""));
    let e = error(r#"{"format": "postmortem", "version": 2}"#);
    assert!(e.contains("newer editor") && e.contains("version 2"), "{e}");
    assert!(error(r#"{"format": "incident", "version": 1}"#).contains("\"incident\""));
}

#[test]
fn a_typo_in_a_key_is_an_error_naming_its_path() {
    let mut value: serde_json::Value = serde_json::from_str(&to_json(&fixture("full"))).unwrap();
    value["actions"][1]["ownr"] = value["actions"][1]["owner"].take();
    value["actions"][1].as_object_mut().unwrap().remove("owner");
    let text = serde_json::to_string_pretty(&value).unwrap();
    let e = error(&text);
    assert!(
        e.contains("actions[1].ownr") && e.contains("unknown key `ownr`") && e.starts_with("Line "),
        "{e}"
    );
}

#[test]
fn wrong_types_name_the_field() {
    let e = error(r#"{"format": "postmortem", "version": 1, "timeline": [{"kind": "explosion"}]}"#);
    assert!(
        e.contains("timeline[0].kind") && e.contains("explosion"),
        "{e}"
    );
}

#[test]
fn missing_keys_take_defaults_and_rfc3339_is_accepted() {
    let doc = from_json(
        r#"{"format": "postmortem", "version": 1, "times": {"started": "2025-03-12T02:15:00Z"}}"#,
    )
    .unwrap();
    assert_eq!(doc.time_zone, "UTC");
    assert_eq!(
        doc.times.started.unwrap().0,
        "2025-03-12T02:15:00+00:00[UTC]"
    );
    assert!(doc.timeline.is_empty() && doc.title.is_empty());
}

#[test]
fn errors_deep_inside_name_the_whole_path() {
    // A number where a time stamp belongs, inside an object inside the document.
    let e = error(
        "{\"format\": \"postmortem\", \"version\": 1,\n \"times\": {\"detected\": null, \"started\": 17}}",
    );
    assert!(
        e.contains("times.started") && e.starts_with("Line 2"),
        "{e}"
    );
    // The third entry of the timeline, after entries holding brackets, braces
    // and commas inside their strings.
    let e = error(concat!(
        r#"{"format": "postmortem", "version": 1, "timeline": ["#,
        r#"{"text": "a, [b] {c}"}, {"text": "quote \" and , comma"}, {"text": ["not", "text"]}]}"#
    ));
    assert!(e.contains("timeline[2].text"), "{e}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Damaged files (a character dropped, doubled or replaced) are read or
    /// refused with a sentence, never a panic; when refused for their syntax,
    /// the sentence names a line and column inside the file.
    #[test]
    fn damaged_files_are_refused_with_a_place(
        doc in document(),
        cuts in prop::collection::vec((any::<prop::sample::Index>(), 0usize..4, prop::sample::select(&[
            "\"", "\\", ",", ":", "[", "]", "{", "}", " ", "0", "-", ".", "e", "1", "n", "\\u", "\\ud800", "\u{1}", "\u{e9}", "tru",
        ][..])), 1..4),
    ) {
        let mut text = to_json(&doc);
        for (at, how, piece) in cuts {
            let mut i = at.index(text.len() + 1);
            while !text.is_char_boundary(i) { i -= 1; }
            let next = text[i..].chars().next().map_or(0, char::len_utf8);
            match how {
                0 => { text.replace_range(i..i + next, ""); }
                1 => text.insert_str(i, piece),
                2 => text.replace_range(i..i + next, piece),
                _ => { let c = text[i..i + next].to_string(); text.insert_str(i, &c); }
            }
        }
        if let Err(e) = from_json(&text) {
            let lines = text.lines().count().max(1);
            if let Some(line) = e.line {
                prop_assert!(line <= lines + 1, "line {} of {}: {}", line, lines, e);
            }
            prop_assert!(e.message.ends_with('.'), "not a sentence: {}", e);
        }
    }
}

#[test]
fn a_repeated_key_has_its_own_sentence() {
    let e = error(
        "{\"format\": \"postmortem\", \"version\": 1,\n \"title\": \"a\",\n \"title\": \"b\"}",
    );
    assert!(
        e.starts_with("Line 3") && e.contains("`title` appears twice"),
        "{e}"
    );
    assert!(!e.contains("missing comma"), "{e}");
    let e = error(
        r#"{"format": "postmortem", "version": 1, "actions": [{"owner": "a", "owner": "b"}]}"#,
    );
    assert!(
        e.contains("actions[0]") && e.contains("`owner` appears twice"),
        "{e}"
    );
    let e = error(r#"{"format": "postmortem", "format": "postmortem", "version": 1}"#);
    assert!(e.contains("`format` appears twice"), "{e}");
}

#[test]
fn syntax_errors_point_at_the_place() {
    let head = "{\"format\": \"postmortem\", \"version\": 1,\n";
    let cases: &[(&str, (usize, usize))] = &[
        // the closing brace after the comma
        ("\"title\": \"x\",}", (2, 14)),
        // the value where the colon belongs
        ("\"title\" \"x\"}", (2, 9)),
        // the tab inside the string
        ("\"title\": \"tab\there\"}", (2, 13)),
        // the end of the text, inside a string
        ("\"title\": \"open", (2, 14)),
        // the second object after the end
        ("\"title\": \"x\"} {}", (2, 15)),
    ];
    for (tail, (line, column)) in cases {
        let text = format!("{head}{tail}");
        let e = from_json(&text).expect_err(&text);
        assert_eq!(
            (e.line, e.column),
            (Some(*line), Some(*column)),
            "{text}: {e}"
        );
        assert!(e.message.contains("not valid JSON"), "{text}: {e}");
    }
    // Deep nesting is refused with a sentence, never a stack overflow.
    for depth in [200, 100_000] {
        let deep = format!(
            "{head}\"notes\": {}{}}}",
            "[".repeat(depth),
            "]".repeat(depth)
        );
        let e = from_json(&deep).unwrap_err();
        assert!(e.message.ends_with('.') && e.line.is_some(), "{e}");
    }
}

#[test]
fn text_from_the_file_does_not_garble_the_sentence() {
    let e = error(r#"{"format": "postmortem", "version": 1, "impact": {"a, expected b": 1}}"#);
    assert!(
        e.contains("unknown key `a, expected b`; the keys here are description or metrics."),
        "{e}"
    );
    let e = error(r#"{"format": "postmortem", "version": 1, "status": "x, expected one of `y`"}"#);
    assert!(
        e.contains("\"x, expected one of `y`\" is not one of the values allowed here: draft, review, final."),
        "{e}"
    );
    let e = error(r#"{"format": "postmortem", "version": 1, "impact": "foo, expected bar"}"#);
    assert!(
        e.contains("(impact): an object in { } was expected here, not text."),
        "{e}"
    );
    let e = error("");
    assert!(
        e.starts_with("Line 1, column 1: this is not valid JSON"),
        "{e}"
    );
}

#[test]
fn every_wrong_type_is_listed_at_once_with_its_place() {
    let text = "{\n  \"format\": \"postmortem\",\n  \"version\": 1,\n  \"title\": 42,\n  \"summary\": [\"a\"],\n  \"status\": \"finished\",\n  \"tags\": \"db\",\n  \"notes\": true\n}\n";
    let e = error(text);
    // Places are serde_json's, as for a single error: the end of the wrong value.
    for expected in [
        "Line 4, column 13 (title): text in double quotes was expected here, not a number.",
        "Line 5, column 13 (summary): text in double quotes was expected here, not a list.",
        "Line 6, column 22 (status): \"finished\"",
        "Line 7, column 14 (tags): a list in [ ] was expected here, not text.",
        "Line 8, column 15 (notes): text in double quotes was expected here, not true or false.",
    ] {
        assert!(e.contains(expected), "missing {expected:?} in:\n{e}");
    }
    assert!(
        e.starts_with("5 values need fixing before this file can be opened:"),
        "{e}"
    );
}
