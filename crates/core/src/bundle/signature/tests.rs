//! Signatures made and checked with the real crypto (no mocks); the `minisign` tool's side is in
//! the CLI tests (`crates/cli/tests/cli_bundle_sign.rs`).

use super::*;

const BUNDLE: &[u8] = b"format = \"goproxy-assistant-bundle/1\"\nname = \"Acme\"\n";

fn unencrypted() -> (TeamKey, SigningKey) {
    let (team, secret_text) = keys::generate(None).expect("generate");
    let key = SigningKey::parse(&secret_text, || {
        panic!("no password for an unencrypted key")
    })
    .expect("parse");
    (team, key)
}

fn rule(err: &Error) -> &str {
    err.rule.as_deref().unwrap_or_default()
}

#[test]
fn a_signature_verifies_with_its_key_and_names_the_key_id() {
    let (team, key) = unencrypted();
    assert_eq!(team.key_id(), key.key_id());
    assert_eq!(team.key_id().len(), 16);
    let text = sign(BUNDLE, &key, "team.toml").expect("sign");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "untrusted comment: signature from minisign secret key"
    );
    let raw = keys::decode_base64(lines[1]).expect("base64");
    assert_eq!(&raw[..2], b"ED", "prehashed signature: {text}");
    assert!(lines[2].starts_with("trusted comment: timestamp:"));
    assert!(lines[2].ends_with("\tfile:team.toml\thashed"), "{text}");
    let check = verify(BUNDLE, text.as_bytes(), &team, "team.toml.minisig").expect("verify");
    assert_eq!(check.key_id, team.key_id());
    assert!(check.trusted_comment.ends_with("file:team.toml\thashed"));
}

#[test]
fn a_changed_byte_a_changed_comment_and_another_key_are_refused() {
    let (team, key) = unencrypted();
    let text = sign(BUNDLE, &key, "team.toml").expect("sign");
    for i in [0, BUNDLE.len() / 2, BUNDLE.len() - 1] {
        let mut tampered = BUNDLE.to_vec();
        tampered[i] ^= 0x01;
        let err = verify(&tampered, text.as_bytes(), &team, "s").expect_err("tampered");
        assert_eq!(rule(&err), "signature_invalid", "byte {i}: {err}");
        assert_eq!(err.code, ErrorCode::BundleRefused);
    }
    let mut longer = BUNDLE.to_vec();
    longer.push(b'\n');
    assert_eq!(
        rule(&verify(&longer, text.as_bytes(), &team, "s").expect_err("longer")),
        "signature_invalid"
    );

    let comment = text.replace("file:team.toml", "file:other.toml");
    let err = verify(BUNDLE, comment.as_bytes(), &team, "s").expect_err("comment");
    assert_eq!(rule(&err), "signature_invalid", "{err}");

    let (other_team, _) = unencrypted();
    let err = verify(BUNDLE, text.as_bytes(), &other_team, "s").expect_err("other key");
    assert_eq!(rule(&err), "signature_wrong_key");
    assert!(err.message.contains(team.key_id()) && err.message.contains(other_team.key_id()));
}

#[test]
fn a_garbled_signature_file_is_refused_never_a_panic() {
    let (team, key) = unencrypted();
    let text = sign(BUNDLE, &key, "team.toml").expect("sign");
    let lines: Vec<&str> = text.lines().collect();
    let with_line = |n: usize, line: &str| {
        let mut l = lines.clone();
        l[n] = line;
        l.join("\n")
    };
    let cases = [
        (String::new(), "signature_malformed"),
        (lines[..3].join("\n"), "signature_malformed"),
        (with_line(0, "comment: x"), "signature_malformed"),
        (with_line(1, "RUR"), "signature_malformed"),
        (with_line(1, "not base64!"), "signature_malformed"),
        (with_line(2, "comment: x"), "signature_malformed"),
        // A short global signature made minisign's verifier index out of bounds.
        (with_line(3, "AAAA"), "signature_malformed"),
        (with_line(3, ""), "signature_malformed"),
        (format!("{text}extra line\n"), "signature_malformed"),
    ];
    for (case, code) in &cases {
        let err = verify(BUNDLE, case.as_bytes(), &team, "s").expect_err(case);
        assert_eq!(rule(&err), *code, "{case:?}: {err}");
    }
    let legacy = {
        use base64::Engine as _;
        let engine = base64::engine::general_purpose::STANDARD;
        let mut sig = engine.decode(lines[1]).expect("b64");
        sig[1] = b'd';
        with_line(1, &engine.encode(sig))
    };
    let err = verify(BUNDLE, legacy.as_bytes(), &team, "s").expect_err("legacy");
    assert_eq!(rule(&err), "signature_legacy");
    assert_eq!(
        rule(&verify(BUNDLE, &[0xff, 0xfe], &team, "s").expect_err("binary")),
        "signature_malformed"
    );
    // Every single-byte change: refused or (in the untrusted comment) still fine, never a panic.
    for i in 0..text.len() {
        let mut bytes = text.as_bytes().to_vec();
        bytes[i] = bytes[i].wrapping_add(1);
        let _ = verify(BUNDLE, &bytes, &team, "s");
    }
}

