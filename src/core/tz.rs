//! Time-zone rules, evaluated by the core: a zone's offset, DST flag and
//! abbreviation at an instant, how a wall-clock time reads there (once, in a
//! gap or in a fold), and its clock changes; and [`Zoned`], an instant in a
//! zone, printed as an RFC 9557 stamp.
//!
//! The rules are the tz database's: transitions from [`super::tzdb`], then
//! the zone's POSIX rule (`CET-1CEST,M3.5.0,M10.5.0/3`) for later years. This
//! follows RFC 8536 and reads every case the way jiff does, which
//! `tests/core/zones_data.rs` checks at every transition of every zone and
//! every ten days to 2100. jiff still does the civil arithmetic; its own zone
//! engine is not used because its TZif reader carries 17 KB of checksum
//! tables into the browser build, for data the app builds itself.

use jiff::civil::DateTime;
use jiff::tz::Offset;
use jiff::Timestamp;
use std::fmt;
use std::sync::Arc;

/// A moment as whole seconds from the epoch (floored) and nanoseconds
/// (0..1e9): in UTC for instants, on the wall clock for civil times.
type Moment = (i64, i32);

const DAY: i64 = 86_400;

fn moment_of_timestamp(ts: Timestamp) -> Moment {
    let (s, n) = (ts.as_second(), ts.subsec_nanosecond());
    if n < 0 {
        (s - 1, n + 1_000_000_000)
    } else {
        (s, n)
    }
}

fn moment_of_civil(dt: DateTime) -> Moment {
    let days = days_from_civil(i64::from(dt.year()), dt.month().into(), dt.day().into());
    let secs = i64::from(dt.hour()) * 3600 + i64::from(dt.minute()) * 60 + i64::from(dt.second());
    (days * DAY + secs, dt.subsec_nanosecond())
}

fn timestamp_of(m: Moment) -> Option<Timestamp> {
    Timestamp::new(m.0, m.1).ok()
}

/// Days from 1970-01-01 to a proleptic Gregorian date.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The year of a day counted from 1970-01-01.
fn year_of_days(days: i64) -> i64 {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    yoe + era * 400 + i64::from(mp >= 10)
}

/// The first moment of a year.
fn year_start(year: i64) -> Moment {
    (days_from_civil(year, 1, 1) * DAY, 0)
}

/// The last moment of a year, to the nanosecond (jiff's "end of year").
fn year_end(year: i64) -> Moment {
    (days_from_civil(year + 1, 1, 1) * DAY - 1, 999_999_999)
}

fn is_leap(y: i64) -> bool {
    y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A local time type: what the clocks read as, and under which name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kind {
    pub offset: i32,
    pub dst: bool,
    pub abbreviation: String,
}

/// The day of a POSIX rule's clock change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Day {
    /// `Jn`: day 1..=365, February 29 never counted.
    Julian(i64),
    /// `n`: day 0..=365, counting February 29.
    Zero(i64),
    /// `Mm.w.d`: weekday `d` (0 is Sunday) of week `w` (5 is the last) of month `m`.
    Weekday { month: i64, week: i64, weekday: i64 },
}

/// A POSIX rule's clock change: a day, and a wall-clock time on it (seconds,
/// may be negative or past a day).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Change {
    day: Day,
    time: i64,
}

impl Change {
    /// The change in `year`, on a clock `offset` seconds from UTC; kept
    /// within the year as jiff keeps it.
    fn at(&self, year: i64, offset: i64) -> Moment {
        let (first, last) = (year_start(year), year_end(year));
        let days = match self.day {
            Day::Julian(n) => {
                days_from_civil(year, 1, 1) + n - 1 + i64::from(is_leap(year) && n >= 60)
            }
            Day::Zero(n) => {
                if n == 365 && !is_leap(year) {
                    return last;
                }
                days_from_civil(year, 1, 1) + n
            }
            Day::Weekday {
                month,
                week,
                weekday,
            } => {
                let first_day = days_from_civil(year, month, 1);
                // 1970-01-01 was a Thursday (4).
                let first_weekday = (first_day + 4).rem_euclid(7);
                let mut day = first_day + (weekday - first_weekday).rem_euclid(7) + (week - 1) * 7;
                while day >= first_day + days_in_month(year, month) {
                    day -= 7;
                }
                day
            }
        };
        let secs = days * DAY + self.time - offset;
        match year_of_days(secs.div_euclid(DAY)) {
            y if y < year => first,
            y if y > year => last,
            _ => (secs, 0),
        }
    }
}

