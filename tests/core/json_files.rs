//! The JSON file: deterministic bytes, and errors that say where and what to do.

use crate::gen::document;
use crate::support::fixture;
use postmortem::core::json::{from_json, syntax, to_json};
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

/// Our tree as serde_json's, numbers read by serde_json from their text.
fn as_serde(node: &syntax::Node) -> serde_json::Value {
    use serde_json::Value as S;
    use syntax::Value as V;
    match &node.value {
        V::Null => S::Null,
        V::Bool(b) => S::Bool(*b),
        V::Number(n) => serde_json::from_str(n).unwrap(),
        V::String(s) => S::String(s.clone()),
        V::Array(items) => S::Array(items.iter().map(as_serde).collect()),
        V::Object(members) => S::Object(
            members
                .iter()
                .map(|m| (m.key.clone(), as_serde(&m.node)))
                .collect(),
        ),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    /// The writer lays files out byte for byte as serde_json's pretty printer
    /// does (files written by earlier builds, with serde, diff cleanly).
    #[test]
    fn the_writer_matches_serde_jsons_layout(doc in document()) {
        let ours = to_json(&doc);
        let tree: serde_json::Value = serde_json::from_str(&ours).unwrap();
        prop_assert_eq!(ours, serde_json::to_string_pretty(&tree).unwrap() + "\n");
    }

    /// Damaged files (a character dropped, doubled or replaced) are accepted
    /// or refused exactly when serde_json accepts or refuses them, and read
    /// to the same values.
    #[test]
    fn the_reader_agrees_with_serde_json_on_damaged_files(
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
        let ours = syntax::parse(&text);
        let theirs = serde_json::from_str::<serde_json::Value>(&text);
        match (&ours, &theirs) {
            (Ok(node), Ok(value)) => prop_assert_eq!(&as_serde(node), value, "{}", text),
            (Err(e), Ok(_)) => prop_assert!(e.message.contains("twice"), "refused what serde_json reads: {:?}\n{}", e, text),
            // serde_json refuses numbers beyond f64's range; the file format reads no such number.
            (Ok(_), Err(e)) => prop_assert!(e.to_string().contains("out of range"), "read what serde_json refuses ({})\n{}", e, text),
            (Err(_), Err(_)) => {}
        }
    }

    /// Any text at all is read without a panic, and strings come back as written.
    #[test]
    fn strings_come_back_as_written(s in "\\PC*|[\u{0}-\u{1f}\"\\\\/]*") {
        let literal = syntax::string_literal(&s);
        prop_assert_eq!(&literal, &serde_json::to_string(&s).unwrap());
        prop_assert_eq!(syntax::parse_string(&literal), Some(s));
    }
}

#[test]
fn syntax_errors_point_at_the_place() {
    let cases: &[(&str, (usize, usize), &str)] = &[
        ("[1, 2,]", (1, 7), "must not end with a comma"),
        ("{\"a\": 1,\n \"a\": 2}", (2, 2), "\"a\" appears twice"),
        ("{\"a\" 1}", (1, 6), "colon"),
        ("[01]", (1, 2), "number"),
        ("\"tab\there\"", (1, 5), "control character"),
        ("\"\\ud800\"", (1, 8), "surrogate"),
        ("\"\\x\"", (1, 3), "escape"),
        ("[\"open", (1, 7), "ends inside a string"),
        ("{} {}", (1, 4), "more after the end"),
        ("[nul]", (1, 2), "double quotes"),
    ];
    for (text, at, says) in cases {
        let e = syntax::parse(text).expect_err(text);
        assert_eq!(syntax::line_column(text, e.offset), *at, "{text}: {e:?}");
        assert!(e.message.contains(says), "{text}: {e:?}");
    }
    let deep = "[".repeat(syntax::MAX_DEPTH) + &"]".repeat(syntax::MAX_DEPTH);
    assert!(syntax::parse(&deep).is_ok());
    let deeper = "[".repeat(100_000);
    assert!(syntax::parse(&deeper)
        .unwrap_err()
        .message
        .contains("nested too deeply"));
}
