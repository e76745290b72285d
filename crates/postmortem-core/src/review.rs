//! The import review: what a reader of a foreign postmortem assumed, and
//! what the person importing it should look at. It names the zone and date
//! taken for times that carry none (and the line that said so), counts what
//! became events and updates, lists every time read with an assumption or
//! kept as text (each with the JSON path of its field), and says which
//! headings went to which section and how many lines went to Notes.

use crate::path::Path;
use serde::{Deserialize, Serialize};

/// Where a document-wide assumption came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Basis {
    /// A line says so: its 1-based number and its text.
    Stated { line: usize, text: String },
    /// Taken from the times that carry it, the first at this line.
    Guessed { line: usize, text: String },
    /// Nothing in the document says; a default was taken.
    Nothing,
    /// The person chose it in the import review.
    Chosen,
}

/// A word of the reader's vocabulary. An alias, so serde's derive does not
/// take the field for text borrowed from the input (see [`interned`]).
pub type Word = &'static str;

/// Reads a review's word (a section's name) back as the
/// `&'static str` the reader wrote. Each distinct text is kept once for the
/// life of the page: the words are the reader's own small vocabulary.
fn interned<'de, D: serde::Deserializer<'de>>(d: D) -> Result<&'static str, D::Error> {
    use std::sync::Mutex;
    static WORDS: Mutex<Vec<&'static str>> = Mutex::new(Vec::new());
    let text = String::deserialize(d)?;
    let mut words = WORDS.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(w) = words.iter().find(|w| **w == text) {
        return Ok(w);
    }
    let word: &'static str = Box::leak(text.into_boxed_str());
    words.push(word);
    Ok(word)
}

/// A document-wide assumption: the value taken and where it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assumed {
    /// An IANA zone name, or a date `YYYY-MM-DD`; empty when none was needed.
    pub value: String,
    /// How the document writes it ("PST", "Pacific"), when it does.
    pub written: String,
    pub basis: Basis,
}

/// What kind of thing a review item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ItemKind {
    /// A time read with an assumption (no zone anywhere, no date, a clash,
    /// before the start): check it.
    Unsure,
    /// A time that could not be placed, kept as written.
    KeptAsText,
    /// A field filled from something the document implies (a severity from
    /// "Major outage", a key time from a status update): check it.
    Inferred,
}

/// What kind of assumption an item is, for grouping; stored as its word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ItemCode {
    /// `zone.none`: no zone written anywhere.
    ZoneNone,
    /// `zone.season`: a zone for the other half of the year ("PST" in summer).
    ZoneSeason,
    /// `clock.clash`: two clocks on one line disagree.
    ClockClash,
    /// `date.first`: dated from the first date in the document.
    DateFirst,
    /// `time.unknown`: an entry with no time the editor can read.
    TimeUnknown,
    /// `time.unplaced`: a time that could not be placed, kept as text.
    TimeUnplaced,
    /// `prose`: a time taken from the text.
    Prose,
    /// `key`: a key time inferred.
    Key,
    /// `key.not_taken`: a key time not inferred: it would break the key times' order.
    KeyNotTaken,
    /// `before_start`: a recovery timed before the start.
    BeforeStart,
    /// `severity`: a severity suggested by the page's words.
    Severity,
    /// `action.done`: a fix already made, read as an action item marked done.
    ActionDone,
}

impl ItemCode {
    pub const ALL: [ItemCode; 12] = [
        ItemCode::ZoneNone,
        ItemCode::ZoneSeason,
        ItemCode::ClockClash,
        ItemCode::DateFirst,
        ItemCode::TimeUnknown,
        ItemCode::TimeUnplaced,
        ItemCode::Prose,
        ItemCode::Key,
        ItemCode::KeyNotTaken,
        ItemCode::BeforeStart,
        ItemCode::Severity,
        ItemCode::ActionDone,
    ];

