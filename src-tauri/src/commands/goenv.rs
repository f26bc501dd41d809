//! The GOENV file: review a change as a plan, then apply it (recorded in the history).

use goproxy_core::goenv::EnvOp;
use goproxy_core::goenv_store::{Plan, Store};
use goproxy_core::history::Applied;
use goproxy_core::Result;

/// What applying `ops` would change; writes nothing, so the UI can show it before asking.
#[tauri::command]
pub async fn plan_env_change(ops: Vec<EnvOp>) -> Result<Plan> {
    super::in_context(move |ctx| Store::open(ctx)?.plan(&ops)).await
}

/// Applies `ops` atomically and returns the history entry that can undo them.
#[tauri::command]
pub async fn apply_env_change(ops: Vec<EnvOp>) -> Result<Applied> {
    super::in_context(move |ctx| Store::open(ctx)?.apply(&ops)).await
}
