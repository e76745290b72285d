//! Time zones: reading what a person types ("2025-03-12 03:15 WAT") into a
//! [`Stamp`], and showing a stamp in any zone with its abbreviation.
//!
//! Zones are jiff's [`TimeZone`](jiff::tz::TimeZone)s from the IANA database
//! jiff bundles (the `tzdb-bundle-always` feature), so a native test and the
//! browser read the same data, history before 1970 included. Stamps are read
//! and printed by jiff (RFC 9557). A wall-clock time in a DST gap or fold is
//! never resolved silently: the caller gets [`TimeError::Gap`] or
//! [`TimeError::Fold`] with the choices. Nothing here reads the clock.

use crate::model::Stamp;
use crate::time::offset::{self, Hour};
use jiff::civil::DateTime;
use jiff::fmt::temporal::{DateTimeParser, Pieces, PiecesOffset};
pub use jiff::tz::TimeZone as Zone;
use jiff::tz::{AmbiguousOffset, Offset, OffsetConflict};
pub use jiff::Zoned;
use jiff::{SignedDuration, Timestamp};
use std::fmt;

/// Why a typed or stored time could not become an instant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TimeError {
    /// The text is not a date and time in any form this editor reads.
    NotATime { input: String },
    /// Not a time as written, but close to one that reads (`5` for 05:00).
    DidYouMean { input: String, suggestion: String },
    /// A time of day with no date, and nothing before it to take the date from.
    NoDate { input: String },
    /// The zone name or abbreviation is unknown; `suggestions` are IANA names
    /// the text could have meant (empty when none is close).
    UnknownZone {
        name: String,
        suggestions: Vec<String>,
    },
    /// An abbreviation that means several zones; each choice is `(meaning, zone)`.
    AmbiguousAbbreviation {
        abbreviation: String,
        choices: Vec<(String, String)>,
    },
    /// The wall-clock time was skipped by a clock change.
    Gap {
        local: String,
        zone: String,
        before: Stamp,
        after: Stamp,
    },
    /// The wall-clock time happened twice.
    Fold {
        local: String,
        zone: String,
        earlier: Stamp,
        later: Stamp,
    },
}

impl fmt::Display for TimeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TimeError::NotATime { input } => {
                if input.is_empty() {
                    f.write_str("No time is written here.")?;
                } else {
                    write!(f, "\u{201c}{input}\u{201d} is not a time.")?;
                }
                f.write_str(
                    " Write 2025-03-12 03:15, or 03:15 to take the date from the time \
                     before it, optionally followed by a zone such as UTC, WAT, +01:00 or \
                     Africa/Lagos.",
                )
            }
            TimeError::DidYouMean { input, suggestion } => write!(
                f,
                "\u{201c}{input}\u{201d} is not a time. Did you mean {suggestion}?"
            ),
            TimeError::NoDate { input } => write!(
                f,
                "\u{201c}{input}\u{201d} has no date, and no time before it gives one. Write \
                 the date too, as 2025-03-12 {input}."
            ),
            TimeError::UnknownZone { name, suggestions } => {
                write!(
                    f,
                    "\u{201c}{name}\u{201d} is not a time zone this editor knows."
                )?;
                if let Some((last, rest)) = suggestions.split_last() {
                    if rest.is_empty() {
                        write!(f, " Did you mean {last}?")?;
                    } else {
                        write!(f, " Did you mean {} or {last}?", rest.join(", "))?;
                    }
                }
                f.write_str(
                    " Use an IANA name such as Europe/Berlin, or an abbreviation such as UTC, \
                     PST or CET.",
                )
            }
            TimeError::AmbiguousAbbreviation {
                abbreviation,
                choices,
            } => {
                let names: Vec<String> = choices
                    .iter()
                    .map(|(meaning, zone)| format!("{meaning} ({zone})"))
                    .collect();
                write!(
                    f,
                    "\u{201c}{abbreviation}\u{201d} means more than one zone: {}. Type the zone \
                     name instead.",
                    names.join(", ")
                )
            }
            TimeError::Gap {
                local,
                zone,
                before,
                after,
            } => write!(
                f,
                "{local} does not exist in {zone}: the clocks skipped it. The nearest valid \
                 times are {} and {}.",
                describe_in_own_zone(before),
                describe_in_own_zone(after)
            ),
            TimeError::Fold {
                local,
                zone,
                earlier,
                later,
            } => write!(
                f,
                "{local} happens twice in {zone}, because the clocks went back. Choose {} \
                 (the first) or {} (the second).",
                describe_in_own_zone(earlier),
                describe_in_own_zone(later)
            ),
        }
    }
}

impl std::error::Error for TimeError {}

fn describe_in_own_zone(stamp: &Stamp) -> String {
    match parse_stamp(stamp) {
        Ok(z) => format!(
            "{} (UTC{})",
            show(&z, z.time_zone()),
            offset::text(z.offset())
        ),
        Err(_) => stamp.0.clone(),
    }
}

