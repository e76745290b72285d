//! `import(export(d)) == d` for JSON and Markdown, over generated documents.

use crate::gen::document;
use postmortem::core::{json, markdown};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn json_round_trip_is_exact(doc in document()) {
        let text = json::to_json(&doc);
        let back = json::from_json(&text).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&back, &doc);
        prop_assert_eq!(json::to_json(&back), text, "export is deterministic");
    }

    #[test]
    fn markdown_round_trip_is_exact(doc in document()) {
        let text = markdown::to_markdown(&doc);
        let back = markdown::from_markdown(&text).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(back.notices.is_empty(), "notices on own export: {:?}\n{}", back.notices, text);
        prop_assert_eq!(&back.doc, &doc, "\n--- markdown ---\n{}", text);
        prop_assert_eq!(markdown::to_markdown(&back.doc), text);
    }
}
