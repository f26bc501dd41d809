//! GOPROXY and GOSUMDB, the two settings that name servers: parsed the way the go command parses
//! them (`modfetch/proxy.go` proxyList + `net/url`, `modfetch/sumdb.go` dbDial + `sumdb/note`),
//! with Go's error wording, because `go env -w` stores them unchecked and a bad value only
//! fails later, at the first download.

use base64::Engine;
use serde::Serialize;
use sha2::{Digest, Sha256};
use ts_rs::TS;

/// What a GOPROXY entry does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ProxyKind {
    /// A proxy base URL (`https://`, `http://` or `file://`).
    Url,
    /// Fetch from version control; Go ignores every entry after it.
    Direct,
    /// Downloads are forbidden; Go ignores every entry after it.
    Off,
}

/// When Go moves on to the next entry, decided by the separator written AFTER this entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ProxyFallback {
    /// `,`: only after 404 / 410 (module not found).
    OnNotFound,
    /// `|`: after any error (5xx, 403, refused connection, timeout of the dial...).
    OnAnyError,
    /// Last entry (or `direct`/`off`): no fallback.
    None,
}

/// One GOPROXY entry as Go uses it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ProxyEntry {
    pub kind: ProxyKind,
    /// The URL Go requests (with the implicit `https://` added); `direct`/`off` for those.
    pub url: String,
    /// The entry as written (trimmed).
    pub raw: String,
    pub fallback: ProxyFallback,
}

/// Parses GOPROXY exactly as `proxyList` does: split on `,`/`|`, trim, skip empty entries, stop
/// at `direct`/`off`, add `https://` to scheme-less entries containing `.`, `:` or `/`, check each
/// URL like `newProxyRepo`. Errors are Go's messages (URLs with passwords redacted).
pub fn parse_goproxy(value: &str) -> Result<Vec<ProxyEntry>, String> {
    let mut out = Vec::new();
    let mut rest = value;
    while !rest.is_empty() {
        let (raw, fallback) = match rest.find([',', '|']) {
            Some(i) => {
                let sep = rest.as_bytes()[i];
                let raw = &rest[..i];
                rest = &rest[i + 1..];
                (
                    raw,
                    if sep == b'|' {
                        ProxyFallback::OnAnyError
                    } else {
                        ProxyFallback::OnNotFound
                    },
                )
            }
            None => (std::mem::take(&mut rest), ProxyFallback::None),
        };
        let raw = raw.trim();
        if raw.is_empty() {
            continue;
        }
        if raw == "off" || raw == "direct" {
            let kind = if raw == "off" {
                ProxyKind::Off
            } else {
                ProxyKind::Direct
            };
            out.push(ProxyEntry {
                kind,
                url: raw.into(),
                raw: raw.into(),
                fallback: ProxyFallback::None,
            });
            break;
        }
        let mut url = raw.to_string();
        if raw.contains(['.', ':', '/']) && !raw.contains(":/") && !is_abs_any(raw) {
            url = format!("https://{raw}");
        }
        let parsed = GoUrl::parse(&url)?;
        match parsed.scheme.as_str() {
            "http" | "https" => {}
            "file" if parsed.only_path() => {}
            "file" => {
                return Err(format!(
                    "invalid file:// proxy URL with non-path elements: {}",
                    parsed.redacted()
                ))
            }
            "" => {
                return Err(format!(
                    "invalid proxy URL missing scheme: {}",
                    parsed.redacted()
                ))
            }
            _ => {
                return Err(format!(
                    "invalid proxy URL scheme (must be https, http, file): {}",
                    parsed.redacted()
                ))
            }
        }
        out.push(ProxyEntry {
            kind: ProxyKind::Url,
            url,
            raw: raw.into(),
            fallback,
        });
    }
    if out.is_empty() {
        return Err("GOPROXY list is not the empty string, but contains no entries".into());
    }
    Ok(out)
}