    /// The code's word, as stored and as tests name it.
    pub fn word(self) -> &'static str {
        match self {
            ItemCode::ZoneNone => "zone.none",
            ItemCode::ZoneSeason => "zone.season",
            ItemCode::ClockClash => "clock.clash",
            ItemCode::DateFirst => "date.first",
            ItemCode::TimeUnknown => "time.unknown",
            ItemCode::TimeUnplaced => "time.unplaced",
            ItemCode::Prose => "prose",
            ItemCode::Key => "key",
            ItemCode::KeyNotTaken => "key.not_taken",
            ItemCode::BeforeStart => "before_start",
            ItemCode::Severity => "severity",
            ItemCode::ActionDone => "action.done",
        }
    }
}

impl PartialEq<&str> for ItemCode {
    fn eq(&self, word: &&str) -> bool {
        self.word() == *word
    }
}

impl Serialize for ItemCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.word())
    }
}

impl<'de> Deserialize<'de> for ItemCode {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<ItemCode, D::Error> {
        let word = String::deserialize(d)?;
        ItemCode::ALL
            .into_iter()
            .find(|c| c.word() == word)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown review item code {word:?}")))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    pub kind: ItemKind,
    /// What kind of assumption, for grouping.
    pub code: ItemCode,
    /// 1-based line of the source.
    pub line: usize,
    /// JSON path of the field, as validation writes it (`timeline[3].at`).
    pub path: String,
    pub message: String,
}

/// A heading of the source and the section its text went to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mapped {
    pub line: usize,
    pub heading: String,
    /// The section's name as the form shows it ("Root cause").
    #[serde(deserialize_with = "interned")]
    pub section: Word,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Review {
    /// This editor's own file: read exactly, nothing assumed.
    pub own_format: bool,
    /// The zone taken for times written without one (None: no such time).
    pub zone: Option<Assumed>,
    /// The date taken for times written without one (None: no such time).
    pub date: Option<Assumed>,
    pub events: usize,
    pub updates: usize,
    pub items: Vec<Item>,
    pub sections: Vec<Mapped>,
    /// Non-empty source lines kept in Notes.
    pub lines_to_notes: usize,
    /// The times read in the assumed zone (no zone of their own), by JSON
    /// path: what "change the assumed zone" re-reads.
    pub zone_paths: Vec<Path>,
    /// The times dated from the document's date (no date of their own, none
    /// above them): what "change the assumed date" moves.
    pub date_paths: Vec<Path>,
}

/// Items of one code, for one line of the review that opens to each.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub code: ItemCode,
    pub kind: ItemKind,
    /// "8 times were read in UTC: no time zone is written anywhere."
    pub title: String,
    pub items: Vec<Item>,
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// A quoted line without the stop at its end (the sentence adds its own).
fn quoted(text: &str) -> &str {
    text.trim_end_matches('.')
}

impl Review {
    /// The review of this editor's own file (Markdown or JSON): read
    /// exactly, nothing assumed.
    pub fn own(doc: &crate::model::Document) -> Review {
        Review {
            own_format: true,
            events: doc.timeline.len(),
            updates: doc.updates.len(),
            ..Review::default()
        }
    }

    /// What was read, in a sentence: "Read 12 timeline events and 4 status updates."
    pub fn counts(&self) -> String {
        let read = format!(
            "{} and {}",
            plural(self.events, "timeline event", "timeline events"),
            plural(self.updates, "status update", "status updates")
        );
        if self.own_format {
            format!("This editor's own file: read exactly, nothing assumed ({read}).")
        } else {
            format!("Read {read}.")
        }
    }

