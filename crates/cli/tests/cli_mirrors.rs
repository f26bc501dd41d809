//! `mirrors`, `bench` and `use` end to end in scratch homes against simulated mirrors: the
//! real go reads back what `use` wrote and downloads through it (failing over with `|`), undo
//! restores; bad input is a clear error and writes nothing.

mod support;
use support::*;

use go_integration_tests::{toolchains, Sandbox};
use mirror_sim::{MirrorBehavior, SimMirror};

#[test]
fn mirrors_add_list_remove_and_undo() {
    let sb = Sandbox::new();
    let out = cli(
        &sb,
        &[
            "mirrors",
            "add",
            "corp",
            "https://goproxy.corp.example.com/",
            "--json",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let config = sb.home.join(".config/goproxy-assistant/config.toml");
    assert!(std::fs::read_to_string(&config)
        .expect("config")
        .contains("goproxy.corp.example.com"));
    let list = json(&cli(&sb, &["mirrors", "--json"]));
    let names: Vec<&str> = list
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|m| m["name"].as_str())
        .collect();
    assert!(
        names.contains(&"corp") && names.contains(&"goproxy.cn"),
        "{names:?}"
    );
    for (args, field) in [
        (
            vec!["mirrors", "add", "x", "ftp://m.example", "--json"],
            "url",
        ),
        (
            vec!["mirrors", "add", "x", "https://u:pw@m.example", "--json"],
            "url",
        ),
        (
            vec![
                "mirrors",
                "add",
                "corp2",
                "https://goproxy.corp.example.com",
                "--json",
            ],
            "url",
        ),
        (
            vec!["mirrors", "add", "CORP", "https://m.example", "--json"],
            "name",
        ),
        (vec!["mirrors", "remove", "nope", "--json"], "name"),
    ] {
        let before = std::fs::read(&config).expect("read");
        let out = cli(&sb, &args);
        assert!(!out.status.success(), "{args:?}");
        let err = json(&out);
        assert_eq!(err["error"]["code"], "invalid_input", "{args:?}: {err}");
        assert_eq!(err["error"]["field"], field, "{args:?}: {err}");
        assert!(!err.to_string().contains("pw@"), "no secret echoed");
        assert_eq!(
            std::fs::read(&config).expect("read"),
            before,
            "nothing written"
        );
    }
    assert!(cli(&sb, &["mirrors", "remove", "corp"]).status.success());
    assert!(!std::fs::read_to_string(&config)
        .expect("config")
        .contains("corp"));
    assert!(cli(&sb, &["undo"]).status.success());
    assert!(std::fs::read_to_string(&config)
        .expect("config")
        .contains("corp"));
}

#[test]
fn bench_prints_progress_on_stderr_and_the_report_on_stdout() {
    let sb = Sandbox::new();
    let a = SimMirror::start(MirrorBehavior::default().with_latency(5, 0)).expect("a");
    let b = SimMirror::start(MirrorBehavior::default().with_latency(20, 0)).expect("b");
    let out = cli(
        &sb,
        &[
            "bench",
            "--json",
            "--no-sumdb-check",
            "--deadline",
            "8",
            "--rounds",
            "2",
            "--mirror",
            &b.url(),
            "--mirror",
            &a.url(),
            "--mirror",
            "ftp://bad.example",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = json(&out);
    let mirrors = report["mirrors"].as_array().expect("mirrors");
    assert_eq!(mirrors.len(), 3);
    assert_eq!(mirrors[0]["url"], a.url(), "fastest first: {report}");
    assert_eq!(mirrors[2]["disqualified"]["reason"], "invalid");
    assert_eq!(
        report["recommendation"]["goproxy"],
        format!("{}|{},direct", a.url(), b.url())
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("benchmarking 3 mirrors"), "{stderr}");
    let out = cli(&sb, &["bench", "--mirror", &a.url(), "--module", "nope"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--module"));
}

#[test]
fn use_writes_goproxy_go_downloads_through_it_and_undo_restores() {
    for tc in toolchains() {
        let mut sb = Sandbox::new();
        let bin = tc.go.parent().expect("bin").display().to_string();
        sb.set("PATH", &format!("{bin}:/usr/bin:/bin"));
        sb.set("GONOSUMDB", "github.com,golang.org");
        sb.set("GOFLAGS", "-modcacherw");
        sb.set("GOTOOLCHAIN", "local");
        let a = SimMirror::start(MirrorBehavior::default()).expect("a");
        let b = SimMirror::start(MirrorBehavior::default()).expect("b");
        let out = cli(
            &sb,
            &["use", &a.url(), &b.url(), "direct", "--failover", "--json"],
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stdout)
        );
        let go_env = |key: &str| {
            String::from_utf8_lossy(&sb.go(&tc, &["env", key]).stdout)
                .trim()
                .to_string()
        };
        assert_eq!(
            go_env("GOPROXY"),
            format!("{}|{},direct", a.url(), b.url()),
            "{}",
            tc.name
        );
        let download = |m: &str| sb.go(&tc, &["mod", "download", "-json", m]);
        let out = download("github.com/BurntSushi/toml@v1.3.2");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stdout)
        );
        // The first mirror goes away: `|` fails over to the second.
        drop(a);
        let out = download("golang.org/x/text@v0.14.0");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stdout)
        );
        assert!(b.requests().iter().any(|r| r.path.ends_with("v0.14.0.zip")));
        assert!(cli(&sb, &["undo"]).status.success());
        assert_eq!(
            go_env("GOPROXY"),
            "https://proxy.golang.org,direct",
            "{}",
            tc.name
        );

        // An OS variable overriding the file is reported; --sumdb off is refused.
        sb.set("GOPROXY", "https://goproxy.io");
        let out = cli(&sb, &["use", "goproxy.cn", "--dry-run"]);
        assert!(out.status.success());
        assert!(String::from_utf8_lossy(&out.stderr)
            .contains("warning: GOPROXY is also set in the environment"));
        // ...with the start-up file that sets it, when there is one.
        let bashrc = sb.home.join(".bashrc");
        std::fs::write(&bashrc, "export GOPROXY=https://goproxy.io\n").expect(".bashrc");
        let out = cli(&sb, &["use", "goproxy.cn", "--dry-run"]);
        let stderr = String::from_utf8_lossy(&out.stderr).to_string();
        assert!(
            stderr.contains(&format!(
                "fix: remove the line that sets GOPROXY from {}",
                bashrc.display()
            )),
            "{stderr}"
        );
        std::fs::remove_file(&bashrc).expect("rm .bashrc");
        let out = cli(&sb, &["use", "goproxy.cn", "--sumdb", "off", "--json"]);
        assert_eq!(json(&out)["error"]["field"], "--sumdb");
        let out = cli(&sb, &["use", "direct", "goproxy.cn", "--json"]);
        assert_eq!(json(&out)["error"]["code"], "invalid_input");
    }
}
