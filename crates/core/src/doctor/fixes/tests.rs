//! The fix rules on findings shaped as the explainer and the checks make them.

use super::*;
use crate::findings::Severity;
use crate::sysenv::SysEnv;
use std::collections::BTreeMap;

struct Setup {
    _dir: tempfile::TempDir,
    ctx: Context,
}

fn setup(goenv_file: &str, os_env: &[(&str, &str)]) -> Setup {
    let dir = tempfile::tempdir().expect("tempdir");
    let goenv = dir.path().join("goenv");
    std::fs::write(&goenv, goenv_file).expect("write");
    let mut env = SysEnv::from_vars([
        ("PATH", dir.path().join("bin").display().to_string()),
        ("HOME", dir.path().display().to_string()),
        ("GOENV", goenv.display().to_string()),
    ]);
    for (k, v) in os_env {
        env.set(*k, *v);
    }
    Setup {
        ctx: Context::new(env),
        _dir: dir,
    }
}

fn finding(code: DoctorCode, host: Option<&str>, modules: &[&str]) -> DoctorFinding {
    DoctorFinding {
        code,
        severity: Severity::Error,
        host: host.map(str::to_string),
        modules: modules.iter().map(|m| m.to_string()).collect(),
        lines: vec![1],
        message: code.title().to_string(),
        params: BTreeMap::new(),
        fix: Fix::Manual {
            hint: "manual".into(),
        },
    }
}

fn mirror(url: &str, ms: u64, relay: bool) -> ReachableMirror {
    ReachableMirror {
        url: url.into(),
        ttfb_ms: ms,
        relays_sumdb: relay,
    }
}

fn proposed(s: &Setup, f: DoctorFinding, mirrors: Option<&[ReachableMirror]>) -> Fix {
    proposed_finding(s, f, mirrors).fix
}

/// The finding with its fix (and the params the fix added).
fn proposed_finding(
    s: &Setup,
    f: DoctorFinding,
    mirrors: Option<&[ReachableMirror]>,
) -> DoctorFinding {
    let mut list = [f];
    propose(
        &s.ctx,
        &mut list,
        &FixInputs {
            mirrors,
            endpoints: &[],
        },
    );
    let [f] = list;
    if let Fix::GoEnv { ops } = &f.fix {
        assert!(ops.iter().all(is_safe), "{ops:?}");
    }
    f
}

fn ops(fix: &Fix) -> &[EnvOp] {
    match fix {
        Fix::GoEnv { ops } => ops,
        Fix::Manual { hint } => panic!("manual: {hint}"),
    }
}

#[test]
fn a_failing_proxy_switches_to_verified_mirrors_fastest_first() {
    let s = setup("GOPROXY=https://bad.example,direct\n", &[]);
    let mirrors = [
        mirror("https://slow.example", 90, true),
        mirror("https://bad.example", 5, true),
        mirror("https://fast.example", 10, false),
    ];
    let fix = proposed(
        &s,
        finding(DoctorCode::NetTimeout, Some("bad.example"), &[]),
        Some(&mirrors),
    );
    assert_eq!(
        ops(&fix),
        [EnvOp::set(
            "GOPROXY",
            "https://fast.example|https://slow.example,direct"
        )]
    );
}

#[test]
fn offline_or_no_verified_mirror_keeps_the_fix_manual() {
    let s = setup("GOPROXY=https://bad.example,direct\n", &[]);
    for mirrors in [None, Some(&[][..])] {
        let fix = proposed(
            &s,
            finding(DoctorCode::NetRefused, Some("bad.example"), &[]),
            mirrors,
        );
        assert!(matches!(fix, Fix::Manual { .. }), "{fix:?}");
    }
}

#[test]
fn a_host_that_is_not_a_proxy_gets_no_goproxy_switch() {
    let s = setup("GOPROXY=https://good.example,direct\n", &[]);
    let mirrors = [mirror("https://good.example", 5, true)];
    let fix = proposed(
        &s,
        finding(DoctorCode::NetDns, Some("git.corp.example"), &[]),
        Some(&mirrors),
    );
    assert!(matches!(fix, Fix::Manual { .. }), "{fix:?}");
}

