//! IPC adapters, one module per domain. Each command is a few lines that call `goproxy-core`.
//!
//! Commands are `async` and run the core on the blocking pool, each call with one `Context`: detection spawns `go`, and
//! apply/undo take a file lock, so running them on the main thread would freeze the window.
//! Errors cross IPC as the core's `{code, message, field?}` so the UI switches on `code`.

pub mod bundle_link;
pub mod docker;
pub mod docker_build;
pub mod doctor;
pub mod environment;
pub mod goenv;
pub mod history;
pub mod mirrors;
pub mod private;
pub mod team;

use goproxy_core::context::Context;
use goproxy_core::{Error, ErrorCode, Result};

/// Runs blocking core work for one IPC call off the main thread, with the call's own [`Context`]
/// (the environment read once, Go detected at most once).
async fn in_context<T, F>(work: F) -> Result<T>
where
    T: Send + 'static,
    F: FnOnce(&Context) -> Result<T> + Send + 'static,
{
    blocking(move || work(&Context::current())).await
}

/// Runs blocking core work off the main thread and returns its result.
async fn blocking<T, F>(work: F) -> Result<T>
where
    T: Send + 'static,
    F: FnOnce() -> Result<T> + Send + 'static,
{
    tauri::async_runtime::spawn_blocking(work)
        .await
        // Only a panic in the core gets here; report it instead of leaving the UI waiting.
        .map_err(|err| Error::new(ErrorCode::External, format!("internal error: {err}")))?
}
