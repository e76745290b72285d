//! The list of postmortems: the order it is shown in and the search over it.
//! Pure: the UI reads the index and the documents, and passes them in.

use crate::model::Document;
use crate::storage::Entry;
use jiff::{civil::Date, Timestamp};

/// The order to list entries in, as indices into `entries`: those with an
/// incident date first, newest incident first; then those without one. Among
/// equal dates (or none), the most recently edited first.
pub fn list_order(entries: &[Entry]) -> Vec<usize> {
    let day = |e: &Entry| e.incident.as_deref().and_then(|d| d.parse::<Date>().ok());
    let edited = |e: &Entry| e.updated.parse::<Timestamp>().ok();
    let mut order: Vec<usize> = (0..entries.len()).collect();
    // Reversed comparisons: newest first, and a known value before none.
    order.sort_by(|&a, &b| {
        let (a, b) = (&entries[a], &entries[b]);
        day(b)
            .cmp(&day(a))
            .then_with(|| edited(b).cmp(&edited(a)))
            .then_with(|| b.updated.cmp(&a.updated))
    });
    order
}

/// Whether a document is found by a search: every word of the query (split
/// at white space, case ignored) is somewhere in its title, tags, services,
/// authors or any of its text. An empty query finds everything.
pub fn matches(doc: &Document, query: &str) -> bool {
    found(&searchable(doc), query)
}

/// The same search on an entry's title alone, for a document that cannot be
/// read (damaged, or saved by a newer editor).
pub fn entry_matches(entry: &Entry, query: &str) -> bool {
    found(&entry.title, query)
}

fn found(text: &str, query: &str) -> bool {
    let text = text.to_lowercase();
    query
        .split_whitespace()
        .all(|word| text.contains(&word.to_lowercase()))
}

/// Every text a person wrote in the document, one field to a line (a query
/// word holds no white space, so it cannot match across two fields).
fn searchable(doc: &Document) -> String {
    let mut parts: Vec<&str> = vec![&doc.title];
    parts.extend(doc.tags.iter().map(String::as_str));
    parts.extend(doc.services.iter().map(String::as_str));
    parts.extend(doc.authors.iter().map(String::as_str));
    parts.push(&doc.summary);
    parts.push(&doc.impact.description);
    for m in &doc.impact.metrics {
        parts.extend([m.label.as_str(), m.value.as_str()]);
    }
    parts.extend(doc.timeline.iter().map(|e| e.text.as_str()));
    parts.extend([
        doc.root_cause.trigger.as_str(),
        doc.root_cause.description.as_str(),
    ]);
    parts.extend(
        doc.root_cause
            .contributing_factors
            .iter()
            .map(String::as_str),
    );
    parts.extend([doc.detection.as_str(), doc.resolution.as_str()]);
    let lessons = &doc.lessons;
    for list in [&lessons.went_well, &lessons.went_wrong, &lessons.lucky] {
        parts.extend(list.iter().map(String::as_str));
    }
    for a in &doc.actions {
        parts.extend([a.title.as_str(), a.owner.as_str()]);
        parts.extend(a.link.as_deref());
    }
    parts.extend(doc.updates.iter().map(|u| u.text.as_str()));
    for l in &doc.links {
        parts.extend([l.title.as_str(), l.url.as_str()]);
    }
    parts.push(&doc.notes);
    parts.join("\n")
}

/// The postmortem in the list that a document of our own format describes
/// too: the same title (any case, spaces aside) and the same incident date.
/// A file exported from this editor and imported again is offered as an
/// update of it rather than added twice. An untitled or undated document
/// matches nothing.
pub fn same_incident<'a>(entries: &'a [Entry], doc: &crate::model::Document) -> Option<&'a Entry> {
    let norm = |t: &str| {
        t.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let title = norm(&doc.title);
    let date = crate::naming::incident_date(doc)?.to_string();
    if title.is_empty() {
        return None;
    }
    entries
        .iter()
        .find(|e| norm(&e.title) == title && e.incident.as_deref() == Some(date.as_str()))
}