#[test]
fn an_unreachable_checksum_db_switches_only_to_relaying_mirrors() {
    let s = setup("", &[]);
    let mirrors = [
        mirror("https://norelay.example", 1, false),
        mirror("https://relay.example", 50, true),
    ];
    let fix = proposed(
        &s,
        finding(
            DoctorCode::ChecksumSumdbUnreachable,
            Some("sum.golang.org"),
            &["a.example/m@v1.0.0"],
        ),
        Some(&mirrors),
    );
    assert_eq!(
        ops(&fix),
        [EnvOp::set("GOPROXY", "https://relay.example,direct")]
    );
}

#[test]
fn config_values_are_reset_or_corrected() {
    let cases: &[(&str, DoctorCode, EnvOp)] = &[
        (
            "GOPROXY=\n",
            DoctorCode::ConfigGoproxy,
            EnvOp::unset("GOPROXY"),
        ),
        (
            "GOSUMDB=foo.example.com\n",
            DoctorCode::ConfigGosumdb,
            EnvOp::unset("GOSUMDB"),
        ),
        (
            "GOFLAGS=-mod=mod bogus\n",
            DoctorCode::ConfigGoflags,
            EnvOp::set("GOFLAGS", "-mod=mod"),
        ),
        (
            "GOFLAGS=bogus\n",
            DoctorCode::ConfigGoflags,
            EnvOp::unset("GOFLAGS"),
        ),
        (
            "GOFLAGS=-insecure\n",
            DoctorCode::ConfigGoflags,
            EnvOp::unset("GOFLAGS"),
        ),
        (
            "GOAUTH=netrc;\n",
            DoctorCode::ConfigGoauth,
            EnvOp::set("GOAUTH", "netrc"),
        ),
        (
            "GOAUTH=off;netrc\n",
            DoctorCode::ConfigGoauth,
            EnvOp::unset("GOAUTH"),
        ),
        (
            "GOTOOLCHAIN=bogus\n",
            DoctorCode::ConfigGotoolchain,
            EnvOp::unset("GOTOOLCHAIN"),
        ),
    ];
    for (file, code, op) in cases {
        let s = setup(file, &[]);
        let mut f = finding(*code, None, &[]);
        f.message = "go: invalid GOTOOLCHAIN \"bogus\"".into();
        let fix = proposed(&s, f, None);
        assert_eq!(ops(&fix), std::slice::from_ref(op), "{file}");
    }
}

#[test]
fn a_bad_gosumdb_becomes_the_china_mirror_when_only_that_is_reachable() {
    let s = setup("GOSUMDB=foo.example.com\n", &[]);
    let endpoint = |url: &str, ok: bool| EndpointCheck {
        url: url.into(),
        role: crate::doctor::EndpointRole::Sumdb,
        ok,
        steps: Vec::new(),
        sumdb_relay: None,
        via: None,
        running: false,
        note: None,
    };
    let endpoints = [
        endpoint("https://sum.golang.org", false),
        endpoint("https://sum.golang.google.cn", true),
    ];
    let mut list = [finding(DoctorCode::ConfigGosumdb, None, &[])];
    propose(
        &s.ctx,
        &mut list,
        &FixInputs {
            mirrors: None,
            endpoints: &endpoints,
        },
    );
    assert_eq!(
        ops(&list[0].fix),
        [EnvOp::set("GOSUMDB", "sum.golang.google.cn")]
    );
}

