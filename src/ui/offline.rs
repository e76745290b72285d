//! The page's side of working offline and keeping data: the only code that
//! talks to the service worker (`sw.js`, written into release builds by
//! scripts/offline.mjs) and to the browser's storage manager.
//!
//! A new version of the editor installs in the background and waits; the
//! page says so ([`register`] sets `update_ready`) and takes it only when the
//! user asks ([`take_over`]), after saving. Another tab taking the new
//! version first does not reload this one.

use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{ServiceWorkerRegistration, ServiceWorkerState};

thread_local! {
    static REGISTRATION: RefCell<Option<ServiceWorkerRegistration>> = const { RefCell::new(None) };
    /// This tab asked the waiting version to take over, so it reloads when it does.
    static TAKING_OVER: Cell<bool> = const { Cell::new(false) };
    static PERSIST_ASKED: Cell<bool> = const { Cell::new(false) };
}

fn container() -> Option<web_sys::ServiceWorkerContainer> {
    let navigator = window().navigator();
    // Browsers without service workers (or pages not served securely) lack it.
    js_sys::Reflect::has(&navigator, &"serviceWorker".into())
        .unwrap_or(false)
        .then(|| navigator.service_worker())
}

/// Registers the worker; `update_ready` becomes true when a new version is
/// installed and waiting while this page runs the old one.
pub fn register(update_ready: RwSignal<bool>) {
    let Some(container) = container() else { return };
    let on_change = Closure::<dyn Fn()>::new(|| {
        if TAKING_OVER.get() {
            let _ = window().location().reload();
        }
    });
    container.set_oncontrollerchange(Some(on_change.as_ref().unchecked_ref()));
    on_change.forget(); // lives as long as the page
    leptos::task::spawn_local(async move {
        // Debug builds (trunk serve) have no sw.js: nothing to register.
        let Ok(reg) = JsFuture::from(container.register("sw.js")).await else {
            return;
        };
        let reg: ServiceWorkerRegistration = reg.unchecked_into();
        let controlled = move || window().navigator().service_worker().controller().is_some();
        if reg.waiting().is_some() && controlled() {
            update_ready.set(true);
        }
        // A worker being installed: once installed while an older version
        // controls the page, it waits for the user.
        let watch = move |worker: web_sys::ServiceWorker| {
            let w = worker.clone();
            let on_state = Closure::<dyn Fn()>::new(move || {
                if w.state() == ServiceWorkerState::Installed && controlled() {
                    update_ready.set(true);
                }
            });
            worker.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
            on_state.forget();
        };
        // One that started installing before this page asked is watched too.
        if let Some(worker) = reg.installing() {
            watch(worker);
        }
        let watched = reg.clone();
        let on_found = Closure::<dyn Fn()>::new(move || {
            if let Some(worker) = watched.installing() {
                watch(worker);
            }
        });
        reg.set_onupdatefound(Some(on_found.as_ref().unchecked_ref()));
        on_found.forget();
        REGISTRATION.with_borrow_mut(|r| *r = Some(reg));
    });
}

/// Moves to the new version: the waiting worker takes over and the page
/// reloads when it has. If another tab already took it, just reloads. The
/// caller saves first.
pub fn take_over() {
    let waiting = REGISTRATION.with_borrow(|r| r.as_ref().and_then(|r| r.waiting()));
    match waiting {
        Some(worker) => {
            TAKING_OVER.set(true);
            let _ = worker.post_message(&JsValue::from_str("take-over"));
        }
        None => {
            let _ = window().location().reload();
        }
    }
}

/// Asks the browser, once per page, to keep this site's storage rather than
/// evict it when space runs short (it may say no; nothing else changes).
pub fn ask_to_persist(granted: RwSignal<Option<bool>>) {
    if PERSIST_ASKED.replace(true) {
        return;
    }
    let Ok(manager) = js_sys::Reflect::get(&window().navigator(), &"storage".into()) else {
        return;
    };
    if manager.is_undefined() {
        return;
    }
    let manager: web_sys::StorageManager = manager.unchecked_into();
    leptos::task::spawn_local(async move {
        if let Ok(promise) = manager.persist() {
            if let Ok(v) = JsFuture::from(promise).await {
                granted.set(v.as_bool());
            }
        }
    });
}

/// Whether storage is persisted, and the bytes used and allowed, as the
/// browser estimates them.
pub async fn storage_state() -> Option<(bool, f64, f64)> {
    let manager = js_sys::Reflect::get(&window().navigator(), &"storage".into()).ok()?;
    if manager.is_undefined() {
        return None;
    }
    let manager: web_sys::StorageManager = manager.unchecked_into();
    let persisted = JsFuture::from(manager.persisted().ok()?)
        .await
        .ok()?
        .as_bool()
        .unwrap_or(false);
    let estimate = JsFuture::from(manager.estimate().ok()?).await.ok()?;
    let number = |key: &str| {
        js_sys::Reflect::get(&estimate, &key.into())
            .ok()
            .and_then(|v| v.as_f64())
            .unwrap_or(0.0)
    };
    Some((persisted, number("usage"), number("quota")))
}