/// A zone's POSIX rule, for the years after its last listed transition.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Posix {
    std: Kind,
    dst: Option<(Kind, Change, Change)>,
}

/// DST's start and end in one year, as jiff computes them.
struct Season {
    start: Moment,
    end: Moment,
}

impl Season {
    fn contains(&self, m: Moment) -> bool {
        if self.start <= self.end {
            self.start <= m && m < self.end
        } else {
            !(self.end <= m && m < self.start)
        }
    }

    fn ordered(&self) -> (Moment, Moment) {
        if self.start <= self.end {
            (self.start, self.end)
        } else {
            (self.end, self.start)
        }
    }
}

fn add(m: Moment, secs: i64) -> Moment {
    (m.0.saturating_add(secs), m.1)
}

impl Posix {
    fn season_utc(&self, year: i64) -> Option<Season> {
        let (dst, start, end) = self.dst.as_ref()?;
        let start_at = start.at(year, i64::from(self.std.offset));
        let mut end_at = end.at(year, i64::from(dst.offset));
        // A rule that starts DST at the very start of the year and ends it
        // where standard time would begin the next year is permanent DST.
        if start_at == year_start(year)
            && year_of_days((end_at.0 + i64::from(self.std.offset)).div_euclid(DAY)) != year
        {
            end_at = year_end(year);
        }
        Some(Season {
            start: start_at,
            end: end_at,
        })
    }

    fn season_wall(&self, year: i64) -> Option<Season> {
        let (_, start, end) = self.dst.as_ref()?;
        Some(Season {
            start: start.at(year, 0),
            end: end.at(year, 0),
        })
    }

    fn kind_at(&self, m: Moment) -> &Kind {
        let year = year_of_days(m.0.div_euclid(DAY));
        match (&self.dst, self.season_utc(year)) {
            (Some((dst, _, _)), Some(season)) if season.contains(m) => dst,
            _ => &self.std,
        }
    }

    fn local(&self, wall: Moment) -> Local {
        let std = offset(self.std.offset);
        let year = year_of_days(wall.0.div_euclid(DAY));
        let (Some((dst, _, _)), Some(season)) = (&self.dst, self.season_wall(year)) else {
            return Local::Unique(std);
        };
        let dst_offset = offset(dst.offset);
        let diff = i64::from(dst.offset - self.std.offset);
        if diff == 0 {
            Local::Unique(std)
        } else if diff < 0 {
            if season.contains(wall) {
                Local::Unique(dst_offset)
            } else if add(season.start, diff) <= wall && wall < season.start {
                Local::Fold {
                    before: std,
                    after: dst_offset,
                }
            } else if season.end <= wall && wall < add(season.end, -diff) {
                Local::Gap {
                    before: dst_offset,
                    after: std,
                }
            } else {
                Local::Unique(std)
            }
        } else if !season.contains(wall) {
            Local::Unique(std)
        } else if season.start <= wall && wall < add(season.start, diff) {
            Local::Gap {
                before: std,
                after: dst_offset,
            }
        } else if add(season.end, -diff) <= wall && wall < season.end {
            Local::Fold {
                before: dst_offset,
                after: std,
            }
        } else {
            Local::Unique(dst_offset)
        }
    }

