//! git's URL matching for `[credential "<url>"]` sections, ported from git's `urlmatch.c`
//! (`url_normalize`, `match_urls`) and `credential.c` (`match_partial_url` for keys that are
//! not full URLs, like `credential.example.com.helper`), so the helpers git would run for a URL
//! are known without asking git once per URL.

/// A URL normalised as git's `url_normalize` does, with the offsets of its parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NormalUrl {
    url: Vec<u8>,
    scheme_len: usize,
    /// The user name (empty when the URL has `@` with no name); `None` without `@`.
    user: Option<std::ops::Range<usize>>,
    host: std::ops::Range<usize>,
    port: std::ops::Range<usize>,
    path_off: usize,
}

const SCHEME_CHARS: &[u8] = b"+.-";
const HOST_CHARS: &[u8] = b".-_[:]";
const UNSAFE_CHARS: &[u8] = b" <>\"%{}|\\^`";
const RESERVED: &[u8] = b":/?#[]@!$&'()*+,;=";

fn hex(c: u8) -> Option<u8> {
    (c as char).to_digit(16).map(|d| d as u8)
}

/// git's `append_normalized_escapes` with no extra characters to escape: unescapes what need
/// not be escaped, escapes what must be, keeps escaped delimiters escaped. `false` on a bad `%`.
fn append_normalized_escapes(buf: &mut Vec<u8>, from: &[u8]) -> bool {
    let mut i = 0;
    while i < from.len() {
        let mut ch = from[i];
        i += 1;
        let mut was_esc = false;
        if ch == b'%' {
            let (Some(hi), Some(lo)) = (
                from.get(i).copied().and_then(hex),
                from.get(i + 1).copied().and_then(hex),
            ) else {
                return false;
            };
            ch = hi << 4 | lo;
            i += 2;
            was_esc = true;
        }
        if ch <= 0x1f
            || ch >= 0x7f
            || UNSAFE_CHARS.contains(&ch)
            || (was_esc && RESERVED.contains(&ch))
        {
            buf.extend_from_slice(format!("%{ch:02X}").as_bytes());
        } else {
            buf.push(ch);
        }
    }
    true
}

fn span(s: &[u8], ok: impl Fn(u8) -> bool) -> usize {
    s.iter().position(|&c| !ok(c)).unwrap_or(s.len())
}

fn find_any(s: &[u8], set: &[u8]) -> usize {
    s.iter().position(|c| set.contains(c)).unwrap_or(s.len())
}

impl NormalUrl {
    /// `url_normalize` (`globs`: `*` allowed in the host, as for config keys); `None` when git
    /// finds the URL invalid.
    pub(crate) fn parse(url: &str, globs: bool) -> Option<NormalUrl> {
        let b = url.as_bytes();
        let scheme_len = span(b, |c| {
            c.is_ascii_alphanumeric() || SCHEME_CHARS.contains(&c)
        });
        if scheme_len == 0 || !b[0].is_ascii_alphabetic() || !b[scheme_len..].starts_with(b"://") {
            return None;
        }
        let mut norm: Vec<u8> = b[..scheme_len + 3].to_ascii_lowercase();
        let mut rest = &b[scheme_len + 3..];
        let mut slash = find_any(rest, b"/?#");
        let mut user = None;
        if let Some(at) = rest
            .iter()
            .position(|&c| c == b'@')
            .filter(|&at| at < slash)
        {
            let start = norm.len();
            if !append_normalized_escapes(&mut norm, &rest[..at]) {
                return None;
            }
            let end = norm[start..]
                .iter()
                .position(|&c| c == b':')
                .map_or(norm.len(), |i| start + i);
            user = Some(start..end);
            norm.push(b'@');
            rest = &rest[at + 1..];
            slash -= at + 1;
        }
        let has_host = !(rest.is_empty() || b":/?#".contains(&rest[0]));
        if !has_host && !norm.starts_with(b"file:") {
            return None;
        }
        let host_off = norm.len();
        // The port's colon: the last ':' before the path that is not inside `[...]`.
        let mut colon = slash;
        if slash > 0 {
            let mut i = slash - 1;
            while i > 0 && rest[i] != b':' && rest[i] != b']' {
                i -= 1;
            }
            if rest[i] == b':' {
                colon = i;
                if !has_host && colon + 1 != slash {
                    return None; // a file: URL may not have a port
                }
            }
        }
        let host_ok = span(rest, |c| {
            c.is_ascii_alphanumeric() || HOST_CHARS.contains(&c) || (globs && c == b'*')
        });
        if host_ok < colon {
            return None;
        }
        norm.extend(rest[..colon].iter().map(u8::to_ascii_lowercase));
        let mut port = 0..0;
        if colon < slash {
            let mut p = colon + 1;
            p += span(&rest[p..slash], |c| c == b'0');
            if p == slash && rest[p - 1] == b'0' {
                p -= 1;
            }
            let digits = &rest[p..slash];
            let default = digits.is_empty()
                || (digits == b"80" && norm.starts_with(b"http:"))
                || (digits == b"443" && norm.starts_with(b"https:"));
            if !default {
                if !digits.iter().all(u8::is_ascii_digit) {
                    return None;
                }
                let n: u32 = if digits.len() <= 5 {
                    std::str::from_utf8(digits).ok()?.parse().ok()?
                } else {
                    0
                };
                if n == 0 || n > 65535 {
                    return None;
                }
                norm.push(b':');
                port = norm.len()..norm.len() + digits.len();
                norm.extend_from_slice(digits);
            }
        }
        let host = if has_host {
            host_off
                ..host_off + (norm.len() - host_off - port.len() - usize::from(!port.is_empty()))
        } else {
            0..0
        };
        rest = &rest[slash..];
        let path_off = norm.len();
        norm.push(b'/');
        if rest.first() == Some(&b'/') {
            rest = &rest[1..];
        }
        loop {
            let seg_start = norm.len();
            let next = find_any(rest, b"/?#");
            if !append_normalized_escapes(&mut norm, &rest[..next]) {
                return None;
            }
            let mut skip_slash = false;
            if &norm[seg_start..] == b"." {
                if seg_start == path_off + 1 {
                    norm.truncate(norm.len() - 1);
                    skip_slash = true;
                } else {
                    norm.truncate(norm.len() - 2);
                }
            } else if &norm[seg_start..] == b".." {
                let mut prev = norm.len() - 3;
                if prev == path_off {
                    return None; // no segment to remove
                }
                prev -= 1;
                while norm[prev] != b'/' {
                    prev -= 1;
                }
                if prev == path_off {
                    norm.truncate(prev + 1);
                    skip_slash = true;
                } else {
                    norm.truncate(prev);
                }
            }
            rest = &rest[next..];
            if rest.first() != Some(&b'/') {
                break;
            }
            rest = &rest[1..];
            if !skip_slash {
                norm.push(b'/');
            }
        }
        if !rest.is_empty() && !append_normalized_escapes(&mut norm, rest) {
            return None;
        }
        Some(NormalUrl {
            url: norm,
            scheme_len,
            user,
            host,
            port,
            path_off,
        })
    }

