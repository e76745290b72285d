//! The JSON file: deterministic bytes, and errors that say where and what to do.

use crate::support::fixture;
use postmortem::core::json::{from_json, to_json};

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
        e.contains("actions[1].ownr")
            && e.contains("unknown field `ownr`")
            && e.starts_with("Line "),
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

#[test]
fn path_locator_survives_positions_outside_the_text() {
    use postmortem::core::json::path_at;
    let text = "{\"a\": [1, {\"é\\\"\": 2}]}";
    assert_eq!(path_at(text, 1, 18).as_deref(), Some("a[1].é\""));
    assert_eq!(path_at(text, 9, 400), None);
    assert_eq!(path_at(text, 1, 9999), None);
    assert_eq!(path_at("\"é", 1, 2), None);
}
