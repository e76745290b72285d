//! Where a field is in a Markdown file of our layout: the line of the table
//! row, list item, heading or front-matter key that holds it, so that a
//! problem can be reported at `file:line:column`. It reads the file the way
//! `read` does (the same outline, tables and names), so row `n` of a list
//! is the `n`th row the reader took.

use super::blocks::{cell, outline, table_and_rest, Section};
use super::front_matter::front_matter;
use super::layout::SECTION;
use super::read::norm;
use crate::model::KeyTime;
use crate::path::{Part, Path, Top};

/// The 1-based line and column of the field at `path` in `text`, or of the
/// nearest thing that holds it (a row's field: its row; a row that is not
/// there: its section's heading). None when the file has no such section.
pub fn position(text: &str, path: &Path) -> Option<(usize, usize)> {
    let mut lines: Vec<&str> = text.split('\n').collect();
    if text.ends_with('\n') {
        lines.pop();
    }
    let (front, body_start) = front_matter(&lines);
    let (_, sections) = outline(&lines, body_start);
    let sec = &SECTION;
    let heading = |parent: Option<&str>, name: &str| find(&sections, parent, name);
    let line = match path.top {
        Top::Title => sections.iter().find(|s| s.level == 1).map(|s| s.line),
        Top::Status | Top::Severity | Top::Authors | Top::Tags | Top::Services | Top::TimeZone => {
            front.as_ref().and_then(|f| f.line_of(path.top.word()))
        }
        Top::Summary => heading(None, sec.summary).map(|s| s.line),
        Top::Detection => heading(None, sec.detection).map(|s| s.line),
        Top::Resolution => heading(None, sec.resolution).map(|s| s.line),
        Top::Notes => heading(None, sec.notes).map(|s| s.line),
        Top::Impact => heading(None, sec.impact).map(|s| s.line),
        Top::RootCause => {
            let name = match path.part {
                Some(Part::Trigger) => Some(sec.trigger),
                Some(Part::Description) => Some(sec.description),
                Some(Part::ContributingFactors) => Some(sec.contributing),
                _ => None,
            };
            name.and_then(|n| heading(Some(sec.root_cause), n))
                .or_else(|| heading(None, sec.root_cause))
                .map(|s| s.line)
        }
        Top::Lessons => {
            let name = match path.part {
                Some(Part::WentWell) => Some(sec.went_well),
                Some(Part::WentWrong) => Some(sec.went_wrong),
                Some(Part::Lucky) => Some(sec.lucky),
                _ => None,
            };
            name.and_then(|n| heading(Some(sec.lessons), n))
                .or_else(|| heading(None, sec.lessons))
                .map(|s| s.line)
        }
        Top::Times => heading(Some(sec.impact), sec.key_times).map(|s| {
            let key = path.part.and_then(|p| KeyTime::from_word(p.word()));
            key.and_then(|k| {
                let (table, _) = table_and_rest(s);
                let table = table?;
                let moment = table.column(&["moment"]);
                table
                    .rows
                    .iter()
                    .find(|(_, row)| KeyTime::from_word(cell(row, moment)) == Some(k))
                    .map(|(line, _)| *line)
            })
            .unwrap_or(s.line)
        }),
        Top::Metrics => table_row(heading(Some(sec.impact), sec.metrics), path.row),
        Top::Timeline => table_row(heading(None, sec.timeline), path.row),
        Top::Actions => table_row(heading(None, sec.actions), path.row),
        Top::Updates => {
            let updates = heading(None, sec.updates);
            let row = path.row.and_then(|n| {
                let under = updates?;
                sections
                    .iter()
                    .skip_while(|s| s.line <= under.line)
                    .take_while(|s| s.level > under.level)
                    .filter(|s| s.level == under.level + 1)
                    .nth(n)
                    .map(|s| s.line)
            });
            row.or(updates.map(|s| s.line))
        }
        Top::Links => heading(None, sec.links).map(|s| {
            let items = s
                .body
                .iter()
                .enumerate()
                .filter(|(_, l)| l.starts_with("- ") || l.starts_with("* "))
                .map(|(i, _)| s.body_line + i);
            path.row
                .and_then(|n| items.clone().nth(n))
                .unwrap_or(s.line)
        }),
    }?;
    Some((line, 1))
}

/// A section by its heading's name (as the reader matches it: any case, a
/// trailing colon), at level 2, or at level 3 under the level-2 `parent`.
fn find<'s, 'a>(
    sections: &'s [Section<'a>],
    parent: Option<&str>,
    name: &str,
) -> Option<&'s Section<'a>> {
    let same = |title: &str, name: &str| norm(title) == name.to_lowercase();
    match parent {
        None => sections
            .iter()
            .find(|s| s.level <= 2 && same(s.title, name)),
        Some(parent) => {
            let at = sections
                .iter()
                .position(|s| s.level == 2 && same(s.title, parent))?;
            sections[at + 1..]
                .iter()
                .take_while(|s| s.level > 2)
                .find(|s| s.level == 3 && same(s.title, name))
        }
    }
}

/// The line of a table's row `n` in a section, else the section's heading.
fn table_row(section: Option<&Section>, row: Option<usize>) -> Option<usize> {
    let s = section?;
    let found = row.and_then(|n| {
        let (table, _) = table_and_rest(s);
        table?.rows.get(n).map(|(line, _)| *line)
    });
    Some(found.unwrap_or(s.line))
}
