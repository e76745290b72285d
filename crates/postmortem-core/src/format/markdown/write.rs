//! Writes a document as Markdown: YAML front matter with the metadata, then
//! `# Title` and the sections in a fixed order.
//!
//! The title is written once, as the `# Title` heading: a `title:` key in the
//! front matter would count as a second top-level heading to markdownlint
//! (MD025) and to renderers that show it. Files from earlier versions carry
//! both; the importer still reads the key, and the heading wins.
//!
//! Deterministic (same document, same bytes), LF, one final newline. Empty
//! sections are left out, and so are rows with nothing typed in them (see
//! [`without_blank_rows`]); an untitled document has no `#` heading. Every
//! time is shown in the document zone with its abbreviation, beside UTC; a
//! time entered in another zone says which, so re-import restores the exact
//! stamp. The body is what re-import reads;
//! derived figures (UTC column, response metrics) are for readers only.

use super::escape::{block, inline, list_item, plain, plain_with_code};
use super::layout::{ENTERED_IN, INVALID_TIME, SECTION};
use crate::metrics;
use crate::model::{
    ActionItem, Document, ImpactMetric, KeyTime, Link, Stamp, StatusUpdate, TimelineEntry,
};
use crate::time::zones;
use crate::time::zones::Zone;

/// The lines of the file, assembled section by section.
struct Writer {
    lines: Vec<String>,
}

impl Writer {
    fn line(&mut self, s: impl Into<String>) {
        self.lines.push(s.into());
    }

    fn blank(&mut self) {
        self.lines.push(String::new());
    }

    /// A heading, a blank line, the content; a blank line then separates what follows.
    fn heading(&mut self, level: usize, text: &str) {
        self.line(format!("{} {text}", "#".repeat(level)));
        self.blank();
    }

    fn block(&mut self, text: &str) {
        self.lines.extend(block(text));
        self.blank();
    }

    fn list(&mut self, items: &[String]) {
        for item in items {
            // An empty item is a bare "-": no trailing space.
            let text = list_item(item);
            self.line(if text.is_empty() {
                "-".to_string()
            } else {
                format!("- {text}")
            });
        }
        self.blank();
    }

    fn table(&mut self, header: &[&str], rows: Vec<Vec<String>>) {
        self.line(format!("| {} |", header.join(" | ")));
        self.line(format!("|{}", " --- |".repeat(header.len())));
        for row in rows {
            // An empty cell is `| |`, not `|  |` (markdownlint's table style).
            let cells: Vec<String> = row
                .into_iter()
                .map(|c| if c.is_empty() { c } else { format!(" {c} ") })
                .collect();
            let cells: Vec<String> = cells
                .into_iter()
                .map(|c| if c.is_empty() { " ".to_string() } else { c })
                .collect();
            self.line(format!("|{}|", cells.join("|")));
        }
        self.blank();
    }
}

/// How a stamp is written in the document-zone column, exactly re-readable.
pub(super) fn time_cell(stamp: Option<&Stamp>, approximate: bool, doc_tz: &Zone) -> String {
    let mut out = String::new();
    if approximate {
        out.push('~');
    }
    let Some(stamp) = stamp else { return out };
    if approximate {
        out.push(' ');
    }
    match zones::parse_stamp(stamp) {
        Ok(z) => {
            out.push_str(&zones::show(&z, doc_tz));
            let own = zones::zone_label(z.time_zone());
            if own != zones::zone_label(doc_tz) {
                out.push_str(&format!(" ({ENTERED_IN} {own})"));
            }
        }
        Err(_) => out.push_str(&format!("{INVALID_TIME} {}", plain(&stamp.0))),
    }
    out
}

fn utc_cell(stamp: Option<&Stamp>) -> String {
    stamp
        .and_then(|s| zones::parse_stamp(s).ok())
        .map(|z| zones::show(&z, &Zone::UTC))
        .unwrap_or_default()
}

