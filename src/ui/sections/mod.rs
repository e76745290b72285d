//! One component per section of the form, in the order of the exported file.

pub mod actions;
pub mod impact;
pub mod lessons;
pub mod links;
pub mod metadata;
pub mod narrative;
pub mod root_cause;
pub mod timeline;
pub mod updates;

/// A card for one section with its heading.
#[leptos::component]
pub fn Section(
    #[prop(into)] id: String,
    #[prop(into)] title: String,
    children: leptos::children::Children,
) -> impl leptos::IntoView {
    use leptos::prelude::*;
    let heading = format!("h-{id}");
    let labelled_by = heading.clone();
    view! {
        <section id=format!("s-{id}") class="card" aria-labelledby=labelled_by>
            <h2 id=heading tabindex="-1">{title}</h2>
            {children()}
        </section>
    }
}
