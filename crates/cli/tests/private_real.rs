//! Private modules with real components (issue 4): a real gnome-keyring (Secret Service on a
//! private D-Bus session), the real go1.27 through GOAUTH, the real go1.19 through the .netrc
//! the app wrote, git over a loopback `git http-backend`, and the access test. Traffic goes only
//! to 127.0.0.1. Every test has its own scratch home; only DBUS_SESSION_BUS_ADDRESS is passed
//! through so the CLI reaches the test keyring.
//!
//! These tests are `#[ignore]`d in plain `cargo test`: run them with `make test-keyring`
//! (scripts/keyring-tests.sh), which starts and unlocks gnome-keyring and sets
//! GOPROXY_ASSISTANT_REAL_KEYRING=1 so a missing keyring or toolchain fails instead of skipping.
//!
//! This file is only the root of the `private_real` test target; the modules live in
//! `private_real/` (loaded with `#[path]`, since every top-level file in `tests/` is its own
//! test crate). Test names carry their module: scripts/keyring-tests.sh names
//! `locked::locked_keyring_is_a_clear_error_and_writes_nothing` for its locked session.

mod support;

/// Whether a test runs, skips or fails: the keyring bus and the toolchains.
#[path = "private_real/gate.rs"]
mod gate;
/// The loopback `git http-backend` behind Basic auth.
#[path = "private_real/git_server.rs"]
mod git_server;
/// The token scan over every kept output and every file in the sandbox.
#[path = "private_real/leak.rs"]
mod leak;
/// The loopback HTTPS module mirror and the go-side download checks.
#[path = "private_real/mirror.rs"]
mod mirror;
/// The token scan over every live process's argv and environment.
#[path = "private_real/proc_scan.rs"]
mod proc_scan;
/// One test's sandbox on the test keyring, running the CLI, go and git.
#[path = "private_real/world.rs"]
mod world;

// The tests, one file per way the token reaches a tool (and the locked-keyring refusal).
#[path = "private_real/bundle.rs"]
mod bundle;
#[path = "private_real/git_helper.rs"]
mod git_helper;
#[path = "private_real/go_goauth.rs"]
mod go_goauth;
#[path = "private_real/go_netrc.rs"]
mod go_netrc;
#[path = "private_real/locked.rs"]
mod locked;
#[path = "private_real/undo.rs"]
mod undo;

/// The private module every mirror test fetches.
const MODULE: &str = "corp.example.com/team/lib";
/// The user name stored with every token.
const USER: &str = "alice";