    /// Where the zone for times written without one came from, in a sentence.
    pub fn zone_sentence(&self) -> Option<String> {
        let a = self.zone.as_ref()?;
        let written = if a.written.is_empty() || a.written == a.value {
            String::new()
        } else {
            format!(" (\u{201c}{}\u{201d})", a.written)
        };
        Some(match &a.basis {
            Basis::Stated { line, text } => format!(
                "Times written without a zone were read in {}{written}, as line {line} says: \u{201c}{}\u{201d}.",
                a.value,
                quoted(text)
            ),
            Basis::Guessed { line, text } => format!(
                "Times written without a zone were read in {}{written}, the zone the document writes beside its times (first on line {line}: \u{201c}{}\u{201d}).",
                a.value,
                quoted(text)
            ),
            Basis::Nothing => format!(
                "No time zone is written anywhere, so times were read as {}. If they were local times, choose their zone below.",
                a.value
            ),
            Basis::Chosen => format!("Times written without a zone are now read in {}, as you chose.", a.value),
        })
    }

    /// Where the date for times written without one came from, in a sentence.
    pub fn date_sentence(&self) -> Option<String> {
        let a = self.date.as_ref()?;
        Some(match (&a.basis, a.value.is_empty()) {
            (Basis::Chosen, false) => format!("Times written without a date are now on {}, as you chose.", a.value),
            (_, true) | (Basis::Nothing, _) => {
                "The document gives no date, so times written without one could not be placed; they are kept as text.".to_string()
            }
            (Basis::Stated { line, text } | Basis::Guessed { line, text }, false) => format!(
                "Times written without a date were dated {}, from line {line}: \u{201c}{}\u{201d}.",
                a.value,
                quoted(text)
            ),
        })
    }

    /// The items grouped by code, in the order first met.
    pub fn groups(&self) -> Vec<Group> {
        let mut out: Vec<Group> = Vec::new();
        for item in &self.items {
            match out.iter_mut().find(|g| g.code == item.code) {
                Some(g) => g.items.push(item.clone()),
                None => out.push(Group {
                    code: item.code,
                    kind: item.kind,
                    title: String::new(),
                    items: vec![item.clone()],
                }),
            }
        }
        let zone = self.zone.as_ref().map_or("UTC", |z| z.value.as_str());
        for g in &mut out {
            let n = g.items.len();
            g.title = match g.code {
                ItemCode::ZoneNone => format!("{} read in {zone}: no time zone is written anywhere.", plural(n, "time was", "times were")),
                ItemCode::ZoneSeason => format!("{} written with a zone for the other half of the year (\u{201c}PST\u{201d} in summer), read on that place's clock.", plural(n, "time was", "times were")),
                ItemCode::DateFirst => format!("{} dated from the first date in the document.", plural(n, "time was", "times were")),
                ItemCode::ClockClash => format!("{} two times that disagree; the first was taken.", plural(n, "line gives", "lines give")),
                ItemCode::TimeUnknown => format!("{} no time the editor can read.", plural(n, "entry has", "entries have")),
                ItemCode::TimeUnplaced => format!("{} not be placed and {} kept as text.", plural(n, "time could", "times could"), if n == 1 { "is" } else { "are" }),
                ItemCode::Prose => format!("{} taken from times stated in the text.", plural(n, "event was", "events were")),
                ItemCode::Key => format!("{} taken from the timeline, the text or the status updates.", plural(n, "key time was", "key times were")),
                ItemCode::KeyNotTaken => format!("{} not taken from the timeline, the text or the status updates: it would put the key times out of order.", plural(n, "key time was", "key times were")),
                ItemCode::BeforeStart => format!("{} timed before the impact started.", plural(n, "recovery is", "recoveries are")),
                ItemCode::Severity => "The severity was suggested by the page's own words.".to_string(),
                ItemCode::ActionDone => format!("{} already made became action items marked done.", plural(n, "fix", "fixes")),
            };
        }
        out
    }

    /// The items of one kind.
    pub fn of(&self, kind: ItemKind) -> impl Iterator<Item = &Item> {
        self.items.iter().filter(move |i| i.kind == kind)
    }

    /// Whether the review lists the field at `path` as unsure or inferred.
    pub fn flags(&self, path: &str) -> bool {
        self.items
            .iter()
            .any(|i| i.path == path && i.kind != ItemKind::KeptAsText)
    }
}