/// Go's rules plus the failures Go only reports at download time: an http(s) proxy without a
/// host, and credentials on `http://` (Go refuses to send them).
pub(crate) fn check_goproxy(value: &str) -> Result<(), String> {
    for entry in parse_goproxy(value)? {
        if entry.kind != ProxyKind::Url {
            continue;
        }
        let url = GoUrl::parse(&entry.url)?;
        if (url.scheme == "http" || url.scheme == "https") && url.host.is_empty() {
            return Err(format!("proxy URL {} has no host name", url.redacted()));
        }
        if url.scheme == "http" && url.user.is_some() {
            return Err(format!(
                "refusing to pass credentials to insecure URL: {}; use https:// or put the credentials in .netrc",
                url.redacted()
            ));
        }
    }
    Ok(())
}

/// The parts of a URL that safety rules look at, parsed as Go's `url.Parse` parses it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlParts {
    /// Lower case (`HTTP://` is `http`).
    pub scheme: String,
    /// `host[:port]` as written (IPv6 in brackets).
    pub host: String,
    /// A user name (and maybe a password) is in the URL.
    pub has_userinfo: bool,
}

/// Splits `raw` like Go's `url.Parse` (errors in Go's words).
pub fn url_parts(raw: &str) -> Result<UrlParts, String> {
    let url = GoUrl::parse(raw)?;
    Ok(UrlParts {
        scheme: url.scheme,
        host: url.host,
        has_userinfo: url.user.is_some(),
    })
}

/// Whether `name` is `sum.golang.org`, `sum.golang.google.cn` or sum.golang.org's full key:
/// the checksum databases Go verifies with its own built-in key.
pub fn is_builtin_sumdb(name: &str) -> bool {
    name == KNOWN_GOSUMDB.0 || name == KNOWN_GOSUMDB.1 || name == "sum.golang.google.cn"
}

/// The public key of `sum.golang.org`, Go's only built-in checksum database name.
const KNOWN_GOSUMDB: (&str, &str) = (
    "sum.golang.org",
    "sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8",
);

/// GOSUMDB as `dbDial` reads it: `off`, `sum.golang.google.cn`, or `<key> [<url>]` where `<key>`
/// is a known name or a verifier key `<name>+<8 hex>+<base64 Ed25519 key>`. Stricter than Go:
/// the optional URL must be an http(s) URL with a host (Go fails only when it is used).
pub(crate) fn check_gosumdb(value: &str) -> Result<(), String> {
    if value == "off" || value == "sum.golang.google.cn" {
        return Ok(());
    }
    let mut fields: Vec<&str> = value
        .split(char::is_whitespace)
        .filter(|f| !f.is_empty())
        .collect();
    if fields.is_empty() {
        return Err("missing GOSUMDB".into());
    }
    if fields.len() > 2 {
        return Err("invalid GOSUMDB: too many fields (expected `<name or key> [<url>]`)".into());
    }
    if fields[0] == KNOWN_GOSUMDB.0 {
        fields[0] = KNOWN_GOSUMDB.1;
    }
    let name = verifier_name(fields[0]).map_err(|e| {
        format!("invalid GOSUMDB: {e} (use `sum.golang.org`, `off`, or a full key `<name>+<hash>+<key>`)")
    })?;
    let host = name.split('/').next().unwrap_or_default();
    let bad_char = |c: char| !(c.is_ascii_alphanumeric() || "-._~/:".contains(c));
    if host.is_empty() || name.ends_with('/') || name.contains(bad_char) {
        return Err(format!("invalid sumdb name (must be host[/path]): {name}"));
    }
    if let Some(url) = fields.get(1) {
        let parsed = GoUrl::parse(url).map_err(|e| format!("invalid GOSUMDB URL: {e}"))?;
        if !matches!(parsed.scheme.as_str(), "https" | "http") || parsed.host.is_empty() {
            return Err(format!(
                "invalid GOSUMDB URL: {url} must be an https:// URL with a host"
            ));
        }
    }
    Ok(())
}

