//! `bundle keygen|sign|verify` with the real `minisign` tool (Debian's package, installed by
//! `scripts/setup.sh test`) on the other side: it verifies our signatures and we verify its, a
//! changed byte and another key are refused, an encrypted key takes its password on stdin. URL
//! sources are fetched from a loopback HTTPS mirror (the test CA trusted via SSL_CERT_FILE): pin
//! right and wrong, redirects within https and to http, a body over the 1 MiB cap, a link.

mod support;

use go_integration_tests::Sandbox;
use mirror_sim::{test_ca, Fault, MirrorBehavior, SimMirror};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use support::{cli, json, text};

const BUNDLE: &str = "format = \"goproxy-assistant-bundle/1\"\nname = \"Acme Go setup\"\n";

fn minisign() -> PathBuf {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join("minisign"))
            .find(|p| p.is_file())
    });
    found.unwrap_or_else(|| {
        panic!("the minisign tool is not installed: run scripts/setup.sh test (Debian package minisign)")
    })
}

/// Runs `program args` in the sandbox with `stdin` as its input.
fn run_with_stdin(sb: &Sandbox, program: &Path, args: &[&str], stdin: &str) -> Output {
    let mut child = sb
        .command(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write stdin");
    child.wait_with_output().expect("wait")
}

fn minisign_in(sb: &Sandbox, args: &[&str]) -> Output {
    sb.command(&minisign())
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run minisign")
}

fn write_bundle(sb: &Sandbox) -> String {
    std::fs::write(sb.work.join("team.toml"), BUNDLE).expect("write bundle");
    "team.toml".to_string()
}

fn refused_with(out: &Output, rule: &str) {
    assert_eq!(out.status.code(), Some(1), "{}", text(out));
    let v = json(out);
    assert_eq!(v["error"]["rule"], rule, "{v}");
}

#[test]
fn minisign_verifies_our_signatures_and_we_verify_its() {
    let sb = Sandbox::new();
    let file = write_bundle(&sb);

    let out = cli(
        &sb,
        &[
            "bundle",
            "keygen",
            "--key",
            "our.key",
            "--pubkey",
            "our.pub",
            "--no-password",
            "--json",
        ],
    );
    assert!(out.status.success(), "{}", text(&out));
    let ours = json(&out);
    assert_eq!(ours["encrypted"], false);
    let out = cli(
        &sb,
        &["bundle", "sign", &file, "--key", "our.key", "--json"],
    );
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(json(&out)["key_id"], ours["key_id"]);
    let out = minisign_in(&sb, &["-V", "-m", &file, "-p", "our.pub"]);
    assert!(
        out.status.success(),
        "minisign refused our signature: {}",
        text(&out)
    );
    let out = minisign_in(
        &sb,
        &[
            "-V",
            "-m",
            &file,
            "-P",
            ours["public_key"].as_str().unwrap_or_default(),
        ],
    );
    assert!(
        out.status.success(),
        "minisign -P with our key line: {}",
        text(&out)
    );

    let out = minisign_in(&sb, &["-G", "-W", "-p", "their.pub", "-s", "their.key"]);
    assert!(out.status.success(), "{}", text(&out));
    let out = minisign_in(
        &sb,
        &[
            "-S",
            "-m",
            &file,
            "-s",
            "their.key",
            "-t",
            "release 2026.12",
        ],
    );
    assert!(out.status.success(), "{}", text(&out));
    let out = cli(
        &sb,
        &["bundle", "verify", &file, "--pubkey", "their.pub", "--json"],
    );
    assert!(
        out.status.success(),
        "we refused minisign's signature: {}",
        text(&out)
    );
    let v = json(&out);
    let their_pub = std::fs::read_to_string(sb.work.join("their.pub")).expect("pub");
    // minisign prints the key id as `%PRIX64`, without leading zeros; we print all 16 digits.
    let their_id = v["key_id"].as_str().unwrap_or_default().to_string();
    let printed = their_pub
        .lines()
        .next()
        .and_then(|l| l.strip_prefix("untrusted comment: minisign public key "))
        .unwrap_or_default();
    assert_eq!(
        u64::from_str_radix(printed.trim(), 16).ok(),
        u64::from_str_radix(&their_id, 16).ok(),
        "{their_pub} vs {their_id}"
    );
    assert_eq!(their_id.len(), 16, "{their_id}");
    assert_eq!(v["trusted_comment"], "release 2026.12");
    assert_eq!(v["sha256"].as_str().map(str::len), Some(64));

    // The signature is minisign's, the key is ours.
    let out = cli(
        &sb,
        &["bundle", "verify", &file, "--pubkey", "our.pub", "--json"],
    );
    refused_with(&out, "signature_wrong_key");
    assert_eq!(json(&out)["error"]["code"], "bundle_refused");

    // One changed byte: both tools refuse.
    let mut bytes = BUNDLE.as_bytes().to_vec();
    bytes[30] ^= 0x20;
    std::fs::write(sb.work.join(&file), &bytes).expect("tamper");
    refused_with(
        &cli(
            &sb,
            &["bundle", "verify", &file, "--pubkey", "their.pub", "--json"],
        ),
        "signature_invalid",
    );
    assert!(!minisign_in(&sb, &["-V", "-m", &file, "-p", "their.pub"])
        .status
        .success());

    let out = cli(
        &sb,
        &[
            "bundle",
            "verify",
            "absent.toml",
            "--pubkey",
            "their.pub",
            "--json",
        ],
    );
    assert_eq!(json(&out)["error"]["field"], "source", "{}", text(&out));
    std::fs::remove_file(sb.work.join("team.toml.minisig")).expect("rm");
    refused_with(
        &cli(
            &sb,
            &["bundle", "verify", &file, "--pubkey", "their.pub", "--json"],
        ),
        "signature_missing",
    );
}

#[test]
fn an_encrypted_key_takes_its_password_on_stdin() {
    let sb = Sandbox::new();
    let file = write_bundle(&sb);
    let exe = support::cli_path();
    let out = run_with_stdin(
        &sb,
        exe,
        &[
            "bundle", "keygen", "--key", "enc.key", "--pubkey", "enc.pub", "--json",
        ],
        "s3cret pass\ns3cret pass\n",
    );
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(json(&out)["encrypted"], true);
    let key = std::fs::read_to_string(sb.work.join("enc.key")).expect("key");
    assert!(!key.contains("s3cret"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(sb.work.join("enc.key"))
            .expect("meta")
            .permissions()
            .mode();
        assert_eq!(mode & 0o077, 0, "{mode:o}");
    }

    let out = run_with_stdin(
        &sb,
        exe,
        &["bundle", "sign", &file, "--key", "enc.key", "--json"],
        "wrong\n",
    );
    assert_eq!(
        json(&out)["error"]["rule"],
        "wrong_password",
        "{}",
        text(&out)
    );
    assert!(!String::from_utf8_lossy(&out.stdout).contains("wrong\""));
    assert!(
        !sb.work.join("team.toml.minisig").exists(),
        "a failed sign wrote a signature"
    );

    let out = run_with_stdin(
        &sb,
        exe,
        &["bundle", "sign", &file, "--key", "enc.key"],
        "s3cret pass\n",
    );
    assert!(out.status.success(), "{}", text(&out));
    let out = minisign_in(&sb, &["-V", "-m", &file, "-p", "enc.pub"]);
    assert!(out.status.success(), "minisign refused: {}", text(&out));

    // minisign decrypts our scrypt-encrypted key with the password on its stdin.
    std::fs::remove_file(sb.work.join("team.toml.minisig")).expect("rm");
    let out = run_with_stdin(
        &sb,
        &minisign(),
        &["-S", "-m", &file, "-s", "enc.key"],
        "s3cret pass\n",
    );
    assert!(
        out.status.success(),
        "minisign could not use our encrypted key: {}",
        text(&out)
    );
    let out = cli(
        &sb,
        &["bundle", "verify", &file, "--pubkey", "enc.pub", "--json"],
    );
    assert!(out.status.success(), "{}", text(&out));

    let out = run_with_stdin(
        &sb,
        exe,
        &[
            "bundle", "keygen", "--key", "b.key", "--pubkey", "b.pub", "--json",
        ],
        "one\ntwo\n",
    );
    assert_eq!(json(&out)["error"]["field"], "password", "{}", text(&out));
    assert!(!sb.work.join("b.key").exists() && !sb.work.join("b.pub").exists());
    let out = run_with_stdin(
        &sb,
        exe,
        &[
            "bundle", "keygen", "--key", "b.key", "--pubkey", "b.pub", "--json",
        ],
        "",
    );
    assert_eq!(json(&out)["error"]["field"], "password", "{}", text(&out));
    let out = cli(
        &sb,
        &[
            "bundle",
            "keygen",
            "--key",
            "enc.key",
            "--pubkey",
            "x.pub",
            "--no-password",
            "--json",
        ],
    );
    assert_eq!(
        json(&out)["error"]["field"],
        "key",
        "keygen must not overwrite: {}",
        text(&out)
    );
}

/// A signed bundle served over HTTPS, with redirects, an oversized body and a missing signature.
struct Served {
    mirror: SimMirror,
    http: SimMirror,
    sb: Sandbox,
    sha256: String,
}

fn serve_signed_bundle() -> Served {
    let mut sb = Sandbox::new();
    let file = write_bundle(&sb);
    let out = cli(
        &sb,
        &[
            "bundle",
            "keygen",
            "--key",
            "k.key",
            "--pubkey",
            "k.pub",
            "--no-password",
        ],
    );
    assert!(out.status.success(), "{}", text(&out));
    let out = cli(&sb, &["bundle", "sign", &file, "--key", "k.key"]);
    assert!(out.status.success(), "{}", text(&out));
    let signature = std::fs::read(sb.work.join("team.toml.minisig")).expect("sig");
    let out = cli(
        &sb,
        &["bundle", "verify", &file, "--pubkey", "k.pub", "--json"],
    );
    let sha256 = json(&out)["sha256"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let http = SimMirror::start(
        MirrorBehavior::default()
            .with_file("/b/team.toml", BUNDLE)
            .with_file("/b/team.toml.minisig", signature.clone()),
    )
    .expect("http");
    let behavior = MirrorBehavior::default()
        .https()
        .with_file("/b/team.toml", BUNDLE)
        .with_file("/b/team.toml.minisig", signature.clone())
        .with_file("/unsigned/team.toml", BUNDLE)
        .with_file("/changed/team.toml", BUNDLE.replace("Acme", "Evil"))
        .with_file("/changed/team.toml.minisig", signature)
        .with_fault(
            "/old/team.toml.minisig",
            Fault::Redirect("/b/team.toml.minisig".into()),
        )
        .with_fault("/old/team.toml", Fault::Redirect("/b/team.toml".into()))
        .with_fault(
            "/down/team.toml",
            Fault::Redirect(format!("{}/b/team.toml", http.url())),
        )
        .with_fault(
            "/huge/team.toml",
            Fault::HugeBody {
                bytes: 2 * 1024 * 1024,
            },
        );
    let mirror = SimMirror::start(behavior).expect("https");
    let ca = test_ca().write_ca_file(sb.path()).expect("ca");
    sb.set("SSL_CERT_FILE", &ca.display().to_string());
    Served {
        mirror,
        http,
        sb,
        sha256,
    }
}

#[test]
fn a_url_bundle_is_checked_against_its_pin_and_signature() {
    let s = serve_signed_bundle();
    let url = |p: &str| format!("{}{p}", s.mirror.url());
    let verify = |source: &str, extra: &[&str]| {
        let mut args = vec!["bundle", "verify", source, "--pubkey", "k.pub", "--json"];
        args.extend_from_slice(extra);
        cli(&s.sb, &args)
    };

    let out = verify(&url("/b/team.toml"), &["--sha256", &s.sha256]);
    assert!(out.status.success(), "{}", text(&out));
    let v = json(&out);
    assert_eq!(v["sha256"], s.sha256.as_str());
    assert_eq!(v["signature_from"], url("/b/team.toml.minisig"));

    let wrong = s.sha256.replace(|c: char| c.is_ascii_digit(), "0");
    assert_ne!(wrong, s.sha256);
    refused_with(
        &verify(&url("/b/team.toml"), &["--sha256", &wrong]),
        "sha256_mismatch",
    );
    refused_with(
        &verify(&url("/b/team.toml"), &["--sha256", "abc"]),
        "sha256_invalid",
    );

    // Redirected within https: fine (the signature is URL.minisig of the URL asked for).
    let out = verify(&url("/old/team.toml"), &["--sha256", &s.sha256]);
    assert!(out.status.success(), "{}", text(&out));
    // https to http: refused before anything is read.
    let out = verify(&url("/down/team.toml"), &[]);
    refused_with(&out, "redirect_refused");
    refused_with(
        &verify(&format!("{}/b/team.toml", s.http.url()), &[]),
        "url_not_https",
    );

    refused_with(&verify(&url("/huge/team.toml"), &[]), "too_large");
    refused_with(
        &verify(&url("/unsigned/team.toml"), &[]),
        "signature_missing",
    );
    refused_with(
        &verify(&url("/changed/team.toml"), &[]),
        "signature_invalid",
    );
    let out = verify(&url("/nothing/team.toml"), &[]);
    assert_eq!(
        json(&out)["error"]["rule"],
        "download_failed",
        "{}",
        text(&out)
    );

    let encoded: String = url("/b/team.toml")
        .chars()
        .map(|c| match c {
            ':' => "%3A".to_string(),
            '/' => "%2F".to_string(),
            c => c.to_string(),
        })
        .collect();
    let link = format!(
        "goproxy-assistant://bundle?url={encoded}&sha256={}",
        s.sha256
    );
    let out = verify(&link, &[]);
    assert!(out.status.success(), "{}", text(&out));
    let link = format!("goproxy-assistant://bundle?url={encoded}&sha256={wrong}");
    refused_with(&verify(&link, &[]), "sha256_mismatch");
    refused_with(
        &verify("goproxy-assistant://bundle?url=x", &[]),
        "url_not_https",
    );
    refused_with(
        &verify("goproxy-assistant://evil?url=x", &[]),
        "link_invalid",
    );
}

#[test]
fn the_minisign_tool_is_a_test_dependency() {
    let setup = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/setup.sh"),
    )
    .expect("setup.sh");
    assert!(
        setup.contains("minisign"),
        "scripts/setup.sh test must install minisign"
    );
    let out = Command::new(minisign())
        .arg("-v")
        .output()
        .expect("minisign -v");
    assert!(out.status.success());
}
