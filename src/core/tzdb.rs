//! The tz database the app carries: every IANA zone from 1970 on, built from
//! jiff's bundled copy by `build.rs` (which says what is cut and why).
//!
//! Zones are read on first use (into [`super::tz::Rules`]) and kept for the
//! life of the page.

use super::tz::{Kind, Rules, Zone};
use std::cell::RefCell;
use std::sync::Arc;

include!(concat!(env!("OUT_DIR"), "/tznames.rs"));

static DATA: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/tzdb.bin"));

thread_local! {
    /// The zones read so far, by canonical name.
    static PARSED: RefCell<Vec<(&'static str, Zone)>> = const { RefCell::new(Vec::new()) };
}

/// Every zone name, in the database's case-insensitive order.
pub fn names() -> impl Iterator<Item = &'static str> {
    NAMES.split('\n')
}

/// The zone called `name` (any case), under its canonical spelling.
pub fn get(name: &str) -> Option<Zone> {
    if let Some(tz) = PARSED.with_borrow(|p| {
        p.iter()
            .find(|z| z.0.eq_ignore_ascii_case(name))
            .map(|z| z.1.clone())
    }) {
        return Some(tz);
    }
    let (index, canonical) = names()
        .enumerate()
        .find(|(_, n)| n.eq_ignore_ascii_case(name))?;
    // The record number: names before this one that had records of their
    // own numbered them in order.
    let (mut refs, mut own) = (Reader(&ZONE_RECORD), 0);
    let mut number = 0;
    for _ in 0..=index {
        number = match refs.count()? {
            0 => {
                own += 1;
                own - 1
            }
            shared => shared - 1,
        };
    }
    // Records follow one another, each after its length.
    let mut data = Reader(DATA);
    let mut record = &[][..];
    for _ in 0..=number {
        let len = data.count()?;
        record = data.bytes(len)?;
    }
    let tz = Zone::Named(Arc::new(rules(canonical, record)?));
    PARSED.with_borrow_mut(|p| p.push((canonical, tz.clone())));
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

/// The rules of a record: transitions, types, designations and footer.
fn rules(name: &'static str, record: &[u8]) -> Option<Rules> {
    let mut r = Reader(record);
    let count = r.count()?;
    let mut times = Vec::with_capacity(count);
    let mut at = 0i64;
    for _ in 0..count {
        at = at.checked_add(r.number()?)?;
        times.push(at);
    }
    let kinds = r.bytes(count)?.to_vec();
    let type_count = r.count()?;
    let raw_types = r.bytes(type_count.checked_mul(6)?)?;
    let chars_len = r.count()?;
    let chars = r.bytes(chars_len)?;
    let footer_len = r.count()?;
    let footer = r.bytes(footer_len)?;
    let types = raw_types
        .chunks(6)
        .map(|t| {
            let offset = i32::from_be_bytes([t[0], t[1], t[2], t[3]]);
            let name = chars.get(usize::from(t[5])..)?;
            let end = name.iter().position(|&c| c == 0)?;
            Some(Kind {
                offset,
                dst: t[4] != 0,
                abbreviation: String::from_utf8_lossy(&name[..end]).into_owned(),
            })
        })
        .collect::<Option<Vec<Kind>>>()?;
    Rules::new(name, times, kinds, types, std::str::from_utf8(footer).ok()?)
}