/// `note.NewVerifier`: returns the database name or Go's error text.
fn verifier_name(vkey: &str) -> Result<&str, &'static str> {
    const ID: &str = "malformed verifier id";
    let (name, rest) = vkey.split_once('+').unwrap_or((vkey, ""));
    let (hash16, key64) = rest.split_once('+').unwrap_or((rest, ""));
    let hash = u32::from_str_radix(hash16, 16)
        .ok()
        .filter(|_| hash16.len() == 8 && !hash16.starts_with('+'));
    let key = base64::engine::general_purpose::STANDARD.decode(key64).ok();
    let valid_name = !name.is_empty() && !name.contains(char::is_whitespace) && !name.contains('+');
    let (Some(hash), Some(key), true) = (hash, key, valid_name) else {
        return Err(ID);
    };
    if key.is_empty() {
        return Err(ID);
    }
    let sum = Sha256::new()
        .chain_update(name)
        .chain_update(b"\n")
        .chain_update(&key)
        .finalize();
    if u32::from_be_bytes([sum[0], sum[1], sum[2], sum[3]]) != hash {
        return Err("invalid verifier hash");
    }
    match (key[0], key.len()) {
        (1, 33) => Ok(name),
        (1, _) => Err(ID),
        _ => Err("unknown verifier algorithm"),
    }
}

/// `filepath.IsAbs(x) || path.IsAbs(x)` on the machine running Go.
fn is_abs_any(s: &str) -> bool {
    s.starts_with('/') || crate::goenv::values::is_abs_path(s)
}

/// The parts of Go's `url.URL` that the proxy and sumdb checks look at.
#[derive(Debug, Default, PartialEq, Eq)]
struct GoUrl {
    scheme: String,
    opaque: String,
    user: Option<(String, Option<String>)>,
    host: String,
    path: String,
    query: Option<String>,
    fragment: Option<String>,
    omit_host: bool,
}

impl GoUrl {
    /// `url.Parse` (go1.27 rules), errors worded `parse "<url>": <reason>`.
    fn parse(raw: &str) -> Result<GoUrl, String> {
        let (u, frag) = match raw.split_once('#') {
            Some((u, f)) => (u, Some(f)),
            None => (raw, None),
        };
        let fail = |e: &str| format!("parse {u:?}: {e}");
        let mut url = Self::parse_no_fragment(u).map_err(|e| fail(&e))?;
        if let Some(f) = frag.filter(|f| !f.is_empty()) {
            unescape_check(f).map_err(|e| format!("parse {raw:?}: {e}"))?;
            url.fragment = Some(f.to_string());
        }
        Ok(url)
    }

    fn parse_no_fragment(raw: &str) -> Result<GoUrl, String> {
        if raw.bytes().any(|b| b < 0x20 || b == 0x7f) {
            return Err("net/url: invalid control character in URL".into());
        }
        let mut url = GoUrl::default();
        let mut rest = raw;
        for (i, c) in raw.bytes().enumerate() {
            match c {
                b'a'..=b'z' | b'A'..=b'Z' => continue,
                b'0'..=b'9' | b'+' | b'-' | b'.' if i > 0 => continue,
                b':' if i == 0 => return Err("missing protocol scheme".into()),
                b':' => {
                    url.scheme = raw[..i].to_ascii_lowercase();
                    rest = &raw[i + 1..];
                }
                _ => {}
            }
            break;
        }
        if rest.ends_with('?') && rest.matches('?').count() == 1 {
            rest = &rest[..rest.len() - 1];
            url.query = Some(String::new());
        } else if let Some((r, q)) = rest.split_once('?') {
            rest = r;
            url.query = Some(q.to_string());
        }
        if !rest.starts_with('/') {
            if !url.scheme.is_empty() {
                url.opaque = rest.to_string();
                return Ok(url);
            }
            if rest.split('/').next().unwrap_or_default().contains(':') {
                return Err("first path segment in URL cannot contain colon".into());
            }
        }
        if (!url.scheme.is_empty() || !rest.starts_with("///")) && rest.starts_with("//") {
            let authority = &rest[2..];
            let (authority, path) =
                authority.split_at(authority.find('/').unwrap_or(authority.len()));
            rest = path;
            let (userinfo, host) = match authority.rfind('@') {
                Some(i) => (Some(&authority[..i]), &authority[i + 1..]),
                None => (None, authority),
            };
            url.host = parse_host(&url.scheme, host)?;
            if let Some(ui) = userinfo {
                let ok = |c: char| c.is_ascii_alphanumeric() || "-._:~!$&'()*+,;=%@".contains(c);
                if !ui.chars().all(ok) {
                    return Err("net/url: invalid userinfo".into());
                }
                unescape_check(ui)?;
                url.user = Some(match ui.split_once(':') {
                    Some((n, p)) => (n.to_string(), Some(p.to_string())),
                    None => (ui.to_string(), None),
                });
            }
        } else if !url.scheme.is_empty() && rest.starts_with('/') {
            url.omit_host = true;
        }
        unescape_check(rest)?;
        url.path = rest.to_string();
        Ok(url)
    }