    fn next_change(&self, m: Moment) -> Option<Moment> {
        let year = year_of_days(m.0.div_euclid(DAY));
        let (earlier, later) = self.season_utc(year)?.ordered();
        if m < earlier {
            Some(earlier)
        } else if m < later {
            Some(later)
        } else {
            Some(self.season_utc(year + 1)?.ordered().0)
        }
    }

    fn previous_change(&self, m: Moment) -> Option<Moment> {
        let year = year_of_days(m.0.div_euclid(DAY));
        let (earlier, later) = self.season_utc(year)?.ordered();
        if m > later {
            Some(later)
        } else if m > earlier {
            Some(earlier)
        } else {
            Some(self.season_utc(year - 1)?.ordered().1)
        }
    }
}

/// Reads a POSIX TZ rule as TZif footers write it. `None` if malformed.
fn parse_posix(s: &str) -> Option<Posix> {
    let mut p = PosixReader(s.as_bytes());
    let std_name = p.name()?;
    let std_offset = -p.hms(24)?;
    let std = Kind {
        offset: i32::try_from(std_offset).ok()?,
        dst: false,
        abbreviation: std_name,
    };
    if p.0.is_empty() {
        return Some(Posix { std, dst: None });
    }
    let dst_name = p.name()?;
    let dst_offset = match p.0.first() {
        Some(b',') | None => std_offset + 3600,
        _ => -p.hms(24)?,
    };
    let dst = Kind {
        offset: i32::try_from(dst_offset).ok()?,
        dst: true,
        abbreviation: dst_name,
    };
    p.eat(b',')?;
    let start = p.change()?;
    p.eat(b',')?;
    let end = p.change()?;
    p.0.is_empty().then_some(Posix {
        std,
        dst: Some((dst, start, end)),
    })
}

struct PosixReader<'a>(&'a [u8]);

impl PosixReader<'_> {
    fn eat(&mut self, b: u8) -> Option<()> {
        let (&first, rest) = self.0.split_first()?;
        (first == b).then(|| self.0 = rest)
    }

    fn name(&mut self) -> Option<String> {
        let (name, rest) = if self.eat(b'<').is_some() {
            let end = self.0.iter().position(|&c| c == b'>')?;
            (&self.0[..end], &self.0[end + 1..])
        } else {
            let end = self
                .0
                .iter()
                .position(|c| !c.is_ascii_alphabetic())
                .unwrap_or(self.0.len());
            (&self.0[..end], &self.0[end..])
        };
        self.0 = rest;
        (name.len() >= 3).then(|| String::from_utf8_lossy(name).into_owned())
    }

    fn number(&mut self) -> Option<i64> {
        let end = self
            .0
            .iter()
            .position(|c| !c.is_ascii_digit())
            .unwrap_or(self.0.len());
        if end == 0 || end > 3 {
            return None;
        }
        let n = self.0[..end]
            .iter()
            .fold(0, |n, &c| n * 10 + i64::from(c - b'0'));
        self.0 = &self.0[end..];
        Some(n)
    }

    /// `[+-]h[h][:mm[:ss]]` in seconds, hours at most `max_hours`.
    fn hms(&mut self, max_hours: i64) -> Option<i64> {
        let sign = if self.eat(b'-').is_some() {
            -1
        } else {
            let _ = self.eat(b'+');
            1
        };
        let h = self.number()?;
        let mut secs = h * 3600;
        for unit in [60, 1] {
            if self.eat(b':').is_none() {
                break;
            }
            let n = self.number()?;
            if n > 59 {
                return None;
            }
            secs += n * unit;
        }
        (h <= max_hours).then_some(sign * secs)
    }

    fn change(&mut self) -> Option<Change> {
        let day = if self.eat(b'M').is_some() {
            let month = self.number()?;
            self.eat(b'.')?;
            let week = self.number()?;
            self.eat(b'.')?;
            let weekday = self.number()?;
            if !(1..=12).contains(&month) || !(1..=5).contains(&week) || weekday > 6 {
                return None;
            }
            Day::Weekday {
                month,
                week,
                weekday,
            }
        } else if self.eat(b'J').is_some() {
            Day::Julian(self.number().filter(|n| (1..=365).contains(n))?)
        } else {
            Day::Zero(self.number().filter(|n| *n <= 365)?)
        };
        let time = if self.eat(b'/').is_some() {
            self.hms(167)?
        } else {
            7200
        };
        Some(Change { day, time })
    }
}

