//! The setting of a foreign document's times, read once before the walk:
//! the zone (front matter, a line that declares it, else the zone most times
//! carry), the year and date that times written without them take, whether
//! it writes a 12-hour clock, and where bare times begin (the start). Each
//! is read by its own step below, in that order, since each later one reads
//! the earlier ones. [`when`](super::when) says how a time is then placed.

use super::lines::{date_label, heading_like, key_line, short, Key};
use super::when::{self, Setting};
use crate::format::markdown::front_matter::FrontMatter;
use crate::model::Document;
use crate::review::Basis;
use crate::time::words;
use crate::time::zones::{self, Zoned};

/// The body's lines with their 0-based index.
type Body<'a> = std::iter::Skip<std::iter::Enumerate<std::slice::Iter<'a, String>>>;

fn body(lines: &[String], body_start: usize) -> Body<'_> {
    lines.iter().enumerate().skip(body_start)
}

/// A basis stated by line `i`.
fn stated(lines: &[String], i: usize) -> Basis {
    Basis::Stated {
        line: i + 1,
        text: short(lines[i].trim()),
    }
}

/// What the document says about the date and zone of its times (see [`when`]).
pub fn setting(
    lines: &[String],
    body_start: usize,
    front: Option<&FrontMatter>,
    doc: &Document,
) -> Setting {
    let mut s = Setting::unknown();
    read_zone(&mut s, lines, body_start, front, doc);
    // The year, for dates written without one: front matter, else the first year written.
    let front_date = front
        .and_then(|f| Some((f.get("date")?.as_str()?, f.line_of("date")?)))
        .and_then(|(v, line)| Some((words::find_date(v)?.0, line)));
    let first_full =
        body(lines, body_start).find_map(|(i, l)| words::find_date(l).map(|d| (d.0, i)));
    s.year = front_date
        .map(|d| d.0.year())
        .or(first_full.map(|d| d.0.year()))
        .or_else(|| first_year(lines, body_start));
    read_date(&mut s, lines, body_start, front_date);
    if s.year.is_none() {
        s.year = s.date.map(|d| d.year());
    }
    s.twelve_hour = twelve_hour(lines, body_start);
    let (start, stated) = start_of(&s, lines, body_start);
    s.start_stated = stated;
    s.start = start;
    s
}

/// The zone: front matter, a line that declares it, else the zone most times carry.
fn read_zone(
    s: &mut Setting,
    lines: &[String],
    body_start: usize,
    front: Option<&FrontMatter>,
    doc: &Document,
) {
    let front_zone = front.and_then(|f| f.line_of("time_zone").or(f.line_of("timezone")));
    let declared = body(lines, body_start)
        .find_map(|(i, l)| when::declared_zone(l, heading_like(l)).map(|d| (i, d)));
    if zones::zone(&doc.time_zone).is_ok() && front_zone.is_some() {
        s.zone = doc.time_zone.clone();
        s.zone_written = doc.time_zone.clone();
        s.zone_basis = stated(lines, front_zone.unwrap_or(1).saturating_sub(1));
    } else if let Some((i, (written, word))) = declared {
        if let Some(name) = when::zone_name(&word) {
            s.zone = name;
            s.zone_written = written;
            s.zone_basis = stated(lines, i);
        }
    } else if let Some((name, i, word)) = most_written_zone(lines, body_start) {
        s.zone = name;
        s.zone_written = word;
        s.zone_basis = Basis::Guessed {
            line: i + 1,
            text: short(lines[i].trim()),
        };
    }
}

/// The zone most times carry (the first written of a tie): its name, the
/// 0-based line it is first written on, and the word written.
fn most_written_zone(lines: &[String], body_start: usize) -> Option<(String, usize, String)> {
    let mut tally: Vec<(String, usize, usize, String)> = Vec::new();
    for (i, l) in body(lines, body_start) {
        for m in when::moments(l) {
            let Some(word) = m.zone else { continue };
            let Some(name) = when::zone_name(&word) else {
                continue;
            };
            match tally.iter_mut().find(|t| t.0 == name) {
                Some(t) => t.1 += 1,
                None => tally.push((name, 1, i, word)),
            }
        }
    }
    tally
        .into_iter()
        .max_by_key(|t| (t.1, std::cmp::Reverse(t.2)))
        .map(|(name, _, i, word)| (name, i, word))
}

