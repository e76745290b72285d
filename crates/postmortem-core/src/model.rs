//! The postmortem document: one set of plain structs that is the JSON v1
//! file format, field for field, in the file's key order. serde derives
//! both directions (`format::json` adds the checks and sentences around them):
//! every key may be missing (it takes its default), none may be unknown.
//!
//! This module owns the shape of the data and nothing else: no parsing of
//! times, no validation, no rendering. Values a person typed are kept as typed
//! (a `Stamp` that does not parse is still kept, so validation can point at it
//! and nothing the user wrote is lost). Text fields use LF line endings.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// The `format` key of every file: always `"postmortem"`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FormatName;

/// The `version` key of every file this build writes.
pub const FORMAT_VERSION: u64 = 1;

/// The `version` key: always [`FORMAT_VERSION`] in a document held in memory.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FormatVersion;

impl Serialize for FormatName {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str("postmortem")
    }
}

impl<'de> Deserialize<'de> for FormatName {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = String::deserialize(d)?;
        if name == "postmortem" {
            Ok(FormatName)
        } else {
            Err(serde::de::Error::custom(format_args!(
                "this file's format is \"{name}\", not \"postmortem\""
            )))
        }
    }
}

impl Serialize for FormatVersion {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u64(FORMAT_VERSION)
    }
}

impl<'de> Deserialize<'de> for FormatVersion {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match u64::deserialize(d)? {
            FORMAT_VERSION => Ok(FormatVersion),
            v => Err(serde::de::Error::custom(format_args!(
                "the format version is {v}; this editor reads version {FORMAT_VERSION}"
            ))),
        }
    }
}

/// serde reads a struct from a list as readily as from an object (its
/// fields by position); the file's objects must be objects. Fields holding a
/// struct, or a list of structs, are read through these.
mod objects {
    use serde::de::value::MapAccessDeserializer;
    use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
    use std::fmt;
    use std::marker::PhantomData;

    struct Object<T>(T);

    struct ObjectVisitor<T>(PhantomData<T>);

    impl<'de, T: Deserialize<'de>> Visitor<'de> for ObjectVisitor<T> {
        type Value = Object<T>;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("an object in { }")
        }

        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Object<T>, A::Error> {
            T::deserialize(MapAccessDeserializer::new(map)).map(Object)
        }
    }

    impl<'de, T: Deserialize<'de>> Deserialize<'de> for Object<T> {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            d.deserialize_map(ObjectVisitor(PhantomData))
        }
    }

    /// A struct, written as an object.
    pub fn one<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<T, D::Error> {
        Object::deserialize(d).map(|o| o.0)
    }

    struct ListVisitor<T>(PhantomData<T>);

    impl<'de, T: Deserialize<'de>> Visitor<'de> for ListVisitor<T> {
        type Value = Vec<T>;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a sequence")
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
            let mut out = Vec::new();
            while let Some(Object(item)) = seq.next_element()? {
                out.push(item);
            }
            Ok(out)
        }
    }

    /// A list of structs, each written as an object.
    pub fn list<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Vec<T>, D::Error> {
        d.deserialize_seq(ListVisitor(PhantomData))
    }
}

/// A moment as stored in the file: an RFC 9557 string such as
/// `2025-03-12T03:15:00+01:00[Africa/Lagos]`. The text is kept verbatim;
/// [`crate::time::zones::parse_stamp`] reads it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
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
#[cfg_attr(feature = "store", derive(reactive_stores::Store))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
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
    #[serde(deserialize_with = "objects::one")]
    pub impact: Impact,
    #[serde(deserialize_with = "objects::one")]
    pub times: KeyTimes,
    #[serde(deserialize_with = "objects::list")]
    pub timeline: Vec<TimelineEntry>,
    #[serde(deserialize_with = "objects::one")]
    pub root_cause: RootCause,
    pub detection: String,
    pub resolution: String,
    #[serde(deserialize_with = "objects::one")]
    pub lessons: Lessons,
    #[serde(deserialize_with = "objects::list")]
    pub actions: Vec<ActionItem>,
    #[serde(deserialize_with = "objects::list")]
    pub updates: Vec<StatusUpdate>,
    #[serde(deserialize_with = "objects::list")]
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