/// A named zone's rules: its transitions from 1970 on, the type before the
/// first (type 0), and its POSIX rule for the time after the last.
#[derive(Debug, PartialEq, Eq)]
pub struct Rules {
    pub name: &'static str,
    times: Vec<i64>,
    kinds: Vec<u8>,
    types: Vec<Kind>,
    posix: Option<Posix>,
}

impl Rules {
    /// Rules from their parts; `None` when a transition names a missing type
    /// or the footer is not a POSIX rule.
    pub fn new(
        name: &'static str,
        times: Vec<i64>,
        kinds: Vec<u8>,
        types: Vec<Kind>,
        footer: &str,
    ) -> Option<Rules> {
        let footer = footer.trim();
        let posix = if footer.is_empty() {
            None
        } else {
            Some(parse_posix(footer)?)
        };
        let ok = !types.is_empty()
            && times.len() == kinds.len()
            && kinds.iter().all(|&k| usize::from(k) < types.len());
        ok.then_some(Rules {
            name,
            times,
            kinds,
            types,
            posix,
        })
    }

    /// The type after transition `i`, type 0 before the first.
    fn kind_after(&self, i: Option<usize>) -> &Kind {
        let k = i.and_then(|i| self.kinds.get(i)).copied().unwrap_or(0);
        &self.types[usize::from(k)]
    }

    /// The last transition at or before `m`, if any.
    fn last_at_or_before(&self, m: Moment) -> Option<usize> {
        self.times.partition_point(|&t| (t, 0) <= m).checked_sub(1)
    }

    fn kind_at(&self, m: Moment) -> &Kind {
        let i = self.last_at_or_before(m);
        let at_or_after_last = self.times.is_empty() || i == Some(self.times.len() - 1);
        match &self.posix {
            Some(p) if at_or_after_last => p.kind_at(m),
            _ => self.kind_after(i),
        }
    }

    fn local(&self, wall: Moment) -> Local {
        // Each transition's wall-clock range [start, end) is its gap or fold.
        let range = |i: usize| {
            let before = i64::from(self.kind_after(i.checked_sub(1)).offset);
            let after = i64::from(self.kind_after(Some(i)).offset);
            let t = self.times[i];
            (
                (t + before.min(after), 0),
                (t + before.max(after), 0),
                before,
                after,
            )
        };
        // The last transition whose range starts at or before `wall`.
        let (mut lo, mut hi) = (0, self.times.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            if range(mid).0 <= wall {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        let i = lo.checked_sub(1);
        if let Some(i) = i {
            let (_, end, before, after) = range(i);
            if wall < end && before != after {
                let (before, after) = (offset_seconds(before), offset_seconds(after));
                return if after > before {
                    Local::Gap { before, after }
                } else {
                    Local::Fold { before, after }
                };
            }
        }
        let last = self.times.is_empty() || i == Some(self.times.len() - 1);
        match &self.posix {
            Some(p) if last => p.local(wall),
            _ => Local::Unique(offset(self.kind_after(i).offset)),
        }
    }

    fn next_change(&self, m: Moment) -> Option<Moment> {
        let i = self.times.partition_point(|&t| (t, 0) <= m);
        match self.times.get(i) {
            Some(&t) => Some((t, 0)),
            None => match &self.posix {
                Some(p) => p.next_change(m),
                None => None,
            },
        }
    }

    fn previous_change(&self, m: Moment) -> Option<Moment> {
        // A transition exactly at `m` (to the nanosecond) is not before it.
        let i = self.times.partition_point(|&t| (t, 0) < m).checked_sub(1)?;
        if i == self.times.len() - 1 {
            if let Some(found) = self.posix.as_ref().and_then(|p| p.previous_change(m)) {
                return Some(found);
            }
        }
        Some((self.times[i], 0))
    }
}

fn offset(seconds: i32) -> Offset {
    Offset::from_seconds(seconds).unwrap_or(Offset::UTC)
}

fn offset_seconds(seconds: i64) -> Offset {
    offset(i32::try_from(seconds).unwrap_or(0))
}

/// How a wall-clock time reads in a zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Local {
    /// Once, at this offset.
    Unique(Offset),
    /// Never: the clocks skipped it, going from `before` to `after`.
    Gap { before: Offset, after: Offset },
    /// Twice: first at `before`, then at `after`.
    Fold { before: Offset, after: Offset },
}

impl Local {
    /// The offset jiff's "compatible" choice takes: the one before a gap
    /// (which lands after it) and the earlier reading of a fold.
    pub fn compatible(self) -> Offset {
        match self {
            Local::Unique(o) | Local::Gap { before: o, .. } | Local::Fold { before: o, .. } => o,
        }
    }
}

/// A time zone: UTC, a fixed offset, or a named zone of the tz database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Zone {
    Utc,
    Fixed(Offset),
    Named(Arc<Rules>),
}

