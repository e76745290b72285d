//! Root cause: the trigger, the explanation, and what made it worse.

use super::Section;
use crate::ui::state::editor;
use crate::ui::widgets::{Bind, StringList, TextArea};
use leptos::prelude::*;
use postmortem_core::model::{DocumentStoreFields, RootCauseStoreFields};

#[component]
pub fn RootCause() -> impl IntoView {
    let rc = editor().doc.root_cause();
    view! {
        <Section id="root_cause" title="Root cause">
            <TextArea label="Trigger" path="root_cause.trigger" value=Bind::field(rc.trigger()) rows=2
                hint="The change or event that set it off." />
            <TextArea label="Root cause" path="root_cause.description" value=Bind::field(rc.description()) rows=5
                hint="Why it happened, and why it was not caught. Markdown." />
            <h3>"Contributing factors"</h3>
            <StringList item="Contributing factor" section="root_cause" path="root_cause.contributing_factors" items=rc.contributing_factors() />
        </Section>
    }
}
