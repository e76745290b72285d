//! Names for exported files: `YYYY-MM-DD-slug.md`, dated by the incident
//! (see [`incident_date`]); an undated incident is `slug.md` alone.

use crate::model::{Document, KeyTime};
use crate::time::zones;
use jiff::civil::Date;

/// A lowercase ASCII slug of at most 60 characters: "API outage: /login" -> "api-outage-login".
pub fn slug(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars() {
        let c = fold_accent(c);
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
        if out.len() >= 60 {
            break;
        }
    }
    let s = out.trim_end_matches('-').to_string();
    if s.is_empty() {
        "postmortem".to_string()
    } else {
        s
    }
}

fn fold_accent(c: char) -> char {
    match c {
        'à'..='å' | 'À'..='Å' => 'a',
        'è'..='ë' | 'È'..='Ë' => 'e',
        'ì'..='ï' | 'Ì'..='Ï' => 'i',
        'ò'..='ö' | 'Ò'..='Ö' | 'ø' | 'Ø' => 'o',
        'ù'..='ü' | 'Ù'..='Ü' => 'u',
        'ç' | 'Ç' => 'c',
        'ñ' | 'Ñ' => 'n',
        c => c,
    }
}

/// The day of the incident, in the document zone: the day the impact
/// started, else the day of the earliest key time that reads, else that of
/// the first timeline event whose time reads.
pub fn incident_date(doc: &Document) -> Option<Date> {
    let tz = zones::zone_or_utc(&doc.time_zone);
    let read = |stamp: Option<&crate::model::Stamp>| {
        zones::parse_stamp(stamp?).ok().map(|z| z.timestamp())
    };
    let started = read(doc.times.started.as_ref());
    let earliest_key = || {
        KeyTime::ALL
            .iter()
            .filter_map(|k| read(doc.times.get(*k)))
            .min()
    };
    let first_event = || doc.timeline.iter().find_map(|e| read(e.at.as_ref()));
    let instant = started.or_else(earliest_key).or_else(first_event)?;
    Some(instant.to_zoned(tz).date())
}

/// The file name without extension: the incident's date, then the slug. An
/// undated incident is named by the slug alone: the day of the export is not
/// when it happened, and a date in the name would say it was.
pub fn file_stem(doc: &Document) -> String {
    match incident_date(doc) {
        Some(date) => format!("{date}-{}", slug(&doc.title)),
        None => slug(&doc.title),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Stamp;

    #[test]
    fn slug_keeps_words_and_drops_punctuation() {
        assert_eq!(
            slug("API Incident: /login outage"),
            "api-incident-login-outage"
        );
        assert_eq!(slug("Paiements refusés — TLS"), "paiements-refuses-tls");
        assert_eq!(slug("   "), "postmortem");
    }

    #[test]
    fn file_is_dated_by_the_start_in_the_document_zone() {
        let mut doc = Document {
            title: "Late night".into(),
            time_zone: "Asia/Tokyo".into(),
            ..Document::default()
        };
        assert_eq!(file_stem(&doc), "late-night");
        // 23:30 UTC on the 11th is already the 12th in Tokyo.
        doc.times.started = Some(Stamp("2025-03-11T23:30:00+00:00[UTC]".into()));
        assert_eq!(file_stem(&doc), "2025-03-12-late-night");
    }
}
