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
    ZONES.iter().map(|z| z.0)
}

/// The zone called `name` (any case), under its canonical spelling.
pub fn get(name: &str) -> Option<TimeZone> {
    let index = ZONES
        .binary_search_by(|z| {
            let (a, b) = (z.0.bytes(), name.bytes());
            a.map(|c| c.to_ascii_lowercase())
                .cmp(b.map(|c| c.to_ascii_lowercase()))
        })
        .ok()?;
    if let Some(tz) = PARSED.with_borrow(|p| p.iter().find(|z| z.0 == index).map(|z| z.1.clone()))
    {
        return Some(tz);
    }
    let (canonical, start, end) = ZONES[index];
    let record = DATA.get(start as usize..end as usize)?;
    // An empty version 1 block (one UTC type, one NUL) in front of the record.
    let mut tzif = Vec::with_capacity(51 + record.len());
    tzif.extend_from_slice(b"TZif");
    tzif.push(*record.get(4)?);
    tzif.extend_from_slice(&[0; 15]);
    for n in [0u32, 0, 0, 0, 1, 1] {
        tzif.extend_from_slice(&n.to_be_bytes());
    }
    tzif.extend_from_slice(&[0; 7]);
    tzif.extend_from_slice(record);
    let tz = TimeZone::tzif(canonical, &tzif).ok()?;
    PARSED.with_borrow_mut(|p| p.push((index, tz.clone())));
    Some(tz)
}
