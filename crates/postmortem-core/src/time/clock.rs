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

use crate::model::{Document, KeyTime, Stamp};
use crate::time::offset;
use crate::time::words::{self, MONTHS};
use crate::time::zones::{self, TimeError, Zone, ZoneWord, Zoned};
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
    /// A time with no date and no zone word takes the anchor's zone with
    /// its date, not `zone`: a row after `03:15 WAT` is on West Africa's
    /// clock too. True in the document's contexts; a field whose zone the
    /// user chose, or that shows another zone than the document's, reads
    /// in that zone instead.
    pub zone_from_anchor: bool,
}

impl Context {
    /// A time that follows `anchor` in a document whose zone is `zone`: a
    /// time of day with no zone word is read in the anchor's zone, as it
    /// takes the anchor's date; a date with no zone word, in `zone`.
    pub fn following(anchor: Option<Zoned>, zone: &str) -> Context {
        Context {
            anchor,
            zone: zone.to_string(),
            zone_from_anchor: true,
        }
    }
}

/// What the line under a field says about how a time was read, and the
/// other way it could have been read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// One sentence: "EST is UTC−05:00; New York was on EDT then, so this is 03:30 EDT."
    pub said: String,
    /// The other reading: what a button offers ("02:30 EDT, New York's
    /// clock") and its stamp.
    pub other: Option<(String, Stamp)>,
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
    /// A reading worth a word: an abbreviation off its season, a date that
    /// could be day or month first.
    pub note: Option<Note>,
}

/// How much earlier than its anchor a time with no date may be and stay on
/// the anchor's day.
pub const ROLLOVER: SignedDuration = SignedDuration::from_hours(6);

/// Reads a typed time. See the module documentation for the forms.
pub fn read(text: &str, ctx: &Context) -> Result<Reading, TimeError> {
    let s = text.trim();
    let Some(r) = respell(s, ctx) else {
        return read_plain(s, ctx)
            .map(|reading| with_season_note(reading, s))
            .map_err(|e| suggest(e, s, ctx));
    };
    let mut reading = match read_plain(&r.text, ctx) {
        Ok(reading) => with_season_note(reading, &r.text),
        // The sentence names what was typed, not the respelling.
        Err(e) => return Err(suggest(retyped(e, &r.text, s), s, ctx)),
    };
    if reading.note.is_none() {
        if let Some(said) = r.said {
            let other = r.other.and_then(|(label, text)| {
                let other = read_plain(&text, ctx).ok()?;
                Some((label, other.stamp))
            });
            reading.note = Some(Note { said, other });
        }
    }
    Ok(reading)
}

/// An error about the respelled text, told about the text as typed.
fn retyped(e: TimeError, respelled: &str, typed: &str) -> TimeError {
    match e {
        TimeError::NotATime { input } if input == respelled => TimeError::NotATime {
            input: typed.to_string(),
        },
        TimeError::NoDate { input } if input == respelled => TimeError::NoDate {
            input: typed.to_string(),
        },
        other => other,
    }
}

fn read_plain(s: &str, ctx: &Context) -> Result<Reading, TimeError> {
    let (date, typed) = match time_of_day(s) {
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
                    note: None,
                })
            }
            (Err(_), Some((date, t))) => (Some(date), t),
            (Err(e), None) => return Err(e),
        },
    };
    let TimeAndZone { time, zone_word } = typed;
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
            note: None,
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
        None if ctx.zone_from_anchor => ZoneWord::Zone(anchor.time_zone().clone()),
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

/// A time of day read from the start of a text, and the zone word after it
/// (the pieces of a time in prose are [`words::TimeText`]).
#[derive(Debug, Clone, Copy)]
struct TimeAndZone<'a> {
    time: Time,
    zone_word: Option<&'a str>,
}

/// A time of day at the start of the text and the zone word after it:
/// 03:20 and no zone for `03:20`, 15:20 and `UTC` for `3:20 pm UTC`, 03:20
/// and `Z` for `03:20Z`. None when the text does not start with a time of
/// day, or what follows it cannot be a zone.
fn time_of_day(s: &str) -> Option<TimeAndZone<'_>> {
    let found = words::time_starting_at(s, 0)?;
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
    Some(TimeAndZone { time, zone_word })
}