    /// `match_urls`: whether `self` (a config key's URL) matches `url`.
    pub(crate) fn matches(&self, url: &NormalUrl) -> bool {
        let part = |u: &NormalUrl, r: &std::ops::Range<usize>| u.url[r.clone()].to_vec();
        if self.url[..self.scheme_len] != url.url[..url.scheme_len] {
            return false;
        }
        if let Some(mine) = &self.user {
            match &url.user {
                Some(theirs) if part(self, mine) == part(url, theirs) => {}
                _ => return false,
            }
        }
        match_host(&url.url[url.host.clone()], &self.url[self.host.clone()])
            && part(self, &self.port) == part(url, &url.port)
            && path_prefix(&url.url[url.path_off..], &self.url[self.path_off..])
    }
}

/// `match_host`: dot-separated components compared one by one, `*` matching any one.
fn match_host(url: &[u8], pat: &[u8]) -> bool {
    let (mut u, mut p) = (url, pat);
    while !u.is_empty() && !p.is_empty() {
        let un = u.iter().position(|&c| c == b'.').unwrap_or(u.len());
        let pn = p.iter().position(|&c| c == b'.').unwrap_or(p.len());
        if !(p[..pn] == *b"*" || u[..un] == p[..pn]) {
            return false;
        }
        u = &u[(un + 1).min(u.len())..];
        p = &p[(pn + 1).min(p.len())..];
    }
    u.is_empty() && p.is_empty()
}

/// `url_match_prefix`: the prefix matches whole path components.
fn path_prefix(url: &[u8], prefix: &[u8]) -> bool {
    if prefix.is_empty() || prefix == b"/" {
        return url.is_empty() || url[0] == b'/';
    }
    let prefix = prefix.strip_suffix(b"/").unwrap_or(prefix);
    url.starts_with(prefix) && (url.len() == prefix.len() || url[prefix.len()] == b'/')
}

/// The parts of a credential request git compares a partial key against (`struct credential`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct CredentialParts {
    pub protocol: Option<String>,
    pub host: Option<String>,
    pub path: Option<String>,
    pub username: Option<String>,
}

