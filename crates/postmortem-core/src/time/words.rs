//! Reading the times people write in prose: "Apr 29, 2026 - 15:35 PDT",
//! "March 12, 2025, 03:15 WAT", "February 4th, 2024 at 8:04 p.m.", "06:12 UTC",
//! "7:52". Used by the foreign importer only. Finds pieces; the caller decides
//! the date and zone a bare time belongs to.

use crate::time::offset::{self, Hour};
use jiff::civil::{Date, Time};

/// A number written with ASCII digits only (no sign, no space), if it fits `T`.
fn digits<T: std::str::FromStr>(s: &str) -> Option<T> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// The months, in lower case, January first: the one list of their names
/// (`clock` reads a typed `Mar 12` with it too).
pub const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// A month name at `p` in `lower` (ASCII-lowercased): its number and where the word ends.
/// Accepts the three-letter form with an optional dot and the full name; never
/// a longer word that starts like one ("marching", "decided").
fn month_at(lower: &str, p: usize) -> Option<(i8, usize)> {
    let b = lower.as_bytes();
    if p > 0 && b[p - 1].is_ascii_alphabetic() {
        return None;
    }
    let word_end = p + b[p..]
        .iter()
        .take_while(|c| c.is_ascii_alphabetic())
        .count();
    let word = &b[p..word_end];
    // Three letters ("jan"), "sept", or the whole name, in any case.
    if !(3..=9).contains(&word.len()) {
        return None;
    }
    let i = MONTHS.iter().map(|m| m.as_bytes()).position(|f| {
        f[..3].eq_ignore_ascii_case(&word[..3])
            && (word.len() == 3
                || f.eq_ignore_ascii_case(word)
                || word.eq_ignore_ascii_case(b"sept") && f == b"september")
    })?;
    Some((i as i8 + 1, word_end))
}

/// The days of the week, in lower case, Monday first.
pub const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// A date as written, the year possibly left out ("Tuesday, June 8").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayText {
    pub year: Option<i16>,
    pub month: i8,
    pub day: i8,
    /// Byte range in the text searched.
    pub start: usize,
    pub end: usize,
}

impl DayText {
    /// The date, taking `year` when none was written.
    pub fn date(&self, year: Option<i16>) -> Option<Date> {
        Date::new(self.year.or(year)?, self.month, self.day).ok()
    }
}

/// Leading digits of `s` (at most `max`), as a number, and how many there were.
fn number(s: &str, max: usize) -> Option<(i16, usize)> {
    let len = s.bytes().take_while(u8::is_ascii_digit).count();
    if len == 0 || len > max {
        return None;
    }
    Some((digits::<i16>(&s[..len])?, len))
}

/// `st`, `nd`, `rd`, `th` after a day number.
fn ordinal_len(s: &str) -> usize {
    let l = s.get(..2).map(str::to_ascii_lowercase);
    match l.as_deref() {
        Some("st" | "nd" | "rd" | "th")
            if !s[2..].starts_with(|c: char| c.is_ascii_alphabetic()) =>
        {
            2
        }
        _ => 0,
    }
}

/// A year after a day: `, 2017`, ` 2017`; its length from the start of `s`.
fn year_after(s: &str) -> Option<(i16, usize)> {
    let t = s.trim_start_matches([',', ' ']);
    let skipped = s.len() - t.len();
    if skipped == 0 {
        return None;
    }
    let (y, len) = number(t, 4).filter(|(_, l)| *l == 4)?;
    if t[len..].starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    Some((y, skipped + len))
}