/// One meaning of a zone abbreviation in the curated table.
struct Abbreviation {
    name: &'static str,
    offset_seconds: i32,
    zone: &'static str,
}

const fn ab(name: &'static str, hours: i32, minutes: i32, zone: &'static str) -> Abbreviation {
    Abbreviation {
        name,
        offset_seconds: hours * 3600 + minutes * 60,
        zone,
    }
}

/// Abbreviations with one meaning each. Each stands for a fixed offset; the
/// stamp keeps the zone where that offset is used, so it displays sensibly.
const ABBREVIATIONS: &[Abbreviation] = &[
    ab("UTC", 0, 0, "UTC"),
    ab("GMT", 0, 0, "UTC"),
    ab("Z", 0, 0, "UTC"),
    ab("UT", 0, 0, "UTC"),
    ab("PST", -8, 0, "America/Los_Angeles"),
    ab("PDT", -7, 0, "America/Los_Angeles"),
    ab("MST", -7, 0, "America/Denver"),
    ab("MDT", -6, 0, "America/Denver"),
    ab("CST", -6, 0, "America/Chicago"),
    ab("CDT", -5, 0, "America/Chicago"),
    ab("EST", -5, 0, "America/New_York"),
    ab("EDT", -4, 0, "America/New_York"),
    ab("AKST", -9, 0, "America/Anchorage"),
    ab("AKDT", -8, 0, "America/Anchorage"),
    ab("HST", -10, 0, "Pacific/Honolulu"),
    ab("WET", 0, 0, "Europe/Lisbon"),
    ab("WEST", 1, 0, "Europe/Lisbon"),
    ab("BST", 1, 0, "Europe/London"),
    ab("CET", 1, 0, "Europe/Berlin"),
    ab("CEST", 2, 0, "Europe/Berlin"),
    ab("EET", 2, 0, "Europe/Athens"),
    ab("EEST", 3, 0, "Europe/Athens"),
    ab("MSK", 3, 0, "Europe/Moscow"),
    ab("WAT", 1, 0, "Africa/Lagos"),
    ab("CAT", 2, 0, "Africa/Maputo"),
    ab("SAST", 2, 0, "Africa/Johannesburg"),
    ab("EAT", 3, 0, "Africa/Nairobi"),
    ab("PKT", 5, 0, "Asia/Karachi"),
    ab("NPT", 5, 45, "Asia/Kathmandu"),
    ab("HKT", 8, 0, "Asia/Hong_Kong"),
    ab("SGT", 8, 0, "Asia/Singapore"),
    ab("JST", 9, 0, "Asia/Tokyo"),
    ab("KST", 9, 0, "Asia/Seoul"),
    ab("AWST", 8, 0, "Australia/Perth"),
    ab("ACST", 9, 30, "Australia/Adelaide"),
    ab("ACDT", 10, 30, "Australia/Adelaide"),
    ab("AEST", 10, 0, "Australia/Sydney"),
    ab("AEDT", 11, 0, "Australia/Sydney"),
    ab("NZST", 12, 0, "Pacific/Auckland"),
    ab("NZDT", 13, 0, "Pacific/Auckland"),
];

/// Abbreviations people use for more than one zone: refused, with the choices.
const AMBIGUOUS: &[(&str, &[(&str, &str)])] = &[
    (
        "IST",
        &[
            ("India Standard Time, UTC+05:30", "Asia/Kolkata"),
            ("Irish Standard Time, UTC+01:00", "Europe/Dublin"),
            ("Israel Standard Time, UTC+02:00", "Asia/Jerusalem"),
        ],
    ),
    (
        "AST",
        &[
            (
                "Atlantic Standard Time, UTC\u{2212}04:00",
                "America/Halifax",
            ),
            ("Arabia Standard Time, UTC+03:00", "Asia/Riyadh"),
        ],
    ),
    (
        "ADT",
        &[
            (
                "Atlantic Daylight Time, UTC\u{2212}03:00",
                "America/Halifax",
            ),
            ("Arabia Daylight Time (historic), UTC+04:00", "Asia/Baghdad"),
        ],
    ),
    (
        "CT",
        &[
            ("US Central Time", "America/Chicago"),
            ("China Time", "Asia/Shanghai"),
        ],
    ),
];

/// The offset a curated abbreviation stands for and the zone that uses it
/// (`EST`: UTC−05:00, America/New_York); any case.
pub fn abbreviation_home(word: &str) -> Option<(Offset, Zone)> {
    let a = ABBREVIATIONS
        .iter()
        .find(|a| a.name.eq_ignore_ascii_case(word))?;
    let o = Offset::from_seconds(a.offset_seconds).ok()?;
    Some((o, zone(a.zone).ok()?))
}

/// The names of the curated abbreviations, for help text and pickers.
pub fn known_abbreviations() -> impl Iterator<Item = &'static str> {
    ABBREVIATIONS.iter().map(|a| a.name)
}

