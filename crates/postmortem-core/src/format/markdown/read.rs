//! Reads Markdown into a document. A file with `format: postmortem` front
//! matter is read as this project's own layout, exactly: `from_markdown(
//! to_markdown(d)) == d`. Its body is the source of truth, so hand edits to
//! sections, tables and lists are read as edits; content in no known place
//! goes to `notes`, never dropped. Which reader a file goes to is decided in
//! [`crate::file`]; other people's documents go to [`crate::import`].

use super::blocks::*;
use super::escape::{uninline, unlist_item, unplain};
use super::front_matter::{apply_front_matter, FmValue, FrontMatter};
use super::layout::{ENTERED_IN, INVALID_TIME, SECTION};
use crate::format::json::ImportError;
use crate::gfm;
use crate::model::*;
use crate::time::zones;
use crate::time::zones::{Zone, Zoned};
use jiff::tz::AmbiguousOffset;

/// Something the import could not read cleanly; the text is kept regardless.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Notice {
    /// 1-based line in the source file.
    pub line: usize,
    pub message: String,
}

/// A document read from a file, with what the reader wants the user to check.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub doc: Document,
    pub notices: Vec<Notice>,
    /// What the reader assumed and what to check (see [`crate::review`]).
    pub review: crate::review::Review,
}

/// Whether front matter says the file is this editor's own (`format: postmortem`).
pub fn is_own(front: Option<&FrontMatter>) -> bool {
    front
        .and_then(|f| f.get("format"))
        .and_then(FmValue::as_str)
        == Some("postmortem")
}

/// Reads a file of our own layout whose front matter [`is_own`] accepted;
/// a format version this editor does not read is an error.
pub fn read(
    lines: &[&str],
    front: Option<FrontMatter>,
    body_start: usize,
) -> Result<Imported, ImportError> {
    let front = front.unwrap_or_default();
    if let Some(v) = front.get("version") {
        // Digits only: `+1` or ` 1` is not a version.
        let version = v
            .as_str()
            .filter(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|s| s.parse::<u64>().ok());
        match version {
            Some(FORMAT_VERSION) => {}
            Some(n) if n > FORMAT_VERSION => {
                return Err(ImportError {
                    line: front.line_of("version"),
                    column: None,
                    path: Some("front matter: version".into()),
                    message: format!(
                        "this file was written by a newer editor (format version {n}); this editor reads \
                         version {FORMAT_VERSION}. Open it with the newer editor."
                    ),
                })
            }
            _ => {
                return Err(ImportError {
                    line: front.line_of("version"),
                    column: None,
                    path: Some("front matter: version".into()),
                    message: format!("the version must be {FORMAT_VERSION}. Fix the front matter."),
                })
            }
        }
    }
    Ok(read_own(lines, &front, body_start))
}

// ---------------------------------------------------------------- times

/// Reads a time cell written by the exporter (or typed by hand):
/// `~ 2025-03-12 03:15 WAT (entered in UTC)`. Returns the stamp and the
/// approximate flag, or a sentence when the text is not a time (the text is
/// then kept as an invalid stamp, so nothing is lost).
pub fn read_time_cell(
    cell: &str,
    utc_hint: &str,
    doc_tz: &Zone,
) -> (Option<Stamp>, bool, Option<String>) {
    let mut t = cell.trim();
    let mut approximate = false;
    for mark in ["~", "\u{2248}"] {
        if let Some(rest) = t.strip_prefix(mark) {
            approximate = true;
            t = rest.trim_start();
        }
    }
    if t.is_empty() {
        return (None, approximate, None);
    }
    if let Some(raw) = t.strip_prefix(INVALID_TIME) {
        let raw = unplain(raw.strip_prefix(' ').unwrap_or(raw));
        return (Some(Stamp(raw)), approximate, None);
    }
    let (shown, entered) = match t
        .strip_suffix(')')
        .and_then(|s| s.rsplit_once(&format!(" ({ENTERED_IN} ")))
    {
        Some((shown, zone)) => (shown, Some(zone)),
        None => (t, None),
    };
    match read_shown(shown, utc_hint, doc_tz) {
        Some(z) => {
            let target = match entered.map(zones::zone) {
                Some(Ok(tz)) => tz,
                Some(Err(_)) | None => z.time_zone().clone(),
            };
            (
                Some(zones::stamp_of(&z.with_time_zone(target))),
                approximate,
                None,
            )
        }
        None => match zones::parse_input(&unplain(t), &zones::zone_label(doc_tz)) {
            Ok(stamp) => (Some(stamp), approximate, None),
            Err(e) => (Some(Stamp(unplain(t))), approximate, Some(e.to_string())),
        },
    }
}

