//! A FIFO, a Unix socket (or a directory) where the app reads a file must never hang a
//! command: every read opens without blocking and refuses what is not a regular file, so each
//! command below answers within 2 s, with `not_a_file` naming the path or with its usual result.
#![cfg(unix)]

mod support;

use go_integration_tests::Sandbox;
use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// How long any command may take here (none runs go or reaches the network).
const LIMIT: Duration = Duration::from_secs(2);

#[derive(Clone, Copy, Debug)]
enum Special {
    Fifo,
    Socket,
}

const BOTH: [Special; 2] = [Special::Fifo, Special::Socket];

fn make(kind: Special, path: &Path) {
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    match kind {
        Special::Fifo => {
            let ok = Command::new("mkfifo")
                .arg(path)
                .status()
                .expect("run mkfifo");
            assert!(ok.success(), "mkfifo {}", path.display());
        }
        // The socket file stays after the listener is dropped; nobody accepts on it.
        Special::Socket => {
            std::os::unix::net::UnixListener::bind(path).expect("bind a Unix socket");
        }
    }
}

/// Runs the CLI with `args` (and `stdin`), killing it and failing the test after [`LIMIT`].
fn run(sb: &Sandbox, args: &[&str], stdin: &str) -> Output {
    let mut child = sb
        .command(support::cli_path())
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start the cli");
    if let Some(mut input) = child.stdin.take() {
        let _ = input.write_all(stdin.as_bytes());
    }
    let start = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if start.elapsed() > LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("`{}` did not answer within {LIMIT:?}", args.join(" "));
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    child.wait_with_output().expect("output")
}

/// The command fails with `not_a_file` naming `path` (in `field` and the message).
fn refuses(sb: &Sandbox, args: &[&str], path: &Path) -> Value {
    let out = run(sb, args, "");
    assert_eq!(
        out.status.code(),
        Some(1),
        "{args:?}: {}",
        support::text(&out)
    );
    let err = support::json(&out)["error"].clone();
    assert_eq!(err["code"], "not_a_file", "{args:?}: {err}");
    let shown = path.display().to_string();
    assert_eq!(err["field"], shown.as_str(), "{args:?}: {err}");
    let message = err["message"].as_str().unwrap_or_default();
    assert!(message.contains(&shown), "{args:?}: {message}");
    assert!(
        message.contains("FIFO") || message.contains("socket"),
        "{args:?}: names what is there: {message}"
    );
    assert!(!message.contains("a directory?"), "{message}");
    err
}

/// The command succeeds with its usual JSON result.
fn answers(sb: &Sandbox, args: &[&str]) -> Value {
    let out = run(sb, args, "");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?}: {}",
        support::text(&out)
    );
    support::json(&out)
}

fn data_dir(sb: &Sandbox) -> PathBuf {
    sb.home.join(".local/share/goproxy-assistant")
}

fn config_dir(sb: &Sandbox) -> PathBuf {
    sb.home.join(".config/goproxy-assistant")
}

#[test]
fn goenv_file() {
    for kind in BOTH {
        let sb = Sandbox::new();
        make(kind, &sb.goenv);
        let detection = answers(&sb, &["detect", "--json"]);
        assert!(
            detection.to_string().contains("not a regular file"),
            "{kind:?}: detect reports the GOENV file: {detection}"
        );
        refuses(
            &sb,
            &["env", "set", "GOPROXY=https://a.example", "--json"],
            &sb.goenv,
        );
        refuses(
            &sb,
            &["private", "add", "corp.example", "--json"],
            &sb.goenv,
        );
        refuses(
            &sb,
            &["use", "goproxy.cn", "--dry-run", "--json"],
            &sb.goenv,
        );
        answers(&sb, &["history", "--json"]);
    }
}

/// A `go` wrapper (not found from its location) is asked `go env`; a FIFO GOENV must not make
/// it block until its time limit.
#[test]
fn goenv_fifo_with_a_go_wrapper() {
    let Some(tc) = go_integration_tests::toolchains().into_iter().next() else {
        return;
    };
    let mut sb = Sandbox::new();
    let bin = sb.path().join("wrapper-bin");
    std::fs::create_dir_all(&bin).expect("mkdir");
    let wrapper = bin.join("go");
    std::fs::write(
        &wrapper,
        format!("#!/bin/sh\nexec '{}' \"$@\"\n", tc.go.display()),
    )
    .expect("write");
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&wrapper, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    sb.set("PATH", &format!("{}:/usr/bin:/bin", bin.display()));
    make(Special::Fifo, &sb.goenv);
    let detection = answers(&sb, &["detect", "--json"]);
    let active = detection["installations"]
        .as_array()
        .and_then(|l| l.iter().find(|i| i["active"] == true))
        .cloned()
        .unwrap_or_default();
    assert!(
        active["version"]
            .as_str()
            .is_some_and(|v| v.starts_with("go1.")),
        "the wrapper was asked: {active}"
    );
}

