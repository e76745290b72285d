//! The names of our Markdown layout: its sections in order and the marks
//! written beside times. The writer writes them and the reader looks for them.

/// Section and subsection titles of the exported file, in order.
pub struct SectionNames {
    pub summary: &'static str,
    pub impact: &'static str,
    pub metrics: &'static str,
    pub key_times: &'static str,
    pub response: &'static str,
    pub chart: &'static str,
    pub timeline: &'static str,
    pub root_cause: &'static str,
    pub trigger: &'static str,
    pub description: &'static str,
    pub contributing: &'static str,
    pub detection: &'static str,
    pub resolution: &'static str,
    pub lessons: &'static str,
    pub went_well: &'static str,
    pub went_wrong: &'static str,
    pub lucky: &'static str,
    pub actions: &'static str,
    pub updates: &'static str,
    pub links: &'static str,
    pub notes: &'static str,
}

pub const SECTION: SectionNames = SectionNames {
    summary: "Summary",
    impact: "Impact",
    metrics: "Metrics",
    key_times: "Key times",
    response: "Response metrics",
    chart: "Timeline chart",
    timeline: "Timeline",
    root_cause: "Root cause",
    trigger: "Trigger",
    description: "Description",
    contributing: "Contributing factors",
    detection: "Detection",
    resolution: "Resolution",
    lessons: "Lessons",
    went_well: "What went well",
    went_wrong: "What went wrong",
    lucky: "Where we got lucky",
    actions: "Action items",
    updates: "Status updates",
    links: "Links",
    notes: "Notes",
};

/// Marks a time typed in another zone than the document's: `(entered in UTC)`.
pub const ENTERED_IN: &str = "entered in";
/// Marks a stored time that does not parse, written as it was typed.
pub const INVALID_TIME: &str = "invalid time:";
