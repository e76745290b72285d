//! Form controls bound to fields of the document store. Each shows the
//! problems validation found at its path (`aria-invalid`, the sentence linked
//! by `aria-describedby`) and writes only its own field: typing in a field
//! outside the lists wakes that control alone, typing in a row wakes the
//! controls of that row alone.

use super::state::{editor, field_id, problems_at};
use crate::core::clock::{self, Context, Reading};
use crate::core::model::DocumentStoreFields;
use crate::core::model::*;
use crate::core::zones::{self, TimeError};
use leptos::prelude::*;
use reactive_stores::Field;

/// A value a control shows and edits: a getter and a setter. Copy.
///
/// Rows of a list must not read their store field directly: after the list
/// shrinks (a row deleted, another document opened) a row's binding may run
/// once more before the row is removed, and a store's indexed field panics
/// when out of bounds. [`Bind::row`] tracks the row (typing in one row wakes
/// no other) but reads through a bounds check.
pub struct Bind<T: Send + Sync + 'static> {
    pub get: Signal<T>,
    pub set: Callback<T>,
}

impl<T: Send + Sync + 'static> Clone for Bind<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: Send + Sync + 'static> Copy for Bind<T> {}

impl<T: Clone + Default + Send + Sync + 'static> Bind<T> {
    /// A field that always exists (not inside a list).
    pub fn field(f: impl Into<Field<T>>) -> Self {
        let f: Field<T> = f.into();
        Bind {
            get: Signal::derive(move || f.get()),
            set: Callback::new(move |v| f.set(v)),
        }
    }

    /// A field of row `i` of `list`: `read` takes it from the row and
    /// `write` puts it back.
    ///
    /// Writing through the store's indexed field would notify the whole list
    /// (its guard wraps the list's guard without silencing it), waking every
    /// row on every keystroke. So the value is written through the list's
    /// untracked writer, then only this row is notified, and the editor's
    /// edit counter tells autosave and the checks. The binding tracks its
    /// row, not the field: a keystroke wakes the controls of its own row
    /// (each reads its value again) and no other row. Tracking each field
    /// would compile the store's field plumbing again for every field.
    pub fn row<E: Send + Sync + 'static>(
        list: Field<Vec<E>>,
        i: usize,
        read: fn(&E) -> T,
        write: fn(&mut E, T),
    ) -> Self {
        use reactive_stores::StoreFieldIterator;
        let row = list.at_unkeyed(i);
        let edits = editor().edits;
        Bind {
            get: Signal::derive(move || {
                row.track();
                list.with_untracked(|v| v.get(i).map(read))
                    .unwrap_or_default()
            }),
            set: Callback::new(move |v| {
                let written = match list.try_write_untracked() {
                    Some(mut rows) => match rows.get_mut(i) {
                        Some(row) => {
                            write(row, v);
                            true
                        }
                        None => false,
                    },
                    None => false,
                };
                if written {
                    row.notify();
                    edits.update(|n| *n += 1);
                }
            }),
        }
    }
}

/// An optional text as typed in a plain field: empty means `None`.
pub fn optional(text: String) -> Option<String> {
    (!text.is_empty()).then_some(text)
}

impl<T: Clone + Default + Send + Sync + 'static> From<Field<T>> for Bind<T> {
    fn from(f: Field<T>) -> Self {
        Bind::field(f)
    }
}

/// Draws row `i` of a list in the form.
pub type RowView = std::sync::Arc<dyn Fn(usize) -> AnyView + Send + Sync>;

/// A [`RowView`] from a closure.
pub fn rows(f: impl Fn(usize) -> AnyView + Send + Sync + 'static) -> RowView {
    std::sync::Arc::new(f)
}

/// One entry of a [`Keyed`] list: its key and how to draw it.
pub struct Item {
    key: u64,
    draw: Box<dyn FnOnce() -> AnyView + Send + Sync>,
}

/// An entry keyed by `key` (hashed), drawn by `draw` when its key is new.
pub fn item<K: std::hash::Hash>(
    key: K,
    draw: impl FnOnce() -> AnyView + Send + Sync + 'static,
) -> Item {
    Item {
        key: hashed(key),
        draw: Box::new(draw),
    }
}

