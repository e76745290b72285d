//! A timeline pasted as text: from chat ("[10:42 AM] Dana: restarted the
//! pods"), notes ("03:15 WAT - paged"), Markdown lists and tables. Each
//! non-blank line is one event.
//!
//! A line starts with its time, in any form [`clock::read`] takes, written
//! plainly, in brackets (`[10:42]`, `[2025-03-12 10:42]`), in bold
//! (`**03:15**`) or in a table's first cell (`| 03:15 | text |`), after a
//! list marker if any (`- `, `* `, `+ `, `1. `). The separator after it
//! (` - `, ` – `, ` — `, `: `, `|`, a tab) is dropped; the rest is the
//! event's text. A line with no time is an event with no time and the
//! whole line, without its list marker, as its text.
//!
//! Nothing typed is lost or guessed at: a time that cannot be placed (no
//! date and nothing before it, a time skipped or repeated by a clock change,
//! an abbreviation of several zones) and a leading time that is clearly
//! meant as one but is not a time (`25:99`) are kept as written, for
//! validation to point at. A word after the time is taken as its zone only
//! when it is written as zones are (`WAT`, `UTC`, `utc`, `Africa/Lagos`,
//! `+01:00`), so "03:15 cat the logs" is not read in Central Africa Time.
//! A table's rule row (`|---|---|`) and the heading row above it are the
//! table's frame, not events.
//!
//! Each line's time follows the time of the line above (the last one that
//! was placed), so a timeline that runs past midnight reads as it was
//! written; the first follows the context's anchor.

use crate::gfm::{self, Pipes};
use crate::model::{Stamp, TimelineEntry};
use crate::time::clock::{self, Context};
use crate::time::words;
use crate::time::zones::{self, TimeError};

/// One event per non-blank line of `text`; see the module documentation.
pub fn timeline(text: &str, ctx: &Context) -> Vec<TimelineEntry> {
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let mut here = ctx.clone();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let heads_a_table =
            line.starts_with('|') && lines.get(i + 1).is_some_and(|next| is_table_rule(next));
        if line.is_empty() || is_table_rule(line) || heads_a_table {
            continue;
        }
        let (at, text) = split_line(line, &here);
        if let Some(z) = at.as_ref().and_then(|s| zones::parse_stamp(s).ok()) {
            // The next line takes this one's date, and its zone.
            here.anchor = Some(z);
        }
        out.push(TimelineEntry {
            at,
            text,
            ..TimelineEntry::default()
        });
    }
    out
}

/// `|---|:---:|`: the row under a Markdown table's heading, written with
/// its outer pipe (a pasted `---` is an event's text).
fn is_table_rule(line: &str) -> bool {
    line.starts_with('|') && gfm::is_rule_row(line)
}

/// A line's time (parsed, or kept as written) and its text.
fn split_line(line: &str, ctx: &Context) -> (Option<Stamp>, String) {
    let body = if line.starts_with('|') {
        table_cells(line)
    } else {
        // Without a list marker: `- `, `* `, `+ `, `• `, `1. `, `1) `.
        gfm::item_text(line).unwrap_or(line).to_string()
    };
    for (open, close) in [("[", "]"), ("**", "**"), ("__", "__")] {
        let Some(inner) = body.strip_prefix(open) else {
            continue;
        };
        if let Some((time, rest)) = inner.split_once(close) {
            if let Some(at) = whole_time(time.trim(), ctx) {
                return (Some(at), event_text(rest));
            }
        }
    }
    match leading_time(&body, ctx) {
        Some((at, end)) => (Some(at), event_text(&body[end..])),
        None => (None, body),
    }
}

/// A table row as its non-empty cells, joined by ` | `. Every pipe ends a
/// cell: a pasted row's backslash is only a character.
fn table_cells(line: &str) -> String {
    gfm::row_cells(line, Pipes::AllSplit)
        .into_iter()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect::<Vec<_>>()
        .join(" | ")
}

/// The event's text: what follows the time, without the separator.
fn event_text(rest: &str) -> String {
    let mut t = rest.trim();
    loop {
        let next = if let Some(r) = t.strip_prefix('|') {
            r
        } else if let Some(r) = t
            .strip_prefix(['-', '\u{2013}', '\u{2014}', ':'])
            .filter(|r| r.is_empty() || r.starts_with(char::is_whitespace))
        {
            r
        } else {
            return t.to_string();
        };
        t = next.trim_start();
    }
}

