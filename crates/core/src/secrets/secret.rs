//! A secret value that cannot leak by accident: `Debug` prints `***`, there is no `Display`
//! and no `Serialize`, and the only way to the value is the explicit [`Secret::expose`].

/// A token or password held in memory.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Secret {
        Secret(value.into())
    }

    /// The value, for the few places that must hand it on (keychain, GOAUTH, git, .netrc).
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Reads a token from a reader (stdin): the first line, without its line ending. Refuses an
    /// empty token and one with inner whitespace or control characters.
    pub fn read_token(mut reader: impl std::io::Read) -> crate::Result<Secret> {
        use std::io::Read as _;
        let mut buf = Vec::new();
        reader
            .by_ref()
            .take(64 * 1024)
            .read_to_end(&mut buf)
            .map_err(|e| {
                crate::Error::new(crate::ErrorCode::Io, format!("cannot read the token: {e}"))
            })?;
        let text = String::from_utf8(buf)
            .map_err(|_| crate::Error::invalid("token", "the token is not UTF-8 text"))?;
        let mut lines = text.split('\n');
        let first = lines.next().unwrap_or_default();
        let first = first.strip_suffix('\r').unwrap_or(first);
        if lines.any(|l| !l.trim().is_empty()) {
            return Err(crate::Error::invalid(
                "token",
                "the input has more than one line; a token is a single line",
            ));
        }
        let token = Secret::new(first);
        validate_token(&token)?;
        Ok(token)
    }
}

/// A token must be non-empty, at most 4 KiB, without whitespace or control characters (it goes
/// into HTTP headers and possibly a .netrc).
pub fn validate_token(token: &Secret) -> crate::Result<()> {
    let t = token.expose();
    if t.is_empty() {
        return Err(crate::Error::invalid("token", "the token is empty"));
    }
    if t.len() > 4096 {
        return Err(crate::Error::invalid(
            "token",
            "the token is longer than 4096 bytes",
        ));
    }
    if t.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(crate::Error::invalid(
            "token",
            "the token contains whitespace or a control character (a newline?); paste only the token",
        ));
    }
    Ok(())
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(***)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_and_reading_checks() {
        let s = Secret::new("ghp_abc");
        assert_eq!(format!("{s:?}"), "Secret(***)");
        assert_eq!(
            Secret::read_token(&b"tok\n"[..]).expect("ok").expose(),
            "tok"
        );
        assert_eq!(
            Secret::read_token(&b"tok\r\n"[..]).expect("ok").expose(),
            "tok"
        );
        for bad in [&b""[..], b"\n", b"a b\n", b"a\nb\n", b"a\tb"] {
            let err = Secret::read_token(bad).expect_err("bad");
            assert_eq!(err.field.as_deref(), Some("token"));
        }
    }
}
