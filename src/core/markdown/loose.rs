//! Reading the times people write in prose: "Apr 29, 2026 - 15:35 PDT",
//! "March 12, 2025, 03:15 WAT", "February 4th, 2024 at 8:04 p.m.", "06:12 UTC",
//! "7:52". Used by the foreign importer only. Finds pieces; the caller decides
//! the date and zone a bare time belongs to.

use jiff::civil::{Date, Time};

/// A number written with ASCII digits only (no sign, no space), if it fits `T`.
fn digits<T: std::str::FromStr>(s: &str) -> Option<T> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// A date found in text, with the byte range it covers.
pub fn find_date(s: &str) -> Option<(Date, usize, usize)> {
    let b = s.as_bytes();
    // ISO: 2026-04-29
    for i in 0..b.len().saturating_sub(9) {
        let Some(w) = s.get(i..) else { continue };
        if w.len() >= 10
            && w.is_char_boundary(10)
            && w.as_bytes()[..4].iter().all(u8::is_ascii_digit)
            && w.as_bytes()[4] == b'-'
            && w.as_bytes()[7] == b'-'
            && (i == 0 || !b[i - 1].is_ascii_digit())
        {
            if let Some(d) = crate::core::zones::parse_date(&w[..10]) {
                return Some((d, i, i + 10));
            }
        }
    }
    // Month-name: "Apr 29, 2026", "February 4th, 2024", "June 3 2025"
    // ASCII lowercasing keeps every byte offset, so positions found in
    // `lower` index `s` too (month names are ASCII words).
    let lower = s.to_ascii_lowercase();
    for (mi, m) in MONTHS.iter().enumerate() {
        let mut from = 0;
        while let Some(p) = lower[from..].find(m).map(|p| p + from) {
            from = p + 3;
            if p > 0 && lower.as_bytes()[p - 1].is_ascii_alphabetic() {
                continue;
            }
            let word_end = p + lower[p..]
                .find(|c: char| !c.is_ascii_alphabetic())
                .unwrap_or(lower.len() - p);
            let rest = &s[word_end..];
            let rest_trim = rest.trim_start_matches(['.', ' ']);
            let day_len = rest_trim
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(rest_trim.len());
            if day_len == 0 || day_len > 2 {
                continue;
            }
            let day = digits::<i8>(&rest_trim[..day_len])?;
            let after_day =
                rest_trim[day_len..].trim_start_matches(|c: char| c.is_ascii_alphabetic());
            let after = after_day.trim_start_matches([',', ' ']);
            let year_len = after
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(after.len());
            if year_len != 4 {
                continue;
            }
            let year = digits::<i16>(&after[..year_len])?;
            if let Ok(d) = Date::new(year, mi as i8 + 1, day) {
                let end = s.len() - after.len() + year_len;
                return Some((d, p, end));
            }
        }
    }
    None
}

/// A clock time found in text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClockTime {
    pub hour: i8,
    pub minute: i8,
    pub second: i8,
    /// `Some(true)` for p.m., `Some(false)` for a.m., None when not said.
    pub pm: Option<bool>,
    pub start: usize,
    pub end: usize,
}

impl ClockTime {
    /// The time of day, or None for an impossible one. Without a.m./p.m. the
    /// hour is taken as written (24-hour); see [`ClockTime::candidates`].
    pub fn time(&self) -> Option<Time> {
        let mut h = self.hour;
        match self.pm {
            Some(true) if h < 12 => h += 12,
            Some(false) if h == 12 => h = 0,
            _ => {}
        }
        Time::new(h, self.minute, self.second, 0).ok()
    }

    /// Both readings of an hour that could be a.m. or p.m. ("7:52").
    pub fn candidates(&self) -> Vec<Time> {
        let mut out: Vec<Time> = self.time().into_iter().collect();
        if self.pm.is_none() && (1..=11).contains(&self.hour) {
            out.extend(Time::new(self.hour + 12, self.minute, self.second, 0).ok());
        }
        out
    }
}