/// Every IANA zone name in the bundled database, sorted.
/// The old bare names `GMT+1`, `GMT-7` (links to `Etc/GMT+1`, UTC−01:00)
/// are left out: a person typing `GMT+1` means +01:00, which
/// [`find_zone`] and [`zone`] give.
pub fn zone_names() -> Vec<String> {
    let mut names: Vec<String> = jiff::tz::db()
        .available()
        .map(|n| n.to_string())
        .filter(|n| person_offset(n).is_none())
        .collect();
    names.sort();
    names
}

/// The areas of the IANA names that are places today; other names
/// (`US/Pacific`, `Japan`, `Etc/GMT+1`) are older aliases or offsets.
const AREAS: &[&str] = &[
    "Africa",
    "America",
    "Antarctica",
    "Arctic",
    "Asia",
    "Atlantic",
    "Australia",
    "Europe",
    "Indian",
    "Pacific",
];

fn in_an_area(name: &str) -> bool {
    name.split_once('/')
        .is_some_and(|(area, _)| AREAS.contains(&area))
}

/// Text as a lookup key: lower case, spaces as underscores ("New York" -> "new_york").
fn name_key(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join("_")
        .to_lowercase()
}

/// The city of an IANA name: its last part (`Los_Angeles`).
fn city(name: &str) -> &str {
    name.rsplit('/').next().unwrap_or(name)
}

/// An IANA name for what was typed: any capitalisation of an IANA name
/// ("africa/lagos"), "utc", "z" or "gmt", an abbreviation of the curated
/// table with one meaning ("wat" is Africa/Lagos, "pdt" America/Los_Angeles),
/// or a city, the last part of an IANA name with spaces or underscores in any
/// case ("lagos", "new york", "Los_Angeles"). Where several names share a
/// city, a name under a continent or ocean is taken (`Asia/Singapore`, not
/// the old `Singapore`); names there that share a city are links to one zone
/// (`America/Argentina/Buenos_Aires` and `America/Buenos_Aires`), and the
/// longer, current one is taken.
pub fn find_zone(text: &str) -> Result<String, TimeError> {
    let typed = text.trim();
    let key = name_key(typed);
    if matches!(key.as_str(), "utc" | "z" | "gmt") {
        return Ok("UTC".to_string());
    }
    if let Some(o) = person_offset(typed) {
        return Ok(offset_name(o));
    }
    if let Some(a) = ABBREVIATIONS.iter().find(|a| a.name.to_lowercase() == key) {
        return Ok(a.zone.to_string());
    }
    if let Some(err) = ambiguous(&key) {
        return Err(err);
    }
    let names = zone_names();
    let exact = names.iter().find(|n| n.to_lowercase() == key);
    if let Some(name) = exact.filter(|n| n.contains('/')) {
        return Ok(name.clone());
    }
    let same_city: Vec<&String> = names
        .iter()
        .filter(|n| n.contains('/') && city(n).to_lowercase() == key)
        .collect();
    let in_areas: Vec<&String> = same_city
        .iter()
        .copied()
        .filter(|n| in_an_area(n))
        .collect();
    let current = in_areas
        .iter()
        .max_by_key(|n| (n.matches('/').count(), std::cmp::Reverse(n.as_str())));
    if let Some(name) = current.or(exact.as_ref()) {
        return Ok(name.to_string());
    }
    let unknown = |suggestions| TimeError::UnknownZone {
        name: typed.to_string(),
        suggestions,
    };
    match same_city.as_slice() {
        [one] => Ok(one.to_string()),
        [] => Err(unknown(suggest_zones(typed, 5))),
        // `Pacific` is both US/Pacific and Canada/Pacific: the person chooses.
        several => Err(unknown(several.iter().map(|n| n.to_string()).collect())),
    }
}

/// Up to `max` IANA names the text could mean, best first, for a list of
/// suggestions: the zone of a curated abbreviation and names equal to the
/// text or with it as their city, then names that start with it, then names
/// whose city starts with it (any case, spaces read as underscores). Within
/// each group names under a continent or ocean come before older aliases,
/// then in alphabetical order.
pub fn suggest_zones(text: &str, max: usize) -> Vec<String> {
    let key = name_key(text);
    if key.is_empty() || max == 0 {
        return Vec::new();
    }
    let mut ranked: Vec<(u8, bool, String)> = Vec::new();
    if let Some(o) = person_offset(text) {
        ranked.push((0, false, offset_name(o)));
    }
    if let Some(a) = ABBREVIATIONS.iter().find(|a| a.name.to_lowercase() == key) {
        ranked.push((0, false, a.zone.to_string()));
    }
    for name in zone_names() {
        let lower = name.to_lowercase();
        let city = city(&lower);
        let rank = if lower == key || city == key {
            0
        } else if lower.starts_with(&key) {
            1
        } else if city.starts_with(&key) {
            2
        } else {
            continue;
        };
        ranked.push((rank, !in_an_area(&name), name));
    }
    ranked.sort();
    let mut out: Vec<String> = Vec::new();
    for (_, _, name) in ranked {
        if !out.contains(&name) {
            out.push(name);
        }
        if out.len() == max {
            break;
        }
    }
    out
}

