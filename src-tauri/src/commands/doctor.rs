//! The Doctor: the endpoint checklist streamed over a `Channel`, and the explainer of a pasted
//! (or picked) log. Fixes are go env ops the page applies through `plan_env_change` and
//! `apply_env_change`, so they are reviewed first and undoable in History.

use goproxy_core::doctor::check::{self, CheckOptions};
use goproxy_core::doctor::log::{self, LogExplanation};
use goproxy_core::doctor::EndpointCheck;
use goproxy_core::{Error, Result};
use tauri::ipc::{Channel, InvokeBody, Request};

/// Checks every endpoint the effective configuration uses within the default budget; `on_check`
/// sees an endpoint each time one of its steps settles.
#[tauri::command]
pub async fn check_endpoints(on_check: Channel<EndpointCheck>) -> Result<Vec<EndpointCheck>> {
    super::in_context(move |ctx| {
        let progress = |endpoint: &EndpointCheck| drop(on_check.send(endpoint.clone()));
        Ok(check::check_endpoints(
            ctx,
            &CheckOptions::default(),
            &progress,
        ))
    })
    .await
}

/// Explains a log sent as the raw request body (the page's text, or the bytes of a file the
/// user picked), so binary bytes and any size arrive as they are.
#[tauri::command]
pub async fn explain_log(request: Request<'_>) -> Result<LogExplanation> {
    let InvokeBody::Raw(bytes) = request.body() else {
        return Err(Error::invalid("log", "the log must be sent as raw bytes"));
    };
    let bytes = bytes.clone();
    super::blocking(move || Ok(log::explain(&bytes))).await
}
