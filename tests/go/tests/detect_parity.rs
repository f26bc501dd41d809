//! Detection parity: for every module-download key, our effective value equals what the real
//! `go env -json` of the same binary prints, and the source we name is the layer that decided it.
//! Runs each scenario against go1.27 and go1.19.

use go_integration_tests::{toolchains, Sandbox, Toolchain};
use goproxy_core::detect::detect;
use goproxy_core::settings::{Setting, SettingSource as Src, MODULE_KEYS};
use serde_json::Value;
use std::path::Path;

/// A scenario: GOENV file content, OS variables to set or remove, and the sources we expect.
struct Scenario {
    name: &'static str,
    file: Option<&'static [u8]>,
    env: &'static [(&'static str, &'static str)],
    remove: &'static [&'static str],
    expect: &'static [(&'static str, Src)],
}

const SCENARIOS: &[Scenario] = &[
    Scenario {
        name: "nothing set",
        file: None,
        env: &[],
        remove: &[],
        expect: &[("GOPRIVATE", Src::Default), ("GONOPROXY", Src::Default), ("GOMODCACHE", Src::Environment)],
    },
    Scenario {
        name: "file values",
        file: Some(b"# team settings\nGOPROXY=https://goproxy.cn,direct\nGOPRIVATE=corp.example.com,*.internal\nGOSUMDB=off\nGOINSECURE=legacy.example.com\n"),
        env: &[],
        remove: &[],
        expect: &[
            ("GOPROXY", Src::GoenvFile),
            ("GOPRIVATE", Src::GoenvFile),
            ("GONOPROXY", Src::Default),
            ("GONOSUMDB", Src::Default),
            ("GOSUMDB", Src::GoenvFile),
            ("GOINSECURE", Src::GoenvFile),
        ],
    },
    Scenario {
        name: "environment overrides file; empty variable counts as unset",
        file: Some(b"GOPROXY=https://goproxy.cn\nGOFLAGS=-mod=mod\nGONOSUMDB=x.example\n"),
        env: &[("GOPROXY", "https://proxy.example.com|direct"), ("GOFLAGS", ""), ("GOPRIVATE", "p.example")],
        remove: &[],
        expect: &[
            ("GOPROXY", Src::Environment),
            ("GOFLAGS", Src::GoenvFile),
            ("GOPRIVATE", Src::Environment),
            ("GONOPROXY", Src::Default),
            ("GONOSUMDB", Src::GoenvFile),
        ],
    },
    Scenario {
        name: "empty lines in the file",
        file: Some(b"GOPROXY=\nGONOPROXY=\nGOPRIVATE=a.example\nGOSUMDB=\n"),
        env: &[],
        remove: &[],
        expect: &[("GONOPROXY", Src::Default)],
    },
    Scenario {
        name: "GOPATH from the file decides GOMODCACHE",
        file: Some(b"GOPATH=/opt/gopath:/second\n"),
        env: &[],
        remove: &["GOPATH", "GOMODCACHE"],
        expect: &[("GOMODCACHE", Src::Default)],
    },
    Scenario {
        name: "default GOPATH under HOME",
        file: None,
        env: &[],
        remove: &["GOPATH", "GOMODCACHE"],
        expect: &[("GOMODCACHE", Src::Default), ("GOENV", Src::Environment)],
    },
    Scenario {
        name: "default GOENV location under XDG_CONFIG_HOME",
        file: None,
        env: &[],
        remove: &["GOENV"],
        expect: &[("GOENV", Src::Default), ("GOPROXY", Src::GoenvFile)],
    },
    Scenario {
        name: "GOENV=off reads no file",
        file: Some(b"GOPROXY=https://ignored.example\n"),
        env: &[("GOENV", "off")],
        remove: &[],
        expect: &[("GOENV", Src::Environment)],
    },
    Scenario {
        name: "CRLF, quotes, spaces and odd lines kept raw",
        file: Some(b"GOPRIVATE=corp.example.com\r\nGONOSUMDB=\"quoted.example\"\nGOSUMDB = spaced\nlowercase=1\n  GOINSECURE=indented\nGOFLAGS=-mod=mod\nGOFLAGS=-mod=readonly"),
        env: &[],
        remove: &[],
        expect: &[("GOPRIVATE", Src::GoenvFile), ("GONOSUMDB", Src::GoenvFile), ("GOINSECURE", Src::Default), ("GOFLAGS", Src::GoenvFile)],
    },
    Scenario {
        name: "toolchain and auth settings",
        file: Some(b"GOTOOLCHAIN=local\nGOAUTH=netrc;off\n"),
        env: &[("GOAUTH", "")],
        remove: &[],
        expect: &[],
    },
];

fn go_env_json(sb: &Sandbox, tc: &Toolchain) -> serde_json::Map<String, Value> {
    let out = sb.go(tc, &["env", "-json"]);
    assert!(
        out.status.success(),
        "go env -json failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    match serde_json::from_slice(&out.stdout) {
        Ok(Value::Object(map)) => map,
        other => panic!("go env -json printed no object: {other:?}"),
    }
}

