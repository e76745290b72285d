//! Front matter: YAML `---` or TOML `+++` at the top of a Markdown file, read
//! into keys in file order with their lines (YAML with granit-parser, TOML
//! with the `toml` crate's parser), and applied to a document's metadata
//! (keys it does not know, and values no field takes, are kept as text).

use crate::model::*;
use crate::time::zones;
use granit_parser::{Event, Parser, ScalarStyle, Span};

/// A value in front matter, as far as postmortem metadata needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FmValue {
    Null,
    Text(String),
    List(Vec<String>),
    /// A map, a list holding more than texts, an alias: no field takes it,
    /// and its lines are kept as written.
    Other,
}

impl FmValue {
    pub fn as_str(&self) -> Option<&str> {
        match self {
            FmValue::Text(s) => Some(s),
            _ => None,
        }
    }

    /// A list, or a single text as a one-item list.
    pub fn as_list(&self) -> Vec<String> {
        match self {
            FmValue::Null | FmValue::Other => Vec::new(),
            FmValue::Text(s) if s.is_empty() => Vec::new(),
            FmValue::Text(s) => vec![s.clone()],
            FmValue::List(v) => v.clone(),
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct FrontMatter {
    /// `(key, value, first line number, raw lines)` in file order.
    pub entries: Vec<(String, FmValue, usize, Vec<String>)>,
    /// Lines that are not `key: value` (comments, nested maps), with line numbers.
    pub other: Vec<(usize, String)>,
    /// Why the block could not be read (its lines are then all in `other`).
    pub problem: Option<String>,
}

impl FrontMatter {
    pub fn get(&self, key: &str) -> Option<&FmValue> {
        self.entries
            .iter()
            .find(|(k, ..)| k == key)
            .map(|(_, v, ..)| v)
    }

    pub fn line_of(&self, key: &str) -> Option<usize> {
        self.entries
            .iter()
            .find(|(k, ..)| k == key)
            .map(|(_, _, l, _)| *l)
    }
}

/// Whether a plain YAML scalar is null in the core schema (`~`, `null`, nothing).
fn yaml_null(text: &str) -> bool {
    matches!(text, "" | "~" | "null" | "Null" | "NULL")
}

/// The index after the node that starts at `at` (a scalar, an alias, or a
/// sequence or map with everything in it).
fn yaml_node_end(events: &[(Event, Span)], at: usize) -> usize {
    let mut depth = 0usize;
    for (i, (event, _)) in events.iter().enumerate().skip(at) {
        match event {
            Event::SequenceStart(..) | Event::MappingStart(..) => depth += 1,
            Event::SequenceEnd | Event::MappingEnd => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth == 0 {
            return i + 1;
        }
    }
    events.len()
}

/// A YAML value as front matter holds it: a text, a list of texts (its null
/// items left out), null, or anything else as [`FmValue::Other`].
fn yaml_value(node: &[(Event, Span)]) -> FmValue {
    let text = |event: &Event| match event {
        Event::Scalar(v, ScalarStyle::Plain, _, None) if yaml_null(v) => Some(None),
        Event::Scalar(v, ..) => Some(Some(v.to_string())),
        _ => None,
    };
    match node {
        [(event, _)] => match text(event) {
            Some(Some(t)) => FmValue::Text(t),
            Some(None) => FmValue::Null,
            None => FmValue::Other,
        },
        [(Event::SequenceStart(..), _), items @ .., (Event::SequenceEnd, _)] => items
            .iter()
            .map(|(e, _)| text(e))
            .collect::<Option<Vec<_>>>()
            .map_or(FmValue::Other, |v| {
                FmValue::List(v.into_iter().flatten().collect())
            }),
        _ => FmValue::Other,
    }
}

/// YAML front matter between `---` and `---` (or `...`) lines, read with
/// granit-parser's events. Top-level keys become entries in file order, each
/// with its lines: from its key to the line before the next key, less the
/// blank lines and comment lines after it, which are kept as `other` lines
/// with everything before the first key. YAML that does not read is all
/// kept as `other` lines, with a sentence naming the line.
fn yaml_front_matter(lines: &[&str], end: usize) -> FrontMatter {
    let block = lines[1..end].join("\n");
    let mut fm = FrontMatter::default();
    let events = match Parser::new_from_str(&block).collect::<Result<Vec<_>, _>>() {
        Ok(events) => events,
        Err(e) => {
            // The parser counts lines from 1 in the block, which starts on the file's line 2.
            fm.problem = Some(format!(
                "The YAML front matter does not read (line {}: {}); it is kept in Notes.",
                e.marker().line() + 1,
                e.info()
            ));
            fm.other = (1..end).map(|i| (i + 1, lines[i].to_string())).collect();
            return fm;
        }
    };
    // The top-level map's pairs: the key's file line, the key if it is a
    // text, and the value.
    let mut pairs: Vec<(usize, Option<String>, FmValue)> = Vec::new();
    let root = events.iter().position(|(e, _)| {
        matches!(
            e,
            Event::Scalar(..)
                | Event::Alias(_)
                | Event::SequenceStart(..)
                | Event::MappingStart(..)
        )
    });
    if let Some(root) = root.filter(|&r| matches!(events[r].0, Event::MappingStart(..))) {
        let map_end = yaml_node_end(&events, root) - 1;
        let mut at = root + 1;
        while at < map_end {
            let (key, span) = &events[at];
            let value_at = yaml_node_end(&events, at);
            let next = yaml_node_end(&events, value_at).min(map_end);
            let key = match key {
                Event::Scalar(k, ..) => Some(k.to_string()),
                _ => None,
            };
            pairs.push((
                span.start.line() + 1,
                key,
                yaml_value(events.get(value_at..next).unwrap_or_default()),
            ));
            at = next;
        }
    }
    let mut used = vec![false; end];
    let starts: Vec<usize> = pairs.iter().map(|p| p.0).collect();
    for (n, (first, key, value)) in pairs.into_iter().enumerate() {
        let first = first.min(end);
        let mut last = starts
            .get(n + 1)
            .map_or(end, |&next| next.saturating_sub(1));
        while last > first && {
            let l = lines[last - 1];
            l.trim().is_empty() || l.starts_with('#')
        } {
            last -= 1;
        }
        let last = last.clamp(first, end);
        let raw: Vec<String> = (first..=last).map(|l| lines[l - 1].to_string()).collect();
        if let Some(key) = key {
            (first..=last).for_each(|l| used[l - 1] = true);
            fm.entries.push((key, value, first, raw));
        }
    }
    for (i, line) in lines.iter().enumerate().take(end).skip(1) {
        if !used[i] && !line.trim().is_empty() {
            fm.other.push((i + 1, line.to_string()));
        }
    }
    fm
}

/// A TOML value as front matter holds it: texts, lists of texts, and
/// numbers, booleans and dates written as text.
fn toml_value(v: &toml::de::DeValue) -> FmValue {
    use toml::de::DeValue;
    match v {
        DeValue::String(s) => FmValue::Text(s.to_string()),
        DeValue::Integer(n) => FmValue::Text(n.as_str().to_string()),
        DeValue::Float(n) => FmValue::Text(n.as_str().to_string()),
        DeValue::Boolean(b) => FmValue::Text(b.to_string()),
        DeValue::Datetime(d) => FmValue::Text(d.to_string()),
        DeValue::Array(items) => FmValue::List(
            items
                .iter()
                .filter_map(|i| match toml_value(i.get_ref()) {
                    FmValue::Text(t) => Some(t),
                    _ => None,
                })
                .collect(),
        ),
        DeValue::Table(_) => FmValue::Null,
    }
}

/// TOML front matter between `+++` lines (Hugo, Zola), read with the `toml`
/// crate's parser (its spanned document, without serde). Top-level keys
/// with a text, list, number, boolean or date become entries in file order,
/// each with its lines; tables and anything else are kept as `other` lines.
fn toml_front_matter(lines: &[&str]) -> (Option<FrontMatter>, usize) {
    let Some(end) = lines
        .iter()
        .skip(1)
        .position(|l| l.trim_end() == "+++")
        .map(|p| p + 1)
    else {
        return (None, 0);
    };
    let block = lines[1..end].join("\n");
    // The block's line (1-based in the file) of a byte offset in it.
    let line_of = |at: usize| block[..at.min(block.len())].matches('\n').count() + 2;
    let mut fm = FrontMatter::default();
    let table = match toml::de::DeTable::parse(&block) {
        Ok(t) => t.into_inner(),
        Err(e) => {
            let first = e
                .message()
                .lines()
                .next()
                .unwrap_or("it is not valid TOML")
                .to_string();
            fm.problem = Some(match e.span() {
                Some(s) => format!(
                    "The TOML front matter does not read (line {}: {first}); it is kept in Notes.",
                    line_of(s.start)
                ),
                None => {
                    format!("The TOML front matter does not read ({first}); it is kept in Notes.")
                }
            });
            fm.other = (1..end).map(|i| (i + 1, lines[i].to_string())).collect();
            return (Some(fm), end + 1);
        }
    };
    let mut used = vec![false; end + 1];
    let mut entries: Vec<(usize, String, FmValue, usize)> = table
        .iter()
        .filter(|(_, v)| !matches!(v.get_ref(), toml::de::DeValue::Table(_)))
        .map(|(k, v)| {
            (
                line_of(k.span().start),
                k.get_ref().to_string(),
                toml_value(v.get_ref()),
                line_of(v.span().end.saturating_sub(1)),
            )
        })
        .collect();
    entries.sort_by_key(|e| e.0);
    for (first, key, value, last) in entries {
        let last = last.clamp(first, end);
        let raw: Vec<String> = (first..=last).map(|l| lines[l - 1].to_string()).collect();
        (first..=last).for_each(|l| used[l - 1] = true);
        fm.entries.push((key, value, first, raw));
    }
    for (i, line) in lines.iter().enumerate().take(end).skip(1) {
        if !used[i] && !line.trim().is_empty() {
            fm.other.push((i + 1, line.to_string()));
        }
    }
    (Some(fm), end + 1)
}

/// Reads front matter if the file starts with `---` (YAML) or `+++` (TOML);
/// returns it and where the body starts.
pub fn front_matter(lines: &[&str]) -> (Option<FrontMatter>, usize) {
    if lines.first().map(|l| l.trim_end()) == Some("+++") {
        return toml_front_matter(lines);
    }
    if lines.first().map(|l| l.trim_end()) != Some("---") {
        return (None, 0);
    }
    let Some(end) = lines
        .iter()
        .skip(1)
        .position(|l| matches!(l.trim_end(), "---" | "..."))
        .map(|p| p + 1)
    else {
        return (None, 0);
    };
    (Some(yaml_front_matter(lines, end)), end + 1)
}

/// Fills metadata from front matter; keys it does not know, and values the
/// field cannot take (a list for a text, a map), go to `leftovers`.
pub fn apply_front_matter(doc: &mut Document, front: &FrontMatter, leftovers: &mut Vec<String>) {
    for (key, value, _, raw) in &front.entries {
        let text = match value {
            FmValue::Null => Some(""),
            FmValue::Text(s) => Some(s.as_str()),
            FmValue::List(_) | FmValue::Other => None,
        };
        let list = (*value != FmValue::Other).then(|| value.as_list());
        let mut known = true;
        match (key.as_str(), text, list) {
            ("format" | "version", ..) => {}
            // Written by earlier versions; in our own files the `# Title` heading,
            // read after the front matter, replaces it. A title is one line: a
            // YAML block's final line break is not part of it.
            ("title", Some(text), _) => doc.title = text.trim_end_matches('\n').to_string(),
            ("status", Some(text), _) => match Status::from_word(text) {
                Some(s) => doc.status = s,
                None => known = false,
            },
            ("severity", Some(text), _) => match (value, Severity::from_word(text)) {
                (FmValue::Null, _) => doc.severity = None,
                (_, Some(s)) => doc.severity = Some(s),
                _ => known = false,
            },
            ("authors" | "author", _, Some(list)) => doc.authors = list,
            ("tags", _, Some(list)) => doc.tags = list,
            ("services", _, Some(list)) => doc.services = list,
            ("time_zone" | "timezone", Some(text), _) => {
                if zones::zone(text).is_ok() || !text.is_empty() {
                    doc.time_zone = text.to_string();
                }
            }
            _ => known = false,
        }
        if !known {
            leftovers.extend(raw.iter().cloned());
        }
    }
    leftovers.extend(front.other.iter().map(|(_, l)| l.clone()));
}
