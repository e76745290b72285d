//! What many postmortems say together: incidents per month, severity and
//! service; the response times as distributions; the action items still
//! open, overdue or done, by owner. The command line's `postmortem report`
//! prints these numbers and the editor's Insights view draws them: one
//! computation for both.
//!
//! Pure: documents come in with a name each (a file name, a library id),
//! and "today" comes in as a date (the core never reads a clock).
//!
//! - **Which incidents.** An incident is dated by [`naming::incident_date`]
//!   (the day its impact started, in its own zone). [`Filter`] keeps those
//!   from `since` to `until`, both days included (an undated incident is
//!   left out as soon as either bound is set), of one severity, service or
//!   tag. Incidents tagged `drill`, `exercise` or `game-day` (any case) are
//!   left out and counted unless [`Filter::include_drills`] asks for them.
//! - **Response times** come from [`metrics::metrics`], that is from each
//!   postmortem's key times, never from a duration typed in its text. An
//!   incident counts in a measure when both of its key times read; one whose
//!   key times run backwards (a contradiction `validate` reports) is named in
//!   [`Distribution::out_of_order`] and left out of the numbers. A value
//!   computed from a key time marked approximate counts, and is marked.
//! - **Percentiles** are by linear interpolation between closest ranks
//!   (Hyndman and Fan's type 7; numpy's, R's and spreadsheets' default): for
//!   N values sorted ascending `x[0] ≤ … ≤ x[N−1]` and a percentage `p`, let
//!   `h = (N − 1) · p / 100`; the percentile is `x[⌊h⌋] + (h − ⌊h⌋) ·
//!   (x[⌊h⌋ + 1] − x[⌊h⌋])`. The median is the 50th percentile, so with an
//!   even N it is the mean of the two middle values. One value is every
//!   percentile; none is no percentile.
//! - **Action items**: `open` and `in progress` are open; an open item is
//!   overdue when its due date (`YYYY-MM-DD`) is before today; `done` is done;
//!   `won't do` is counted apart. An item without owner is counted under
//!   the empty owner `""`.

use crate::metrics;
use crate::model::{ActionStatus, Document, Severity};
use crate::naming;
use crate::time::zones;
use jiff::civil::Date;
use jiff::SignedDuration;
use std::collections::BTreeMap;
use std::fmt;

/// The tags that make an incident a drill (compared ignoring case).
pub const DRILL_TAGS: [&str; 3] = ["drill", "exercise", "game-day"];

/// The response measures, by their `metrics` key, in this order.
pub const MEASURES: [&str; 4] = ["ttd", "tta", "ttm", "ttr"];

/// Which incidents count.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// The first day counted (included).
    pub since: Option<Date>,
    /// The last day counted (included).
    pub until: Option<Date>,
    pub severity: Option<Severity>,
    /// One of the incident's services (ignoring case).
    pub service: Option<String>,
    /// One of the incident's tags (ignoring case).
    pub tag: Option<String>,
    /// Count drills, exercises and game days as incidents.
    pub include_drills: bool,
}

/// Whether a postmortem is a drill: tagged `drill`, `exercise` or `game-day`.
pub fn is_drill(doc: &Document) -> bool {
    doc.tags
        .iter()
        .any(|t| DRILL_TAGS.iter().any(|d| t.trim().eq_ignore_ascii_case(d)))
}

impl Filter {
    /// Whether an incident dated `date` passes the filters other than drills.
    fn admits(&self, doc: &Document, date: Option<Date>) -> bool {
        let same = |a: &str, b: &str| a.trim().eq_ignore_ascii_case(b.trim());
        let in_period = match (self.since, self.until, date) {
            (None, None, _) => true,
            (_, _, None) => false,
            (since, until, Some(d)) => since.is_none_or(|s| d >= s) && until.is_none_or(|u| d <= u),
        };
        in_period
            && self.severity.is_none_or(|s| doc.severity == Some(s))
            && self
                .service
                .as_deref()
                .is_none_or(|s| doc.services.iter().any(|x| same(x, s)))
            && self
                .tag
                .as_deref()
                .is_none_or(|t| doc.tags.iter().any(|x| same(x, t)))
    }
}

/// A calendar month, shown `2025-10`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    pub year: i16,
    pub month: i8,
}

