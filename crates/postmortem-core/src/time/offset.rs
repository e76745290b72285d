//! An offset from UTC as people write it, read in one place: `+05:30`,
//! `-0800`, `+01`, `+05:45:00`, and after `UTC` or `GMT` an hour of one digit
//! too (`UTC+1`, `GMT-3:30`). `zones` turns one into a zone; `words` asks
//! whether a word in prose is one; both read it here. And its text.

use jiff::tz::Offset;

/// How many digits the hour may have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hour {
    /// Two, as an offset standing alone is written: `+01`, `+0100`, `+01:00`.
    Two,
    /// One or two, as people write one after `UTC` or `GMT`: `+1`, `-3:30`.
    OneOrTwo,
}

/// An offset's pieces as written, not yet checked to be a real offset
/// (`+99` is written as one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    pub negative: bool,
    pub hours: i32,
    pub minutes: i32,
    /// None when no seconds were written.
    pub seconds: Option<i32>,
}

impl Written {
    /// The offset, or None when the pieces are out of range.
    pub fn offset(self) -> Option<Offset> {
        let seconds = self.seconds.unwrap_or(0);
        if self.hours > 25 || self.minutes > 59 || seconds > 59 {
            return None;
        }
        let total = self.hours * 3600 + self.minutes * 60 + seconds;
        Offset::from_seconds(if self.negative { -total } else { total }).ok()
    }
}

/// The pieces of an offset written as the whole of `s`: a sign (`+`, `-`,
/// or the minus sign), then the hour, minutes and seconds, each of two
/// digits, with colons between them or none (`+01:00`, `+0100`); the hour
/// may have one digit when `hour` allows it (`+1`, `+1:30`).
pub fn lex(s: &str, hour: Hour) -> Option<Written> {
    let rest = s.strip_prefix(['+', '-', '\u{2212}'])?;
    let negative = !s.starts_with('+');
    let number = |d: &str| {
        (!d.is_empty() && d.bytes().all(|c| c.is_ascii_digit()))
            .then(|| d.parse::<i32>().ok())
            .flatten()
    };
    // Digits and colons only, so the pieces below are cut between digits.
    if !rest.bytes().all(|c| c.is_ascii_digit() || c == b':') {
        return None;
    }
    let hour_ok = |len: usize| len == 2 || len == 1 && hour == Hour::OneOrTwo;
    let (h, m, sec) = if rest.contains(':') {
        let mut parts = rest.split(':');
        let (h, m, sec) = (parts.next()?, parts.next()?, parts.next());
        if parts.next().is_some() || !hour_ok(h.len()) || m.len() != 2 {
            return None;
        }
        if sec.is_some_and(|s| s.len() != 2) {
            return None;
        }
        (h, Some(m), sec)
    } else {
        match rest.len() {
            1 | 2 if hour_ok(rest.len()) => (rest, None, None),
            4 => (&rest[..2], Some(&rest[2..]), None),
            6 => (&rest[..2], Some(&rest[2..4]), Some(&rest[4..])),
            _ => return None,
        }
    };
    Some(Written {
        negative,
        hours: number(h)?,
        minutes: m.map_or(Some(0), number)?,
        seconds: match sec {
            Some(s) => Some(number(s)?),
            None => None,
        },
    })
}

/// The offset `s` is written as, spaces around it ignored; see [`lex`].
pub fn parse(s: &str, hour: Hour) -> Option<Offset> {
    lex(s.trim(), hour)?.offset()
}

/// `+05:30`, `-08:00`, `+00:00`; seconds only when there are some.
pub fn text(o: Offset) -> String {
    let secs = o.seconds();
    let sign = if secs < 0 { '-' } else { '+' };
    let a = secs.unsigned_abs();
    if !a.is_multiple_of(60) {
        format!("{sign}{:02}:{:02}:{:02}", a / 3600, a / 60 % 60, a % 60)
    } else {
        format!("{sign}{:02}:{:02}", a / 3600, a / 60 % 60)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secs(s: &str, hour: Hour) -> Option<i32> {
        parse(s, hour).map(|o| o.seconds())
    }

    #[test]
    fn offsets_as_written() {
        for (s, want) in [
            ("+01:00", 3600),
            ("+0100", 3600),
            ("+01", 3600),
            ("-08:00", -8 * 3600),
            ("\u{2212}0530", -(5 * 3600 + 30 * 60)),
            ("+05:45:30", 5 * 3600 + 45 * 60 + 30),
            ("+054530", 5 * 3600 + 45 * 60 + 30),
            (" +01:00 ", 3600),
        ] {
            assert_eq!(secs(s, Hour::Two), Some(want), "{s}");
            assert_eq!(secs(s, Hour::OneOrTwo), Some(want), "{s}");
        }
        for s in ["+1", "+1:30", "-3:30:00"] {
            assert_eq!(secs(s, Hour::Two), None, "{s}");
            assert!(secs(s, Hour::OneOrTwo).is_some(), "{s}");
        }
        for s in [
            "",
            "+",
            "01:00",
            "+123",
            "+1:3",
            "+01:00:00:00",
            "+26",
            "+01:60",
            "+0a",
        ] {
            assert_eq!(secs(s, Hour::OneOrTwo), None, "{s}");
        }
        assert!(lex("+99", Hour::Two).is_some());
    }

    #[test]
    fn text_of_an_offset() {
        let o = |s| Offset::from_seconds(s).unwrap();
        assert_eq!(text(o(5 * 3600 + 30 * 60)), "+05:30");
        assert_eq!(text(o(-8 * 3600)), "-08:00");
        assert_eq!(text(o(0)), "+00:00");
        assert_eq!(text(o(-(3600 + 1))), "-01:00:01");
    }
}
