//! Form controls bound to fields of the document store. Each shows the
//! problems validation found at its path (`aria-invalid`, the sentence linked
//! by `aria-describedby`) and writes only its own field: typing in a field
//! outside the lists wakes that control alone, typing in a row wakes the
//! controls of that row alone.

use super::state::{editor, field_id, problems_at};
use leptos::prelude::*;
use postmortem_core::model::*;
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

/// The input handler of a text control: the field at `path` is being typed
/// in (its problems wait), and the text goes to the document.
fn typed_into(path: String, value: Bind<String>) -> impl Fn(leptos::ev::Event) + 'static {
    move |ev| {
        editor().typing_in(&path);
        value.set.run(event_target_value(&ev))
    }
}

/// The path of a field of a list's row (`timeline[3].at`), as the text the
/// controls and the problems' triggers are keyed by.
pub fn row_path(
    top: postmortem_core::path::Top,
    row: usize,
    part: postmortem_core::path::Part,
) -> String {
    postmortem_core::path::Path::row(top, row, part).to_string()
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
pub(super) fn invalid_attr(path: &str) -> Signal<&'static str> {
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
                on:input=typed_into(path.clone(), value)
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
                on:input=typed_into(path.clone(), value)
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