impl Month {
    pub fn of(date: Date) -> Month {
        Month {
            year: date.year(),
            month: date.month(),
        }
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// One incident's value of a measure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sample {
    /// The postmortem's name as given.
    pub incident: String,
    pub value: SignedDuration,
    /// A key time it is computed from is marked approximate.
    pub approximate: bool,
}

/// One response measure over the incidents: its values and their spread.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Distribution {
    /// `ttd`, `tta`, `ttm` or `ttr`.
    pub key: &'static str,
    /// `Time to detect`.
    pub label: &'static str,
    /// `detected − impact started`.
    pub formula: &'static str,
    /// Ascending by value (then by name).
    pub samples: Vec<Sample>,
    /// Incidents whose two key times read but run backwards: left out.
    pub out_of_order: Vec<String>,
}

impl Distribution {
    /// How many incidents the numbers are computed from.
    pub fn n(&self) -> usize {
        self.samples.len()
    }

    /// How many of those values come from an approximate key time.
    pub fn approximate(&self) -> usize {
        self.samples.iter().filter(|s| s.approximate).count()
    }

    /// The `p`th percentile (0 to 100), by linear interpolation (see the
    /// module's documentation); None without values.
    pub fn percentile(&self, p: u8) -> Option<SignedDuration> {
        let values: Vec<SignedDuration> = self.samples.iter().map(|s| s.value).collect();
        percentile(&values, p)
    }

    pub fn median(&self) -> Option<SignedDuration> {
        self.percentile(50)
    }
}

/// The `p`th percentile (0 to 100, larger is taken as 100) of values
/// sorted ascending, by linear interpolation between closest ranks:
/// `h = (N − 1) · p / 100`, `x[⌊h⌋] + (h − ⌊h⌋) · (x[⌊h⌋ + 1] − x[⌊h⌋])`.
pub fn percentile(sorted: &[SignedDuration], p: u8) -> Option<SignedDuration> {
    let last = sorted.len().checked_sub(1)?;
    let scaled = last * usize::from(p.min(100));
    let (lo, rest) = (scaled / 100, scaled % 100);
    let low = sorted[lo];
    if rest == 0 {
        return Some(low);
    }
    let high = sorted[lo + 1];
    // rest is 1 to 99: the step between the two ranks times rest / 100.
    let step = (high - low)
        .checked_mul(rest as i32)
        .map(|d| d / 100)
        .unwrap_or_else(|| (high - low) / 100 * rest as i32);
    Some(low + step)
}

/// Action items by state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ActionCounts {
    /// Open or in progress.
    pub open: usize,
    /// Open, and due before today.
    pub overdue: usize,
    pub done: usize,
    pub wont_do: usize,
}

/// An open action item due before today.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverdueAction {
    pub incident: String,
    pub title: String,
    pub owner: String,
    pub due: Date,
}

/// What the postmortems say together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Insights {
    pub today: Date,
    pub filter: Filter,
    /// The incidents counted, by name, in the order given.
    pub incidents: Vec<String>,
    /// Drills left out (0 when they are asked for).
    pub drills_left_out: usize,
    /// Incidents the filter left out (drills aside).
    pub filtered_out: usize,
    /// Counted incidents with no date (no key time or timeline time reads).
    pub undated: usize,
    /// The first and last incident dates counted.
    pub first: Option<Date>,
    pub last: Option<Date>,
    /// Incidents per month (dated ones), by severity (`None`: not set).
    /// Months without incidents are not listed.
    pub by_month: BTreeMap<Month, BTreeMap<Option<Severity>, usize>>,
    pub by_severity: BTreeMap<Option<Severity>, usize>,
    /// Incidents per service as written (trimmed); an incident with two
    /// services counts in both.
    pub by_service: BTreeMap<String, usize>,
    /// Counted incidents that name no service.
    pub no_service: usize,
    /// Time to detect, acknowledge, mitigate and resolve, in that order.
    pub response: Vec<Distribution>,
    pub actions: ActionCounts,
    /// By owner as written (trimmed; `""` for none).
    pub by_owner: BTreeMap<String, ActionCounts>,
    /// Overdue items, oldest due date first.
    pub overdue: Vec<OverdueAction>,
}

/// Adds postmortems one at a time (a caller reading thousands of files
/// keeps only the numbers, not the documents), then [`Tally::finish`].
#[derive(Debug, Clone)]
pub struct Tally {
    insights: Insights,
}