#[test]
fn a_value_from_the_os_environment_is_advice_naming_the_profile() {
    let s = setup("", &[("GOFLAGS", "bogus")]);
    let home = s.ctx.env().home().expect("home");
    std::fs::write(home.join(".bashrc"), "export GOFLAGS=bogus\n").expect("bashrc");
    let f = proposed_finding(&s, finding(DoctorCode::ConfigGoflags, None, &[]), None);
    let Fix::Manual { hint } = &f.fix else {
        panic!("{:?}", f.fix)
    };
    assert!(
        hint.contains(".bashrc") && hint.contains("GOFLAGS"),
        "{hint}"
    );
    // The app words the same advice from params, in the user's language.
    let param = |k: &str| f.params.get(k).map(String::as_str);
    assert_eq!(param("env_key"), Some("GOFLAGS"));
    assert_eq!(param("env_value"), Some("bogus"));
    assert!(
        param("files").is_some_and(|p| p.contains(".bashrc")),
        "{:?}",
        f.params
    );
    // Resetting GOFLAGS means removing the line: nothing to set.
    assert_eq!(param("env_set"), None);

    let s = setup("", &[("GOPROXY", "https://bad.example,direct")]);
    let mirrors = [mirror("https://goproxy.cn", 40, true)];
    let f = proposed_finding(
        &s,
        finding(DoctorCode::NetTimeout, Some("bad.example"), &[]),
        Some(&mirrors),
    );
    assert!(matches!(f.fix, Fix::Manual { .. }), "{:?}", f.fix);
    assert_eq!(
        f.params.get("env_set").map(String::as_str),
        Some("https://goproxy.cn,direct"),
        "{:?}",
        f.params
    );
}

#[test]
fn a_private_module_adds_exactly_its_own_path() {
    let s = setup("GOPRIVATE=other.example\n", &[]);
    let fix = proposed(
        &s,
        finding(
            DoctorCode::ChecksumPrivateModuleLookup,
            Some("sum.golang.org"),
            &["corp.example.com/team/lib@v1.2.0"],
        ),
        None,
    );
    assert_eq!(
        ops(&fix),
        [EnvOp::set(
            "GOPRIVATE",
            "other.example,corp.example.com/team/lib"
        )]
    );
    // Behind a private proxy: GONOSUMDB, so the proxy keeps serving it.
    let s = setup("GOPROXY=https://athens.corp.example,direct\n", &[]);
    let fix = proposed(
        &s,
        finding(
            DoctorCode::ChecksumPrivateModuleLookup,
            Some("sum.golang.org"),
            &["corp.example.com/team/lib@v1.2.0"],
        ),
        None,
    );
    assert_eq!(
        ops(&fix),
        [EnvOp::set("GONOSUMDB", "corp.example.com/team/lib")]
    );
}

#[test]
fn public_modules_and_many_modules_never_widen_patterns() {
    let s = setup("", &[]);
    for (host, modules) in [
        (Some("proxy.golang.org"), vec!["golang.org/x/text@v9.9.9"]),
        (
            Some("proxy.golang.org"),
            vec!["a.example/x@v1.0.0", "b.example/y@v1.0.0"],
        ),
        (
            Some("athens.corp.example"),
            vec!["corp.example.com/lib@v1.0.0"],
        ),
    ] {
        let fix = proposed(&s, finding(DoctorCode::ProxyNotFound, host, &modules), None);
        assert!(
            matches!(fix, Fix::Manual { .. }),
            "{host:?} {modules:?}: {fix:?}"
        );
    }
}

#[test]
fn checksum_mismatches_are_security_findings_with_manual_steps() {
    let s = setup("", &[]);
    for code in [
        DoctorCode::ChecksumGosumMismatch,
        DoctorCode::ChecksumSumdbMismatch,
    ] {
        let fix = proposed(&s, finding(code, None, &["a.example/m@v1.0.0"]), None);
        let Fix::Manual { hint } = fix else {
            panic!("{fix:?}")
        };
        assert!(
            hint.contains("GOPROXY=direct") && hint.contains("go clean -modcache"),
            "{hint}"
        );
        assert!(!hint.contains("GOSUMDB=off") && !hint.contains("-insecure"));
    }
}

#[test]
fn unsafe_ops_are_refused_whoever_proposes_them() {
    assert!(!is_safe(&EnvOp::set("GOSUMDB", "off")));
    assert!(!is_safe(&EnvOp::set("GOINSECURE", "*")));
    assert!(!is_safe(&EnvOp::set("GOFLAGS", "-insecure")));
    assert!(!is_safe(&EnvOp::set("GOPROXY", "off")));
    assert!(is_safe(&EnvOp::unset("GOSUMDB")));
}