fn setup(tc: &Toolchain, sc: &Scenario) -> Sandbox {
    let mut sb = Sandbox::new();
    // Only the toolchain under test may be found on PATH.
    let bin = tc.go.parent().expect("bin dir").display().to_string();
    sb.set("PATH", &format!("{bin}:/usr/bin:/bin"));
    for (k, v) in sc.env {
        sb.set(k, v);
    }
    for k in sc.remove {
        sb.without(k);
    }
    if let Some(bytes) = sc.file {
        std::fs::write(&sb.goenv, bytes).expect("write GOENV file");
    }
    if sc.name.starts_with("default GOENV") {
        // The default location must hold a file for the source to be the file.
        std::fs::write(
            &sb.goenv,
            b"GOPROXY=https://from-default-location.example\n",
        )
        .expect("write");
    }
    sb
}

fn check(tc: &Toolchain, sc: &Scenario) -> Vec<String> {
    let sb = setup(tc, sc);
    let go = go_env_json(&sb, tc);
    let detection = detect(&sb.sysenv());
    let mut problems = Vec::new();
    let active = detection.installations.iter().find(|i| i.active);
    let go_version = go.get("GOVERSION").and_then(Value::as_str).unwrap_or("");
    if active.and_then(|i| i.version.as_deref()) != Some(go_version) {
        problems.push(format!(
            "active installation {active:?} is not {go_version}"
        ));
    }
    let find = |k: &str| -> Option<&Setting> { detection.settings.iter().find(|s| s.key == k) };
    for key in MODULE_KEYS {
        let ours = find(key).expect("every module key is reported");
        match go.get(*key).and_then(Value::as_str) {
            None => {
                if ours.source != Src::Unsupported {
                    problems.push(format!(
                        "{key}: go does not know it but we say {:?}",
                        ours.source
                    ));
                }
            }
            Some(theirs) => {
                if ours.value != theirs {
                    problems.push(format!(
                        "{key}: ours {:?} ({:?}), go {:?}",
                        ours.value, ours.source, theirs
                    ));
                }
            }
        }
    }
    for (key, want) in sc.expect {
        let got = find(key).map(|s| s.source);
        if got != Some(*want) {
            problems.push(format!("{key}: source {got:?}, expected {want:?}"));
        }
    }
    // Go 1.23+ can say which values differ from the defaults: those must come from env or file.
    if tc.name == "go1.27" {
        let out = sb.go(tc, &["env", "-changed", "-json"]);
        if let Ok(Value::Object(changed)) = serde_json::from_slice::<Value>(&out.stdout) {
            for key in changed.keys().filter(|k| MODULE_KEYS.contains(&k.as_str())) {
                let src = find(key).map(|s| s.source);
                if !matches!(src, Some(Src::Environment | Src::GoenvFile)) && key != "GOMODCACHE" {
                    problems.push(format!(
                        "{key}: go says it was changed but our source is {src:?}"
                    ));
                }
            }
        }
    }
    problems
        .into_iter()
        .map(|p| format!("[{} / {}] {p}", tc.name, sc.name))
        .collect()
}

#[test]
fn values_and_sources_match_go_env_json() {
    let tcs = toolchains();
    let mut problems = Vec::new();
    for tc in &tcs {
        for sc in SCENARIOS {
            problems.extend(check(tc, sc));
        }
    }
    assert!(
        problems.is_empty(),
        "detection differs from go env -json:\n{}",
        problems.join("\n")
    );
}

#[test]
fn finds_every_installation_and_marks_the_active_one() {
    let tcs = toolchains();
    if tcs.len() < 2 {
        return;
    }
    let mut sb = Sandbox::new();
    let dirs: Vec<String> = tcs
        .iter()
        .map(|t| t.go.parent().expect("bin").display().to_string())
        .collect();
    sb.set("PATH", &format!("{}:/usr/bin:/bin", dirs.join(":")));
    let d = detect(&sb.sysenv());
    for tc in &tcs {
        let real = std::fs::canonicalize(&tc.go).expect("canonical");
        assert!(
            d.installations
                .iter()
                .any(|i| std::fs::canonicalize(&i.go_path).ok().as_deref() == Some(real.as_path())),
            "{} not found in {:?}",
            tc.name,
            d.installations
        );
    }
    let active: Vec<_> = d.installations.iter().filter(|i| i.active).collect();
    assert_eq!(active.len(), 1);
    assert_eq!(Path::new(&active[0].go_path), tcs[0].go.as_path());
    assert!(d
        .findings
        .iter()
        .any(|f| f.code == goproxy_core::findings::FindingCode::MultipleInstallations));
}

#[test]
fn go_absent_is_a_finding_not_a_failure() {
    let mut sb = Sandbox::new();
    sb.set("PATH", &sb.path().join("empty-bin").display().to_string());
    let d = detect(&sb.sysenv());
    assert!(d.installations.iter().all(|i| !i.active));
    assert!(d
        .findings
        .iter()
        .any(|f| f.code == goproxy_core::findings::FindingCode::GoNotFound));
    assert_eq!(d.settings.len(), MODULE_KEYS.len());
}