impl Tally {
    pub fn new(today: Date, filter: Filter) -> Tally {
        let response = metrics::metrics(&Document::default())
            .into_iter()
            .filter(|m| MEASURES.contains(&m.key))
            .map(|m| Distribution {
                key: m.key,
                label: m.label,
                formula: m.formula,
                samples: Vec::new(),
                out_of_order: Vec::new(),
            })
            .collect();
        Tally {
            insights: Insights {
                today,
                filter,
                incidents: Vec::new(),
                drills_left_out: 0,
                filtered_out: 0,
                undated: 0,
                first: None,
                last: None,
                by_month: BTreeMap::new(),
                by_severity: BTreeMap::new(),
                by_service: BTreeMap::new(),
                no_service: 0,
                response,
                actions: ActionCounts::default(),
                by_owner: BTreeMap::new(),
                overdue: Vec::new(),
            },
        }
    }

    /// Counts one postmortem (or counts it as left out).
    pub fn add(&mut self, name: &str, doc: &Document) {
        let out = &mut self.insights;
        if !out.filter.include_drills && is_drill(doc) {
            out.drills_left_out += 1;
            return;
        }
        let date = naming::incident_date(doc);
        if !out.filter.admits(doc, date) {
            out.filtered_out += 1;
            return;
        }
        out.incidents.push(name.to_string());
        match date {
            Some(d) => {
                out.first = Some(out.first.map_or(d, |f| f.min(d)));
                out.last = Some(out.last.map_or(d, |l| l.max(d)));
                *out.by_month
                    .entry(Month::of(d))
                    .or_default()
                    .entry(doc.severity)
                    .or_default() += 1;
            }
            None => out.undated += 1,
        }
        *out.by_severity.entry(doc.severity).or_default() += 1;
        let mut services: Vec<&str> = doc
            .services
            .iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .collect();
        services.sort_unstable();
        services.dedup();
        if services.is_empty() {
            out.no_service += 1;
        }
        for s in services {
            *out.by_service.entry(s.to_string()).or_default() += 1;
        }
        for m in metrics::metrics(doc) {
            let Some(dist) = out.response.iter_mut().find(|d| d.key == m.key) else {
                continue;
            };
            match m.value {
                Some(v) if v.is_negative() => dist.out_of_order.push(name.to_string()),
                Some(value) => dist.samples.push(Sample {
                    incident: name.to_string(),
                    value,
                    approximate: m.approximate,
                }),
                None => {}
            }
        }
        for a in &doc.actions {
            let owner = a.owner.trim().to_string();
            let due = a.due.as_deref().and_then(|d| zones::parse_date(d.trim()));
            let mut one = ActionCounts::default();
            match a.status {
                ActionStatus::Open | ActionStatus::InProgress => {
                    one.open = 1;
                    if let Some(due) = due.filter(|d| *d < out.today) {
                        one.overdue = 1;
                        out.overdue.push(OverdueAction {
                            incident: name.to_string(),
                            title: a.title.trim().to_string(),
                            owner: owner.clone(),
                            due,
                        });
                    }
                }
                ActionStatus::Done => one.done = 1,
                ActionStatus::WontDo => one.wont_do = 1,
            }
            add_counts(&mut out.actions, one);
            add_counts(out.by_owner.entry(owner).or_default(), one);
        }
    }

    /// The numbers, with every distribution sorted.
    pub fn finish(mut self) -> Insights {
        for d in &mut self.insights.response {
            d.samples.sort_by(|a, b| {
                a.value
                    .cmp(&b.value)
                    .then_with(|| a.incident.cmp(&b.incident))
            });
        }
        self.insights
            .overdue
            .sort_by(|a, b| (a.due, &a.incident, &a.title).cmp(&(b.due, &b.incident, &b.title)));
        self.insights
    }
}

fn add_counts(to: &mut ActionCounts, one: ActionCounts) {
    to.open += one.open;
    to.overdue += one.overdue;
    to.done += one.done;
    to.wont_do += one.wont_do;
}

/// The insights of named postmortems as of `today`.
pub fn insights<'a>(
    docs: impl IntoIterator<Item = (&'a str, &'a Document)>,
    today: Date,
    filter: &Filter,
) -> Insights {
    let mut tally = Tally::new(today, filter.clone());
    for (name, doc) in docs {
        tally.add(name, doc);
    }
    tally.finish()
}