/// serde_json's compact layout, made safe inside a YAML double-quoted scalar:
/// a JSON string literal is YAML too, except that YAML 1.2 wants every
/// character of a scalar printable (its `c-printable` set) and no byte-order
/// mark. serde_json already escapes the C0 controls, `"` and `\`; this escapes
/// DEL, the C1 controls (NEL included), U+FEFF, U+FFFE and U+FFFF as `\uXXXX`,
/// and the line and paragraph separators too, which YAML 1.1 readers take as
/// line breaks. Items of a list are separated by `, `.
struct YamlSafeJson;

/// Characters a YAML double-quoted scalar may not hold as they are.
fn yaml_needs_escape(c: char) -> bool {
    matches!(
        c,
        '\u{7f}'..='\u{9f}' | '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
    )
}

impl serde_json::ser::Formatter for YamlSafeJson {
    fn write_string_fragment<W>(&mut self, writer: &mut W, fragment: &str) -> std::io::Result<()>
    where
        W: ?Sized + std::io::Write,
    {
        let mut from = 0;
        for (at, c) in fragment.char_indices() {
            if yaml_needs_escape(c) {
                writer.write_all(&fragment.as_bytes()[from..at])?;
                write!(writer, "\\u{:04x}", u32::from(c))?;
                from = at + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[from..])
    }

    fn begin_array_value<W>(&mut self, writer: &mut W, first: bool) -> std::io::Result<()>
    where
        W: ?Sized + std::io::Write,
    {
        if first {
            Ok(())
        } else {
            writer.write_all(b", ")
        }
    }
}

/// A front-matter value (a text or a list of texts) as JSON that YAML reads
/// as the same value.
fn yaml_value<T: serde::Serialize + ?Sized>(value: &T) -> String {
    let mut out = Vec::new();
    let mut writer = serde_json::Serializer::with_formatter(&mut out, YamlSafeJson);
    value
        .serialize(&mut writer)
        .expect("texts always serialize to memory");
    String::from_utf8(out).expect("serde_json writes UTF-8")
}

fn json_string(s: &str) -> String {
    yaml_value(s)
}

fn json_list(items: &[String]) -> String {
    yaml_value(items)
}

/// A link cell: an autolink when the URL can be one, otherwise escaped text.
fn link_cell(url: &str) -> String {
    let autolinkable = crate::url::scheme(url).is_some()
        && crate::url::allowed(url)
        && !url.contains(|c: char| {
            c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '|' | '\\')
        });
    if autolinkable {
        format!("<{url}>")
    } else {
        plain(url)
    }
}

fn link_destination(url: &str) -> String {
    let mut out = String::from("<");
    for c in url.chars() {
        match c {
            '\\' | '<' | '>' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("%0A"),
            c => out.push(c),
        }
    }
    out.push('>');
    out
}

/// Nothing typed in a text: a row or item with none is left out of the Markdown.
fn blank(s: &str) -> bool {
    s.is_empty()
}

fn blank_opt(s: &Option<String>) -> bool {
    s.as_deref().is_none_or(blank)
}

/// A row is blank when nothing is typed in it: a template's timeline row
/// (a kind, no time, no text), action (a kind, no title, owner, due date or
/// link), link, status update, metric without a value, or an empty list
/// item. Choices from a list (a kind, a state, a status, a priority,
/// "approximate") are not typing.
fn blank_event(e: &TimelineEntry) -> bool {
    e.at.is_none() && blank(&e.text)
}

fn blank_action(a: &ActionItem) -> bool {
    blank(&a.title) && blank(&a.owner) && blank_opt(&a.due) && blank_opt(&a.link)
}

fn blank_link(l: &Link) -> bool {
    blank(&l.title) && blank(&l.url)
}

fn blank_update(u: &StatusUpdate) -> bool {
    u.at.is_none() && blank(&u.text)
}

/// A metric with no value: the template's ("Failed requests") says nothing yet.
fn blank_metric(m: &ImpactMetric) -> bool {
    blank(&m.value)
}

/// The rows of a list that are not blank.
fn typed<T>(rows: &[T], blank: fn(&T) -> bool) -> impl Iterator<Item = &T> + Clone {
    rows.iter().filter(move |r| !blank(r))
}

fn typed_items(items: &[String]) -> Vec<String> {
    items.iter().filter(|i| !blank(i)).cloned().collect()
}

