use super::*;
use crate::settings::{compute, Layers};

fn run(env: &[(&str, &str)], file: &[u8], version: GoVersion) -> Vec<Finding> {
    let env = SysEnv::from_vars(env.iter().copied());
    let file = EnvFile::parse(file);
    let goroot = EnvFile::parse(
        b"GOPROXY=https://proxy.golang.org,direct\nGOSUMDB=sum.golang.org\nGOTOOLCHAIN=auto\n",
    );
    let path = Path::new("/h/.config/go/env");
    let layers = Layers {
        env: &env,
        file: Some(&file),
        file_path: Some(path),
        goroot_env: Some(&goroot),
        goroot_env_assumed: false,
        goroot: Some(Path::new("/usr/local/go")),
        version,
    };
    let settings = compute(&layers);
    let installs = vec![GoInstallation {
        go_path: "/usr/local/go/bin/go".into(),
        goroot: Some("/usr/local/go".into()),
        version: Some(version.to_string()),
        parsed_version: Some(version),
        found_via: vec![crate::install::FoundVia::Path],
        active: true,
    }];
    evaluate(&Facts {
        env: &env,
        installations: &installs,
        settings: &settings,
        version,
        file: Some(&file),
        file_path: Some(path),
        file_error: None,
    })
}

const NEW: GoVersion = GoVersion::new(1, 27, 3);

fn codes(findings: &[Finding]) -> Vec<Code> {
    findings.iter().map(|f| f.code).collect()
}

#[test]
fn clean_setup_has_no_findings() {
    assert!(run(&[("HOME", "/h")], b"", NEW).is_empty());
}

#[test]
fn gosumdb_off_in_file_is_fixed_by_unset() {
    let f = run(&[("HOME", "/h")], b"GOSUMDB=off\n", NEW);
    let sum = f
        .iter()
        .find(|x| x.code == Code::GosumdbOff)
        .expect("finding");
    assert_eq!(
        sum.fix,
        Some(Fix::GoEnv {
            ops: vec![EnvOp::unset("GOSUMDB")]
        })
    );
}

#[test]
fn gosumdb_off_from_environment_needs_a_manual_fix() {
    let f = run(&[("HOME", "/h"), ("GOSUMDB", "off")], b"", NEW);
    let sum = f
        .iter()
        .find(|x| x.code == Code::GosumdbOff)
        .expect("finding");
    assert!(matches!(sum.fix, Some(Fix::Manual { .. })));
}

#[test]
fn env_override_goproxy_off_and_no_fallback() {
    let f = run(
        &[("HOME", "/h"), ("GOPROXY", "off")],
        b"GOPROXY=https://goproxy.cn\n",
        NEW,
    );
    assert!(codes(&f).contains(&Code::EnvOverridesFile));
    assert!(codes(&f).contains(&Code::GoproxyOff));
    let f = run(&[("HOME", "/h")], b"GOPROXY=https://goproxy.cn\n", NEW);
    let nf = f
        .iter()
        .find(|x| x.code == Code::GoproxyNoFallback)
        .expect("no fallback");
    assert_eq!(
        nf.fix,
        Some(Fix::GoEnv {
            ops: vec![EnvOp::set("GOPROXY", "https://goproxy.cn,direct")]
        })
    );
}

#[test]
fn goflags_insecure_keeps_other_flags() {
    let f = run(&[("HOME", "/h")], b"GOFLAGS=-mod=mod -insecure\n", NEW);
    let g = f
        .iter()
        .find(|x| x.code == Code::GoflagsInsecure)
        .expect("finding");
    assert_eq!(
        g.fix,
        Some(Fix::GoEnv {
            ops: vec![EnvOp::set("GOFLAGS", "-mod=mod")]
        })
    );
}

