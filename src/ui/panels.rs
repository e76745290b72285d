//! The panels beside the form: "Show times in", Problems and Preview.

use super::state::{browser_zone, editor, field_id, Editor, ShowIn};
use super::widgets::{hashed, item, items, Keyed, When};
use leptos::prelude::*;
use postmortem_core::model::DocumentStoreFields;
use postmortem_core::validate::{grouped, Level};
use wasm_bindgen::JsCast;

/// Moves focus to the field a problem is about (or its section). A row of
/// a long timeline out of view is drawn first, then focused.
pub fn focus_path(path: &str) {
    focus_path_after(path, 3);
}

fn focus_path_after(path: &str, tries: u8) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let field = document.get_element_by_id(&field_id(path));
    if field.is_none() && tries > 0 && super::row_window::reveal(path) {
        let path = path.to_string();
        request_animation_frame(move || focus_path_after(&path, tries - 1));
        return;
    }
    let target = field.or_else(|| {
        let section = path.split(['[', '.']).next().unwrap_or(path);
        document
            .get_element_by_id(&format!("s-{section}"))
            .and_then(|s| {
                s.query_selector("input, textarea, select, button")
                    .ok()
                    .flatten()
            })
    });
    if let Some(el) = target.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
        el.scroll_into_view_with_bool(false);
        // Sections out of view are laid out only once near it (CSS
        // `content-visibility`), so the field moves as they are: scroll
        // again while it moves. The page's `scroll-padding` keeps it clear
        // of the phone's bar of views.
        let top = el.get_bounding_client_rect().top();
        follow_until_still(el, top, 30);
    }
}

/// Scrolls `el` into view again on each frame its place on the page still
/// changes (sections being laid out above it), for at most `frames` frames.
fn follow_until_still(el: web_sys::HtmlElement, top: f64, frames: u8) {
    request_animation_frame(move || {
        let now = el.get_bounding_client_rect().top();
        if (now - top).abs() > 0.5 {
            el.scroll_into_view_with_bool(false);
        }
        let settled = el.get_bounding_client_rect().top();
        if frames > 0 && ((now - top).abs() > 0.5 || frames > 27) {
            follow_until_still(el, settled, frames - 1);
        }
    });
}

/// Focuses the field an "Add" button asks for (`Editor::focus_request`),
/// once it is drawn.
pub fn focus_on_request(ed: Editor) {
    Effect::new(move |_| {
        if let Some(path) = ed.focus_request.get() {
            request_animation_frame(move || focus_path(&path));
        }
    });
}

/// Moves the focus to the element with this id (a heading with `tabindex="-1"`).
pub fn focus_path_id(id: &str) {
    let el = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(el) = el {
        let _ = el.focus();
        el.scroll_into_view_with_bool(true);
    }
}

#[component]
pub fn ShowTimesIn() -> impl IntoView {
    let ed = editor();
    let browser = browser_zone();
    let browser_label = format!("This browser ({browser})");
    let doc_label = move || {
        let zone = ed.doc.time_zone().get();
        let title = postmortem_core::time::zones::zone_title(&zone);
        if title == zone {
            format!("Document zone ({zone})")
        } else {
            format!("Document zone ({title}, {zone})")
        }
    };
    let other = RwSignal::new(String::new());
    let value = move || match ed.show_in.get() {
        ShowIn::Document => "document",
        ShowIn::Utc => "UTC",
        ShowIn::Browser => "browser",
        ShowIn::Other(_) => "other",
    };
    view! {
        <div class="field show-in">
            <label for="show-in">"Show times in"</label>
            <select id="show-in" prop:value=value on:change=move |ev| {
                ed.show_in.set(match event_target_value(&ev).as_str() {
                    "UTC" => ShowIn::Utc,
                    "browser" => ShowIn::Browser,
                    "other" => ShowIn::Other(if other.get_untracked().is_empty() { "UTC".into() } else { other.get_untracked() }),
                    _ => ShowIn::Document,
                });
                ed.refresh_preview();
            }>
                <option value="document">{doc_label}</option>
                <option value="UTC">"UTC"</option>
                <option value="browser">{browser_label}</option>
                <option value="other">"Another zone\u{2026}"</option>
            </select>
            <When when=Signal::derive(move || matches!(ed.show_in.get(), ShowIn::Other(_)))>
                <label for="show-in-other" class="visually-hidden">"Other zone"</label>
                <input id="show-in-other" list="zone-names" placeholder="e.g. Asia/Tokyo" autocomplete="off"
                    prop:value=move || other.get()
                    on:change=move |ev| {
                        let z = event_target_value(&ev);
                        if let Ok(z) = postmortem_core::time::zones::find_zone(&z) {
                            other.set(z.clone());
                            ed.show_in.set(ShowIn::Other(z));
                            ed.refresh_preview();
                        }
                    } />
            </When>
        </div>
    }
}

