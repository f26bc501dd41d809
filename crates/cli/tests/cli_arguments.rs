//! Argument errors in every subcommand: under `--json` they are the JSON error document with a
//! code (exit 1), never clap's usage text with an empty stdout; without it, clap's text (exit 2).
//! Text output never carries raw control characters from the arguments.

mod support;

use go_integration_tests::Sandbox;
use std::io::Write;
use std::process::{Output, Stdio};

fn run(sb: &Sandbox, args: &[&str]) -> Output {
    let mut child = sb
        .command(support::cli_path())
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start the cli");
    // `token set` reads the token from stdin.
    if let Some(mut input) = child.stdin.take() {
        let _ = input.write_all(b"tok-123\n");
    }
    child.wait_with_output().expect("output")
}

/// Forms clap itself rejects (unknown flag or subcommand, bad or missing value, extra argument).
const CLAP_ERRORS: &[&[&str]] = &[
    &["--json"],
    &["bogus", "--json"],
    &["--json", "--bogus"],
    &["detect", "", "--json"],
    &["detect", "--bogus", "--json"],
    &["detect", "--json=true"],
    &["env", "--json"],
    &["env", "frob", "--json"],
    &["env", "set", "--json"],
    &["env", "set", "--dry-run=yes", "GOPROXY=off", "--json"],
    &["env", "unset", "--json"],
    &["history", "extra", "--json"],
    &["history", "--limit", "3", "--json"],
    &["undo", "a", "b", "--json"],
    &["undo", "--force", "--json"],
    &["mirrors", "frob", "--json"],
    &["mirrors", "list", "extra", "--json"],
    &["mirrors", "add", "--json"],
    &["mirrors", "add", "corp", "--json"],
    &[
        "mirrors",
        "add",
        "corp",
        "https://c.example",
        "--ca-file",
        "--json",
    ],
    &["mirrors", "remove", "--json"],
    &["bench", "--deadline", "X", "--json"],
    &["bench", "--deadline", "--json"],
    &["bench", "--rounds", "-1", "--json"],
    &["bench", "--rounds", "many", "--json"],
    &["bench", "--mirror", "--json"],
    &["use", "--json"],
    &["use", "goproxy.cn", "--sumdb", "--json"],
    &["use", "goproxy.cn", "--failover=no", "--json"],
    &["private", "--json"],
    &["private", "add", "--json"],
    &["private", "add", "corp.example", "--key", "--json"],
    &["private", "remove", "--json"],
    &["private", "explain", "--json"],
    &["private", "test", "--json"],
    &["private", "goauth", "extra", "--json"],
    &["private", "git-helper", "--json"],
    &["private", "insteadof", "git@h.example:", "--json"],
    &["token", "--json"],
    &["token", "set", "--json"],
    &["token", "set", "h.example", "--scheme", "X", "--json"],
    &["token", "set", "h.example", "--user", "--json"],
    &["token", "delete", "--json"],
    &["token", "status", "a", "b", "--json"],
    &["netrc", "--json"],
    &["netrc", "status", "extra", "--json"],
    &["netrc", "fix-mode", "--now", "--json"],
    &["git-credential", "--json"],
];

/// Forms clap accepts but the command refuses (empty or malformed positionals).
const COMMAND_ERRORS: &[&[&str]] = &[
    &["env", "set", "", "--json"],
    &["env", "set", "GOPROXY", "--json"],
    &["env", "unset", "", "--json"],
    &["undo", "", "--json"],
    &["mirrors", "add", "", "https://c.example", "--json"],
    &["mirrors", "add", "corp", "", "--json"],
    &["mirrors", "remove", "", "--json"],
    &["bench", "--module", "", "--json"],
    &["bench", "--deadline", "0", "--json"],
    &["use", "", "--json"],
    &["private", "add", "", "--json"],
    &[
        "private",
        "add",
        "corp.example",
        "--key",
        "GOPATH",
        "--json",
    ],
    &["private", "explain", "", "--json"],
    &["private", "git-helper", "", "--json"],
    &["token", "set", "", "--json"],
    &["token", "delete", "", "--json"],
];

fn error_document(args: &[&str], out: &Output) -> serde_json::Value {
    assert_eq!(
        out.status.code(),
        Some(1),
        "{args:?}: {}",
        support::text(out)
    );
    let doc = support::json(out);
    let err = &doc["error"];
    assert!(
        err["code"].as_str().is_some_and(|c| !c.is_empty()),
        "{args:?}: {doc}"
    );
    assert!(
        err["message"].as_str().is_some_and(|m| !m.is_empty()),
        "{args:?}: {doc}"
    );
    err.clone()
}

