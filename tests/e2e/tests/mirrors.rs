//! The Mirrors page end to end: benchmark three simulated mirrors (fast, slow, broken) on
//! 127.0.0.1, use the recommendation through the plan dialog, then the real go1.27 reads the new
//! GOPROXY and downloads a module through it; undo from History restores the GOENV file bytes.
//!
//! The app must not reach the internet: the mirrors are the user's own (seeded in config.toml),
//! GOPROXY in the GOENV file names no URL, and `GOPROXY_ASSISTANT_OFFLINE_CATALOGUE=1` leaves out
//! the public catalogue and the direct checksum-database checks.

use e2e_tests::webdriver::{Driver, Session};
use e2e_tests::{session_env, Setup};
use go_integration_tests::Sandbox;
use mirror_sim::{Fault, MirrorBehavior, SimMirror};

const SEED: &[u8] = b"GOPROXY=direct\n";

fn sandbox(setup: &Setup, mirrors: &[(&str, &SimMirror)]) -> Sandbox {
    let mut sb = Sandbox::new();
    let go_dir = setup.go.parent().expect("go has a parent dir");
    let path = std::env::var("PATH").unwrap_or_default();
    sb.set("PATH", &format!("{}:{path}", go_dir.display()));
    sb.set("GOPROXY_ASSISTANT_OFFLINE_CATALOGUE", "1");
    // The simulated modules have no checksum database entries.
    sb.set("GONOSUMDB", "github.com,golang.org,example.com");
    sb.set("GOFLAGS", "-mod=mod");
    sb.set("GOTOOLCHAIN", "local");
    std::fs::write(&sb.goenv, SEED).expect("seed GOENV file");
    let config_dir = sb.home.join(".config/goproxy-assistant");
    std::fs::create_dir_all(&config_dir).expect("mkdir config");
    let config: String = mirrors
        .iter()
        .map(|(name, m)| format!("[[mirror]]\nname = \"{name}\"\nurl = \"{}\"\n\n", m.url()))
        .collect();
    std::fs::write(config_dir.join("config.toml"), config).expect("seed config.toml");
    sb
}

fn go(setup: &Setup, sb: &Sandbox, args: &[&str]) -> std::process::Output {
    sb.command(&setup.go).args(args).output().expect("run go")
}

fn row(url: &str) -> String {
    format!("[data-testid=mirror-row][data-mirror-url=\"{url}\"]")
}

fn wait_for_state(s: &Session, url: &str, state: &str) {
    s.wait_until(&format!("{url} to be {state}"), || {
        (s.attr_of(&row(url), "data-state").as_deref() == Some(state)).then_some(())
    });
}

#[test]
fn benchmark_use_recommended_download_through_it_and_undo() {
    let Some(setup) = e2e_tests::setup() else {
        return;
    };
    let fast = SimMirror::start(MirrorBehavior::default().with_latency(5, 0)).expect("fast");
    let slow = SimMirror::start(MirrorBehavior::default().with_latency(60, 0)).expect("slow");
    let broken = SimMirror::start(MirrorBehavior::default().with_fault("", Fault::Status(502)))
        .expect("broken");
    let sb = sandbox(
        &setup,
        &[("fast", &fast), ("slow", &slow), ("broken", &broken)],
    );
    let mut envs = sb.vars();
    envs.extend(session_env());
    let driver = Driver::start(&setup.tauri_driver, &envs, &sb.path().join("driver.log"));
    let s = driver.new_session(&setup.app);

    s.click("[data-testid=nav-mirrors]");
    s.wait_for("[data-testid=page-mirrors]");
    for m in [&fast, &slow, &broken] {
        s.wait_for(&row(&m.url()));
    }
    let rows = s.find_all("[data-testid=mirror-row]").len();
    assert_eq!(rows, 3, "only the simulated mirrors are candidates");

    s.click("[data-testid=bench-run]");
    s.wait_for("[data-testid=bench-recommendation]");
    s.wait_for("[data-testid=bench-run]");
    for m in [&fast, &slow, &broken] {
        wait_for_state(&s, &m.url(), "done");
    }
    let want = format!("{}|{},direct", fast.url(), slow.url());
    let shown = s.wait_until("the recommended GOPROXY", || {
        s.text_of("[data-testid=recommended-goproxy]")
    });
    assert_eq!(shown, want, "fast first, slow as failover, broken left out");
    let verdict = s.text_of("[data-testid=verdict]").unwrap_or_default();
    assert!(verdict.contains("fast is fastest from here"), "{verdict}");
    let broken_row = s.text_of(&row(&broken.url())).unwrap_or_default();
    assert!(broken_row.contains("Not usable"), "{broken_row}");

    s.click("[data-testid=use-recommended]");
    s.wait_for("[data-testid=plan-dialog]");
    s.click("[data-testid=plan-apply]");
    s.wait_for("[data-testid=toast]");
    s.wait_until("the GOENV file to be written", || {
        (std::fs::read(&sb.goenv).ok()? != SEED).then_some(())
    });

    // The real go reads the new list and downloads a simulated module through it.
    let out = go(&setup, &sb, &["env", "GOPROXY"]);
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), want);
    let out = go(
        &setup,
        &sb,
        &[
            "mod",
            "download",
            "-json",
            "github.com/BurntSushi/toml@v1.3.2",
        ],
    );
    assert!(
        out.status.success(),
        "go mod download: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        fast.requests()
            .iter()
            .any(|r| r.path.ends_with("v1.3.2.zip")),
        "the zip came from the recommended mirror"
    );

    s.click("[data-testid=nav-history]");
    s.wait_for("[data-testid=page-history]");
    let id = s.wait_until("the newest history entry", || {
        s.attr_of("[data-testid=history-entry]", "data-entry-id")
    });
    s.click(&format!(
        "[data-testid=history-entry][data-entry-id=\"{id}\"] [data-testid=history-undo]"
    ));
    s.wait_until("the GOENV file to be restored", || {
        (std::fs::read(&sb.goenv).ok()? == SEED).then_some(())
    });
    let out = go(&setup, &sb, &["env", "GOPROXY"]);
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "direct");

    // The results are kept: still there after leaving the page and coming back.
    s.click("[data-testid=nav-mirrors]");
    s.wait_for("[data-testid=bench-recommendation]");
}