#[test]
fn empty_goproxy_line_crlf_and_ignored_lines() {
    let f = run(
        &[("HOME", "/h")],
        b"GOPROXY=\nGOPRIVATE=corp.example.com\r\nlowercase=1\n",
        NEW,
    );
    let c = codes(&f);
    assert!(c.contains(&Code::GoenvEmptyValue), "{c:?}");
    assert!(c.contains(&Code::GoenvCrlf), "{c:?}");
    assert!(c.contains(&Code::GoenvIgnoredLines), "{c:?}");
    assert_eq!(f[0].severity, Severity::Error, "most severe first");
    // Go 1.19 falls back to its compiled default for an empty line: nothing to report.
    let old = run(&[("HOME", "/h")], b"GOPROXY=\n", GoVersion::new(1, 19, 8));
    assert!(!codes(&old).contains(&Code::GoenvEmptyValue));
}

#[test]
fn proxy_credentials_are_redacted() {
    let f = run(
        &[
            ("HOME", "/h"),
            ("https_proxy", "http://user:s3cret@proxy.corp:3128"),
        ],
        b"",
        NEW,
    );
    let p = f
        .iter()
        .find(|x| x.code == Code::HttpProxyInEffect)
        .expect("finding");
    assert!(!p.message.contains("s3cret") && !p.params.values().any(|v| v.contains("s3cret")));
    assert!(p.message.contains("proxy.corp:3128"));
}

#[cfg(unix)]
#[test]
fn netrc_readable_by_others() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let netrc = dir.path().join("netrc");
    std::fs::write(&netrc, "machine h login u password p\n").expect("write");
    std::fs::set_permissions(&netrc, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    let netrc_s = netrc.display().to_string();
    let f = run(&[("HOME", "/h"), ("NETRC", &netrc_s)], b"", NEW);
    assert!(codes(&f).contains(&Code::NetrcReadableByOthers));
    std::fs::set_permissions(&netrc, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    assert!(
        !codes(&run(&[("HOME", "/h"), ("NETRC", &netrc_s)], b"", NEW))
            .contains(&Code::NetrcReadableByOthers)
    );
}

#[test]
fn goauth_command_that_cannot_run_is_found_and_dropped_by_the_fix() {
    let file = b"GOAUTH=netrc;/opt/gone/goproxy-assistant goauth\n";
    let f = run(&[("HOME", "/h"), ("PATH", "/usr/bin:/bin")], file, NEW);
    let missing = f
        .iter()
        .find(|x| x.code == Code::GoauthCommandMissing)
        .expect("finding");
    assert_eq!(
        missing.fix,
        Some(Fix::GoEnv {
            ops: vec![EnvOp::unset("GOAUTH")]
        })
    );
    // A command that runs (absolute, or found in PATH) is fine; so is Go < 1.24 (no GOAUTH).
    for ok in [
        &b"GOAUTH=netrc;/bin/sh -c true\n"[..],
        b"GOAUTH=sh -c true;netrc\n",
    ] {
        let f = run(&[("HOME", "/h"), ("PATH", "/usr/bin:/bin")], ok, NEW);
        assert!(!codes(&f).contains(&Code::GoauthCommandMissing), "{f:?}");
    }
    let old = run(&[("HOME", "/h")], file, GoVersion::new(1, 19, 8));
    assert!(!codes(&old).contains(&Code::GoauthCommandMissing));
}

#[test]
fn goauth_values_go_refuses_are_errors_with_a_cleaned_value() {
    let cases: [(&[u8], Option<&str>); 3] = [
        (b"GOAUTH=netrc;\n", None),
        (b"GOAUTH=off;/bin/sh x\n", Some("/bin/sh x")),
        (b"GOAUTH=git relative/dir;/bin/sh x\n", Some("/bin/sh x")),
    ];
    for (file, want) in cases {
        let f = run(&[("HOME", "/h"), ("PATH", "/bin")], file, NEW);
        let bad = f
            .iter()
            .find(|x| x.code == Code::GoauthInvalid)
            .unwrap_or_else(|| panic!("{f:?}"));
        assert_eq!(bad.severity, Severity::Error);
        let op = match want {
            None => EnvOp::unset("GOAUTH"),
            Some(v) => EnvOp::set("GOAUTH", v),
        };
        assert_eq!(bad.fix, Some(Fix::GoEnv { ops: vec![op] }));
    }
}
