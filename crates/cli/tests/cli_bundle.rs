//! `bundle export|preview|apply` on scratch homes: every hostile bundle of tests/bundles refused
//! with its code and the home unchanged byte for byte; risky items refused until their exact rule
//! is accepted; apply twice changes nothing the second time; one undo restores every file; and a
//! round trip export → apply on a second home where the real go1.27's `go env -json` agrees on
//! every exported key, with no user name, path or token in the file.

mod support;

use go_integration_tests::{toolchains, Sandbox};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use support::{cli, cli_path, json, text};

fn corpus(dir: &str) -> Vec<(String, PathBuf)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/bundles")
        .join(dir);
    let mut files: Vec<(String, PathBuf)> = std::fs::read_dir(&root)
        .expect("corpus")
        .flatten()
        .map(|e| {
            let name = e.file_name().to_string_lossy().to_string();
            let code = name
                .split("--")
                .next()
                .expect("CODE--what.toml")
                .to_string();
            (code, e.path())
        })
        .collect();
    files.sort();
    files
}

/// Every directory and file under `dir` with its bytes (the history lock file aside).
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Option<Vec<u8>>> {
    let mut all = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("read_dir").flatten() {
            let path = e.path();
            if path.ends_with("goproxy-assistant/lock") {
                continue;
            }
            if e.file_type().expect("type").is_dir() {
                all.insert(path.clone(), None);
                stack.push(path);
            } else {
                all.insert(path.clone(), Some(std::fs::read(&path).expect("read")));
            }
        }
    }
    all
}

/// A sandbox with no go on PATH: the newest rules apply, the same on every machine.
fn sandbox() -> Sandbox {
    let mut sb = Sandbox::new();
    sb.set("PATH", &sb.path().join("no-go").display().to_string());
    sb
}

fn error_of(out: &std::process::Output) -> Value {
    assert_eq!(out.status.code(), Some(1), "{}", text(out));
    let err = serde_json::from_slice::<Value>(&out.stderr)
        .or_else(|_| serde_json::from_slice::<Value>(&out.stdout))
        .unwrap_or_else(|e| panic!("no JSON error ({e}): {}", text(out)));
    err["error"].clone()
}

#[test]
fn every_hostile_bundle_is_refused_with_its_code_and_writes_nothing() {
    let sb = sandbox();
    // A bundle of 262,144 + 1 bytes, made here rather than kept in the repository.
    let big = sb.path().join("too_large.toml");
    let mut bytes = b"format = \"goproxy-assistant-bundle/1\"\nname = \"big\"\n#".to_vec();
    bytes.resize(262_145, b'x');
    std::fs::write(&big, &bytes).expect("write");
    let mut cases = corpus("refused");
    cases.push(("too_large".into(), big));
    assert!(cases.len() >= 60, "the corpus shrank: {}", cases.len());
    let mut codes = std::collections::BTreeSet::new();
    let before = snapshot(sb.path());
    for (code, file) in &cases {
        let file = file.display().to_string();
        for args in [
            vec!["bundle", "preview", &file, "--json"],
            vec!["bundle", "apply", &file, "--yes", "--json"],
            vec![
                "bundle",
                "apply",
                &file,
                "--yes",
                "--json",
                "--accept",
                "goinsecure",
            ],
        ] {
            let err = error_of(&cli(&sb, &args));
            assert_eq!(err["code"], "bundle_refused", "{file}: {err}");
            assert_eq!(err["rule"], code.as_str(), "{file}: {err}");
            assert!(err["field"].is_string(), "{file}: {err}");
        }
        codes.insert(code.clone());
        assert_eq!(snapshot(sb.path()), before, "{file} changed the home");
    }
    // Every refusal code has at least one bundle.
    for code in [
        "too_large",
        "not_utf8",
        "syntax",
        "duplicate_key",
        "unknown_field",
        "missing_field",
        "unsupported_format",
        "secret_field",
        "control_character",
        "invalid_name",
        "key_not_allowed",
        "invalid_value",
        "goauth_git_dir",
        "goproxy_file_url",
        "url_credentials",
        "invalid_ca",
        "duplicate_mirror",
        "duplicate_host",
        "invalid_field",
    ] {
        assert!(codes.contains(code), "no hostile bundle for {code}");
    }
    eprintln!("hostile corpus: {} bundles, all refused", cases.len());
}

