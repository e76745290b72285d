//! The timeline as it is read: one list of placed entries, each the entry
//! with the source line it was read from and the instant it was placed at,
//! so the three can never drift apart. Entries are named by their id (the
//! order they were read in) until the list is put in time order once, at the
//! end; review paths name entries by id ([`Path::Entry`]) and are written out
//! (`timeline[3].at`) only then, from the entry's final place.

use crate::model::TimelineEntry;
use crate::path::{Part, Path as FieldPath, Top};
use jiff::Timestamp;

/// What a review item or an assumption is about: a timeline entry (by id,
/// its `at`), any other field, or none yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Path {
    Entry(usize),
    Field(FieldPath),
    None,
}

impl Path {
    /// A field's path.
    pub fn field(path: FieldPath) -> Path {
        Path::Field(path)
    }

    /// No path: an item that is given one later.
    pub fn none() -> Path {
        Path::None
    }

    pub fn is_empty(&self) -> bool {
        matches!(self, Path::None)
    }

    /// The field, with an entry at the place `position` gives its id.
    pub fn write(&self, position: impl Fn(usize) -> usize) -> Option<FieldPath> {
        match self {
            Path::Entry(id) => Some(FieldPath::row(Top::Timeline, position(*id), Part::At)),
            Path::Field(p) => Some(*p),
            Path::None => None,
        }
    }
}

/// A timeline entry as read.
#[derive(Debug, Clone)]
pub struct Placed {
    /// The order it was read in: its index until the timeline is ordered.
    pub id: usize,
    pub entry: TimelineEntry,
    /// The 0-based source line it was read from.
    pub line: usize,
    /// Its instant as placed (None: no time).
    pub at: Option<Timestamp>,
}

/// The timeline's entries in the order they were read.
#[derive(Debug, Default)]
pub struct Entries {
    list: Vec<Placed>,
}

impl Entries {
    /// The id the next entry will have.
    pub fn next_id(&self) -> usize {
        self.list.len()
    }

    /// Adds an entry read from line `line`, placed at `at`; returns its id.
    pub fn push(&mut self, entry: TimelineEntry, line: usize, at: Option<Timestamp>) -> usize {
        let id = self.list.len();
        self.list.push(Placed {
            id,
            entry,
            line,
            at,
        });
        id
    }

    /// The entry with id `id`.
    pub fn get(&self, id: usize) -> Option<&Placed> {
        self.list.get(id)
    }

    /// The entries in the order they were read (an entry's index is its id).
    pub fn iter(&self) -> impl Iterator<Item = &Placed> {
        self.list.iter()
    }

    /// The entries in time order: an entry with no time stays after the one
    /// above it, and entries at one instant keep the order they were read in.
    pub fn into_ordered(self) -> Ordered {
        let mut key = None;
        let mut keyed: Vec<(Option<Timestamp>, Placed)> = Vec::with_capacity(self.list.len());
        for p in self.list {
            if let Some(t) = p.at {
                key = Some(t);
            }
            keyed.push((key, p));
        }
        keyed.sort_by_key(|(t, p)| (*t, p.id));
        let list: Vec<Placed> = keyed.into_iter().map(|(_, p)| p).collect();
        let mut position = vec![0; list.len()];
        for (n, p) in list.iter().enumerate() {
            position[p.id] = n;
        }
        Ordered { list, position }
    }
}

/// The timeline in time order, and where each id ended up.
#[derive(Debug)]
pub struct Ordered {
    pub list: Vec<Placed>,
    position: Vec<usize>,
}

impl Ordered {
    /// The JSON path of `path`, with entries at their place in time order.
    pub fn write(&self, path: &Path) -> Option<FieldPath> {
        path.write(|id| self.position.get(id).copied().unwrap_or(id))
    }

    /// The document's timeline.
    pub fn into_timeline(self) -> Vec<TimelineEntry> {
        self.list.into_iter().map(|p| p.entry).collect()
    }
}
