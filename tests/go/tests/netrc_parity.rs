//! .netrc read parity: random files read by our reader give the credentials Go's own reader
//! gives. Go's reader (`parseNetrc` in `cmd/go/internal/auth/netrc.go`) is internal to the go
//! command, so the test copies that file from go1.27's GOROOT into a scratch module, exports it
//! with a two-line wrapper and builds a tiny program that prints what it parses.
#![cfg(unix)]

use go_integration_tests::{toolchains, Sandbox};
use goproxy_core::netrc::{lookup, status};
use goproxy_core::sysenv::SysEnv;
use proptest::prelude::*;
use std::path::{Path, PathBuf};
use std::process::Command;

const EXPORT: &str = "package auth

// Parse is parseNetrc (netrc.go, copied from GOROOT) as machine/login/password triples.
func Parse(data string) [][3]string {
	var out [][3]string
	for _, l := range parseNetrc(data) {
		out = append(out, [3]string{l.machine, l.login, l.password})
	}
	return out
}
";

// Fields never hold whitespace, so tab and newline separate them unambiguously.
const MAIN: &str = "package main

import (
	\"netrcparity/auth\"
	\"os\"
)

func main() {
	data, err := os.ReadFile(os.Args[1])
	if err != nil {
		panic(err)
	}
	for _, e := range auth.Parse(string(data)) {
		os.Stdout.WriteString(e[0] + \"\\t\" + e[1] + \"\\t\" + e[2] + \"\\n\")
	}
}
";

/// Builds the reader program with go1.27; `None` (skip) when go1.27 is not available.
fn go_reader(dir: &Path) -> Option<PathBuf> {
    let tc = toolchains().into_iter().find(|t| t.name == "go1.27")?;
    let sb = Sandbox::new();
    let goroot = sb.go(&tc, &["env", "GOROOT"]);
    let goroot = PathBuf::from(String::from_utf8_lossy(&goroot.stdout).trim());
    let source = goroot.join("src/cmd/go/internal/auth/netrc.go");
    std::fs::create_dir_all(dir.join("auth")).expect("mkdir");
    std::fs::copy(&source, dir.join("auth/netrc.go")).expect("copy Go's netrc.go");
    std::fs::write(dir.join("auth/export.go"), EXPORT).expect("write");
    std::fs::write(dir.join("main.go"), MAIN).expect("write");
    std::fs::write(dir.join("go.mod"), "module netrcparity\n\ngo 1.24\n").expect("write");
    let bin = dir.join("netrc-reader");
    // A build cache kept under target/ so later runs do not compile the standard library again.
    let cache = Path::new(env!("CARGO_TARGET_TMPDIR")).join("go-build-cache");
    let out = sb
        .command(&tc.go)
        .args(["build", "-o"])
        .arg(&bin)
        .arg(".")
        .current_dir(dir)
        .env("GOCACHE", &cache)
        .env("GOTOOLCHAIN", "local")
        .env("GOFLAGS", "-mod=mod")
        .output()
        .expect("run go build");
    assert!(
        out.status.success(),
        "go build failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(bin)
}

/// machine, login, password.
type Entry = (String, String, String);

fn go_reads(reader: &Path, file: &Path) -> Vec<Entry> {
    let out = Command::new(reader).arg(file).output().expect("run reader");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .expect("UTF-8")
        .lines()
        .map(|l| {
            let mut f = l.split('\t').map(str::to_string);
            let mut next = || f.next().expect("three fields");
            (next(), next(), next())
        })
        .collect()
}

/// What our reader says: the machines and logins in order (`status`), and for each machine
/// the password of its first entry (`lookup`: the one Go uses).
fn we_read(env: &SysEnv) -> (Vec<(String, String)>, Vec<Entry>) {
    let machines: Vec<(String, String)> = status(env)
        .expect("status")
        .machines
        .into_iter()
        .map(|m| (m.machine, m.login))
        .collect();
    let mut firsts = Vec::new();
    for (m, _) in &machines {
        if firsts
            .iter()
            .any(|(fm, _, _): &(String, String, String)| fm == m)
        {
            continue;
        }
        let (login, password) = lookup(env, m).expect("lookup").expect("found");
        firsts.push((m.clone(), login, password.expose().to_string()));
    }
    (machines, firsts)
}

fn netrc_text() -> impl Strategy<Value = String> {
    let word = prop::sample::select(vec![
        "machine",
        "login",
        "password",
        "default",
        "macdef",
        "account",
        "h.example",
        "h.example:8443",
        "alice",
        "s3cret",
        "#",
        "\"q\"",
        "é",
        "x\u{200b}y",
    ]);
    let space = prop::sample::select(vec![
        " ", " ", "\t", "  ", "\u{b}", "\u{c}", "\r", "\u{85}", "\u{a0}", "\u{1680}", "\u{2000}",
        "\u{2028}", "\u{2029}", "\u{202f}", "\u{3000}", "\u{1c}", "\u{feff}",
    ]);
    let line = (
        prop::collection::vec((word, space), 0..7),
        prop::sample::select(vec!["\n", "\n", "\r\n", "\n\n", ""]),
    )
        .prop_map(|(words, end)| {
            let mut out: String = words.iter().map(|(w, s)| format!("{w}{s}")).collect();
            out.push_str(end);
            out
        });
    prop::collection::vec(line, 0..12).prop_map(|l| l.concat())
}

#[test]
fn random_netrc_files_read_like_go() {
    let dir = tempfile::tempdir().expect("tempdir");
    let Some(reader) = go_reader(&dir.path().join("reader")) else {
        return;
    };
    let file = dir.path().join("netrc");
    let env = SysEnv::from_vars([
        ("HOME", dir.path().display().to_string()),
        ("NETRC", file.display().to_string()),
    ]);
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(300));
    runner
        .run(&netrc_text(), |text| {
            std::fs::write(&file, &text).expect("write");
            let go = go_reads(&reader, &file);
            let (machines, firsts) = we_read(&env);
            let go_machines: Vec<_> = go.iter().map(|(m, l, _)| (m.clone(), l.clone())).collect();
            prop_assert_eq!(&machines, &go_machines, "{:?}", text);
            let mut go_firsts: Vec<Entry> = Vec::new();
            for e in go {
                if !go_firsts.iter().any(|f| f.0 == e.0) {
                    go_firsts.push(e);
                }
            }
            prop_assert_eq!(firsts, go_firsts, "{:?}", text);
            Ok(())
        })
        .expect("our reader agrees with Go's parseNetrc");
}
