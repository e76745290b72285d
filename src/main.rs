//! The browser entry point: mounts the editor. Everything else lives in the library.

#[cfg(target_arch = "wasm32")]
fn main() {
    postmortem::ui::mount();
}

/// Built natively (as `cargo test` at the root does, for the other members),
/// the web app is nothing to run: say where the editor and the command are.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "The postmortem editor runs in a browser: build it with `trunk build --release` (see README.md). \
         The command line is `postmortem` (cargo install --path crates/postmortem-cli)."
    );
    std::process::exit(2);
}

/// A deliberate panic for the browser test of what the page says when the
/// editor stops (see `ui::stopped`); only script run in the page reaches it.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn pm_fault_drill() {
    postmortem::ui::stopped::fault_drill();
}

/// A deliberate trap with no panic, for the browser test of what the page
/// says then (see `ui::stopped`); only script run in the page reaches it.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn pm_trap_drill() {
    postmortem::ui::stopped::trap_drill();
}
