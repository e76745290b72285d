//! What the Markdown export leaves out and how it names files: no empty `#`
//! heading for an untitled postmortem, no rows with nothing typed in them, no
//! made-up date in the name of an undated incident, and backticks in an
//! action title rendered as code (on GitHub as in the preview).

use postmortem_core::file::from_markdown;
use postmortem_core::format::markdown::to_markdown;
use postmortem_core::format::markdown::write::without_blank_rows;
use postmortem_core::model::*;
use postmortem_core::naming::file_stem;
use postmortem_core::preview as render;
use postmortem_core::sample::Template;
use postmortem_core::{format::json, validate};

fn lines(md: &str) -> Vec<&str> {
    md.lines().collect()
}

/// The Markdown of a document read back, checked to be our own file.
fn back(md: &str) -> Document {
    let imported = from_markdown(md).unwrap();
    assert!(imported.review.own_format, "{md}");
    assert!(imported.notices.is_empty(), "{:?}", imported.notices);
    imported.doc
}

#[test]
fn an_untitled_postmortem_writes_no_empty_heading() {
    let doc = Document {
        summary: "The queue stalled.".into(),
        ..Document::default()
    };
    let md = to_markdown(&doc);
    assert!(
        lines(&md)
            .iter()
            .all(|l| !l.starts_with('#') || l.starts_with("## ")),
        "{md}"
    );
    // The body starts with the first section, and reads back untitled.
    assert!(
        md.contains("---\n\n## Summary\n\nThe queue stalled.\n"),
        "{md}"
    );
    assert_eq!(back(&md), doc);
    // An empty document is the front matter alone.
    let md = to_markdown(&Document::default());
    assert!(md.ends_with("time_zone: \"UTC\"\n---\n"), "{md:?}");
    assert_eq!(back(&md), Document::default());
    // A title is still the one `#` heading.
    let titled = Document {
        title: "Queue stall".into(),
        ..doc
    };
    assert!(to_markdown(&titled).contains("\n# Queue stall\n"));
}

#[test]
fn template_rows_with_nothing_typed_are_not_exported() {
    let mut doc = Template::Full.document("Europe/Berlin");
    doc.title = "Queue stall".into();
    let empty_rows = doc.timeline.len();
    assert!(empty_rows >= 4);
    doc.timeline[1].text = "Lag alert fires".into();
    doc.actions[1].title = "Alert on lag".into();
    doc.lessons.went_well = vec!["The alert fired".into(), String::new()];
    doc.links = vec![
        Link::default(),
        Link {
            title: "Dashboard".into(),
            url: "https://grafana.example.com/d/q".into(),
        },
    ];
    doc.updates = vec![
        StatusUpdate::default(),
        StatusUpdate {
            state: UpdateState::Monitoring,
            text: "Lag is falling.".into(),
            ..StatusUpdate::default()
        },
    ];
    let md = to_markdown(&doc);
    let rows = lines(&md);
    // Only the typed rows: one event, one action, one lesson, one link, one update.
    for kind in ["change", "detection", "mitigation", "resolution"] {
        assert!(
            !rows.contains(&format!("| | | {kind} | |").as_str()),
            "{md}"
        );
    }
    assert!(!rows.contains(&"-"), "{md}");
    assert!(
        !rows.iter().any(|l| l.starts_with("| | | | prevent")),
        "{md}"
    );
    assert!(
        rows.contains(&"| | | detection | Lag alert fires |"),
        "{md}"
    );
    assert!(
        rows.contains(&"| Alert on lag | | | detect | | open | |"),
        "{md}"
    );
    assert!(rows.contains(&"- The alert fired"), "{md}");
    assert!(rows.contains(&"- [Dashboard](<https://grafana.example.com/d/q>)"));
    let subheadings: Vec<&str> = rows
        .iter()
        .copied()
        .filter(|l| l.starts_with("### "))
        .collect();
    assert_eq!(
        subheadings,
        ["### What went well", "### Monitoring"],
        "{md}"
    );
    // Sections whose every row is empty are left out with them.
    for gone in [
        "## Impact",
        "### Metrics",
        "## Root cause",
        "### Contributing factors",
        "### What went wrong",
        "### Where we got lucky",
    ] {
        assert!(!rows.contains(&gone), "{gone} in\n{md}");
    }
    // Read back, the document is the one without the empty rows ...
    let read = back(&md);
    assert_eq!(read, without_blank_rows(&doc));
    assert_eq!(read.timeline.len(), 1);
    assert_eq!(read.actions.len(), 1);
    assert_eq!(read.updates.len(), 1);
    assert_eq!(read.links.len(), 1);
    // ... while the JSON file, the lossless one, keeps every row.
    assert_eq!(json::from_json(&json::to_json(&doc)).unwrap(), doc);
    assert_eq!(doc.timeline.len(), empty_rows);
}

