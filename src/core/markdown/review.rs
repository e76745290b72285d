//! The import review: what a reader of a foreign postmortem assumed, and
//! what the person importing it should look at. It names the zone and date
//! taken for times that carry none (and the line that said so), counts what
//! became events and updates, lists every time read with an assumption or
//! kept as text (each with the JSON path of its field), and says which
//! headings went to which section and how many lines went to Notes.

pub use super::when::Basis;

/// A document-wide assumption: the value taken and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assumed {
    /// An IANA zone name, or a date `YYYY-MM-DD`; empty when none was needed.
    pub value: String,
    /// How the document writes it ("PST", "Pacific"), when it does.
    pub written: String,
    pub basis: Basis,
}

/// What kind of thing a review item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub kind: ItemKind,
    /// What kind of assumption, for grouping: `zone.none` (no zone written
    /// anywhere), `zone.season` (PST in summer), `clock.clash` (two clocks
    /// disagree), `date.first`, `time.unknown`, `time.unplaced`, `prose`
    /// (a time taken from the text), `key` (a key time inferred),
    /// `before_start`, `severity`.
    pub code: &'static str,
    /// 1-based line of the source.
    pub line: usize,
    /// JSON path of the field, as validation writes it (`timeline[3].at`).
    pub path: String,
    pub message: String,
}

/// A heading of the source and the section its text went to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mapped {
    pub line: usize,
    pub heading: String,
    /// The section's name as the form shows it ("Root cause").
    pub section: &'static str,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
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
    pub zone_paths: Vec<String>,
    /// The times dated from the document's date (no date of their own, none
    /// above them): what "change the assumed date" moves.
    pub date_paths: Vec<String>,
}

impl Review {
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
