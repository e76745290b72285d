//! `postmortem report`: what a folder of postmortems says as a whole, from
//! `postmortem_core::insights` (the numbers the editor's Insights view shows):
//! incidents per month, severity and service; response times as medians with
//! their spread, each with its formula; action items open, overdue and done
//! by owner. Printed as Markdown tables, JSON or CSV.
//!
//! Files are walked and read as `check` reads them; a file that is not a
//! postmortem of this format is counted and skipped; one that cannot be read
//! gets its sentence on standard error, the report is made of the others,
//! and the exit status is 2.

use crate::input;
use postmortem_core::file::{self, Kind};
use postmortem_core::format::markdown::escape;
use postmortem_core::insights::{ActionCounts, Distribution, Filter, Insights, Tally};
use postmortem_core::metrics::duration_text;
use postmortem_core::model::Severity;
use postmortem_core::time::zones;
use serde_json::{json, Value};
use std::fmt::Write as _;
use std::path::PathBuf;

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    /// Markdown with tables, for people (and pull requests, wikis).
    Md,
    /// One JSON document, every number with its incidents.
    Json,
    /// One row per number: section,name,measure,value.
    Csv,
}

pub struct Options {
    pub paths: Vec<PathBuf>,
    pub format: ReportFormat,
    pub filter: Filter,
}

/// What was read, beside the incidents.
#[derive(Default)]
struct Files {
    postmortems: usize,
    skipped: usize,
    elsewhere: usize,
    unreadable: usize,
}

/// `--since` and `--until`: a day written YYYY-MM-DD.
pub fn day(s: &str) -> Result<jiff::civil::Date, String> {
    zones::parse_date(s.trim())
        .ok_or_else(|| format!("\"{s}\" is not a day; write it YYYY-MM-DD, for example 2025-03-12"))
}

/// `--severity`: SEV1 to SEV5.
pub fn severity(s: &str) -> Result<Severity, String> {
    Severity::from_word(s).ok_or_else(|| {
        format!("\"{s}\" is not a severity; use one of SEV1, SEV2, SEV3, SEV4, SEV5")
    })
}

/// Reads, counts and prints; returns the exit status.
pub fn run(options: &Options, today: jiff::civil::Date) -> u8 {
    if let (Some(since), Some(until)) = (options.filter.since, options.filter.until) {
        if since > until {
            eprintln!(
                "--since {since} comes after --until {until}: no day is in that period; swap them."
            );
            return 2;
        }
    }
    let (paths, missing) = input::files(&options.paths);
    let mut files = Files::default();
    for (path, why) in missing {
        eprintln!("{}: cannot be read: {why}", input::shown(&path));
        files.unreadable += 1;
    }
    let mut tally = Tally::new(today, options.filter.clone());
    for path in paths {
        let shown = input::shown(&path);
        let text = match input::read(&path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("{shown}:{}:{}: This file {}", e.line, e.column, e.message);
                files.unreadable += 1;
                continue;
            }
        };
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        match file::kind(&name, &text) {
            Kind::Other => files.skipped += 1,
            Kind::Elsewhere => {
                files.elsewhere += 1;
                eprintln!("{shown}: a postmortem written elsewhere, not counted: `postmortem import {shown}` turns it into this format");
            }
            Kind::Ours(_) => match file::open(&name, &text) {
                Ok(opened) => {
                    files.postmortems += 1;
                    tally.add(&shown, &opened.doc);
                }
                Err(e) => {
                    eprintln!(
                        "{shown}:{}:{}: not counted: {}",
                        e.line.unwrap_or(1),
                        e.column.unwrap_or(1),
                        e.message
                    );
                    files.unreadable += 1;
                }
            },
        }
    }
    let insights = tally.finish();
    let out = match options.format {
        ReportFormat::Md => markdown(&insights, &files),
        ReportFormat::Json => {
            let mut s =
                serde_json::to_string_pretty(&to_json(&insights, &files)).unwrap_or_default();
            s.push('\n');
            s
        }
        ReportFormat::Csv => csv(&insights, &files),
    };
    print!("{out}");
    if files.unreadable > 0 {
        2
    } else {
        0
    }
}