/// `2025-03-12 3:20 pm`, `2025-03-12 10:42 AM UTC`: a date, a space or `T`,
/// then a time of day as [`time_of_day`] reads it.
fn dated(s: &str) -> Option<(Date, TimeAndZone<'_>)> {
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
/// that parses; the zone is the anchor's (else the document's).
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
    Context::following(anchor, &doc.time_zone)
}

/// Context for a key time: the anchor is the nearest earlier key time that
/// parses (started for detected, and so on), else the first timeline stamp
/// that parses; the zone is the anchor's (else the document's).
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
    Context::following(anchor, &doc.time_zone)
}

/// Context for status update `row`: the anchor is the nearest earlier update
/// whose stamp parses, else `times.started`, else the first timeline stamp
/// that parses; the zone is the anchor's (else the document's).
pub fn update_context(doc: &Document, row: usize) -> Context {
    let above = doc.updates.get(..row).unwrap_or(&doc.updates);
    let anchor = above
        .iter()
        .rev()
        .find_map(|u| parsed(u.at.as_ref()))
        .or_else(|| parsed(doc.times.started.as_ref()))
        .or_else(|| first_timeline_stamp(doc));
    Context::following(anchor, &doc.time_zone)
}

/// A time written with an abbreviation off its season (`02:30 EST` when New
/// York was on EDT) keeps the abbreviation's instant; the note says what
/// that is on the zone's own clock and offers the zone's wall clock instead.
fn with_season_note(mut reading: Reading, s: &str) -> Reading {
    reading.note = reading.note.or_else(|| season_note(s, &reading.stamp));
    reading
}

fn season_note(s: &str, stamp: &Stamp) -> Option<Note> {
    let word = s.rsplit(char::is_whitespace).next()?;
    if !word.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let (offset, home) = zones::abbreviation_home(word)?;
    let at = zones::parse_stamp(stamp).ok()?;
    let on_home = at.with_time_zone(home.clone());
    if at.offset() != offset || on_home.offset() == offset {
        return None;
    }
    let typed = word.to_ascii_uppercase();
    let city = place_of(&home);
    let then = zones::abbreviation(&home, at.timestamp());
    let clock_then = hh_mm(on_home.datetime());
    let said = format!(
        "{typed} is UTC{}; {city} was on {then} then, so this is {clock_then} {then}.",
        signed(offset)
    );
    let other = zones::resolve(at.datetime(), &home).ok().map(|z| {
        let label = format!(
            "{} {}, {city}\u{2019}s clock",
            hh_mm(z.datetime()),
            zones::abbreviation(&home, z.timestamp())
        );
        (label, zones::stamp_of(&z))
    });
    Some(Note { said, other })
}

/// `New York` for America/New_York.
fn place_of(tz: &Zone) -> String {
    let name = zones::zone_label(tz);
    name.rsplit('/').next().unwrap_or(&name).replace('_', " ")
}

/// `03:30`, with seconds when not zero.
fn hh_mm(dt: DateTime) -> String {
    zones::wall_text(dt)
        .get(11..)
        .unwrap_or_default()
        .to_string()
}

/// `−05:00`, `+01:00` (with a minus sign).
fn signed(o: jiff::tz::Offset) -> String {
    offset::text(o).replace('-', "\u{2212}")
}

/// A time written another way people write times, respelled in the form
/// [`read_plain`] takes, with what was assumed and the other reading.
struct Respelt {
    text: String,
    said: Option<String>,
    other: Option<(String, String)>,
}

/// A month's number from its name or a three-letter (or longer) start of it,
/// with an optional dot: `Mar`, `mar.`, `March`, `Sept`.
fn month_number(word: &str) -> Option<i8> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    let i = MONTHS.iter().position(|m| m.starts_with(&w))?;
    i8::try_from(i + 1).ok()
}

fn month_name(m: i8) -> String {
    let name = MONTHS
        .get(usize::try_from(m - 1).unwrap_or(0))
        .copied()
        .unwrap_or("");
    let mut c = name.chars();
    c.next()
        .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
        .unwrap_or_default()
}

