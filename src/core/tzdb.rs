//! The tz database the app carries: every IANA zone from 1970 on, built from
//! jiff's bundled copy by `build.rs` (which says what is cut and why).
//!
//! Zones are parsed on first use and kept for the life of the page.

use jiff::tz::TimeZone;
use std::cell::RefCell;

include!(concat!(env!("OUT_DIR"), "/tznames.rs"));

static DATA: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/tzdb.bin"));

thread_local! {
    static PARSED: RefCell<Vec<(usize, TimeZone)>> = const { RefCell::new(Vec::new()) };
}

/// Every zone name, in the database's case-insensitive order.
pub fn names() -> impl Iterator<Item = &'static str> {
    NAMES.split('\n')
}

/// Name number `k`.
fn name_at(k: usize) -> &'static str {
    let start = k
        .checked_sub(1)
        .map_or(0, |p| usize::from(NAME_ENDS[p]) + 1);
    NAMES.get(start..usize::from(NAME_ENDS[k])).unwrap_or("")
}

/// The zone called `name` (any case), under its canonical spelling.
pub fn get(name: &str) -> Option<TimeZone> {
    let folded = |s: &'static str| s.bytes().map(|c| c.to_ascii_lowercase());
    let wanted = || name.bytes().map(|c| c.to_ascii_lowercase());
    let (mut lo, mut hi) = (0, NAME_ENDS.len());
    let index = loop {
        if lo >= hi {
            return None;
        }
        let mid = (lo + hi) / 2;
        match folded(name_at(mid)).cmp(wanted()) {
            std::cmp::Ordering::Less => lo = mid + 1,
            std::cmp::Ordering::Greater => hi = mid,
            std::cmp::Ordering::Equal => break mid,
        }
    };
    if let Some(tz) = PARSED.with_borrow(|p| p.iter().find(|z| z.0 == index).map(|z| z.1.clone())) {
        return Some(tz);
    }
    let r = usize::from(ZONE_RECORD[index]);
    let start = r.checked_sub(1).map_or(0, |p| RECORD_ENDS[p] as usize);
    let tzif = tzif(DATA.get(start..RECORD_ENDS[r] as usize)?)?;
    let tz = TimeZone::tzif(name_at(index), &tzif).ok()?;
    PARSED.with_borrow_mut(|p| p.push((index, tz.clone())));
    Some(tz)
}

/// Reads a record written by `build.rs`.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn bytes(&mut self, n: usize) -> Option<&'a [u8]> {
        let (head, rest) = (self.0.get(..n)?, self.0.get(n..)?);
        self.0 = rest;
        Some(head)
    }

    /// A zigzag number, 7 bits a byte.
    fn number(&mut self) -> Option<i64> {
        let mut z: u64 = 0;
        for shift in (0..64).step_by(7) {
            let b = *self.bytes(1)?.first()?;
            z |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Some((z >> 1) as i64 ^ -((z & 1) as i64));
            }
        }
        None
    }

    fn count(&mut self) -> Option<usize> {
        usize::try_from(self.number()?).ok()
    }
}

/// The TZif bytes of a record: an empty version 1 block (one UTC type, one
/// NUL), then the version 2+ header, data and footer.
fn tzif(record: &[u8]) -> Option<Vec<u8>> {
    let mut r = Reader(record);
    let version = *r.bytes(1)?.first()?;
    let times = r.count()?;
    let mut data = Vec::with_capacity(record.len() * 3);
    let mut at = 0i64;
    for _ in 0..times {
        at = at.checked_add(r.number()?)?;
        data.extend_from_slice(&at.to_be_bytes());
    }
    data.extend_from_slice(r.bytes(times)?);
    let types = r.count()?;
    data.extend_from_slice(r.bytes(types.checked_mul(6)?)?);
    let mut blocks = [0usize; 4];
    for n in &mut blocks {
        *n = r.count()?;
        data.extend_from_slice(r.bytes(*n)?);
    }
    let [chars, std_wall, ut_local, _footer] = blocks;

    let mut out = Vec::with_capacity(95 + data.len());
    let header = |out: &mut Vec<u8>, counts: [usize; 6]| -> Option<()> {
        out.extend_from_slice(b"TZif");
        out.push(version);
        out.extend_from_slice(&[0; 15]);
        for n in counts {
            out.extend_from_slice(&u32::try_from(n).ok()?.to_be_bytes());
        }
        Some(())
    };
    header(&mut out, [0, 0, 0, 0, 1, 1])?;
    out.extend_from_slice(&[0; 7]);
    header(&mut out, [ut_local, std_wall, 0, times, types, chars])?;
    out.extend_from_slice(&data);
    Some(out)
}
