//! Fixtures and helpers shared by the core tests.

use postmortem::core::json;
use postmortem::core::model::Document;

/// A JSON fixture from tests/fixtures/, parsed.
pub fn fixture(name: &str) -> Document {
    let path = format!("{}/tests/fixtures/{name}.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    json::from_json(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A foreign Markdown fixture's text.
pub fn foreign(name: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/foreign/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}