/// A day of the month (`12`, `12,`, `12th`).
fn day_number(word: &str) -> Option<i8> {
    let w = word.trim_end_matches(',');
    let w = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|o| w.strip_suffix(o))
        .unwrap_or(w);
    (w.len() <= 2).then(|| w.parse().ok()).flatten()
}

fn year_number(word: &str) -> Option<i16> {
    let w = word.trim_end_matches(',');
    (w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()))
        .then(|| w.parse().ok())
        .flatten()
}

/// The year a date with none written is in: the anchor's.
fn anchor_year(ctx: &Context) -> Option<i16> {
    let a = ctx.anchor.as_ref()?;
    Some(civil_date(a, &zones::zone_or_utc(&ctx.zone)).year())
}

/// Reads `0500`, `04.30`, `3.15pm`, `noon`, `midnight`, and dates written
/// `Mar 12 03:15`, `12 Mar 2025 03:15`, `12/03/2025 03:15` (day or month
/// first: the one nearer the time before, else day first, and the other
/// offered). None when the text is in none of these forms.
fn respell(s: &str, ctx: &Context) -> Option<Respelt> {
    let words: Vec<&str> = s.split_whitespace().collect();
    let (dates, used) = leading_date(&words, ctx);
    let rest = &words[used.min(words.len())..];
    let (time, changed) = match rest.split_first() {
        Some((first, tail)) => {
            let (t, changed) = match respell_time(first) {
                Some(t) => (t, true),
                None => (first.to_string(), false),
            };
            (
                std::iter::once(t)
                    .chain(tail.iter().map(|w| w.to_string()))
                    .collect::<Vec<_>>()
                    .join(" "),
                changed,
            )
        }
        None => return None,
    };
    if dates.is_empty() && !changed {
        return None;
    }
    let with = |d: &Date| format!("{d} {time}");
    match dates.as_slice() {
        [] => Some(Respelt {
            text: time,
            said: None,
            other: None,
        }),
        [d] => Some(Respelt {
            text: with(d),
            said: None,
            other: None,
        }),
        [taken, other, ..] => {
            let day = |d: &Date| format!("{} {} {}", d.day(), month_name(d.month()), d.year());
            let a = words[0].split(['/', '.']).next().and_then(day_number);
            let first = if Some(taken.day()) == a {
                "day"
            } else {
                "month"
            };
            let second = if first == "day" { "month" } else { "day" };
            Some(Respelt {
                text: with(taken),
                said: Some(format!(
                    "{} is read {first} first: {}.",
                    words[0],
                    day(taken)
                )),
                other: Some((format!("{}, {second} first", day(other)), with(other))),
            })
        }
    }
}

/// The date the words start with, if written in a form [`respell`] takes,
/// and how many words it used. Two dates when it could be day or month
/// first, the one taken first.
fn leading_date(words: &[&str], ctx: &Context) -> (Vec<Date>, usize) {
    let Some(first) = words.first() else {
        return (Vec::new(), 0);
    };
    // 12/03/2025, 12.03.2025, 3/12/2025
    let parts: Vec<&str> = first.split(['/', '.']).collect();
    if let [a, b, y] = parts.as_slice() {
        let (Some(a), Some(b), Some(y)) = (day_number(a), day_number(b), year_number(y)) else {
            return (Vec::new(), 0);
        };
        let day_first = Date::new(y, b, a).ok();
        let month_first = Date::new(y, a, b).ok();
        let mut both: Vec<Date> = [day_first, month_first].into_iter().flatten().collect();
        both.dedup();
        if both.len() == 2 {
            if let Some(anchor) = &ctx.anchor {
                let near = civil_date(anchor, &zones::zone_or_utc(&ctx.zone));
                let distance = |d: &Date| (near.since(*d).map_or(i32::MAX, |s| s.get_days())).abs();
                if distance(&both[1]) < distance(&both[0]) {
                    both.swap(0, 1);
                }
            }
        }
        return (both, 1);
    }
    // Mar 12 [2025], 12 Mar [2025], March 12th, 2025
    let (month, day) = match (words.first(), words.get(1)) {
        (Some(m), Some(d)) if month_number(m).is_some() && day_number(d).is_some() => {
            (month_number(m), day_number(d))
        }
        (Some(d), Some(m)) if month_number(m).is_some() && day_number(d).is_some() => {
            (month_number(m), day_number(d))
        }
        _ => return (Vec::new(), 0),
    };
    let (Some(month), Some(day)) = (month, day) else {
        return (Vec::new(), 0);
    };
    let (year, used) = match words.get(2).and_then(|w| year_number(w)) {
        Some(y) => (Some(y), 3),
        None => (anchor_year(ctx), 2),
    };
    match year.and_then(|y| Date::new(y, month, day).ok()) {
        Some(d) => (vec![d], used),
        None => (Vec::new(), 0),
    }
}

