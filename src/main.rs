//! The browser entry point: mounts the editor. Everything else lives in the library.

fn main() {
    postmortem::ui::mount();
}
