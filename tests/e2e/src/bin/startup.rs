//! Start-up of the desktop app: cold start to the first painted Overview and the memory it
//! holds then, median of N starts. Used by `make bench` (release next to debug) and by
//! `scripts/package-check.sh` (one start of the installed app, which must reach the Overview).
//!
//! `startup --app PATH [--runs N] [--label NAME]`, under a display and a session bus (the
//! scripts wrap it in xvfb-run and dbus-run-session). Each start gets a scratch HOME of its own.
//! Figures: cold start = the page's first-paint mark (`data-first-paint-epoch-ms`, set by
//! `ui/src/lib/firstPaint.ts`) minus the moment the session was requested, which spawns the app;
//! RSS = `VmRSS` of the app process once the Overview has settled, WebKit's helper processes
//! (web and network process) reported apart. Prints figures; asserts no timing.

use e2e_tests::procs;
use e2e_tests::webdriver::Driver;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

struct Start {
    first_paint_ms: f64,
    detected_ms: f64,
    app_rss_mib: f64,
    webkit_rss_mib: f64,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let Some(app) = value("--app").map(PathBuf::from) else {
        eprintln!("usage: startup --app PATH [--runs N] [--label NAME]");
        std::process::exit(2);
    };
    let runs: usize = value("--runs").and_then(|n| n.parse().ok()).unwrap_or(10);
    let label = value("--label").unwrap_or_else(|| app.display().to_string());
    let driver_bin = std::env::var_os("TAURI_DRIVER")
        .map(PathBuf::from)
        .unwrap_or_else(|| e2e_tests::repo_root().join(".tools/bin/tauri-driver"));

    let starts: Vec<Start> = (0..runs)
        .map(|i| start_once(&app, &driver_bin, i))
        .collect();
    let median = |pick: fn(&Start) -> f64| {
        let mut v: Vec<f64> = starts.iter().map(pick).collect();
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    println!(
        "bench startup {label}: first painted Overview median {:.0} ms (detection shown {:.0} ms), \
         app RSS median {:.1} MiB (+ WebKit processes {:.1} MiB), {runs} starts",
        median(|s| s.first_paint_ms),
        median(|s| s.detected_ms),
        median(|s| s.app_rss_mib),
        median(|s| s.webkit_rss_mib),
    );
}

fn epoch_ms() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs_f64() * 1000.0)
        .unwrap_or(0.0)
}

/// One start in a fresh scratch HOME: launch, wait for the first paint and for detection to
/// settle, read the memory, close.
fn start_once(app: &Path, driver_bin: &Path, run: usize) -> Start {
    let home = std::env::temp_dir().join(format!("startup-{}-{run}", std::process::id()));
    std::fs::create_dir_all(&home).expect("create scratch HOME");
    let envs = sandbox_env(&home);
    let start = {
        let driver = Driver::start(driver_bin, &envs, &home.join("driver.log"));
        let requested = epoch_ms();
        let s = driver.new_session(app);
        let painted: f64 = s.wait_until("the first painted Overview", || {
            s.attr_of("html", "data-first-paint-epoch-ms")?.parse().ok()
        });
        s.wait_for("[data-testid=page-overview] [data-testid=verdict]");
        s.wait_until("detection to settle", || {
            let settled = s.find("[data-testid=overview-skeleton]").is_none()
                && s.find("[data-testid=page-overview][aria-busy=false]")
                    .is_some();
            settled.then_some(())
        });
        let detected = epoch_ms();
        let pid = procs::find_running(driver.pid(), app).expect("app process under tauri-driver");
        let mib = |p| procs::rss_kib(p).unwrap_or(0) as f64 / 1024.0;
        let webkit: f64 = procs::descendants(pid).into_iter().map(mib).sum();
        Start {
            first_paint_ms: painted - requested,
            detected_ms: detected - requested,
            app_rss_mib: mib(pid),
            webkit_rss_mib: webkit,
        }
    };
    let _ = std::fs::remove_dir_all(&home);
    start
}

/// A closed environment: the scratch HOME with its own XDG dirs, GOENV and NETRC; go1.27 on
/// PATH when `GOPROXY_ASSISTANT_GO127` names it; the session's display and bus.
fn sandbox_env(home: &Path) -> Vec<(String, String)> {
    let h = |rel: &str| home.join(rel).display().to_string();
    let mut path = "/usr/bin:/bin".to_string();
    if let Some(go) = std::env::var_os("GOPROXY_ASSISTANT_GO127").map(PathBuf::from) {
        if let Some(dir) = go.parent() {
            path = format!("{}:{path}", dir.display());
        }
    }
    let mut envs = vec![
        ("HOME".into(), home.display().to_string()),
        ("XDG_CONFIG_HOME".into(), h(".config")),
        ("XDG_DATA_HOME".into(), h(".local/share")),
        ("XDG_CACHE_HOME".into(), h(".cache")),
        ("GOENV".into(), h("go-env")),
        ("NETRC".into(), h(".netrc")),
        ("GOPATH".into(), h("go")),
        ("GOTELEMETRY".into(), "off".into()),
        ("PATH".into(), path),
    ];
    envs.extend(e2e_tests::session_env());
    envs
}
