//! The postmortem document: one set of plain structs that is the JSON v1
//! file format, field for field, in the file's key order (`core::json`
//! reads and writes them by hand, in that order).
//!
//! This module owns the shape of the data and nothing else: no parsing of
//! times, no validation, no rendering. Values a person typed are kept as typed
//! (a `Stamp` that does not parse is still kept, so validation can point at it
//! and nothing the user wrote is lost). Text fields use LF line endings.

use std::fmt;

/// The `format` key of every file: always `"postmortem"`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FormatName;

/// The `version` key of every file this build writes.
pub const FORMAT_VERSION: u64 = 1;

/// The `version` key: always [`FORMAT_VERSION`] in a document held in memory.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FormatVersion;

/// A moment as stored in the file: an RFC 9557 string such as
/// `2025-03-12T03:15:00+01:00[Africa/Lagos]`. The text is kept verbatim;
/// [`crate::core::zones::parse_stamp`] reads it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Stamp(pub String);

impl Stamp {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Stamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Status {
    #[default]
    Draft,
    Review,
    Final,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    Sev1,
    Sev2,
    Sev3,
    Sev4,
    Sev5,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum TimelineKind {
    #[default]
    Event,
    Detection,
    Escalation,
    Change,
    Mitigation,
    Resolution,
    Communication,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ActionKind {
    Prevent,
    Mitigate,
    Detect,
    Process,
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Priority {
    P0,
    P1,
    P2,
    P3,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum ActionStatus {
    #[default]
    Open,
    InProgress,
    Done,
    WontDo,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum UpdateState {
    Investigating,
    Identified,
    Monitoring,
    Resolved,
    #[default]
    Update,
}

/// A whole postmortem. `Default` is a blank draft shown in UTC.
#[cfg_attr(feature = "ui", derive(reactive_stores::Store))]
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub format: FormatName,
    pub version: FormatVersion,
    pub title: String,
    pub status: Status,
    pub severity: Option<Severity>,
    pub authors: Vec<String>,
    pub tags: Vec<String>,
    pub services: Vec<String>,
    pub time_zone: String,
    pub summary: String,
    pub impact: Impact,
    pub times: KeyTimes,
    pub timeline: Vec<TimelineEntry>,
    pub root_cause: RootCause,
    pub detection: String,
    pub resolution: String,
    pub lessons: Lessons,
    pub actions: Vec<ActionItem>,
    pub updates: Vec<StatusUpdate>,
    pub links: Vec<Link>,
    pub notes: String,
}

fn default_zone() -> String {
    "UTC".to_string()
}

impl Default for Document {
    fn default() -> Self {
        Document {
            format: FormatName,
            version: FormatVersion,
            title: String::new(),
            status: Status::Draft,
            severity: None,
            authors: Vec::new(),
            tags: Vec::new(),
            services: Vec::new(),
            time_zone: default_zone(),
            summary: String::new(),
            impact: Impact::default(),
            times: KeyTimes::default(),
            timeline: Vec::new(),
            root_cause: RootCause::default(),
            detection: String::new(),
            resolution: String::new(),
            lessons: Lessons::default(),
            actions: Vec::new(),
            updates: Vec::new(),
            links: Vec::new(),
            notes: String::new(),
        }
    }
}

#[cfg_attr(feature = "ui", derive(reactive_stores::Store))]
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Impact {
    pub description: String,
    pub metrics: Vec<ImpactMetric>,
}

/// A typed figure of impact ("Failed requests", "~2,300"): text, not a number,
/// because people write approximations and units.
#[cfg_attr(feature = "ui", derive(reactive_stores::Store))]
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImpactMetric {
    pub label: String,
    pub value: String,
}

/// The five moments every incident has, each possibly unknown.
#[cfg_attr(feature = "ui", derive(reactive_stores::Store))]
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeyTimes {
    pub started: Option<Stamp>,
    pub detected: Option<Stamp>,
    pub acknowledged: Option<Stamp>,
    pub mitigated: Option<Stamp>,
    pub resolved: Option<Stamp>,
    /// Key times that are estimates (optional; written only when not empty).
    pub approximate: Vec<KeyTime>,
}

/// One of the five key times.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyTime {
    Started,
    Detected,
    Acknowledged,
    Mitigated,
    Resolved,
}

impl KeyTimes {
    pub fn get(&self, key: KeyTime) -> Option<&Stamp> {
        match key {
            KeyTime::Started => self.started.as_ref(),
            KeyTime::Detected => self.detected.as_ref(),
            KeyTime::Acknowledged => self.acknowledged.as_ref(),
            KeyTime::Mitigated => self.mitigated.as_ref(),
            KeyTime::Resolved => self.resolved.as_ref(),
        }
    }

    pub fn slot(&mut self, key: KeyTime) -> &mut Option<Stamp> {
        match key {
            KeyTime::Started => &mut self.started,
            KeyTime::Detected => &mut self.detected,
            KeyTime::Acknowledged => &mut self.acknowledged,
            KeyTime::Mitigated => &mut self.mitigated,
            KeyTime::Resolved => &mut self.resolved,
        }
    }

    pub fn is_approximate(&self, key: KeyTime) -> bool {
        self.approximate.contains(&key)
    }

    /// Marks or unmarks a key time as an estimate, keeping the list sorted.
    pub fn set_approximate(&mut self, key: KeyTime, approximate: bool) {
        self.approximate.retain(|k| *k != key);
        if approximate {
            self.approximate.push(key);
            crate::core::order::sort_by_key(&mut self.approximate, |k| *k);
        }
    }
}

#[cfg_attr(feature = "ui", derive(reactive_stores::Store))]
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TimelineEntry {
    pub at: Option<Stamp>,
    /// The time is a person's estimate ("about 22:29").
    pub approximate: bool,
    pub kind: TimelineKind,
    pub text: String,
}

#[cfg_attr(feature = "ui", derive(reactive_stores::Store))]
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RootCause {
    pub trigger: String,
    pub description: String,
    pub contributing_factors: Vec<String>,
}

#[cfg_attr(feature = "ui", derive(reactive_stores::Store))]
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lessons {
    pub went_well: Vec<String>,
    pub went_wrong: Vec<String>,
    pub lucky: Vec<String>,
}

#[cfg_attr(feature = "ui", derive(reactive_stores::Store))]
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActionItem {
    pub title: String,
    pub owner: String,
    /// `YYYY-MM-DD`, kept as typed so a malformed date is reported, not lost.
    pub due: Option<String>,
    pub kind: Option<ActionKind>,
    pub priority: Option<Priority>,
    pub status: ActionStatus,
    pub link: Option<String>,
}

#[cfg_attr(feature = "ui", derive(reactive_stores::Store))]
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StatusUpdate {
    pub at: Option<Stamp>,
    pub state: UpdateState,
    pub text: String,
}

#[cfg_attr(feature = "ui", derive(reactive_stores::Store))]
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Link {
    pub title: String,
    pub url: String,
}

/// Words for enum values, shared by the Markdown writer, the reader and the UI.
macro_rules! words {
    ($ty:ty { $($variant:ident => $word:literal, $label:literal;)* }) => {
        impl $ty {
            pub const ALL: &'static [$ty] = &[$(<$ty>::$variant),*];
            /// The file words, in the order of `ALL`.
            pub const WORDS: &'static [&'static str] = &[$($word),*];
            /// The value as written in the JSON file.
            pub fn word(self) -> &'static str {
                match self { $(<$ty>::$variant => $word),* }
            }
            /// The value as shown to a person.
            pub fn label(self) -> &'static str {
                match self { $(<$ty>::$variant => $label),* }
            }
            /// Reads the file word or the label, ignoring case.
            pub fn from_word(s: &str) -> Option<$ty> {
                let s = s.trim();
                Self::ALL.iter().copied().find(|v| {
                    v.word().eq_ignore_ascii_case(s) || v.label().eq_ignore_ascii_case(s)
                })
            }
        }
    };
}

words!(KeyTime {
    Started => "started", "Impact started"; Detected => "detected", "Detected"; Acknowledged => "acknowledged", "Acknowledged";
    Mitigated => "mitigated", "Mitigated"; Resolved => "resolved", "Resolved";
});
words!(Status { Draft => "draft", "Draft"; Review => "review", "In review"; Final => "final", "Final"; });
words!(Severity { Sev1 => "SEV1", "SEV1"; Sev2 => "SEV2", "SEV2"; Sev3 => "SEV3", "SEV3"; Sev4 => "SEV4", "SEV4"; Sev5 => "SEV5", "SEV5"; });
words!(TimelineKind {
    Event => "event", "Event"; Detection => "detection", "Detection"; Escalation => "escalation", "Escalation";
    Change => "change", "Change"; Mitigation => "mitigation", "Mitigation"; Resolution => "resolution", "Resolution";
    Communication => "communication", "Communication";
});
words!(ActionKind { Prevent => "prevent", "Prevent"; Mitigate => "mitigate", "Mitigate"; Detect => "detect", "Detect"; Process => "process", "Process"; Other => "other", "Other"; });
words!(Priority { P0 => "P0", "P0"; P1 => "P1", "P1"; P2 => "P2", "P2"; P3 => "P3", "P3"; });
words!(ActionStatus { Open => "open", "Open"; InProgress => "in_progress", "In progress"; Done => "done", "Done"; WontDo => "wont_do", "Won't do"; });
words!(UpdateState {
    Investigating => "investigating", "Investigating"; Identified => "identified", "Identified";
    Monitoring => "monitoring", "Monitoring"; Resolved => "resolved", "Resolved"; Update => "update", "Update";
});
