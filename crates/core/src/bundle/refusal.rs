//! Why a bundle is refused: a stable code, the field (`go_env.GOAUTH`, `mirrors[1].url`) and the
//! rule in one sentence. Nothing of a refused bundle is ever written.

use crate::{Error, ErrorCode};
use serde::Serialize;
use ts_rs::TS;

/// Stable refusal codes (documented one by one in `docs/bundle.md`). None can be accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum RefusalCode {
    /// Over 256 KiB (262,144 bytes).
    TooLarge,
    /// Not UTF-8 text.
    NotUtf8,
    /// Not TOML, or a value of the wrong type.
    Syntax,
    /// The same key twice in one table.
    DuplicateKey,
    /// A field this format does not have.
    UnknownField,
    /// A required field (`format`, `name`, a mirror's `url`...) is missing.
    MissingField,
    /// `format` is not `goproxy-assistant-bundle/1`.
    UnsupportedFormat,
    /// A `token`, `password` or `secret` field anywhere.
    SecretField,
    /// A control character or bidi override (a newline only in `description` and `ca_pem`).
    ControlCharacter,
    /// `name` is empty, longer than 80 characters or not printable.
    InvalidName,
    /// A `go_env` key outside the allowed list.
    KeyNotAllowed,
    /// A value Go itself would refuse (the go env store's rules).
    InvalidValue,
    /// `git DIR` in GOAUTH (a local path).
    GoauthGitDir,
    /// `file://` in GOPROXY (a local path).
    GoproxyFileUrl,
    /// A user name or password inside a URL.
    UrlCredentials,
    /// `ca_pem` is not a PEM certificate.
    InvalidCa,
    /// Two mirrors with the same name.
    DuplicateMirror,
    /// Two hosts with the same host.
    DuplicateHost,
    /// A mirror, host or other field that breaks its own rule (URL, host name, module path...).
    InvalidField,
}

impl RefusalCode {
    pub fn as_str(self) -> &'static str {
        match self {
            RefusalCode::TooLarge => "too_large",
            RefusalCode::NotUtf8 => "not_utf8",
            RefusalCode::Syntax => "syntax",
            RefusalCode::DuplicateKey => "duplicate_key",
            RefusalCode::UnknownField => "unknown_field",
            RefusalCode::MissingField => "missing_field",
            RefusalCode::UnsupportedFormat => "unsupported_format",
            RefusalCode::SecretField => "secret_field",
            RefusalCode::ControlCharacter => "control_character",
            RefusalCode::InvalidName => "invalid_name",
            RefusalCode::KeyNotAllowed => "key_not_allowed",
            RefusalCode::InvalidValue => "invalid_value",
            RefusalCode::GoauthGitDir => "goauth_git_dir",
            RefusalCode::GoproxyFileUrl => "goproxy_file_url",
            RefusalCode::UrlCredentials => "url_credentials",
            RefusalCode::InvalidCa => "invalid_ca",
            RefusalCode::DuplicateMirror => "duplicate_mirror",
            RefusalCode::DuplicateHost => "duplicate_host",
            RefusalCode::InvalidField => "invalid_field",
        }
    }
}

/// A refused bundle: code, field and rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Refusal {
    pub code: RefusalCode,
    /// The field, as a path into the file (`go_env.GOFLAGS`, `hosts[0].token`); `""` for the file.
    pub field: String,
    /// The rule, in one English sentence. Never contains a secret.
    pub rule: String,
}

impl Refusal {
    pub fn new(code: RefusalCode, field: impl Into<String>, rule: impl Into<String>) -> Refusal {
        Refusal {
            code,
            field: field.into(),
            rule: rule.into(),
        }
    }
}

impl From<Refusal> for Error {
    fn from(r: Refusal) -> Error {
        let field = if r.field.is_empty() {
            "bundle".to_string()
        } else {
            r.field.clone()
        };
        Error::new(
            ErrorCode::BundleRefused,
            format!(
                "bundle refused ({}): {}: {}",
                r.code.as_str(),
                field,
                r.rule
            ),
        )
        .with_field(field)
        .with_rule(r.code.as_str())
    }
}