#[test]
fn an_encrypted_key_needs_its_password_and_never_shows_it() {
    let password = Secret::new("correct horse");
    let (team, secret_text) = keys::generate(Some(&password)).expect("generate");
    assert!(secret_text.starts_with("untrusted comment: minisign encrypted secret key\n"));
    let key = SigningKey::parse(&secret_text, || Ok(password.clone())).expect("decrypt");
    assert_eq!(key.key_id(), team.key_id());
    let text = sign(BUNDLE, &key, "b.toml").expect("sign");
    verify(BUNDLE, text.as_bytes(), &team, "s").expect("verify");

    let wrong = Secret::new("battery staple");
    let err = SigningKey::parse(&secret_text, || Ok(wrong.clone()))
        .err()
        .expect("wrong password");
    assert_eq!(rule(&err), "wrong_password");
    assert!(!err.message.contains("battery") && !err.message.contains("correct"));

    let err = keys::generate(Some(&Secret::new(""))).expect_err("empty");
    assert_eq!(err.field.as_deref(), Some("password"));
}

#[test]
fn public_keys_parse_from_a_file_or_the_bare_line_and_garbage_is_refused() {
    let (team, _) = unencrypted();
    let file = team.to_file_text();
    assert!(file.starts_with(&format!(
        "untrusted comment: minisign public key {}\n",
        team.key_id()
    )));
    assert_eq!(
        TeamKey::parse(&file, "pubkey").expect("file").key_id(),
        team.key_id()
    );
    let bare = TeamKey::parse(&team.to_base64(), "pubkey").expect("bare");
    assert_eq!(bare.key_id(), team.key_id());
    for bad in ["", "RWQ", "untrusted comment: x\n", "a\nb\nc", "RW!!"] {
        let err = TeamKey::parse(bad, "pubkey").expect_err(bad);
        assert_eq!(rule(&err), "public_key_invalid", "{bad:?}");
        assert_eq!(err.field.as_deref(), Some("pubkey"));
    }
    for bad in ["", "untrusted comment: x\nAAAA\n", "x\ny\n"] {
        let err = SigningKey::parse(bad, || panic!("not asked"))
            .err()
            .expect("bad");
        assert_eq!(rule(&err), "secret_key_invalid", "{bad:?}");
    }
}

#[test]
fn keygen_writes_a_private_secret_key_and_never_overwrites() {
    let dir = tempfile::tempdir().expect("tmp");
    let (sec, public) = (dir.path().join("team.key"), dir.path().join("team.pub"));
    let keys = keygen(&sec, &public, None).expect("keygen");
    assert!(!keys.encrypted);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&sec).expect("meta").permissions().mode();
        assert_eq!(mode & 0o077, 0, "secret key readable by others: {mode:o}");
    }
    let team = TeamKey::from_file(&public).expect("pubkey");
    assert_eq!(team.key_id(), keys.key_id);
    let key = SigningKey::from_file(&sec, || panic!("not encrypted")).expect("key");
    let file = dir.path().join("team.toml");
    std::fs::write(&file, BUNDLE).expect("write");
    let signed = sign_file(&file, &key).expect("sign");
    assert!(signed.signature_file.ends_with("team.toml.minisig"));
    assert_eq!(
        verify_file(&file, &team).expect("verify").key_id,
        keys.key_id
    );

    let before = std::fs::read(&sec).expect("read");
    let err = keygen(&sec, &dir.path().join("new.pub"), None).expect_err("exists");
    assert_eq!(err.field.as_deref(), Some("key"));
    assert_eq!(std::fs::read(&sec).expect("read"), before);

    std::fs::remove_file(signature_path(&file)).expect("rm");
    assert_eq!(
        rule(&verify_file(&file, &team).expect_err("missing")),
        "signature_missing"
    );
}