/// The overdue items the Markdown report lists, oldest first.
const OVERDUE_ROWS: usize = 100;

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn severity_word(s: Option<Severity>) -> &'static str {
    s.map_or("none", Severity::word)
}

/// A duration for people: `12 min 30 s`; `–` when there is none.
fn shown_duration(d: Option<jiff::SignedDuration>) -> String {
    d.map_or_else(|| "\u{2013}".to_string(), duration_text)
}

/// A duration in whole seconds (rounded), for machines.
fn seconds(d: Option<jiff::SignedDuration>) -> Value {
    d.map_or(Value::Null, |d| json!(d.as_secs_f64().round() as i64))
}

fn cell(s: &str) -> String {
    escape::plain(s)
}

fn owner_name(owner: &str, none: &str) -> String {
    if owner.is_empty() {
        none.to_string()
    } else {
        owner.to_string()
    }
}

/// The filter, in words, for the report's first lines.
fn filter_words(f: &Filter) -> Vec<String> {
    let mut out = Vec::new();
    match (f.since, f.until) {
        (Some(s), Some(u)) => out.push(format!("from {s} to {u}")),
        (Some(s), None) => out.push(format!("from {s}")),
        (None, Some(u)) => out.push(format!("until {u}")),
        (None, None) => {}
    }
    if let Some(s) = f.severity {
        out.push(format!("severity {}", s.word()));
    }
    if let Some(s) = &f.service {
        out.push(format!("service {s}"));
    }
    if let Some(t) = &f.tag {
        out.push(format!("tagged {t}"));
    }
    out
}

fn markdown(i: &Insights, files: &Files) -> String {
    let mut s = String::from("# Postmortem report\n\n");
    what_was_counted(&mut s, i, files);
    incidents(&mut s, i);
    response_times(&mut s, i);
    action_items(&mut s, i);
    s
}

/// The report's opening lines: how many incidents from how many files,
/// the filters, and what was not counted.
fn what_was_counted(s: &mut String, i: &Insights, files: &Files) {
    let period = match (i.first, i.last) {
        (Some(a), Some(b)) if a == b => format!(" on {a}"),
        (Some(a), Some(b)) => format!(", {a} to {b}"),
        _ => String::new(),
    };
    let _ = writeln!(
        s,
        "{}{period}, from {}.",
        plural(i.incidents.len(), "incident", "incidents"),
        plural(files.postmortems, "postmortem", "postmortems")
    );
    let chosen = filter_words(&i.filter);
    if !chosen.is_empty() {
        let _ = writeln!(
            s,
            "Only incidents {} ({} left out).",
            chosen.join(", "),
            i.filtered_out
        );
    }
    if i.drills_left_out > 0 {
        let _ = writeln!(
            s,
            "{} left out (tagged drill, exercise or game-day; `--include-drills` counts them).",
            plural(i.drills_left_out, "drill", "drills")
        );
    } else if i.filter.include_drills {
        s.push_str("Drills, exercises and game days are counted.\n");
    }
    if i.undated > 0 {
        let _ = writeln!(
            s,
            "{} no readable time and {} not in the months below.",
            plural(i.undated, "incident has", "incidents have"),
            if i.undated == 1 { "is" } else { "are" }
        );
    }
    let mut not_read = Vec::new();
    if files.skipped > 0 {
        not_read.push(plural(
            files.skipped,
            "file that is not a postmortem",
            "files that are not postmortems",
        ));
    }
    if files.elsewhere > 0 {
        not_read.push(format!(
            "{} (`postmortem import` converts them)",
            plural(
                files.elsewhere,
                "postmortem written elsewhere",
                "postmortems written elsewhere"
            )
        ));
    }
    if files.unreadable > 0 {
        not_read.push(format!(
            "{} (see the messages on standard error)",
            plural(
                files.unreadable,
                "file that could not be read",
                "files that could not be read"
            )
        ));
    }
    if !not_read.is_empty() {
        let _ = writeln!(s, "Not counted: {}.", not_read.join("; "));
    }
}