/// Looks up an IANA zone name (case-insensitive) or a fixed offset like `+05:30`.
pub fn zone(name: &str) -> Result<Zone, TimeError> {
    let name = name.trim();
    if let Some(offset) = person_offset(name) {
        return Ok(Zone::fixed(offset));
    }
    if matches!(name.to_lowercase().as_str(), "utc" | "z") {
        return Ok(Zone::UTC);
    }
    // jiff's database finds names in any case and gives the zone its own spelling.
    Zone::get(name).map_err(|_| TimeError::UnknownZone {
        name: name.to_string(),
        suggestions: Vec::new(),
    })
}

/// The zone a document is shown in, or UTC when the name is not a zone
/// (validation reports that; display must still work).
pub fn zone_or_utc(name: &str) -> Zone {
    zone(name).unwrap_or(Zone::UTC)
}

/// The name under which a zone is written in a stamp or a heading.
pub fn zone_label(tz: &Zone) -> String {
    match tz.iana_name() {
        Some(name) => name.to_string(),
        None => tz
            .to_fixed_offset()
            .map(offset::text)
            .unwrap_or_else(|_| "UTC".to_string()),
    }
}

/// Reads a stamp from the file with jiff's RFC 9557 reader
/// (`…+01:00[Africa/Lagos]`); RFC 3339 text with `Z` or an offset and no
/// annotation is kept in that fixed offset (UTC for `Z`).
///
/// With a zone, a written offset must be one the zone had at that wall-clock
/// time, or the stamp is refused (a time in a gap, or a mistyped offset, is
/// not guessed at). One exception keeps old files' instants: before 1970 a
/// written offset that disagrees with the zone is taken as given, because
/// earlier versions of this editor applied each zone's 1970 rules to older
/// times and wrote those offsets into stamps.
pub fn parse_stamp(stamp: &Stamp) -> Result<Zoned, TimeError> {
    let s = stamp.0.trim();
    read_stamp(s)
        .map(|(z, _)| z)
        .ok_or_else(|| TimeError::NotATime {
            input: s.to_string(),
        })
}

/// jiff's reader as it comes: a written offset must agree with the zone.
static STRICT: DateTimeParser = DateTimeParser::new().offset_conflict(OffsetConflict::Reject);
/// The written offset gives the instant, whatever the zone says.
static AS_WRITTEN: DateTimeParser =
    DateTimeParser::new().offset_conflict(OffsetConflict::AlwaysOffset);

/// The stamp, and whether its written offset was taken against its zone's.
fn read_stamp(s: &str) -> Option<(Zoned, bool)> {
    let pieces = Pieces::parse(s).ok()?;
    if pieces.time_zone_annotation().is_none() {
        // RFC 3339: the offset is required and becomes the stamp's zone.
        let instant = STRICT.parse_timestamp(s).ok()?;
        let tz = match pieces.offset()? {
            PiecesOffset::Numeric(n) => Zone::fixed(n.offset()),
            _ => Zone::UTC,
        };
        return Some((instant.to_zoned(tz), false));
    }
    match STRICT.parse_zoned(s) {
        Ok(z) => Some((exact_in_fold(z, &pieces), false)),
        Err(_) => AS_WRITTEN
            .parse_zoned(s)
            .ok()
            .filter(|z| z.timestamp() < Timestamp::UNIX_EPOCH)
            .map(|z| (z, true)),
    }
}

/// The canonical stamp text for an instant in a zone.
pub fn stamp_of(z: &Zoned) -> Stamp {
    Stamp(z.to_string())
}

/// jiff reads a time in a fold at the offset as written. Stamps carry
/// offsets to the minute, so where the zone's offset has seconds (local mean
/// time, such as Mexico City's -06:36:36 until 1922) the written offset is
/// that one rounded, and the instant would be off by those seconds: this
/// reads the time at the zone's own offset instead, the instant the stamp
/// was printed from.
fn exact_in_fold(z: Zoned, pieces: &Pieces) -> Zoned {
    let Some(PiecesOffset::Numeric(written)) = pieces.offset() else {
        return z;
    };
    let (written, tz) = (written.offset(), z.time_zone());
    let dt = pieces
        .date()
        .to_datetime(pieces.time().unwrap_or(jiff::civil::Time::midnight()));
    let AmbiguousOffset::Fold { before, after } = tz.to_ambiguous_timestamp(dt).offset() else {
        return z;
    };
    let rounded = |o: Offset| o.round(jiff::Unit::Minute).ok() == Some(written);
    [before, after]
        .into_iter()
        .find(|&o| o != written && o.seconds() % 60 != 0 && rounded(o))
        .and_then(|o| o.to_timestamp(dt).ok())
        .map_or(z.clone(), |ts| ts.to_zoned(tz.clone()))
}

/// A stamp in canonical RFC 9557 form when it parses; otherwise unchanged.
/// An old stamp whose offset was taken against its zone's (see
/// [`parse_stamp`]) is left as written too: rewriting it would change the
/// text of a file that was only opened, and its instant reads the same.
pub fn canonical(stamp: &Stamp) -> Stamp {
    match read_stamp(stamp.0.trim()) {
        Some((z, false)) => stamp_of(&z),
        Some((_, true)) | None => stamp.clone(),
    }
}

