//! "Re-read times in another zone…": for times that were typed or imported in
//! the wrong zone. Every clock reading keeps its wall-clock time and takes the
//! chosen zone (the core's reread), shown first as a list of what changes, applied
//! as one undo step. (Changing the document zone, by contrast, keeps instants.)

use super::dialog::Modal;
use super::state::editor;
use super::widgets::{item, items, Keyed};
use leptos::prelude::*;
use postmortem_core::{reread, time::zones};

/// The button and its dialog.
#[component]
pub fn Reread() -> impl IntoView {
    let ed = editor();
    let open = RwSignal::new(false);
    let typed = RwSignal::new(String::new());
    let target = zone_named(typed);
    // What re-reading would do, recomputed as the zone is typed.
    let plan = Memo::new(move |_| {
        let zone = target.get().ok()?;
        ed.doc.with(|d| reread::reread(d, &zone).ok()).map(|r| {
            let changes: Vec<(String, String, String)> = r
                .changes
                .iter()
                .map(|c| {
                    let own = |s: &postmortem_core::model::Stamp| match zones::parse_stamp(s) {
                        Ok(z) => zones::show(&z, z.time_zone()),
                        Err(_) => s.0.clone(),
                    };
                    (reread::place(&c.path), own(&c.before), own(&c.after))
                })
                .collect();
            let refused: Vec<String> = r
                .refused
                .iter()
                .map(|(path, e)| format!("{}: {e}", reread::place(path)))
                .collect();
            (zone, changes, refused, r.doc)
        })
    });
    let apply = move || {
        let Some((zone, changes, _, doc)) = plan.get_untracked() else {
            return;
        };
        ed.step(|| ed.doc.set(doc));
        ed.edits.update(|n| *n += 1);
        open.set(false);
        ed.say(format!(
            "{} time{} re-read in {zone}. Undo brings them back.",
            changes.len(),
            if changes.len() == 1 { "" } else { "s" }
        ));
    };
    view! {
        <button type="button" class="quiet reread-open" on:click=move |_| { typed.set(String::new()); open.set(true); }>"Re-read times in another zone\u{2026}"</button>
        <Modal open=Signal::derive(move || open.get()) on_close=Callback::new(move |_| open.set(false)) labelled_by="reread-title">
            <h2 id="reread-title">"Re-read times in another zone"</h2>
            <p>"For times that were typed or imported in the wrong zone: each keeps its clock reading (03:15 stays 03:15) and takes the zone you choose, so the instants move. To show the same instants in another zone, change the document zone instead."</p>
            <div class="field">
                <label for="reread-zone">"Zone the times were really in"</label>
                <input id="reread-zone" list="zone-names" autocomplete="off" spellcheck="false" placeholder="e.g. Europe/London or london"
                    aria-describedby="reread-zone-hint"
                    prop:value=move || typed.get()
                    on:input=move |ev| typed.set(event_target_value(&ev)) />
                <p id="reread-zone-hint" class="hint" aria-live="polite">{move || match target.get() {
                    Ok(z) => format!("Times will be read in {z}."),
                    Err(e) => e,
                }}</p>
            </div>
            {move || plan.get().map(|(_, changes, refused, _)| {
                let count = changes.len();
                view! {
                    <p>{if count == 0 { "No time changes.".to_string() } else { format!("{count} time{} will change:", if count == 1 { "" } else { "s" }) }}</p>
                    <ul class="reread-changes">
                        <Keyed items=items(move || changes.clone().into_iter().enumerate().map(|(i, (what, before, after))| {
                            item((i, before.clone(), after.clone()), move || view! { <li>{format!("{what}: {before} \u{2192} {after}")}</li> }.into_any())
                        }).collect()) />
                    </ul>
                    {(!refused.is_empty()).then(|| view! {
                        <p>"These stay as they are (pick them by hand):"</p>
                        <ul>{refused.into_iter().map(|r| view! { <li>{r}</li> }.into_any()).collect::<Vec<_>>()}</ul>
                    })}
                }
            })}
            <div class="banner-buttons">
                <button type="button" class="primary" disabled=move || plan.with(|p| p.as_ref().is_none_or(|p| p.1.is_empty()))
                    on:click=move |_| apply()>"Re-read times"</button>
                <button type="button" on:click=move |_| open.set(false)>"Cancel"</button>
            </div>
        </Modal>
    }
}

/// The zone the text typed in a zone field names, or why it names none
/// (empty while nothing is typed).
pub fn zone_named(typed: RwSignal<String>) -> Memo<Result<String, String>> {
    Memo::new(move |_| {
        let t = typed.get();
        if t.trim().is_empty() {
            return Err(String::new());
        }
        zones::find_zone(&t).map_err(|e| e.to_string())
    })
}
