//! Response metrics derived from the key times: never typed, always computed.
//!
//! Each metric carries its formula in words, shows "n/a" when an input is
//! missing or unreadable, and "≈" when an input is marked approximate.

use crate::core::model::{Document, KeyTime};
use crate::core::zones;
use jiff::SignedDuration;

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

/// The impact window: from the start to the resolution (else the
/// mitigation), when both read and the end comes after the start.
pub fn impact_window(doc: &Document) -> Option<(jiff::Timestamp, jiff::Timestamp)> {
    let at = |k: KeyTime| zones::instant(doc.times.get(k));
    let start = at(KeyTime::Started)?;
    let end = at(KeyTime::Resolved).or(at(KeyTime::Mitigated))?;
    (end > start).then_some((start, end))
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
