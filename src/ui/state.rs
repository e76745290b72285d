//! The editor's state, shared through one typed context: the open document as
//! a `reactive_stores` store, and what is derived from it on a delay (problems,
//! preview) so a keystroke only touches the field it is in.

use leptos::prelude::*;
use postmortem_core::format::markdown::read::Notice;
use postmortem_core::history::History;
use postmortem_core::model::{Document, DocumentStoreFields};
use postmortem_core::path::Path;
use postmortem_core::storage::Index;
use postmortem_core::validate::{validate, Code, Problem};
use reactive_stores::Store;
use std::collections::HashMap;
use std::time::Duration;

/// How long typing must pause before problems and the preview are recomputed.
pub const DERIVE_DELAY: Duration = Duration::from_millis(200);
/// How long typing must pause before the document is saved.
pub const SAVE_DELAY: Duration = Duration::from_millis(400);

/// Where the "Show times in" control points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShowIn {
    Document,
    Utc,
    Browser,
    Other(String),
}

/// Whether the open document is safely stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveState {
    Saved,
    Pending,
    /// Not saved, with the reason shown to the user.
    Failed(String),
}

/// A message at the bottom of the page, with an optional undo.
#[derive(Clone)]
pub struct Toast {
    pub text: String,
    pub undo: Option<Callback<()>>,
}

/// An import's name, the reader's notices and its review (see `import_review`);
/// kept in storage beside its document until "Done reviewing".
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ImportReport {
    pub name: String,
    pub notices: Vec<Notice>,
    pub review: postmortem_core::review::Review,
}

/// Everything the components share. `Copy`, so closures can hold it.
#[derive(Clone, Copy)]
pub struct Editor {
    pub doc: Store<Document>,
    pub doc_id: RwSignal<String>,
    pub show_in: RwSignal<ShowIn>,
    /// What validation found, for the Problems panel. Set it with
    /// [`Editor::show_problems`], which also wakes the controls concerned.
    pub problems: RwSignal<Vec<Problem>>,
    /// The preview as independent blocks of safe HTML (see the core's preview).
    pub preview: RwSignal<Vec<String>>,
    /// What the last import read and assumed: the import review, until dismissed.
    pub import: RwSignal<Option<ImportReport>>,
    pub save: RwSignal<SaveState>,
    pub library: RwSignal<Index>,
    /// Set when the document must not be written (why, in a sentence).
    pub read_only: RwSignal<Option<String>>,
    pub toast: RwSignal<Option<Toast>>,
    /// Another tab saved a newer revision of this document: saving stops
    /// until the user chooses (theirs or a copy of this one).
    pub conflict: RwSignal<bool>,
    /// Bumped to ask the row with this path to take focus (e.g. after "Add").
    pub focus_request: RwSignal<Option<String>>,
    /// Counts edits made to rows (which notify only their own field), so
    /// autosave and the checks hear of them.
    pub edits: RwSignal<u64>,
    /// The field being typed in, until it is left: its problems (and those
    /// of its row) wait until then (see [`Editor::visible`]).
    pub editing: RwSignal<Option<String>>,
    /// Undo and redo (see `history`).
    pub history: StoredValue<History>,
    /// Seals the open typing step when typing pauses (see `history`).
    pub typing_pause: StoredValue<Option<TimeoutHandle>>,
    pub can_undo: RwSignal<bool>,
    pub can_redo: RwSignal<bool>,
    /// Which view a phone shows: "library", "form", "problems" or "preview"
    /// (wider screens show them side by side).
    pub pane: RwSignal<&'static str>,
    /// The timeline chart, recomputed with the preview (after a pause).
    pub chart: RwSignal<Option<postmortem_core::chart::Layout>>,
}

pub fn editor() -> Editor {
    expect_context::<Editor>()
}

impl Editor {
    /// Problems and preview start empty: start-up computes them after the
    /// form is drawn (see `refresh_now`).
    pub fn new(doc: Document, id: String) -> Editor {
        Editor {
            doc: Store::new(doc),
            doc_id: RwSignal::new(id),
            show_in: RwSignal::new(ShowIn::Document),
            problems: RwSignal::new(Vec::new()),
            preview: RwSignal::new(Vec::new()),
            import: RwSignal::new(None),
            save: RwSignal::new(SaveState::Saved),
            library: RwSignal::new(Index::default()),
            read_only: RwSignal::new(None),
            toast: RwSignal::new(None),
            conflict: RwSignal::new(false),
            focus_request: RwSignal::new(None),
            edits: RwSignal::new(0),
            editing: RwSignal::new(None),
            history: StoredValue::new(History::default()),
            typing_pause: StoredValue::new(None),
            can_undo: RwSignal::new(false),
            can_redo: RwSignal::new(false),
            pane: RwSignal::new("form"),
            chart: RwSignal::new(None),
        }
    }