/// The first `H:MM[:SS]` (optionally with a.m./p.m.) at or after `from`.
pub fn find_time(s: &str, from: usize) -> Option<ClockTime> {
    let b = s.as_bytes();
    let mut i = from;
    while i < b.len() {
        if b[i].is_ascii_digit() && (i == 0 || !b[i - 1].is_ascii_digit() && b[i - 1] != b':') {
            let h_len = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
            let colon = i + h_len;
            if (1..=2).contains(&h_len)
                && b.get(colon) == Some(&b':')
                && b.get(colon + 1).is_some_and(u8::is_ascii_digit)
                && b.get(colon + 2).is_some_and(u8::is_ascii_digit)
                && !b.get(colon + 3).is_some_and(u8::is_ascii_digit)
            {
                let hour = digits::<i8>(&s[i..colon])?;
                let minute = digits::<i8>(&s[colon + 1..colon + 3])?;
                let mut end = colon + 3;
                let mut second = 0;
                if b.get(end) == Some(&b':')
                    && b.get(end + 1).is_some_and(u8::is_ascii_digit)
                    && b.get(end + 2).is_some_and(u8::is_ascii_digit)
                {
                    second = digits::<i8>(&s[end + 1..end + 3])?;
                    end += 3;
                }
                let mut pm = None;
                let tail = s[end..].trim_start();
                // ASCII only, so `word.len()` in `lower` is the same length in `tail`.
                let lower = tail.to_ascii_lowercase();
                for (word, is_pm) in [("p.m.", true), ("a.m.", false), ("pm", true), ("am", false)]
                {
                    let boundary = lower
                        .get(word.len()..)
                        .is_some_and(|r| r.chars().next().is_none_or(|c| !c.is_ascii_alphabetic()));
                    if lower.starts_with(word) && boundary {
                        pm = Some(is_pm);
                        end = s.len() - tail.len() + word.len();
                        break;
                    }
                }
                if hour <= 24 && minute < 60 && (pm.is_none() || (1..=12).contains(&hour)) {
                    return Some(ClockTime {
                        hour,
                        minute,
                        second,
                        pm,
                        start: i,
                        end,
                    });
                }
            }
            i += h_len;
        } else {
            i += 1;
        }
    }
    None
}

/// A zone word right after position `at` ("UTC", "(UTC)", "PDT", "Europe/Berlin").
pub fn zone_after(s: &str, at: usize) -> Option<(String, usize)> {
    let rest = &s[at..];
    let trimmed = rest.trim_start().trim_start_matches('(');
    let len = trimmed
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '/' | '_' | '+' | '-')))
        .unwrap_or(trimmed.len());
    let word = &trimmed[..len];
    if word.is_empty() || word.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let known = crate::core::zones::known_abbreviations().any(|a| a == word)
        || word.contains('/')
        || word == "UTC";
    if !known {
        return None;
    }
    let mut end = s.len() - trimmed.len() + len;
    if s[end..].starts_with(')') {
        end += 1;
    }
    Some((word.to_string(), end))
}

/// Fixes the common UTF-8-read-as-Latin-1 damage ("â€“" for "–") for parsing.
pub fn unmangle(s: &str) -> String {
    s.replace("\u{e2}\u{20ac}\u{201c}", "\u{2013}")
        .replace("\u{e2}\u{20ac}\u{201d}", "\u{2014}")
        .replace("\u{e2}\u{20ac}\u{2122}", "'")
        .replace('\u{a0}', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_prose() {
        assert_eq!(
            find_date("Posted Apr 29, 2026 - 15:35 PDT").map(|d| d.0.to_string()),
            Some("2026-04-29".into())
        );
        assert_eq!(
            find_date("On February 4th, 2024 at 8:04 p.m.").map(|d| d.0.to_string()),
            Some("2024-02-04".into())
        );
        assert_eq!(
            find_date("Start: 2026-02-17 09:05 UTC").map(|d| d.0.to_string()),
            Some("2026-02-17".into())
        );
        assert_eq!(
            find_date("Duration: June 3, 2025, 14:10 WAT").map(|d| d.0.to_string()),
            Some("2025-06-03".into())
        );
        assert_eq!(find_date("in the summer"), None);
    }

    #[test]
    fn times_in_prose() {
        let t = find_time("at 8:04 p.m. attempts", 0).unwrap();
        assert_eq!((t.time().unwrap().hour(), t.pm), (20, Some(true)));
        let t = find_time("- 7:52 : change", 0).unwrap();
        assert_eq!(
            t.candidates().iter().map(|t| t.hour()).collect::<Vec<_>>(),
            vec![7, 19]
        );
        let t = find_time("UP as of 22:48:02 (UTC)", 0).unwrap();
        assert_eq!((t.hour, t.minute, t.second), (22, 48, 2));
        assert_eq!(
            zone_after("22:48:02 (UTC), after", t.end - t.start).map(|z| z.0),
            Some("UTC".into())
        );
        assert!(find_time("version 1.2.3 and 10:5", 0).is_none());
    }
}
