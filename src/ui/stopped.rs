//! What the page says when the editor stops: a panic anywhere. The release
//! build aborts on a panic (a wasm trap right after the panic hook), and the
//! reactive system may be what broke, so this writes into the page directly
//! through web-sys: the save status says "Not saved", and an alert says the
//! editor stopped, that what was saved before is safe, and offers a reload
//! (a plain link to the page, which needs no code of ours to work).

const ALERT_ID: &str = "editor-stopped";

/// Called from the panic hook. Writes nothing to storage: what is stored
/// stays as the last good save left it, and no later save is made.
pub fn show() {
    super::storage::stop_writing();
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if doc.get_element_by_id(ALERT_ID).is_some() {
        return;
    }
    // A copy of the save status replaces it, so nothing reactive can set
    // "Saved" on it again.
    if let Some(old) = doc.query_selector(".save-state").ok().flatten() {
        if let Ok(status) = doc.create_element("p") {
            status.set_class_name("save-state failed");
            let _ = status.set_attribute("role", "status");
            status.set_text_content(Some("Not saved"));
            let _ = old.replace_with_with_node_1(&status);
        }
    }
    let (Ok(alert), Ok(text), Ok(reload)) = (
        doc.create_element("div"),
        doc.create_element("p"),
        doc.create_element("a"),
    ) else {
        return;
    };
    alert.set_id(ALERT_ID);
    alert.set_class_name("banner error");
    let _ = alert.set_attribute("role", "alert");
    text.set_text_content(Some(
        "The editor stopped because of a fault in it, and nothing more is saved from this tab. \
         What was saved before is safe in this browser's storage. Reload the page to go on.",
    ));
    // An empty link is this very page: a reload, with no script of ours.
    let _ = reload.set_attribute("href", "");
    reload.set_class_name("button");
    reload.set_text_content(Some("Reload"));
    let _ = alert.append_child(&text);
    let _ = alert.append_child(&reload);
    let place = doc
        .query_selector(".banners")
        .ok()
        .flatten()
        .or_else(|| doc.body().map(Into::into));
    if let Some(place) = place {
        let _ = place.prepend_with_node_1(&alert);
    }
    if let Some(el) = doc.query_selector(".banners").ok().flatten() {
        el.scroll_into_view_with_bool(true);
    }
}

/// A deliberate panic, for the browser test of what a panic shows
/// (exported by `main.rs` as `window.wasmBindings.pm_fault_drill()`).
/// Nothing on the page calls it: no link, key or stored data reaches it,
/// only script run in the page (devtools, a test), which could break the
/// page anyway.
pub fn fault_drill() {
    panic!("fault drill: a deliberate panic to check what the page says");
}