#[test]
fn a_row_with_only_a_choice_made_is_still_empty_but_one_with_a_time_is_not() {
    let doc = Document {
        title: "Rows".into(),
        timeline: vec![
            TimelineEntry {
                kind: TimelineKind::Resolution,
                approximate: true,
                ..TimelineEntry::default()
            },
            TimelineEntry {
                at: Some(Stamp("2025-03-12T03:15:00+00:00[UTC]".into())),
                ..TimelineEntry::default()
            },
        ],
        actions: vec![
            ActionItem {
                priority: Some(Priority::P0),
                status: ActionStatus::Done,
                ..ActionItem::default()
            },
            ActionItem {
                owner: "Ada".into(),
                ..ActionItem::default()
            },
        ],
        ..Document::default()
    };
    let read = back(&to_markdown(&doc));
    assert_eq!(read.timeline, doc.timeline[1..]);
    assert_eq!(read.actions, doc.actions[1..]);
    assert_eq!(read, without_blank_rows(&doc));
}

#[test]
fn an_undated_incident_is_named_by_its_title_alone() {
    let today = jiff::civil::date(2026, 5, 1);
    let mut doc = Document {
        title: "Queue stall".into(),
        ..Document::default()
    };
    // No time reads: the name carries no date (not the day of the export).
    doc.times.started = Some(Stamp("soon".into()));
    assert_eq!(file_stem(&doc), "queue-stall");
    assert!(!file_stem(&doc).contains(&today.to_string()));
    doc.title.clear();
    assert_eq!(file_stem(&doc), "postmortem");
    // A dated incident keeps its date.
    doc.times.started = Some(Stamp("2025-12-31T23:59:00+00:00[UTC]".into()));
    assert_eq!(file_stem(&doc), "2025-12-31-postmortem");
}

fn with_action(title: &str) -> Document {
    Document {
        title: "Pool".into(),
        actions: vec![ActionItem {
            title: title.into(),
            ..ActionItem::default()
        }],
        ..Document::default()
    }
}

/// The Action cell of the one action row of an export.
fn action_cell(md: &str) -> String {
    let row = md
        .lines()
        .skip_while(|l| *l != "## Action items")
        .nth(4)
        .unwrap();
    row.strip_prefix("| ")
        .unwrap()
        .split(" | ")
        .next()
        .unwrap()
        .to_string()
}

#[test]
fn backticks_in_an_action_title_render_as_code() {
    let title = "Reject configs without `max_pool_size` or `rate_limit`";
    let md = to_markdown(&with_action(title));
    assert_eq!(action_cell(&md), title);
    let html = render::safe_html(&md);
    assert!(
        html.contains(
            "<td>Reject configs without <code>max_pool_size</code> or <code>rate_limit</code></td>"
        ),
        "{html}"
    );
    assert_eq!(back(&md), with_action(title));
}

#[test]
fn outside_code_an_action_title_stays_literal_and_every_title_reads_back() {
    // Emphasis, links and HTML outside code are text, as before.
    let md = to_markdown(&with_action("Raise *all* limits_x2 <b> [x](y) `ok`"));
    assert_eq!(
        action_cell(&md),
        "Raise \\*all\\* limits\\_x2 \\<b\\> \\[x\\](y) `ok`"
    );
    let html = render::safe_html(&md);
    assert!(
        html.contains("Raise *all* limits_x2 &lt;b&gt; [x](y) <code>ok</code>"),
        "{html}"
    );
    // A pipe in code stays in its cell; code the reader would change is escaped whole.
    let md = to_markdown(&with_action("Run `a | b` daily"));
    assert_eq!(action_cell(&md), "Run `a \\| b` daily");
    assert!(render::safe_html(&md).contains("<td>Run <code>a | b</code> daily</td>"));
    for title in [
        "Run `a | b` daily",
        "`C:\\dir\\*` and `x`",
        "`a\\`",
        "`<br>` tags",
        "two `\nlines`",
        "``a`b`` and ` and `` ` ``",
        "\\`x` then `y`",
        "`unclosed",
        "```",
        "`|`",
    ] {
        let doc = with_action(title);
        let md = to_markdown(&doc);
        assert_eq!(back(&md), doc, "{title:?}\n{md}");
        // The table keeps its seven cells.
        let html = render::safe_html(&md);
        let row = html.split("<tbody>").nth(1).unwrap();
        assert_eq!(row.matches("<td").count(), 7, "{title:?}\n{html}");
    }
}

