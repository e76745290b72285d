//! Times as people write them in a field or a pasted line, read into stamps.
//!
//! This module owns the one reader of typed times: everything
//! [`zones::parse_input`] reads (a date, a time, an optional zone word), and
//! a time of day with no date (`03:20`, `3:20 p.m.`, `15:20:05 UTC`,
//! `03:20 Africa/Lagos`), which takes its date from the instant it most
//! likely follows: the row above, the incident start. It also owns how a
//! document gives that instant to each of its time fields
//! ([`timeline_context`], [`key_time_context`], [`update_context`]).
//!
//! A time with no date takes the anchor's date on the clock it is read on
//! (the zone word's, else the field's zone). If that makes it more than six
//! hours earlier than the anchor, it is the next day: a timeline that runs
//! past midnight reads as it was written. A little earlier stays on the
//! anchor's day: that is a row out of order, which validation reports.
//!
//! Nothing is read partly: text left over after the time is an unknown zone
//! or not a time, never ignored. A wall-clock time in a clock change is
//! refused with the choices, as [`zones::resolve`] does.

use crate::core::markdown::loose;
use crate::core::model::{Document, KeyTime, Stamp};
use crate::core::zones::{self, TimeError, Zone, ZoneWord, Zoned};
use jiff::civil::{Date, DateTime, Time};
use jiff::SignedDuration;

/// What a time field knows besides the text typed into it.
#[derive(Debug, Clone, PartialEq)]
pub struct Context {
    /// The instant this time most likely follows: the row above, else the
    /// incident start, … (None: nothing known).
    pub anchor: Option<Zoned>,
    /// IANA name of the zone a time without a zone word is read in (the field's zone).
    pub zone: String,
}

/// A typed time read into a stamp.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    /// Canonical RFC 9557, as [`zones::parse_input`] produces.
    pub stamp: Stamp,
    /// The text had no date; it came from the anchor.
    pub date_from_context: bool,
    /// The date came from the anchor and the time, earlier than the anchor by
    /// more than [`ROLLOVER`], was taken on the next day.
    pub next_day: bool,
}

/// How much earlier than its anchor a time with no date may be and stay on
/// the anchor's day.
pub const ROLLOVER: SignedDuration = SignedDuration::from_hours(6);

/// Reads a typed time. See the module documentation for the forms.
pub fn read(text: &str, ctx: &Context) -> Result<Reading, TimeError> {
    let s = text.trim();
    let (date, clock_time) = match time_of_day(s) {
        Some(t) => (None, t),
        // With a date (or not a time at all): the reader of dated times; what
        // it does not take after a date (`2025-03-12 3:20 pm`) reads as the
        // same time would without one.
        None => match (zones::parse_input(s, &ctx.zone), dated(s)) {
            (Ok(stamp), _) => {
                return Ok(Reading {
                    stamp,
                    date_from_context: false,
                    next_day: false,
                })
            }
            (Err(_), Some((date, t))) => (Some(date), t),
            (Err(e), None) => return Err(e),
        },
    };
    let ClockTime { time, zone_word } = clock_time;
    let field_zone = match zone_word {
        None => zones::zone(&ctx.zone)?,
        // Only for the field zone's own abbreviations (IST in Asia/Kolkata).
        Some(_) => zones::zone_or_utc(&ctx.zone),
    };
    let reading = |date: Date, clock: &ZoneWord, from_context: bool, next_day: bool| {
        clock.place(date.to_datetime(time), s).map(|z| Reading {
            stamp: zones::stamp_of(&z),
            date_from_context: from_context,
            next_day,
        })
    };
    if let Some(date) = date {
        let clock = match zone_word {
            None => ZoneWord::Zone(field_zone),
            Some(word) => zones::read_zone_word(word, &field_zone, date.to_datetime(time))?,
        };
        return reading(date, &clock, false, false);
    }
    let Some(anchor) = &ctx.anchor else {
        if let Some(word) = zone_word {
            // A mistyped zone is the first thing to mend.
            zone_word_anywhen(word, &field_zone, time)?;
        }
        return Err(TimeError::NoDate {
            input: s.to_string(),
        });
    };
    let clock = match zone_word {
        None => ZoneWord::Zone(field_zone),
        Some(word) => {
            let near = civil_date(anchor, &field_zone).to_datetime(time);
            zones::read_zone_word(word, &field_zone, near)?
        }
    };
    let on = clock.clock();
    let date = civil_date(anchor, &on);
    if earlier_than_by_more(date.to_datetime(time), &on, anchor, ROLLOVER) {
        let next = date.tomorrow().map_err(|_| TimeError::NotATime {
            input: s.to_string(),
        })?;
        return reading(next, &clock, true, true);
    }
    reading(date, &clock, true, false)
}

/// A time of day read from the start of a text, and what follows it.
#[derive(Debug, Clone, Copy)]
struct ClockTime<'a> {
    time: Time,
    zone_word: Option<&'a str>,
}