/// The first year written anywhere ("1999", "2017").
fn first_year(lines: &[String], body_start: usize) -> Option<i16> {
    body(lines, body_start).find_map(|(_, l)| {
        l.split(|c: char| !c.is_ascii_digit())
            .find(|w| w.len() == 4 && (w.starts_with("19") || w.starts_with("20")))
            .and_then(|w| w.parse().ok())
    })
}

/// The date: front matter, a `Date:` line, a start line, the title, else the first date written.
fn read_date(
    s: &mut Setting,
    lines: &[String],
    body_start: usize,
    front_date: Option<(jiff::civil::Date, usize)>,
) {
    let labelled = body(lines, body_start).find_map(|(i, l)| {
        let v = date_label(l)?;
        let d = words::find_days(v).into_iter().next()?;
        Some((s.day(&d)?, i))
    });
    let start_line = body(lines, body_start).find_map(|(i, l)| {
        key_line(l)
            .filter(|(k, _)| matches!(k, Key::Start | Key::Duration))
            .and_then(|(_, v)| words::find_days(&v).into_iter().next())
            .and_then(|d| Some((s.day(&d)?, i)))
    });
    let any_day = body(lines, body_start).find_map(|(i, l)| {
        let d = words::find_days(l).into_iter().next()?;
        Some((s.day(&d)?, i))
    });
    if let Some((d, line)) = front_date {
        s.date = Some(d);
        s.date_basis = Basis::Stated {
            line,
            text: format!("date: {d}"),
        };
    } else if let Some((d, i)) = labelled.or(start_line).or(any_day) {
        s.date = Some(d);
        s.date_basis = stated(lines, i);
    }
}

/// A 12-hour document: a.m./p.m. written, and no hour past 12.
fn twelve_hour(lines: &[String], body_start: usize) -> bool {
    let (mut meridiem, mut past_noon) = (false, false);
    for (_, l) in body(lines, body_start) {
        let mut from = 0;
        while let Some(c) = words::find_time(l, from) {
            from = c.end;
            match c.pm {
                Some(_) => meridiem = true,
                None if c.hour > 12 => past_noon = true,
                None => {}
            }
        }
    }
    meridiem && !past_noon
}

/// The start, where bare times begin: a start line (then true), else the
/// first time dated on the document's date ("On February 4th, 2024 at 8:04 p.m.").
fn start_of(s: &Setting, lines: &[String], body_start: usize) -> (Option<Zoned>, bool) {
    let placed = |l: &String| {
        // Only a line with a date can give a dated time.
        if words::find_days(l).is_empty() {
            return None;
        }
        let line = key_line(l).map(|(_, v)| v).unwrap_or_else(|| l.clone());
        let m = when::moments(&line).into_iter().find(|m| m.day.is_some())?;
        let p = s.place(&m, None, None).ok()?;
        zones::parse_stamp(&p.stamp).ok()
    };
    let start_line = body(lines, body_start)
        .filter(|(_, l)| key_line(l).is_some_and(|(k, _)| matches!(k, Key::Start | Key::Duration)))
        .find_map(|(_, l)| placed(l));
    // Near the top: a summary's first sentence, not a line deep in a long timeline.
    let on_the_day = || {
        body(lines, body_start).take(400).find_map(|(_, l)| {
            placed(l)
                .filter(|z| s.date == Some(z.with_time_zone(zones::zone_or_utc(&s.zone)).date()))
        })
    };
    let stated = start_line.is_some();
    (start_line.or_else(on_the_day), stated)
}

/// "All times in PST" for a summer incident: the times are read on the
/// zone's clock (PDT then). The 0-based line of the declaration and what the
/// review says, when so.
pub fn declared_off_season(ctx: &Setting) -> Option<(usize, String)> {
    let (Basis::Stated { line, .. }, Some(date)) = (&ctx.zone_basis, ctx.date) else {
        return None;
    };
    let tz = zones::zone(&ctx.zone).ok()?;
    let noon = date.at(12, 0, 0, 0).to_zoned(tz).ok()?;
    let word = &ctx.zone_written;
    let (_, really) = when::other_season(word, noon.timestamp())?;
    let zone = &ctx.zone;
    Some((line - 1, format!("\u{201c}{word}\u{201d} is written for {date}, when {zone} showed {really}: the times were read on that clock ({really}), as people who write \u{201c}{word}\u{201d} all year mean.")))
}