/// Every date written in `s` in one of the forms people use: `2017-01-31`,
/// `2017/01/31`, `Jan 31, 2017`, `February 4th, 2024`, `31 January 2017`,
/// `Tue, 31 Jan 2017`, and with no year: `June 8`, `Tuesday, June 8`, `8 June`.
/// A form with no year needs a capitalised month name, so "may 5" in prose is
/// not a date.
pub fn find_days(s: &str) -> Vec<DayText> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    // Numeric: 2026-04-29 and 2017/01/31 (year first), 16.07.2024 (day
    // first, as Europe writes it); 07/16/2024 is left alone (month and day
    // order differ by country).
    let digits_at = |w: &[u8], r: std::ops::Range<usize>| w[r].iter().all(u8::is_ascii_digit);
    let mut i = 0;
    while i + 10 <= b.len() {
        let w = &b[i..i + 10];
        let clear = (i == 0 || !b[i - 1].is_ascii_digit() && b[i - 1] != b'.')
            && !b.get(i + 10).is_some_and(u8::is_ascii_digit);
        let year_first = (w[4] == b'-' || w[4] == b'/')
            && w[7] == w[4]
            && digits_at(w, 0..4)
            && digits_at(w, 5..7)
            && digits_at(w, 8..10);
        let day_first = w[2] == b'.'
            && w[5] == b'.'
            && digits_at(w, 0..2)
            && digits_at(w, 3..5)
            && digits_at(w, 6..10);
        let n = |r: std::ops::Range<usize>| digits::<i16>(&s[i + r.start..i + r.end]);
        let ymd = match (clear, year_first, day_first) {
            (true, true, _) => (n(0..4), n(5..7), n(8..10)),
            (true, _, true) => (n(6..10), n(3..5), n(0..2)),
            _ => (None, None, None),
        };
        if let (Some(y), Some(m), Some(d)) = ymd {
            if Date::new(y, m as i8, d as i8).is_ok() {
                out.push(DayText {
                    year: Some(y),
                    month: m as i8,
                    day: d as i8,
                    start: i,
                    end: i + 10,
                });
                i += 10;
                continue;
            }
        }
        i += 1;
    }
    // Month names, their case ignored byte by byte (the text is not copied).
    let lower = s;
    let mut p = 0;
    while p < b.len() {
        if !b[p].is_ascii_alphabetic() {
            p += 1;
            continue;
        }
        let Some((month, word_end)) = month_at(lower, p) else {
            p += b[p..]
                .iter()
                .take_while(|c| c.is_ascii_alphabetic())
                .count();
            continue;
        };
        let capital = b[p].is_ascii_uppercase();
        // Month first: "Jan 31, 2017", "June 8".
        let rest = &s[word_end..];
        let t = rest.trim_start_matches(['.', ' ']);
        let gap = rest.len() - t.len();
        if gap > 0 {
            if let Some((day, dl)) = number(t, 2) {
                let ord = ordinal_len(&t[dl..]);
                let mut end = word_end + gap + dl + ord;
                let boundary = !s[end..].starts_with(|c: char| c.is_ascii_digit() || c == ':');
                if boundary && (1..=31).contains(&day) {
                    let year = year_after(&s[end..]);
                    if let Some((_, yl)) = year {
                        end += yl;
                    }
                    if year.is_some() || capital {
                        out.push(DayText {
                            year: year.map(|y| y.0),
                            month,
                            day: day as i8,
                            start: p,
                            end,
                        });
                    }
                }
            }
        }
        // Day first: "31 January 2017", "2 June, 2019", "8 June".
        let before = s[..p].trim_end_matches(' ');
        if before.len() < p {
            let dl = before.bytes().rev().take_while(u8::is_ascii_digit).count();
            let ord_start = before.len();
            let ascii_tail = before.len() >= 3 && before.is_char_boundary(before.len() - 2);
            let (num_end, has_ord) = if dl == 0 && ascii_tail {
                let stem = &before[..ord_start - 2];
                let dl2 = stem.bytes().rev().take_while(u8::is_ascii_digit).count();
                (
                    if dl2 > 0 && ordinal_len(&before[ord_start - 2..]) == 2 {
                        stem.len()
                    } else {
                        0
                    },
                    dl2 > 0,
                )
            } else {
                (ord_start, false)
            };
            let day_start = num_end
                - before[..num_end]
                    .bytes()
                    .rev()
                    .take_while(u8::is_ascii_digit)
                    .count();
            if num_end > day_start
                && num_end - day_start <= 2
                && (day_start == 0
                    || !b[day_start - 1].is_ascii_digit()
                        && b[day_start - 1] != b':'
                        && b[day_start - 1] != b'/')
                && (dl > 0 || has_ord)
            {
                if let Some(day) =
                    digits::<i16>(&s[day_start..num_end]).filter(|d| (1..=31).contains(d))
                {
                    let mut end = word_end;
                    let year = year_after(&s[end..]);
                    if let Some((_, yl)) = year {
                        end += yl;
                    }
                    if (year.is_some() || capital)
                        && !out
                            .iter()
                            .any(|d: &DayText| d.start <= day_start && d.end > day_start)
                    {
                        out.push(DayText {
                            year: year.map(|y| y.0),
                            month,
                            day: day as i8,
                            start: day_start,
                            end,
                        });
                    }
                }
            }
        }
        p = word_end;
    }
    out.retain(|d| Date::new(d.year.unwrap_or(2000), d.month, d.day).is_ok());
    out.sort_by_key(|d| (d.start, std::cmp::Reverse(d.end)));
    // A range found twice (day first and month first) counts once.
    out.dedup_by(|b, a| b.start < a.end);
    out
}

