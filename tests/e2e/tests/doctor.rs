//! The Doctor end to end: the endpoint checklist fills in (a simulated mirror on 127.0.0.1 is
//! GOPROXY), real go1.27 output is pasted and explained, run mode fails, the fix goes through the
//! plan dialog, Run again is green next to the old result, and undo from History restores the
//! GOENV file bytes.
//!
//! The broken setting is GOFLAGS in the GOENV file: go refuses to run (`go: parsing $GOFLAGS`),
//! the Doctor names it `config.goflags` and proposes resetting it. Nothing reaches the internet:
//! GOSUMDB=off leaves the checksum database out, GOPROXY names only the simulator, and the
//! public mirror catalogue is off.

use e2e_tests::webdriver::{Driver, Session};
use e2e_tests::{session_env, Setup};
use go_integration_tests::Sandbox;
use mirror_sim::{MirrorBehavior, SimMirror};
use std::path::Path;

const GO_MOD: &str =
    "module example.com/app\n\ngo 1.21\n\nrequire github.com/BurntSushi/toml v1.3.2\n";

fn sandbox(setup: &Setup, mirror: &SimMirror) -> (Sandbox, Vec<u8>) {
    let mut sb = Sandbox::new();
    let go_dir = setup.go.parent().expect("go has a parent dir");
    let path = std::env::var("PATH").unwrap_or_default();
    sb.set("PATH", &format!("{}:{path}", go_dir.display()));
    sb.set("GOPROXY_ASSISTANT_OFFLINE_CATALOGUE", "1");
    // The simulated modules have no checksum database entries.
    sb.set("GOSUMDB", "off");
    sb.set("GOTOOLCHAIN", "local");
    let seed = format!("GOPROXY={}\nGOFLAGS=-bogus\n", mirror.url()).into_bytes();
    std::fs::write(&sb.goenv, &seed).expect("seed GOENV file");
    let project = sb.work.join("app");
    std::fs::create_dir_all(&project).expect("mkdir project");
    std::fs::write(project.join("go.mod"), GO_MOD).expect("write go.mod");
    (sb, seed)
}

/// What the real go prints for `go mod download` in the project (it fails on GOFLAGS).
fn real_failure(setup: &Setup, sb: &Sandbox) -> String {
    let out = sb
        .command(&setup.go)
        .args(["mod", "download"])
        .current_dir(sb.work.join("app"))
        .output()
        .expect("run go");
    assert!(
        !out.status.success(),
        "go mod download should fail on GOFLAGS=-bogus"
    );
    let log = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(log.contains("GOFLAGS"), "{log}");
    log
}

fn save_screenshot(png: &[u8]) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("screenshots");
    std::fs::create_dir_all(&dir).expect("mkdir screenshots");
    std::fs::write(dir.join("doctor.png"), png).expect("write screenshot");
}

fn state_of(s: &Session, css: &str) -> Option<String> {
    s.attr_of(css, "data-state")
}

#[test]
fn check_explain_fix_run_again_and_undo() {
    let Some(setup) = e2e_tests::setup() else {
        return;
    };
    let mirror = SimMirror::start(MirrorBehavior::default()).expect("simulated mirror");
    let (sb, seed) = sandbox(&setup, &mirror);
    let log = real_failure(&setup, &sb);
    let mut envs = sb.vars();
    envs.extend(session_env());
    let driver = Driver::start(&setup.tauri_driver, &envs, &sb.path().join("driver.log"));
    let s = driver.new_session(&setup.app);
    s.set_window_size(800, 600);

    s.click("[data-testid=nav-doctor]");
    s.wait_for("[data-testid=page-doctor]");

    // The checklist fills in: the simulator is reachable, every step settled.
    s.click("[data-testid=doctor-check]");
    let row = format!("[data-testid=endpoint-row][data-url=\"{}\"]", mirror.url());
    s.wait_until("the simulated mirror to be reachable", || {
        (state_of(&s, &row).as_deref() == Some("ok")).then_some(())
    });
    for step in ["dns", "tcp", "http"] {
        let cell = format!("{row} [data-step={step}]");
        assert_eq!(state_of(&s, &cell).as_deref(), Some("ok"), "{step}");
    }
    s.wait_for("[data-testid=doctor-check]:not([disabled])");

    // The real go output, pasted, is explained by code with a go env fix.
    s.type_into("[data-testid=log-input]", &log);
    s.click("[data-testid=log-explain]");
    let finding =
        "[data-testid=log-findings] [data-testid=doctor-finding][data-code=\"config.goflags\"]";
    s.wait_for(finding);
    let fix = s
        .text_of(&format!("{finding} [data-testid=finding-fix]"))
        .unwrap_or_default();
    assert!(fix.contains("GOFLAGS"), "{fix}");

    // Run mode fails before the fix.
    s.type_into(
        "[data-testid=doctor-project]",
        &sb.work.join("app").display().to_string(),
    );
    s.click("[data-testid=doctor-run-start]");
    s.wait_until("the first run to fail", || {
        (state_of(&s, "[data-testid=run-latest]").as_deref() == Some("failed")).then_some(())
    });

    // The fix, reviewed in the plan dialog, resets GOFLAGS in the GOENV file.
    s.click(&format!("{finding} [data-testid=finding-apply-fix]"));
    s.wait_for("[data-testid=plan-dialog]");
    s.click("[data-testid=plan-apply]");
    s.wait_for("[data-testid=toast]");
    s.click("[data-testid=toast-dismiss]");
    s.wait_until("GOFLAGS to leave the GOENV file", || {
        let text = std::fs::read_to_string(&sb.goenv).ok()?;
        (!text.contains("GOFLAGS")).then_some(())
    });

    // Run again: green, next to the old result.
    s.wait_for("[data-testid=doctor-run-start]:not([disabled])");
    s.click("[data-testid=doctor-run-start]");
    s.wait_until("Run again to succeed", || {
        (state_of(&s, "[data-testid=run-latest]").as_deref() == Some("ok")).then_some(())
    });
    assert_eq!(
        state_of(&s, "[data-testid=run-previous]").as_deref(),
        Some("failed")
    );
    assert!(
        mirror
            .requests()
            .iter()
            .any(|r| r.path.ends_with("v1.3.2.zip")),
        "run mode downloaded through the simulated mirror"
    );
    s.execute_async(
        "document.querySelector('[data-testid=run-latest]').scrollIntoView({block: 'nearest'}); arguments[0]();",
        vec![],
    );
    s.wait_for_paint();
    save_screenshot(&s.screenshot());

    // Undo from History restores the GOENV file byte for byte.
    s.click("[data-testid=nav-history]");
    s.wait_for("[data-testid=page-history]");
    let id = s.wait_until("the newest history entry", || {
        s.attr_of("[data-testid=history-entry]", "data-entry-id")
    });
    s.click(&format!(
        "[data-testid=history-entry][data-entry-id=\"{id}\"] [data-testid=history-undo]"
    ));
    s.wait_until("the GOENV file to be restored", || {
        (std::fs::read(&sb.goenv).ok()? == seed).then_some(())
    });
}
