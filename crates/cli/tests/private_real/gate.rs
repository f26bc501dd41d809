//! Skip or fail: in plain `cargo test --ignored` a missing keyring or toolchain skips the test,
//! under scripts/keyring-tests.sh (GOPROXY_ASSISTANT_REAL_KEYRING=1) it is a failure, so the
//! script can never pass by testing nothing.

use go_integration_tests::{toolchains, Toolchain};
use goproxy_core::secrets::{Keychain, KeychainState};

/// True when scripts/keyring-tests.sh runs us: every real component is then required.
pub fn required() -> bool {
    std::env::var("GOPROXY_ASSISTANT_REAL_KEYRING").as_deref() == Ok("1")
}

/// The session bus with an unlocked keyring, or `None` (skip) when not required.
pub fn keyring_bus() -> Option<String> {
    let bus = std::env::var("DBUS_SESSION_BUS_ADDRESS").ok();
    let state = bus.as_ref().map(|_| Keychain::native().state());
    match (bus, state) {
        (Some(bus), Some(KeychainState::Available)) => Some(bus),
        (bus, state) => {
            let msg = format!("no usable Secret Service (DBUS_SESSION_BUS_ADDRESS={bus:?}, keychain {state:?}); run `make test-keyring`");
            if required() {
                panic!("{msg}");
            }
            eprintln!("skipping: {msg}");
            None
        }
    }
}

/// The toolchain called `name` (e.g. "go1.27"), or `None` (skip) when not required.
pub fn toolchain(name: &str) -> Option<Toolchain> {
    let found = toolchains().into_iter().find(|t| t.name == name);
    if found.is_none() && required() {
        panic!("{name} is required with GOPROXY_ASSISTANT_REAL_KEYRING=1 (scripts/toolchains.sh)");
    }
    found
}