/// The first full date in text (with its year), with the byte range it covers.
pub fn find_date(s: &str) -> Option<(Date, usize, usize)> {
    find_days(s)
        .into_iter()
        .find_map(|d| Some((d.date(None)?, d.start, d.end)))
}

/// A clock time found in text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeText {
    pub hour: i8,
    pub minute: i8,
    pub second: i8,
    /// `Some(true)` for p.m., `Some(false)` for a.m., None when not said.
    pub pm: Option<bool>,
    /// No minutes were written (`7pm`, `21h`).
    pub bare_hour: bool,
    /// The hour was written with two digits (`07:45`, not `7:45`).
    pub padded: bool,
    pub start: usize,
    pub end: usize,
}

impl TimeText {
    /// The time of day, or None for an impossible one. Without a.m./p.m. the
    /// hour is taken as written (24-hour); see [`TimeText::candidates`].
    pub fn time(&self) -> Option<Time> {
        let mut h = self.hour;
        match self.pm {
            Some(true) if h < 12 => h += 12,
            Some(false) if h == 12 => h = 0,
            _ => {}
        }
        Time::new(h, self.minute, self.second, 0).ok()
    }

    /// Whether the pieces make a time of day (`25:99` and `13 pm` do not).
    fn is_real(&self) -> bool {
        self.minute < 60
            && self.second < 60
            && match self.pm {
                Some(_) => (1..=12).contains(&self.hour),
                None => self.hour <= 24 && (self.hour < 24 || self.minute == 0),
            }
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

/// `a.m.`, `p.m.`, `am`, `pm` (any case) at the start of `s`: p.m. or not, and its length.
fn meridiem(s: &str) -> Option<(bool, usize)> {
    let lower: String = s.chars().take(4).collect::<String>().to_ascii_lowercase();
    for (word, is_pm) in [
        ("p.m.", true),
        ("a.m.", false),
        ("p.m", true),
        ("a.m", false),
        ("pm", true),
        ("am", false),
    ] {
        let boundary = s
            .get(word.len()..)
            .is_some_and(|r| r.chars().next().is_none_or(|c| !c.is_ascii_alphanumeric()));
        if lower.starts_with(word) && boundary {
            return Some((is_pm, word.len()));
        }
    }
    None
}

/// The first time of day at or after `from`: `H:MM[:SS]` with an optional
/// a.m./p.m. (`7:52 p.m.`, `07:52 PM`, `7:52pm`), an hour with one (`7pm`,
/// `9 p.m.`), or the French `19h52` / `21h`.
pub fn find_time(s: &str, from: usize) -> Option<TimeText> {
    let b = s.as_bytes();
    let mut i = from;
    while i < b.len() {
        let starts = b[i].is_ascii_digit()
            && (i == 0
                || !b[i - 1].is_ascii_digit() && !matches!(b[i - 1], b':' | b'.' | b',' | b'/'));
        if !starts {
            i += 1;
            continue;
        }
        let h_len = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        if let Some(t) = (1..=2)
            .contains(&h_len)
            .then(|| time_at(s, i, i + h_len))
            .flatten()
        {
            return Some(t);
        }
        i += h_len;
    }
    None
}

/// How a time's minutes were written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Minutes {
    /// `7:52`, `07:52:10`.
    Colon,
    /// `14:??`: the hour is known, the minutes are not.
    Unknown,
    /// The French `19h52`, `21h`.
    French,
    /// None: `7pm`.
    None,
}

/// A time whose hour is `s[i..colon]`.
fn time_at(s: &str, i: usize, colon: usize) -> Option<TimeText> {
    lex_time_at(s, i, colon)
        .map(|(t, _)| t)
        .filter(TimeText::is_real)
}

/// The pieces of a time whose hour is `s[i..colon]`, as written, whether or
/// not they make a time of day (`25:99`); and how its minutes were written.
fn lex_time_at(s: &str, i: usize, colon: usize) -> Option<(TimeText, Minutes)> {
    let b = s.as_bytes();
    let hour = digits::<i8>(&s[i..colon])?;
    let two = |at: usize| {
        b.get(at).is_some_and(u8::is_ascii_digit)
            && b.get(at + 1).is_some_and(u8::is_ascii_digit)
            && !b.get(at + 2).is_some_and(u8::is_ascii_digit)
    };
    let (minute, mut end, form) = match b.get(colon) {
        Some(b':') if two(colon + 1) => (
            digits::<i8>(&s[colon + 1..colon + 3])?,
            colon + 3,
            Minutes::Colon,
        ),
        // "14:??": the hour is known, the minutes are not (an estimate; see `roughly`).
        Some(b':') if s[colon + 1..].starts_with("??") => (0, colon + 1, Minutes::Unknown),
        Some(b'h') if two(colon + 1) => (
            digits::<i8>(&s[colon + 1..colon + 3])?,
            colon + 3,
            Minutes::French,
        ),
        Some(b'h') if !b.get(colon + 1).is_some_and(|c| c.is_ascii_alphanumeric()) => {
            (0, colon + 1, Minutes::French)
        }
        _ => (0, colon, Minutes::None),
    };
    // No minutes written: `7pm`, `21h` (`14:??` says there are some).
    let bare_hour = form == Minutes::None || form == Minutes::French && end == colon + 1;
    let french = form == Minutes::French;
    let mut second = 0;
    if !bare_hour && !french && b.get(end) == Some(&b':') && two(end + 1) {
        second = digits::<i8>(&s[end + 1..end + 3])?;
        end += 3;
    }
    let mut pm = None;
    if !french {
        let tail = s[end..].trim_start_matches(' ');
        if tail.len() + 1 >= s.len() - end {
            if let Some((is_pm, len)) = meridiem(tail) {
                pm = Some(is_pm);
                end = s.len() - tail.len() + len;
            }
        }
    }
    // An hour alone is a time only with a.m./p.m. or as `21h`.
    if form == Minutes::None && pm.is_none() {
        return None;
    }
    let time = TimeText {
        hour,
        minute,
        second,
        pm,
        bare_hour,
        padded: colon - i == 2,
        start: i,
        end,
    };
    Some((time, form))
}

/// A second time right after a first, as in `06:12–06:59 UTC`, `11:45 to
/// 15:40`, `16:00/17:00`: the second time, or None.
pub fn range_end(s: &str, at: usize) -> Option<TimeText> {
    let rest = &s[at..];
    let t = rest.trim_start();
    let after = [
        "\u{2013}", "\u{2014}", "-", "/", "to ", "until ", "through ", "and ",
    ]
    .iter()
    .find_map(|sep| t.strip_prefix(sep))?;
    let after = after.trim_start();
    time_starting_at(s, s.len() - after.len())
}

/// A time that starts exactly at `at`, not one further on.
pub fn time_starting_at(s: &str, at: usize) -> Option<TimeText> {
    let hour = hour_at(s, at)?;
    time_at(s, at, at + hour)
}

/// A time written `H:MM` (seconds and a.m./p.m. if any) that starts exactly
/// at `at`, read whether or not it is a time of day: `25:99` and `3:75 pm`
/// are clearly meant as times, and a reader keeps them as written.
pub fn written_time_at(s: &str, at: usize) -> Option<TimeText> {
    let hour = hour_at(s, at)?;
    lex_time_at(s, at, at + hour)
        .filter(|(_, form)| *form == Minutes::Colon)
        .map(|(t, _)| t)
}

/// The length of an hour of one or two digits starting at `at`, not in
/// the middle of a number.
fn hour_at(s: &str, at: usize) -> Option<usize> {
    let b = s.as_bytes();
    if !b.get(at).is_some_and(u8::is_ascii_digit)
        || at > 0 && (b[at - 1].is_ascii_digit() || matches!(b[at - 1], b':' | b'.' | b',' | b'/'))
    {
        return None;
    }
    let h_len = b[at..].iter().take_while(|c| c.is_ascii_digit()).count();
    (1..=2).contains(&h_len).then_some(h_len)
}

/// Words that make a time an estimate when they come just before it.
const ROUGHLY_BEFORE: &[&str] = &[
    "approximately",
    "approx.",
    "approx",
    "about",
    "around",
    "roughly",
    "circa",
    "ca.",
    "~",
    "\u{2248}",
    "est.",
    "sometime",
];

/// Whether a time is written as an estimate: a word before it (`~14:10`,
/// `around 15:05`, `approx. 9pm`) or a mark after it (`14:40-ish`, `15:20??`, `15:20?`).
pub fn roughly(s: &str, start: usize, end: usize) -> (bool, usize) {
    let before = s[..start].trim_end().to_lowercase();
    let is_before = ROUGHLY_BEFORE.iter().any(|w| {
        before.ends_with(w)
            && before[..before.len() - w.len()]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric())
    });
    let tail = &s[end..];
    for mark in ["-ish", " -ish", "ish", "??", "?"] {
        if let Some(rest) = tail.strip_prefix(mark) {
            if rest.chars().next().is_none_or(|c| !c.is_alphanumeric()) {
                return (true, end + mark.len());
            }
        }
    }
    (is_before, end)
}