/// `2025-03-12 03:15 WAT` in the document zone, using the abbreviation (and
/// the UTC column, when given) to choose between the two times of a fold.
fn read_shown(shown: &str, utc_hint: &str, tz: &Zone) -> Option<Zoned> {
    let (wall, abbr) = shown.rsplit_once(' ')?;
    let dt = zones::parse_civil(wall)?;
    let candidates = match tz.to_ambiguous_timestamp(dt).offset() {
        AmbiguousOffset::Unambiguous { offset } => vec![offset],
        AmbiguousOffset::Fold { before, after } => vec![before, after],
        AmbiguousOffset::Gap { .. } => vec![],
    };
    let matching: Vec<Zoned> = candidates
        .into_iter()
        .filter_map(|o| o.to_timestamp(dt).ok())
        .filter(|ts| zones::abbreviation(tz, *ts) == abbr)
        .map(|ts| Zoned::new(ts, tz.clone()))
        .collect();
    match matching.len() {
        0 => None,
        1 => matching.into_iter().next(),
        _ => {
            let hint = zones::parse_civil(utc_hint.trim().trim_end_matches(" UTC"));
            matching
                .iter()
                .find(|z| hint.is_some_and(|h| z.with_time_zone(Zone::UTC).datetime() == h))
                .or(matching.first())
                .cloned()
        }
    }
}

// ---------------------------------------------------------------- own layout

struct Reader {
    doc: Document,
    notices: Vec<Notice>,
    leftovers: Vec<String>,
}

impl Reader {
    fn notice(&mut self, line: usize, message: impl Into<String>) {
        self.notices.push(Notice {
            line,
            message: message.into(),
        });
    }

    /// Keeps lines the reader could not place, so nothing typed is lost.
    fn keep(&mut self, lines: &[(usize, &str)], place: &str) {
        if lines.is_empty() {
            return;
        }
        self.notice(lines[0].0, format!("Text under \u{201c}{place}\u{201d} did not fit that section; it was moved to Notes."));
        self.leftovers
            .extend(lines.iter().map(|(_, l)| l.to_string()));
    }

    fn keep_section(&mut self, s: &Section) {
        self.notice(s.line, format!("The section \u{201c}{}\u{201d} is not one this editor knows; it was moved to Notes.", s.title));
        self.leftovers
            .push(format!("{} {}", "#".repeat(s.level), s.title));
        self.leftovers.extend(s.body.iter().map(|l| l.to_string()));
    }
}

fn nonblank<'a>(s: &Section<'a>) -> Vec<(usize, &'a str)> {
    s.body
        .iter()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| (s.body_line + i, *l))
        .collect()
}

/// List items as written (raw, undecoded), and the lines that are not items.
fn raw_list_items(s: &Section) -> (Vec<String>, Vec<(usize, String)>) {
    let mut items: Vec<String> = Vec::new();
    let mut rest = Vec::new();
    for (i, line) in s.body.iter().enumerate() {
        if let Some(item) = line
            .strip_prefix("- ")
            .or_else(|| line.strip_prefix("* "))
            .or_else(|| (*line == "-").then_some(""))
        {
            items.push(item.to_string());
        } else if line.starts_with("  ") && !items.is_empty() && !line.trim().is_empty() {
            if let Some(l) = items.last_mut() {
                l.push('\n');
                l.push_str(line.trim_start());
            }
        } else if !line.trim().is_empty() {
            rest.push((s.body_line + i, line.to_string()));
        }
    }
    (items, rest)
}

/// List items decoded as Markdown text.
fn list_items(s: &Section) -> (Vec<String>, Vec<(usize, String)>) {
    let (items, rest) = raw_list_items(s);
    (items.iter().map(|i| unlist_item(i)).collect(), rest)
}

