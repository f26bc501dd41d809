//! The one error type that crosses every boundary (CLI output, IPC to the UI).
//!
//! The UI switches on `code`, never on `message`; `field` names the input that was wrong.

use serde::Serialize;
use ts_rs::TS;

/// Stable machine-readable error codes. Add a variant only when a consumer needs to tell it apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ErrorCode {
    /// The input does not follow a rule (bad KEY=VALUE shape, bad URL, newline in a value...).
    InvalidInput,
    /// Go refuses to write this key (`go: K cannot be modified`, GOENV/GODEBUG).
    ReadOnlyKey,
    /// The key is not a go command variable for this Go version.
    UnknownKey,
    /// An empty value would hide Go's default; unset the key instead.
    EmptyValueHidesDefault,
    /// The GOENV file location cannot be determined or is disabled (GOENV=off).
    GoenvUnavailable,
    /// Something other than a regular file sits where a file should be.
    NotAFile,
    /// A file changed since the change was recorded, so undo would lose someone's edit.
    Conflict,
    /// There is nothing (left) to undo, or the history entry does not exist.
    NothingToUndo,
    /// Reading or writing a file failed.
    Io,
    /// Running an external program (`go`) failed.
    External,
    /// Stored data (history journal) is damaged.
    Corrupt,
    /// The keychain is locked, or access to it was refused (an unlock prompt was dismissed).
    KeychainLocked,
    /// No keychain service is available (on Linux: no Secret Service on the session bus).
    KeychainUnavailable,
    /// The keychain did not answer within the time limit (often: waiting for an unlock prompt).
    KeychainTimeout,
    /// A team bundle was refused (unsafe or malformed); `rule` holds the bundle refusal code.
    BundleRefused,
    /// A team bundle has risky items not accepted yet; `rule` holds the first such rule's code.
    BundleNeedsAcceptance,
}

/// The error shape every caller sees: `{ code, message, field? }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[error("{message}")]
#[ts(export)]
pub struct Error {
    pub code: ErrorCode,
    /// A sentence a user can act on. Never contains a secret.
    pub message: String,
    /// The input that was rejected (a key, a file path, an argument), if any.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// The stable code of the rule that was broken, when the domain has one (team bundles).
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Error {
            code,
            message: message.into(),
            field: None,
            rule: None,
        }
    }

    pub fn with_field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    pub fn with_rule(mut self, rule: impl Into<String>) -> Self {
        self.rule = Some(rule.into());
        self
    }

    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        Error::new(ErrorCode::InvalidInput, message).with_field(field)
    }

    /// An I/O failure on `path`, phrased for a user.
    pub fn io(action: &str, path: &std::path::Path, err: &std::io::Error) -> Self {
        Error::new(
            ErrorCode::Io,
            format!("cannot {action} {}: {err}", path.display()),
        )
        .with_field(path.display().to_string())
    }
}
