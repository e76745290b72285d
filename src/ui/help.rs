//! Help: where postmortems are kept and how safe that is (the browser's
//! storage, whether it is persisted, how much is used), working offline, and
//! the keys and ways of typing times.

use super::dialog::Modal;
use super::offline;
use leptos::prelude::*;

/// What browsers let a page keep in localStorage: about five million
/// characters (Chrome, Firefox and Safari alike).
const LOCAL_LIMIT: f64 = 5.0 * 1024.0 * 1024.0;

fn size(bytes: f64) -> String {
    if bytes >= 1024.0 * 1024.0 * 1024.0 {
        format!("{:.1} GB", bytes / (1024.0 * 1024.0 * 1024.0))
    } else if bytes >= 1024.0 * 1024.0 {
        format!("{:.1} MB", bytes / (1024.0 * 1024.0))
    } else {
        format!("{:.0} KB", bytes / 1024.0)
    }
}

/// The Help button and its dialog. `persisted`: what the browser answered
/// when asked to keep this site's storage (None: not asked yet).
#[component]
pub fn Help(persisted: RwSignal<Option<bool>>) -> impl IntoView {
    let open = RwSignal::new(false);
    let chart = RwSignal::new(super::storage::chart_in_exports());
    let state = RwSignal::new(None::<(bool, f64, f64)>);
    // localStorage's own figure: the storage manager's estimate is for the
    // whole site's quota (gigabytes), not the ~5 MB postmortems are kept in.
    let local = RwSignal::new(None::<f64>);
    let show = move |_| {
        open.set(true);
        local.set(super::storage::used_chars());
        leptos::task::spawn_local(async move { state.set(offline::storage_state().await) });
    };
    let kept = move || {
        match (state.get(), persisted.get()) {
        (Some((true, ..)), _) | (_, Some(true)) => "This browser has agreed to keep them: it will not clear them to free space, though clearing site data still removes them.".to_string(),
        (Some((false, ..)), _) => "This browser has not promised to keep them: it may clear them when space runs short or after weeks without a visit (Safari after 7 days). The editor asks it to keep them once a postmortem is saved.".to_string(),
        (None, _) => "This browser does not say whether it will keep them.".to_string(),
    }
    };
    let used = move || {
        local
            .get()
            .map(|chars| {
                format!(
                    "Postmortems use {} of the about 5 MB this browser keeps for them ({:.0}%).",
                    size(chars),
                    (chars / LOCAL_LIMIT * 100.0).min(100.0)
                )
            })
            .unwrap_or_default()
    };
    view! {
        <button type="button" class="quiet" on:click=show>"Help"</button>
        <Modal open=Signal::derive(move || open.get()) on_close=Callback::new(move |_| open.set(false)) labelled_by="help-title">
            <h2 id="help-title">"Help"</h2>
            <h3>"Where your postmortems are"</h3>
            <p>"In this browser only, saved as you type: no server ever sees them. The file you export and commit to your repository is the real copy; the list shows when each postmortem was last exported and reminds you when it has changed since."</p>
            <p>{kept}</p>
            <p>{used}</p>
            <h3>"Offline"</h3>
            <p>"After one visit the editor opens and works with no network. When a new version is published it is fetched in the background, and the editor asks before switching to it."</p>
            <h3>"Typing times"</h3>
            <p>"03:20, 3:20pm, 0320, 3.20pm, noon, 03:20 WAT, Mar 12 03:20 or 2025-03-12 03:20. A time without a date takes the date of the time before it, and its zone. Paste several lines into the timeline to make one event per line."</p>
            <h3>"Markdown files"</h3>
            <div class="check">
                <input type="checkbox" id="setting-chart" prop:checked=move || chart.get()
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        chart.set(on);
                        let _ = super::storage::set_chart_in_exports(on);
                    } />
                <label for="setting-chart">"Include a timeline chart (a Mermaid gantt block, drawn by GitHub and GitLab) in Markdown exports"</label>
            </div>
            <h3>"Keys"</h3>
            <p>"Ctrl+Z undoes and Ctrl+Shift+Z redoes (Cmd on a Mac) outside text fields; Enter in the last row of a list adds a row; Escape closes a dialog."</p>
            <div class="banner-buttons">
                <button type="button" class="primary" on:click=move |_| open.set(false)>"Close"</button>
            </div>
        </Modal>
    }
}