    /// The user typed in the field at `path`: its problems wait until it is left.
    pub fn typing_in(&self, path: &str) {
        if self.editing.with_untracked(|e| e.as_deref() != Some(path)) {
            let before = self.editing.get_untracked();
            self.editing.set(Some(path.to_string()));
            wake_rows(before.as_deref());
            wake_rows(Some(path));
        }
    }

    /// The field being typed in was left (or an export asks for every problem).
    pub fn done_typing(&self) {
        if let Some(before) = self.editing.get_untracked() {
            self.editing.set(None);
            wake_rows(Some(&before));
        }
    }

    /// The problems shown now: all but those of the row being typed in (a
    /// time the clocks skipped or repeated is shown at once: it asks a choice).
    pub fn visible(&self) -> Vec<Problem> {
        let editing = self.editing.get();
        self.problems.with(|all| {
            all.iter()
                .filter(|p| !waits(editing.as_deref(), p))
                .cloned()
                .collect()
        })
    }

    /// Recomputes problems and preview now (after opening a document).
    pub fn refresh_now(&self) {
        self.refresh_problems();
        self.refresh_preview();
    }

    pub fn refresh_problems(&self) {
        let doc = self.doc.get_untracked();
        timed("validate", || self.show_problems(validate(&doc)));
    }

    /// Shows a new list of problems: the panel, and the controls at the
    /// paths whose problems differ from before (none, mostly, while text is
    /// typed). On a 500-event document, waking every control took 50 ms.
    pub fn show_problems(&self, problems: Vec<Problem>) {
        // Whether two lists say the same about `path`.
        fn same(a: &[Problem], b: &[Problem], path: &Path) -> bool {
            let path = *path;
            let at = |list: &[Problem]| list.iter().filter(|x| x.path == path).count();
            at(a) == at(b)
                && a.iter()
                    .filter(|x| x.path == path)
                    .zip(b.iter().filter(|x| x.path == path))
                    .all(|(x, y)| x == y)
        }
        let changed: Vec<String> = self.problems.with_untracked(|old| {
            old.iter()
                .chain(&problems)
                .filter(|x| !same(old, &problems, &x.path))
                .map(|x| x.path.to_string())
                .collect()
        });
        self.problems.set(problems);
        for path in changed {
            if let Some(trigger) = path_trigger(&path, false) {
                trigger.notify();
            }
        }
    }

    /// The preview, its times shown in the "Show times in" zone.
    pub fn refresh_preview(&self) {
        let mut doc = self.doc.get_untracked();
        let shown = untrack(|| self.show_zone());
        let chart = timed("chart", || postmortem_core::chart::layout(&doc, &shown));
        if self.chart.with_untracked(|c| c.as_ref() != chart.as_ref()) {
            self.chart.set(chart);
        }
        if shown != doc.time_zone {
            doc.time_zone = shown;
        }
        timed("preview", || {
            self.preview
                .set(postmortem_core::preview::preview_blocks(&doc))
        });
    }

    /// The zone names times are shown in. Tracks only the document's zone
    /// field, never the whole document: every time field calls this.
    pub fn show_zone(&self) -> String {
        match self.show_in.get() {
            ShowIn::Document => self.doc.time_zone().get(),
            ShowIn::Utc => "UTC".into(),
            ShowIn::Browser => browser_zone(),
            ShowIn::Other(z) => z,
        }
    }

    pub fn say(&self, text: impl Into<String>) {
        self.toast.set(Some(Toast {
            text: text.into(),
            undo: None,
        }));
    }
}

/// Runs `f` inside a `performance.measure` named `pm:{name}`, so the
/// benchmark can read how long exports, imports, saves and checks take.
pub fn timed<R>(name: &str, f: impl FnOnce() -> R) -> R {
    let perf = web_sys::window().and_then(|w| w.performance());
    let start = format!("pm:{name}:start");
    if let Some(p) = &perf {
        let _ = p.mark(&start);
    }
    let out = f();
    if let Some(p) = &perf {
        let _ = p.measure_with_start_mark(&format!("pm:{name}"), &start);
    }
    out
}

