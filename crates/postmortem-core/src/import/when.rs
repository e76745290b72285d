//! When a time written in a foreign postmortem happened: the date and zone a
//! careful reader takes from the document around it, and where each came
//! from, so the import review can name every assumption.
//!
//! The document's zone comes from a line that says so ("All times in PST",
//! "Times: Europe/Berlin", "Timeline (all times UTC)", a table's "Time
//! (UTC)", front matter), else from the zone most times carry, else it is
//! UTC by default (and every time read with it is listed as unsure). Its
//! date comes from front matter, a `Date:` line, the title, else the first
//! full date written. A time of day with no date of its own is placed by
//! [`clock::read`], after the time it follows (the row above, the date
//! heading it sits under, the start), next day past midnight.
//!
//! An abbreviation written for the wrong half of the year ("PST" in July) is
//! read as the zone's clock, not as a fixed offset, and noted.

use crate::model::Stamp;
use crate::review::Basis;
use crate::time::clock;
use crate::time::words::{self, DayText, TimeText};
use crate::time::zones::{self, Zoned};
use jiff::civil::{Date, Time};

/// A time found in a line, before its date and zone are settled.
#[derive(Debug, Clone)]
pub struct Moment {
    /// A date written with it ("Jan 31, 2017 - 15:05", "14:09 UTC on 2 July 2019").
    pub day: Option<DayText>,
    pub clock: TimeText,
    /// The zone word written with it, as `zones::parse_input` reads it.
    pub zone: Option<String>,
    pub approximate: bool,
    /// Where the time and what belongs to it end (a range, a zone, "-ish").
    pub end: usize,
}

/// Separators between a date and its time: `, `, ` - `, ` at `, `T`.
fn joins(between: &str) -> bool {
    let t = between.trim_matches([' ', ',', '-', '\u{2013}', '\u{2014}', '@', '|', '*']);
    between.len() <= 16
        && (t.is_empty()
            || t.split_whitespace().all(|w| {
                matches!(
                    w.to_ascii_lowercase().as_str(),
                    "at" | "on" | "from" | "around" | "about" | "approximately" | "~" | "t" | "-"
                )
            }))
}

/// The first time at or after `from`, with the date, zone and estimate marks
/// written beside it.
pub fn moment_in(s: &str, from: usize) -> Option<Moment> {
    let clock = words::find_time(s, from)?;
    // Dates are looked for near the time only: up to 40 bytes before it (a
    // date written with it ends there) and the same after its end.
    let window_start = (from..=clock.start)
        .find(|&i| i + 40 >= clock.start && s.is_char_boundary(i))
        .unwrap_or(from);
    let window_end = (clock.end..=s.len())
        .find(|&i| i >= (clock.end + 60).min(s.len()) && s.is_char_boundary(i))
        .unwrap_or(s.len());
    let days: Vec<DayText> = words::find_days(&s[window_start..window_end])
        .into_iter()
        .map(|d| DayText {
            start: d.start + window_start,
            end: d.end + window_start,
            ..d
        })
        .collect();
    let (approx_after, after_marks) = words::roughly(s, clock.start, clock.end);
    let approximate = approx_after;
    let (zone, mut end) = match words::zone_after(s, after_marks) {
        Some((z, e)) => (Some(z), e),
        None => (
            None,
            words::range_end(s, after_marks).map_or(after_marks, |r| r.end),
        ),
    };
    if let Some((true, e)) = Some(words::roughly(s, clock.start, end)).filter(|_| end > after_marks)
    {
        end = e;
    }
    let before = days
        .iter()
        .rfind(|d| d.start >= from && d.end <= clock.start && joins(&s[d.end..clock.start]));
    let after = days.iter().find(|d| {
        d.start >= end && {
            let gap = s[end..d.start].to_ascii_lowercase();
            let words: Vec<&str> = gap.split([' ', ',']).filter(|w| !w.is_empty()).collect();
            gap.len() <= 16
                && words
                    .iter()
                    .all(|w| *w == "on" || words::WEEKDAYS.contains(w))
                && words.first().is_none_or(|w| *w == "on")
        }
    });
    let day = before.or(after).copied();
    if let Some(d) = after.filter(|_| before.is_none()) {
        end = end.max(d.end);
    }
    Some(Moment {
        day,
        clock,
        zone,
        approximate,
        end,
    })
}

/// Every time in a line, in order.
pub fn moments(s: &str) -> Vec<Moment> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(m) = moment_in(s, from) {
        from = m.end.max(m.clock.end);
        out.push(m);
    }
    out
}