#[test]
fn goroot_go_env() {
    let mut sb = Sandbox::new();
    let root = sb.path().join("goroot");
    std::fs::create_dir_all(root.join("pkg/tool")).expect("mkdir");
    std::fs::create_dir_all(root.join("bin")).expect("mkdir");
    std::fs::write(root.join("VERSION"), "go1.27.0\ntime 2026\n").expect("write");
    let go = root.join("bin/go");
    std::fs::write(&go, "#!/bin/sh\nexit 1\n").expect("write");
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&go, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    sb.set(
        "PATH",
        &format!("{}:/usr/bin:/bin", root.join("bin").display()),
    );
    make(Special::Fifo, &root.join("go.env"));
    let detection = answers(&sb, &["detect", "--json"]);
    assert_eq!(detection["rules_version"], "go1.27.0", "{detection}");
}

#[test]
fn shell_start_up_file() {
    let mut sb = Sandbox::new();
    sb.set("GOPROXY", "https://env.example");
    std::fs::write(&sb.goenv, "GOPROXY=https://file.example\n").expect("write");
    make(Special::Fifo, &sb.home.join(".bashrc"));
    make(Special::Socket, &sb.home.join(".profile"));
    answers(&sb, &["detect", "--json"]);
    answers(
        &sb,
        &[
            "env",
            "set",
            "GOPROXY=https://a.example",
            "--dry-run",
            "--json",
        ],
    );
}

#[test]
fn netrc() {
    for kind in BOTH {
        let sb = Sandbox::new();
        let netrc = sb.home.join(".netrc");
        make(kind, &netrc);
        refuses(&sb, &["netrc", "status", "--json"], &netrc);
        refuses(&sb, &["netrc", "fix-mode", "--json"], &netrc);
        answers(&sb, &["private", "list", "--json"]);
        answers(&sb, &["token", "status", "--json"]);
        // The text form too: no "(a directory?)" guess.
        let out = run(&sb, &["netrc", "status"], "");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("error[not_a_file]"), "{stderr}");
        assert!(!stderr.contains("a directory?"), "{stderr}");
    }
}

#[test]
fn config_toml() {
    for kind in BOTH {
        let sb = Sandbox::new();
        let config = config_dir(&sb).join("config.toml");
        make(kind, &config);
        refuses(&sb, &["mirrors", "list", "--json"], &config);
        refuses(
            &sb,
            &["mirrors", "add", "corp", "https://corp.example", "--json"],
            &config,
        );
        refuses(&sb, &["mirrors", "remove", "corp", "--json"], &config);
        refuses(&sb, &["use", "goproxy.cn", "--dry-run", "--json"], &config);
    }
}

#[test]
fn hosts_toml() {
    for kind in BOTH {
        let sb = Sandbox::new();
        let hosts = config_dir(&sb).join("hosts.toml");
        make(kind, &hosts);
        refuses(&sb, &["token", "status", "--json"], &hosts);
        refuses(&sb, &["private", "list", "--json"], &hosts);
        refuses(&sb, &["token", "delete", "h.example", "--json"], &hosts);
    }
}

#[test]
fn ca_file() {
    let sb = Sandbox::new();
    let ca = sb.path().join("ca.pem");
    make(Special::Fifo, &ca);
    let ca_arg = ca.display().to_string();
    let args = [
        "mirrors",
        "add",
        "corp",
        "https://corp.example",
        "--ca-file",
        &ca_arg,
        "--json",
    ];
    let out = run(&sb, &args, "");
    assert_eq!(out.status.code(), Some(1), "{}", support::text(&out));
    let err = support::json(&out)["error"].clone();
    assert_eq!(err["field"], "ca_file", "{err}");
    assert!(
        err["message"].as_str().is_some_and(|m| m.contains("FIFO")),
        "{err}"
    );
}

#[test]
fn last_benchmark_json() {
    for kind in BOTH {
        let sb = Sandbox::new();
        make(kind, &data_dir(&sb).join("last-benchmark.json"));
        let env = sb.sysenv();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(goproxy_core::mirrors::last_run::load(&env).map(|_| ()));
        });
        let err = rx
            .recv_timeout(LIMIT)
            .expect("last_run::load answers within 2 s")
            .expect_err("a special file is refused");
        assert_eq!(
            err.code,
            goproxy_core::ErrorCode::NotAFile,
            "{kind:?}: {err:?}"
        );
    }
}

#[test]
fn lock_file() {
    for kind in BOTH {
        let sb = Sandbox::new();
        let lock = data_dir(&sb).join("lock");
        make(kind, &lock);
        refuses(
            &sb,
            &["env", "set", "GOPROXY=https://a.example", "--json"],
            &lock,
        );
        refuses(
            &sb,
            &["mirrors", "add", "corp", "https://corp.example", "--json"],
            &lock,
        );
        refuses(&sb, &["undo", "--json"], &lock);
        assert!(!sb.goenv.exists(), "{kind:?}: nothing was written");
    }
}