/// Calls `f` once calls stop arriving for `delay`.
pub fn debounced(delay: Duration, f: impl Fn() + Clone + 'static) -> impl Fn() + Clone + 'static {
    let handle = StoredValue::new_local(None::<TimeoutHandle>);
    move || {
        if let Some(h) = handle.get_value() {
            h.clear();
        }
        let f = f.clone();
        handle.set_value(set_timeout_with_handle(f, delay).ok());
    }
}

/// The browser's own IANA zone, or UTC when it will not say.
///
/// The first call costs 20–50 ms (the browser loads its time zone data for
/// `Intl`), so start-up leaves it until after the first frame; later calls
/// return the remembered answer.
pub fn browser_zone() -> String {
    thread_local! {
        static ZONE: std::cell::OnceCell<String> = const { std::cell::OnceCell::new() };
    }
    ZONE.with(|z| {
        z.get_or_init(|| {
            let options =
                js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new())
                    .resolved_options();
            js_sys::Reflect::get(&options, &"timeZone".into())
                .ok()
                .and_then(|v| v.as_string())
                .filter(|z| postmortem_core::time::zones::zone(z).is_ok())
                .unwrap_or_else(|| "UTC".into())
        })
        .clone()
    })
}

/// Now, as ISO 8601 in UTC (for "last edited").
pub fn now_iso() -> String {
    js_sys::Date::new_0()
        .to_iso_string()
        .as_string()
        .unwrap_or_default()
}

/// A new document id: time and randomness in base 36.
pub fn new_id() -> String {
    let t = js_sys::Date::now() as u64;
    let r = (js_sys::Math::random() * 1e12) as u64;
    format!("{}{}", radix36(t), radix36(r))
}

fn radix36(mut n: u64) -> String {
    let digits = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        out.push(digits[(n % 36) as usize]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// The element id of the field at a problem path: `timeline[2].at` -> `f-timeline-2-at`.
pub fn field_id(path: &str) -> String {
    let mut id = String::from("f-");
    for c in path.chars() {
        match c {
            '[' | '.' => id.push('-'),
            ']' => {}
            c => id.push(c),
        }
    }
    id
}

thread_local! {
    /// One trigger per path a control shows problems for: a control wakes
    /// when its own problems change, not on every new list. Kept outside
    /// any component, so they outlive the rows that come and go.
    static PROBLEM_PATHS: std::cell::RefCell<HashMap<String, ArcTrigger>> =
        std::cell::RefCell::new(HashMap::new());
}

/// The trigger of `path`, made if `create` and there is none yet.
fn path_trigger(path: &str, create: bool) -> Option<ArcTrigger> {
    PROBLEM_PATHS.with_borrow_mut(|paths| match paths.get(path) {
        Some(trigger) => Some(trigger.clone()),
        None if create => Some(paths.entry(path.to_string()).or_default().clone()),
        None => None,
    })
}

/// The row a path belongs to (`actions[2].owner` -> `actions[2]`), or the
/// path itself outside lists.
fn row_of(path: &str) -> &str {
    match path.find(']') {
        Some(i) => &path[..=i],
        None => path,
    }
}

/// Whether a problem waits because the user is typing in its row (in a
/// list, any field of the row; elsewhere, the field itself).
fn waits(editing: Option<&str>, p: &Problem) -> bool {
    let in_row = |e: Path| match e.row {
        Some(_) => e.top == p.path.top && e.row == p.path.row,
        None => e == p.path,
    };
    editing
        .and_then(|e| e.parse::<Path>().ok())
        .is_some_and(in_row)
        && !matches!(p.code, Code::TimeGap | Code::TimeFold)
}

/// Wakes the controls of every field in the row of `path`.
fn wake_rows(path: Option<&str>) {
    let Some(path) = path else { return };
    let row = row_of(path).to_string();
    let triggers: Vec<ArcTrigger> = PROBLEM_PATHS.with_borrow(|paths| {
        paths
            .iter()
            .filter(|(p, _)| row_of(p) == row)
            .map(|(_, t)| t.clone())
            .collect()
    });
    for t in triggers {
        t.notify();
    }
}

/// Problems about exactly this path, as a memo (one per field), woken by
/// the path's trigger (see [`Editor::show_problems`]) and when the user
/// starts or stops typing in its row.
pub fn problems_at(path: String) -> Memo<Vec<Problem>> {
    let ed = editor();
    let trigger = path_trigger(&path, true).unwrap_or_default();
    let typed: Option<Path> = path.parse().ok();
    Memo::new(move |_| {
        trigger.track();
        let editing = ed.editing.get_untracked();
        ed.problems.with_untracked(|all| {
            all.iter()
                .filter(|x| Some(x.path) == typed && !waits(editing.as_deref(), x))
                .cloned()
                .collect()
        })
    })
}
