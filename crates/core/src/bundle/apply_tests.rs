//! Apply with a token entered alongside (the Team page's token form): one entry holds the
//! files and the keychain item; one undo restores the files and deletes the item. The keychain
//! is the in-memory store (the real one is exercised by the private-module tests).

use super::*;
use crate::bundle::plan::PlanInputs;
use crate::context::Context;
use crate::history::History;
use crate::secrets::{Keychain, Secret};
use crate::sysenv::SysEnv;

const TEAM: &str = "format = \"goproxy-assistant-bundle/1\"\nname = \"Acme\"\n\
    [go_env]\nGOPRIVATE = \"git.acme.example\"\nGOINSECURE = \"git.acme.example\"\n\
    [[hosts]]\nhost = \"git.acme.example\"\nlogin = \"oauth2\"\n";

#[test]
fn one_entry_holds_files_and_token_and_one_undo_removes_both() {
    let dir = tempfile::tempdir().expect("tempdir");
    let h = |p: &str| dir.path().join(p).display().to_string();
    let env = SysEnv::from_vars([
        ("HOME", h("")),
        ("XDG_CONFIG_HOME", h(".config")),
        ("XDG_DATA_HOME", h(".local/share")),
        ("GOENV", h("goenv")),
        ("PATH", h("no-go")),
    ]);
    let ctx = Context::new(env.clone());
    let bundle = crate::bundle::parse(TEAM.as_bytes()).expect("bundle");
    let keychain = Keychain::mock();
    let tokens = [(
        "git.acme.example".to_string(),
        Secret::new("glpat-test-token"),
    )];
    let inputs = PlanInputs {
        helper: std::path::Path::new("/usr/local/bin/goproxy-assistant"),
        keychain: Some(&keychain),
        tokens: &tokens,
    };
    // Not accepted: refused, nothing written (not even the data directory).
    let err = apply(&ctx, &bundle, &[], &inputs).expect_err("goinsecure");
    assert_eq!(err.rule.as_deref(), Some("goinsecure"));
    assert!(!dir.path().join(".local").exists() && !dir.path().join("goenv").exists());
    assert!(!keychain.exists("git.acme.example", "oauth2").expect("ask"));

    let done = apply(&ctx, &bundle, &[RiskCode::Goinsecure], &inputs).expect("apply");
    assert!(
        done.tokens.is_empty(),
        "the token was entered: {:?}",
        done.tokens
    );
    let entry = done.applied.entry().expect("recorded").clone();
    assert!(keychain.exists("git.acme.example", "oauth2").expect("ask"));
    assert!(std::fs::read_to_string(dir.path().join("goenv"))
        .expect("goenv")
        .contains("GOINSECURE=git.acme.example"));
    let preview = crate::bundle::preview(
        &ctx,
        &bundle,
        &[RiskCode::Goinsecure],
        &PlanInputs {
            tokens: &[],
            ..inputs
        },
    )
    .expect("preview");
    assert!(preview.tokens.is_empty(), "the token is stored now");
    assert!(preview.acceptance[0].accepted);

    History::open(&env)
        .expect("history")
        .with_keychain(keychain.clone())
        .undo(Some(&entry.id))
        .expect("undo");
    assert!(
        !keychain.exists("git.acme.example", "oauth2").expect("ask"),
        "undo deletes the item it created"
    );
    assert!(!dir.path().join("goenv").exists());
    assert!(crate::hosts::load(&env).expect("hosts").is_empty());
}
