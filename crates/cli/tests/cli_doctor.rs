//! `goproxy-assistant doctor`: exit status 0/1/2, the `--json` shape, `--log -` from stdin, bad
//! options as JSON errors; and for each configuration fix the Doctor proposes: make the failure
//! with the real go1.27 against the loopback simulator, run `doctor --json --project`, apply its
//! ops with `env set`/`env unset`, and the real `go mod download` succeeds.

mod support;

use go_integration_tests::{toolchains, Sandbox, Toolchain};
use mirror_sim::{Fault, MirrorBehavior, SimMirror};
use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};
use support::{cli, json, text};

fn doctor_with_stdin(sb: &Sandbox, args: &[&str], stdin: &[u8]) -> Output {
    let mut child = sb
        .command(support::cli_path())
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start");
    if let Some(mut input) = child.stdin.take() {
        input.write_all(stdin).expect("stdin");
    }
    child.wait_with_output().expect("output")
}

const REFUSED: &[u8] = b"go: example.com/hello@v1.0.0: Get \"https://127.0.0.1:1/example.com/hello/@v/v1.0.0.info\": dial tcp 127.0.0.1:1: connect: connection refused\r\n";

#[test]
fn a_log_from_stdin_with_an_error_exits_1_with_the_issue_json_shape() {
    let sb = Sandbox::new();
    let out = doctor_with_stdin(
        &sb,
        &["doctor", "--json", "--log", "-", "--offline"],
        REFUSED,
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let doc = json(&out);
    assert_eq!(
        doc["endpoints"],
        serde_json::json!([]),
        "a log's endpoints are not contacted"
    );
    assert!(doc.get("run").is_none(), "{doc}");
    let f = &doc["findings"][0];
    assert_eq!(f["code"], "net.refused", "{doc}");
    assert_eq!(f["severity"], "error");
    assert_eq!(f["host"], "127.0.0.1:1");
    assert_eq!(
        f["modules"],
        serde_json::json!(["example.com/hello@v1.0.0"])
    );
    assert_eq!(f["lines"], serde_json::json!([1]));
    assert!(f["message"].as_str().is_some_and(|m| !m.is_empty()));
    assert_eq!(
        f["fix"]["kind"], "manual",
        "offline: no verified mirror, advice only"
    );
    assert!(f["fix"]["hint"].as_str().is_some_and(|h| !h.is_empty()));
}

#[test]
fn a_log_without_problems_exits_0_and_a_file_log_works_too() {
    let sb = Sandbox::new();
    let out = doctor_with_stdin(
        &sb,
        &["doctor", "--json", "--log", "-"],
        b"go: downloading x v1\nok\n",
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert_eq!(json(&out)["findings"], serde_json::json!([]));
    let file = sb.path().join("build.log");
    std::fs::write(&file, REFUSED).expect("write");
    let out = cli(
        &sb,
        &["doctor", "--log", &file.display().to_string(), "--offline"],
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("net.refused") && stdout.contains("fix:"),
        "{stdout}"
    );
}

#[test]
fn the_doctor_that_cannot_run_exits_2_with_a_json_error_naming_the_field() {
    let mut sb = Sandbox::new();
    let not_module = sb.path().join("plain");
    std::fs::create_dir_all(&not_module).expect("mkdir");
    let module = sb.path().join("module");
    std::fs::create_dir_all(&module).expect("mkdir");
    std::fs::write(module.join("go.mod"), "module example.com/m\n\ngo 1.21\n").expect("go.mod");
    let missing_log = sb.path().join("missing.log").display().to_string();
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["doctor", "--json", "--timeout", "X"], "--timeout"),
        (vec!["doctor", "--json", "--timeout", "0"], "--timeout"),
        (vec!["doctor", "--json", "--timeout=-3"], "--timeout"),
        (vec!["doctor", "--json", "--timeout", "9999"], "--timeout"),
        (vec!["doctor", "--json", "--log", &missing_log], "--log"),
        (vec!["doctor", "--json", "--bogus"], "--bogus"),
    ];
    let plain = not_module.display().to_string();
    let mut cases = cases;
    cases.push((vec!["doctor", "--json", "--project", &plain], "project"));
    for (args, field) in &cases {
        let out = cli(&sb, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", text(&out));
        let doc = json(&out);
        assert_eq!(doc["error"]["field"], *field, "{args:?}: {doc}");
        assert!(doc["error"]["message"]
            .as_str()
            .is_some_and(|m| !m.is_empty()));
    }
    // No go on PATH: run mode cannot start.
    sb.set("PATH", &sb.path().join("no-bin").display().to_string());
    let out = cli(
        &sb,
        &[
            "doctor",
            "--json",
            "--project",
            &module.display().to_string(),
        ],
    );
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert_eq!(json(&out)["error"]["field"], "go");
}

// ---- configuration fixes, end to end with the real go ----

const MODULE: &str = "golang.org/x/text";
const VERSION: &str = "v0.14.0";

/// A sandbox whose go is go1.27 (first on PATH) and whose catalogue is off (no internet).
fn go_sandbox(tc: &Toolchain) -> Sandbox {
    let mut sb = Sandbox::new();
    let bin = tc.go.parent().expect("bin").display().to_string();
    sb.set("PATH", &format!("{bin}:/usr/bin:/bin"));
    sb.set("GOPROXY_ASSISTANT_OFFLINE_CATALOGUE", "1");
    // The endpoint check also looks at sum.golang.org and `direct` hosts: send anything that is
    // not loopback to a dead proxy (go and the check never proxy loopback), so nothing leaves
    // the machine.
    sb.set("HTTPS_PROXY", "http://127.0.0.1:1");
    sb.set("HTTP_PROXY", "http://127.0.0.1:1");
    sb
}

/// A module requiring `requires` with go.sum lines for `summed` (fetched from `mirror` once,
/// in a scratch sandbox with GOSUMDB=off, the only place verification is off).
fn project(
    sb: &Sandbox,
    tc: &Toolchain,
    mirror: &SimMirror,
    requires: &[(&str, &str)],
    summed: &[(&str, &str)],
) -> PathBuf {
    let dir = sb.path().join("project");
    std::fs::create_dir_all(&dir).expect("mkdir");
    let mut go_mod = "module example.com/project\n\ngo 1.19\n\n".to_string();
    for (m, v) in requires {
        go_mod.push_str(&format!("require {m} {v}\n"));
    }
    std::fs::write(dir.join("go.mod"), go_mod).expect("go.mod");
    let mut scratch = Sandbox::new();
    scratch.set("GOPROXY", &mirror.url());
    scratch.set("GOSUMDB", "off");
    scratch.set("GOFLAGS", "-modcacherw");
    scratch.set("GOTOOLCHAIN", "local");
    let mut go_sum = String::new();
    for (m, v) in summed {
        let out = scratch.go(tc, &["mod", "download", "-json", &format!("{m}@{v}")]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let doc: Value = serde_json::from_slice(&out.stdout).expect("json");
        go_sum.push_str(&format!("{m} {v} {}\n", doc["Sum"].as_str().expect("Sum")));
        go_sum.push_str(&format!(
            "{m} {v}/go.mod {}\n",
            doc["GoModSum"].as_str().expect("GoModSum")
        ));
    }
    std::fs::write(dir.join("go.sum"), go_sum).expect("go.sum");
    dir
}

fn write_goenv(sb: &Sandbox, content: &str) {
    std::fs::write(&sb.goenv, content).expect("goenv");
}

/// `go mod download` in `dir` with a fresh module cache, as the user would run it again.
fn go_mod_download(sb: &Sandbox, tc: &Toolchain, dir: &Path) -> Output {
    let cache = tempfile::tempdir().expect("cache");
    sb.command(&tc.go)
        .args(["mod", "download", "-modcacherw"])
        .env("GOMODCACHE", cache.path())
        .current_dir(dir)
        .output()
        .expect("go")
}

/// Runs the Doctor on `dir`, finds `code`, checks every op is safe, applies the ops with
/// `env set`/`env unset`, and returns them.
fn doctor_fix(sb: &Sandbox, dir: &Path, code: &str) -> Vec<Value> {
    let out = cli(
        sb,
        &[
            "doctor",
            "--json",
            "--project",
            &dir.display().to_string(),
            "--timeout",
            "20",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let doc = json(&out);
    assert_eq!(doc["run"]["ok"], false, "{doc}");
    for f in doc["findings"].as_array().expect("findings") {
        assert_safe(&f["fix"]);
    }
    let finding = doc["findings"]
        .as_array()
        .and_then(|list| list.iter().find(|f| f["code"] == code))
        .unwrap_or_else(|| panic!("no {code}: {doc}"));
    assert_eq!(finding["fix"]["kind"], "go_env", "{finding}");
    let ops = finding["fix"]["ops"].as_array().expect("ops").clone();
    for op in &ops {
        let key = op["key"].as_str().expect("key");
        let out = match op["op"].as_str() {
            Some("set") => cli(
                sb,
                &[
                    "env",
                    "set",
                    &format!("{key}={}", op["value"].as_str().expect("value")),
                ],
            ),
            _ => cli(sb, &["env", "unset", key]),
        };
        assert!(out.status.success(), "{op}: {}", text(&out));
    }
    ops
}

fn assert_safe(fix: &Value) {
    let text = fix.to_string();
    assert!(!text.contains("GOSUMDB=off"), "{text}");
    assert!(!text.contains("-insecure"), "{text}");
    for op in fix["ops"].as_array().into_iter().flatten() {
        let (key, value) = (
            op["key"].as_str().unwrap_or(""),
            op["value"].as_str().unwrap_or(""),
        );
        assert!(!(key == "GOSUMDB" && value == "off"), "{op}");
        assert_ne!(key, "GOINSECURE", "{op}");
        if matches!(key, "GOPRIVATE" | "GONOSUMDB" | "GONOPROXY") {
            for pattern in value.split(',') {
                assert!(
                    !pattern.contains(['*', '?', '[']) && pattern.contains('/'),
                    "wider pattern: {op}"
                );
            }
        }
    }
}

fn assert_downloads(sb: &Sandbox, tc: &Toolchain, dir: &Path) {
    let out = go_mod_download(sb, tc, dir);
    assert!(
        out.status.success(),
        "after the fix: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn go127() -> Option<Toolchain> {
    toolchains().into_iter().find(|t| t.name == "go1.27")
}

#[test]
fn a_failing_proxy_is_switched_to_a_verified_mirror() {
    let Some(tc) = go127() else { return };
    let good = SimMirror::start(MirrorBehavior::default()).expect("start");
    let bad = SimMirror::start(MirrorBehavior::default().with_fault("", Fault::Status(502)))
        .expect("start");
    let sb = go_sandbox(&tc);
    let dir = project(&sb, &tc, &good, &[(MODULE, VERSION)], &[(MODULE, VERSION)]);
    let out = cli(&sb, &["mirrors", "add", "corp-good", &good.url()]);
    assert!(out.status.success(), "{}", text(&out));
    write_goenv(&sb, &format!("GOPROXY={},direct\n", bad.url()));
    assert!(
        !go_mod_download(&sb, &tc, &dir).status.success(),
        "the failure is real"
    );
    let ops = doctor_fix(&sb, &dir, "proxy.server_error");
    assert_eq!(ops[0]["value"], format!("{},direct", good.url()));
    assert_downloads(&sb, &tc, &dir);
}

#[test]
fn an_empty_goproxy_list_is_fixed() {
    let Some(tc) = go127() else { return };
    let good = SimMirror::start(MirrorBehavior::default()).expect("start");
    let sb = go_sandbox(&tc);
    let dir = project(&sb, &tc, &good, &[(MODULE, VERSION)], &[(MODULE, VERSION)]);
    assert!(cli(&sb, &["mirrors", "add", "corp-good", &good.url()])
        .status
        .success());
    write_goenv(&sb, "GOPROXY=\n");
    doctor_fix(&sb, &dir, "config.goproxy");
    assert_downloads(&sb, &tc, &dir);
}

#[test]
fn bad_goflags_goauth_and_gotoolchain_are_reset_or_corrected() {
    let Some(tc) = go127() else { return };
    let mirror = SimMirror::start(MirrorBehavior::default().https()).expect("start");
    for (line, code) in [
        ("GOFLAGS=-mod=mod bogus", "config.goflags"),
        ("GOAUTH=netrc;", "config.goauth"),
        ("GOTOOLCHAIN=bogus", "config.gotoolchain"),
    ] {
        let mut sb = go_sandbox(&tc);
        let ca = mirror_sim::test_ca().write_ca_file(sb.path()).expect("ca");
        sb.set("SSL_CERT_FILE", &ca.display().to_string());
        let dir = project(&sb, &tc, &mirror, &[(MODULE, VERSION)], &[]);
        // go.sum lines fetched over HTTPS need the CA too: write them from a plain-HTTP twin.
        let twin = SimMirror::start(MirrorBehavior::default()).expect("start");
        project(&sb, &tc, &twin, &[(MODULE, VERSION)], &[(MODULE, VERSION)]);
        write_goenv(&sb, &format!("GOPROXY={},direct\n{line}\n", mirror.url()));
        assert!(
            !go_mod_download(&sb, &tc, &dir).status.success(),
            "{line}: the failure is real"
        );
        let ops = doctor_fix(&sb, &dir, code);
        assert!(!ops.is_empty(), "{line}");
        assert_downloads(&sb, &tc, &dir);
    }
}

#[test]
fn a_private_module_gets_its_own_pattern_only() {
    let Some(tc) = go127() else { return };
    let mirror = SimMirror::start(MirrorBehavior::default()).expect("start");
    // The checksum database stand-in does not know the module (404), as sum.golang.org answers
    // for a private one.
    let sumdb =
        SimMirror::start(MirrorBehavior::default().with_fault("/lookup/", Fault::Status(404)))
            .expect("start");
    let private = "example.com/sim/Hello";
    let sb = go_sandbox(&tc);
    let dir = project(
        &sb,
        &tc,
        &mirror,
        &[(MODULE, VERSION), (private, "v1.0.0")],
        &[(MODULE, VERSION)],
    );
    write_goenv(
        &sb,
        &format!(
            "GOPROXY={},direct\nGOSUMDB=sum.golang.org {}\n",
            mirror.url(),
            sumdb.url()
        ),
    );
    assert!(
        !go_mod_download(&sb, &tc, &dir).status.success(),
        "the failure is real"
    );
    let ops = doctor_fix(&sb, &dir, "checksum.private_module_lookup");
    assert_eq!(ops.len(), 1);
    assert_eq!(
        ops[0]["value"], private,
        "exactly that module's path: {ops:?}"
    );
    assert_downloads(&sb, &tc, &dir);
}

#[test]
fn a_bad_gosumdb_is_unset_and_go_gets_past_it() {
    let Some(tc) = go127() else { return };
    let mirror = SimMirror::start(MirrorBehavior::default()).expect("start");
    let sb = go_sandbox(&tc);
    let dir = project(&sb, &tc, &mirror, &[(MODULE, VERSION)], &[]);
    write_goenv(
        &sb,
        &format!("GOPROXY={},direct\nGOSUMDB=foo.example.com\n", mirror.url()),
    );
    let ops = doctor_fix(&sb, &dir, "config.gosumdb");
    assert_eq!(ops, [serde_json::json!({"op": "unset", "key": "GOSUMDB"})]);
    // The simulator is no checksum database, so the download cannot complete here; what the fix
    // must achieve is that go accepts GOSUMDB again and asks the database (through the proxy).
    let out = go_mod_download(&sb, &tc, &dir);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("GOSUMDB"), "{stderr}");
    assert!(
        mirror
            .requests()
            .iter()
            .any(|r| r.path == "/sumdb/sum.golang.org/supported"),
        "go went on to the checksum database"
    );
}