/// What a zone's clocks read at an instant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OffsetInfo<'a> {
    pub offset: Offset,
    pub dst: bool,
    pub abbreviation: std::borrow::Cow<'a, str>,
}

impl Zone {
    pub const UTC: Zone = Zone::Utc;

    /// A fixed offset; a zero offset is UTC.
    pub fn fixed(o: Offset) -> Zone {
        if o.seconds() == 0 {
            Zone::Utc
        } else {
            Zone::Fixed(o)
        }
    }

    /// The zone's name in the tz database (UTC is one); `None` for a fixed offset.
    pub fn iana_name(&self) -> Option<&str> {
        match self {
            Zone::Utc => Some("UTC"),
            Zone::Fixed(_) => None,
            Zone::Named(r) => Some(r.name),
        }
    }

    pub fn to_offset_info(&self, ts: Timestamp) -> OffsetInfo<'_> {
        match self {
            Zone::Utc => OffsetInfo {
                offset: Offset::UTC,
                dst: false,
                abbreviation: "UTC".into(),
            },
            Zone::Fixed(o) => OffsetInfo {
                offset: *o,
                dst: false,
                abbreviation: super::zones::offset_text(*o).into(),
            },
            Zone::Named(r) => {
                let k = r.kind_at(moment_of_timestamp(ts));
                OffsetInfo {
                    offset: offset(k.offset),
                    dst: k.dst,
                    abbreviation: k.abbreviation.as_str().into(),
                }
            }
        }
    }

    pub fn to_offset(&self, ts: Timestamp) -> Offset {
        match self {
            Zone::Utc => Offset::UTC,
            Zone::Fixed(o) => *o,
            Zone::Named(r) => offset(r.kind_at(moment_of_timestamp(ts)).offset),
        }
    }

    /// How a wall-clock time reads here.
    pub fn local(&self, dt: DateTime) -> Local {
        match self {
            Zone::Utc => Local::Unique(Offset::UTC),
            Zone::Fixed(o) => Local::Unique(*o),
            Zone::Named(r) => r.local(moment_of_civil(dt)),
        }
    }

    /// A wall-clock time as an instant here, by the compatible choice.
    pub fn compatible(&self, dt: DateTime) -> Option<Zoned> {
        let ts = self.local(dt).compatible().to_timestamp(dt).ok()?;
        Some(Zoned::new(ts, self.clone()))
    }

    /// The first clock change after `ts`.
    pub fn next_change(&self, ts: Timestamp) -> Option<Timestamp> {
        match self {
            Zone::Named(r) => timestamp_of(r.next_change(moment_of_timestamp(ts))?),
            _ => None,
        }
    }

    /// The last clock change before `ts`.
    pub fn previous_change(&self, ts: Timestamp) -> Option<Timestamp> {
        match self {
            Zone::Named(r) => timestamp_of(r.previous_change(moment_of_timestamp(ts))?),
            _ => None,
        }
    }
}