#[test]
fn risky_items_need_their_exact_rule_accepted() {
    for (code, file) in corpus("risky") {
        let sb = sandbox();
        let file = file.display().to_string();
        let before = snapshot(sb.path());
        let preview = cli(&sb, &["bundle", "preview", &file, "--json"]);
        assert!(preview.status.success(), "{}", text(&preview));
        let items = json(&preview)["acceptance"].clone();
        assert_eq!(items[0]["code"], code.as_str(), "{file}: {items}");
        assert_eq!(items[0]["accepted"], false);
        let other = if code == "goinsecure" {
            "goproxy_http"
        } else {
            "goinsecure"
        };
        for accept in [vec![], vec!["--accept", other]] {
            let mut args = vec!["bundle", "apply", &file, "--yes", "--json"];
            args.extend(accept);
            let err = error_of(&cli(&sb, &args));
            assert_eq!(err["code"], "bundle_needs_acceptance", "{file}: {err}");
            assert_eq!(err["rule"], code.as_str());
            assert_eq!(snapshot(sb.path()), before, "{file} changed the home");
        }
        let out = cli(
            &sb,
            &[
                "bundle", "apply", &file, "--yes", "--json", "--accept", &code,
            ],
        );
        assert!(out.status.success(), "{file}: {}", text(&out));
        assert_eq!(json(&out)["applied"]["outcome"], "recorded", "{file}");
    }
    let sb = sandbox();
    let err = error_of(&cli(
        &sb,
        &[
            "bundle",
            "apply",
            "x.toml",
            "--yes",
            "--json",
            "--accept",
            "everything",
        ],
    ));
    assert_eq!(err["field"], "accept");
}

const TEAM: &str = r#"format = "goproxy-assistant-bundle/1"
name = "Acme 团队"
[go_env]
GOPROXY = "https://goproxy.cn|https://proxy.golang.org,direct"
GOPRIVATE = "git.acme.example/*"
GOAUTH = "netrc;keychain"
[[mirrors]]
name = "acme"
url = "https://goproxy.acme.example"
[[hosts]]
host = "git.acme.example"
login = "oauth2"
auth = "bearer"
"#;

#[test]
fn apply_twice_changes_nothing_and_one_undo_restores_every_file() {
    let sb = sandbox();
    std::fs::write(&sb.goenv, "GOFLAGS=-mod=readonly\n").expect("goenv");
    std::fs::write(sb.work.join("team.toml"), TEAM).expect("bundle");
    let config = sb.home.join(".config");
    let before = snapshot(&config);
    let first = cli(&sb, &["bundle", "apply", "team.toml", "--yes", "--json"]);
    assert!(first.status.success(), "{}", text(&first));
    let first = json(&first);
    assert_eq!(first["applied"]["outcome"], "recorded");
    assert_eq!(first["tokens"][0]["host"], "git.acme.example");
    let goenv = std::fs::read_to_string(&sb.goenv).expect("goenv");
    let helper = format!("{} goauth", cli_path().display());
    assert!(
        goenv.contains(&format!("GOAUTH=netrc;{helper}\n")),
        "{goenv}"
    );
    assert!(goenv.contains("GOFLAGS=-mod=readonly\n"), "{goenv}");
    let hosts =
        std::fs::read_to_string(config.join("goproxy-assistant/hosts.toml")).expect("hosts");
    assert!(
        hosts.contains("git.acme.example") && hosts.contains("bearer"),
        "{hosts}"
    );
    let after = snapshot(&config);

    let second = cli(&sb, &["bundle", "apply", "team.toml", "--yes", "--json"]);
    assert_eq!(
        json(&second)["applied"]["outcome"],
        "unchanged",
        "{}",
        text(&second)
    );
    let preview = json(&cli(&sb, &["bundle", "preview", "team.toml", "--json"]));
    assert_eq!(preview["nothing_to_do"], true, "{preview}");
    assert_eq!(snapshot(&config), after);

    let undo = cli(&sb, &["undo", "--json"]);
    assert!(undo.status.success(), "{}", text(&undo));
    // Files only: the app's config directory may stay behind, empty.
    let files = |s: BTreeMap<PathBuf, Option<Vec<u8>>>| {
        s.into_iter()
            .filter(|(_, b)| b.is_some())
            .collect::<BTreeMap<_, _>>()
    };
    assert_eq!(
        files(snapshot(&config)),
        files(before),
        "one undo restores every file"
    );
}

