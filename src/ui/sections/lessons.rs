//! Lessons: what went well, what went wrong, where we got lucky.

use super::Section;
use crate::ui::state::editor;
use crate::ui::widgets::StringList;
use leptos::prelude::*;
use postmortem_core::model::{DocumentStoreFields, LessonsStoreFields};

#[component]
pub fn Lessons() -> impl IntoView {
    let l = editor().doc.lessons();
    view! {
        <Section id="lessons" title="Lessons">
            <h3>"What went well"</h3>
            <StringList item="Went well" section="lessons" path="lessons.went_well" items=l.went_well() />
            <h3>"What went wrong"</h3>
            <StringList item="Went wrong" section="lessons" path="lessons.went_wrong" items=l.went_wrong() />
            <h3>"Where we got lucky"</h3>
            <StringList item="Lucky" section="lessons" path="lessons.lucky" items=l.lucky() />
        </Section>
    }
}