/// A FIFO (or socket) named like a journal record (or a pending change) is listed as
/// unreadable, not waited on, and undo still works.
#[test]
fn special_file_in_the_history_folder() {
    for kind in BOTH {
        let sb = Sandbox::new();
        let history = data_dir(&sb).join("history");
        let record = history.join("17333280000000-0012345-0001.json");
        let pending = history.join("17333280000000-0012345-0002.pending");
        make(kind, &record);
        make(kind, &pending);
        let listed = answers(&sb, &["history", "--json"]);
        let unreadable = listed["unreadable"].to_string();
        assert!(
            unreadable.contains(&record.display().to_string()),
            "{kind:?}: {listed}"
        );
        assert!(
            unreadable.contains("FIFO") || unreadable.contains("socket"),
            "{kind:?}: says what is there: {listed}"
        );
        let out = run(&sb, &["undo", "--json"], "");
        assert_eq!(out.status.code(), Some(1), "{}", support::text(&out));
        assert_eq!(
            support::json(&out)["error"]["code"],
            "nothing_to_undo",
            "{}",
            support::text(&out)
        );
        answers(&sb, &["env", "set", "GOPROXY=https://a.example", "--json"]);
        let listed = answers(&sb, &["history", "--json"]);
        assert_eq!(
            listed["entries"].as_array().map(Vec::len),
            Some(1),
            "{listed}"
        );
        answers(&sb, &["undo", "--json"]);
        assert!(!sb.goenv.exists(), "{kind:?}: undone");
    }
}

/// A GOENV that is a symbolic link to a file not there yet: go writes through the link and
/// creates the target (a relative target is relative to the link's folder); so do we, byte for
/// byte, and undo removes the target, leaving the link as it was.
#[test]
fn dangling_goenv_link_is_written_through_as_go_does() {
    let Some(tc) = go_integration_tests::toolchains().into_iter().next() else {
        return;
    };
    // Each layout makes the link's target (given the link's folder).
    type LinkTarget = fn(&Path) -> PathBuf;
    let layouts: [(&str, LinkTarget); 3] = [
        ("relative", |_| PathBuf::from("real/env")),
        ("absolute", |dir| dir.join("real/env")),
        ("chain", |dir| {
            std::os::unix::fs::symlink("real/env", dir.join("second")).expect("link");
            PathBuf::from("second")
        }),
    ];
    for (name, target) in layouts {
        let mut results = Vec::new();
        for by_go in [true, false] {
            let sb = Sandbox::new();
            let dir = sb.goenv.parent().expect("dir").to_path_buf();
            std::fs::create_dir_all(dir.join("real")).expect("mkdir");
            std::os::unix::fs::symlink(target(&dir), &sb.goenv).expect("link");
            let out = if by_go {
                sb.go(&tc, &["env", "-w", "GOPROXY=https://a.example,direct"])
            } else {
                run(
                    &sb,
                    &["env", "set", "GOPROXY=https://a.example,direct", "--json"],
                    "",
                )
            };
            assert!(
                out.status.success(),
                "{name} {by_go}: {}",
                support::text(&out)
            );
            let meta = std::fs::symlink_metadata(&sb.goenv).expect("meta");
            assert!(
                meta.file_type().is_symlink(),
                "{name} {by_go}: the link stays"
            );
            let written = std::fs::read(dir.join("real/env")).expect("the target was created");
            results.push(written);
            if !by_go {
                answers(&sb, &["undo", "--json"]);
                assert!(
                    !dir.join("real/env").exists(),
                    "{name}: undo removed the target"
                );
                let meta = std::fs::symlink_metadata(&sb.goenv).expect("the link is still there");
                assert!(meta.file_type().is_symlink(), "{name}");
            }
        }
        assert_eq!(results[0], results[1], "{name}: same bytes as go");
    }

    // The target's folder is missing: go refuses and creates nothing; so do we.
    for by_go in [true, false] {
        let sb = Sandbox::new();
        let dir = sb.goenv.parent().expect("dir").to_path_buf();
        std::os::unix::fs::symlink("missing/env", &sb.goenv).expect("link");
        let out = if by_go {
            sb.go(&tc, &["env", "-w", "GOPROXY=https://a.example"])
        } else {
            run(
                &sb,
                &["env", "set", "GOPROXY=https://a.example", "--json"],
                "",
            )
        };
        assert_eq!(
            out.status.code(),
            Some(1),
            "{by_go}: {}",
            support::text(&out)
        );
        assert!(!dir.join("missing").exists(), "{by_go}");
        assert!(std::fs::symlink_metadata(&sb.goenv).is_ok_and(|m| m.file_type().is_symlink()));
    }
}
