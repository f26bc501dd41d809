//! Run mode without the network: a directory that is not a module, no go, a go that hangs.
//! (Real go against the loopback mirror simulator: tests/mirror-sim/tests/doctor_run.rs.)

use super::*;
use crate::sysenv::SysEnv;
use std::time::Instant;

fn context(path_dir: &Path, home: &Path) -> Context {
    Context::new(SysEnv::from_vars([
        ("PATH", path_dir.display().to_string()),
        ("HOME", home.display().to_string()),
        ("GOENV", home.join("goenv").display().to_string()),
    ]))
}

fn module(dir: &Path) -> PathBuf {
    let project = dir.join("project");
    std::fs::create_dir_all(&project).expect("mkdir");
    std::fs::write(project.join("go.mod"), "module example.com/p\n\ngo 1.21\n").expect("go.mod");
    project
}

#[test]
fn a_directory_without_go_mod_is_refused_naming_the_field() {
    let t = tempfile::tempdir().expect("tempdir");
    let ctx = context(t.path(), t.path());
    for project in [
        t.path().to_path_buf(),
        t.path().join("missing"),
        PathBuf::new(),
    ] {
        let err = run_download(&ctx, &RunOptions::new(&project), &|_| {}).expect_err("refused");
        assert_eq!(err.code, ErrorCode::InvalidInput, "{err:?}");
        assert_eq!(err.field.as_deref(), Some("project"));
        assert!(
            err.message.contains("go.mod"),
            "names the rule: {}",
            err.message
        );
    }
}

#[test]
fn no_go_on_path_is_an_error_not_a_result() {
    let t = tempfile::tempdir().expect("tempdir");
    let ctx = context(&t.path().join("empty-bin"), t.path());
    let err = run_download(&ctx, &RunOptions::new(module(t.path())), &|_| {}).expect_err("no go");
    assert_eq!(err.code, ErrorCode::External);
    assert_eq!(err.field.as_deref(), Some("go"));
}

#[cfg(unix)]
fn fake_go(bin: &Path, body: &str) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::create_dir_all(bin).expect("mkdir");
    let go = bin.join("go");
    // Answers `go env GOROOT GOVERSION` (installation discovery) and does `body` otherwise.
    std::fs::write(
        &go,
        format!("#!/bin/sh\nif [ \"$1\" = env ]; then echo /nonexistent; echo go1.27.3; exit 0; fi\n{body}\n"),
    )
    .expect("write");
    std::fs::set_permissions(&go, std::fs::Permissions::from_mode(0o755)).expect("chmod");
}

#[cfg(unix)]
#[test]
fn a_go_that_hangs_is_stopped_at_the_timeout_with_its_children() {
    let t = tempfile::tempdir().expect("tempdir");
    let bin = t.path().join("bin");
    let pid_file = t.path().join("sleep.pid");
    fake_go(
        &bin,
        &format!(
            "echo '# get https://stuck.example:8443/golang.org/x/text/@v/v0.14.0.zip' >&2\n/bin/sleep 300 &\necho $! > {}\nwait",
            pid_file.display()
        ),
    );
    let ctx = context(&bin, t.path());
    let mut options = RunOptions::new(module(t.path()));
    options.timeout = Duration::from_millis(1500);
    let lines = std::sync::Mutex::new(Vec::new());
    let start = Instant::now();
    let report = run_download(&ctx, &options, &|l| {
        lines.lock().expect("lock").push(l.to_string())
    })
    .expect("runs");
    let took = start.elapsed();
    assert!(took < Duration::from_secs(4), "took {took:?}");
    assert!(report.outcome.timed_out && !report.outcome.ok, "{report:?}");
    assert_eq!(report.outcome.exit_code, None);
    let stall = &report.findings[0];
    assert_eq!(stall.code, crate::doctor::DoctorCode::NetTimeout);
    assert_eq!(stall.host.as_deref(), Some("stuck.example:8443"));
    assert_eq!(stall.modules, ["golang.org/x/text@v0.14.0"]);
    assert_eq!(lines.lock().expect("lock").len(), 1, "streamed");
    let pid: i32 = std::fs::read_to_string(&pid_file)
        .expect("pid")
        .trim()
        .parse()
        .expect("number");
    std::thread::sleep(Duration::from_millis(100));
    // Gone, or a zombie nobody reaped yet (PID 1 in a container may not reap).
    let alive = std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .map(|stat| !stat.contains(") Z "))
        .unwrap_or(false);
    assert!(!alive, "the grandchild (sleep) was killed with the group");
}

#[cfg(unix)]
#[test]
fn cancel_stops_the_run_and_removes_the_throwaway_cache() {
    let t = tempfile::tempdir().expect("tempdir");
    let bin = t.path().join("bin");
    let seen = t.path().join("cache.txt");
    fake_go(
        &bin,
        &format!("echo \"$GOMODCACHE\" > {}\n/bin/sleep 300", seen.display()),
    );
    let ctx = context(&bin, t.path());
    let options = RunOptions::new(module(t.path()));
    let cancel = Arc::clone(&options.cancel);
    let flip = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(400));
        cancel.store(true, std::sync::atomic::Ordering::Relaxed);
    });
    let start = Instant::now();
    let report = run_download(&ctx, &options, &|_| {}).expect("runs");
    flip.join().expect("join");
    assert!(start.elapsed() < Duration::from_secs(3));
    assert!(report.cancelled && !report.outcome.timed_out && !report.outcome.ok);
    let cache = std::fs::read_to_string(&seen).expect("go saw GOMODCACHE");
    let cache = Path::new(cache.trim());
    assert!(cache.starts_with(std::env::temp_dir()), "{cache:?}");
    assert!(!cache.exists(), "the throwaway cache is removed");
}

#[cfg(unix)]
#[test]
fn keep_cache_uses_the_real_module_cache_and_reports_the_exit_code() {
    let t = tempfile::tempdir().expect("tempdir");
    let bin = t.path().join("bin");
    let seen = t.path().join("cache.txt");
    fake_go(
        &bin,
        &format!(
            "echo \"$GOMODCACHE\" > {}\necho 'go: failed' >&2\nexit 1",
            seen.display()
        ),
    );
    let mut ctx_env = SysEnv::from_vars([
        ("PATH", bin.display().to_string()),
        ("HOME", t.path().display().to_string()),
        ("GOMODCACHE", "/real/cache".to_string()),
    ]);
    ctx_env.set("GOFLAGS", "-mod=mod");
    let ctx = Context::new(ctx_env);
    let mut options = RunOptions::new(module(t.path()));
    options.keep_cache = true;
    let report = run_download(&ctx, &options, &|_| {}).expect("runs");
    assert_eq!(report.outcome.exit_code, Some(1));
    assert!(!report.outcome.ok && !report.outcome.timed_out);
    assert_eq!(
        std::fs::read_to_string(&seen).expect("seen").trim(),
        "/real/cache"
    );
    assert_eq!(String::from_utf8_lossy(&report.output), "go: failed\n");
}
