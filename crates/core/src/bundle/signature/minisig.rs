//! The `.minisig` file, read strictly before any cryptography: it comes from wherever the bundle
//! came from (a URL), so a short or garbled line must be a refusal, never a panic in the
//! verifier. Four lines (minisign's `src/minisign.c`, `sig_load`):
//!
//! ```text
//! untrusted comment: <anything>
//! base64( "ED" | key id (8) | Ed25519 signature of BLAKE2b-512(file) (64) )
//! trusted comment: <text>
//! base64( Ed25519 signature of (the 64 signature bytes | trusted comment text) )
//! ```

use super::codes::SignatureCode;
use super::keys::{decode_base64, key_id};
use crate::Result;
use minisign::SignatureBox;

/// A `.minisig` is a few hundred bytes; a long trusted comment still fits in this.
pub const SIGNATURE_FILE_CAP: usize = 64 * 1024;
const SIGNATURE_BYTES: usize = 2 + 8 + 64;
const GLOBAL_SIGNATURE_BYTES: usize = 64;

/// A signature file that has the right shape (not yet checked against a key or the data).
pub(super) struct ParsedSignature {
    pub signature: SignatureBox,
    pub key_id: String,
    pub trusted_comment: String,
}

pub(super) fn parse(bytes: &[u8]) -> Result<ParsedSignature> {
    let malformed =
        |rule: &str| SignatureCode::SignatureMalformed.error("signature", rule.to_string());
    if bytes.len() > SIGNATURE_FILE_CAP {
        return Err(malformed(&format!(
            "the signature file is larger than {SIGNATURE_FILE_CAP} bytes"
        )));
    }
    let text = std::str::from_utf8(bytes).map_err(|_| malformed("it is not UTF-8 text"))?;
    let lines: Vec<&str> = text.lines().collect();
    let [untrusted, signature, trusted, global, rest @ ..] = lines.as_slice() else {
        return Err(malformed("minisign's format has four lines"));
    };
    if rest.iter().any(|l| !l.trim().is_empty()) {
        return Err(malformed("minisign's format has four lines; more follow"));
    }
    if !untrusted.starts_with("untrusted comment: ") {
        return Err(malformed("line 1 must start with `untrusted comment: `"));
    }
    let signature_bytes = decode_base64(signature)
        .filter(|b| b.len() == SIGNATURE_BYTES)
        .ok_or_else(|| malformed("line 2 is not the base64 of a 74-byte signature"))?;
    match &signature_bytes[..2] {
        b"ED" => {}
        b"Ed" => {
            return Err(SignatureCode::SignatureLegacy.error(
                "signature",
                "a legacy signature of the whole file (`Ed`); sign again with current minisign or `bundle sign` (prehashed, `ED`)",
            ))
        }
        _ => return Err(malformed("line 2 names an unknown signature algorithm")),
    }
    let Some(trusted_comment) = trusted.strip_prefix("trusted comment: ") else {
        return Err(malformed("line 3 must start with `trusted comment: `"));
    };
    if decode_base64(global).is_none_or(|b| b.len() != GLOBAL_SIGNATURE_BYTES) {
        return Err(malformed(
            "line 4 is not the base64 of a 64-byte signature of the trusted comment",
        ));
    }
    let signature = SignatureBox::from_string(text).map_err(|e| malformed(&e.to_string()))?;
    Ok(ParsedSignature {
        key_id: key_id(&signature_bytes[2..10]),
        signature,
        trusted_comment: trusted_comment.trim().to_string(),
    })
}
