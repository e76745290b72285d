//! Markdown tables in a foreign postmortem: a timeline (a column named for
//! the time, a date column that dates the rows, the zone in the header) or
//! action items (task, owner, due, status). Any other table is read as text.

use super::entries::Path;
use super::lines::{guess_kind, short};
use super::reader::Reader;
use super::timeline::{entry_text, push_entry, unknown_time};
use super::when;
use crate::gfm;
use crate::model::{ActionItem, ActionStatus, TimelineEntry};
use crate::review::{ItemCode, ItemKind};
use crate::time::words;

/// The cells of a table row, trimmed, without the outer pipes.
fn cells(line: &str) -> Vec<String> {
    gfm::row_cells(line, gfm::Pipes::Escapable)
        .into_iter()
        .map(|c| c.trim().replace("**", ""))
        .collect()
}

/// A rule row written with its outer pipe (a table of a foreign document
/// must look like one: a line of dashes alone is a thematic break).
fn is_separator(line: &str) -> bool {
    line.trim().starts_with('|') && gfm::is_rule_row(line)
}

/// A table at line `i`: a timeline (a column named for the time, a date
/// column dating the rows, the zone in the header), or action items when
/// `in_actions` (the table is in an actions section). Returns the line after
/// it, or None for any other table (read as text).
pub fn read_table(r: &mut Reader, i: usize, in_actions: bool) -> Option<usize> {
    if !r.lines().get(i + 1).is_some_and(|l| is_separator(l)) {
        return None;
    }
    let n = r.lines().len();
    let names: Vec<String> = cells(r.line(i)).iter().map(|h| h.to_lowercase()).collect();
    let mut end = i + 2;
    while end < n && r.line(end).trim().starts_with('|') {
        end += 1;
    }
    let named = |is: fn(&str) -> bool| {
        names
            .iter()
            .position(|h| is(h.split('(').next().unwrap_or("").trim()))
    };
    let time_col = named(|h| {
        matches!(
            h,
            "time"
                | "when"
                | "timestamp"
                | "time of day"
                | "start"
                | "start time"
                | "date/time"
                | "date and time"
                | "at"
        )
    });
    let date_col = named(|h| matches!(h, "date" | "day"));
    if let Some(tc) = time_col {
        let header_zone = when::declared_zone(r.line(i), true).map(|(_, w)| w);
        r.take(i);
        r.take(i + 1);
        let columns = Columns {
            time: tc,
            date: date_col,
            zone: header_zone,
        };
        for j in i + 2..end {
            timeline_row(r, j, &columns);
        }
        return Some(end);
    }
    if in_actions {
        r.take(i);
        r.take(i + 1);
        actions_rows(r, &names, i + 2..end);
        return Some(end);
    }
    None
}

/// The columns of a timeline table, and the zone its header names.
struct Columns {
    time: usize,
    date: Option<usize>,
    zone: Option<String>,
}

/// Row `j` of a timeline table: a timeline entry (with no time when its
/// time cell cannot be read); a date cell dates it and the rows below.
fn timeline_row(r: &mut Reader, j: usize, col: &Columns) {
    let row = cells(r.line(j));
    if row.iter().all(|c| c.is_empty()) {
        r.take(j);
        return;
    }
    if let Some(d) = col
        .date
        .and_then(|dc| row.get(dc))
        .and_then(|c| words::find_days(c).into_iter().next())
        .and_then(|d| r.ctx().day(&d))
    {
        if r.day() != Some(d) {
            r.set_day(d);
        }
    }
    let text = row
        .iter()
        .enumerate()
        .filter(|(c, v)| *c != col.time && Some(*c) != col.date && !v.is_empty())
        .map(|(_, v)| v.as_str())
        .collect::<Vec<_>>()
        .join(" \u{2014} ");
    let cell = row.get(col.time).map(String::as_str).unwrap_or("");
    let moment = when::moment_in(cell, 0)
        .filter(|m| !(m.clock.bare_hour && m.clock.pm.is_none()) || cell.trim().len() <= 4);
    match moment {
        Some(mut m) if unknown_time(cell).is_none() => {
            if m.zone.is_none() {
                m.zone = col.zone.clone();
            }
            let (extra, _) = entry_text(cell, &m);
            let text = if extra.is_empty() {
                text
            } else {
                format!("{text} ({extra})")
            };
            if push_entry(r, j, &m, text, None) {
                r.take(j);
            }
        }
        _ => {
            let id = r.entries().next_id();
            r.item(ItemKind::KeptAsText, ItemCode::TimeUnknown, j, Path::Entry(id), format!("Timeline \u{201c}{}\u{201d}: no time the editor can read; the entry has no time.", short(&text)));
            let text = if cell.is_empty() {
                text
            } else {
                format!("{cell} \u{2014} {text}")
            };
            r.push_entry(
                TimelineEntry {
                    at: None,
                    approximate: false,
                    kind: guess_kind(&text),
                    text,
                },
                j,
                None,
            );
            r.take(j);
        }
    }
}

/// The rows of an action-items table (header `names`, lower case): each an
/// action item, with what has no column of its own kept in its title.
fn actions_rows(r: &mut Reader, names: &[String], rows: std::ops::Range<usize>) {
    let col = |words: &[&str]| {
        names
            .iter()
            .position(|h| words.iter().any(|w| h.contains(w)))
    };
    let title_col = col(&["task", "action", "item", "title", "description", "what"]).unwrap_or(0);
    let owner_col = col(&["owner", "assignee", "who"]);
    let status_col = col(&["status", "state", "done"]);
    let due_col = col(&["due"]);
    for j in rows {
        let row = cells(r.line(j));
        let get = |c: Option<usize>| c.and_then(|c| row.get(c)).cloned().unwrap_or_default();
        let status_word = get(status_col).to_lowercase();
        let status = match status_word.as_str() {
            "done" | "closed" | "complete" | "completed" | "fixed" | "yes" | "\u{2705}" => {
                ActionStatus::Done
            }
            "in progress" | "doing" | "started" => ActionStatus::InProgress,
            "won't do" | "wont do" | "wontfix" => ActionStatus::WontDo,
            _ => ActionStatus::Open,
        };
        let known = [Some(title_col), owner_col, status_col, due_col];
        let rest: Vec<String> = row
            .iter()
            .enumerate()
            .filter(|(c, v)| !known.contains(&Some(*c)) && !v.is_empty())
            .map(|(_, v)| v.clone())
            .collect();
        let mut title = get(Some(title_col));
        if !rest.is_empty() {
            title = format!("{title} ({})", rest.join(", "));
        }
        let due = Some(get(due_col)).filter(|d| !d.is_empty());
        let kept_status = !matches!(
            status_word.as_str(),
            "" | "done" | "todo" | "to do" | "open"
        );
        if kept_status {
            title = format!("{title} [{}]", get(status_col));
        }
        r.doc.actions.push(ActionItem {
            title,
            owner: get(owner_col).trim_start_matches('@').to_string(),
            due,
            status,
            ..ActionItem::default()
        });
        r.take(j);
    }
}
