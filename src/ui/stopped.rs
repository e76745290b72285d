//! What the page says when the editor stops: a panic anywhere. The alert
//! and the "Not saved" status are written by plain script
//! (`src/web/stopped.js`, `window.pmEditorStopped`), which also sees a wasm
//! trap that is no panic (out of memory), so there is one way the page says
//! it; this module stops storage writes and calls it from the panic hook.

/// Called from the panic hook. Writes nothing to storage: what is stored
/// stays as the last good save left it, and no later save is made.
pub fn show() {
    use wasm_bindgen::JsCast;
    super::storage::stop_writing();
    let Some(window) = web_sys::window() else {
        return;
    };
    let show = js_sys::Reflect::get(&window, &"pmEditorStopped".into()).ok();
    if let Some(show) = show.and_then(|f| f.dyn_into::<js_sys::Function>().ok()) {
        let _ = show.call0(&window);
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

/// A deliberate trap with no panic (as running out of memory ends), for the
/// browser test that the page still says the editor stopped; exported like
/// [`fault_drill`], reached only by script run in the page.
pub fn trap_drill() {
    std::process::abort();
}
