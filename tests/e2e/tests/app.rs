//! The desktop app end to end: a real window, real IPC, a real GOENV file and the real `go`.
//!
//! Each test gets a scratch HOME (own XDG dirs, GOENV, NETRC, GOPATH, GOMODCACHE) and starts
//! tauri-driver with only that environment, so the app never sees the developer's settings.

use e2e_tests::webdriver::{Driver, Session};
use e2e_tests::{procs, session_env, Setup};
use go_integration_tests::Sandbox;
use serde_json::{json, Value};
use std::path::Path;
use std::time::Instant;

/// A GOENV file with two problems that have go env fixes (`gosumdb_off`, `goflags_insecure`).
const SEED: &[u8] = b"GOSUMDB=off\nGOFLAGS=-insecure\n";

/// A sandbox whose PATH finds go1.27 first, as a user's shell would.
fn sandbox(setup: &Setup) -> Sandbox {
    let mut sb = Sandbox::new();
    let go_dir = setup.go.parent().expect("go has a parent dir");
    let path = std::env::var("PATH").unwrap_or_default();
    sb.set("PATH", &format!("{}:{path}", go_dir.display()));
    std::fs::write(&sb.goenv, SEED).expect("seed GOENV file");
    sb
}

fn start_driver(setup: &Setup, sb: &Sandbox) -> Driver {
    let mut envs = sb.vars();
    envs.extend(session_env());
    Driver::start(&setup.tauri_driver, &envs, &sb.path().join("driver.log"))
}