/// The abbreviation in force at an instant in a zone (`PDT`, `WAT`, `+0545`…).
pub fn abbreviation(tz: &Zone, ts: Timestamp) -> String {
    tz.to_offset_info(ts).abbreviation().to_string()
}

/// An instant as a person reads it in `tz`: `2025-03-12 03:15 WAT`. Seconds
/// and fractions appear only when not zero, so the text is exact.
pub fn show(z: &Zoned, tz: &Zone) -> String {
    let local = z.with_time_zone(tz.clone());
    format!(
        "{} {}",
        wall_text(local.datetime()),
        abbreviation(tz, z.timestamp())
    )
}

/// `2025-03-12 03:15`, with `:SS` and `.fff` only when needed.
pub fn wall_text(dt: DateTime) -> String {
    let mut s = format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        dt.year(),
        dt.month(),
        dt.day(),
        dt.hour(),
        dt.minute()
    );
    let (sec, nanos) = (dt.second(), dt.subsec_nanosecond());
    if sec != 0 || nanos != 0 {
        s.push_str(&format!(":{sec:02}"));
        if nanos != 0 {
            let frac = format!("{nanos:09}");
            s.push('.');
            s.push_str(frac.trim_end_matches('0'));
        }
    }
    s
}

/// The instant of a stored stamp, if there is one and it parses.
pub fn instant(stamp: Option<&Stamp>) -> Option<Timestamp> {
    stamp
        .and_then(|s| parse_stamp(s).ok())
        .map(|z| z.timestamp())
}

/// Shows a stored stamp in a zone; the raw text when it does not parse.
pub fn show_stamp(stamp: &Stamp, tz: &Zone) -> String {
    match parse_stamp(stamp) {
        Ok(z) => show(&z, tz),
        Err(_) => stamp.0.clone(),
    }
}

/// Resolves a civil time in a zone, refusing gaps and folds with the choices.
pub fn resolve(dt: DateTime, tz: &Zone) -> Result<Zoned, TimeError> {
    let local = wall_text(dt);
    let zone_name = zone_label(tz);
    let at = |o: Offset| o.to_timestamp(dt).ok().map(|t| Zoned::new(t, tz.clone()));
    match tz.to_ambiguous_timestamp(dt).offset() {
        AmbiguousOffset::Unambiguous { offset } => {
            at(offset).ok_or(TimeError::NotATime { input: local })
        }
        AmbiguousOffset::Gap { before, .. } => {
            // Read with the old offset, the time lands after the change; the
            // change itself is the first valid instant, a minute before it the last.
            let probe = before.to_timestamp(dt).map_err(|_| TimeError::NotATime {
                input: local.clone(),
            })?;
            let change = tz
                .preceding(
                    probe
                        .checked_add(SignedDuration::from_secs(1))
                        .unwrap_or(probe),
                )
                .next()
                .map_or(probe, |t| t.timestamp());
            let last_before = change
                .checked_sub(SignedDuration::from_mins(1))
                .unwrap_or(change);
            Err(TimeError::Gap {
                local,
                zone: zone_name,
                before: stamp_of(&last_before.to_zoned(tz.clone())),
                after: stamp_of(&change.to_zoned(tz.clone())),
            })
        }
        AmbiguousOffset::Fold { before, after } => match (at(before), at(after)) {
            (Some(e), Some(l)) => Err(TimeError::Fold {
                local,
                zone: zone_name,
                earlier: stamp_of(&e),
                later: stamp_of(&l),
            }),
            _ => Err(TimeError::NotATime { input: local }),
        },
    }
}

/// What a zone word typed after a time means.
pub(crate) enum ZoneWord {
    /// A zone whose rules give the offset (an IANA name, or the document's zone).
    Zone(Zone),
    /// A fixed offset (`+01:00`, `UTC+1`, or an abbreviation such as WAT),
    /// shown in `zone`: the abbreviation's zone, or the offset itself (and
    /// for EST on a summer date, a zone that keeps EST: see [`all_year`]).
    Fixed { offset: Offset, zone: Zone },
}

impl ZoneWord {
    /// The zone whose clock the time was read on: the zone, or the fixed offset.
    pub(crate) fn clock(&self) -> Zone {
        match self {
            ZoneWord::Zone(tz) => tz.clone(),
            ZoneWord::Fixed { offset, .. } => Zone::fixed(*offset),
        }
    }

    /// The instant of a civil time on this clock; gaps and folds of a zone
    /// are refused by [`resolve`]. `input` is what the person typed, for the error.
    pub(crate) fn place(&self, dt: DateTime, input: &str) -> Result<Zoned, TimeError> {
        match self {
            ZoneWord::Zone(tz) => resolve(dt, tz),
            ZoneWord::Fixed { offset, zone, .. } => offset
                .to_timestamp(dt)
                .map(|ts| Zoned::new(ts, zone.clone()))
                .map_err(|_| TimeError::NotATime {
                    input: input.to_string(),
                }),
        }
    }
}

