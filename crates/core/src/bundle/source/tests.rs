//! Links, URLs and pins as pure input, and file sources with real files; URL downloads run
//! against a loopback HTTPS server in the CLI tests (`crates/cli/tests/cli_bundle_sign.rs`).

use super::*;
use crate::bundle::signature::{self as sig, SigningKey};
use crate::sysenv::SysEnv;

const PIN: &str = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

fn rule(err: &Error) -> &str {
    err.rule.as_deref().unwrap_or_default()
}

#[test]
fn a_link_names_an_https_url_and_an_optional_pin() {
    let link = parse_link(&format!(
        "goproxy-assistant://bundle?url=https%3A%2F%2Fgit.acme.example%2Fteam%2Fgo.toml%3Fref%3Dmain&sha256={}",
        PIN.to_uppercase()
    ))
    .expect("link");
    assert_eq!(link.url, "https://git.acme.example/team/go.toml?ref=main");
    assert_eq!(link.sha256.as_deref(), Some(PIN));
    let plain = parse_link("GOPROXY-ASSISTANT://bundle/?url=https://Git.Acme.example/b.toml")
        .expect("unencoded url, trailing slash");
    assert_eq!(plain.url, "https://git.acme.example/b.toml");
    assert_eq!(plain.sha256, None);
}

#[test]
fn a_link_is_refused_unless_it_is_exactly_the_bundle_link() {
    let url = "url=https%3A%2F%2Fa.example%2Fb.toml";
    let cases = [
        (format!("goproxy-assistant://other?{url}"), "link_invalid"),
        (
            format!("goproxy-assistant://bundle/x?{url}"),
            "link_invalid",
        ),
        (
            format!("goproxy-assistant://bundle.evil.example?{url}"),
            "link_invalid",
        ),
        (format!("other://bundle?{url}"), "link_invalid"),
        ("goproxy-assistant://bundle".to_string(), "link_invalid"),
        (
            "goproxy-assistant://bundle?sha256=".to_string() + PIN,
            "link_invalid",
        ),
        (
            format!("goproxy-assistant://bundle?{url}&{url}"),
            "link_invalid",
        ),
        (
            format!("goproxy-assistant://bundle?{url}&token=x"),
            "link_invalid",
        ),
        (
            format!("goproxy-assistant://bundle?{url}&flag"),
            "link_invalid",
        ),
        (
            format!("goproxy-assistant://bundle?{url}#frag"),
            "link_invalid",
        ),
        (format!("goproxy-assistant://bundle?{url}%"), "link_invalid"),
        (
            format!("goproxy-assistant://bundle?{url}%ZZ"),
            "link_invalid",
        ),
        (
            format!("goproxy-assistant://bundle?{url}%FF"),
            "link_invalid",
        ),
        (
            format!("goproxy-assistant://bundle?{url}\n"),
            "link_invalid",
        ),
        (
            format!("goproxy-assistant://bundle?{url}&x={}", "a".repeat(5000)),
            "link_invalid",
        ),
        (
            "goproxy-assistant://bundle?url=http%3A%2F%2Fa.example%2Fb".to_string(),
            "url_not_https",
        ),
        (
            "goproxy-assistant://bundle?url=file%3A%2F%2F%2Fetc%2Fpasswd".to_string(),
            "url_not_https",
        ),
        (
            "goproxy-assistant://bundle?url=https%3A%2F%2Fu%3Ap%40a.example%2Fb".to_string(),
            "url_invalid",
        ),
        (
            "goproxy-assistant://bundle?url=https%3A%2F%2Fa.example%2Fb%20c".to_string(),
            "url_invalid",
        ),
        (
            format!("goproxy-assistant://bundle?{url}&sha256=abc"),
            "sha256_invalid",
        ),
        (
            format!("goproxy-assistant://bundle?{url}&sha256={}", "g".repeat(64)),
            "sha256_invalid",
        ),
    ];
    for (link, code) in &cases {
        let err = parse_link(link).expect_err(link);
        assert_eq!(rule(&err), *code, "{link:?}: {err}");
        assert_eq!(err.code, ErrorCode::BundleRefused);
        assert!(
            !err.message.contains("u:p@"),
            "credentials echoed: {}",
            err.message
        );
    }
}

