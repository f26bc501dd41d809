//! The stable codes of a refused signature check (documented in `docs/bundle.md`, "Signing").
//! The UI and scripts switch on these, never on the message.

use crate::{Error, ErrorCode};
use serde::Serialize;
use ts_rs::TS;

/// Why a signature check refused a bundle. Nothing of the bundle is written in any case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum SignatureCode {
    /// A team key was given but there is no `FILE.minisig` (or `URL.minisig`).
    SignatureMissing,
    /// The `.minisig` is not in minisign's format.
    SignatureMalformed,
    /// A legacy (not prehashed, `Ed`) signature: current minisign signs prehashed (`ED`).
    SignatureLegacy,
    /// The signature was made with another key than the team key.
    SignatureWrongKey,
    /// The signature does not match the bundle's bytes or its trusted comment (changed after
    /// signing).
    SignatureInvalid,
    /// The public key file is not a minisign public key.
    PublicKeyInvalid,
    /// The secret key file is not a minisign secret key.
    SecretKeyInvalid,
    /// The password does not decrypt the secret key.
    WrongPassword,
}

impl SignatureCode {
    pub fn as_str(self) -> &'static str {
        match self {
            SignatureCode::SignatureMissing => "signature_missing",
            SignatureCode::SignatureMalformed => "signature_malformed",
            SignatureCode::SignatureLegacy => "signature_legacy",
            SignatureCode::SignatureWrongKey => "signature_wrong_key",
            SignatureCode::SignatureInvalid => "signature_invalid",
            SignatureCode::PublicKeyInvalid => "public_key_invalid",
            SignatureCode::SecretKeyInvalid => "secret_key_invalid",
            SignatureCode::WrongPassword => "wrong_password",
        }
    }

    /// The error for this code: `field` names the input (`signature`, `pubkey`, `key`,
    /// `password`), `rule` says what was wrong in one sentence (never a secret).
    pub fn error(self, field: &str, rule: impl Into<String>) -> Error {
        let rule = rule.into();
        let code = match self {
            SignatureCode::PublicKeyInvalid
            | SignatureCode::SecretKeyInvalid
            | SignatureCode::WrongPassword => ErrorCode::InvalidInput,
            _ => ErrorCode::BundleRefused,
        };
        Error::new(
            code,
            format!("{} ({}): {rule}", self.headline(), self.as_str()),
        )
        .with_field(field)
        .with_rule(self.as_str())
    }

    fn headline(self) -> &'static str {
        match self {
            SignatureCode::PublicKeyInvalid => "not a minisign public key",
            SignatureCode::SecretKeyInvalid => "not a minisign secret key",
            SignatureCode::WrongPassword => "wrong password",
            _ => "signature refused",
        }
    }
}