/// Names of North American zones people write as words, and the zone each means.
const REGION_WORDS: &[(&str, &str)] = &[
    ("pacific", "America/Los_Angeles"),
    ("pt", "America/Los_Angeles"),
    ("eastern", "America/New_York"),
    ("et", "America/New_York"),
    ("central", "America/Chicago"),
    ("mountain", "America/Denver"),
];

/// The zone a word names, as `zones::parse_input` reads it after a time: an
/// IANA name, an abbreviation, `UTC`, `UTC+1`, `GMT-05:00`, `+0100`; or a
/// region word (`Pacific`, `Eastern`), given as its IANA name.
pub fn zone_word(word: &str) -> Option<String> {
    let w = word.trim_end_matches(['.', ',', ';', ')']);
    if w.is_empty() || w.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let lower = w.to_ascii_lowercase();
    // Capitalised only: "at 14:00 central storage failed" names no zone.
    let capital = w.starts_with(|c: char| c.is_ascii_uppercase())
        && (w.len() > 2 || w.bytes().all(|c| c.is_ascii_uppercase()));
    if let Some((_, zone)) = REGION_WORDS
        .iter()
        .find(|(n, _)| *n == lower)
        .filter(|_| capital)
    {
        return Some((*zone).to_string());
    }
    if crate::time::zones::known_abbreviations().any(|a| a == w) || w == "UTC" || w == "GMT" {
        return Some(w.to_string());
    }
    // Written as an offset (whether it is a real one is the zone reader's
    // question); prose gives none with seconds.
    let offset = |t: &str| offset::lex(t, Hour::OneOrTwo).is_some_and(|o| o.seconds.is_none());
    for prefix in ["UTC", "GMT"] {
        if let Some(rest) = w.strip_prefix(prefix) {
            if offset(rest) {
                return Some(w.replace('\u{2212}', "-"));
            }
        }
    }
    if w.starts_with(['+', '-']) && w.len() >= 3 && offset(w) {
        return Some(w.to_string());
    }
    if w.contains('/') && crate::time::zones::zone(w).is_ok() {
        return Some(w.to_string());
    }
    None
}

