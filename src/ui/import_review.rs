//! The import review, shown at the top of the form after every import until
//! it is dismissed: what was read, the zone and date assumed for times that
//! carry none and the line that said so, and what to check, each item a
//! button that goes to its field. Two fixes: re-read the times read in the
//! assumed zone in another zone, and move the times dated from the assumed
//! date to another day (the core's reread, one undo step each). Every sentence
//! comes from the core's review. The review is kept in storage beside
//! its document (`storage::keep_review`) and shown whenever the document is
//! open, after a reload too, until "Done reviewing".

use super::panels::focus_path;
use super::state::{editor, ImportReport};
use super::storage;
use leptos::prelude::*;
use postmortem_core::reread;
use postmortem_core::review::{Basis, Group, ItemKind};

/// The heading's id: the import puts the focus there.
pub const HEADING_ID: &str = "import-review-title";

#[component]
pub fn ImportReview() -> impl IntoView {
    let ed = editor();
    move || ed.import.get().map(|report| view! { <Report report /> })
}

#[component]
fn Report(report: ImportReport) -> impl IntoView {
    let ed = editor();
    let review = report.review.clone();
    let groups = review.groups();
    let notices = report.notices.clone();
    let sections = review.sections.clone();
    let to_notes = review.lines_to_notes;
    view! {
        <section class="import-review" role="region" aria-labelledby=HEADING_ID>
            <h2 id=HEADING_ID tabindex="-1">"Import review"</h2>
            <p>{format!("\u{201c}{}\u{201d}: {}", report.name, review.counts())}</p>
            {review.zone_sentence().map(|s| view! { <p class="assumed">{s}</p> })}
            {(!review.zone_paths.is_empty()).then(|| view! { <ZoneFix /> })}
            {review.date_sentence().map(|s| view! { <p class="assumed">{s}</p> })}
            {(!review.date_paths.is_empty() && review.date.as_ref().is_some_and(|d| !d.value.is_empty())).then(|| view! { <DateFix /> })}
            {(!groups.is_empty()).then(|| view! {
                <h3>"To check"</h3>
                <ul class="review-groups">
                    {groups.into_iter().map(|g| view! { <GroupRow group=g /> }).collect::<Vec<_>>()}
                </ul>
            })}
            {(!sections.is_empty()).then(|| {
                let n = sections.len();
                view! {
                    <details class="review-sections">
                        <summary>{format!("Where {n} heading{} went", if n == 1 { "" } else { "s" })}</summary>
                        <ul>
                            {sections.into_iter().map(|m| view! {
                                <li>{format!("Line {}: \u{201c}{}\u{201d} \u{2192} {}", m.line, m.heading, m.section)}</li>
                            }).collect::<Vec<_>>()}
                        </ul>
                    </details>
                }
            })}
            {(to_notes > 0).then(|| view! {
                <p>
                    {format!("{to_notes} line{} the editor could not place {} in Notes, as written. ", if to_notes == 1 { "" } else { "s" }, if to_notes == 1 { "is" } else { "are" })}
                    <button type="button" class="link" on:click=move |_| focus_path("notes")>"Go to Notes"</button>
                </p>
            })}
            {(!notices.is_empty()).then(|| view! {
                <h3>"Notes from the reader"</h3>
                <ul class="notice-list">
                    {notices.into_iter().map(|n| view! { <li>{format!("Line {}: {}", n.line, n.message)}</li> }).collect::<Vec<_>>()}
                </ul>
            })}
            <button type="button" on:click=move |_| {
                storage::forget_review(&ed.doc_id.get_untracked());
                ed.import.set(None);
            }>"Done reviewing"</button>
        </section>
    }
}

/// Keeps the review as it now is with its document (after a fix).
fn keep(ed: super::state::Editor) {
    if let Some(report) = ed.import.get_untracked() {
        let _ = storage::keep_review(&ed.doc_id.get_untracked(), &report);
    }
}

/// One kind of item: a line that opens to each, every item going to its field.
#[component]
fn GroupRow(group: Group) -> impl IntoView {
    let class = match group.kind {
        ItemKind::Unsure => "unsure",
        ItemKind::KeptAsText => "kept",
        ItemKind::Inferred => "inferred",
    };
    let items = group.items.clone();
    view! {
        <li class=class>
            <details open=group.kind == ItemKind::Unsure && group.items.len() <= 3>
                <summary>{group.title.clone()}</summary>
                <ul>
                    {items.into_iter().map(|i| {
                        let path = i.path.clone();
                        view! {
                            <li><button type="button" class="link" on:click=move |_| focus_path(&path)>{format!("Line {}: {}", i.line, i.message)}</button></li>
                        }
                    }).collect::<Vec<_>>()}
                </ul>
            </details>
        </li>
    }
}