/// A fixed 64-bit hash of `key` (the same in every run).
pub fn hashed<K: std::hash::Hash>(key: K) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault};
    BuildHasherDefault::<std::collections::hash_map::DefaultHasher>::default().hash_one(key)
}

/// The entries of a keyed list, computed again when what they read changes.
pub type Items = std::sync::Arc<dyn Fn() -> Vec<Item> + Send + Sync>;

/// [`Items`] from a closure.
pub fn items(f: impl Fn() -> Vec<Item> + Send + Sync + 'static) -> Items {
    std::sync::Arc::new(f)
}

/// The one keyed list of the page: an entry whose key is unchanged keeps
/// its elements, one with a new key is drawn. Every list (rows of the form,
/// problems, preview blocks, the library) goes through it, because a
/// `<For>` is compiled again for each set of closures and types it is given.
#[component]
pub fn Keyed(items: Items) -> impl IntoView {
    view! { <For each=move || items() key=|e: &Item| e.key children=|e: Item| (e.draw)() /> }
}

/// Its children while `when` holds: the page's one `<Show>`, compiled once
/// rather than once per condition.
#[component]
pub fn When(when: Signal<bool>, children: ChildrenFn) -> impl IntoView {
    view! { <Show when=move || when.get()>{children()}</Show> }
}

/// Rows `0..len` of a list in the form, keyed by position, each drawn by
/// `row`.
#[component]
pub fn Rows(len: Signal<usize>, row: RowView) -> impl IntoView {
    let items = items(move || {
        (0..len.get())
            .map(|i| {
                let row = row.clone();
                item(i, move || row(i))
            })
            .collect()
    });
    view! { <Keyed items=items /> }
}

/// The sentences for one field, linked from the control.
#[component]
pub fn FieldProblems(#[prop(into)] path: String) -> impl IntoView {
    let id = format!("{}-problems", field_id(&path));
    let problems = problems_at(path);
    view! {
        <p id=id class="field-problems">
            <Keyed items=items(move || problems.get().into_iter().map(|p| item((p.code, p.message.clone()), move || view! {
                <span class=format!("field-problem {}", p.level.word())>{p.message}</span>
            }.into_any())).collect()) />
        </p>
    }
}

/// aria attributes for a control at `path`.
fn invalid_attr(path: &str) -> Signal<&'static str> {
    let p = path.to_string();
    let problems = problems_at(p);
    Signal::derive(move || {
        if problems.with(|v| v.is_empty()) {
            "false"
        } else {
            "true"
        }
    })
}

#[component]
pub fn TextField(
    /// The visible label, also the accessible name unless `aria_label` is given.
    #[prop(into)]
    label: String,
    #[prop(into)] path: String,
    #[prop(into)] value: Bind<String>,
    #[prop(optional, into)] aria_label: Option<String>,
    #[prop(optional, into)] placeholder: String,
    #[prop(optional)] input_type: Option<&'static str>,
    #[prop(optional)] on_enter: Option<Callback<()>>,
    #[prop(optional)] hide_label: bool,
) -> impl IntoView {
    let id = field_id(&path);
    let described = format!("{id}-problems");
    let invalid = invalid_attr(&path);
    let read_only = move || editor().read_only.get().is_some();
    view! {
        <div class="field">
            <label for=id.clone() class:visually-hidden=hide_label>{label}</label>
            <input
                id=id
                type=input_type.unwrap_or("text")
                aria-label=aria_label
                placeholder=placeholder
                aria-invalid=invalid
                aria-describedby=described
                readonly=read_only
                prop:value=move || value.get.get()
                on:input={
                    let path = path.clone();
                    move |ev| {
                        editor().typing_in(&path);
                        value.set.run(event_target_value(&ev))
                    }
                }
                on:blur=move |_| editor().done_typing()
                on:keydown=move |ev| {
                    if ev.key() == "Enter" {
                        if let Some(cb) = on_enter {
                            ev.prevent_default();
                            cb.run(());
                        }
                    }
                }
            />
            <FieldProblems path=path />
        </div>
    }
}

