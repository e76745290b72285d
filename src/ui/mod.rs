//! The Leptos editor: binds the document core to the page. Compiled only with
//! the `ui` feature. It decides nothing about validity or formats; it shows
//! what the core computes and sends the user's edits back.

use leptos::prelude::*;

/// Mounts the editor on `<body>`.
pub fn mount() {
    console_error_panic_hook_lite();
    leptos::mount::mount_to_body(App);
}

/// Panics print to the console (the release build aborts, so this is for debug builds).
fn console_error_panic_hook_lite() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&info.to_string().into());
    }));
}

#[component]
pub fn App() -> impl IntoView {
    let (title, set_title) = signal(String::new());
    let file = move || format!("{}.md", crate::core::naming::slug(&title.get()));
    view! {
        <header class="app-header">
            <h1>"Postmortem editor"</h1>
        </header>
        <main class="editor">
            <label for="title">"Title"</label>
            <input id="title" type="text" prop:value=title on:input=move |ev| set_title.set(event_target_value(&ev)) />
            <p class="file-name" data-testid="file-name">{file}</p>
        </main>
    }
}