/// An instant in a zone: what a stamp holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Zoned {
    timestamp: Timestamp,
    offset: Offset,
    zone: Zone,
}

impl Zoned {
    pub fn new(timestamp: Timestamp, zone: Zone) -> Zoned {
        Zoned {
            timestamp,
            offset: zone.to_offset(timestamp),
            zone,
        }
    }

    pub fn timestamp(&self) -> Timestamp {
        self.timestamp
    }

    pub fn offset(&self) -> Offset {
        self.offset
    }

    pub fn time_zone(&self) -> &Zone {
        &self.zone
    }

    /// The wall-clock time in the zone.
    pub fn datetime(&self) -> DateTime {
        self.offset.to_datetime(self.timestamp)
    }

    pub fn date(&self) -> jiff::civil::Date {
        self.datetime().date()
    }

    /// The same instant in another zone.
    pub fn with_time_zone(&self, zone: Zone) -> Zoned {
        Zoned::new(self.timestamp, zone)
    }
}

/// RFC 9557: `2025-03-12T03:15:00+01:00[Africa/Lagos]`, the offset rounded
/// to the minute, fractions of a second only when not zero.
impl fmt::Display for Zoned {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let dt = self.datetime();
        match dt.year() {
            y @ 0..=9999 => write!(f, "{y:04}")?,
            y if y < 0 => write!(f, "-{:06}", -i32::from(y))?,
            y => write!(f, "+{y:06}")?,
        }
        write!(
            f,
            "-{:02}-{:02}T{:02}:{:02}:{:02}",
            dt.month(),
            dt.day(),
            dt.hour(),
            dt.minute(),
            dt.second()
        )?;
        let nanos = dt.subsec_nanosecond();
        if nanos != 0 {
            let frac = format!("{nanos:09}");
            write!(f, ".{}", frac.trim_end_matches('0'))?;
        }
        let minutes = super::zones::offset_text(super::zones::nearest_minute(self.offset));
        match self.zone.iana_name() {
            Some(name) => write!(f, "{minutes}[{name}]"),
            None => write!(f, "{minutes}[{minutes}]"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar_arithmetic_matches_jiff() {
        for days in (-800_000..2_900_000).step_by(997) {
            let date = Offset::UTC
                .to_datetime(Timestamp::from_second(days * DAY).unwrap())
                .date();
            assert_eq!(year_of_days(days), i64::from(date.year()), "{days}");
            assert_eq!(
                days_from_civil(date.year().into(), date.month().into(), date.day().into()),
                days
            );
        }
    }

    #[test]
    fn posix_rules_read_as_written() {
        let p = parse_posix("<+0330>-3:30<+0430>,J79/24,J263/24").unwrap();
        assert_eq!(p.std.offset, 12_600);
        assert_eq!(p.std.abbreviation, "+0330");
        let (dst, start, _) = p.dst.unwrap();
        assert_eq!((dst.offset, dst.dst), (16_200, true));
        assert_eq!(start.time, 86_400);
        assert!(parse_posix("EST5EDT,M3.2.0,M11.1.0").is_some());
        assert!(parse_posix("<-03>3<-02>,M3.5.0/-2,M10.5.0/-1").is_some());
        for bad in [
            "",
            "E5",
            "EST",
            "EST5EDT,M13.1.0,M11.1.0",
            "EST5EDT,M3.2.0",
            "EST5x",
        ] {
            assert_eq!(parse_posix(bad), None, "{bad}");
        }
    }
}