#[component]
pub fn TextArea(
    #[prop(into)] label: String,
    #[prop(into)] path: String,
    #[prop(into)] value: Bind<String>,
    #[prop(optional, into)] hint: String,
    #[prop(default = 4)] rows: u32,
    #[prop(optional, into)] aria_label: Option<String>,
    #[prop(optional)] hide_label: bool,
    /// Enter (without Shift) runs this instead of breaking the line.
    #[prop(optional)]
    on_enter: Option<Callback<()>>,
    #[prop(optional, into)] placeholder: String,
) -> impl IntoView {
    let id = field_id(&path);
    let described = format!("{id}-problems {id}-hint");
    let hint_id = format!("{id}-hint");
    let invalid = invalid_attr(&path);
    let read_only = move || editor().read_only.get().is_some();
    view! {
        <div class="field">
            <label for=id.clone() class:visually-hidden=hide_label>{label}</label>
            <textarea
                id=id
                rows=rows
                aria-label=aria_label
                aria-invalid=invalid
                aria-describedby=described
                readonly=read_only
                placeholder=placeholder
                class:one-line=on_enter.is_some()
                prop:value=move || value.get.get()
                on:input={
                    let path = path.clone();
                    move |ev| {
                        editor().typing_in(&path);
                        value.set.run(event_target_value(&ev))
                    }
                }
                on:blur=move |_| editor().done_typing()
                on:keydown=move |ev| {
                    if ev.key() == "Enter" && !ev.shift_key() {
                        if let Some(cb) = on_enter {
                            ev.prevent_default();
                            cb.run(());
                        }
                    }
                }
            ></textarea>
            <p id=hint_id class="hint">{hint}</p>
            <FieldProblems path=path />
        </div>
    }
}

/// A value chosen from a fixed list (the model's enums).
pub trait Choice: Copy + PartialEq + Send + Sync + 'static {
    fn all() -> &'static [Self];
    fn word(self) -> &'static str;
    fn label(self) -> &'static str;
}

macro_rules! choice {
    ($($t:ty),*) => {$(
        impl Choice for $t {
            fn all() -> &'static [Self] { <$t>::ALL }
            fn word(self) -> &'static str { <$t>::word(self) }
            fn label(self) -> &'static str { <$t>::label(self) }
        }
    )*};
}
choice!(
    Status,
    Severity,
    TimelineKind,
    ActionKind,
    Priority,
    ActionStatus,
    UpdateState
);

/// A value chosen from a fixed list (one of the model's enums), bound by its
/// word, "" for none: one select for every enum, not one compiled per enum.
/// Bind it with the enum's `word` and `from_word`. The word is a `String`, as
/// in the text fields, so a row's bindings share their compiled code.
#[component]
pub fn Select(
    #[prop(into)] label: String,
    #[prop(into)] path: String,
    value: Bind<String>,
    /// (word, label) of each choice, in order: [`choices`].
    choices: Vec<(&'static str, &'static str)>,
    /// Offers "—" for no choice, and shows the problems found at `path`.
    #[prop(optional)]
    optional: bool,
    #[prop(optional)] hide_label: bool,
    /// The accessible name when the visible label is short ("Kind" for "Action 2 kind").
    #[prop(optional, into)]
    aria_label: Option<String>,
) -> impl IntoView {
    let id = field_id(&path);
    let described = optional.then(|| format!("{id}-problems"));
    let invalid = optional.then(|| invalid_attr(&path));
    let disabled = move || editor().read_only.get().is_some();
    let words: Vec<&'static str> = choices.iter().map(|c| c.0).collect();
    let on_change = move |ev| {
        let w = event_target_value(&ev);
        if (w.is_empty() && optional) || words.contains(&w.as_str()) {
            value.set.run(w);
        }
    };
    view! {
        <div class="field">
            <label for=id.clone() class:visually-hidden=hide_label>{label}</label>
            <select
                id=id
                aria-label=aria_label
                disabled=disabled
                aria-invalid=move || invalid.map(|i| i.get())
                aria-describedby=described
                prop:value=move || value.get.get()
                on:change=on_change
            >
                {optional.then(|| view! { <option value="">"\u{2014}"</option> })}
                {choices.into_iter().map(|(w, l)| view! { <option value=w>{l}</option> }.into_any()).collect::<Vec<_>>()}
            </select>
            {optional.then(|| view! { <FieldProblems path=path /> })}
        </div>
    }
}

