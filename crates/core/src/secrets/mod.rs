//! Tokens in the OS keychain (Secret Service on Linux, Keychain on macOS, Credential Manager on
//! Windows) through `keyring-core` with an explicitly chosen store, and the non-secret index of
//! hosts that have one (`hosts.toml` in the app's config dir).
//!
//! Naming (this app's own convention, see docs/architecture.md "Private modules and credentials"):
//! service `dev.goproxy-assistant.desktop:<prefix>` where the prefix is what Go matches (`host`
//! or `host:port`), user = the login sent with the token (never empty: macOS needs one).
//! Every keychain call runs on a worker thread with a timeout, so a locked keychain that waits
//! for a prompt never blocks a caller (the UI) for long.

mod keychain;
mod secret;

pub use keychain::{Keychain, KeychainState, SERVICE_PREFIX};
pub use secret::{validate_token, Secret};
