//! Impact: what users felt, figures, and the five key times with the
//! response metrics derived from them.

use super::Section;
use crate::ui::state::editor;
use crate::ui::time_field::TimeField;
use crate::ui::widgets::row_path;
use crate::ui::widgets::{item, items, rows, Bind, Keyed, Rows, TextArea, TextField};
use leptos::prelude::*;
use postmortem_core::metrics::metrics;
use postmortem_core::model::{
    DocumentStoreFields, ImpactMetric, ImpactStoreFields, KeyTime, KeyTimesStoreFields,
};
use postmortem_core::path::{Part, Path, Top};

#[component]
pub fn Impact() -> impl IntoView {
    let ed = editor();
    let doc = ed.doc;
    let metrics_field: reactive_stores::Field<Vec<ImpactMetric>> = doc.impact().metrics().into();
    let len = move || metrics_field.read().len();
    view! {
        <Section id="impact" title="Impact">
            <TextArea label="Impact" path="impact.description" value=Bind::field(doc.impact().description())
                hint="Who was affected and how: errors, delays, data. Markdown." />
            <h3>"Figures"</h3>
            <div class="rows">
                <Rows len=Signal::derive(len) row=rows(move |i| {
                        view! {
                            <div class="row metric-row">
                                <TextField label="Figure" aria_label=format!("Metric {} label", i + 1) path=row_path(Top::Metrics, i, Part::Label) value=Bind::row(metrics_field, i, |e| e.label.clone(), |e, v| e.label = v) placeholder="Failed requests" />
                                <TextField label="Value" aria_label=format!("Metric {} value", i + 1) path=row_path(Top::Metrics, i, Part::Value) value=Bind::row(metrics_field, i, |e| e.value.clone(), |e, v| e.value = v) placeholder="~2,300" on_enter=Callback::new(move |_| if i + 1 == len() { crate::ui::rows::add(metrics_field, |n| row_path(Top::Metrics, n, Part::Label)) }) />
                                <button type="button" class="icon" aria-label=format!("Remove metric {}", i + 1) title="Remove"
                                    on:click=move |_| crate::ui::rows::delete(metrics_field, i, format!("metric {}", i + 1), "impact")>"\u{2715}"</button>
                            </div>
                        }.into_any()
                        }) />
            </div>
            <button type="button" class="add" disabled=move || ed.read_only.get().is_some() on:click=move |_| {
                crate::ui::rows::add(metrics_field, |n| row_path(Top::Metrics, n, Part::Label));
            }>"Add metric"</button>
            <KeyTimesForm />
        </Section>
    }
}

#[component]
fn KeyTimesForm() -> impl IntoView {
    let doc = editor().doc;
    let times = doc.times();
    let fields = [
        (KeyTime::Started, times.started()),
        (KeyTime::Detected, times.detected()),
        (KeyTime::Acknowledged, times.acknowledged()),
        (KeyTime::Mitigated, times.mitigated()),
        (KeyTime::Resolved, times.resolved()),
    ];
    // With the response metrics, the timeline chart's text alternative (its
    // aria-describedby): the key times in words.
    view! {
        <div id=crate::ui::chart::KEY_TIMES_ID>
        <h3>"Key times"</h3>
        <div class="key-times">
            {fields.into_iter().map(|(k, field)| {
                let approx_id = format!("f-times-{}-approx", k.word());
                view! {
                    <div class="key-time">
                        <TimeField label=k.label() path=Path::part(Top::Times, Part::key(k)).to_string() stamp=Bind::field(field)
                            context=Callback::new(move |_| editor().doc.with_untracked(|d| postmortem_core::time::clock::key_time_context(d, k))) />
                        <div class="check">
                            <input type="checkbox" id=approx_id.clone()
                                prop:checked=move || times.read().is_approximate(k)
                                on:change=move |ev| times.update(|t| t.set_approximate(k, event_target_checked(&ev))) />
                            <label for=approx_id>{format!("{} is approximate", k.label())}</label>
                        </div>
                    </div>
                }.into_any()
            }).collect::<Vec<_>>()}
        </div>
        </div>
        <MetricsPanel />
    }
}

/// Duration, TTD, TTA, TTM, TTR with their formulas.
#[component]
pub fn MetricsPanel() -> impl IntoView {
    let doc = editor().doc;
    let times = doc.times();
    let rows = Memo::new(move |_| {
        let t = times.get();
        let d = postmortem_core::model::Document {
            times: t,
            ..Default::default()
        };
        metrics(&d)
    });
    view! {
        <div class="metrics" role="region" aria-label="Metrics">
            <h3>"Response metrics"</h3>
            <dl id=crate::ui::chart::METRICS_ID>
                <Keyed items=items(move || rows.get().into_iter().map(|m| item((m.key, m.text()), move || view! {
                    <div class="metric">
                        <dt>{m.label}</dt>
                        <dd><span class="value">{m.text()}</span> <span class="formula">{m.formula}</span></dd>
                    </div>
                }.into_any())).collect()) />
            </dl>
        </div>
    }
}