/// The (word, label) pairs of an enum's values, for [`Select`].
pub fn choices<T: Choice>() -> Vec<(&'static str, &'static str)> {
    T::all().iter().map(|v| (v.word(), v.label())).collect()
}

/// `2025-03-12T03:15` (plus seconds when not zero) in the stamp's own zone.
fn draft_of(stamp: &Stamp) -> Option<(String, String)> {
    let z = zones::parse_stamp(stamp).ok()?;
    let wall = zones::wall_text(z.datetime()).replacen(' ', "T", 1);
    Some((wall, zones::zone_label(z.time_zone())))
}

/// A moment, typed the way people write times: "03:20", "3:20pm",
/// "03:20 WAT", "2025-03-12 03:20". A time without a date takes it from
/// `context` (the row above, else the incident's start), and the line under
/// the field says what it was read as. Text that does not read is stored as
/// typed (validation says what is wrong with it, once the field is left),
/// so nothing typed is lost. A time skipped or repeated by a clock change
/// offers the choices at once.
#[component]
pub fn TimeField(
    /// Accessible name of the time input ("Event 1 time", "Detected").
    #[prop(into)]
    label: String,
    #[prop(into)] path: String,
    #[prop(into)] stamp: Bind<Option<Stamp>>,
    /// Where a time without a date takes its date from.
    context: Callback<(), Context>,
    #[prop(optional)] hide_label: bool,
) -> impl IntoView {
    let ed = editor();
    let Bind {
        get: stamp_get,
        set: stamp_set,
    } = stamp;
    let id = field_id(&path);
    let zone_id = format!("{id}-zone");
    let local_id = format!("{id}-local");
    let described = format!("{id}-problems {local_id}");
    let zone_label = format!("{label} time zone").replace("time time zone", "time zone");
    // How a stored time is shown in the field: the time of day alone
    // ("03:20") when that reads back, in this place, as the very same stamp;
    // else the date too. The line under the field always shows the date.
    let draft_for = move |stamp: &Stamp| -> Option<(String, String)> {
        let (wall, z) = draft_of(stamp)?;
        let short = wall.get(11..).unwrap_or_default().to_string();
        let mut ctx = context.run(());
        ctx.zone = z.clone();
        // In an hour that happens twice, the abbreviation says which one.
        let abbreviated = |t: &str| {
            zones::parse_stamp(stamp)
                .ok()
                .map(|st| format!("{t} {}", zones::abbreviation(st.time_zone(), st.timestamp())))
        };
        let reads_back = |t: &str| clock::read(t, &ctx).is_ok_and(|r| &r.stamp == stamp);
        let candidates = [Some(short.clone()), abbreviated(&short), abbreviated(&wall)];
        let found = candidates.into_iter().flatten().find(|t| reads_back(t));
        Some((found.unwrap_or(wall), z))
    };
    let initial = stamp_get.get_untracked().as_ref().and_then(draft_for);
    let doc_zone = move || ed.doc.read_untracked().time_zone.clone();
    let draft = RwSignal::new(
        initial
            .as_ref()
            .map(|d| d.0.clone())
            .unwrap_or_else(|| stamp_get.get_untracked().map(|s| s.0).unwrap_or_default()),
    );
    let zone = RwSignal::new(initial.map(|d| d.1).unwrap_or_else(doc_zone));
    // What the draft was last read as (None: empty).
    let reading = RwSignal::new(None::<Result<Reading, TimeError>>);
    let zone_error = RwSignal::new(None::<String>);
    let zone_focused = RwSignal::new(false);
    // An empty field follows the document zone until the user picks a zone for it.
    let zone_chosen = RwSignal::new(stamp_get.get_untracked().is_some());
    Effect::new(move |_| {
        let doc_zone = ed.doc.time_zone().get();
        if !zone_chosen.get_untracked()
            && stamp_get.with_untracked(|s| s.is_none())
            && draft.with_untracked(|d| d.trim().is_empty())
        {
            zone.set(doc_zone);
        }
    });
    let read_draft = move |text: &str| -> Option<Result<Reading, TimeError>> {
        if text.trim().is_empty() {
            return None;
        }
        let mut ctx = context.run(());
        ctx.zone = zone.get_untracked();
        Some(clock::read(text, &ctx))
    };
    // What the draft would store: the stamp it reads as, else the text as typed.
    let stored_for = move |text: &str, read: &Option<Result<Reading, TimeError>>| match read {
        None => None,
        Some(Ok(r)) => Some(r.stamp.clone()),
        Some(Err(_)) => Some(Stamp(text.trim().to_string())),
    };

    // Follow the stamp when it changes elsewhere (another document, an import,
    // undo, a sort). A row's controls all wake when any field of the row
    // changes, so the stamp is compared with what the draft stores first: a
    // time being typed must stay while the user types elsewhere in the row.
    // Opening a document always counts as a change.
    let stamp_now = Memo::new(move |_| stamp_get.get());
    Effect::new(move |_| {
        ed.doc_id.track();
        let current = stamp_now.get();
        let text = draft.get_untracked();
        let read = read_draft(&text);
        if stored_for(&text, &read) != current {
            match current.as_ref().and_then(draft_for) {
                Some((wall, z)) => {
                    draft.set(wall);
                    zone.set(z);
                }
                None => draft.set(current.map(|s| s.0).unwrap_or_default()),
            }
            reading.set(None);
        }
    });

    let commit = move || {
        let text = draft.get_untracked();
        let read = read_draft(&text);
        let stored = stored_for(&text, &read);
        reading.set(read);
        if stamp_get.get_untracked() != stored {
            stamp_set.run(stored);
        }
    };
    // Leaving the field shows what it was read as, as a stored time is shown.
    let settle = move || {
        if let Some(Ok(r)) = reading.get_untracked() {
            if let Some((wall, z)) = draft_for(&r.stamp) {
                draft.set(wall);
                zone.set(z);
            }
        }
    };
    let invalid = invalid_attr(&path);
    let shown = move || {
        if let Some(e) = zone_error.get() {
            return e;
        }
        if let Some(Ok(r)) = reading.get() {
            if r.date_from_context {
                let z = zones::parse_stamp(&r.stamp).ok();
                let at = z
                    .map(|z| zones::show(&z, z.time_zone()))
                    .unwrap_or_default();
                return if r.next_day {
                    format!("Read as {at}: the next day")
                } else {
                    format!("Read as {at}")
                };
            }
        }
        let show_zone = ed.show_zone();
        let tz = zones::zone_or_utc(&show_zone);
        // The memo: an edit elsewhere in the row does not parse the stamp again.
        stamp_now
            .get()
            .and_then(|s| zones::parse_stamp(&s).ok())
            .map(|z| zones::show(&z, &tz))
            .unwrap_or_default()
    };
    // Out of focus, the zone shows its abbreviation at this time ("WAT");
    // in focus, or when the time does not read, its IANA name.
    let zone_shown = move || {
        let z = zone.get();
        if zone_focused.get() {
            return z;
        }
        stamp_now
            .get()
            .and_then(|s| zones::parse_stamp(&s).ok())
            .filter(|st| zones::zone_label(st.time_zone()) == z && z.contains('/'))
            .map(|st| zones::abbreviation(st.time_zone(), st.timestamp()))
            .unwrap_or(z)
    };
    let fold = move || match reading.get() {
        Some(Err(TimeError::Fold { earlier, later, .. })) => Some((earlier, later)),
        _ => None,
    };
    let pick = move |s: Stamp| {
        if let Some((wall, z)) = draft_for(&s) {
            draft.set(wall);
            zone.set(z);
        }
        reading.set(None);
        stamp_set.run(Some(s));
    };
    let read_only = move || ed.read_only.get().is_some();
    let typing_path = path.clone();
    view! {
        <div class="field time-field">
            <label for=id.clone() class:visually-hidden=hide_label>{label.clone()}</label>
            <div class="time-inputs">
                <input
                    id=id
                    class="time"
                    type="text"
                    placeholder="03:15"
                    autocomplete="off"
                    spellcheck="false"
                    readonly=read_only
                    aria-invalid=invalid
                    aria-describedby=described
                    prop:value=move || draft.get()
                    on:input=move |ev| {
                        ed.typing_in(&typing_path);
                        draft.set(event_target_value(&ev));
                        commit();
                    }
                    on:blur=move |_| {
                        settle();
                        ed.done_typing();
                    }
                />
                <label for=zone_id.clone() class="visually-hidden">{zone_label}</label>
                <input
                    id=zone_id
                    class="zone"
                    list="zone-names"
                    autocomplete="off"
                    spellcheck="false"
                    readonly=read_only
                    title=move || zone.get()
                    prop:value=zone_shown
                    on:focus=move |_| zone_focused.set(true)
                    on:blur=move |_| zone_focused.set(false)
                    on:change=move |ev| {
                        let typed = event_target_value(&ev);
                        match zones::find_zone(&typed) {
                            Ok(z) => {
                                zone_error.set(None);
                                zone.set(z);
                                zone_chosen.set(true);
                                commit();
                            }
                            Err(e) => zone_error.set(Some(e.to_string())),
                        }
                    }
                />
            </div>
            <p id=local_id class="time-shown" aria-live="polite">{shown}</p>
            {move || fold().map(|(earlier, later)| {
                let (e2, l2) = (earlier.clone(), later.clone());
                view! {
                    <div class="fold-choice" role="group" aria-label="Which of the two times?">
                        <button type="button" on:click=move |_| pick(e2.clone())>
                            {format!("First: {}", zones::show_stamp(&earlier, &zones::zone_or_utc(&zones::parse_stamp(&earlier).map(|z| zones::zone_label(z.time_zone())).unwrap_or_default())))}
                        </button>
                        <button type="button" on:click=move |_| pick(l2.clone())>
                            {format!("Second: {}", zones::show_stamp(&later, &zones::zone_or_utc(&zones::parse_stamp(&later).map(|z| zones::zone_label(z.time_zone())).unwrap_or_default())))}
                        </button>
                    </div>
                }
            })}
            <FieldProblems path=path />
        </div>
    }
}

