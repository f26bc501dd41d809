//! `dockerfile` and `ci-snippet` bad input through the CLI with `--json` (issue 11's list): a
//! directory without go.mod, a go.mod that does not parse, an unknown or future Go, a platform
//! like `linux/amd64/../x`, a main package outside the module, a port out of range, an existing
//! `--out` file that is a symlink or not writable. Each is the JSON error document naming the
//! field, exit 1, and nothing is written: not the project, not the History journal.

mod support;

use go_integration_tests::Sandbox;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use support::{cli, json, text};

/// Every file under `dir` with its bytes (symlinks as their target), for "nothing written".
/// History's data directory and lock file are left out: taking the lock before planning is
/// not a write (a journal entry would be a file and is caught).
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut all = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let path = e.path();
            if path.ends_with("goproxy-assistant/lock") {
                continue;
            }
            let kind = e.file_type().expect("type");
            if kind.is_symlink() {
                let target = std::fs::read_link(&path).expect("readlink");
                all.insert(path, target.display().to_string().into_bytes());
            } else if kind.is_dir() {
                stack.push(path);
            } else {
                all.insert(path.clone(), std::fs::read(&path).expect("read"));
            }
        }
    }
    all
}

fn write(dir: &Path, rel: &str, text: &str) {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
    std::fs::write(p, text).expect("write");
}

/// A module with one command and go.sum.
fn module(dir: &Path) {
    write(dir, "go.mod", "module example.com/shop\n\ngo 1.24.0\n");
    write(dir, "go.sum", "");
    write(dir, "cmd/api/main.go", "package main\n\nfunc main() {}\n");
    write(dir, "internal/store/store.go", "package store\n");
}

/// What the CLI may write: the projects and the app's data directory (History's journal). The go
/// command the CLI asks for `go env` keeps its own telemetry counters under HOME; not ours.
fn writable(sb: &Sandbox) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut all = snapshot(&sb.work);
    all.extend(snapshot(&sb.home.join(".local/share")));
    all
}

/// Runs `args` (with `--json`), expects the error document naming `field`, and that nothing
/// the CLI may write changed.
fn refused(sb: &Sandbox, args: &[&str], field: &str) {
    let before = writable(sb);
    let mut all = args.to_vec();
    all.push("--json");
    let out = cli(sb, &all);
    assert_eq!(out.status.code(), Some(1), "{args:?}: {}", text(&out));
    let doc = json(&out);
    assert_eq!(doc["error"]["field"], field, "{args:?}: {doc}");
    let message = doc["error"]["message"].as_str().unwrap_or_default();
    assert!(!message.is_empty(), "{args:?}: {doc}");
    assert!(
        doc["error"]["code"].as_str().is_some_and(|c| !c.is_empty()),
        "{args:?}: {doc}"
    );
    assert_eq!(writable(sb), before, "{args:?} wrote something: {doc}");
}

#[test]
fn a_directory_without_go_mod_or_with_a_bad_one_is_refused() {
    let sb = Sandbox::new();
    let empty = sb.work.join("empty");
    std::fs::create_dir_all(&empty).expect("mkdir");
    let empty = empty.display().to_string();
    refused(&sb, &["dockerfile", "--dir", &empty], "dir");
    refused(&sb, &["ci-snippet", "github", "--dir", &empty], "dir");
    let missing = sb.work.join("missing").display().to_string();
    refused(&sb, &["dockerfile", "--dir", &missing], "dir");

    let broken = sb.work.join("broken");
    write(
        &broken,
        "go.mod",
        "module example.com/x\ngo one-point-two\n",
    );
    let broken = broken.display().to_string();
    refused(&sb, &["dockerfile", "--dir", &broken], "go.mod");
    refused(&sb, &["ci-snippet", "gitlab", "--dir", &broken], "go.mod");

    let future = sb.work.join("future");
    write(&future, "go.mod", "module example.com/x\n\ngo 1.99\n");
    refused(
        &sb,
        &["dockerfile", "--dir", &future.display().to_string()],
        "go.mod",
    );
}

#[test]
fn bad_options_name_their_field() {
    let sb = Sandbox::new();
    let dir = sb.work.join("shop");
    module(&dir);
    let d = dir.display().to_string();
    let out_file = dir.join("Dockerfile").display().to_string();
    let cases: &[(&[&str], &str)] = &[
        (&["--go", "1.99"], "go"),
        (&["--go", "1.23"], "go"),
        (&["--go", "one"], "go"),
        (&["--platform", "linux/amd64/../x"], "platform"),
        (&["--platform", "linux/amd64,plan9/../../etc"], "platform"),
        (&["--main", "../other"], "main"),
        (&["--main", "/usr/src/app"], "main"),
        (&["--main", "internal/store"], "main"),
        (&["--port", "0"], "port"),
        (&["--port", "70000"], "port"),
        (&["--vendor"], "vendor"),
        (&["--lang", "fr"], "--lang"),
    ];
    for (flags, field) in cases {
        let mut args = vec!["dockerfile", "--dir", &d];
        args.extend_from_slice(flags);
        refused(&sb, &args, field);
        // With --out too: refused before anything is planned or written.
        args.extend_from_slice(&["--out", &out_file]);
        refused(&sb, &args, field);
    }
    assert!(!dir.join("Dockerfile").exists());
}

#[test]
fn an_out_file_that_is_a_symlink_or_unwritable_is_refused() {
    let sb = Sandbox::new();
    let dir = sb.work.join("shop");
    module(&dir);
    let d = dir.display().to_string();

    let elsewhere = sb.work.join("elsewhere.txt");
    std::fs::write(&elsewhere, "not yours\n").expect("write");
    let link = dir.join("Dockerfile");
    std::os::unix::fs::symlink(&elsewhere, &link).expect("symlink");
    let l = link.display().to_string();
    refused(&sb, &["dockerfile", "--dir", &d, "--out", &l], "--out");
    assert_eq!(std::fs::read(&elsewhere).expect("read"), b"not yours\n");
    std::fs::remove_file(&link).expect("rm link");

    use std::os::unix::fs::PermissionsExt;
    std::fs::write(&link, "FROM old\n").expect("write");
    std::fs::set_permissions(&link, std::fs::Permissions::from_mode(0o444)).expect("chmod");
    refused(&sb, &["dockerfile", "--dir", &d, "--out", &l], "--out");
    assert_eq!(std::fs::read(&link).expect("read"), b"FROM old\n");

    let a_dir = dir.join("cmd").display().to_string();
    refused(&sb, &["dockerfile", "--dir", &d, "--out", &a_dir], "--out");
}

/// The control: the same project and a good --out are written (so "nothing written" above
/// is the refusal, not a command that never writes).
#[test]
fn a_good_out_file_is_written_and_recorded() {
    let sb = Sandbox::new();
    let dir = sb.work.join("shop");
    module(&dir);
    let target = dir.join("Dockerfile");
    let out = cli(
        &sb,
        &[
            "dockerfile",
            "--dir",
            &dir.display().to_string(),
            "--port",
            "8080",
            "--out",
            &target.display().to_string(),
            "--json",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let doc = json(&out);
    let written = std::fs::read_to_string(&target).expect("Dockerfile written");
    assert!(written.contains("EXPOSE 8080"), "{written}");
    assert_eq!(doc["files"][0]["path"], "Dockerfile", "{doc}");
    assert_eq!(doc["files"][0]["content"], written.as_str());
    assert!(doc["build_command"].as_str().is_some_and(|c| !c.is_empty()));
    assert!(doc["warnings"].is_array());
    assert!(doc["applied"].is_object(), "recorded in History: {doc}");
}