/// `url_decode_mem`: `%XX` decoded, anything else (and a bad escape) kept.
fn url_decode(s: &[u8]) -> String {
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        // git keeps `%00` as it is (`0 < val`).
        let decoded = (s[i] == b'%')
            .then(|| Some(hex(*s.get(i + 1)?)? << 4 | hex(*s.get(i + 2)?)?))
            .flatten()
            .filter(|&c| c > 0);
        match decoded {
            Some(c) => {
                out.push(c);
                i += 3;
            }
            None => {
                out.push(s[i]);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

impl CredentialParts {
    /// `credential_from_url_1`: `partial` allows a URL without scheme (config keys); `None`
    /// when git refuses it (a newline in a part, or no scheme when not partial).
    pub(crate) fn from_url(url: &str, partial: bool) -> Option<CredentialParts> {
        let b = url.as_bytes();
        let proto_end = url.find("://");
        if !partial && proto_end.is_none_or(|p| p == 0) {
            return None;
        }
        let cp = proto_end.map_or(0, |p| p + 3);
        let rest = &b[cp..];
        let at = rest.iter().position(|&c| c == b'@');
        let colon = rest.iter().position(|&c| c == b':');
        let slash = find_any(rest, b"/?#");
        let mut parts = CredentialParts::default();
        let host_start = match at {
            Some(at) if at < slash => {
                let user_end = colon.filter(|&c| c < at).unwrap_or(at);
                parts.username = Some(url_decode(&rest[..user_end]));
                at + 1
            }
            _ => 0,
        };
        if let Some(p) = proto_end.filter(|&p| p > 0) {
            parts.protocol = Some(url[..p].to_string());
        }
        if !partial || slash > host_start {
            parts.host = Some(url_decode(&rest[host_start..slash.max(host_start)]));
        }
        let path = &rest[slash..];
        let path = &path[span(path, |c| c == b'/')..];
        if !path.is_empty() {
            let mut p = url_decode(path);
            while p.len() > 1 && p.ends_with('/') {
                p.pop();
            }
            parts.path = Some(p);
        }
        let fields = [&parts.username, &parts.protocol, &parts.host, &parts.path];
        if fields
            .iter()
            .any(|f| f.as_deref().is_some_and(|v| v.contains('\n')))
        {
            return None;
        }
        Some(parts)
    }

    /// `credential_match`: every part `self` names is the same in `have`.
    pub(crate) fn matches(&self, have: &CredentialParts) -> bool {
        let check = |want: &Option<String>, have: &Option<String>| {
            want.as_ref().is_none_or(|w| have.as_ref() == Some(w))
        };
        check(&self.protocol, &have.protocol)
            && check(&self.host, &have.host)
            && check(&self.path, &have.path)
            && check(&self.username, &have.username)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(url: &str) -> Option<String> {
        NormalUrl::parse(url, false).map(|n| String::from_utf8_lossy(&n.url).into_owned())
    }

    #[test]
    fn normalizes_like_git() {
        // Cases from git's t/t0110-urlmatch-normalization.sh.
        for (input, want) in [
            (
                "HTTPS://Example.COM:443/a/./b/../c",
                Some("https://example.com/a/c"),
            ),
            ("http://example.com:80", Some("http://example.com/")),
            ("http://example.com:0080/x", Some("http://example.com/x")),
            (
                "http://example.com:8080/%7euser",
                Some("http://example.com:8080/~user"),
            ),
            ("http://example.com/%2f", Some("http://example.com/%2F")),
            ("http://u%3a@Example.com/", Some("http://u%3A@example.com/")),
            ("http://example.com/a b", Some("http://example.com/a%20b")),
            ("http://example.com/..", None),
            ("http://example.com:0/", None),
            ("http://example.com:65536/", None),
            ("http://ex ample.com/", None),
            ("http://example.com/%2", None),
            ("example.com/x", None),
            ("http:///x", None),
            ("file:///x", Some("file:///x")),
            ("http://[::1]:8080/", Some("http://[::1]:8080/")),
        ] {
            assert_eq!(norm(input).as_deref(), want, "{input}");
        }
        assert!(NormalUrl::parse("https://*.example.com", true).is_some());
        assert!(NormalUrl::parse("https://*.example.com", false).is_none());
    }

    #[test]
    fn matches_like_git() {
        let url =
            NormalUrl::parse("https://alice@git.example.com:8443/team/lib", false).expect("url");
        let m = |key: &str| NormalUrl::parse(key, true).expect(key).matches(&url);
        assert!(m("https://git.example.com:8443"));
        assert!(m("https://*.example.com:8443/team"));
        assert!(m("https://alice@git.example.com:8443/"));
        assert!(!m("https://bob@git.example.com:8443/"));
        assert!(!m("https://git.example.com"));
        assert!(!m("https://git.example.com:8443/tea"));
        assert!(!m("http://git.example.com:8443"));
        assert!(!m("https://*.git.example.com:8443"));
        let want = CredentialParts::from_url("git.example.com", true).expect("partial");
        let have = CredentialParts::from_url("https://git.example.com/x/y/", false).expect("url");
        assert_eq!(have.path.as_deref(), Some("x/y"));
        assert!(want.matches(&have));
        assert!(!CredentialParts::from_url("other.example.com", true)
            .expect("partial")
            .matches(&have));
    }
}