/// A time placed on the calendar.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    pub stamp: Stamp,
    /// The zone was written with the time.
    pub zone_own: bool,
    /// The date came from around it (a heading, the row above, the document).
    pub date_from_context: bool,
    /// Taken as the day after the time it follows.
    pub next_day: bool,
    /// Something the reader should know ("PST" read as Pacific time in summer).
    pub note: Option<String>,
}

/// What the document says about the date and zone of its times.
#[derive(Debug, Clone)]
pub struct Setting {
    /// The document's zone (an IANA name) for times written without one.
    pub zone: String,
    pub zone_basis: Basis,
    /// The zone as the document writes it ("PST", "Pacific", "UTC").
    pub zone_written: String,
    pub date: Option<Date>,
    pub date_basis: Basis,
    /// The year for dates written without one.
    pub year: Option<i16>,
    /// The document writes a.m./p.m. and no hour past 12: a bare `7:52` may be evening.
    pub twelve_hour: bool,
    /// The incident start, when a line states it, or the first time dated on
    /// the document's date: which of a.m. and p.m. a bare `7:52` is.
    pub start: Option<Zoned>,
    /// The start was stated by a line (`Start: …`): bare times follow it.
    pub start_stated: bool,
}

/// Words that introduce the zone of a document's times.
const DECLARATIONS: &[&str] = &[
    "all times are in",
    "all times are",
    "all times in",
    "all times",
    "all timestamps are in",
    "all timestamps are",
    "all timestamps in",
    "times are in",
    "times are",
    "times in",
    "times below are in",
    "times below are",
    "times:",
    "time zone:",
    "timezone:",
    "times shown in",
    "times given in",
    "timestamps in",
    "timestamps are",
];

/// The zone a line declares for the document's times: `(word as written,
/// zone word to place with)`. "All times in PST", "(all times are
/// US/Pacific)", "Times: Europe/Berlin", "**Times are UTC+1**", "All times
/// Pacific", and a heading or table header naming a zone in parentheses
/// ("Timeline (all times UTC)", "Timeline (approximate, UTC)", "Time (UTC)").
pub fn declared_zone(line: &str, heading_like: bool) -> Option<(String, String)> {
    let clean: String = line.replace(['*', '_', '`', '|'], " ");
    let lower = clean.to_ascii_lowercase();
    let word_after = |at: usize| -> Option<(String, String)> {
        clean[at..]
            .split(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | ')' | ';'))
            .filter(|w| !w.is_empty())
            .take(4)
            .find_map(|w| {
                let w = w.trim_end_matches(['.', ':']);
                words::zone_word(w).map(|z| (w.to_string(), z))
            })
    };
    for d in DECLARATIONS {
        let mut from = 0;
        while let Some(p) = lower[from..].find(d).map(|p| p + from) {
            from = p + d.len();
            let boundary = p == 0 || !lower.as_bytes()[p - 1].is_ascii_alphabetic();
            if boundary {
                if let Some(found) = word_after(p + d.len()) {
                    return Some(found);
                }
            }
        }
    }
    if heading_like {
        // A zone in parentheses: "Timeline (PDT, with UTC)", "Time (UTC)".
        let open = clean.find('(')?;
        let close = clean[open..].find(')')? + open;
        return clean[open + 1..close]
            .split([',', ' ', ';', '/'])
            .find_map(|w| words::zone_word(w.trim()).map(|z| (w.trim().to_string(), z)));
    }
    None
}

/// The IANA name a zone word stands for in the document field: the zone of
/// an abbreviation, the name itself, `Etc/GMT-1` for `UTC+1`.
pub fn zone_name(word: &str) -> Option<String> {
    if zones::zone(word).is_ok() && word.contains('/') || word == "UTC" {
        return Some(word.to_string());
    }
    let offset = word.starts_with(['+', '-'])
        || ["UTC", "GMT"].iter().any(|p| {
            word.strip_prefix(p)
                .is_some_and(|r| r.starts_with(['+', '-', '\u{2212}']))
        });
    if !offset {
        if let Ok(name) = zones::find_zone(word) {
            return Some(name);
        }
    }
    // `UTC+1`, `GMT-5`, `+01:00`, `-0500`: whole hours have an Etc name.
    let stamp = zones::parse_input(&format!("2001-01-01 00:00 {word}"), "UTC").ok()?;
    let z = zones::parse_stamp(&stamp).ok()?;
    let secs = z.offset().seconds();
    if secs % 3600 != 0 {
        return None;
    }
    let h = secs / 3600;
    Some(match h {
        0 => "UTC".to_string(),
        h if h > 0 => format!("Etc/GMT-{h}"),
        h => format!("Etc/GMT+{}", -h),
    })
}

