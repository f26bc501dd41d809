//! A locked keyring must fail `token set` fast and leave no trace, never fall back to a
//! plaintext file. It needs its own D-Bus session (no unlock), so scripts/keyring-tests.sh runs
//! it alone, by its full name `locked::locked_keyring_is_a_clear_error_and_writes_nothing`.

use crate::gate::required;
use crate::support::*;
use crate::world::World;
use std::time::Duration;

/// A locked keyring (the daemon started by D-Bus activation, no unlock, no display for the
/// prompt): `token set` fails fast with a clear "locked" error and writes nothing, not even the
/// opted-in .netrc. Run by scripts/keyring-tests.sh in a second session, where
/// GOPROXY_ASSISTANT_KEYRING_LOCKED=1.
#[test]
#[ignore = "needs a locked real Secret Service: make test-keyring"]
fn locked_keyring_is_a_clear_error_and_writes_nothing() {
    if std::env::var("GOPROXY_ASSISTANT_KEYRING_LOCKED").as_deref() != Ok("1") {
        assert!(
            !required(),
            "run with GOPROXY_ASSISTANT_KEYRING_LOCKED=1 in a locked session"
        );
        eprintln!("skipping: not in a locked-keyring session");
        return;
    }
    let bus = std::env::var("DBUS_SESSION_BUS_ADDRESS").expect("a session bus");
    let mut w = World::new(&bus, None);
    let token = format!("{}\n", w.token);
    let started = std::time::Instant::now();
    let out = w.cli_in(
        &["token", "set", "goproxy.corp.example:8443", "--netrc"],
        &token,
    );
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("error[keychain_locked]: the keychain is locked"),
        "{err}"
    );
    let out = w.cli_in(&["token", "set", "goproxy.corp.example", "--json"], &token);
    let v = json(&out);
    assert_eq!(v["error"]["code"], "keychain_locked", "{v}");
    assert!(!w.sb.home.join(".netrc").exists(), "no plaintext fallback");
    assert!(!w
        .sb
        .home
        .join(".config/goproxy-assistant/hosts.toml")
        .exists());
    w.assert_no_leak(&[], 1);
}
