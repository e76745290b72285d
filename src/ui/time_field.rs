//! The time field: a moment typed the way people write times, read by
//! `postmortem_core::time::clock` in the context of the field (the time before it), stored as
//! a stamp, or as typed when it does not read.

use super::state::{editor, field_id};
use super::widgets::{invalid_attr, Bind, FieldProblems};
use leptos::prelude::*;
use postmortem_core::model::{DocumentStoreFields, Stamp};
use postmortem_core::time::clock::{self, Context, Reading};
use postmortem_core::time::zones::{self, TimeError};

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
    // The user named this field's zone in its zone input.
    let zone_from_user = RwSignal::new(false);
    // A time of day with no zone word takes the zone of the time it takes
    // its date from, unless the field shows another zone than the
    // document's, or the user chose it.
    let follows_anchor = move |z: &str| {
        !zone_from_user.get_untracked() && ed.doc.with_untracked(|d| d.time_zone == z)
    };
    let draft_for = move |stamp: &Stamp| -> Option<(String, String)> {
        let (wall, z) = draft_of(stamp)?;
        let short = wall.get(11..).unwrap_or_default().to_string();
        let mut ctx = context.run(());
        ctx.zone_from_anchor = follows_anchor(&z);
        ctx.zone = z.clone();
        // In an hour that happens twice, the abbreviation says which one.
        let abbreviated = |t: &str| {
            zones::parse_stamp(stamp).ok().map(|st| {
                format!(
                    "{t} {}",
                    zones::abbreviation(st.time_zone(), st.timestamp())
                )
            })
        };
        let reads_back = |t: &str| clock::read(t, &ctx).is_ok_and(|r| &r.stamp == stamp);
        let candidates = [
            Some(short.clone()),
            abbreviated(&short),
            Some(wall.clone()),
            abbreviated(&wall),
        ];
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
        ctx.zone_from_anchor = follows_anchor(&ctx.zone);
        Some(clock::read(text, &ctx))
    };
    // What the draft would store: the stamp it reads as, else the text as
    // typed, with the zone beside it when that is not the document's or the
    // user chose it (so validation, and the field after a reload, read it
    // in that zone).
    let stored_for = move |text: &str, read: &Option<Result<Reading, TimeError>>| match read {
        None => None,
        Some(Ok(r)) => Some(r.stamp.clone()),
        Some(Err(_)) => {
            let z = zone.get_untracked();
            Some(Stamp(
                if z == doc_zone() && !zone_from_user.get_untracked() {
                    text.trim().to_string()
                } else {
                    format!("{} {z}", text.trim())
                },
            ))
        }
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
                None => {
                    if current.is_none() {
                        // An empty field follows the document zone again.
                        zone.set(doc_zone());
                        zone_chosen.set(false);
                        zone_from_user.set(false);
                    }
                    draft.set(current.map(|s| s.0).unwrap_or_default())
                }
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
            if let Some(note) = &r.note {
                return note.said.clone();
            }
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
        let stored = stamp_now.get().and_then(|s| zones::parse_stamp(&s).ok());
        if let Some(st) = stored {
            return if zones::zone_label(st.time_zone()) == z && z.contains('/') {
                zones::abbreviation(st.time_zone(), st.timestamp())
            } else {
                z
            };
        }
        // No time yet: the zone's abbreviation near the time before, else
        // now (its full name is the title, and shows in focus).
        let tz = match zones::zone(&z) {
            Ok(tz) if z.contains('/') => tz,
            _ => return z,
        };
        let at = context
            .run(())
            .anchor
            .map(|a| a.timestamp())
            .or_else(|| jiff::Timestamp::from_millisecond(js_sys::Date::now() as i64).ok());
        at.map_or(z, |ts| zones::abbreviation(&tz, ts))
    };
    // The other reading of a time (New York's clock for EST in summer,
    // month first for 12/03/2025): one click takes it.
    let other = move || match reading.get() {
        Some(Ok(Reading {
            note: Some(clock::Note {
                other: Some(other), ..
            }),
            ..
        })) => Some(other),
        _ => None,
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
                    on:focus=move |ev| {
                        // In focus the zone shows its full name, selected, so
                        // typing replaces it (out of focus: "WAT").
                        let el = event_target::<web_sys::HtmlInputElement>(&ev);
                        el.set_value(&zone.get_untracked());
                        el.select();
                        zone_focused.set(true);
                    }
                    on:blur=move |_| zone_focused.set(false)
                    on:change=move |ev| {
                        let typed = event_target_value(&ev);
                        match zones::find_zone(&typed) {
                            Ok(z) => {
                                zone_error.set(None);
                                zone.set(z);
                                zone_chosen.set(true);
                                zone_from_user.set(true);
                                commit();
                            }
                            Err(e) => zone_error.set(Some(e.to_string())),
                        }
                    }
                />
            </div>
            <p id=local_id class="time-shown">{shown}</p>
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
            {move || other().map(|(label, stamp)| view! {
                <div class="fold-choice other-reading">
                    <button type="button" on:click=move |_| pick(stamp.clone())>
                        {format!("Read as {label}")}
                    </button>
                </div>
            })}
            <FieldProblems path=path />
        </div>
    }
}
