//! Effective module-download settings and where each value comes from, computed the way the
//! go command does (process env, then GOENV file, then `$GOROOT/go.env`, then built-in defaults).

use serde::Serialize;
use ts_rs::TS;

/// The module-download settings the app explains, in display order.
pub const MODULE_KEYS: &[&str] = &[
    "GOPROXY",
    "GOSUMDB",
    "GOPRIVATE",
    "GONOPROXY",
    "GONOSUMDB",
    "GOINSECURE",
    "GOFLAGS",
    "GOAUTH",
    "GOTOOLCHAIN",
    "GOMODCACHE",
    "GOENV",
];

/// Where an effective value comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum SettingSource {
    /// The process environment (a shell profile, the desktop session, a CI variable).
    Environment,
    /// The user's GOENV file, written by `go env -w`.
    GoenvFile,
    /// `$GOROOT/go.env`, the toolchain's defaults file (Go 1.21+).
    GorootGoEnv,
    /// Compiled into the go command, or derived from another setting.
    Default,
    /// This Go version does not know the setting.
    Unsupported,
}

/// One setting with its effective value and provenance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Setting {
    pub key: String,
    /// The value the go command uses.
    pub value: String,
    pub source: SettingSource,
    /// Where exactly: a file path, or the setting a default is derived from (`GOPRIVATE`, `GOPATH`).
    #[ts(optional)]
    pub source_detail: Option<String>,
    /// The value in the process environment, when set (even if empty, it is shown).
    #[ts(optional)]
    pub env_value: Option<String>,
    /// The value in the GOENV file, when the file has the key.
    #[ts(optional)]
    pub file_value: Option<String>,
    /// The value in `$GOROOT/go.env`, when that file has the key.
    #[ts(optional)]
    pub goroot_value: Option<String>,
}