/// An offset as a person writes it, which means that offset wherever it is
/// typed (a time, the document zone, "Show times in"): `+01:00`, `-0300`,
/// `UTC+1`, `GMT+1`, `utc+01:00`, `GMT-7`, `UTC\u{2212}5` (a minus sign).
/// The IANA `Etc/GMT+1` is not one: it keeps its POSIX meaning, UTC−01:00.
pub fn person_offset(text: &str) -> Option<Offset> {
    let t = text.trim().replace('\u{2212}', "-");
    if let Some(o) = offset::parse(&t, Hour::Two) {
        return Some(o);
    }
    let lower = t.to_ascii_lowercase();
    let rest = ["utc", "gmt"].iter().find_map(|p| lower.strip_prefix(p))?;
    offset::parse(rest, Hour::OneOrTwo)
}

/// The document-zone name of a fixed offset: `+01:00`, or `UTC` for zero.
fn offset_name(o: Offset) -> String {
    if o.seconds() == 0 {
        "UTC".to_string()
    } else {
        offset::text(o)
    }
}

/// A zone name as a heading or a hint shows it: an offset or an `Etc/GMT`
/// name as the offset it is (`Etc/GMT+1` is "UTC\u{2212}01:00", `+01:00`
/// is "UTC+01:00"); any other name as written.
pub fn zone_title(name: &str) -> String {
    let fixed = person_offset(name).is_some() || name.starts_with("Etc/GMT");
    // Both are one offset for all time: any instant gives it.
    match zone(name)
        .ok()
        .filter(|_| fixed)
        .map(|z| z.to_offset(Timestamp::UNIX_EPOCH))
    {
        Some(o) if o.seconds() != 0 => {
            format!("UTC{}", offset::text(o).replace('-', "\u{2212}"))
        }
        _ => name.to_string(),
    }
}

/// Reads a zone word typed after a time (`WAT`, `utc`, `+01:00`, `UTC+1`,
/// `Africa/Lagos`). `dt` is the civil time it follows: the document's zone
/// may use an abbreviation at that time of year (IST in Asia/Kolkata).
pub(crate) fn read_zone_word(
    word: &str,
    default_zone: &Zone,
    dt: DateTime,
) -> Result<ZoneWord, TimeError> {
    let lower = word.to_lowercase();
    if let Some(o) = person_offset(word) {
        return Ok(ZoneWord::Fixed {
            offset: o,
            zone: Zone::fixed(o),
        });
    }
    // The document's own zone may use the abbreviation (IST in Asia/Kolkata).
    if word.chars().all(char::is_alphabetic) && word.chars().count() <= 5 {
        if let Some(o) = default_zone_uses(default_zone, dt, &lower) {
            return Ok(ZoneWord::Fixed {
                offset: o,
                zone: default_zone.clone(),
            });
        }
        if let Some(a) = ABBREVIATIONS
            .iter()
            .find(|a| a.name.to_lowercase() == lower)
        {
            let o = Offset::from_seconds(a.offset_seconds).unwrap_or(Offset::UTC);
            let tz = zone(a.zone).unwrap_or(Zone::UTC);
            // EST on a summer date: New York was on EDT. The instant is the
            // abbreviation's; it is shown on a clock that keeps the
            // abbreviation, so the digits stay the ones typed.
            let at = o.to_timestamp(dt).ok();
            if at.is_some_and(|ts| tz.to_offset(ts) != o) {
                return Ok(ZoneWord::Fixed {
                    offset: o,
                    zone: all_year(a.name, o, at),
                });
            }
            return Ok(ZoneWord::Fixed {
                offset: o,
                zone: tz,
            });
        }
        if let Some(err) = ambiguous(&lower) {
            return Err(err);
        }
    }
    zone(word).map(ZoneWord::Zone)
}

/// A zone on `offset` all year that shows it as `name`: the IANA zone of
/// that name when there is one (`EST`, `MST`), else the offset itself.
fn all_year(name: &str, offset: Offset, at: Option<Timestamp>) -> Zone {
    Zone::get(name)
        .ok()
        .filter(|tz| {
            at.is_some_and(|ts| {
                let info = tz.to_offset_info(ts);
                info.offset() == offset && info.abbreviation() == name
            })
        })
        .unwrap_or_else(|| Zone::fixed(offset))
}

/// The refusal of an abbreviation (given in lower case) that means several zones.
fn ambiguous(lower: &str) -> Option<TimeError> {
    let (name, choices) = AMBIGUOUS.iter().find(|(n, _)| n.to_lowercase() == lower)?;
    Some(TimeError::AmbiguousAbbreviation {
        abbreviation: name.to_string(),
        choices: choices
            .iter()
            .map(|(m, z)| (m.to_string(), z.to_string()))
            .collect(),
    })
}