/// `0500` as 05:00, `04.30` and `3.15pm` with a colon, `noon`, `midnight`.
fn respell_time(word: &str) -> Option<String> {
    let lower = word.to_ascii_lowercase();
    match lower.as_str() {
        "noon" | "midday" => return Some("12:00".into()),
        "midnight" => return Some("00:00".into()),
        _ => {}
    }
    // 0500, 0500Z
    let (digits, tail) = lower.split_at(lower.bytes().take_while(u8::is_ascii_digit).count());
    if digits.len() == 4 && matches!(tail, "" | "z") {
        let (h, m): (u8, u8) = (digits[..2].parse().ok()?, digits[2..].parse().ok()?);
        return (h < 24 && m < 60).then(|| format!("{}:{}{}", &word[..2], &word[2..4], &word[4..]));
    }
    // 04.30, 3.15pm, 3.15 (a.m. after a space is the next word)
    if (1..=2).contains(&digits.len()) && tail.starts_with('.') {
        let mins = &tail[1..];
        let m_len = mins.bytes().take_while(u8::is_ascii_digit).count();
        let after = &mins[m_len..];
        let meridiem = matches!(after, "" | "am" | "pm" | "a.m." | "p.m.");
        if m_len == 2 && meridiem {
            let i = digits.len();
            return Some(format!("{}:{}", &word[..i], &word[i + 1..]));
        }
    }
    None
}

/// A time that does not read, told with a nearby one that does: `5` is
/// 05:00, `3;15` 03:15, `0315pm` 03:15pm. The suggestion must read itself.
fn suggest(e: TimeError, s: &str, ctx: &Context) -> TimeError {
    if !matches!(e, TimeError::NotATime { .. }) || s.is_empty() {
        return e;
    }
    let lead = s
        .find(|c: char| !(c.is_ascii_digit() || matches!(c, ':' | ';' | '.' | ',' | ' ' | '\'')))
        .unwrap_or(s.len());
    let groups: Vec<&str> = s[..lead]
        .split(|c: char| !c.is_ascii_digit())
        .filter(|g| !g.is_empty())
        .collect();
    let rest = s[lead..].trim();
    let (h, m) = match groups.as_slice() {
        [h, m] if h.len() <= 2 && m.len() <= 2 => (*h, *m),
        [d] if d.len() <= 2 => (*d, "00"),
        [d] if d.len() == 3 => (&d[..1], &d[1..]),
        [d] if d.len() == 4 => (&d[..2], &d[2..]),
        _ => return e,
    };
    let candidate = format!("{h:0>2}:{m:0>2}");
    let candidate = if rest.is_empty() {
        candidate
    } else {
        let glue = if rest.starts_with(['a', 'p', 'A', 'P']) {
            ""
        } else {
            " "
        };
        format!("{candidate}{glue}{rest}")
    };
    if candidate == s
        || read(&candidate, ctx).is_err() && read_plain(&candidate, &any_day()).is_err()
    {
        return e;
    }
    TimeError::DidYouMean {
        input: s.to_string(),
        suggestion: candidate,
    }
}

/// A context in which any time of day reads, to test a suggestion when the
/// field has no date to give.
fn any_day() -> Context {
    Context {
        anchor: jiff::civil::date(2025, 1, 15)
            .at(12, 0, 0, 0)
            .to_zoned(Zone::UTC)
            .ok(),
        zone: "UTC".into(),
        zone_from_anchor: false,
    }
}