/// Incidents per month (a column per severity seen), per severity and per service.
fn incidents(s: &mut String, i: &Insights) {
    let severities: Vec<Option<Severity>> = {
        let mut v: Vec<_> = i.by_severity.keys().copied().collect();
        v.sort_by_key(|s| (s.is_none(), *s));
        v
    };
    let sev_label = |s: Option<Severity>| s.map_or("No severity", Severity::label);
    s.push_str("\n## Incidents per month\n\n");
    if i.by_month.is_empty() {
        s.push_str("No dated incidents.\n");
    } else {
        let _ = write!(s, "| Month | Incidents |");
        for v in &severities {
            let _ = write!(s, " {} |", sev_label(*v));
        }
        s.push_str("\n| --- | ---: |");
        s.push_str(&" ---: |".repeat(severities.len()));
        s.push('\n');
        for (month, by) in &i.by_month {
            let _ = write!(s, "| {month} | {} |", by.values().sum::<usize>());
            for v in &severities {
                let _ = write!(s, " {} |", by.get(v).copied().unwrap_or(0));
            }
            s.push('\n');
        }
    }

    s.push_str("\n## Incidents by severity\n\n");
    if i.incidents.is_empty() {
        s.push_str("No incidents.\n");
    } else {
        s.push_str("| Severity | Incidents |\n| --- | ---: |\n");
        for v in &severities {
            let _ = writeln!(s, "| {} | {} |", sev_label(*v), i.by_severity[v]);
        }
    }

    s.push_str("\n## Incidents by service\n\n");
    if i.incidents.is_empty() {
        s.push_str("No incidents.\n");
    } else {
        s.push_str("| Service | Incidents |\n| --- | ---: |\n");
        let mut services: Vec<(&String, &usize)> = i.by_service.iter().collect();
        services.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
        for (name, n) in services {
            let _ = writeln!(s, "| {} | {n} |", cell(name));
        }
        if i.no_service > 0 {
            let _ = writeln!(s, "| (no service named) | {} |", i.no_service);
        }
    }
}