/// `go env KEY` in the sandbox.
fn go_env(setup: &Setup, sb: &Sandbox, key: &str) -> String {
    let out = sb
        .command(&setup.go)
        .args(["env", key])
        .output()
        .expect("run go env");
    assert!(
        out.status.success(),
        "go env {key}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

fn setting(s: &Session, key: &str) -> Option<String> {
    s.text_of(&format!("[data-testid=setting-value-{key}]"))
}

/// Waits until the overview shows `key` with the value `go env` reports.
fn assert_agrees_with_go(s: &Session, setup: &Setup, sb: &Sandbox, key: &str) {
    let want = go_env(setup, sb, key);
    s.wait_until(&format!("{key} to show `{want}` (go env)"), || {
        (setting(s, key).as_deref() == Some(want.as_str())).then_some(())
    });
}

/// Saves the overview screenshot; refreshes the README copy only when asked.
fn save_screenshot(png: &[u8]) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("screenshots");
    std::fs::create_dir_all(&dir).expect("mkdir screenshots");
    std::fs::write(dir.join("overview.png"), png).expect("write screenshot");
    if std::env::var("E2E_UPDATE_SCREENSHOT").as_deref() == Ok("1") {
        let docs = e2e_tests::repo_root().join("docs");
        std::fs::create_dir_all(&docs).expect("mkdir docs");
        std::fs::write(docs.join("screenshot.png"), png).expect("write docs/screenshot.png");
    }
}

/// Peak RSS in MiB of the app process, and of the app plus WebKit's helper processes.
fn peak_rss_mib(driver: &Driver, app: &Path) -> (f64, f64) {
    let pid = procs::find_running(driver.pid(), app).expect("app process under tauri-driver");
    let mib = |p| procs::peak_rss_kib(p).unwrap_or(0) as f64 / 1024.0;
    let helpers: f64 = procs::descendants(pid).into_iter().map(mib).sum();
    (mib(pid), mib(pid) + helpers)
}

/// The window process keeps OpenGL out (src-tauri/src/window_gl.rs): no GL driver mapped,
/// while WebKit's processes, which draw the page, started with the EGL environment as it was.
fn assert_window_process_has_no_opengl(driver: &Driver, app: &Path) {
    let pid = procs::find_running(driver.pid(), app).expect("app process under tauri-driver");
    let gl: Vec<_> = procs::mapped_files(pid)
        .into_iter()
        .filter(|f| {
            let path = f.to_string_lossy();
            let name = path.rsplit('/').next().unwrap_or_default();
            path.contains("/dri/")
                || ["libLLVM", "libEGL_", "libGLX_"]
                    .iter()
                    .any(|p| name.starts_with(p))
        })
        .collect();
    assert!(gl.is_empty(), "the window process mapped OpenGL: {gl:?}");
    let helpers = procs::descendants(pid);
    assert!(!helpers.is_empty(), "no WebKit process under the app");
    for helper in helpers {
        let names = procs::environ_names(helper);
        assert!(
            !names.iter().any(|n| n == "__EGL_VENDOR_LIBRARY_FILENAMES"),
            "WebKit process {helper} inherited the window's empty EGL vendor list"
        );
    }
}

#[test]
fn fix_then_undo_round_trips_the_goenv_file() {
    let Some(setup) = e2e_tests::setup() else {
        return;
    };
    let sb = sandbox(&setup);
    let driver = start_driver(&setup, &sb);

    // Cold start: from asking for a session (which launches the app) to painted settings.
    let started = Instant::now();
    let s = driver.new_session(&setup.app);
    s.wait_for("[data-testid=page-overview]");
    s.wait_until("settings to render", || {
        setting(&s, "GOPROXY").filter(|v| !v.is_empty())
    });
    s.wait_for_paint();
    let cold_start = started.elapsed();
    assert_window_process_has_no_opengl(&driver, &setup.app);

    // The overview agrees with the real go command, and explains where GOSUMDB comes from.
    for key in ["GOPROXY", "GOSUMDB", "GOFLAGS"] {
        assert_agrees_with_go(&s, &setup, &sb, key);
    }
    let source = s.attr_of("[data-testid=setting-source-GOSUMDB]", "data-source");
    assert_eq!(source.as_deref(), Some("goenv_file"), "GOSUMDB source");
    s.wait_for("[data-testid=finding-gosumdb_off]");
    s.wait_for("[data-testid=finding-goflags_insecure]");
    s.wait_for("[data-testid=page-overview][aria-busy=false]");
    s.wait_for_paint();
    save_screenshot(&s.screenshot());

    // Fix GOSUMDB=off through the plan dialog.
    s.click("[data-testid=fix-gosumdb_off]");
    s.wait_for("[data-testid=plan-dialog]");
    s.click("[data-testid=plan-apply]");
    s.wait_for("[data-testid=toast]");
    let changed = std::fs::read(&sb.goenv).expect("read GOENV");
    if changed == SEED {
        s.fail("GOENV file unchanged after applying the fix");
    }
    assert!(
        String::from_utf8_lossy(&changed).contains("GOFLAGS=-insecure"),
        "the GOSUMDB fix must leave GOFLAGS alone: {:?}",
        String::from_utf8_lossy(&changed)
    );
    assert_ne!(
        go_env(&setup, &sb, "GOSUMDB"),
        "off",
        "go still sees GOSUMDB=off"
    );
    assert_agrees_with_go(&s, &setup, &sb, "GOSUMDB");

    // Undo the newest history entry: the file is byte-identical to the seed again.
    s.click("[data-testid=nav-history]");
    s.wait_for("[data-testid=page-history]");
    // Address the entry by id: the list may re-render (stale references) while it loads.
    let id = s.wait_until("the newest history entry", || {
        s.attr_of("[data-testid=history-entry]", "data-entry-id")
    });
    let undo =
        format!("[data-testid=history-entry][data-entry-id=\"{id}\"] [data-testid=history-undo]");
    if s.find(&undo).is_none() {
        s.fail(&format!("no history-undo in the newest entry ({id})"));
    }
    s.click(&undo);
    s.wait_until("the GOENV file to be restored", || {
        (std::fs::read(&sb.goenv).ok()? == SEED).then_some(())
    });
    assert_eq!(go_env(&setup, &sb, "GOSUMDB"), "off");

    let (app_mib, total_mib) = peak_rss_mib(&driver, &setup.app);
    println!(
        "e2e: cold_start_ms={} rss_mib={app_mib:.1} rss_with_webkit_mib={total_mib:.1}",
        cold_start.as_millis()
    );
}

/// Calls a command straight through the IPC bridge, as the UI's adapter does.
fn invoke(s: &Session, cmd: &str, args: Value) -> Value {
    const SCRIPT: &str = "const [cmd, args, done] = arguments;
        window.__TAURI_INTERNALS__.invoke(cmd, args)
            .then((ok) => done({ ok }), (err) => done({ err }));";
    s.execute_async(SCRIPT, vec![json!(cmd), args])
}

#[test]
fn ipc_allows_only_granted_commands_and_returns_typed_errors() {
    let Some(setup) = e2e_tests::setup() else {
        return;
    };
    let sb = sandbox(&setup);
    let driver = start_driver(&setup, &sb);
    let s = driver.new_session(&setup.app);
    s.wait_until("the IPC bridge", || {
        let v = s.execute_async("arguments[0](typeof window.__TAURI_INTERNALS__)", vec![]);
        (v == "object").then_some(())
    });

    let detected = invoke(&s, "detect_environment", json!({}));
    assert!(
        detected["ok"]["settings"].is_array(),
        "detect_environment: {detected}"
    );

    // Not granted by the capability: the core window API stays closed to the page.
    let denied = invoke(&s, "plugin:window|set_title", json!({"value": "pwned"}));
    assert!(
        denied["err"].is_string(),
        "set_title must be denied: {denied}"
    );

    // Core errors cross IPC as `{code, message, field?}`.
    let ops = json!([{"op": "set", "key": "GOPROXY", "value": "https://a.example\nGOSUMDB=off"}]);
    let rejected = invoke(&s, "plan_env_change", json!({ "ops": ops }));
    let err = &rejected["err"];
    assert_eq!(err["code"], "invalid_input", "plan_env_change: {rejected}");
    assert!(err["message"].is_string(), "message: {rejected}");
    assert_eq!(
        std::fs::read(&sb.goenv).expect("read GOENV"),
        SEED,
        "a plan must not write"
    );
}

/// JSON paths under `v` that hold `null`.
fn null_paths(v: &Value, path: &str, out: &mut Vec<String>) {
    match v {
        Value::Null => out.push(path.to_string()),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                null_paths(item, &format!("{path}[{i}]"), out);
            }
        }
        Value::Object(fields) => {
            for (k, item) in fields {
                null_paths(item, &format!("{path}.{k}"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn ipc_payloads_match_the_generated_types_and_undo_restores_bytes() {
    let Some(setup) = e2e_tests::setup() else {
        return;
    };
    let sb = sandbox(&setup);
    let driver = start_driver(&setup, &sb);
    let s = driver.new_session(&setup.app);
    s.wait_for("[data-testid=page-overview]");

    let detected = invoke(&s, "detect_environment", json!({}));
    let ops = json!([{"op": "unset", "key": "GOSUMDB"}]);
    let applied = invoke(&s, "apply_env_change", json!({ "ops": ops }));
    let id = applied["ok"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("apply: {applied}"));
    let listed = invoke(&s, "list_history", json!({}));
    assert_eq!(
        listed["ok"]["entries"][0]["id"], id,
        "newest first: {listed}"
    );

    let undone = invoke(&s, "undo_change", json!({ "id": id }));
    assert!(undone["ok"]["undone_at_ms"].is_number(), "undo: {undone}");
    assert_eq!(
        std::fs::read(&sb.goenv).expect("read GOENV"),
        SEED,
        "undo restores the seed bytes"
    );

    // ts-rs declares optional fields as `key?: T`: absent, never `null` (the UI tests `!== undefined`).
    let mut nulls = Vec::new();
    for (name, v) in [
        ("detect_environment", &detected),
        ("apply_env_change", &applied),
        ("list_history", &listed),
        ("undo_change", &undone),
    ] {
        null_paths(&v["ok"], name, &mut nulls);
    }
    assert!(
        nulls.is_empty(),
        "null where the TS types say optional (`?:`): {nulls:?}"
    );
}
