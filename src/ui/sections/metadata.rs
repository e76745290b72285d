//! Title, status, severity, people, tags, services and the document time zone.

use super::Section;
use crate::ui::state::{editor, field_id};
use crate::ui::widgets::{choices, Bind, FieldProblems, Select, TextField};
use leptos::prelude::*;
use postmortem_core::model::{DocumentStoreFields, Severity, Status};
use reactive_stores::Field;

/// A comma-separated list bound to a `Vec<String>` field.
#[component]
fn CommaList(
    #[prop(into)] label: String,
    #[prop(into)] path: String,
    #[prop(into)] value: Field<Vec<String>>,
) -> impl IntoView {
    let id = field_id(&path);
    let text = RwSignal::new(value.get_untracked().join(", "));
    Effect::new(move |_| {
        let list = value.get();
        let parsed: Vec<String> = split(&text.get_untracked());
        if parsed != list {
            text.set(list.join(", "));
        }
    });
    let read_only = move || editor().read_only.get().is_some();
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input id=id type="text" readonly=read_only prop:value=move || text.get()
                on:input=move |ev| {
                    let t = event_target_value(&ev);
                    let parsed = split(&t);
                    text.set(t);
                    if parsed != value.get_untracked() {
                        value.set(parsed);
                    }
                } />
            <p class="hint">"Separate with commas."</p>
        </div>
    }
}

fn split(text: &str) -> Vec<String> {
    text.split(',')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

#[component]
pub fn Metadata() -> impl IntoView {
    let ed = editor();
    let doc = ed.doc;
    let zone_id = field_id("time_zone");
    let zone_text = RwSignal::new(doc.time_zone().get_untracked());
    // Why the zone last typed (and left) names no zone; nothing while typing.
    let zone_error = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        zone_text.set(doc.time_zone().get());
        zone_error.set(None);
    });
    let zone_invalid = move || zone_error.with(|e| e.is_some());
    let read_only = move || ed.read_only.get().is_some();
    view! {
        <Section id="metadata" title="About this postmortem">
            <TextField label="Title" path="title" value=Bind::field(doc.title()) placeholder="e.g. Checkout payments declined after certificate rotation" />
            <div class="row3">
                <Select label="Status" path="status" choices={choices::<Status>()} value=Bind {
                    get: Signal::derive(move || doc.status().get().word().into()),
                    set: Callback::new(move |w: String| if let Some(v) = Status::from_word(&w) { doc.status().set(v) }),
                } />
                <Select label="Severity" path="severity" optional=true choices={choices::<Severity>()} value=Bind {
                    get: Signal::derive(move || doc.severity().get().map_or("", Severity::word).into()),
                    set: Callback::new(move |w: String| doc.severity().set(Severity::from_word(&w))),
                } />
                <div class="field">
                    <label for=zone_id.clone()>"Document time zone"</label>
                    <input id=zone_id list="zone-names" autocomplete="off" spellcheck="false" readonly=read_only
                        aria-describedby="f-time_zone-problems f-time_zone-hint"
                        aria-invalid=move || if zone_invalid() { "true" } else { "false" }
                        prop:value=move || zone_text.get()
                        on:input=move |ev| zone_text.set(event_target_value(&ev))
                        on:change=move |ev| {
                            // The document zone changes how times are shown; every stamp keeps its instant.
                            // Any capitalisation, a city or an abbreviation names it ("lagos", "WAT").
                            match postmortem_core::time::zones::find_zone(&event_target_value(&ev)) {
                                Ok(z) => {
                                    zone_error.set(None);
                                    zone_text.set(z.clone());
                                    if doc.time_zone().get_untracked() != z {
                                        ed.step(|| doc.time_zone().set(z));
                                    }
                                }
                                Err(e) => zone_error.set(Some(e.to_string())),
                            }
                        } />
                    <p id="f-time_zone-hint" class="hint" class:field-problem=zone_invalid class:error=zone_invalid>{move || zone_error.get().unwrap_or_else(|| zone_hint(&doc.time_zone().get()))}</p>
                    <crate::ui::reread::Reread />
                    <FieldProblems path="time_zone" />
                </div>
            </div>
            <div class="row3">
                <CommaList label="Authors" path="authors" value=doc.authors() />
                <CommaList label="Services" path="services" value=doc.services() />
                <CommaList label="Tags" path="tags" value=doc.tags() />
            </div>
        </Section>
    }
}

/// The line under the document zone: an offset or an `Etc/GMT` name says
/// the offset it is (`Etc/GMT+1` is UTC\u{2212}01:00).
fn zone_hint(zone: &str) -> String {
    let title = postmortem_core::time::zones::zone_title(zone);
    if title == zone {
        "Times are shown in this zone; changing it keeps every instant.".to_string()
    } else {
        format!("Times are shown in {title}; changing the zone keeps every instant.")
    }
}
