//! Finding Go installations: the `go` on PATH, GOROOT, and each OS's usual install places.

use crate::goversion::GoVersion;
use serde::Serialize;
use ts_rs::TS;

/// How an installation was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum FoundVia {
    /// A `go` on PATH.
    Path,
    /// The GOROOT environment variable.
    GorootEnv,
    /// A usual install place for this OS (/usr/local/go, /usr/lib/go-1.x, ~/sdk/go1.x, ...).
    UsualPlace,
}

/// One Go toolchain on this machine.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct GoInstallation {
    /// The `go` program as found (may be a symlink or a wrapper script).
    pub go_path: String,
    /// The GOROOT it runs with, if it could be determined.
    #[ts(optional)]
    pub goroot: Option<String>,
    /// `go1.27.3`, as the toolchain reports it.
    #[ts(optional)]
    pub version: Option<String>,
    #[ts(optional)]
    pub parsed_version: Option<GoVersion>,
    pub found_via: Vec<FoundVia>,
    /// This is the `go` a shell would run (first on PATH).
    pub active: bool,
}
