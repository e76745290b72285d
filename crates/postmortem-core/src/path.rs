//! Field paths as values: where in a document a problem, a review item or a
//! change is. `timeline[3].at` is `Path::row(Top::Timeline, 3, Part::At)`;
//! it prints (and is stored, and read back) as that same text, so files,
//! storage and the page's ids keep the strings they had. The order of paths
//! is the form's order, which is the file's: problems are listed in it.

use std::fmt;
use std::str::FromStr;

/// A top-level field of the document, or one of its lists, in the form's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Top {
    Title,
    Status,
    Severity,
    Authors,
    Tags,
    Services,
    TimeZone,
    Summary,
    Impact,
    /// The list `impact.metrics`.
    Metrics,
    Times,
    Timeline,
    RootCause,
    Detection,
    Resolution,
    Lessons,
    Actions,
    Updates,
    Links,
    Notes,
}

/// A part of a field or a field of a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Part {
    Description,
    Started,
    Detected,
    Acknowledged,
    Mitigated,
    Resolved,
    Approximate,
    At,
    Kind,
    Text,
    Trigger,
    ContributingFactors,
    WentWell,
    WentWrong,
    Lucky,
    Title,
    Owner,
    Due,
    Priority,
    Status,
    Link,
    State,
    Url,
    Label,
    Value,
}

const TOPS: &[(Top, &str, &[Part])] = {
    use Part::*;
    &[
        (Top::Title, "title", &[]),
        (Top::Status, "status", &[]),
        (Top::Severity, "severity", &[]),
        (Top::Authors, "authors", &[]),
        (Top::Tags, "tags", &[]),
        (Top::Services, "services", &[]),
        (Top::TimeZone, "time_zone", &[]),
        (Top::Summary, "summary", &[]),
        (Top::Impact, "impact", &[Description]),
        (Top::Metrics, "impact.metrics", &[Label, Value]),
        (
            Top::Times,
            "times",
            &[
                Started,
                Detected,
                Acknowledged,
                Mitigated,
                Resolved,
                Approximate,
            ],
        ),
        (Top::Timeline, "timeline", &[At, Approximate, Kind, Text]),
        (
            Top::RootCause,
            "root_cause",
            &[Trigger, Description, ContributingFactors],
        ),
        (Top::Detection, "detection", &[]),
        (Top::Resolution, "resolution", &[]),
        (Top::Lessons, "lessons", &[WentWell, WentWrong, Lucky]),
        (
            Top::Actions,
            "actions",
            &[Title, Owner, Due, Kind, Priority, Status, Link],
        ),
        (Top::Updates, "updates", &[At, State, Text]),
        (Top::Links, "links", &[Title, Url]),
        (Top::Notes, "notes", &[]),
    ]
};

const PARTS: &[(Part, &str)] = &[
    (Part::Description, "description"),
    (Part::Started, "started"),
    (Part::Detected, "detected"),
    (Part::Acknowledged, "acknowledged"),
    (Part::Mitigated, "mitigated"),
    (Part::Resolved, "resolved"),
    (Part::Approximate, "approximate"),
    (Part::At, "at"),
    (Part::Kind, "kind"),
    (Part::Text, "text"),
    (Part::Trigger, "trigger"),
    (Part::ContributingFactors, "contributing_factors"),
    (Part::WentWell, "went_well"),
    (Part::WentWrong, "went_wrong"),
    (Part::Lucky, "lucky"),
    (Part::Title, "title"),
    (Part::Owner, "owner"),
    (Part::Due, "due"),
    (Part::Priority, "priority"),
    (Part::Status, "status"),
    (Part::Link, "link"),
    (Part::State, "state"),
    (Part::Url, "url"),
    (Part::Label, "label"),
    (Part::Value, "value"),
];

impl Top {
    /// The field's word in paths and in the JSON file.
    pub fn word(self) -> &'static str {
        TOPS.iter().find(|t| t.0 == self).map_or("", |t| t.1)
    }

    /// Whether the field is a list of rows.
    pub fn is_list(self) -> bool {
        matches!(
            self,
            Top::Metrics | Top::Timeline | Top::Actions | Top::Updates | Top::Links
        )
    }

    fn parts(self) -> &'static [Part] {
        TOPS.iter().find(|t| t.0 == self).map_or(&[], |t| t.2)
    }
}

impl Part {
    /// The part of `times` that holds a key time.
    pub fn key(k: crate::model::KeyTime) -> Part {
        use crate::model::KeyTime;
        match k {
            KeyTime::Started => Part::Started,
            KeyTime::Detected => Part::Detected,
            KeyTime::Acknowledged => Part::Acknowledged,
            KeyTime::Mitigated => Part::Mitigated,
            KeyTime::Resolved => Part::Resolved,
        }
    }

    pub fn word(self) -> &'static str {
        PARTS.iter().find(|p| p.0 == self).map_or("", |p| p.1)
    }
}

/// Where in a document: a field, a part of it, a row of a list, a field of a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Path {
    pub top: Top,
    pub row: Option<usize>,
    pub part: Option<Part>,
}

impl Path {
    /// A whole field or list: `summary`, `timeline`.
    pub const fn field(top: Top) -> Path {
        Path {
            top,
            row: None,
            part: None,
        }
    }

    /// A part of a field: `times.started`, `root_cause.trigger`.
    pub const fn part(top: Top, part: Part) -> Path {
        Path {
            top,
            row: None,
            part: Some(part),
        }
    }

    /// A whole row: `actions[2]`.
    pub const fn at_row(top: Top, row: usize) -> Path {
        Path {
            top,
            row: Some(row),
            part: None,
        }
    }

