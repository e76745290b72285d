//! Front matter: YAML `---` or TOML `+++` at the top of a Markdown file, read
//! into keys in file order with their lines, and applied to a document's
//! metadata (keys it does not know are kept as text).

use crate::model::*;
use crate::time::zones;

/// A value in YAML front matter, as far as postmortem metadata needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FmValue {
    Null,
    Text(String),
    List(Vec<String>),
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
            FmValue::Null => Vec::new(),
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

fn yaml_scalar(raw: &str) -> FmValue {
    let v = raw.trim();
    if v.is_empty() || v == "~" || v == "null" {
        return FmValue::Null;
    }
    // The exporter writes texts and lists as JSON, which YAML reads alike.
    if v.starts_with('"') {
        if let Ok(s) = serde_json::from_str::<String>(v) {
            return FmValue::Text(s);
        }
    }
    if v.len() >= 2 && v.starts_with('\'') && v.ends_with('\'') {
        return FmValue::Text(v[1..v.len() - 1].replace("''", "'"));
    }
    if v.starts_with('[') && v.ends_with(']') {
        if let Ok(items) = serde_json::from_str::<Vec<String>>(v) {
            return FmValue::List(items);
        }
        let inner = &v[1..v.len() - 1];
        let items = inner
            .split(',')
            .map(|s| match yaml_scalar(s) {
                FmValue::Text(t) => t,
                _ => String::new(),
            })
            .filter(|s| !s.is_empty())
            .collect();
        return FmValue::List(items);
    }
    FmValue::Text(v.to_string())
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
    let mut fm = FrontMatter::default();
    let mut i = 1;
    while i < end {
        let line = lines[i];
        let key_value = line
            .split_once(':')
            .filter(|(k, _)| !k.is_empty() && !k.starts_with([' ', '-', '#']) && !k.contains(' '));
        match key_value {
            Some((key, rest)) => {
                let mut raw = vec![line.to_string()];
                let mut value = yaml_scalar(rest);
                if value == FmValue::Null {
                    let mut items = Vec::new();
                    while i + 1 < end
                        && (lines[i + 1].trim_start().starts_with("- ")
                            || lines[i + 1].trim() == "-")
                    {
                        i += 1;
                        raw.push(lines[i].to_string());
                        let item = lines[i].trim_start().trim_start_matches('-');
                        if let FmValue::Text(t) = yaml_scalar(item) {
                            items.push(t);
                        }
                    }
                    if raw.len() > 1 {
                        value = FmValue::List(items);
                    }
                }
                fm.entries
                    .push((key.trim().to_string(), value, i + 1 - (raw.len() - 1), raw));
            }
            None => {
                if !line.trim().is_empty() {
                    fm.other.push((i + 1, line.to_string()));
                }
            }
        }
        i += 1;
    }
    (Some(fm), end + 1)
}

/// Fills metadata from front matter; keys it does not know go to `leftovers`.
pub fn apply_front_matter(doc: &mut Document, front: &FrontMatter, leftovers: &mut Vec<String>) {
    for (key, value, _, raw) in &front.entries {
        let text = value.as_str().unwrap_or("");
        let mut known = true;
        match key.as_str() {
            "format" | "version" => {}
            // Written by earlier versions; in our own files the `# Title` heading,
            // read after the front matter, replaces it.
            "title" => doc.title = text.to_string(),
            "status" => match Status::from_word(text) {
                Some(s) => doc.status = s,
                None => known = false,
            },
            "severity" => match (value, Severity::from_word(text)) {
                (FmValue::Null, _) => doc.severity = None,
                (_, Some(s)) => doc.severity = Some(s),
                _ => known = false,
            },
            "authors" | "author" => doc.authors = value.as_list(),
            "tags" => doc.tags = value.as_list(),
            "services" => doc.services = value.as_list(),
            "time_zone" | "timezone" => {
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
