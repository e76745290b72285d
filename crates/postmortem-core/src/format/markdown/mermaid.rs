//! The timeline chart of the Markdown export: a Mermaid `gantt` block, which
//! GitHub, GitLab and many wikis draw as a picture. It shows the impact
//! window, the spans from the start to detection, acknowledgement,
//! mitigation and resolution (named and measured), and the key times as
//! milestones, in the document's zone (said in the title). It is drawn from
//! the key times alone, so the importer of our own files skips it.

use crate::metrics::{self, Span};
use crate::model::{Document, KeyTime};
use crate::time::zones::{self, Zone};
use jiff::{SignedDuration, Timestamp};

/// Mermaid's reading of the times below (dayjs format). dayjs reads such a
/// time as a wall clock in the zone of the browser that draws the chart,
/// whatever zone it was written in; a length (`52m`) it adds as elapsed
/// time. So each bar is written as its start and its length, and whatever
/// starts where another ends says so (`after ttd`): then only the first
/// time is read as a wall clock, and a bar across a clock change (in the
/// document's zone or the reader's) keeps its length and its place.
const DATE_FORMAT: &str = "YYYY-MM-DD HH:mm:ss";

/// A wall-clock time in `tz`, as `DATE_FORMAT` writes it.
fn wall(t: Timestamp, tz: &Zone) -> String {
    let dt = t.to_zoned(tz.clone()).datetime();
    format!(
        "{} {:02}:{:02}:{:02}",
        dt.date(),
        dt.hour(),
        dt.minute(),
        dt.second()
    )
}

/// A length as Mermaid reads it (`48h`, `52m`, `90s`): hours, minutes and
/// seconds, which dayjs adds as elapsed time (days it would add by the
/// calendar, 23 or 25 hours across a clock change).
fn length(d: SignedDuration) -> String {
    let s = d.as_secs().max(0);
    if s % 3600 == 0 {
        format!("{}h", s / 3600)
    } else if s % 60 == 0 {
        format!("{}m", s / 60)
    } else {
        format!("{s}s")
    }
}

/// The lines of the `mermaid` fenced block, or None when the key times do
/// not make a chart (no start, or nothing after it).
pub fn mermaid_gantt(doc: &Document) -> Option<Vec<String>> {
    let tz = zones::zone_or_utc(&doc.time_zone);
    let at = |k: KeyTime| zones::instant(doc.times.get(k));
    let start = at(KeyTime::Started)?;
    let later: Vec<(KeyTime, Timestamp)> = [
        KeyTime::Detected,
        KeyTime::Acknowledged,
        KeyTime::Mitigated,
        KeyTime::Resolved,
    ]
    .into_iter()
    .filter_map(|k| at(k).map(|t| (k, t)))
    .filter(|(_, t)| *t > start)
    .collect();
    let last = later.iter().map(|(_, t)| *t).max()?;
    // Ticks: clock times for an incident within a day, dates beyond.
    let long = last.duration_since(start).as_hours() >= 20;
    let approx = |k: KeyTime| {
        if doc.times.is_approximate(k) {
            "\u{2248} "
        } else {
            ""
        }
    };
    let mut out = vec![
        "gantt".to_string(),
        format!(
            "    title Impact and response (times in {})",
            zones::zone_label(&tz)
        ),
        format!("    dateFormat {DATE_FORMAT}"),
        format!(
            "    axisFormat {}",
            if long { "%m-%d %H:%M" } else { "%H:%M" }
        ),
    ];
    // The bars drawn so far: a key time that ends one is placed after it.
    let mut drawn: Vec<Span> = Vec::new();
    let from = |k: KeyTime, t: Timestamp, drawn: &[Span]| match drawn.iter().find(|s| s.to == k) {
        Some(s) => format!("after {}", s.key),
        None => wall(t, &tz),
    };
    let bar = |s: &Span, tags: &str, drawn: &[Span]| {
        format!(
            "    {} :{tags}{}, {}, {}",
            s.text(),
            s.key,
            from(s.from, s.start, drawn),
            length(s.length())
        )
    };
    if let Some(impact) = metrics::impact_window(doc) {
        out.push("    section Impact".into());
        out.push(bar(&impact, "crit, ", &drawn));
        drawn.push(impact);
    }
    // The spans the response metrics measure, each between its own two key
    // times (time to acknowledge runs from detection), named and measured.
    let spans = metrics::response_spans(doc);
    if !spans.is_empty() {
        out.push("    section Response".into());
        for s in spans {
            out.push(bar(&s, "", &drawn));
            drawn.push(s);
        }
    }
    out.push("    section Milestones".into());
    out.push(format!(
        "    {}Impact started :milestone, {}, 0m",
        approx(KeyTime::Started),
        wall(start, &tz)
    ));
    for (k, t) in later {
        out.push(format!(
            "    {}{} :milestone, {}, 0m",
            approx(k),
            k.label(),
            from(k, t, &drawn)
        ));
    }
    Some(out)
}