impl Setting {
    /// A setting with nothing known: UTC by default, no date.
    pub fn unknown() -> Setting {
        Setting {
            zone: "UTC".into(),
            zone_basis: Basis::Nothing,
            zone_written: "UTC".into(),
            date: None,
            date_basis: Basis::Nothing,
            year: None,
            twelve_hour: false,
            start: None,
            start_stated: false,
        }
    }

    /// The date a written day stands for, with the document's year when it has none.
    pub fn day(&self, d: &DayText) -> Option<Date> {
        d.date(self.year)
    }

    /// Places a time: with its own date if it has one, else `day` (a date
    /// heading above it), else after `anchor` (the time it follows), else the
    /// start, else the document's date. The sentence says why it cannot be.
    pub fn place(
        &self,
        m: &Moment,
        day: Option<Date>,
        anchor: Option<&Zoned>,
    ) -> Result<Placed, String> {
        let anchor_given = anchor.is_some();
        let own_day =
            match &m.day {
                Some(d) => Some(self.day(d).ok_or_else(|| {
                    "its date has no year, and the document gives none".to_string()
                })?),
                None => None,
            };
        let word = m.zone.clone().unwrap_or_else(|| self.zone.clone());
        let context_zone = zone_name(&word).unwrap_or_else(|| self.zone.clone());
        let midnight = |d: Date| {
            zones::zone(&context_zone)
                .ok()
                .and_then(|tz| d.to_zoned(tz).ok())
        };
        let anchor: Option<Zoned> = match (own_day, day) {
            (Some(_), _) => None,
            (None, Some(d)) => anchor.cloned().or_else(|| midnight(d)),
            (None, None) => anchor
                .cloned()
                .or_else(|| self.start.clone().filter(|_| self.start_stated))
                .or_else(|| self.date.and_then(midnight))
                .or_else(|| self.start.clone()),
        };
        let row_above = own_day.is_none() && anchor_given;
        if own_day.is_none() && anchor.is_none() {
            return Err("the document gives no date for it".into());
        }
        let try_time = |t: Time| -> Result<clock::Reading, String> {
            let text = format!("{:02}:{:02}:{:02} {word}", t.hour(), t.minute(), t.second());
            match own_day {
                Some(d) => zones::parse_input(&format!("{d} {text}"), &self.zone)
                    .map(|stamp| clock::Reading {
                        stamp,
                        date_from_context: false,
                        next_day: false,
                        note: None,
                    })
                    .map_err(|e| e.to_string()),
                None => clock::read(
                    &text,
                    &clock::Context {
                        anchor: anchor.clone(),
                        zone: self.zone.clone(),
                        zone_from_anchor: false,
                    },
                )
                .map_err(|e| e.to_string()),
            }
        };
        let clock_time = m.clock;
        // "7:45" with no a.m./p.m. may be either in any document; "07:45" is a 24-hour clock.
        let candidates = if self.twelve_hour || !clock_time.padded {
            clock_time.candidates()
        } else {
            clock_time.time().into_iter().collect()
        };
        let mut readings: Vec<clock::Reading> = Vec::new();
        let mut first_error = None;
        for t in candidates {
            match try_time(t) {
                Ok(r) => readings.push(r),
                Err(e) => {
                    first_error.get_or_insert(e);
                }
            }
        }
        // Of a.m. and p.m., the reading nearest the time it follows, not a day later.
        let near = if row_above {
            anchor.clone()
        } else {
            self.start.clone().or_else(|| anchor.clone())
        };
        let reading = match near {
            Some(a) if readings.len() > 1 => readings.into_iter().min_by_key(|r| {
                let next = i64::from(r.next_day);
                let gap = zones::parse_stamp(&r.stamp)
                    .map(|z| z.timestamp().duration_since(a.timestamp()).as_secs().abs())
                    .unwrap_or(i64::MAX);
                (next, gap)
            }),
            _ => readings.into_iter().next(),
        };
        let reading = reading
            .ok_or_else(|| first_error.unwrap_or_else(|| "it is not a time of day".into()))?;
        let mut placed = Placed {
            stamp: reading.stamp,
            zone_own: m.zone.is_some(),
            date_from_context: reading.date_from_context,
            next_day: reading.next_day,
            note: None,
        };
        if let Some(w) = &m.zone {
            off_season(&mut placed, w);
        }
        Ok(placed)
    }
}

