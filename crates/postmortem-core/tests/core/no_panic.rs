//! Bad input never panics: both importers take arbitrary text, and text built
//! from the pieces real postmortems are made of (times, zones, headings, dashes).

use postmortem_core::model::Stamp;
use postmortem_core::time::clock::{self, Context};
use postmortem_core::{format::json, paste, time::zones};
use proptest::prelude::*;
use proptest::sample::select;

fn postmortem_ish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        any::<String>(),
        select(vec![
            "---\n",
            "format: postmortem\n",
            "version: 1\n",
            "version: 9\n",
            "# ",
            "## Timeline\n",
            "Timeline\n",
            "Posted ",
            "Apr 29, 2026 - 15:35 PDT",
            "2026-02-17 09:05 UTC",
            "7:52 : ",
            "12:00 p.m.",
            "03:15 WAT - ",
            "\u{2013}",
            "â€“",
            "| a | b |\n",
            "| --- | --- |\n",
            "- [ ] ",
            "> [!note]\n",
            "```\n",
            "Start: ",
            "Duration: ",
            "\u{2022} Resolved\n",
            "Resolved\n",
            "\n",
            "  ",
            ":",
            "(",
            "UTC",
            "IST",
            "24:00",
            "99:99",
            "February 30th, 2024 at 8:04 p.m.",
            "[10:42 AM] ",
            "**03:15** ",
            "3:20 p.m.",
            "12:05am",
            "03:20Z",
            "UTC+1",
            " Africa/Lagos",
            "2025-03-12 ",
            "1. ",
            "\t",
        ])
        .prop_map(str::to_string),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

    #[test]
    fn markdown_import_never_panics(text in postmortem_ish()) {
        let _ = postmortem_core::file::from_markdown(&text);
    }

    #[test]
    fn json_import_never_panics(text in postmortem_ish()) {
        let _ = json::from_json(&text);
    }

    #[test]
    fn arbitrary_unicode_never_panics(text in any::<String>()) {
        let _ = postmortem_core::file::from_markdown(&text);
        let _ = json::from_json(&text);
    }

    #[test]
    fn typed_and_pasted_times_never_panic(text in postmortem_ish(), zone in select(vec!["Africa/Lagos", "America/Los_Angeles", "Mars/Olympus", "+05:45"])) {
        let anchored = Context {
            anchor: zones::parse_stamp(&Stamp("2025-03-09T01:50:00-08:00[America/Los_Angeles]".into())).ok(),
            zone: zone.to_string(),
            zone_from_anchor: true,
        };
        let unanchored = Context { anchor: None, zone: zone.to_string(), zone_from_anchor: false };
        for ctx in [&anchored, &unanchored] {
            if let Err(e) = clock::read(&text, ctx) {
                prop_assert!(!e.to_string().is_empty());
            }
            let _ = paste::timeline(&text, ctx);
        }
        let _ = zones::find_zone(&text);
        let _ = zones::suggest_zones(&text, 5);
    }

    #[test]
    fn markdown_line_shapes_never_panic(text in postmortem_ish(), other in any::<String>()) {
        use postmortem_core::gfm;
        for t in [&text, &other] {
            let defs = gfm::Definitions::of(t);
            for line in t.lines().chain([t.as_str()]) {
                let _ = gfm::is_rule_row(line);
                let _ = gfm::row_cells(line, gfm::Pipes::Escapable);
                let _ = gfm::row_cells(line, gfm::Pipes::AllSplit);
                let _ = gfm::item_text(line);
                let _ = gfm::link(line, &defs);
                let _ = postmortem_core::time::offset::parse(line, postmortem_core::time::offset::Hour::OneOrTwo);
            }
        }
    }
}
