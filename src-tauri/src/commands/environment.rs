//! Detection: the read-only picture the overview page shows.

use goproxy_core::detect::Detection;
use goproxy_core::Result;

/// Detects installations, effective settings and findings for the app's own environment.
#[tauri::command]
pub async fn detect_environment() -> Result<Detection> {
    super::in_context(|ctx| Ok(ctx.detection().clone())).await
}
