//! Response metrics derived from the key times: never typed, always computed.
//!
//! Each metric carries its formula in words, shows "n/a" when an input is
//! missing or unreadable, and "≈" when an input is marked approximate.

use crate::model::{Document, KeyTime};
use crate::time::zones;
use jiff::{SignedDuration, Timestamp};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Metric {
    pub key: &'static str,
    pub label: &'static str,
    /// How it is computed, in words.
    pub formula: &'static str,
    /// None when an input is missing or not a valid time.
    pub value: Option<SignedDuration>,
    /// An input time is an estimate.
    pub approximate: bool,
    /// The key times it runs between.
    pub from: KeyTime,
    pub to: KeyTime,
}

impl Metric {
    /// `2 h 30 min`, `≈ 47 min`, `n/a`.
    pub fn text(&self) -> String {
        match self.value {
            None => "n/a".to_string(),
            Some(d) => {
                let body = duration_text(d);
                if self.approximate {
                    format!("\u{2248} {body}")
                } else {
                    body
                }
            }
        }
    }
}

const DEFINITIONS: [(&str, &str, &str, KeyTime, KeyTime); 5] = [
    (
        "duration",
        "Duration",
        "resolved \u{2212} impact started",
        KeyTime::Started,
        KeyTime::Resolved,
    ),
    (
        "ttd",
        "Time to detect",
        "detected \u{2212} impact started",
        KeyTime::Started,
        KeyTime::Detected,
    ),
    (
        "tta",
        "Time to acknowledge",
        "acknowledged \u{2212} detected",
        KeyTime::Detected,
        KeyTime::Acknowledged,
    ),
    (
        "ttm",
        "Time to mitigate",
        "mitigated \u{2212} impact started",
        KeyTime::Started,
        KeyTime::Mitigated,
    ),
    (
        "ttr",
        "Time to resolve",
        "resolved \u{2212} impact started",
        KeyTime::Started,
        KeyTime::Resolved,
    ),
];

/// Duration, TTD, TTA, TTM and TTR, in that order.
pub fn metrics(doc: &Document) -> Vec<Metric> {
    let instant = |k: KeyTime| zones::instant(doc.times.get(k));
    DEFINITIONS
        .iter()
        .map(|&(key, label, formula, from, to)| Metric {
            key,
            label,
            formula,
            value: match (instant(from), instant(to)) {
                (Some(a), Some(b)) => Some(b.duration_since(a)),
                _ => None,
            },
            approximate: doc.times.is_approximate(from) || doc.times.is_approximate(to),
            from,
            to,
        })
        .collect()
}

/// A stretch of the incident between two key times, as both timeline
/// charts (the editor's and the Mermaid block) draw it: named, measured, and
/// "≈" when either end is an estimate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// `impact`, or the metric's key (`ttd`, `tta`, `ttm`, `ttr`).
    pub key: &'static str,
    pub label: &'static str,
    pub from: KeyTime,
    pub to: KeyTime,
    pub start: Timestamp,
    pub end: Timestamp,
    pub approximate: bool,
}

impl Span {
    pub fn length(&self) -> SignedDuration {
        self.end.duration_since(self.start)
    }

    /// `Time to detect 7 min`, `Impact ≈ 2 d`.
    pub fn text(&self) -> String {
        format!(
            "{} {}{}",
            self.label,
            if self.approximate { "\u{2248} " } else { "" },
            duration_text(self.length())
        )
    }
}

fn span(
    doc: &Document,
    key: &'static str,
    label: &'static str,
    from: KeyTime,
    to: KeyTime,
) -> Option<Span> {
    let at = |k: KeyTime| zones::instant(doc.times.get(k));
    let (start, end) = (at(from)?, at(to)?);
    (end > start).then(|| Span {
        key,
        label,
        from,
        to,
        start,
        end,
        approximate: doc.times.is_approximate(from) || doc.times.is_approximate(to),
    })
}

/// The impact window: from the start to the resolution (else the
/// mitigation), when both read and the end comes after the start.
pub fn impact_window(doc: &Document) -> Option<Span> {
    let end = if zones::instant(doc.times.get(KeyTime::Resolved)).is_some() {
        KeyTime::Resolved
    } else {
        KeyTime::Mitigated
    };
    span(doc, "impact", "Impact", KeyTime::Started, end)
}

/// The spans the response metrics measure (time to detect, acknowledge,
/// mitigate, resolve), each between its own two key times, in that order;
/// one whose ends do not both read, or do not come in order, is left out.
pub fn response_spans(doc: &Document) -> Vec<Span> {
    DEFINITIONS
        .iter()
        .filter(|d| d.0 != "duration")
        .filter_map(|&(key, label, _, from, to)| span(doc, key, label, from, to))
        .collect()
}

/// A duration in the largest sensible units: `1 d 3 h`, `2 h 30 min`, `19 min 2 s`, `−5 min`.
pub fn duration_text(d: SignedDuration) -> String {
    let negative = d.is_negative();
    let total = d.as_secs().unsigned_abs();
    let (days, hours, mins, secs) = (
        total / 86_400,
        total / 3600 % 24,
        total / 60 % 60,
        total % 60,
    );
    let mut parts = Vec::new();
    if days > 0 {
        parts.push(format!("{days} d"));
    }
    if hours > 0 {
        parts.push(format!("{hours} h"));
    }
    if mins > 0 && days == 0 {
        parts.push(format!("{mins} min"));
    }
    if secs > 0 && days == 0 && hours == 0 {
        parts.push(format!("{secs} s"));
    }
    if parts.is_empty() {
        parts.push("0 min".to_string());
    }
    let body = parts.join(" ");
    if negative {
        format!("\u{2212}{body}")
    } else {
        body
    }
}