    /// `*u == url.URL{Scheme, Path, RawPath}`: nothing but a path (for `file://` proxies).
    fn only_path(&self) -> bool {
        self.opaque.is_empty()
            && self.user.is_none()
            && self.host.is_empty()
            && self.query.is_none()
            && self.fragment.is_none()
            && !self.omit_host
    }

    /// The URL for messages, with any password replaced by `xxxxx` (Go's `Redacted`).
    fn redacted(&self) -> String {
        if !self.opaque.is_empty() {
            return format!("{}:{}", self.scheme, self.opaque);
        }
        let mut s = String::new();
        if !self.scheme.is_empty() {
            s += &self.scheme;
            s.push(':');
        }
        let has_authority = !self.host.is_empty() || self.user.is_some();
        if has_authority || (!self.scheme.is_empty() && !self.omit_host && !self.path.is_empty()) {
            s += "//";
        }
        if let Some((name, pass)) = &self.user {
            s += name;
            if pass.is_some() {
                s += ":xxxxx";
            }
            s.push('@');
        }
        s += &self.host;
        s += &self.path;
        if let Some(q) = &self.query {
            s.push('?');
            s += q;
        }
        if let Some(f) = &self.fragment {
            s.push('#');
            s += f;
        }
        s
    }
}

/// `parseHost`: IP literals, `:port` (digits only; http(s) hosts may hold one colon), and the
/// characters a host name may contain.
fn parse_host(scheme: &str, host: &str) -> Result<String, String> {
    if let Some(open) = host.rfind('[') {
        if open > 0 {
            return Err("invalid IP-literal".into());
        }
        let close = host.rfind(']').ok_or("missing ']' in host")?;
        let port = &host[close + 1..];
        if !valid_optional_port(port) {
            return Err(format!("invalid port {port:?} after host"));
        }
        let ip = &host[1..close];
        let ip_only = ip.split("%25").next().unwrap_or_default();
        if ip_only.parse::<std::net::Ipv6Addr>().is_err() {
            return Err(format!(
                "invalid host: ParseAddr({ip_only:?}): not an IPv6 address"
            ));
        }
        return Ok(host.to_string());
    }
    if let Some(first) = host.find(':') {
        let last = host.rfind(':').unwrap_or(first);
        let i = if scheme == "http" || scheme == "https" {
            first
        } else {
            last
        };
        let port = &host[i..];
        if !valid_optional_port(port) {
            return Err(format!("invalid port {port:?} after host"));
        }
    }
    if let Some(c) = host.chars().find(|&c| {
        c.is_ascii() && !(c.is_ascii_alphanumeric() || "-_.~!$&'()*+,;=:[]<>\"%".contains(c))
    }) {
        return Err(format!(
            "invalid character {:?} in host name",
            c.to_string()
        ));
    }
    unescape_check(host)?;
    Ok(host.to_string())
}

fn valid_optional_port(port: &str) -> bool {
    port.is_empty()
        || port
            .strip_prefix(':')
            .is_some_and(|p| p.bytes().all(|b| b.is_ascii_digit()))
}

/// `url.unescape` error cases: every `%` must start a two-hex-digit escape.
fn unescape_check(s: &str) -> Result<(), String> {
    let b = s.as_bytes();
    for (i, _) in s.match_indices('%') {
        let ok = b.len() >= i + 3 && b[i + 1].is_ascii_hexdigit() && b[i + 2].is_ascii_hexdigit();
        if !ok {
            let end = (i + 3).min(b.len());
            let esc = String::from_utf8_lossy(&b[i..end]);
            return Err(format!("invalid URL escape {esc:?}"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