/// What reading a candidate time gave.
enum Read {
    /// Placed: the canonical stamp.
    Placed(Stamp),
    /// A time that cannot be placed as it stands: kept as written.
    Kept,
    /// Not a time (or a zone word that is not a zone).
    No,
}

fn try_read(text: &str, ctx: &Context) -> Read {
    match clock::read(text, ctx) {
        Ok(r) => Read::Placed(r.stamp),
        Err(
            TimeError::NoDate { .. }
            | TimeError::Gap { .. }
            | TimeError::Fold { .. }
            | TimeError::AmbiguousAbbreviation { .. },
        ) => Read::Kept,
        Err(
            TimeError::NotATime { .. }
            | TimeError::DidYouMean { .. }
            | TimeError::UnknownZone { .. },
        ) => Read::No,
    }
}

/// The stamp for text that must be a time as a whole (in brackets or bold).
fn whole_time(text: &str, ctx: &Context) -> Option<Stamp> {
    match try_read(text, ctx) {
        Read::Placed(stamp) => Some(stamp),
        Read::Kept => Some(Stamp(text.to_string())),
        Read::No => (time_like_end(text) == Some(text.len())).then(|| Stamp(text.to_string())),
    }
}

/// Characters a time can be followed by on a line.
fn ends_a_time(c: char) -> bool {
    c.is_whitespace() || matches!(c, '|' | '-' | '\u{2013}' | '\u{2014}' | ':' | ',' | ';')
}

/// The longest start of the line that is a time, and where it ends.
fn leading_time(body: &str, ctx: &Context) -> Option<(Stamp, usize)> {
    if !body.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    // A time with a date and a zone is at most a few words: look no further.
    let ends: Vec<usize> = body
        .char_indices()
        .filter(|(_, c)| ends_a_time(*c))
        .map(|(i, _)| i)
        .chain([body.len()])
        .filter(|&i| i > 0 && i <= 64)
        .collect();
    for &end in ends.iter().rev() {
        let candidate = body[..end].trim_end();
        if candidate.len() != end || !zone_written_as_zones_are(candidate) {
            continue;
        }
        // A number alone (`0500`, `2024 was`, `1500 requests`) is a time in
        // a field, not at the start of a pasted line.
        if candidate.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        match try_read(candidate, ctx) {
            Read::Placed(stamp) => return Some((stamp, end)),
            Read::Kept => return Some((Stamp(candidate.to_string()), end)),
            Read::No => {}
        }
    }
    let end = time_like_end(body)?;
    Some((Stamp(body[..end].to_string()), end))
}

/// Whether the last word of a candidate, when it is a word, is written as
/// a zone is: upper case (`WAT`), or `utc`, `gmt`, `z` in any case; a.m.
/// and p.m. are not zones but belong to the time.
fn zone_written_as_zones_are(candidate: &str) -> bool {
    let last = candidate.rsplit(char::is_whitespace).next().unwrap_or("");
    if candidate.len() == last.len() || !last.chars().all(char::is_alphabetic) {
        return true;
    }
    let lower = last.to_lowercase();
    matches!(lower.as_str(), "am" | "pm" | "utc" | "gmt" | "z")
        || !last.chars().any(char::is_lowercase)
}

/// Where a time that is clearly meant as one ends, read or not: an optional
/// `YYYY-MM-DD` date, then `H:MM` as [`words::written_time_at`] reads it,
/// with seconds, a fraction of them, a.m. or p.m. (`25:99`, `3:75pm`,
/// `2025-02-30 03:15`), followed by the end of the text or a separator.
fn time_like_end(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let run = |from: usize| b[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    let mut i = 0;
    if run(0) == 4
        && b.get(4) == Some(&b'-')
        && run(5) == 2
        && b.get(7) == Some(&b'-')
        && run(8) == 2
        && b.get(10).is_some_and(|c| *c == b' ' || *c == b'T')
    {
        i = 11;
    }
    let time = words::written_time_at(s, i)?;
    let mut end = time.end;
    if time.pm.is_none() && b.get(end) == Some(&b'.') && run(end + 1) > 0 {
        end += 1 + run(end + 1);
    }
    s[end..]
        .chars()
        .next()
        .is_none_or(ends_a_time)
        .then_some(end)
}