/// A time of day at the start of the text and the zone word after it:
/// 03:20 and no zone for `03:20`, 15:20 and `UTC` for `3:20 pm UTC`, 03:20
/// and `Z` for `03:20Z`. None when the text does not start with a time of
/// day, or what follows it cannot be a zone.
fn time_of_day(s: &str) -> Option<ClockTime<'_>> {
    let found = loose::find_time(s, 0).filter(|t| t.start == 0)?;
    let time = found.time()?;
    let rest = &s[found.end..];
    let zone_word = if rest.is_empty() {
        None
    } else {
        // `03:20 WAT`, `03:20Z`, `03:20+01:00`; never `03:20:5` or `03:20.5`.
        let word = rest.trim_start();
        let first = word.chars().next()?;
        if !(first.is_alphabetic() || matches!(first, '+' | '-')) {
            return None;
        }
        Some(word)
    };
    Some(ClockTime { time, zone_word })
}

/// `2025-03-12 3:20 pm`, `2025-03-12 10:42 AM UTC`: a date, a space or `T`,
/// then a time of day as [`time_of_day`] reads it.
fn dated(s: &str) -> Option<(Date, ClockTime<'_>)> {
    let date = zones::parse_date(s.get(..10)?)?;
    let rest = s.get(10..)?;
    let rest = rest
        .strip_prefix(['T', 't'])
        .or_else(|| rest.strip_prefix(char::is_whitespace))?
        .trim_start();
    time_of_day(rest).map(|t| (date, t))
}

/// The civil date of an instant on a clock.
fn civil_date(at: &Zoned, on: &Zone) -> Date {
    at.with_time_zone(on.clone()).date()
}

/// Whether a civil time on a clock is earlier than `anchor` by more than
/// `by`. A time in a clock change is measured as the earlier offset reads it
/// (within an hour of either reading, which does not move it across `by`).
fn earlier_than_by_more(dt: DateTime, on: &Zone, anchor: &Zoned, by: SignedDuration) -> bool {
    on.to_ambiguous_timestamp(dt)
        .compatible()
        .is_ok_and(|ts| anchor.timestamp().duration_since(ts) > by)
}

/// Checks a zone word when there is no date: it must read on some day
/// (a zone's abbreviation may be used in summer or in winter only).
fn zone_word_anywhen(word: &str, field_zone: &Zone, time: Time) -> Result<(), TimeError> {
    let days = [
        jiff::civil::date(2025, 1, 15),
        jiff::civil::date(2025, 7, 15),
    ];
    let mut first_error = None;
    for day in days {
        match zones::read_zone_word(word, field_zone, day.to_datetime(time)) {
            Ok(_) => return Ok(()),
            Err(e) => {
                first_error.get_or_insert(e);
            }
        }
    }
    first_error.map_or(Ok(()), Err)
}

fn parsed(stamp: Option<&Stamp>) -> Option<Zoned> {
    stamp.and_then(|s| zones::parse_stamp(s).ok())
}

/// The first timeline stamp that parses, in row order.
fn first_timeline_stamp(doc: &Document) -> Option<Zoned> {
    doc.timeline.iter().find_map(|e| parsed(e.at.as_ref()))
}

/// Context for timeline row `row` of `doc`: the anchor is the nearest earlier
/// row whose stamp parses, else `times.started`, else the earliest key time
/// that parses; the zone is the document's.
pub fn timeline_context(doc: &Document, row: usize) -> Context {
    let above = doc.timeline.get(..row).unwrap_or(&doc.timeline);
    let anchor = above
        .iter()
        .rev()
        .find_map(|e| parsed(e.at.as_ref()))
        .or_else(|| parsed(doc.times.started.as_ref()))
        .or_else(|| {
            KeyTime::ALL
                .iter()
                .filter_map(|k| parsed(doc.times.get(*k)))
                .min_by_key(|z| z.timestamp())
        });
    Context {
        anchor,
        zone: doc.time_zone.clone(),
    }
}

/// Context for a key time: the anchor is the nearest earlier key time that
/// parses (started for detected, and so on), else the first timeline stamp
/// that parses; the zone is the document's.
pub fn key_time_context(doc: &Document, key: KeyTime) -> Context {
    let earlier: Vec<KeyTime> = KeyTime::ALL
        .iter()
        .copied()
        .take_while(|k| *k != key)
        .collect();
    let anchor = earlier
        .iter()
        .rev()
        .find_map(|k| parsed(doc.times.get(*k)))
        .or_else(|| first_timeline_stamp(doc));
    Context {
        anchor,
        zone: doc.time_zone.clone(),
    }
}

/// Context for status update `row`: the anchor is the nearest earlier update
/// whose stamp parses, else `times.started`, else the first timeline stamp
/// that parses; the zone is the document's.
pub fn update_context(doc: &Document, row: usize) -> Context {
    let above = doc.updates.get(..row).unwrap_or(&doc.updates);
    let anchor = above
        .iter()
        .rev()
        .find_map(|u| parsed(u.at.as_ref()))
        .or_else(|| parsed(doc.times.started.as_ref()))
        .or_else(|| first_timeline_stamp(doc));
    Context {
        anchor,
        zone: doc.time_zone.clone(),
    }
}
