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

/// Every byte of the journal as a reader could recover it: the files as they are, and each
/// stored previous file content (base64) decoded.
fn journal_bytes(w: &World) -> Vec<u8> {
    use base64::Engine as _;
    let dir = w.sb.home.join(".local/share/goproxy-assistant/history");
    let mut all = Vec::new();
    for e in std::fs::read_dir(&dir).expect("journal").flatten() {
        let bytes = std::fs::read(e.path()).expect("read");
        if let Ok(v) = serde_json::from_slice::<serde_json::Value>(&bytes) {
            for part in v["restore"].as_array().into_iter().flatten() {
                if let Some(b64) = part["before"].as_str() {
                    let decoded = base64::engine::general_purpose::STANDARD
                        .decode(b64)
                        .expect("base64");
                    all.extend(decoded);
                }
            }
        }
        all.extend(bytes);
    }
    all
}

#[test]
#[ignore = "needs a real unlocked Secret Service: make test-keyring"]
fn the_journal_keeps_no_netrc_secret() {
    let Some(bus) = keyring_bus() else {
        return;
    };
    let mut w = World::new(&bus, None);
    let unrelated = "machine other.example login bob password unrelated-Pw-1234\n";
    std::fs::write(w.sb.home.join(".netrc"), unrelated).expect("seed .netrc");
    let first = w.token.clone();
    w.token_set("h1.example", &["--netrc"]);
    w.token = crate::world::random_token();
    let second = w.token.clone();
    w.token_set("h2.example", &["--netrc"]);
    w.cli_ok(&["token", "delete", "h1.example", "--json"]);

    let journal = journal_bytes(&w);
    let found: Vec<&str> = [first.as_str(), second.as_str(), "unrelated-Pw-1234"]
        .into_iter()
        .filter(|secret| crate::leak::contains(&journal, secret.as_bytes()))
        .collect();
    eprintln!(
        "journal: {} bytes scanned (previous contents decoded), test secrets found: {}",
        journal.len(),
        found.len()
    );
    assert!(found.is_empty(), "secrets in the journal: {found:?}");

    // Undo walks back all three; the untouched password comes back from the file itself.
    for _ in 0..3 {
        w.cli_ok(&["undo", "--json"]);
    }
    assert_eq!(
        std::fs::read_to_string(w.sb.home.join(".netrc")).expect("read"),
        unrelated
    );
}