/// A list of short texts (contributing factors, lessons) with add and remove.
#[component]
pub fn StringList(
    /// Name of one item: "Contributing factor" -> "Contributing factor 2".
    #[prop(into)]
    item: String,
    #[prop(into)] path: String,
    #[prop(into)] items: Field<Vec<String>>,
    /// The section it is in (the focus goes to its heading after a removal).
    section: &'static str,
) -> impl IntoView {
    let ed = editor();
    let len = move || items.read().len();
    let add_label = format!("Add {}", item.to_ascii_lowercase());
    let path_for_add = path.clone();
    view! {
        <div class="string-list">
            <ul>
                <Rows len=Signal::derive(len) row=rows(move |i| {
                        let name = format!("{} {}", item, i + 1);
                        let remove_label = format!("Remove {}", name.to_ascii_lowercase());
                        let p = format!("{path}[{i}]");
                        let path = path.clone();
                        let what = name.to_ascii_lowercase();
                        // Enter in the last item adds the next one; elsewhere it moves on.
                        let on_enter = Callback::new(move |_| {
                            if i + 1 == items.read_untracked().len() {
                                let path = path.clone();
                                crate::ui::rows::add(items, move |n| format!("{path}[{n}]"));
                            } else {
                                ed.focus_request.set(Some(format!("{path}[{}]", i + 1)));
                            }
                        });
                        view! {
                            <li class="list-row">
                                <TextField label=name.clone() path=p value=Bind::row(items, i, String::clone, |e, v| *e = v) hide_label=true on_enter=on_enter />
                                <button type="button" class="icon" aria-label=remove_label title="Remove"
                                    on:click=move |_| crate::ui::rows::delete(items, i, what.clone(), section)>"\u{2715}"</button>
                            </li>
                        }.into_any()
                        }) />
            </ul>
            <button type="button" class="add" disabled=move || ed.read_only.get().is_some() on:click=move |_| {
                let path = path_for_add.clone();
                crate::ui::rows::add(items, move |n| format!("{path}[{n}]"));
            }>{add_label}</button>
        </div>
    }
}
