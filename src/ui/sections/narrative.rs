//! The free-text sections: summary, detection, resolution and notes.
//! Each is Markdown in a plain textarea; the preview renders it.

use super::Section;
use crate::ui::state::editor;
use crate::ui::widgets::{Bind, TextArea};
use leptos::prelude::*;
use postmortem_core::model::DocumentStoreFields;

#[component]
pub fn Summary() -> impl IntoView {
    let doc = editor().doc;
    view! {
        <Section id="summary" title="Summary">
            <TextArea label="Summary" hide_label=true path="summary" value=Bind::field(doc.summary()) rows=5
                hint="What happened, who was affected, how it ended. Markdown." />
        </Section>
    }
}

#[component]
pub fn Detection() -> impl IntoView {
    let doc = editor().doc;
    view! {
        <Section id="detection" title="Detection">
            <TextArea label="Detection" hide_label=true path="detection" value=Bind::field(doc.detection())
                hint="How the problem was noticed, and how it could have been noticed sooner." />
        </Section>
    }
}

#[component]
pub fn Resolution() -> impl IntoView {
    let doc = editor().doc;
    view! {
        <Section id="resolution" title="Resolution">
            <TextArea label="Resolution" hide_label=true path="resolution" value=Bind::field(doc.resolution())
                hint="What stopped the impact and what restored normal service." />
        </Section>
    }
}

#[component]
pub fn Notes() -> impl IntoView {
    let doc = editor().doc;
    view! {
        <Section id="notes" title="Notes">
            <TextArea label="Notes" hide_label=true path="notes" value=Bind::field(doc.notes()) rows=3
                hint="Anything else. Text an import could not place lands here, word for word." />
        </Section>
    }
}
