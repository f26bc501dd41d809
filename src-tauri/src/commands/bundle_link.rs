//! `goproxy-assistant://bundle?url=...&sha256=...` links the OS hands to the app (a team bundle
//! to open). The link is parsed and validated by the core (`bundle::source::parse_link`); the UI
//! gets the result, never the raw text. A link that started the app waits until the UI takes it;
//! one opened while the app runs (handed over by the single-instance plugin) is announced with
//! the event [`EVENT`] and taken the same way, so the UI receives each link exactly once.

use goproxy_core::bundle::source::{parse_link, BundleLink};
use goproxy_core::Error;
use serde::Serialize;
use std::sync::Mutex;
use tauri::{AppHandle, Emitter, Manager};
use tauri_plugin_deep_link::DeepLinkExt;

/// Emitted to the main window when a link arrives; its payload is the [`LinkOpened`].
pub const EVENT: &str = "bundle-link";

/// A link as the UI sees it: the parsed bundle URL and pin, or why the link was refused.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkOpened {
    Link(BundleLink),
    Error(Error),
}

/// The newest link the UI has not taken yet.
#[derive(Default)]
pub struct PendingLink(Mutex<Option<LinkOpened>>);

impl PendingLink {
    fn put(&self, link: LinkOpened) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = Some(link);
    }

    fn take(&self) -> Option<LinkOpened> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).take()
    }
}

fn opened(url: &str) -> LinkOpened {
    match parse_link(url) {
        Ok(link) => LinkOpened::Link(link),
        Err(err) => LinkOpened::Error(err),
    }
}

/// Keeps the link that started the app and listens for links opened later.
pub fn listen(app: &AppHandle) {
    if let Ok(Some(urls)) = app.deep_link().get_current() {
        if let Some(url) = urls.last() {
            app.state::<PendingLink>().put(opened(url.as_str()));
        }
    }
    let handle = app.clone();
    app.deep_link().on_open_url(move |event| {
        if let Some(url) = event.urls().last() {
            let link = opened(url.as_str());
            handle.state::<PendingLink>().put(link.clone());
            // Best effort: the UI also takes pending links when it starts listening.
            let _ = handle.emit_to("main", EVENT, link);
        }
    });
}

/// Brings the running window forward when a second launch handed it a link.
pub fn focus_main(app: &AppHandle) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}

/// The link the OS opened and the UI has not taken yet (then `null`), handed over once.
#[tauri::command]
pub fn take_bundle_link(pending: tauri::State<'_, PendingLink>) -> Option<LinkOpened> {
    pending.take()
}
