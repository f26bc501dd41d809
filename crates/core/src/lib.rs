//! GoProxy Assistant core: every piece of domain logic, shared by the CLI and the desktop app.
//!
//! Data flows one way: *detect* (read-only), *plan* (a pure list of changes the user can review),
//! *apply* (atomic writes, a backup and a history entry that `undo` can replay).

pub mod app_dirs;
pub mod atomic_file;
pub mod auth;
pub mod bundle;
pub mod change;
pub mod clock;
pub mod context;
pub mod detect;
pub mod dockerfile;
pub mod doctor;
pub mod error;
pub mod findings;
pub mod fonts;
pub mod goenv;
pub mod goenv_store;
pub mod goversion;
pub mod history;
pub mod hosts;
pub mod install;
pub mod mirrors;
pub mod net;
pub mod netrc;
pub mod patterns;
pub mod private;
pub mod private_temp_dir;
pub mod redact;
pub mod secrets;
pub mod settings;
pub mod sysenv;

pub use error::{Error, ErrorCode, Result};
