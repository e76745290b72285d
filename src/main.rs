//! The browser entry point: mounts the editor. Everything else lives in the library.

fn main() {
    postmortem::ui::mount();
}

/// A deliberate panic for the browser test of what the page says when the
/// editor stops (see `ui::stopped`); only script run in the page reaches it.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn pm_fault_drill() {
    postmortem::ui::stopped::fault_drill();
}
