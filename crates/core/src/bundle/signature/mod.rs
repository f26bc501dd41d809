//! Team signatures of bundles in minisign's format (<https://jedisct1.github.io/minisign/>), so
//! a team can sign with the `minisign` tool or with `bundle sign`, and check with either.
//!
//! - [`keygen`] writes a key pair: the secret key encrypted with a password (scrypt, as minisign
//!   does) or, for CI, not encrypted (`minisign -G -W`); the public key is the team key, shown by
//!   its key id (a short fingerprint, 16 hex digits).
//! - [`sign_file`] writes `FILE.minisig`: a prehashed Ed25519 signature (`ED`, BLAKE2b-512 of
//!   the file, what current minisign makes) and a signed trusted comment.
//! - [`verify`] checks bytes against a `.minisig` and the team key; a changed byte, another key
//!   or a garbled signature file is refused with a stable [`SignatureCode`].
//!
//! The cryptography is the `minisign` crate's (by minisign's author); this module reads every
//! untrusted file strictly first and keeps secrets out of errors and `Debug`.

mod codes;
mod keys;
mod minisig;
#[cfg(test)]
mod tests;

pub use codes::SignatureCode;
pub use keys::{check_password, key_id, SigningKey, TeamKey};
pub use minisig::SIGNATURE_FILE_CAP;

use crate::secrets::Secret;
use crate::{atomic_file, Error, ErrorCode, Result};
use serde::Serialize;
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};
use ts_rs::TS;

/// What minisign puts on a signature's first line.
const SIGNATURE_UNTRUSTED_COMMENT: &str = "signature from minisign secret key";

/// A signature that verified: the key that made it and the comment it vouches for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SignatureCheck {
    /// The team key's id (16 hex digits), which made the signature.
    pub key_id: String,
    /// The signed comment (minisign's `timestamp:... file:... hashed`), as the signer wrote it.
    pub trusted_comment: String,
    /// Where the signature came from: `FILE.minisig` or `URL.minisig`.
    pub signature_from: String,
}

/// A team key the user pasted into the app, checked: what the Team page shows and keeps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct TeamKeyInfo {
    /// The short fingerprint (16 hex digits), as `minisign` prints it.
    pub key_id: String,
    /// The key's base64 line (`RW...`): what the app keeps and sends back with each bundle.
    pub public_key: String,
}

impl TeamKeyInfo {
    /// Checks a public key file's text or its bare base64 line (`public_key_invalid` otherwise).
    pub fn check(text: &str) -> Result<TeamKeyInfo> {
        let key = TeamKey::parse(text, "pubkey")?;
        Ok(TeamKeyInfo {
            key_id: key.key_id().to_string(),
            public_key: key.to_base64(),
        })
    }
}

/// A new key pair on disk.
#[derive(Debug, Clone, Serialize)]
pub struct GeneratedKeys {
    pub key_id: String,
    /// The public key's base64 line (`RW...`), what `minisign -P` takes.
    pub public_key: String,
    pub public_key_file: String,
    pub secret_key_file: String,
    /// Whether the secret key is encrypted with a password.
    pub encrypted: bool,
}

/// A signature written next to the file.
#[derive(Debug, Clone, Serialize)]
pub struct Signed {
    pub key_id: String,
    pub signature_file: String,
    pub trusted_comment: String,
}

/// Where the signature of `file` lives: `FILE.minisig`, as minisign names it.
pub fn signature_path(file: &Path) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(".minisig");
    PathBuf::from(name)
}

/// Generates a key pair and writes the secret key (mode 0600) and the public key. Neither file
/// may exist yet: overwriting a team's secret key would lose it for good.
pub fn keygen(
    secret_file: &Path,
    public_file: &Path,
    password: Option<&Secret>,
) -> Result<GeneratedKeys> {
    for (path, field) in [(secret_file, "key"), (public_file, "pubkey")] {
        if std::fs::symlink_metadata(path).is_ok() {
            return Err(Error::invalid(
                field,
                format!(
                    "{} already exists; keygen never overwrites a key (move it away or choose another path)",
                    path.display()
                ),
            ));
        }
    }
    if secret_file == public_file {
        return Err(Error::invalid(
            "pubkey",
            "the public key needs a path of its own",
        ));
    }
    let (team_key, secret_text) = keys::generate(password)?;
    atomic_file::write_atomic_with_mode(secret_file, secret_text.as_bytes(), 0o600)?;
    atomic_file::write_atomic(public_file, team_key.to_file_text().as_bytes())?;
    Ok(GeneratedKeys {
        key_id: team_key.key_id().to_string(),
        public_key: team_key.to_base64(),
        public_key_file: public_file.display().to_string(),
        secret_key_file: secret_file.display().to_string(),
        encrypted: password.is_some(),
    })
}