/// Time to detect, acknowledge, mitigate and resolve, with how they are computed.
fn response_times(s: &mut String, i: &Insights) {
    s.push_str("\n## Response times\n\n");
    s.push_str("| Measure | Formula | N | Median | p25\u{2013}p75 | p90 | Approximate |\n");
    s.push_str("| --- | --- | ---: | ---: | ---: | ---: | ---: |\n");
    for d in &i.response {
        let spread = match (d.percentile(25), d.percentile(75)) {
            (Some(a), Some(b)) => format!("{} \u{2013} {}", duration_text(a), duration_text(b)),
            _ => "\u{2013}".to_string(),
        };
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {spread} | {} | {} |",
            d.label,
            d.formula,
            d.n(),
            shown_duration(d.median()),
            shown_duration(d.percentile(90)),
            if d.n() == 0 {
                "\u{2013}".to_string()
            } else if d.approximate() == 0 {
                "none".to_string()
            } else {
                format!("\u{2248} {} of {}", d.approximate(), d.n())
            }
        );
    }
    s.push_str(
        "\nEach value is computed from a postmortem's key times, never taken from a duration typed in its text; \
         N counts the incidents whose two key times both read. Percentiles interpolate linearly between the \
         closest ranks (as numpy and spreadsheets do), so the median of an even count is the mean of the middle two. \
         \"Approximate\" counts the values computed from a key time marked as an estimate (\u{2248}).\n",
    );
    let backwards: Vec<&Distribution> = i
        .response
        .iter()
        .filter(|d| !d.out_of_order.is_empty())
        .collect();
    if !backwards.is_empty() {
        s.push_str("\nLeft out because the two key times run backwards (`postmortem check` names the problem):\n\n");
        for d in backwards {
            let _ = writeln!(
                s,
                "- {}: {}",
                d.label,
                d.out_of_order
                    .iter()
                    .map(|n| cell(n))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
    }
}

/// Action items by owner, and the overdue ones.
fn action_items(s: &mut String, i: &Insights) {
    let _ = write!(s, "\n## Action items (as of {})\n\n", i.today);
    let a = i.actions;
    if a == ActionCounts::default() {
        s.push_str("No action items.\n");
    } else {
        let _ = writeln!(
            s,
            "{} open, {} overdue (due before today), {} done, {} won't do.\n",
            a.open, a.overdue, a.done, a.wont_do
        );
        s.push_str(
            "| Owner | Open | Overdue | Done | Won't do |\n| --- | ---: | ---: | ---: | ---: |\n",
        );
        let mut owners: Vec<(&String, &ActionCounts)> = i.by_owner.iter().collect();
        owners.sort_by(|x, y| {
            (y.1.overdue, y.1.open, x.0.is_empty())
                .cmp(&(x.1.overdue, x.1.open, y.0.is_empty()))
                .then_with(|| x.0.cmp(y.0))
        });
        for (owner, c) in owners {
            let name = if owner.is_empty() {
                "(no owner)".to_string()
            } else {
                cell(owner)
            };
            let _ = writeln!(
                s,
                "| {name} | {} | {} | {} | {} |",
                c.open, c.overdue, c.done, c.wont_do
            );
        }
        let _ = writeln!(
            s,
            "| **All** | **{}** | **{}** | **{}** | **{}** |",
            a.open, a.overdue, a.done, a.wont_do
        );
        if !i.overdue.is_empty() {
            s.push_str("\n### Overdue\n\n| Due | Action | Owner | Postmortem |\n| --- | --- | --- | --- |\n");
            for o in i.overdue.iter().take(OVERDUE_ROWS) {
                let _ = writeln!(
                    s,
                    "| {} | {} | {} | {} |",
                    o.due,
                    cell(&o.title),
                    if o.owner.is_empty() {
                        "(no owner)".to_string()
                    } else {
                        cell(&o.owner)
                    },
                    cell(&o.incident)
                );
            }
            if i.overdue.len() > OVERDUE_ROWS {
                let _ = writeln!(
                    s,
                    "\n{} not listed here: `--format json` lists every one.",
                    plural(
                        i.overdue.len() - OVERDUE_ROWS,
                        "more overdue item (due later) is",
                        "more overdue items (due later) are"
                    )
                );
            }
        }
    }
}

fn counts_json(c: &ActionCounts) -> Value {
    json!({ "open": c.open, "overdue": c.overdue, "done": c.done, "wont_do": c.wont_do })
}

fn to_json(i: &Insights, files: &Files) -> Value {
    let f = &i.filter;
    json!({
        "today": i.today.to_string(),
        "filter": {
            "since": f.since.map(|d| d.to_string()),
            "until": f.until.map(|d| d.to_string()),
            "severity": f.severity.map(Severity::word),
            "service": f.service,
            "tag": f.tag,
            "include_drills": f.include_drills,
        },
        "files": {
            "postmortems": files.postmortems,
            "skipped": files.skipped,
            "elsewhere": files.elsewhere,
            "unreadable": files.unreadable,
        },
        "incidents": {
            "count": i.incidents.len(),
            "first": i.first.map(|d| d.to_string()),
            "last": i.last.map(|d| d.to_string()),
            "undated": i.undated,
            "drills_left_out": i.drills_left_out,
            "filtered_out": i.filtered_out,
            "names": i.incidents,
        },
        "by_month": i.by_month.iter().map(|(m, by)| json!({
            "month": m.to_string(),
            "incidents": by.values().sum::<usize>(),
            "by_severity": by.iter().map(|(s, n)| (severity_word(*s).to_string(), json!(n))).collect::<serde_json::Map<_, _>>(),
        })).collect::<Vec<_>>(),
        "by_severity": i.by_severity.iter().map(|(s, n)| json!({ "severity": s.map(Severity::word), "incidents": n })).collect::<Vec<_>>(),
        "by_service": i.by_service.iter().map(|(s, n)| json!({ "service": s, "incidents": n })).collect::<Vec<_>>(),
        "no_service": i.no_service,
        "response": i.response.iter().map(|d| json!({
            "key": d.key,
            "label": d.label,
            "formula": d.formula,
            "n": d.n(),
            "approximate": d.approximate(),
            "median_seconds": seconds(d.median()),
            "p25_seconds": seconds(d.percentile(25)),
            "p75_seconds": seconds(d.percentile(75)),
            "p90_seconds": seconds(d.percentile(90)),
            "median": d.median().map(duration_text),
            "out_of_order": d.out_of_order,
            "values": d.samples.iter().map(|v| json!({
                "incident": v.incident,
                "seconds": v.value.as_secs(),
                "approximate": v.approximate,
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "percentile_method": "linear interpolation between closest ranks: h = (N - 1) * p / 100; x[floor h] + (h - floor h) * (x[floor h + 1] - x[floor h])",
        "actions": {
            "open": i.actions.open,
            "overdue": i.actions.overdue,
            "done": i.actions.done,
            "wont_do": i.actions.wont_do,
            "by_owner": i.by_owner.iter().map(|(o, c)| {
                let mut v = counts_json(c);
                v["owner"] = json!(o);
                v
            }).collect::<Vec<_>>(),
            "overdue_items": i.overdue.iter().map(|o| json!({
                "due": o.due.to_string(),
                "title": o.title,
                "owner": o.owner,
                "incident": o.incident,
            })).collect::<Vec<_>>(),
        },
    })
}

/// A CSV field, quoted when it must be (RFC 4180).
fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn csv(i: &Insights, files: &Files) -> String {
    let mut rows: Vec<(String, String, String, String)> = Vec::new();
    let mut row = |section: &str, name: &str, measure: &str, value: String| {
        rows.push((section.into(), name.into(), measure.into(), value));
    };
    for (m, n) in [
        ("postmortems", files.postmortems),
        ("skipped", files.skipped),
        ("elsewhere", files.elsewhere),
        ("unreadable", files.unreadable),
    ] {
        row("files", "all", m, n.to_string());
    }
    for (m, n) in [
        ("count", i.incidents.len()),
        ("undated", i.undated),
        ("drills_left_out", i.drills_left_out),
        ("filtered_out", i.filtered_out),
    ] {
        row("incidents", "all", m, n.to_string());
    }
    for (month, by) in &i.by_month {
        let month = month.to_string();
        row(
            "month",
            &month,
            "incidents",
            by.values().sum::<usize>().to_string(),
        );
        for (s, n) in by {
            row("month", &month, severity_word(*s), n.to_string());
        }
    }
    for (s, n) in &i.by_severity {
        row("severity", severity_word(*s), "incidents", n.to_string());
    }
    for (s, n) in &i.by_service {
        row("service", s, "incidents", n.to_string());
    }
    if i.no_service > 0 {
        row("service", "(none)", "incidents", i.no_service.to_string());
    }
    let secs = |d: Option<jiff::SignedDuration>| match seconds(d) {
        Value::Null => String::new(),
        v => v.to_string(),
    };
    for d in &i.response {
        row("response", d.key, "n", d.n().to_string());
        row(
            "response",
            d.key,
            "approximate",
            d.approximate().to_string(),
        );
        row("response", d.key, "median_seconds", secs(d.median()));
        row("response", d.key, "p25_seconds", secs(d.percentile(25)));
        row("response", d.key, "p75_seconds", secs(d.percentile(75)));
        row("response", d.key, "p90_seconds", secs(d.percentile(90)));
        row(
            "response",
            d.key,
            "out_of_order",
            d.out_of_order.len().to_string(),
        );
        row("response", d.key, "formula", d.formula.to_string());
    }
    let mut counts = |section: &str, name: &str, c: &ActionCounts| {
        for (m, n) in [
            ("open", c.open),
            ("overdue", c.overdue),
            ("done", c.done),
            ("wont_do", c.wont_do),
        ] {
            row(section, name, m, n.to_string());
        }
    };
    counts("actions", "all", &i.actions);
    for (owner, c) in &i.by_owner {
        counts("owner", &owner_name(owner, "(no owner)"), c);
    }
    let mut out = String::from("section,name,measure,value\n");
    for (a, b, c, d) in rows {
        let _ = writeln!(
            out,
            "{},{},{},{}",
            field(&a),
            field(&b),
            field(&c),
            field(&d)
        );
    }
    out
}
