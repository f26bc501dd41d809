//! Minisign key files: the public key (the team key, shown by its key id) and the secret key,
//! encrypted with a password through scrypt as minisign does, or left plain (`-W`, CI signing).
//!
//! Layouts (minisign's `src/minisign.h`): a public key is `Ed` + key id (8 bytes) + Ed25519 key
//! (32); a secret key is `Ed`, the KDF (`Sc` or two zero bytes), `B2`, salt (32), opslimit (8),
//! memlimit (8), then the key id, the Ed25519 secret key and a BLAKE2b checksum (8, 64, 32),
//! those last three XORed with the scrypt stream when encrypted. Each file is a comment line
//! (`untrusted comment: ...`) and the base64 of those bytes.

use super::codes::SignatureCode;
use crate::secrets::Secret;
use crate::{atomic_file, Error, Result};
use base64::Engine as _;
use minisign::{PublicKey, SecretKey, SecretKeyBox};
use std::path::Path;

/// Key files are a few hundred bytes; anything much larger is not one.
const KEY_FILE_CAP: u64 = 64 * 1024;
const PUBLIC_KEY_BYTES: usize = 2 + 8 + 32;
const SECRET_KEY_BYTES: usize = 2 + 2 + 2 + 32 + 8 + 8 + 8 + 64 + 32;
/// minisign's `PASSWORD_MAXBYTES`.
const PASSWORD_MAX_BYTES: usize = 1024;
const UNTRUSTED_PREFIX: &str = "untrusted comment: ";

/// The key id (`minisign public key: 5B2C7F0A1E3D4C6B`): the 8 id bytes read as a little-endian
/// number, in upper-case hex. minisign drops leading zeros (`%PRIX64`); we keep all 16 digits so
/// ids line up.
pub fn key_id(id: &[u8]) -> String {
    let mut le = [0u8; 8];
    for (slot, byte) in le.iter_mut().zip(id) {
        *slot = *byte;
    }
    format!("{:016X}", u64::from_le_bytes(le))
}

/// A team's public key: verifies bundles signed with the matching secret key.
#[derive(Clone)]
pub struct TeamKey {
    pub(super) key: PublicKey,
    key_id: String,
}

impl std::fmt::Debug for TeamKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "TeamKey({})", self.key_id)
    }
}

impl TeamKey {
    /// Reads a public key file (what `minisign -G` or `bundle keygen` writes).
    pub fn from_file(path: &Path) -> Result<TeamKey> {
        let text = read_key_file(path, "pubkey", SignatureCode::PublicKeyInvalid)?;
        TeamKey::parse(&text, "pubkey")
    }

    /// A public key file's text, or the bare base64 line (`RW...`, what `minisign -P` takes).
    pub fn parse(text: &str, field: &str) -> Result<TeamKey> {
        let invalid = |rule: &str| SignatureCode::PublicKeyInvalid.error(field, rule);
        let line = key_line(text).ok_or_else(|| {
            invalid("expected a comment line and a base64 line, or the base64 line alone")
        })?;
        let bytes = decode_base64(line)
            .filter(|b| b.len() == PUBLIC_KEY_BYTES)
            .ok_or_else(|| {
                invalid("the key line is not the base64 of a 42-byte minisign public key")
            })?;
        if bytes[..2] != *b"Ed" {
            return Err(invalid("the key is not an Ed25519 minisign key"));
        }
        let key = PublicKey::from_bytes(&bytes).map_err(|e| invalid(&e.to_string()))?;
        let key_id = key_id(key.keynum());
        Ok(TeamKey { key, key_id })
    }

    /// The short fingerprint to show and compare (16 hex digits).
    pub fn key_id(&self) -> &str {
        &self.key_id
    }

    /// The base64 line of the public key file (`RW...`).
    pub fn to_base64(&self) -> String {
        self.key.to_base64()
    }

    /// The public key file's text, as the minisign tool writes it.
    pub fn to_file_text(&self) -> String {
        format!(
            "{UNTRUSTED_PREFIX}minisign public key {}\n{}\n",
            self.key_id,
            self.to_base64()
        )
    }
}

/// A decrypted secret key, ready to sign. Deliberately neither `Debug` nor `Clone`: the key
/// material must not end up in a log or linger in copies.
pub struct SigningKey {
    pub(super) secret: SecretKey,
    pub(super) public: PublicKey,
    key_id: String,
}

impl SigningKey {
    pub fn key_id(&self) -> &str {
        &self.key_id
    }

    /// The matching team key (what verifies this key's signatures).
    pub fn team_key(&self) -> TeamKey {
        TeamKey {
            key: self.public.clone(),
            key_id: self.key_id.clone(),
        }
    }

    /// Reads a secret key file; `password` is asked only when the key is encrypted.
    pub fn from_file(path: &Path, password: impl FnOnce() -> Result<Secret>) -> Result<SigningKey> {
        let text = read_key_file(path, "key", SignatureCode::SecretKeyInvalid)?;
        SigningKey::parse(&text, password)
    }

