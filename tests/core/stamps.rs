//! The core's own stamp reader against jiff's RFC 9557 and RFC 3339 readers,
//! which it replaces in the browser build: on every generated stamp both give
//! the same instant in the same zone, or both refuse.

use jiff::tz::{Offset, TimeZone};
use jiff::{Timestamp, Zoned};
use postmortem::core::model::Stamp;
use postmortem::core::zones::parse_stamp;

/// What `parse_stamp` did before it had its own reader: jiff's parsers.
fn reference(s: &str) -> Option<Zoned> {
    let s = s.trim();
    if s.contains('[') {
        return s.parse::<Zoned>().ok();
    }
    let ts: Timestamp = s.parse().ok()?;
    if s.ends_with(['Z', 'z']) {
        return Some(ts.to_zoned(TimeZone::UTC));
    }
    let at = s.rfind(['+', '-']).filter(|&i| i > 10)?;
    let o: Offset = offset(&s[at..])?;
    Some(ts.to_zoned(TimeZone::fixed(o)))
}

/// The offset jiff read, from the same text: `±HH[:]MM[[:]SS]` or `±HH`.
fn offset(s: &str) -> Option<Offset> {
    let sign = if s.starts_with('-') { -1 } else { 1 };
    let digits: String = s[1..].chars().filter(|c| *c != ':').collect();
    let n = |i: usize| {
        digits
            .get(i..i + 2)
            .and_then(|d| d.parse::<i32>().ok())
            .unwrap_or(0)
    };
    Offset::from_seconds(sign * (n(0) * 3600 + n(2) * 60 + n(4))).ok()
}

/// Whether `s` has the shape the core's reader claims:
/// `YYYY-MM-DD[Tt ]HH:MM[:SS[.f{1,9}]]`, then `Z`, `z`, `±HH[:MM[:SS]]` or
/// `±HH[MM[SS]]`, or nothing, then at most one `[…]`. jiff reads more shapes
/// (basic-format times, for one); those the core refuses.
fn claimed(s: &str) -> bool {
    let s = s.trim();
    let (body, ann) = match s.find('[') {
        Some(i) => (&s[..i], Some(&s[i..])),
        None => (s, None),
    };
    if let Some(a) = ann {
        if !a.ends_with(']') || a[1..a.len() - 1].contains(['[', ']']) || a.len() < 3 {
            return false;
        }
    }
    let b = body.as_bytes();
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    let at = |i: usize, c: u8| b.get(i) == Some(&c);
    let date = (0..4).all(digit)
        && at(4, b'-')
        && digit(5)
        && digit(6)
        && at(7, b'-')
        && digit(8)
        && digit(9);
    let sep = matches!(b.get(10), Some(b'T' | b't' | b' '));
    if !(date && sep && digit(11) && digit(12) && at(13, b':') && digit(14) && digit(15)) {
        return false;
    }
    let mut i = 16;
    if at(i, b':') && digit(i + 1) && digit(i + 2) {
        i += 3;
        if at(i, b'.') {
            let n = b[i + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
            if !(1..=9).contains(&n) {
                return false;
            }
            i += 1 + n;
        }
    }
    let off = &body[i..];
    match off.as_bytes().first() {
        None => true,
        Some(b'Z' | b'z') => off.len() == 1,
        Some(b'+' | b'-') => {
            let r = &off[1..];
            let ok_digits = |p: &str| p.len() == 2 && p.bytes().all(|c| c.is_ascii_digit());
            if r.contains(':') {
                let parts: Vec<&str> = r.split(':').collect();
                (2..=3).contains(&parts.len()) && parts.iter().all(|p| ok_digits(p))
            } else {
                matches!(r.len(), 2 | 4 | 6) && r.bytes().all(|c| c.is_ascii_digit())
            }
        }
        _ => false,
    }
}

/// A small deterministic generator (no seed file to keep).
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len() as u64) as usize]
    }
}

const ZONES: &[&str] = &[
    "UTC",
    "America/New_York",
    "America/Los_Angeles",
    "Europe/Dublin",
    "Europe/Berlin",
    "Africa/Monrovia",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "Australia/Lord_Howe",
    "Pacific/Chatham",
    "America/St_Johns",
    "Africa/Lagos",
    "Etc/GMT+5",
    "america/new_york",
    "Mars/Olympus_Mons",
];

fn offset_text(secs: i32, with_seconds: bool) -> String {
    let sign = if secs < 0 { '-' } else { '+' };
    let a = secs.unsigned_abs();
    if with_seconds {
        format!("{sign}{:02}:{:02}:{:02}", a / 3600, a / 60 % 60, a % 60)
    } else {
        format!("{sign}{:02}:{:02}", a / 3600, a / 60 % 60)
    }
}

