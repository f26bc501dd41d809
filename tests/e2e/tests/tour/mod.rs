//! The sandbox the page tours run in: every page has something to show (findings on the
//! Overview, a simulated mirror on Mirrors, a private pattern, a history entry) and nothing
//! reaches the internet (the public catalogue is off, GOPROXY names only the simulator).

// Each test file uses the part of the tour it needs.
#![allow(dead_code)]

use e2e_tests::webdriver::{Driver, Session};
use e2e_tests::{session_env, Setup};
use go_integration_tests::Sandbox;
use mirror_sim::{MirrorBehavior, SimMirror};
use serde_json::{json, Value};

pub struct Tour {
    pub sb: Sandbox,
    pub mirror: SimMirror,
    pub driver: Driver,
}

/// Starts tauri-driver in a fresh sandbox with a GOENV file that has two fixable findings
/// (`gosumdb_off`, `goflags_insecure`) and a simulated mirror as the custom mirror and GOPROXY
/// (without `direct`, so a module it lacks never sends the app to the internet), and a Go module
/// in `work/app` for the Docker and Doctor pages.
pub fn start(setup: &Setup) -> Tour {
    start_with(setup, |_| {})
}

/// [`start`], with `adjust` changing the sandbox before the app starts.
pub fn start_with(setup: &Setup, adjust: impl FnOnce(&mut Sandbox)) -> Tour {
    let mirror = SimMirror::start(MirrorBehavior::default().with_latency(5, 0)).expect("mirror");
    let mut sb = Sandbox::new();
    let go_dir = setup.go.parent().expect("go has a parent dir");
    let path = std::env::var("PATH").unwrap_or_default();
    sb.set("PATH", &format!("{}:{path}", go_dir.display()));
    sb.set("GOPROXY_ASSISTANT_OFFLINE_CATALOGUE", "1");
    sb.set("GOTOOLCHAIN", "local");
    let seed = format!("GOPROXY={}\nGOSUMDB=off\nGOFLAGS=-insecure\n", mirror.url());
    std::fs::write(&sb.goenv, seed).expect("seed GOENV file");
    let config_dir = sb.home.join(".config/goproxy-assistant");
    std::fs::create_dir_all(&config_dir).expect("mkdir config");
    let config = format!("[[mirror]]\nname = \"sim\"\nurl = \"{}\"\n", mirror.url());
    std::fs::write(config_dir.join("config.toml"), config).expect("seed config.toml");
    let project = sb.work.join("app");
    std::fs::create_dir_all(&project).expect("mkdir project");
    std::fs::write(
        project.join("go.mod"),
        "module example.com/app\n\ngo 1.21\n",
    )
    .expect("write go.mod");
    std::fs::write(project.join("main.go"), "package main\n\nfunc main() {}\n")
        .expect("write main.go");
    adjust(&mut sb);
    let mut envs = sb.vars();
    envs.extend(session_env());
    let driver = Driver::start(&setup.tauri_driver, &envs, &sb.path().join("driver.log"));
    Tour { sb, mirror, driver }
}

/// Calls a command straight through the IPC bridge, as the UI's adapter does.
pub fn invoke(s: &Session, cmd: &str, args: Value) -> Value {
    const SCRIPT: &str = "const [cmd, args, done] = arguments;
        window.__TAURI_INTERNALS__.invoke(cmd, args)
            .then((ok) => done({ ok }), (err) => done({ err }));";
    s.execute_async(SCRIPT, vec![json!(cmd), args])
}

/// Opens the app on the Overview and applies one change (a private pattern), so History and
/// the Private page have an entry to show.
pub fn open_with_history<'t>(tour: &'t Tour, app: &std::path::Path) -> Session<'t> {
    let s = tour.driver.new_session(app);
    s.wait_for("[data-testid=page-overview]");
    let ops = json!([{"op": "set", "key": "GOPRIVATE", "value": "git.example.com/*"}]);
    let applied = invoke(&s, "apply_env_change", json!({ "ops": ops }));
    if applied["ok"]["id"].as_str().is_none() {
        s.fail(&format!("apply_env_change: {applied}"));
    }
    s
}