    /// A field of a row: `timeline[3].at`.
    pub const fn row(top: Top, row: usize, part: Part) -> Path {
        Path {
            top,
            row: Some(row),
            part: Some(part),
        }
    }

    /// The same field in another row (after rows were sorted or moved).
    pub fn in_row(self, row: usize) -> Path {
        Path {
            row: Some(row),
            ..self
        }
    }

    /// The path's place in the form: field, then row (a whole list before
    /// its first row), then the part's place among the field's parts.
    fn place(&self) -> (Top, Option<usize>, usize) {
        let part = self.part.map_or(0, |p| {
            let parts = self.top.parts();
            parts
                .iter()
                .position(|q| *q == p)
                .map_or(parts.len() + 1, |i| i + 1)
        });
        (self.top, self.row, part)
    }
}

impl PartialOrd for Path {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Path {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.place().cmp(&other.place())
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.top.word())?;
        if let Some(row) = self.row {
            write!(f, "[{row}]")?;
        }
        if let Some(part) = self.part {
            write!(f, ".{}", part.word())?;
        }
        Ok(())
    }
}

/// A path equals the text it prints as (`path == "timeline[3].at"`).
impl PartialEq<str> for Path {
    fn eq(&self, text: &str) -> bool {
        text.parse::<Path>().is_ok_and(|p| p == *self)
    }
}

impl PartialEq<&str> for Path {
    fn eq(&self, text: &&str) -> bool {
        *self == **text
    }
}

/// A text that is not a field path of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotAPath(pub String);

impl fmt::Display for NotAPath {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(
            f,
            "\u{201c}{}\u{201d} is not a field of a postmortem",
            self.0
        )
    }
}

impl FromStr for Path {
    type Err = NotAPath;

    fn from_str(text: &str) -> Result<Path, NotAPath> {
        let bad = || NotAPath(text.to_string());
        // The longest field word that starts the text ("impact.metrics" before "impact").
        let (top, rest) = TOPS
            .iter()
            .filter_map(|(top, word, _)| {
                let rest = text.strip_prefix(word)?;
                matches!(rest.chars().next(), None | Some('.' | '[')).then_some((
                    *top,
                    word.len(),
                    rest,
                ))
            })
            .max_by_key(|(_, len, _)| *len)
            .map(|(top, _, rest)| (top, rest))
            .ok_or_else(bad)?;
        let (row, rest) = match rest.strip_prefix('[') {
            Some(r) if top.is_list() => {
                let (n, rest) = r.split_once(']').ok_or_else(bad)?;
                let n = n
                    .parse::<usize>()
                    .ok()
                    .filter(|_| n.bytes().all(|b| b.is_ascii_digit()))
                    .ok_or_else(bad)?;
                (Some(n), rest)
            }
            Some(_) => return Err(bad()),
            None => (None, rest),
        };
        let part = match rest.strip_prefix('.') {
            None if rest.is_empty() => None,
            None => return Err(bad()),
            Some(word) => {
                let part = PARTS
                    .iter()
                    .find(|p| p.1 == word)
                    .map(|p| p.0)
                    .filter(|p| top.parts().contains(p))
                    .ok_or_else(bad)?;
                // A row's field needs the row: `timeline.at` is no path.
                if top.is_list() && row.is_none() {
                    return Err(bad());
                }
                Some(part)
            }
        };
        Ok(Path { top, row, part })
    }
}

impl serde::Serialize for Path {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Path {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Path, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_print_and_read_back_as_the_texts_files_and_storage_hold() {
        for text in [
            "title",
            "summary",
            "impact.description",
            "impact.metrics",
            "impact.metrics[2].label",
            "times.started",
            "times.approximate",
            "timeline",
            "timeline[3].at",
            "timeline[12].text",
            "root_cause.contributing_factors",
            "lessons.went_well",
            "actions[0]",
            "actions[1].due",
            "updates[4].state",
            "links[0].url",
            "notes",
        ] {
            let path: Path = text.parse().unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(path.to_string(), text);
        }
        assert_eq!(
            Path::row(Top::Timeline, 3, Part::At).to_string(),
            "timeline[3].at"
        );
        assert_eq!(
            Path::part(Top::Times, Part::Started).to_string(),
            "times.started"
        );
    }

    #[test]
    fn texts_that_are_no_field_are_refused() {
        for text in [
            "",
            "timeline.at",
            "timeline[x].at",
            "timeline[-1].at",
            "timeline[1",
            "timeline[1].owner",
            "summary[0]",
            "summaryx",
            "times.begun",
            "impact.metric[0].label",
            "timeline[1]at",
        ] {
            assert!(text.parse::<Path>().is_err(), "{text} was read");
        }
    }

    #[test]
    fn paths_sort_in_the_forms_order() {
        let mut paths: Vec<Path> = [
            "notes",
            "timeline[2].text",
            "timeline[10].at",
            "timeline[2].at",
            "timeline",
            "impact.metrics[0].value",
            "impact.description",
            "times.resolved",
            "times.started",
            "title",
        ]
        .iter()
        .map(|t| t.parse().unwrap())
        .collect();
        paths.sort();
        let texts: Vec<String> = paths.iter().map(Path::to_string).collect();
        assert_eq!(
            texts,
            [
                "title",
                "impact.description",
                "impact.metrics[0].value",
                "times.started",
                "times.resolved",
                "timeline",
                "timeline[2].at",
                "timeline[2].text",
                "timeline[10].at",
                "notes"
            ]
        );
    }
}