/// What a fixed abbreviation's own zone really showed at `at` when that is
/// another abbreviation ("PDT" for "PST" in July): people who write "PST"
/// all year mean the zone's clock. None for UTC and its kin, or a match.
pub fn other_season(word: &str, at: jiff::Timestamp) -> Option<(String, String)> {
    let fixed = zones::known_abbreviations().any(|a| a == word)
        && !matches!(word, "UTC" | "GMT" | "UT" | "Z");
    if !fixed {
        return None;
    }
    let home = zones::find_zone(word).ok()?;
    let really = zones::abbreviation(&zones::zone(&home).ok()?, at);
    (really != word && really.chars().all(|c| c.is_ascii_alphabetic())).then_some((home, really))
}

/// "PST" for a day when Pacific time is PDT: the time is read on the zone's
/// clock, and the note says so.
fn off_season(placed: &mut Placed, word: &str) {
    let Ok(at) = zones::parse_stamp(&placed.stamp) else {
        return;
    };
    if other_season(word, at.timestamp()).is_none() {
        return;
    }
    let (Ok(home), Ok(zones::ZoneWord::Fixed { offset, .. })) = (
        zones::find_zone(word),
        zones::read_zone_word(word, &zones::Zone::UTC, at.datetime()),
    ) else {
        return;
    };
    let Ok(tz) = zones::zone(&home) else { return };
    // The wall clock as written: the instant on the abbreviation's fixed offset.
    let wall = at
        .timestamp()
        .to_zoned(zones::Zone::fixed(offset))
        .datetime();
    let Ok(on_clock) = tz.to_ambiguous_zoned(wall).compatible() else {
        return;
    };
    // Checked again on the zone's clock: the written wall time may sit on the other side of a change.
    if let Some((home, really)) = other_season(word, on_clock.timestamp()) {
        placed.note = Some(format!(
            "\u{201c}{word}\u{201d} is written for a day when that clock showed {really}; read as {home} time ({really})."
        ));
        placed.stamp = zones::stamp_of(&on_clock);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declarations_name_the_zone() {
        let d = |s: &str, h: bool| declared_zone(s, h).map(|(w, _)| w);
        assert_eq!(d("All times in PST.", false), Some("PST".into()));
        assert_eq!(
            d("(all times are US/Pacific)", false),
            Some("US/Pacific".into())
        );
        assert_eq!(
            d("Times: Europe/Berlin", false),
            Some("Europe/Berlin".into())
        );
        assert_eq!(d("**Times are UTC+1**", false), Some("UTC+1".into()));
        assert_eq!(d("All times Pacific", false), Some("Pacific".into()));
        assert_eq!(
            d("All times in this document are CET (UTC+1).", false),
            Some("CET".into())
        );
        assert_eq!(d("## Timeline (all times UTC)", true), Some("UTC".into()));
        assert_eq!(d("## Timeline (PDT, with UTC)", true), Some("PDT".into()));
        assert_eq!(d("| Time (UTC) | Event |", true), Some("UTC".into()));
        assert_eq!(d("We spent all times of day on it", false), None);
        assert_eq!(d("Times are hard", false), None);
    }

    #[test]
    fn zone_names_for_the_document() {
        assert_eq!(zone_name("PST").as_deref(), Some("America/Los_Angeles"));
        assert_eq!(zone_name("UTC+1").as_deref(), Some("Etc/GMT-1"));
        assert_eq!(
            zone_name("America/Los_Angeles").as_deref(),
            Some("America/Los_Angeles")
        );
        assert_eq!(zone_name("UTC").as_deref(), Some("UTC"));
    }

    #[test]
    fn pst_in_summer_is_pacific_time() {
        let s = Setting::unknown();
        let m = moment_in("Jul 12, 2023 10:15 PST", 0).unwrap();
        let p = s.place(&m, None, None).unwrap();
        assert_eq!(
            zones::parse_stamp(&p.stamp)
                .unwrap()
                .timestamp()
                .to_string(),
            "2023-07-12T17:15:00Z"
        );
        assert!(p.note.unwrap().contains("PDT"));
        let m = moment_in("Jan 12, 2023 10:15 PST", 0).unwrap();
        let p = s.place(&m, None, None).unwrap();
        assert_eq!(
            zones::parse_stamp(&p.stamp)
                .unwrap()
                .timestamp()
                .to_string(),
            "2023-01-12T18:15:00Z"
        );
        assert!(p.note.is_none());
    }
}
