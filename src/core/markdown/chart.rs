//! The timeline chart of the Markdown export: a Mermaid `gantt` block, which
//! GitHub, GitLab and many wikis draw as a picture. It shows the impact
//! window, the spans from the start to detection, acknowledgement,
//! mitigation and resolution (named and measured), and the key times as
//! milestones, in the document's zone (said in the title). It is drawn from
//! the key times alone, so the importer of our own files skips it.

use crate::core::metrics::{duration_text, impact_window, metrics};
use crate::core::model::{Document, KeyTime};
use crate::core::zones::{self, Zone};
use jiff::Timestamp;

/// Mermaid's reading of the times below (dayjs format).
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
    if let Some((start, end)) = impact_window(doc) {
        out.push("    section Impact".into());
        out.push(format!(
            "    Impact {}{} :crit, {}, {}",
            approx(KeyTime::Started),
            duration_text(end.duration_since(start)),
            wall(start, &tz),
            wall(end, &tz)
        ));
    }
    // The spans the response metrics measure, each between its own two key
    // times (time to acknowledge runs from detection), named and measured.
    let spans: Vec<String> = metrics(doc)
        .into_iter()
        .filter(|m| m.key != "duration")
        .filter_map(|m| {
            let (a, b) = (at(m.from)?, at(m.to)?);
            (b > a).then(|| {
                format!(
                    "    {} {}{} :{}, {}",
                    m.label,
                    if m.approximate { "\u{2248} " } else { "" },
                    duration_text(b.duration_since(a)),
                    wall(a, &tz),
                    wall(b, &tz)
                )
            })
        })
        .collect();
    if !spans.is_empty() {
        out.push("    section Response".into());
        out.extend(spans);
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
            wall(t, &tz)
        ));
    }
    Some(out)
}