#[cfg_attr(feature = "store", derive(reactive_stores::Store))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Impact {
    pub description: String,
    #[serde(deserialize_with = "objects::list")]
    pub metrics: Vec<ImpactMetric>,
}

/// A typed figure of impact ("Failed requests", "~2,300"): text, not a number,
/// because people write approximations and units.
#[cfg_attr(feature = "store", derive(reactive_stores::Store))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ImpactMetric {
    pub label: String,
    pub value: String,
}

/// The five moments every incident has, each possibly unknown.
#[cfg_attr(feature = "store", derive(reactive_stores::Store))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct KeyTimes {
    pub started: Option<Stamp>,
    pub detected: Option<Stamp>,
    pub acknowledged: Option<Stamp>,
    pub mitigated: Option<Stamp>,
    pub resolved: Option<Stamp>,
    /// Key times that are estimates (optional; written only when not empty).
    #[serde(skip_serializing_if = "Vec::is_empty")]
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
            self.approximate.sort();
        }
    }
}

#[cfg_attr(feature = "store", derive(reactive_stores::Store))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TimelineEntry {
    pub at: Option<Stamp>,
    /// The time is a person's estimate ("about 22:29").
    pub approximate: bool,
    pub kind: TimelineKind,
    pub text: String,
}

#[cfg_attr(feature = "store", derive(reactive_stores::Store))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RootCause {
    pub trigger: String,
    pub description: String,
    pub contributing_factors: Vec<String>,
}

#[cfg_attr(feature = "store", derive(reactive_stores::Store))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Lessons {
    pub went_well: Vec<String>,
    pub went_wrong: Vec<String>,
    pub lucky: Vec<String>,
}

#[cfg_attr(feature = "store", derive(reactive_stores::Store))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
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

#[cfg_attr(feature = "store", derive(reactive_stores::Store))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct StatusUpdate {
    pub at: Option<Stamp>,
    pub state: UpdateState,
    pub text: String,
}

#[cfg_attr(feature = "store", derive(reactive_stores::Store))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Link {
    pub title: String,
    pub url: String,
}

/// Words for enum values, shared by the file format (serde writes and reads
/// exactly these words), the Markdown writer and reader, and the UI.
macro_rules! words {
    ($ty:ty { $($variant:ident => $word:literal, $label:literal;)* }) => {
        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.word())
            }
        }
        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let word = String::deserialize(d)?;
                Self::ALL
                    .iter()
                    .copied()
                    .find(|v| v.word() == word)
                    .ok_or_else(|| serde::de::Error::unknown_variant(&word, Self::WORDS))
            }
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The file holds each enum value as its word, and reads only that word.
    #[test]
    fn enum_values_are_their_words_in_the_file() {
        fn check<T: Copy + PartialEq + fmt::Debug + Serialize + for<'de> Deserialize<'de>>(
            all: &[T],
            words: &[&str],
        ) {
            for (v, w) in all.iter().zip(words) {
                assert_eq!(serde_json::to_string(v).unwrap(), format!("\"{w}\""));
                assert_eq!(serde_json::from_str::<T>(&format!("\"{w}\"")).unwrap(), *v);
                let upper = format!("\"{}\"", w.to_uppercase());
                if upper != format!("\"{w}\"") {
                    assert!(serde_json::from_str::<T>(&upper).is_err(), "{upper} read");
                }
            }
        }
        check(Status::ALL, &["draft", "review", "final"]);
        check(Severity::ALL, &["SEV1", "SEV2", "SEV3", "SEV4", "SEV5"]);
        check(
            ActionStatus::ALL,
            &["open", "in_progress", "done", "wont_do"],
        );
        check(Priority::ALL, &["P0", "P1", "P2", "P3"]);
        check(KeyTime::ALL, KeyTime::WORDS);
        check(TimelineKind::ALL, TimelineKind::WORDS);
        check(ActionKind::ALL, ActionKind::WORDS);
        check(UpdateState::ALL, UpdateState::WORDS);
        // A label is for people, not the file.
        assert!(serde_json::from_str::<ActionStatus>("\"In progress\"").is_err());
    }
}
