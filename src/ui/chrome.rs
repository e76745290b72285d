//! The page's chrome around the form: the phone's bar that switches views
//! (with the count of problems), and the messages area (with Undo when a
//! message offers it; a message goes by itself after a while).

use super::state::editor;
use leptos::prelude::*;

/// On a phone, one view at a time: the list, the form, problems, preview.
#[component]
pub fn PaneBar() -> impl IntoView {
    let ed = editor();
    let pane = ed.pane;
    view! {
        <nav class="pane-bar" aria-label="Views">
            {[("library", "Postmortems"), ("form", "Form"), ("problems", "Problems"), ("preview", "Preview")].into_iter().map(|(key, name)| view! {
                <button type="button" aria-pressed=move || (pane.get() == key).to_string()
                    on:click=move |_| { pane.set(key); window().scroll_to_with_x_and_y(0.0, 0.0); }>
                    {name}
                    {(key == "problems").then(|| view! { <span class="count">{move || {
                        let n = ed.visible().len();
                        if n == 0 { String::new() } else { format!(" {n}") }
                    }}</span> })}
                </button>
            }.into_any()).collect::<Vec<_>>()}
        </nav>
    }
}

/// The message of the moment, read out politely, with Undo when it has one.
#[component]
pub fn Toasts() -> impl IntoView {
    let ed = editor();
    // A message goes after a while (one with Undo stays longer), unless
    // another has replaced it by then.
    let generation = StoredValue::new(0u64);
    Effect::new(move |_| {
        let Some(has_undo) = ed.toast.with(|t| t.as_ref().map(|t| t.undo.is_some())) else {
            return;
        };
        generation.update_value(|g| *g += 1);
        let shown = generation.get_value();
        set_timeout(
            move || {
                if generation.get_value() == shown {
                    ed.toast.set(None);
                }
            },
            std::time::Duration::from_secs(if has_undo { 20 } else { 8 }),
        );
    });
    view! {
        <div class="toast-area" role="status" aria-live="polite">
            {move || ed.toast.get().map(|t| view! {
                <div class="toast">
                    <span>{t.text}</span>
                    {t.undo.map(|u| view! { <button type="button" on:click=move |_| u.run(())>"Undo"</button> })}
                    <button type="button" class="icon" aria-label="Dismiss message" on:click=move |_| ed.toast.set(None)>"\u{2715}"</button>
                </div>
            })}
        </div>
    }
}
