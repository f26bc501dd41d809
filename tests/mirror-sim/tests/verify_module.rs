//! `doctor::run::download_module` (a team bundle's verify step) with the real go against the
//! loopback simulator: `@latest` resolves and downloads into a throwaway cache; a module the
//! mirror does not have is a failed report explained like the Doctor explains go's output.

use go_integration_tests::{toolchains, Sandbox, Toolchain};
use goproxy_core::context::Context;
use goproxy_core::doctor::run::{download_module, ModuleDownload};
use mirror_sim::{MirrorBehavior, SimMirror, SimModule};

const MODULE: &str = "corp.example.com/team/lib";

fn sandbox(tc: &Toolchain, goproxy: &str) -> Sandbox {
    let mut sb = Sandbox::new();
    let bin = tc.go.parent().expect("bin dir").display().to_string();
    sb.set("PATH", &format!("{bin}:/usr/bin:/bin"));
    sb.set("GOPROXY", goproxy);
    sb.set("GOSUMDB", "off");
    sb.set("GOTOOLCHAIN", "local");
    sb
}

fn mirror() -> SimMirror {
    SimMirror::start(MirrorBehavior {
        modules: vec![SimModule::new(MODULE, &["v1.0.0", "v1.1.0"])],
        ..Default::default()
    })
    .expect("start")
}

#[test]
fn latest_resolves_and_downloads_into_a_throwaway_cache() {
    let mirror = mirror();
    for tc in toolchains() {
        let sb = sandbox(&tc, &mirror.url());
        let ctx = Context::new(sb.sysenv());
        let lines = std::sync::Mutex::new(Vec::<String>::new());
        let report = download_module(
            &ctx,
            &ModuleDownload::new(format!("{MODULE}@latest")),
            &|l| lines.lock().expect("lock").push(l.to_string()),
        )
        .expect("runs");
        assert!(
            report.outcome.ok,
            "{}: {}",
            tc.name,
            String::from_utf8_lossy(&report.output)
        );
        assert_eq!(report.version.as_deref(), Some("v1.1.0"), "{}", tc.name);
        assert!(report.findings.is_empty(), "{:?}", report.findings);
        assert!(
            lines
                .lock()
                .expect("lock")
                .iter()
                .any(|l| l.starts_with("# get ")),
            "go's -x trace is streamed"
        );
        assert!(
            !sb.home.join("go/pkg/mod/corp.example.com").exists(),
            "{}: the real module cache was not used",
            tc.name
        );
    }
}

#[test]
fn a_missing_module_is_a_failed_report_with_findings() {
    let mirror = mirror();
    for tc in toolchains() {
        let sb = sandbox(&tc, &mirror.url());
        let ctx = Context::new(sb.sysenv());
        let report = download_module(
            &ctx,
            &ModuleDownload::new("corp.example.com/team/missing@latest"),
            &|_| {},
        )
        .expect("runs");
        assert!(!report.outcome.ok, "{}", tc.name);
        assert_eq!(report.outcome.exit_code, Some(1), "{}", tc.name);
        assert!(
            !report.findings.is_empty(),
            "{}: explained: {}",
            tc.name,
            String::from_utf8_lossy(&report.output)
        );
    }
}
