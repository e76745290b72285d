//! The early Title field: index.html shows it before the app has arrived, and
//! `public/early.js` fills it from storage and makes it editable when it can
//! tell which postmortem will open. At start-up the app takes over what was
//! typed there, with the focus and the caret, and removes the early page in
//! the same task, so no keystroke falls between the two fields.

use wasm_bindgen::prelude::Closure;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;

/// Runs `start` now, or, while an input method is composing text in the
/// early field (early.js marks it `data-composing`), once the composition
/// ends: taking the field over mid-composition would end it, and the
/// committed text would then be added again to the app's field.
pub fn after_composition(start: impl FnOnce() + 'static) {
    let composing = web_sys::window().and_then(|w| w.document()).and_then(|d| {
        d.query_selector("#early #f-title[data-composing]")
            .ok()
            .flatten()
    });
    let Some(input) = composing else {
        return start();
    };
    // After the composition's own events, with the final text in the field.
    let later = Closure::once_into_js(move || {
        leptos::prelude::set_timeout(start, std::time::Duration::ZERO)
    });
    let options = web_sys::AddEventListenerOptions::new();
    options.set_once(true);
    if input
        .add_event_listener_with_callback_and_add_event_listener_options(
            "compositionend",
            later.unchecked_ref(),
            &options,
        )
        .is_err()
    {
        // Cannot wait: start now rather than never.
        if let Some(f) = later.dyn_ref::<js_sys::Function>() {
            let _ = f.call0(&wasm_bindgen::JsValue::NULL);
        }
    }
}

/// What the early Title field held when the app took over.
#[derive(Clone, Debug, Default)]
pub struct EarlyTitle {
    /// Its text, when the user changed what early.js filled in.
    pub typed: Option<String>,
    /// The stored postmortem early.js read the title from; empty for a new one.
    pub doc: String,
    /// The selection, when the field had the focus.
    selection: Option<(u32, u32)>,
}

/// Removes the early page and says what its Title field held. `None` when
/// there was none, or it was never editable (nothing can have been typed).
pub fn take() -> Option<EarlyTitle> {
    let document = web_sys::window()?.document()?;
    let page = document.get_element_by_id("early")?;
    let input = document
        .get_element_by_id("f-title")
        .and_then(|e| e.dyn_into::<HtmlInputElement>().ok());
    // Read before removing: removal takes the focus away.
    let held = input.filter(|i| !i.read_only()).map(|input| {
        let focused = document
            .active_element()
            .is_some_and(|e| e.is_same_node(Some(&input)));
        let selection = focused.then(|| {
            let start = input.selection_start().ok().flatten().unwrap_or(0);
            (start, input.selection_end().ok().flatten().unwrap_or(start))
        });
        (input, selection)
    });
    page.remove();
    let (input, selection) = held?;
    let value = input.value();
    let loaded = input.get_attribute("data-loaded").unwrap_or_default();
    Some(EarlyTitle {
        typed: (value != loaded).then_some(value),
        doc: input.get_attribute("data-doc").unwrap_or_default(),
        selection,
    })
}

impl EarlyTitle {
    /// Once the app is drawn: its Title field takes the focus and caret the
    /// early one had.
    pub fn restore_focus(&self) {
        let Some((start, end)) = self.selection else {
            return;
        };
        let field = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("f-title"))
            .and_then(|e| e.dyn_into::<HtmlInputElement>().ok());
        if let Some(field) = field {
            // The focus moves now, so no keystroke finds no field. Its value
            // is written in a microtask queued as the app was drawn; the
            // caret is placed in one queued after it, still before any
            // keystroke is handled.
            let _ = field.focus();
            leptos::prelude::queue_microtask(move || {
                let _ = field.set_selection_range(start, end);
            });
        }
    }
}
