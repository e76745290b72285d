//! `import(export(d)) == d` for JSON and Markdown, over generated documents.

use crate::gen::document;
use postmortem_core::format::markdown::write::without_blank_rows;
use postmortem_core::{format::json, format::markdown};
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

    /// Exact for every document without rows that have nothing typed in
    /// them; those the Markdown leaves out (the JSON keeps them).
    #[test]
    fn markdown_round_trip_is_exact(doc in document()) {
        let text = markdown::to_markdown(&doc);
        let back = postmortem_core::file::from_markdown(&text).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(back.notices.is_empty(), "notices on own export: {:?}\n{}", back.notices, text);
        let typed = without_blank_rows(&doc);
        prop_assert_eq!(&back.doc, &typed, "\n--- markdown ---\n{}", text);
        if typed == doc {
            prop_assert_eq!(&back.doc, &doc);
        }
        prop_assert_eq!(markdown::to_markdown(&back.doc), text);
    }
}

#[test]
fn fixtures_templates_and_a_long_document_round_trip() {
    use postmortem_core::sample::{long_incident, Template};
    let mut docs = vec![
        crate::support::fixture("full"),
        crate::support::fixture("hostile"),
        long_incident(500),
    ];
    docs.extend(Template::ALL.iter().map(|t| t.document("Asia/Kolkata")));
    for doc in docs {
        assert_eq!(json::from_json(&json::to_json(&doc)).unwrap(), doc);
        let back = postmortem_core::file::from_markdown(&markdown::to_markdown(&doc)).unwrap();
        // The templates' empty rows are left out of the Markdown.
        assert_eq!(back.doc, without_blank_rows(&doc), "{}", doc.title);
        assert!(back.notices.is_empty(), "{:?}", back.notices);
    }
}