/// Re-reads the times read in the assumed zone in the zone typed here.
#[component]
fn ZoneFix() -> impl IntoView {
    let ed = editor();
    let typed = RwSignal::new(String::new());
    let target = super::reread::zone_named(typed);
    let apply = move || {
        let (Ok(zone), Some(report)) = (target.get_untracked(), ed.import.get_untracked()) else {
            return;
        };
        let paths = report.review.zone_paths.clone();
        let Ok(result) = ed
            .doc
            .with_untracked(|d| reread::reread_paths(d, &zone, &paths))
        else {
            return;
        };
        let n = result.changes.len();
        let refused = result.refused.len();
        ed.step(|| ed.doc.set(result.doc));
        ed.edits.update(|e| *e += 1);
        ed.import.update(|r| {
            if let Some(z) = r.as_mut().and_then(|r| r.review.zone.as_mut()) {
                z.value = zone.clone();
                z.written = String::new();
                z.basis = Basis::Chosen;
            }
            if let Some(r) = r.as_mut() {
                r.review.items.retain(|i| i.code != "zone.none");
            }
        });
        keep(ed);
        typed.set(String::new());
        ed.say(format!(
            "{n} time{} re-read in {zone}.{} Undo brings them back.",
            if n == 1 { "" } else { "s" },
            if refused > 0 {
                format!(" {refused} fell in a clock change there and stayed as they were.")
            } else {
                String::new()
            }
        ));
    };
    view! {
        <form class="review-fix" on:submit=move |ev| { ev.prevent_default(); apply(); }>
            <label for="review-zone">"Zone those times were in"</label>
            <input id="review-zone" list="zone-names" autocomplete="off" spellcheck="false" placeholder="e.g. America/Los_Angeles or PST"
                aria-describedby="review-zone-hint"
                prop:value=move || typed.get()
                on:input=move |ev| typed.set(event_target_value(&ev)) />
            <button type="submit" disabled=move || target.with(|t| t.is_err())>"Re-read in this zone"</button>
            <p id="review-zone-hint" class="hint" aria-live="polite">{move || match target.get() {
                Ok(z) => format!("The times read without a zone will keep their clock readings and take {z}."),
                Err(e) => e,
            }}</p>
        </form>
    }
}

/// Moves the times dated from the assumed date to the date chosen here.
#[component]
fn DateFix() -> impl IntoView {
    let ed = editor();
    let assumed = move || {
        ed.import
            .with(|r| {
                r.as_ref()
                    .and_then(|r| r.review.date.as_ref())
                    .map(|d| d.value.clone())
            })
            .unwrap_or_default()
    };
    let typed = RwSignal::new(assumed());
    let days = Memo::new(move |_| {
        let from: jiff::civil::Date = assumed().parse().ok()?;
        let to: jiff::civil::Date = typed.get().parse().ok()?;
        let d = (to - from).get_days();
        (d != 0).then_some(d)
    });
    let apply = move || {
        let (Some(d), Some(report)) = (days.get_untracked(), ed.import.get_untracked()) else {
            return;
        };
        let result = ed
            .doc
            .with_untracked(|doc| reread::move_days(doc, &report.review.date_paths, d));
        let n = result.changes.len();
        ed.step(|| ed.doc.set(result.doc));
        ed.edits.update(|e| *e += 1);
        let to = typed.get_untracked();
        ed.import.update(|r| {
            if let Some(a) = r.as_mut().and_then(|r| r.review.date.as_mut()) {
                a.value = to.clone();
                a.basis = Basis::Chosen;
            }
        });
        keep(ed);
        ed.say(format!(
            "{n} time{} moved to {to}. Undo brings them back.",
            if n == 1 { "" } else { "s" }
        ));
    };
    view! {
        <form class="review-fix" on:submit=move |ev| { ev.prevent_default(); apply(); }>
            <label for="review-date">"Date of those times"</label>
            <input id="review-date" type="date" prop:value=move || typed.get()
                on:input=move |ev| typed.set(event_target_value(&ev)) />
            <button type="submit" disabled=move || days.get().is_none()>"Move to this date"</button>
        </form>
    }
}