#[test]
fn a_file_an_earlier_build_wrote_with_escaped_backticks_reads_the_same() {
    let old = "---\nformat: postmortem\nversion: 1\nstatus: draft\nseverity: null\nauthors: []\ntags: []\nservices: []\ntime_zone: \"UTC\"\n---\n\n# Pool\n\n## Action items\n\n| Action | Owner | Due | Kind | Priority | Status | Link |\n| --- | --- | --- | --- | --- | --- | --- |\n| Add \\`max\\_pool\\_size\\` | | | | | open | |\n";
    assert_eq!(back(old), with_action("Add `max_pool_size`"));
}

#[test]
fn seed_003_action_titles_show_their_code() {
    let Some(text) = crate::support::seed("003") else {
        return;
    };
    let doc = from_markdown(&text).unwrap().doc;
    let md = to_markdown(&doc);
    assert!(md.contains("(`max_pool_size`, `rate_limit`, etc.)"), "{md}");
    assert!(!md.contains("\\`"), "{md}");
    assert_eq!(back(&md), without_blank_rows(&doc));
    // Validation has nothing new to say about the export.
    assert_eq!(validate::validate(&back(&md)), validate::validate(&doc));
}

#[test]
fn a_hand_edited_rule_row_with_a_tab_still_heads_a_table() {
    // An editor that turns spaces into a tab must not make the actions text.
    let md = "---\nformat: postmortem\nversion: 1\nstatus: draft\nseverity: null\nauthors: []\ntags: []\nservices: []\ntime_zone: \"UTC\"\n---\n\n# Pool\n\n## Action items\n\n| Action | Owner | Due | Kind | Priority | Status | Link |\n|---|---|---|---|---|---|---\t|\n| Add \\`max\\_pool\\_size\\` | | | | | open | |\n";
    assert_eq!(back(md), with_action("Add `max_pool_size`"));
}

#[test]
fn links_read_back_whatever_their_title_and_url() {
    let mut doc = Document::default();
    for (title, url) in [
        ("   ", "https://a.example/&amp;b"),
        (" a ] [ b ", "https://a.example/(x) (y)"),
        ("\t", "x\\y <z>"),
        ("", "https://a.example/a_(b)"),
        ("a\nb", "c"),
    ] {
        doc.links.push(Link {
            title: title.to_string(),
            url: url.to_string(),
        });
    }
    assert_eq!(back(&to_markdown(&doc)).links, doc.links);
}

#[test]
fn a_hand_written_link_is_read_as_github_shows_it() {
    let head = "---\nformat: postmortem\nversion: 1\nstatus: draft\nseverity: null\nauthors: []\ntags: []\nservices: []\ntime_zone: \"UTC\"\n---\n\n# Pool\n\n## Links\n\n";
    let links = |body: &str| {
        let imported = from_markdown(&format!("{head}{body}\n")).unwrap();
        (imported.doc.links, imported.doc.notes)
    };
    // A tooltip is not part of the URL.
    let (l, _) = links("- [Runbook](https://r.example/pool \"the pool runbook\")");
    assert_eq!(l.len(), 1);
    assert_eq!(l[0].url, "https://r.example/pool");
    // Two links on one line are not one link with a made-up URL: the line is kept as written.
    let (l, notes) = links("- [a](https://a.example) and [b](https://b.example)");
    assert!(l.is_empty(), "{l:?}");
    assert!(
        notes.contains("[a](https://a.example) and [b](https://b.example)"),
        "{notes}"
    );
}