/// The offset the zone uses under this abbreviation (given in lower case)
/// around a civil time.
fn default_zone_uses(tz: &Zone, dt: DateTime, abbr: &str) -> Option<Offset> {
    let candidates = match tz.to_ambiguous_timestamp(dt).offset() {
        AmbiguousOffset::Unambiguous { offset } => vec![offset],
        AmbiguousOffset::Gap { before, after } | AmbiguousOffset::Fold { before, after } => {
            vec![before, after]
        }
    };
    candidates.into_iter().find(|o| {
        o.to_timestamp(dt).is_ok_and(|ts| {
            let info = tz.to_offset_info(ts);
            info.abbreviation().to_lowercase() == abbr && info.offset() == *o
        })
    })
}

/// Reads a date written `YYYY-MM-DD`, and nothing else (jiff alone would
/// also take `20250312` or `+002025-03-12`, which no person means as a due date).
pub fn parse_date(s: &str) -> Option<jiff::civil::Date> {
    let shape = s.len() == 10
        && s.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if !shape {
        return None;
    }
    s.parse().ok()
}

/// The value of one to `max` ASCII digits (no sign, no space), or `None`.
fn digits<T: std::str::FromStr>(s: &str, max: usize) -> Option<T> {
    if s.is_empty() || s.len() > max || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// Reads a civil date-time: `2025-03-12 03:15`, `2025-03-12T03:15:07.5`
/// (hours, minutes and seconds of one or two digits).
pub fn parse_civil(s: &str) -> Option<DateTime> {
    let s = s.trim();
    let date = parse_date(s.get(..10)?)?;
    let time = s.get(10..)?.trim_start_matches(['T', 't', ' ']);
    let mut parts = time.splitn(3, ':');
    let hour: i8 = digits(parts.next()?, 2)?;
    let minute: i8 = digits(parts.next()?, 2)?;
    let (second, nanos) = match parts.next() {
        None => (0, 0),
        Some(rest) => {
            let (whole, frac) = rest.split_once('.').unwrap_or((rest, ""));
            let nanos = match frac {
                "" => 0,
                f => digits::<i32>(&format!("{f:0<9}"), 9)?,
            };
            (digits(whole, 2)?, nanos)
        }
    };
    DateTime::new(
        date.year(),
        date.month(),
        date.day(),
        hour,
        minute,
        second,
        nanos,
    )
    .ok()
}

/// Turns what a person typed into a stamp. Accepts a full stamp, RFC 3339, or a
/// civil date-time optionally followed by a zone (IANA name, curated
/// abbreviation, `Z` or an offset). Without a zone, `default_zone` applies.
pub fn parse_input(input: &str, default_zone: &str) -> Result<Stamp, TimeError> {
    let s = input.trim();
    if s.is_empty() {
        return Err(TimeError::NotATime {
            input: String::new(),
        });
    }
    if let Ok(z) = parse_stamp(&Stamp(s.to_string())) {
        return Ok(stamp_of(&z));
    }
    let default_tz = zone(default_zone)?;
    // Split the civil part from a zone word: the civil part never contains a space
    // after the time, so the last space (if the tail is not a time) starts the zone.
    let (civil_text, zone_word) = split_zone_word(s);
    let dt = parse_civil(civil_text).ok_or_else(|| TimeError::NotATime {
        input: s.to_string(),
    })?;
    let word = match zone_word {
        None => ZoneWord::Zone(default_tz),
        Some(word) => read_zone_word(word, &default_tz, dt)?,
    };
    word.place(dt, s).map(|z| stamp_of(&z))
}

fn split_zone_word(s: &str) -> (&str, Option<&str>) {
    if let Some(i) = s.rfind(' ') {
        let tail = s[i + 1..].trim();
        if !tail.is_empty() && tail.contains(|c: char| c.is_ascii_alphabetic() || c == '+')
            || tail.starts_with('-') && tail.len() <= 6
        {
            return (s[..i].trim_end(), Some(tail));
        }
    }
    // `…03:15Z`, `…03:15+01:00` typed without a space.
    if s.len() > 16 {
        if let Some(stripped) = s.strip_suffix(['Z', 'z']) {
            return (stripped, Some("UTC"));
        }
        if let Some(i) = s.rfind(['+', '-']).filter(|&i| i > 12) {
            return (&s[..i], Some(&s[i..]));
        }
    }
    (s, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_read_only_as_yyyy_mm_dd() {
        assert_eq!(
            parse_date("2024-02-29"),
            Some(jiff::civil::date(2024, 2, 29))
        );
        for bad in [
            "2025-02-29",
            "2025-3-12",
            "2025-03-1",
            "20250312",
            "2025/03/12",
            "2025-03-12 ",
            "+02025-03-12",
            "2025-00-10",
            "2025-13-01",
            "\u{ff12}\u{ff10}\u{ff12}\u{ff15}-03-12",
            "",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn civil_times_take_one_or_two_digit_fields_and_refuse_the_rest() {
        let at = |h, m, s, n| Some(jiff::civil::date(2025, 3, 12).at(h, m, s, n));
        assert_eq!(parse_civil("2025-03-12 3:15"), at(3, 15, 0, 0));
        assert_eq!(
            parse_civil("2025-03-12T03:15:07.5"),
            at(3, 15, 7, 500_000_000)
        );
        for bad in [
            "2025-03-12 24:00",
            "2025-03-12 03:60",
            "2025-03-12 03:15:60",
            "2025-03-12 +3:15",
            "2025-03-12 03:15:07.1234567891",
            "2025-03-12 031:5",
            "2025-03-12",
            "2025-03-1\u{e9} 03:15",
        ] {
            assert_eq!(parse_civil(bad), None, "{bad}");
        }
    }

    fn input(s: &str, zone: &str) -> Result<String, TimeError> {
        parse_input(s, zone).map(|st| st.0)
    }

    #[test]
    fn reads_civil_time_in_the_default_zone() {
        assert_eq!(
            input("2025-03-12 03:15", "Africa/Lagos").unwrap(),
            "2025-03-12T03:15:00+01:00[Africa/Lagos]"
        );
        assert_eq!(
            input("2025-03-12T03:15", "UTC").unwrap(),
            "2025-03-12T03:15:00+00:00[UTC]"
        );
    }

    #[test]
    fn abbreviation_maps_to_its_offset_and_zone() {
        assert_eq!(
            input("2026-04-29 15:35 PDT", "UTC").unwrap(),
            "2026-04-29T15:35:00-07:00[America/Los_Angeles]"
        );
        assert_eq!(
            input("2025-03-12 03:15 WAT", "UTC").unwrap(),
            "2025-03-12T03:15:00+01:00[Africa/Lagos]"
        );
        // IST is refused unless the document's own zone uses it.
        let err = input("2025-03-12 03:15 IST", "UTC").unwrap_err();
        assert!(
            err.to_string().contains("Asia/Kolkata") && err.to_string().contains("Europe/Dublin"),
            "{err}"
        );
        assert_eq!(
            input("2025-03-12 03:15 IST", "Asia/Kolkata").unwrap(),
            "2025-03-12T03:15:00+05:30[Asia/Kolkata]"
        );
    }

    #[test]
    fn gap_names_the_nearest_valid_times() {
        let err = input("2025-03-09 02:30", "America/Los_Angeles").unwrap_err();
        let TimeError::Gap { before, after, .. } = &err else {
            panic!("{err:?}")
        };
        assert_eq!(before.0, "2025-03-09T01:59:00-08:00[America/Los_Angeles]");
        assert_eq!(after.0, "2025-03-09T03:00:00-07:00[America/Los_Angeles]");
        assert!(err.to_string().contains("2025-03-09 01:59 PST"), "{err}");
    }

    #[test]
    fn fold_asks_which_offset_and_abbreviation_answers() {
        let err = input("2025-11-02 01:30", "America/Los_Angeles").unwrap_err();
        let TimeError::Fold { earlier, later, .. } = &err else {
            panic!("{err:?}")
        };
        assert_eq!(earlier.0, "2025-11-02T01:30:00-07:00[America/Los_Angeles]");
        assert_eq!(later.0, "2025-11-02T01:30:00-08:00[America/Los_Angeles]");
        assert_eq!(
            input("2025-11-02 01:30 PST", "America/Los_Angeles").unwrap(),
            later.0
        );
        assert_eq!(
            input("2025-11-02 01:30 -07:00", "America/Los_Angeles").unwrap(),
            "2025-11-02T01:30:00-07:00[-07:00]"
        );
    }

    #[test]
    fn rfc3339_input_is_accepted() {
        assert_eq!(
            input("2025-03-12T02:15:00Z", "Africa/Lagos").unwrap(),
            "2025-03-12T02:15:00+00:00[UTC]"
        );
        assert_eq!(
            input("2025-03-12T03:15:00+01:00", "UTC").unwrap(),
            "2025-03-12T03:15:00+01:00[+01:00]"
        );
    }

    #[test]
    fn unknown_zone_and_garbage_are_sentences() {
        assert!(matches!(
            input("2025-03-12 03:15 Mars/Olympus", "UTC"),
            Err(TimeError::UnknownZone { .. })
        ));
        assert!(matches!(
            input("yesterday-ish", "UTC"),
            Err(TimeError::NotATime { .. })
        ));
        assert!(matches!(
            input("2025-02-30 03:15", "UTC"),
            Err(TimeError::NotATime { .. })
        ));
    }

    #[test]
    fn show_includes_abbreviation_and_seconds_only_when_needed() {
        let z = parse_stamp(&Stamp("2025-03-12T03:15:00+01:00[Africa/Lagos]".into())).unwrap();
        assert_eq!(show(&z, &Zone::UTC), "2025-03-12 02:15 UTC");
        assert_eq!(
            show(&z, &zone("America/Los_Angeles").unwrap()),
            "2025-03-11 19:15 PDT"
        );
        let z = parse_stamp(&Stamp("2026-04-29T22:48:02+00:00[UTC]".into())).unwrap();
        assert_eq!(show(&z, &Zone::UTC), "2026-04-29 22:48:02 UTC");
    }
}
