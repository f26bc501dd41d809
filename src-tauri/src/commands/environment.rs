//! Detection: the read-only picture the overview page shows.

use goproxy_core::detect::Detection;
use goproxy_core::Result;

/// Detects installations, effective settings and findings for the app's own environment.
#[tauri::command]
pub async fn detect_environment() -> Result<Detection> {
    super::in_context(|ctx| Ok(ctx.detection().clone())).await
}

/// Whether a font covers Chinese (fontconfig on Linux), so the zh-CN UI can say how to install
/// one instead of showing boxes. Read-only.
#[tauri::command]
pub async fn cjk_font() -> Result<goproxy_core::fonts::CjkFont> {
    super::blocking(|| {
        Ok(goproxy_core::fonts::cjk_font(
            &goproxy_core::sysenv::SysEnv::current(),
        ))
    })
    .await
}