/// `go env -json KEYS...` of the real go1.27 in `sb`.
fn go_env(sb: &Sandbox, go: &Path, keys: &[String]) -> Value {
    let out = sb
        .command(go)
        .arg("env")
        .arg("-json")
        .args(keys)
        .output()
        .expect("go env");
    assert!(out.status.success(), "{}", text(&out));
    serde_json::from_slice(&out.stdout).expect("go env json")
}

#[test]
fn round_trip_export_then_apply_agrees_with_the_real_go() {
    let Some(go) = toolchains().into_iter().find(|t| t.name == "go1.27") else {
        return;
    };
    let bin = go.go.parent().expect("bin").display().to_string();
    let mut a = Sandbox::new();
    a.set("PATH", &format!("{bin}:/usr/bin:/bin"));
    a.set("USER", "alice");
    let helper = format!("{} goauth", cli_path().display());
    let set = cli(
        &a,
        &[
            "env",
            "set",
            "GOPROXY=https://goproxy.cn|https://proxy.golang.org,direct",
            "GOSUMDB=sum.golang.google.cn",
            "GOPRIVATE=git.acme.example/*,github.com/acme-corp",
            "GONOSUMDB=git.acme.example",
            "GOFLAGS=-mod=readonly -trimpath",
            &format!("GOAUTH=netrc;{helper}"),
        ],
    );
    assert!(set.status.success(), "{}", text(&set));
    let add = cli(
        &a,
        &["mirrors", "add", "acme", "https://goproxy.acme.example"],
    );
    assert!(add.status.success(), "{}", text(&add));
    let hosts = a.home.join(".config/goproxy-assistant/hosts.toml");
    std::fs::write(
        &hosts,
        "[[host]]\nprefix = \"git.acme.example\"\nuser = \"alice\"\nscheme = \"bearer\"\n\n[[host]]\nprefix = \"goproxy.acme.example\"\nuser = \"oauth2\"\n",
    )
    .expect("hosts");
    let file = a.path().join("team.toml");
    let out = cli(
        &a,
        &[
            "bundle",
            "export",
            "--out",
            &file.display().to_string(),
            "--json",
            "--name",
            "Acme",
        ],
    );
    assert!(out.status.success(), "{}", text(&out));
    let exported = std::fs::read_to_string(&file).expect("exported");
    for private in [
        "alice",
        a.home.to_str().expect("utf8"),
        cli_path().to_str().expect("utf8"),
    ] {
        assert!(!exported.contains(private), "{private:?} in\n{exported}");
    }
    assert!(exported.contains("netrc;keychain"), "{exported}");

    let mut b = Sandbox::new();
    b.set("PATH", &format!("{bin}:/usr/bin:/bin"));
    let out = cli(
        &b,
        &[
            "bundle",
            "apply",
            &file.display().to_string(),
            "--yes",
            "--json",
        ],
    );
    assert!(out.status.success(), "{}", text(&out));
    let keys: Vec<String> = toml::from_str::<toml::Table>(&exported).expect("toml")["go_env"]
        .as_table()
        .expect("go_env")
        .keys()
        .cloned()
        .collect();
    assert_eq!(keys.len(), 6, "{exported}");
    assert_eq!(go_env(&a, &go.go, &keys), go_env(&b, &go.go, &keys));
    let mirrors = cli(&b, &["mirrors", "list", "--json"]);
    assert!(String::from_utf8_lossy(&mirrors.stdout).contains("goproxy.acme.example"));
}

