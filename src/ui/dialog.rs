//! The page's one kind of dialog: a modal `<dialog>` shown with
//! `showModal()`, so the rest of the page is inert. The focus goes inside,
//! Tab and Shift+Tab stay inside, Escape closes it, and the focus goes back
//! to where it was when the dialog opened.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Focuses an HTML or SVG element (a chart's mark is SVG).
fn focus(e: &web_sys::Element) {
    if let Some(h) = e.dyn_ref::<web_sys::HtmlElement>() {
        let _ = h.focus();
    } else if let Some(s) = e.dyn_ref::<web_sys::SvgElement>() {
        let _ = s.focus();
    }
}

/// The focusable controls inside `root`, in order (SVG ones too).
fn focusables(root: &web_sys::Element) -> Vec<web_sys::Element> {
    let Ok(list) = root.query_selector_all(
        "button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), a[href], [tabindex]:not([tabindex='-1'])",
    ) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::Element>().ok())
        .collect()
}

/// A modal dialog, open while `open` holds. `on_close` runs when the user
/// closes it with Escape; buttons inside close it by clearing `open`.
#[component]
pub fn Modal(
    open: Signal<bool>,
    on_close: Callback<()>,
    /// The id of the dialog's heading.
    labelled_by: &'static str,
    children: ChildrenFn,
) -> impl IntoView {
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    // Where the focus was before the dialog opened.
    let before = StoredValue::new_local(None::<web_sys::HtmlElement>);
    Effect::new(move |_| {
        let Some(d) = dialog.get() else { return };
        let el: &web_sys::HtmlDialogElement = &d;
        if open.get() {
            if !el.open() {
                before.set_value(
                    document()
                        .active_element()
                        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()),
                );
                let _ = el.show_modal();
                // The contents are drawn in this same turn; focus the first
                // control marked `autofocus`, else the first control.
                let el = el.clone();
                request_animation_frame(move || {
                    let first = el
                        .query_selector("[autofocus]")
                        .ok()
                        .flatten()
                        .or_else(|| focusables(&el).into_iter().next());
                    if let Some(f) = first {
                        focus(&f);
                    }
                });
            }
        } else if el.open() {
            el.close();
            // Back where it was; if that control is hidden now (the phone's
            // folded menu), to the menu's button, else to the form.
            let fallback = || {
                ["button.menu-toggle", "#main"].iter().find_map(|sel| {
                    document()
                        .query_selector(sel)
                        .ok()
                        .flatten()
                        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
                        .filter(|e| e.offset_parent().is_some() || e.id() == "main")
                })
            };
            let target = before
                .get_value()
                .filter(|b| b.offset_parent().is_some())
                .or_else(fallback);
            if let Some(b) = target {
                let _ = b.focus();
            }
        }
    });
    // Tab from the last control goes to the first, Shift+Tab from the first to the last.
    let on_keydown = move |ev: web_sys::KeyboardEvent| {
        if ev.key() != "Tab" {
            return;
        }
        let Some(d) = dialog.get() else { return };
        let all = focusables(&d);
        let (Some(first), Some(last)) = (all.first(), all.last()) else {
            return;
        };
        let active = document().active_element();
        let at = |e: &web_sys::Element| active.as_ref().is_some_and(|a| a == e);
        let inside = active.as_ref().is_some_and(|a| d.contains(Some(a)));
        if ev.shift_key() && (at(first) || !inside) {
            ev.prevent_default();
            focus(last);
        } else if !ev.shift_key() && (at(last) || !inside) {
            ev.prevent_default();
            focus(first);
        }
    };
    view! {
        <dialog node_ref=dialog class="modal" aria-labelledby=labelled_by
            on:keydown=on_keydown
            on:cancel=move |ev: web_sys::Event| { ev.prevent_default(); on_close.run(()); }>
            <super::widgets::When when=open>{children()}</super::widgets::When>
        </dialog>
    }
}