/// A zone written right after position `at` ("UTC", "(UTC)", "PDT",
/// "Europe/Berlin", "UTC+1", "-0500", "Pacific"): the word as written and
/// where it ends. A second time in a range is skipped: in `06:12–06:59 UTC`
/// the zone after the first time is UTC.
pub fn zone_after(s: &str, at: usize) -> Option<(String, usize)> {
    let at = range_end(s, at).map_or(at, |r| r.end);
    let rest = &s[at..];
    let trimmed = rest.trim_start().trim_start_matches('(');
    let len = trimmed
        .find(|c: char| {
            !(c.is_ascii_alphanumeric() || matches!(c, '/' | '_' | '+' | '-' | ':' | '\u{2212}'))
        })
        .unwrap_or(trimmed.len());
    let word = trimmed[..len].trim_end_matches([':', '-']);
    if rest.len() - trimmed.len() > 2 {
        return None;
    }
    zone_word(word)?;
    let mut end = s.len() - trimmed.len() + word.len();
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

    fn hm(s: &str) -> Option<(i8, i8)> {
        find_time(s, 0)
            .and_then(|t| t.time())
            .map(|t| (t.hour(), t.minute()))
    }

    #[test]
    fn every_spelling_of_a_clock() {
        assert_eq!(hm("7pm the queue"), Some((19, 0)));
        assert_eq!(hm("by 9 p.m. it"), Some((21, 0)));
        assert_eq!(hm("7:52pm"), Some((19, 52)));
        assert_eq!(hm("07:52 PM"), Some((19, 52)));
        assert_eq!(hm("12:10 a.m. the"), Some((0, 10)));
        assert_eq!(hm("11:58 p.m."), Some((23, 58)));
        assert_eq!(hm("19h52 alerte"), Some((19, 52)));
        assert_eq!(hm("21h : fin"), Some((21, 0)));
        assert_eq!(hm("1:05am"), Some((1, 5)));
        assert_eq!(hm("6:45pm \u{2014} deployed"), Some((18, 45)));
        // Not times: numbers and durations.
        assert_eq!(hm("500 requests, 3 hosts"), None);
        assert_eq!(hm("in 2024 we"), None);
        assert_eq!(hm("v1.10:30"), None);
        assert_eq!(hm("13 pm"), None);
        let t = find_time("14:?? - rsync", 0).unwrap();
        assert_eq!((t.hour, t.minute), (14, 0));
        assert!(roughly("14:?? - rsync", t.start, t.end).0);
    }

    #[test]
    fn ranges_and_estimates() {
        let s = "06:12\u{2013}06:59 UTC";
        let first = find_time(s, 0).unwrap();
        assert_eq!(range_end(s, first.end).map(|t| t.hour), Some(6));
        assert_eq!(zone_after(s, first.end).map(|z| z.0), Some("UTC".into()));
        let s = "from 11:45 to 15:40 US/Pacific";
        let first = find_time(s, 0).unwrap();
        assert_eq!(
            zone_after(s, first.end).map(|z| z.0),
            Some("US/Pacific".into())
        );
        for (s, approx) in [
            ("~14:10 x", true),
            ("around 15:05 x", true),
            ("14:40-ish x", true),
            ("15:20?? x", true),
            ("15:20 x", false),
            ("background 15:20", false),
        ] {
            let t = find_time(s, 0).unwrap();
            assert_eq!(roughly(s, t.start, t.end).0, approx, "{s}");
        }
    }

    #[test]
    fn zone_words() {
        assert_eq!(zone_word("UTC+1"), Some("UTC+1".into()));
        assert_eq!(zone_word("-0500"), Some("-0500".into()));
        assert_eq!(zone_word("Pacific"), Some("America/Los_Angeles".into()));
        assert_eq!(zone_word("pacific"), None);
        assert_eq!(zone_word("CEST"), Some("CEST".into()));
        assert_eq!(zone_word("Europe/Berlin"), Some("Europe/Berlin".into()));
        assert_eq!(zone_word("the"), None);
        assert_eq!(
            zone_after("10:00 (UTC+1) x", 5).map(|z| z.0),
            Some("UTC+1".into())
        );
    }

    fn days(s: &str) -> Vec<(Option<i16>, i8, i8)> {
        find_days(s)
            .iter()
            .map(|d| (d.year, d.month, d.day))
            .collect()
    }

    #[test]
    fn dates_in_every_form() {
        assert_eq!(days("2017/01/31 23:00-ish"), vec![(Some(2017), 1, 31)]);
        assert_eq!(days("On 31 January 2017 we"), vec![(Some(2017), 1, 31)]);
        assert_eq!(days("Sunday 2 June, 2019 from"), vec![(Some(2019), 6, 2)]);
        assert_eq!(days("Tuesday, June 8"), vec![(None, 6, 8)]);
        assert_eq!(
            days("Date: Tue, 31 Jan 2017 18:04:11 -0500"),
            vec![(Some(2017), 1, 31)]
        );
        assert_eq!(
            days("Jan 31, 2017 and Feb 1st, 2017"),
            vec![(Some(2017), 1, 31), (Some(2017), 2, 1)]
        );
        assert_eq!(days("April 6 | 02:10"), vec![(None, 4, 6)]);
        assert_eq!(days("8 June"), vec![(None, 6, 8)]);
        assert_eq!(days("**16.07.2024, 21:58"), vec![(Some(2024), 7, 16)]);
        // Not dates: a verb, a lower-case month with no year, a marching band.
        assert_eq!(days("it may 5 times"), vec![]);
        assert_eq!(days("we were marching 3 abreast"), vec![]);
        assert_eq!(days("version 2017/13/40"), vec![]);
    }
}