/// A Links item: one link and nothing else on its line, read as CommonMark
/// reads it ([`gfm::link`]). Our writer's `<…>` destination is unescaped
/// exactly (CommonMark would also decode `&amp;`, which it never wrote);
/// any other destination is the URL CommonMark reads.
fn read_link(item: &str) -> Option<Link> {
    let found = gfm::link(item, &gfm::Definitions::default()).filter(|l| l.rest.is_empty())?;
    let title = unplain(found.text);
    let ours = found
        .written
        .and_then(|d| d.strip_prefix('<'))
        .and_then(|d| d.strip_suffix('>'));
    let url = match ours {
        Some(inner) => {
            let mut out = String::new();
            let mut chars = inner.chars().peekable();
            while let Some(c) = chars.next() {
                if c == '\\' && matches!(chars.peek(), Some('\\' | '<' | '>')) {
                    out.extend(chars.next());
                } else {
                    out.push(c);
                }
            }
            out
        }
        None => found.url,
    };
    Some(Link { title, url })
}

fn read_link_cell(cell: &str) -> Option<String> {
    if cell.is_empty() {
        return None;
    }
    let t = cell;
    match t.strip_prefix('<').and_then(|s| s.strip_suffix('>')) {
        Some(inner) if !inner.contains([' ', '<', '>']) => Some(inner.to_string()),
        _ => Some(unplain(t)),
    }
}

/// A heading as the reader matches it: any case, a trailing colon aside.
pub(super) fn norm(title: &str) -> String {
    title.trim().trim_end_matches(':').trim().to_lowercase()
}

/// Where a heading of our layout puts its section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    Summary,
    Impact,
    Metrics,
    KeyTimes,
    /// Derived from the key times: recomputed on export, never read.
    Response,
    Chart,
    Timeline,
    RootCause,
    Trigger,
    CauseDescription,
    Contributing,
    Detection,
    Resolution,
    Lessons,
    WentWell,
    WentWrong,
    Lucky,
    Actions,
    Updates,
    Update,
    Links,
    Notes,
}

/// The place of a section by its heading: a level-2 heading by its own
/// name, a level-3 one under the level-2 heading above it (`parent`).
fn place_of(level: usize, parent: &str, name: &str) -> Option<Place> {
    use Place::*;
    let sec = &SECTION;
    let is = |title: &str| name == title.to_lowercase();
    let under = |title: &str| level == 3 && parent == title.to_lowercase();
    let top = [
        (sec.summary, Summary),
        (sec.impact, Impact),
        (sec.timeline, Timeline),
        (sec.root_cause, RootCause),
        (sec.detection, Detection),
        (sec.resolution, Resolution),
        (sec.lessons, Lessons),
        (sec.actions, Actions),
        (sec.updates, Updates),
        (sec.links, Links),
        (sec.notes, Notes),
    ];
    let nested = [
        (sec.impact, sec.metrics, Metrics),
        (sec.impact, sec.key_times, KeyTimes),
        (sec.impact, sec.response, Response),
        (sec.impact, sec.chart, Chart),
        (sec.root_cause, sec.trigger, Trigger),
        (sec.root_cause, sec.description, CauseDescription),
        (sec.root_cause, sec.contributing, Contributing),
        (sec.lessons, sec.went_well, WentWell),
        (sec.lessons, sec.went_wrong, WentWrong),
        (sec.lessons, sec.lucky, Lucky),
    ];
    if level == 3 {
        if let Some((.., place)) = nested.iter().find(|(p, n, _)| under(p) && is(n)) {
            return Some(*place);
        }
        // Every level-3 heading under Status updates is one update.
        return under(sec.updates).then_some(Update);
    }
    top.iter().find(|(n, _)| is(n)).map(|(_, place)| *place)
}

/// Reads a file of our own layout: front matter, then each section into its
/// place; what is in no place is kept in Notes with a notice.
pub fn read_own(lines: &[&str], front: &FrontMatter, body_start: usize) -> Imported {
    let mut r = Reader {
        doc: Document::default(),
        notices: Vec::new(),
        leftovers: Vec::new(),
    };
    apply_front_matter(&mut r.doc, front, &mut r.leftovers);
    let tz = zones::zone_or_utc(&r.doc.time_zone);
    let (preamble, sections) = outline(lines, body_start);
    let pre: Vec<(usize, &str)> = preamble
        .iter()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| (body_start + i + 1, *l))
        .collect();
    r.keep(&pre, "the top of the file");

    let mut title_seen = false;
    let mut parent = String::new();
    for s in &sections {
        let name = norm(s.title);
        if s.level == 1 && !title_seen {
            title_seen = true;
            r.doc.title = unplain(s.title);
            let rest = nonblank(s);
            r.keep(&rest, "the title");
            continue;
        }
        if s.level == 2 {
            parent = name.clone();
        }
        match place_of(s.level, &parent, &name) {
            Some(place) => r.read_section(place, s, lines, &tz),
            None => r.keep_section(s),
        }
    }
    if !r.leftovers.is_empty() {
        let extra = r.leftovers.join("\n");
        r.doc.notes = if r.doc.notes.is_empty() {
            extra
        } else {
            format!("{}\n\n{extra}", r.doc.notes)
        };
    }
    let review = crate::review::Review::own(&r.doc);
    Imported {
        doc: r.doc,
        notices: r.notices,
        review,
    }
}