/// The `.minisig` text for `data`, with minisign's trusted comment for a file named `file_name`.
pub fn sign(data: &[u8], key: &SigningKey, file_name: &str) -> Result<String> {
    let timestamp = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    // One line: a name with control characters must not break the format.
    let file_name: String = file_name
        .chars()
        .map(|c| if c.is_control() { '?' } else { c })
        .collect();
    let trusted_comment = format!("timestamp:{timestamp}\tfile:{file_name}\thashed");
    let signature = minisign::sign(
        Some(&key.public),
        &key.secret,
        Cursor::new(data),
        Some(&trusted_comment),
        Some(SIGNATURE_UNTRUSTED_COMMENT),
    )
    .map_err(|e| Error::new(ErrorCode::External, format!("cannot sign: {e}")))?;
    Ok(signature.into_string())
}

/// Signs `file` and writes `FILE.minisig` (replacing an older signature).
pub fn sign_file(file: &Path, key: &SigningKey) -> Result<Signed> {
    let data = atomic_file::read_optional(file)?
        .ok_or_else(|| Error::invalid("file", format!("{} does not exist", file.display())))?;
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let text = sign(&data, key, &name)?;
    let signature_file = signature_path(file);
    atomic_file::write_atomic(&signature_file, text.as_bytes())?;
    let trusted_comment = text.lines().nth(2).unwrap_or_default();
    Ok(Signed {
        key_id: key.key_id().to_string(),
        signature_file: signature_file.display().to_string(),
        trusted_comment: trusted_comment
            .strip_prefix("trusted comment: ")
            .unwrap_or(trusted_comment)
            .to_string(),
    })
}

/// Checks `data` against the `.minisig` bytes `signature` and the team key. `signature_from`
/// names where the signature came from (for the result and messages).
pub fn verify(
    data: &[u8],
    signature: &[u8],
    key: &TeamKey,
    signature_from: &str,
) -> Result<SignatureCheck> {
    let parsed = minisig::parse(signature)?;
    if parsed.key_id != key.key_id() {
        return Err(SignatureCode::SignatureWrongKey.error(
            "signature",
            format!(
                "{signature_from} was made with key {}, not with the team key {}",
                parsed.key_id,
                key.key_id()
            ),
        ));
    }
    minisign::verify(&key.key, &parsed.signature, Cursor::new(data), true, false, false).map_err(
        |_| {
            SignatureCode::SignatureInvalid.error(
                "signature",
                format!(
                    "{signature_from} does not match the bundle: the bundle or its signed comment changed after signing"
                ),
            )
        },
    )?;
    Ok(SignatureCheck {
        key_id: parsed.key_id,
        trusted_comment: parsed.trusted_comment,
        signature_from: signature_from.to_string(),
    })
}

/// Verifies `file` against `FILE.minisig`; a missing signature file is `signature_missing`.
pub fn verify_file(file: &Path, key: &TeamKey) -> Result<SignatureCheck> {
    let data = atomic_file::read_optional(file)?
        .ok_or_else(|| Error::invalid("file", format!("{} does not exist", file.display())))?;
    verify_beside(&data, file, key)
}

/// Verifies `data`, read from `file`, against `FILE.minisig` (the bytes the caller goes on to
/// use, so the file cannot change between the check and the use).
pub fn verify_beside(data: &[u8], file: &Path, key: &TeamKey) -> Result<SignatureCheck> {
    let signature_file = signature_path(file);
    let shown = signature_file.display().to_string();
    let signature = atomic_file::read_capped(&signature_file, SIGNATURE_FILE_CAP as u64)
        .map_err(|e| SignatureCode::SignatureMalformed.error("signature", e.message))?
        .ok_or_else(|| {
            SignatureCode::SignatureMissing.error(
                "signature",
                format!(
                    "{shown} does not exist; a team key was given, so the bundle must be signed"
                ),
            )
        })?;
    verify(data, &signature, key, &shown)
}
