//! Build-time half of the Tauri shell.
//!
//! - `AppManifest::commands` generates `allow-<command>`/`deny-<command>` permissions and makes
//!   our commands deny-by-default: a window may call one only when a capability grants it
//!   (without a manifest every command is open to every window).
//! - `codegen` embeds `ui/dist` here rather than in `generate_context!`, so cargo re-embeds the
//!   frontend whenever the UI build changes instead of serving a stale copy.

/// Every IPC command; must match `generate_handler!` in `src/lib.rs`.
const COMMANDS: &[&str] = &[
    "detect_environment",
    "plan_env_change",
    "apply_env_change",
    "list_history",
    "undo_change",
    "list_mirrors",
    "add_mirror",
    "remove_mirror",
    "run_benchmark",
    "cancel_benchmark",
    "last_benchmark",
    "plan_use_mirrors",
    "private_overview",
    "explain_module_path",
    "plan_pattern_change",
    "plan_goauth",
    "set_token",
    "delete_token",
    "test_access",
    "fix_netrc_mode",
    "plan_git_helper",
    "apply_git_helper",
];

fn main() {
    let attributes = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS))
        .codegen(tauri_build::CodegenContext::new());
    if let Err(err) = tauri_build::try_build(attributes) {
        // Cargo shows a build script's stderr only when it fails, which this is.
        eprintln!("tauri-build failed: {err:#}");
        std::process::exit(1);
    }
}