impl Reader {
    fn read_section(&mut self, place: Place, s: &Section, lines: &[&str], tz: &Zone) {
        use Place::*;
        let doc = &mut self.doc;
        match place {
            Summary => doc.summary = block_text(s),
            Impact => doc.impact.description = block_text(s),
            Trigger => doc.root_cause.trigger = block_text(s),
            CauseDescription => doc.root_cause.description = block_text(s),
            Detection => doc.detection = block_text(s),
            Resolution => doc.resolution = block_text(s),
            Notes => doc.notes = block_text(s),
            Response => {}
            // Headings with sections under them: only stray text of their own.
            RootCause | Lessons | Updates => self.keep(&nonblank(s), s.title),
            Contributing => self.read_list(s, |d| &mut d.root_cause.contributing_factors),
            WentWell => self.read_list(s, |d| &mut d.lessons.went_well),
            WentWrong => self.read_list(s, |d| &mut d.lessons.went_wrong),
            Lucky => self.read_list(s, |d| &mut d.lessons.lucky),
            Metrics => self.read_metrics(s),
            KeyTimes => self.read_key_times(s, lines, tz),
            Chart => self.read_chart(s),
            Timeline => self.read_timeline(s, tz),
            Actions => self.read_actions(s),
            Update => self.read_update(s, tz),
            Links => self.read_links(s),
        }
    }

    /// A bulleted list into one of the document's lists of texts.
    fn read_list(&mut self, s: &Section, slot: impl Fn(&mut Document) -> &mut Vec<String>) {
        let (items, rest) = list_items(s);
        *slot(&mut self.doc) = items;
        let rest: Vec<(usize, &str)> = rest.iter().map(|(n, l)| (*n, l.as_str())).collect();
        self.keep(&rest, s.title);
    }

    fn read_metrics(&mut self, s: &Section) {
        let (table, rest) = table_and_rest(s);
        if let Some(t) = table {
            let (l, v) = (t.column(&["metric", "label"]), t.column(&["value"]));
            for (_, row) in &t.rows {
                self.doc.impact.metrics.push(ImpactMetric {
                    label: unplain(cell(row, l)),
                    value: unplain(cell(row, v)),
                });
            }
        }
        self.keep(&rest, s.title);
    }

    fn read_key_times(&mut self, s: &Section, lines: &[&str], tz: &Zone) {
        let (table, rest) = table_and_rest(s);
        if let Some(t) = table {
            let (m, tc, u) = (
                t.column(&["moment"]),
                t.column(&["time"]),
                t.column(&["utc"]),
            );
            for (line, row) in &t.rows {
                match KeyTime::from_word(cell(row, m)) {
                    Some(k) => {
                        let (stamp, approx, err) = read_time_cell(cell(row, tc), cell(row, u), tz);
                        *self.doc.times.slot(k) = stamp;
                        self.doc.times.set_approximate(k, approx);
                        if let Some(e) = err {
                            self.notice(*line, format!("{}: {e}", k.label()));
                        }
                    }
                    None => self.keep(&[(*line, lines[*line - 1])], s.title),
                }
            }
        }
        self.keep(&rest, s.title);
    }

    /// The Mermaid chart is drawn from the key times again on export;
    /// anything else written under its heading is kept.
    fn read_chart(&mut self, s: &Section) {
        let mut in_chart = false;
        let rest: Vec<(usize, &str)> = s
            .body
            .iter()
            .enumerate()
            .filter(|(_, l)| {
                let fence = l.trim_start().starts_with("```");
                let skip = in_chart || (fence && l.trim() == "```mermaid");
                if fence {
                    in_chart = !in_chart && l.trim() == "```mermaid";
                }
                !skip && !l.trim().is_empty()
            })
            .map(|(i, l)| (s.body_line + i, *l))
            .collect();
        self.keep(&rest, s.title);
    }

