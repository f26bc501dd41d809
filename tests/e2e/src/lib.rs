//! Support for the end-to-end tests: a W3C WebDriver client for tauri-driver, `/proc` lookups,
//! and where to find the app, tauri-driver and go.
//!
//! The tests drive the real app binary in a real WebKitGTK window (under Xvfb in CI), so they
//! are the only tests that see the CSP, the capabilities and the IPC serialisation together.
//! Run them with `scripts/e2e.sh`, which builds everything first.
//!
//! Environment (set by the script): `E2E_APP` (app binary, default `target/debug/goproxy-assistant-app`),
//! `TAURI_DRIVER` (default `.tools/bin/tauri-driver`), `GOPROXY_ASSISTANT_GO127` (go1.27 binary),
//! `E2E_REQUIRE=1` (missing prerequisites fail instead of skip), `E2E_UPDATE_SCREENSHOT=1` (also
//! refresh `docs/screenshot.png` for the README).

pub mod axe;
pub mod english;
pub mod keyboard;
pub mod keyring;
pub mod leak;
pub mod procs;
pub mod tour;
pub mod webdriver;

use std::path::{Path, PathBuf};

/// What the tests need from outside the crate.
#[derive(Debug, Clone)]
pub struct Setup {
    /// The app binary, built with the embedded frontend.
    pub app: PathBuf,
    pub tauri_driver: PathBuf,
    /// go1.27, to check that the app agrees with the real `go env`.
    pub go: PathBuf,
}

/// The repository root.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Finds the app, tauri-driver, go and a display. When something is missing the test is
/// skipped with a note, unless `E2E_REQUIRE=1` (set by `scripts/e2e.sh`) makes it a failure.
pub fn setup() -> Option<Setup> {
    let root = repo_root();
    let path_var =
        |var: &str, default: PathBuf| std::env::var_os(var).map(PathBuf::from).unwrap_or(default);
    let app = path_var("E2E_APP", root.join("target/debug/goproxy-assistant-app"));
    let tauri_driver = path_var("TAURI_DRIVER", root.join(".tools/bin/tauri-driver"));
    let go = std::env::var_os("GOPROXY_ASSISTANT_GO127")
        .map(PathBuf::from)
        .unwrap_or_default();
    let mut missing = Vec::new();
    for (what, path) in [
        ("app (E2E_APP)", &app),
        ("tauri-driver (TAURI_DRIVER)", &tauri_driver),
        ("go1.27 (GOPROXY_ASSISTANT_GO127)", &go),
    ] {
        if !path.is_file() {
            missing.push(format!("{what} not found at {path:?}"));
        }
    }
    if std::env::var_os("DISPLAY").is_none() && std::env::var_os("WAYLAND_DISPLAY").is_none() {
        missing.push("no display (DISPLAY is not set; use xvfb-run)".into());
    }
    if missing.is_empty() {
        return Some(Setup {
            app,
            tauri_driver,
            go,
        });
    }
    let msg = format!(
        "e2e prerequisites missing; run scripts/e2e.sh:\n  {}",
        missing.join("\n  ")
    );
    if std::env::var("E2E_REQUIRE").as_deref() == Ok("1") {
        panic!("{msg}");
    }
    eprintln!("skipping: {msg}");
    None
}

/// Variables the app needs from the session it runs in (display, session bus, logging), to add
/// to a sandbox's otherwise closed environment.
pub fn session_env() -> Vec<(String, String)> {
    const PASS: &[&str] = &[
        "DISPLAY",
        "WAYLAND_DISPLAY",
        "XAUTHORITY",
        "DBUS_SESSION_BUS_ADDRESS",
        "XDG_RUNTIME_DIR",
        "RUST_BACKTRACE",
        "RUST_LOG",
    ];
    std::env::vars()
        .filter(|(k, _)| PASS.contains(&k.as_str()) || k.starts_with("WEBKIT_"))
        .collect()
}
