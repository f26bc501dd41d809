//! One pass over a message finds every phrase the shapes look for (Aho-Corasick), so a log of
//! build noise costs one scan per line instead of one substring search per phrase per line.

use aho_corasick::AhoCorasick;
use std::collections::HashMap;
use std::sync::OnceLock;

/// Every phrase `shapes`, `classify` and `extract` test for. A message with none of them is no go
/// error the Doctor knows. (Tests fail on a phrase missing here.)
/// At most 128 (one bit each in [`Scan`]).
const PHRASES: &[&str] = &[
    "go.sum database server misbehavior",
    "security error: misbehaving server",
    "checksum mismatch",
    "SECURITY ERROR",
    "reported by the checksum server",
    "verifying module: checksum mismatch",
    "verifying go.mod: checksum mismatch",
    "recorded in go.sum",
    "GOPROXY list is not the empty string, but contains no entries",
    "invalid proxy URL missing scheme",
    "invalid proxy URL scheme",
    "invalid file:// proxy URL",
    "lookup disabled by GOPROXY=off",
    "disabled by GOPRIVATE/GONOPROXY",
    "lookup disabled by -mod=",
    "invalid GOSUMDB",
    "missing GOSUMDB",
    "checksum database disabled by GOSUMDB=off",
    "invalid sumdb name",
    "GOAUTH encountered an empty command",
    "cannot be combined with other authentication commands",
    "GOAUTH=git dir method requires",
    "GOAUTH=git encountered an error",
    "invalid GOTOOLCHAIN",
    "requires go >= ",
    ": toolchain not available",
    "GOTOOLCHAIN=path",
    "but maximum version supported by",
    "parsing $GOFLAGS:",
    "-insecure flag is no longer supported",
    "cannot find go env config",
    "GOVCS disallows using",
    "invalid GOVCS",
    "unrecognized import path",
    "no go-import meta tag",
    "terminal prompts disabled",
    "refusing to pass credentials to insecure URL",
    "GOAUTH encountered errors for",
    "cannot parse output of GOAUTH command",
    "The requested URL returned error: 40",
    "Authentication failed for '",
    "fatal: repository '",
    "not found",
    "remote: ",
    "ERROR: Repository not found",
    "invalid response from proxy",
    "proxy returned info for version",
    "downloaded zip file too large",
    "zip: not a valid zip file",
    "invalid character '<' looking for beginning of value",
    "stopped after 10 redirects",
    "proxyconnect tcp:",
    "Proxy Authentication Required",
    "\": Forbidden",
    "certificate signed by unknown authority",
    "certificate is not trusted",
    "x509: certificate is valid for ",
    "doesn't contain any IP SANs",
    "certificate is not valid for any names",
    "certificate relies on legacy Common Name field",
    "certificate has expired or is not yet valid",
    "first record does not look like a TLS handshake",
    "server gave HTTP response to HTTPS client",
    ": no such host",
    "Temporary failure in name resolution",
    ": server misbehaving",
    "connect: connection refused",
    "actively refused it",
    ": connection refused",
    "i/o timeout",
    "TLS handshake timeout",
    "Client.Timeout exceeded",
    "context deadline exceeded",
    "connection timed out",
    "timeout awaiting response headers",
    "connection reset by peer",
    "forcibly closed by the remote host",
    "malformed HTTP response \"\\x15\\x03",
    "invalid version: unknown revision",
    "unknown revision ",
    "reading file://",
    "no such file or directory",
    "no matching versions for query",
    "but does not contain package",
    "cannot find module providing package",
    "no required module provides package",
    "malformed module path \"",
    "malformed import path \"",
    "malformed file path \"",
    "verifying go.mod: ",
    "verifying module: ",
    "/lookup/",
    "reading ",
    "returned error: ",
];

struct Matcher {
    automaton: Option<AhoCorasick>,
    index: HashMap<&'static str, usize>,
}

fn matcher() -> &'static Matcher {
    static MATCHER: OnceLock<Matcher> = OnceLock::new();
    MATCHER.get_or_init(|| Matcher {
        automaton: AhoCorasick::new(PHRASES).ok(),
        index: PHRASES.iter().enumerate().map(|(i, p)| (*p, i)).collect(),
    })
}

/// A message's text and which of [`PHRASES`] it contains.
pub(super) struct Scan<'a> {
    pub text: &'a str,
    /// Bit i set: `PHRASES[i]` occurs.
    hits: u128,
}

impl<'a> Scan<'a> {
    pub fn new(text: &'a str) -> Scan<'a> {
        let m = matcher();
        let mut hits = 0u128;
        match &m.automaton {
            Some(ac) => {
                for found in ac.find_overlapping_iter(text) {
                    hits |= 1 << found.pattern().as_usize();
                }
            }
            None => {
                for (i, p) in PHRASES.iter().enumerate() {
                    if text.contains(p) {
                        hits |= 1 << i;
                    }
                }
            }
        }
        Scan { text, hits }
    }

    /// Whether the text holds any known phrase.
    pub fn any_phrase(&self) -> bool {
        self.hits != 0
    }

    pub fn contains(&self, phrase: &str) -> bool {
        match matcher().index.get(phrase) {
            Some(&i) => self.hits & (1 << i) != 0,
            None => {
                debug_assert!(false, "phrase missing from PHRASES: {phrase:?}");
                self.text.contains(phrase)
            }
        }
    }

    pub fn any(&self, phrases: &[&str]) -> bool {
        phrases.iter().any(|p| self.contains(p))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_phrase_has_a_bit() {
        assert!(PHRASES.len() <= 128);
        let scan = Scan::new("go: x: connect: connection refused");
        assert!(scan.any_phrase());
        assert!(
            scan.contains("connect: connection refused") && scan.contains(": connection refused")
        );
        assert!(!scan.contains("i/o timeout"));
        assert!(!Scan::new("go: downloading x v1.0.0").any_phrase());
    }
}