/// A problem that takes the focus to its field when clicked.
fn problem_button(level: &'static str, path: String, message: String) -> impl IntoView {
    view! {
        <button type="button" class="problem-link" on:click=move |_| {
            // On a phone the form is another view: show it, then focus the field.
            editor().pane.set("form");
            let path = path.clone();
            request_animation_frame(move || focus_path(&path));
        }>
            <span class="level">{level}</span>
            " "
            <span class="message">{message}</span>
        </button>
    }
}

#[component]
pub fn Problems() -> impl IntoView {
    let ed = editor();
    let shown = Memo::new(move |_| ed.visible());
    // The groups the user opened stay open while their members change.
    let open_groups =
        RwSignal::new(std::collections::HashSet::<postmortem_core::validate::Code>::new());
    let counts = move || {
        shown.with(|p| {
            let errors = p.iter().filter(|x| x.level == Level::Error).count();
            (errors, p.len() - errors)
        })
    };
    let summary = move || match counts() {
        (0, 0) => "No problems found.".to_string(),
        (e, w) => format!(
            "{e} error{}, {w} warning{}",
            if e == 1 { "" } else { "s" },
            if w == 1 { "" } else { "s" }
        ),
    };
    view! {
        <section class="panel problems" role="region" aria-label="Problems">
            <h2>"Problems"</h2>
            <p class="problem-count" aria-live="polite">{summary}</p>
            // Problems of one kind come as one line that opens to each of them.
            <ul class="problem-list">
                <Keyed items=items(move || grouped(&shown.get()).into_iter().enumerate().map(|(i, g)| {
                    let key = (i, g.code, g.summary.clone(), g.problems.iter().map(|p| (p.path, p.message.clone())).collect::<Vec<_>>());
                    item(key, move || {
                        let level = if g.level == Level::Error { "Error" } else { "Warning" };
                        let class = format!("problem {}", g.level.word());
                        if g.problems.len() == 1 {
                            let p = g.problems[0].clone();
                            view! { <li class=class>{problem_button(level, p.path.to_string(), p.message)}</li> }.into_any()
                        } else {
                            view! {
                                <li class=class>
                                    <details prop:open=move || open_groups.with(|o| o.contains(&g.code))
                                        on:toggle=move |ev| {
                                            let open = js_sys::Reflect::get(&event_target::<web_sys::Element>(&ev), &"open".into())
                                                .ok().and_then(|v| v.as_bool()).unwrap_or(false);
                                            open_groups.update(|o| { if open { o.insert(g.code); } else { o.remove(&g.code); } });
                                        }>
                                        <summary><span class="level">{level}</span>" "<span class="message">{g.summary.clone()}</span></summary>
                                        <ul class="problem-members">
                                            {g.problems.into_iter().map(|p| view! { <li>{problem_button(level, p.path.to_string(), p.message)}</li> }.into_any()).collect::<Vec<_>>()}
                                        </ul>
                                    </details>
                                </li>
                            }.into_any()
                        }
                    })
                }).collect()) />
            </ul>
        </section>
    }
}

#[component]
pub fn Preview() -> impl IntoView {
    let ed = editor();
    view! {
        <section class="panel preview-panel" role="region" aria-label="Preview">
            <h2>"Preview"</h2>
            // Safe: the core's preview turns raw HTML into text and drops unsafe links.
            // Keyed by content, so an edit replaces only the blocks it changed.
            <div class="preview">
                <Keyed items=items(move || ed.preview.get().into_iter().enumerate().map(|(i, html)| {
                    item((i, hashed(&html)), move || view! { <div class="preview-block" inner_html=html></div> }.into_any())
                }).collect()) />
            </div>
        </section>
    }
}