#[test]
fn json_covers_every_argument_error() {
    let sb = Sandbox::new();
    for args in CLAP_ERRORS {
        let out = run(&sb, args);
        let err = error_document(args, &out);
        assert_eq!(err["code"], "invalid_input", "{args:?}: {err}");
        assert!(
            err["field"].as_str().is_some_and(|f| !f.is_empty()),
            "{args:?}: names the argument: {err}"
        );
    }
    assert!(
        !sb.home.join(".local/share/goproxy-assistant").exists(),
        "no argument error created the data dir"
    );
    for args in COMMAND_ERRORS {
        error_document(args, &run(&sb, args));
    }
}

#[test]
fn argument_errors_name_the_argument() {
    let sb = Sandbox::new();
    for (args, field) in [
        (&["bench", "--deadline", "X", "--json"][..], "--deadline"),
        (
            &["token", "set", "h.example", "--scheme", "X", "--json"],
            "--scheme",
        ),
        (&["token", "set", "--json"], "host"),
        (&["detect", "--bogus", "--json"], "--bogus"),
        (&["bogus", "--json"], "subcommand"),
    ] {
        let err = error_document(args, &run(&sb, args));
        assert_eq!(err["field"], field, "{args:?}: {err}");
    }
}

#[test]
fn without_json_clap_keeps_its_text_and_exit_2() {
    let sb = Sandbox::new();
    for args in [
        &["bench", "--deadline", "X"][..],
        &["detect", ""],
        &["token", "set"],
    ] {
        let out = run(&sb, args);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            support::text(&out)
        );
        assert!(out.stdout.is_empty(), "{args:?}: {}", support::text(&out));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.starts_with("error: "), "{args:?}: {stderr}");
        assert!(stderr.contains("try '--help'"), "{args:?}: {stderr}");
    }
    let help = run(&sb, &["--help", "--json"]);
    assert_eq!(help.status.code(), Some(0), "{}", support::text(&help));
}

#[test]
fn text_mode_escapes_control_characters() {
    let mut sb = Sandbox::new();
    sb.set("GOPROXY_ASSISTANT_OFFLINE_CATALOGUE", "1");
    for args in [
        &["undo", "\u{1b}[2Jid"][..],
        &["undo", "a\rb\u{7}c"],
        &["detect", "\u{1b}[31mred\rx"],
        &["mirrors", "remove", "x\u{1b}]0;title\u{7}"],
        // A mirror that is not a URL is measured as an error row, its name shown escaped.
        &[
            "bench",
            "--mirror",
            "x\u{1b}[2J",
            "--deadline",
            "1",
            "--rounds",
            "1",
            "--no-sumdb-check",
        ],
    ] {
        let out = run(&sb, args);
        let all = [&out.stdout[..], &out.stderr[..]].concat();
        let raw: Vec<u8> = all
            .iter()
            .copied()
            .filter(|b| (b.is_ascii_control() && *b != b'\n') || *b == 0x7f)
            .collect();
        assert!(
            raw.is_empty(),
            "{args:?}: raw control bytes {raw:?}: {}",
            support::text(&out)
        );
    }
    let out = run(&sb, &["undo", "\u{1b}[2Jid"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("\\u{1b}[2Jid"), "shown escaped: {stderr}");
}

/// Stored data (a hand-edited GOENV file, .netrc) printed as text is escaped too.
#[test]
fn text_mode_escapes_stored_data() {
    let sb = Sandbox::new();
    std::fs::write(&sb.goenv, "GOPROXY=https://a.example/\u{1b}[2J,direct\n").expect("write");
    std::fs::write(
        sb.home.join(".netrc"),
        "machine h\u{1b}]0;x\u{7}.example login u\u{9b}2J password p\n",
    )
    .expect("write");
    for (args, shows_it) in [
        (&["detect"][..], true),
        (&["netrc", "status"], true),
        (&["private", "list"], false),
    ] {
        let out = run(&sb, args);
        assert!(out.status.success(), "{args:?}: {}", support::text(&out));
        let text = String::from_utf8_lossy(&out.stdout);
        let raw: Vec<char> = text
            .chars()
            .filter(|c| c.is_control() && *c != '\n')
            .collect();
        assert!(raw.is_empty(), "{args:?}: raw {raw:?}: {text}");
        assert!(
            !shows_it || text.contains("\\u{1b}"),
            "{args:?}: shown escaped: {text}"
        );
    }
}

/// `token set` with no keychain reachable fails before anything is created on disk.
#[test]
fn token_set_without_a_keychain_creates_nothing() {
    let sb = Sandbox::new();
    for args in [
        &["token", "set", "h.example", "--json"][..],
        &["token", "set", "h.example", "--netrc", "--json"],
    ] {
        let err = error_document(args, &run(&sb, args));
        assert_eq!(err["code"], "keychain_unavailable", "{err}");
    }
    assert!(!sb.home.join(".local/share/goproxy-assistant").exists());
    assert!(!sb.home.join(".config/goproxy-assistant").exists());
    assert!(!sb.home.join(".netrc").exists());
}