fn generate(r: &mut Rng) -> String {
    let zone = r.pick(ZONES);
    let tz = postmortem::core::zones::zone(zone).unwrap_or(postmortem::core::zones::Zone::UTC);
    // Near a clock change half of the time (gaps and folds), else anywhere in 1970-2100 (the app's tz data starts in 1970).
    let ts = if r.below(2) == 0 {
        let from = Timestamp::from_second(r.below(4_102_444_800) as i64).unwrap();
        match tz.next_change(from) {
            Some(t) => t
                .checked_add(jiff::SignedDuration::from_mins(r.below(181) as i64 - 90))
                .unwrap(),
            None => from,
        }
    } else {
        Timestamp::from_second(r.below(4_102_444_800) as i64).unwrap()
    };
    let actual = tz.to_offset(ts);
    // The wall time is read either side of a change: shift it by the other offset sometimes.
    let shift = [0, 0, 0, 1800, -1800, 3600, -3600][r.below(7) as usize];
    let wall = Offset::from_seconds(actual.seconds() + shift)
        .unwrap_or(actual)
        .to_datetime(ts);
    let seconds = match r.below(4) {
        0 => String::new(),
        1 => format!(":{:02}", wall.second()),
        2 => format!(
            ":{:02}.{}",
            wall.second(),
            &format!("{:09}", wall.subsec_nanosecond())[..1 + r.below(9) as usize]
        ),
        _ => ":00".to_string(),
    };
    let sep = r.pick(&["T", "T", "t", " "]);
    let civil = format!(
        "{:04}-{:02}-{:02}{sep}{:02}:{:02}{seconds}",
        wall.year(),
        wall.month(),
        wall.day(),
        wall.hour(),
        wall.minute()
    );
    let written = match r.below(8) {
        0 => String::new(),
        1 => "Z".to_string(),
        2 => "z".to_string(),
        3 => offset_text(actual.seconds(), true),
        4 => offset_text(actual.seconds() + 3600, false),
        _ => {
            // As printed: rounded to whole minutes.
            let o = actual.seconds();
            let m = (o.unsigned_abs() + 30) / 60;
            // (with ":00" seconds now and then: then it must match exactly).
            offset_text(
                if o < 0 {
                    -(m as i32) * 60
                } else {
                    m as i32 * 60
                },
                r.below(3) == 0,
            )
        }
    };
    let annotation = match r.below(6) {
        0 => String::new(),
        1 => format!("[!{zone}]"),
        2 => format!("[{}]", offset_text(actual.seconds() / 60 * 60, false)),
        _ => format!("[{zone}]"),
    };
    let mut s = format!("{civil}{written}{annotation}");
    // Now and then a broken one: a character dropped or changed.
    if r.below(10) == 0 && !s.is_empty() {
        let i = r.below(s.len() as u64) as usize;
        if s.is_char_boundary(i) && s.is_char_boundary(i + 1) {
            let c = ["", "9", ":", "-", "+", "]", "Q"][r.below(7) as usize];
            s.replace_range(i..i + 1, c);
        }
    }
    s
}

#[test]
fn own_reader_agrees_with_jiff_on_generated_stamps() {
    let mut r = Rng(0x5eed_cafe_f00d_1234);
    let (mut read, mut refused) = (0, 0);
    for _ in 0..100_000 {
        let s = generate(&mut r);
        let ours = parse_stamp(&Stamp(s.clone())).ok();
        if !claimed(&s) {
            assert!(ours.is_none(), "read a shape it does not claim: {s}");
            refused += 1;
            continue;
        }
        let theirs = reference(&s);
        assert_eq!(
            ours.as_ref().map(|z| z.to_string()),
            theirs.as_ref().map(|z| z.to_string()),
            "{s}"
        );
        if ours.is_some() {
            read += 1
        } else {
            refused += 1
        }
    }
    // Both outcomes are well represented.
    eprintln!("{read} read, {refused} refused");
    assert!(
        read > 40_000 && refused > 12_000,
        "{read} read, {refused} refused"
    );
}

#[test]
fn own_reader_refuses_what_it_does_not_claim_to_read() {
    for s in [
        "2025-03-12T03:15",                // no offset and no zone: not an instant
        "2025-03-12T3:15:00Z",             // one-digit hour
        "2025-03-12T03:15:00.1234567891Z", // ten fraction digits
        "20250312T031500Z",                // basic format
        "2025-03-12T03:15:00 +01:00",      // space before the offset
        "2025-03-12T03:15:00+01:00[Nowhere/City]",
        "2025-03-12T03:15:00+01:00[",
        "2025-03-12T03:15:00+01:00Africa/Lagos]",
        "",
    ] {
        assert!(parse_stamp(&Stamp(s.into())).is_err(), "{s}");
    }
}