    /// A secret key file's text; `password` is asked only when the key is encrypted.
    pub fn parse(text: &str, password: impl FnOnce() -> Result<Secret>) -> Result<SigningKey> {
        let invalid = |rule: &str| SignatureCode::SecretKeyInvalid.error("key", rule);
        let mut lines = text.lines();
        let comment = lines.next().unwrap_or_default();
        let line = lines.next().map(str::trim).unwrap_or_default();
        if !comment.starts_with(UNTRUSTED_PREFIX) || line.is_empty() {
            return Err(invalid(
                "expected minisign's two lines: `untrusted comment: ...` and the base64 key",
            ));
        }
        let bytes = decode_base64(line)
            .filter(|b| b.len() == SECRET_KEY_BYTES)
            .ok_or_else(|| invalid("the key line is not the base64 of a minisign secret key"))?;
        if bytes[..2] != *b"Ed" || bytes[4..6] != *b"B2" {
            return Err(invalid(
                "the key is not an Ed25519 minisign key with a BLAKE2b checksum",
            ));
        }
        let key_box = SecretKeyBox::from_string(text).map_err(|e| invalid(&e.to_string()))?;
        let secret = match &bytes[2..4] {
            [0, 0] => SecretKey::from_unencrypted_box(key_box)
                .map_err(|_| invalid("the key's checksum does not match (a damaged file)"))?,
            b"Sc" => {
                let password = password()?;
                check_password(&password)?;
                SecretKey::from_box(key_box, Some(password.expose().to_string())).map_err(|e| {
                    match e.kind() {
                        minisign::ErrorKind::Verify => SignatureCode::WrongPassword
                            .error("password", "the password does not decrypt this secret key"),
                        _ => invalid(&e.to_string()),
                    }
                })?
            }
            _ => {
                return Err(invalid(
                    "the key is encrypted with an unknown method (not scrypt)",
                ))
            }
        };
        let public = PublicKey::from_secret_key(&secret).map_err(|e| invalid(&e.to_string()))?;
        let key_id = key_id(secret.keynum());
        Ok(SigningKey {
            secret,
            public,
            key_id,
        })
    }
}

/// A new key pair: the team key and the secret key file's text. `password` encrypts the secret
/// key (scrypt, as minisign does); `None` leaves it unencrypted, like `minisign -G -W`.
pub fn generate(password: Option<&Secret>) -> Result<(TeamKey, String)> {
    let failed = |e: minisign::PError| {
        Error::new(
            crate::ErrorCode::External,
            format!("cannot generate a key pair: {e}"),
        )
    };
    let pair = match password {
        Some(password) => {
            check_password(password)?;
            minisign::KeyPair::generate_encrypted_keypair(Some(password.expose().to_string()))
        }
        None => minisign::KeyPair::generate_unencrypted_keypair(),
    }
    .map_err(failed)?;
    let comment = if password.is_some() {
        "minisign encrypted secret key"
    } else {
        "minisign secret key (not encrypted)"
    };
    let file_text = pair
        .sk
        .to_box(Some(comment))
        .map(SecretKeyBox::into_string)
        .map_err(failed)?;
    let key_id = key_id(pair.pk.keynum());
    Ok((
        TeamKey {
            key: pair.pk,
            key_id,
        },
        file_text,
    ))
}

/// minisign's limits on a password: 1 to 1024 bytes, one line.
pub fn check_password(password: &Secret) -> Result<()> {
    let p = password.expose();
    if p.is_empty() {
        return Err(Error::invalid(
            "password",
            "the password is empty; type one, or use --no-password for a key without one",
        ));
    }
    if p.len() > PASSWORD_MAX_BYTES {
        return Err(Error::invalid(
            "password",
            format!("the password is longer than {PASSWORD_MAX_BYTES} bytes"),
        ));
    }
    if p.contains(['\n', '\r', '\0']) {
        return Err(Error::invalid(
            "password",
            "the password must be one line without NUL characters",
        ));
    }
    Ok(())
}

fn read_key_file(path: &Path, field: &str, code: SignatureCode) -> Result<String> {
    let shown = path.display().to_string();
    let bytes = atomic_file::read_capped(path, KEY_FILE_CAP)
        .map_err(|e| code.error(field, e.message))?
        .ok_or_else(|| code.error(field, format!("{shown} does not exist")))?;
    String::from_utf8(bytes).map_err(|_| code.error(field, format!("{shown} is not text")))
}

/// The base64 line of a key: the second line of a file, or the only line.
fn key_line(text: &str) -> Option<&str> {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    match lines.as_slice() {
        [only] => Some(only),
        [comment, key, ..] if comment.starts_with(UNTRUSTED_PREFIX) => Some(key),
        _ => None,
    }
}

pub(super) fn decode_base64(line: &str) -> Option<Vec<u8>> {
    base64::engine::general_purpose::STANDARD
        .decode(line.trim())
        .ok()
}
