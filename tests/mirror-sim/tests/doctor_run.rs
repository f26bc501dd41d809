//! Doctor run mode with the real go against the loopback simulator: a stalled transfer is
//! `net.timeout` naming the host go waited on, within the timeout plus a margin; a healthy
//! mirror is a green run.

use go_integration_tests::{toolchains, Sandbox, Toolchain};
use goproxy_core::context::Context;
use goproxy_core::doctor::run::{run_download, RunOptions};
use goproxy_core::doctor::DoctorCode;
use mirror_sim::{Fault, MirrorBehavior, SimMirror};
use std::time::{Duration, Instant};

fn sandbox(tc: &Toolchain, goproxy: &str) -> Sandbox {
    let mut sb = Sandbox::new();
    let bin = tc.go.parent().expect("bin dir").display().to_string();
    sb.set("PATH", &format!("{bin}:/usr/bin:/bin"));
    sb.set("GOPROXY", goproxy);
    sb.set("GOSUMDB", "off");
    sb.set("GOTOOLCHAIN", "local");
    let project = sb.work.join("project");
    std::fs::create_dir_all(&project).expect("mkdir");
    std::fs::write(
        project.join("go.mod"),
        "module example.com/project\n\ngo 1.19\n\nrequire golang.org/x/text v0.14.0\n",
    )
    .expect("go.mod");
    sb
}

#[test]
fn a_stalled_transfer_is_net_timeout_with_the_host() {
    let mirror =
        SimMirror::start(MirrorBehavior::default().with_fault(".zip", Fault::Hang)).expect("start");
    let host = mirror.addr().to_string();
    for tc in toolchains() {
        let sb = sandbox(&tc, &mirror.url());
        let ctx = Context::new(sb.sysenv());
        let mut options = RunOptions::new(sb.work.join("project"));
        options.timeout = Duration::from_secs(3);
        let start = Instant::now();
        let report = run_download(&ctx, &options, &|_| {}).expect("runs");
        let took = start.elapsed();
        assert!(took < Duration::from_secs(5), "{}: took {took:?}", tc.name);
        assert!(report.outcome.timed_out && !report.outcome.ok, "{report:?}");
        let stall = report
            .findings
            .iter()
            .find(|f| f.code == DoctorCode::NetTimeout)
            .unwrap_or_else(|| panic!("{}: no net.timeout: {report:?}", tc.name));
        assert_eq!(stall.host.as_deref(), Some(host.as_str()), "{}", tc.name);
        assert_eq!(stall.modules, ["golang.org/x/text@v0.14.0"], "{}", tc.name);
    }
}

#[test]
fn a_healthy_mirror_is_a_green_run_in_a_throwaway_cache() {
    let mirror = SimMirror::start(MirrorBehavior::default()).expect("start");
    for tc in toolchains() {
        let sb = sandbox(&tc, &mirror.url());
        let ctx = Context::new(sb.sysenv());
        let lines = std::sync::Mutex::new(Vec::<String>::new());
        let report = run_download(&ctx, &RunOptions::new(sb.work.join("project")), &|l| {
            lines.lock().expect("lock").push(l.to_string())
        })
        .expect("runs");
        assert!(
            report.outcome.ok,
            "{}: {}",
            tc.name,
            String::from_utf8_lossy(&report.output)
        );
        assert_eq!(report.outcome.exit_code, Some(0));
        assert!(report.findings.is_empty(), "{:?}", report.findings);
        assert!(
            lines
                .lock()
                .expect("lock")
                .iter()
                .any(|l| l.starts_with("# get ")),
            "progress streamed the -x trace"
        );
        assert!(
            !sb.home.join("go/pkg/mod/golang.org").exists(),
            "the real module cache was not used"
        );
    }
}