/// The document as its Markdown export reads back: without the rows that have
/// nothing typed in them. The Markdown is for people and leaves them out; the
/// JSON file is the lossless one and keeps every row.
pub fn without_blank_rows(doc: &Document) -> Document {
    let mut d = doc.clone();
    d.timeline.retain(|e| !blank_event(e));
    d.actions.retain(|a| !blank_action(a));
    d.links.retain(|l| !blank_link(l));
    d.updates.retain(|u| !blank_update(u));
    d.impact.metrics.retain(|m| !blank_metric(m));
    for list in [
        &mut d.root_cause.contributing_factors,
        &mut d.lessons.went_well,
        &mut d.lessons.went_wrong,
        &mut d.lessons.lucky,
    ] {
        list.retain(|i| !blank(i));
    }
    d
}

/// What a Markdown export carries besides the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExportOptions {
    /// The timeline chart, a Mermaid `gantt` block under Impact (see `chart`).
    pub chart: bool,
}

impl Default for ExportOptions {
    fn default() -> Self {
        ExportOptions { chart: true }
    }
}

/// The document as a Markdown file, with the chart.
pub fn to_markdown(doc: &Document) -> String {
    to_markdown_with(doc, ExportOptions::default())
}

/// The document as a Markdown file, with what `options` ask for.
pub fn to_markdown_with(doc: &Document, options: ExportOptions) -> String {
    let tz = zones::zone_or_utc(&doc.time_zone);
    let zone_name = zones::zone_label(&tz);
    let mut w = Writer { lines: Vec::new() };

    w.line("---");
    w.line("format: postmortem");
    w.line("version: 1");
    w.line(format!("status: {}", doc.status.word()));
    w.line(format!(
        "severity: {}",
        doc.severity.map(|s| s.word()).unwrap_or("null")
    ));
    w.line(format!("authors: {}", json_list(&doc.authors)));
    w.line(format!("tags: {}", json_list(&doc.tags)));
    w.line(format!("services: {}", json_list(&doc.services)));
    w.line(format!("time_zone: {}", json_string(&doc.time_zone)));
    w.line("---");
    w.blank();
    // An untitled document has no `#` heading (an empty one is a lint error
    // and shows as a blank line); it reads back untitled all the same.
    if !doc.title.is_empty() {
        w.heading(1, &plain(&doc.title));
    }

    if !doc.summary.is_empty() {
        w.heading(2, SECTION.summary);
        w.block(&doc.summary);
    }

    let has_times = KeyTime::ALL
        .iter()
        .any(|k| doc.times.get(*k).is_some() || doc.times.is_approximate(*k));
    let metrics = typed(&doc.impact.metrics, blank_metric);
    let has_metrics = metrics.clone().next().is_some();
    if !doc.impact.description.is_empty() || has_metrics || has_times {
        w.heading(2, SECTION.impact);
        if !doc.impact.description.is_empty() {
            w.block(&doc.impact.description);
        }
        if has_metrics {
            w.heading(3, SECTION.metrics);
            let rows = metrics
                .map(|m| vec![plain(&m.label), plain(&m.value)])
                .collect();
            w.table(&["Metric", "Value"], rows);
        }
        if has_times {
            w.heading(3, SECTION.key_times);
            let rows = KeyTime::ALL
                .iter()
                .filter(|k| doc.times.get(**k).is_some() || doc.times.is_approximate(**k))
                .map(|k| {
                    let stamp = doc.times.get(*k);
                    vec![
                        k.label().to_string(),
                        time_cell(stamp, doc.times.is_approximate(*k), &tz),
                        utc_cell(stamp),
                    ]
                })
                .collect();
            w.table(&["Moment", &format!("Time ({zone_name})"), "UTC"], rows);
            let ms = metrics::metrics(doc);
            if ms.iter().any(|m| m.value.is_some()) {
                w.heading(3, SECTION.response);
                let rows = ms
                    .iter()
                    .filter(|m| m.key != "ttr")
                    .map(|m| vec![m.label.to_string(), m.text(), m.formula.to_string()])
                    .collect();
                w.table(&["Metric", "Value", "How it is computed"], rows);
            }
            if let Some(chart) = options
                .chart
                .then(|| super::mermaid::mermaid_gantt(doc))
                .flatten()
            {
                w.heading(3, SECTION.chart);
                w.line("```mermaid");
                for line in chart {
                    w.line(line);
                }
                w.line("```");
                w.blank();
            }
        }
    }

    let timeline = typed(&doc.timeline, blank_event);
    if timeline.clone().next().is_some() {
        w.heading(2, SECTION.timeline);
        let rows = timeline
            .map(|e| {
                vec![
                    time_cell(e.at.as_ref(), e.approximate, &tz),
                    utc_cell(e.at.as_ref()),
                    e.kind.word().to_string(),
                    inline(&e.text),
                ]
            })
            .collect();
        w.table(
            &[&format!("Time ({zone_name})"), "UTC", "Kind", "Event"],
            rows,
        );
    }

    let rc = &doc.root_cause;
    let factors = typed_items(&rc.contributing_factors);
    if !rc.trigger.is_empty() || !rc.description.is_empty() || !factors.is_empty() {
        w.heading(2, SECTION.root_cause);
        if !rc.trigger.is_empty() {
            w.heading(3, SECTION.trigger);
            w.block(&rc.trigger);
        }
        if !rc.description.is_empty() {
            w.heading(3, SECTION.description);
            w.block(&rc.description);
        }
        if !factors.is_empty() {
            w.heading(3, SECTION.contributing);
            w.list(&factors);
        }
    }

    for (title, text) in [
        (SECTION.detection, &doc.detection),
        (SECTION.resolution, &doc.resolution),
    ] {
        if !text.is_empty() {
            w.heading(2, title);
            w.block(text);
        }
    }

    let l = &doc.lessons;
    let lessons = [
        (SECTION.went_well, typed_items(&l.went_well)),
        (SECTION.went_wrong, typed_items(&l.went_wrong)),
        (SECTION.lucky, typed_items(&l.lucky)),
    ];
    if lessons.iter().any(|(_, items)| !items.is_empty()) {
        w.heading(2, SECTION.lessons);
        for (title, items) in &lessons {
            if !items.is_empty() {
                w.heading(3, title);
                w.list(items);
            }
        }
    }

    let actions = typed(&doc.actions, blank_action);
    if actions.clone().next().is_some() {
        w.heading(2, SECTION.actions);
        let rows = actions
            .map(|a| {
                vec![
                    // Code in a title shows as code; the rest is text.
                    plain_with_code(&a.title),
                    plain(&a.owner),
                    a.due.as_deref().map(plain).unwrap_or_default(),
                    a.kind.map(|k| k.word()).unwrap_or_default().to_string(),
                    a.priority.map(|p| p.word()).unwrap_or_default().to_string(),
                    a.status.word().to_string(),
                    a.link.as_deref().map(link_cell).unwrap_or_default(),
                ]
            })
            .collect();
        w.table(
            &[
                "Action", "Owner", "Due", "Kind", "Priority", "Status", "Link",
            ],
            rows,
        );
    }

    let updates = typed(&doc.updates, blank_update);
    if updates.clone().next().is_some() {
        w.heading(2, SECTION.updates);
        for u in updates {
            let when = time_cell(u.at.as_ref(), false, &tz);
            let title = if when.is_empty() {
                u.state.label().to_string()
            } else {
                format!("{when} \u{b7} {}", u.state.label())
            };
            w.heading(3, &title);
            if !u.text.is_empty() {
                w.block(&u.text);
            }
        }
    }

    let links = typed(&doc.links, blank_link);
    if links.clone().next().is_some() {
        w.heading(2, SECTION.links);
        for link in links {
            w.line(format!(
                "- [{}]({})",
                plain(&link.title),
                link_destination(&link.url)
            ));
        }
        w.blank();
    }

    if !doc.notes.is_empty() {
        w.heading(2, SECTION.notes);
        w.block(&doc.notes);
    }

    // The separator after the last section is not content.
    if w.lines.last().is_some_and(|l| l.is_empty()) {
        w.lines.pop();
    }
    let mut out = w.lines.join("\n");
    out.push('\n');
    out
}
