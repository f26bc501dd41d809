//! Undo of token changes against the real keychain: a token the change stored is deleted again;
//! a replaced token stays (the journal keeps no secret to bring the old one back).

use crate::gate::keyring_bus;
use crate::world::World;
use crate::USER;
use goproxy_core::secrets::Keychain;

const HOST: &str = "git.corp.example";

/// Whether the test keyring holds a token for HOST, asked the way the app asks.
fn stored() -> bool {
    Keychain::native()
        .exists(HOST, USER)
        .expect("ask the test keyring")
}

#[test]
#[ignore = "needs a real unlocked Secret Service: make test-keyring"]
fn undo_deletes_a_stored_token_and_refuses_out_of_order() {
    let Some(bus) = keyring_bus() else {
        return;
    };
    let mut w = World::new(&bus, None);
    w.token_set(HOST, &[]);
    assert!(stored());
    let first = w.cli_ok(&["history", "--json"])["entries"][0]["id"]
        .as_str()
        .expect("entry id")
        .to_string();
    w.token = format!("{}-2", w.token);
    let second = w.token.clone();
    w.forbid(&second);
    w.token_set(HOST, &[]);

    // The older change is under the newer one: refused, the token untouched.
    let out = w.cli(&["undo", &first, "--json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stored());

    w.cli_ok(&["undo", "--json"]);
    assert!(stored(), "undoing a replacement keeps the current token");
    w.cli_ok(&["undo", "--json"]);
    assert!(!stored(), "undoing the first store deletes the item");
    let status = w.cli_ok(&["token", "status", "--json"]);
    assert_eq!(status.as_array().map(Vec::len), Some(0), "{status}");
    w.assert_no_leak(&[], 1);
}