#[test]
fn an_argument_is_a_file_an_https_url_or_a_link() {
    assert_eq!(
        BundleSource::parse("team.toml").expect("file").0,
        BundleSource::File(PathBuf::from("team.toml"))
    );
    assert_eq!(
        BundleSource::parse("HTTPS://a.example:8443/b.toml?x=1")
            .expect("url")
            .0,
        BundleSource::Url("https://a.example:8443/b.toml?x=1".into())
    );
    let (source, pin) = BundleSource::parse(&format!(
        "goproxy-assistant://bundle?url=https%3A%2F%2Fa.example%2Fb.toml&sha256={PIN}"
    ))
    .expect("link");
    assert_eq!(source, BundleSource::Url("https://a.example/b.toml".into()));
    assert_eq!(pin.as_deref(), Some(PIN));
    for (arg, code) in [
        ("http://a.example/b.toml", "url_not_https"),
        ("ftp://a.example/b.toml", "url_not_https"),
        ("https://", "url_invalid"),
        ("https://a.example/b#x", "url_invalid"),
        ("https://tok@a.example/b", "url_invalid"),
    ] {
        let err = BundleSource::parse(arg).expect_err(arg);
        assert_eq!(rule(&err), code, "{arg}: {err}");
        assert_eq!(err.field.as_deref(), Some("source"));
    }
}

#[test]
fn the_signature_of_a_url_sits_before_its_query() {
    assert_eq!(
        signature_url("https://a.example/b.toml"),
        "https://a.example/b.toml.minisig"
    );
    assert_eq!(
        signature_url("https://a.example/b.toml?ref=main"),
        "https://a.example/b.toml.minisig?ref=main"
    );
}

#[test]
fn a_file_is_checked_against_its_pin_and_signature() {
    let dir = tempfile::tempdir().expect("tmp");
    let file = dir.path().join("b.toml");
    std::fs::write(&file, "test").expect("write");
    let source = BundleSource::File(file.clone());
    let network = Network::from_env(&SysEnv::from_vars([(
        "HOME",
        dir.path().to_str().unwrap_or("/"),
    )]));
    let mut options = LoadOptions::new(network);

    let loaded = load(&source, &options).expect("plain");
    assert_eq!(
        (loaded.bytes.as_slice(), loaded.provenance.sha256.as_str()),
        (&b"test"[..], PIN)
    );
    assert!(!loaded.provenance.pinned && loaded.provenance.signature.is_none());

    options.sha256 = Some(PIN.to_uppercase());
    assert!(load(&source, &options).expect("pinned").provenance.pinned);
    options.sha256 = Some(PIN.replace('9', "8"));
    let err = load(&source, &options).expect_err("wrong pin");
    assert_eq!(rule(&err), "sha256_mismatch");
    options.sha256 = Some("12".into());
    assert_eq!(
        rule(&load(&source, &options).expect_err("bad pin")),
        "sha256_invalid"
    );
    options.sha256 = None;

    let (sec, public) = (dir.path().join("k.key"), dir.path().join("k.pub"));
    sig::keygen(&sec, &public, None).expect("keygen");
    options.team_key = Some(TeamKey::from_file(&public).expect("pub"));
    assert_eq!(
        rule(&load(&source, &options).expect_err("unsigned")),
        "signature_missing"
    );
    let key = SigningKey::from_file(&sec, || panic!("plain key")).expect("key");
    sig::sign_file(&file, &key).expect("sign");
    let loaded = load(&source, &options).expect("signed");
    let check = loaded.provenance.signature.expect("checked");
    assert_eq!(check.key_id, key.key_id());
    std::fs::write(&file, "tesT").expect("tamper");
    assert_eq!(
        rule(&load(&source, &options).expect_err("tampered")),
        "signature_invalid"
    );

    let big = dir.path().join("big.toml");
    std::fs::write(&big, vec![b'#'; MAX_DOWNLOAD_BYTES as usize + 1]).expect("big");
    let err = load(
        &BundleSource::File(big),
        &LoadOptions::new(Network::default()),
    )
    .expect_err("big");
    assert_eq!(rule(&err), "too_large");
}
