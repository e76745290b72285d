//! Which rows of the page's long timeline are drawn: the window the
//! timeline section keeps, and moving it onto a row that is to be focused.
//! On its own so that focusing a field (`panels`) and the section that
//! draws the rows both use it without importing each other.

use leptos::prelude::*;
use std::cell::Cell;

/// A timeline longer than this draws only the rows near the view (a
/// 20,000-event import drew 20,000 rows and froze the page for seconds).
pub const WINDOW_FROM: usize = 150;
/// Rows drawn beyond each edge of the view.
pub const MARGIN: usize = 40;

thread_local! {
    /// The rows drawn (`start..end`) of the page's one timeline, for
    /// [`reveal`], which is called outside the component.
    pub static WINDOW: Cell<Option<RwSignal<(usize, usize)>>> = const { Cell::new(None) };
}

/// The rows drawn of a timeline of `len` rows when the window is `w`.
pub fn drawn(len: usize, w: (usize, usize)) -> (usize, usize) {
    if len <= WINDOW_FROM {
        return (0, len);
    }
    let end = w.1.min(len);
    let start = w.0.min(end.saturating_sub(1));
    if end <= start + 1 {
        // The list shrank under the window (another document, rows deleted).
        (len.saturating_sub(2 * MARGIN), len)
    } else {
        (start, end)
    }
}

/// Moves the window of a long timeline onto the row of `path`, when it is
/// a timeline row: true when it is (it is drawn in the next frame, if it
/// exists), false for any other path.
pub fn reveal(path: &str) -> bool {
    let Some(i) = path
        .strip_prefix("timeline[")
        .and_then(|r| r.split(']').next())
        .and_then(|n| n.parse::<usize>().ok())
    else {
        return false;
    };
    let Some(window) = WINDOW.get() else {
        return false;
    };
    let Some((start, end)) = window.try_get_untracked() else {
        return false;
    };
    if !(start..end).contains(&i) {
        window.set((i.saturating_sub(MARGIN), i + MARGIN));
    }
    true
}