#[test]
fn preview_writes_nothing_and_names_an_overriding_os_variable() {
    let mut sb = sandbox();
    sb.set("GOPROXY", "https://goproxy.io,direct");
    std::fs::write(sb.work.join("team.toml"), TEAM).expect("bundle");
    let before = snapshot(sb.path());
    let out = cli(&sb, &["bundle", "preview", "team.toml", "--json"]);
    assert!(out.status.success(), "{}", text(&out));
    let p = json(&out);
    assert_eq!(snapshot(sb.path()), before, "preview wrote something");
    let goproxy = p["env"]
        .as_array()
        .expect("env")
        .iter()
        .find(|e| e["key"] == "GOPROXY")
        .cloned()
        .expect("GOPROXY");
    assert_eq!(goproxy["old"], "https://goproxy.io,direct");
    assert_eq!(goproxy["old_source"], "environment");
    let findings = p["findings"].to_string();
    assert!(
        findings.contains("env_overrides_file") && findings.contains("GOPROXY"),
        "{findings}"
    );
    assert_eq!(p["tokens"][0], "git.acme.example");
    assert_eq!(p["nothing_to_do"], false);
    assert!(p["provenance"]["sha256"]
        .as_str()
        .is_some_and(|s| s.len() == 64));
}

#[test]
fn a_signed_bundle_previews_with_its_key_and_a_changed_byte_writes_nothing() {
    let sb = sandbox();
    std::fs::write(sb.work.join("team.toml"), TEAM).expect("bundle");
    let keygen = cli(
        &sb,
        &[
            "bundle",
            "keygen",
            "--key",
            "k.key",
            "--pubkey",
            "k.pub",
            "--no-password",
            "--json",
        ],
    );
    assert!(keygen.status.success(), "{}", text(&keygen));
    let key_id = json(&keygen)["key_id"].clone();
    let sign = cli(
        &sb,
        &["bundle", "sign", "team.toml", "--key", "k.key", "--json"],
    );
    assert!(sign.status.success(), "{}", text(&sign));
    let out = cli(
        &sb,
        &[
            "bundle",
            "preview",
            "team.toml",
            "--pubkey",
            "k.pub",
            "--json",
        ],
    );
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(json(&out)["provenance"]["signature"]["key_id"], key_id);

    std::fs::write(
        sb.work.join("team.toml"),
        TEAM.replace("goproxy.cn", "goproxy.cm"),
    )
    .expect("tamper");
    let before = snapshot(sb.path());
    let preview = [
        "bundle",
        "preview",
        "team.toml",
        "--pubkey",
        "k.pub",
        "--json",
    ];
    let apply = [
        "bundle",
        "apply",
        "team.toml",
        "--pubkey",
        "k.pub",
        "--yes",
        "--json",
    ];
    for args in [&preview[..], &apply[..]] {
        let err = error_of(&cli(&sb, args));
        assert!(
            err["rule"]
                .as_str()
                .is_some_and(|r| r.starts_with("signature_")),
            "{err}"
        );
    }
    assert_eq!(snapshot(sb.path()), before);
}

#[test]
fn export_leaves_out_credentials_local_paths_and_foreign_commands() {
    let sb = sandbox();
    std::fs::write(
        &sb.goenv,
        "GOPROXY=https://deploy:hunter2@proxy.acme.example,file:///srv/mods,direct\n\
         GOAUTH=netrc;git /srv/repo;/opt/cred-helper --go\n\
         GOFLAGS=-modfile=/srv/alt.mod -trimpath\n\
         GONOSUMDB=git.acme.example\n",
    )
    .expect("goenv");
    let out = cli(&sb, &["bundle", "export", "--json"]);
    assert!(out.status.success(), "{}", text(&out));
    let e = json(&out);
    let toml_text = e["toml"].as_str().expect("toml");
    for secret in [
        "hunter2",
        "deploy",
        "/srv",
        "cred-helper",
        "modfile",
        "git ",
    ] {
        assert!(!toml_text.contains(secret), "{secret:?} in\n{toml_text}");
    }
    assert!(
        toml_text.contains("https://proxy.acme.example,direct"),
        "{toml_text}"
    );
    assert!(toml_text.contains("GOAUTH = \"netrc\""), "{toml_text}");
    assert!(toml_text.contains("GOFLAGS = \"-trimpath\""), "{toml_text}");
    assert!(toml_text.contains("GONOSUMDB"), "{toml_text}");
    let codes: Vec<&str> = e["omitted"]
        .as_array()
        .expect("omitted")
        .iter()
        .map(|o| o["code"].as_str().expect("code"))
        .collect();
    for code in [
        "url_credentials",
        "file_proxy",
        "local_command",
        "local_path_flag",
    ] {
        assert!(codes.contains(&code), "{code} not in {codes:?}");
    }
}