    fn read_timeline(&mut self, s: &Section, tz: &Zone) {
        let (table, rest) = table_and_rest(s);
        if let Some(t) = table {
            let (tc, u, kind, text) = (
                t.column(&["time"]),
                t.column(&["utc"]),
                t.column(&["kind"]),
                t.column(&["event", "what", "description"]),
            );
            for (line, row) in &t.rows {
                let (at, approximate, err) = read_time_cell(cell(row, tc), cell(row, u), tz);
                if let Some(e) = err {
                    self.notice(*line, format!("Timeline: {e}"));
                }
                let kind_text = cell(row, kind);
                let read_kind = TimelineKind::from_word(kind_text);
                if !kind_text.trim().is_empty() && read_kind.is_none() {
                    self.notice(*line, format!("Timeline: \u{201c}{}\u{201d} is not a kind of event; it was read as \u{201c}event\u{201d}.", kind_text.trim()));
                }
                self.doc.timeline.push(TimelineEntry {
                    at,
                    approximate,
                    kind: read_kind.unwrap_or_default(),
                    text: uninline(cell(row, text)),
                });
            }
        }
        self.keep(&rest, s.title);
    }

    fn read_actions(&mut self, s: &Section) {
        let (table, rest) = table_and_rest(s);
        if let Some(t) = table {
            let cols = [
                "action", "owner", "due", "kind", "priority", "status", "link",
            ]
            .map(|n| t.column(&[n]));
            for (line, row) in &t.rows {
                let c = |i: usize| cell(row, cols[i]);
                let due = unplain(c(2));
                let item = ActionItem {
                    title: unplain(c(0)),
                    owner: unplain(c(1)),
                    due: (!due.is_empty()).then_some(due),
                    kind: ActionKind::from_word(c(3)),
                    priority: Priority::from_word(c(4)),
                    status: ActionStatus::from_word(c(5)).unwrap_or_default(),
                    link: read_link_cell(c(6)),
                };
                for (idx, what, ok) in [
                    (3, "kind", item.kind.is_some()),
                    (4, "priority", item.priority.is_some()),
                    (5, "status", ActionStatus::from_word(c(5)).is_some()),
                ] {
                    if !ok && !c(idx).trim().is_empty() {
                        self.notice(*line, format!("Action items: \u{201c}{}\u{201d} is not a {what}; it was left unset and kept in Notes.", c(idx).trim()));
                        self.leftovers.push(format!(
                            "Action \u{201c}{}\u{201d} {what}: {}",
                            item.title,
                            c(idx).trim()
                        ));
                    }
                }
                self.doc.actions.push(item);
            }
        }
        self.keep(&rest, s.title);
    }

    /// One status update: its heading is `time · state`, its body the text.
    fn read_update(&mut self, s: &Section, tz: &Zone) {
        let (when, state_word) = match s.title.rsplit_once(" \u{b7} ") {
            Some((w, st)) => (w, st),
            None => ("", s.title),
        };
        let state = UpdateState::from_word(state_word);
        let (at, _, err) = read_time_cell(when, "", tz);
        if let Some(e) = err {
            self.notice(s.line, format!("Status update: {e}"));
        }
        let mut text = block_text(s);
        if state.is_none() {
            self.notice(s.line, format!("\u{201c}{}\u{201d} is not a status; the update was read as \u{201c}Update\u{201d}.", state_word.trim()));
            text = if text.is_empty() {
                state_word.to_string()
            } else {
                format!("{state_word}\n{text}")
            };
        }
        self.doc.updates.push(StatusUpdate {
            at,
            state: state.unwrap_or_default(),
            text,
        });
    }

    fn read_links(&mut self, s: &Section) {
        let (items, rest) = raw_list_items(s);
        for (n, item) in items.iter().enumerate() {
            match read_link(item) {
                Some(link) => self.doc.links.push(link),
                None => self.keep(&[(s.body_line + n, item.as_str())], s.title),
            }
        }
        let rest: Vec<(usize, &str)> = rest.iter().map(|(n, l)| (*n, l.as_str())).collect();
        self.keep(&rest, s.title);
    }
}
