//! Findings: problems and notable facts about the Go environment, each with a stable code, the
//! words to explain it and, where possible, a fix the store can apply.

use crate::goenv::EnvOp;
use serde::Serialize;
use std::collections::BTreeMap;
use ts_rs::TS;

/// Stable finding codes; the UI translates by code, scripts match on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum FindingCode {
    /// No go command found anywhere.
    GoNotFound,
    /// More than one Go installation; says which one runs.
    MultipleInstallations,
    /// A process-environment variable overrides the GOENV file value (go env -w only warns).
    EnvOverridesFile,
    /// GOPROXY=off: module downloads are disabled.
    GoproxyOff,
    /// GOPROXY has one proxy and no fallback (`direct` or another proxy after `|`/`,`).
    GoproxyNoFallback,
    /// GOPROXY does not parse the way Go parses it.
    GoproxyInvalid,
    /// GOSUMDB=off: downloaded modules are not checked against the checksum database.
    GosumdbOff,
    /// GOFLAGS carries `-insecure`, removed in Go 1.17.
    GoflagsInsecure,
    /// HTTP_PROXY / HTTPS_PROXY / NO_PROXY (any case) are in effect for the go command.
    HttpProxyInEffect,
    /// The .netrc file can be read by other users.
    NetrcReadableByOthers,
    /// The GOENV file has lines Go ignores (lower-case, indented, no `=`, spaces in the key).
    GoenvIgnoredLines,
    /// A GOENV value ends in a carriage return (file edited on Windows).
    GoenvCrlf,
    /// An empty value in the GOENV file hides Go's default (`GOPROXY=` breaks downloads).
    GoenvEmptyValue,
    /// The GOENV file cannot be read (a directory, unreadable, ...).
    GoenvUnreadable,
    /// GOAUTH is a value the go command refuses (empty entry, `off` with others, relative git dir).
    GoauthInvalid,
    /// A GOAUTH credential command cannot be run (moved or uninstalled helper).
    GoauthCommandMissing,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Severity {
    Info,
    Warning,
    Error,
}

/// How to fix a finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum Fix {
    /// A change to the GOENV file, applied through the store (undoable).
    GoEnv { ops: Vec<EnvOp> },
    /// Something the user must do outside the app; `hint` says what (English; the UI localises by code).
    Manual { hint: String },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Finding {
    pub code: FindingCode,
    pub severity: Severity,
    /// The setting concerned, if any.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// One English sentence (CLI output; the UI builds its text from `code` and `params`).
    pub message: String,
    /// Values to fill into the localised text (`key`, `value`, `path`, `env_value`...).
    pub params: BTreeMap<String, String>,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<Fix>,
}

mod evaluate;
pub(crate) mod shell_profiles;

pub use evaluate::{evaluate, Facts};

impl Finding {
    fn new(code: FindingCode, severity: Severity, message: impl Into<String>) -> Finding {
        Finding {
            code,
            severity,
            key: None,
            message: message.into(),
            params: BTreeMap::new(),
            fix: None,
        }
    }

    fn key(mut self, key: &str) -> Finding {
        self.key = Some(key.to_string());
        self.params.insert("key".into(), key.to_string());
        self
    }

    fn param(mut self, name: &str, value: impl Into<String>) -> Finding {
        self.params.insert(name.to_string(), value.into());
        self
    }

    fn fix(mut self, fix: Option<Fix>) -> Finding {
        self.fix = fix;
        self
    }
}
