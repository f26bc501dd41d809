//! An http(s) base URL, checked the way requests need it: `http`/`https` only, a host, no
//! credentials (they belong in the keychain, not in config or results), no query or fragment.
//! Mirrors, proxies and redirect targets are all parsed with it.

use crate::Error;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scheme {
    Http,
    Https,
}

/// A parsed base URL. `Display` gives the canonical form (lower-case scheme and host, no
/// trailing `/`), which is also what duplicates are compared by.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct HttpUrl {
    pub scheme: Scheme,
    /// Host name or IP address (IPv6 without brackets).
    pub host: String,
    pub port: u16,
    /// Path prefix without a trailing `/` (`""` or `/goproxy`).
    pub path: String,
    explicit_port: bool,
}

impl HttpUrl {
    /// Parses `raw`; `field` names the input in errors (`url`, `--mirror`...).
    pub fn parse(raw: &str, field: &str) -> Result<HttpUrl, Error> {
        let shown = crate::redact::url_userinfo(raw);
        let bad = |why: &str| Error::invalid(field, format!("{field} {shown:?}: {why}"));
        let raw_trimmed = raw.trim();
        if raw_trimmed.is_empty() {
            return Err(bad("is empty"));
        }
        if raw_trimmed
            .chars()
            .any(|c| c.is_control() || c.is_whitespace())
        {
            return Err(bad("contains spaces or control characters"));
        }
        let Some((scheme, rest)) = raw_trimmed.split_once("://") else {
            return Err(bad(
                "is not a URL: it must start with https:// (or http:// for a mirror on your own network)",
            ));
        };
        let scheme = match scheme.to_ascii_lowercase().as_str() {
            "https" => Scheme::Https,
            "http" => Scheme::Http,
            other => {
                return Err(bad(&format!(
                    "unsupported scheme {other:?}: a Go module proxy is reached over https:// or http://"
                )))
            }
        };
        if rest.contains(['?', '#']) {
            return Err(bad("a proxy URL cannot have a query (?) or fragment (#)"));
        }
        let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
        if authority.contains('@') {
            return Err(bad(
                "contains a user name or password; credentials are never stored in the mirror list (use .netrc or the keychain)",
            ));
        }
        let (host, port) = split_host_port(authority).ok_or_else(|| bad("has an invalid port"))?;
        if host.is_empty() {
            return Err(bad("has no host name"));
        }
        let host_ok = host.parse::<std::net::Ipv6Addr>().is_ok()
            || host
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.' || c == '_');
        if !host_ok || host.starts_with(['.', '-']) {
            return Err(bad(&format!("invalid host name {host:?}")));
        }
        let default_port = match scheme {
            Scheme::Https => 443,
            Scheme::Http => 80,
        };
        Ok(HttpUrl {
            scheme,
            host: host.to_ascii_lowercase(),
            port: port.unwrap_or(default_port),
            path: path.trim_end_matches('/').to_string(),
            explicit_port: port.is_some_and(|p| p != default_port),
        })
    }

    /// The same origin with no path.
    pub fn origin(&self) -> HttpUrl {
        HttpUrl {
            path: String::new(),
            ..self.clone()
        }
    }

    /// `host:port` with brackets for IPv6, as used in `Host:` and `CONNECT`.
    pub fn authority(&self) -> String {
        let host = if self.host.contains(':') {
            format!("[{}]", self.host)
        } else {
            self.host.clone()
        };
        if self.explicit_port {
            format!("{host}:{}", self.port)
        } else {
            host
        }
    }

    /// `host:port` always with the port (for CONNECT).
    pub fn authority_with_port(&self) -> String {
        let host = if self.host.contains(':') {
            format!("[{}]", self.host)
        } else {
            self.host.clone()
        };
        format!("{host}:{}", self.port)
    }

    /// The request path for `suffix` (which starts with `/`) under this base.
    pub fn request_path(&self, suffix: &str) -> String {
        format!("{}{suffix}", self.path)
    }

    /// Scheme, host and port: requests to the same origin can share a connection.
    pub fn same_origin(&self, other: &HttpUrl) -> bool {
        self.scheme == other.scheme && self.host == other.host && self.port == other.port
    }

    /// Resolves a redirect `Location` against the URL of the request (`self` + `path`).
    pub fn join_location(&self, location: &str) -> Result<(HttpUrl, String), Error> {
        if location.contains("://") {
            let url = HttpUrl::parse(location, "Location")?;
            let path = if url.path.is_empty() {
                "/".to_string()
            } else {
                url.path.clone()
            };
            let origin = HttpUrl {
                path: String::new(),
                ..url
            };
            return Ok((origin, path));
        }
        let origin = HttpUrl {
            path: String::new(),
            ..self.clone()
        };
        let path = if location.starts_with('/') {
            location.to_string()
        } else {
            format!("/{location}")
        };
        Ok((origin, path))
    }
}

impl fmt::Display for HttpUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let scheme = match self.scheme {
            Scheme::Https => "https",
            Scheme::Http => "http",
        };
        write!(f, "{scheme}://{}{}", self.authority(), self.path)
    }
}

fn split_host_port(authority: &str) -> Option<(&str, Option<u16>)> {
    if let Some(rest) = authority.strip_prefix('[') {
        let (host, after) = rest.split_once(']')?;
        let port = match after.strip_prefix(':') {
            Some(p) => Some(p.parse().ok()?),
            None if after.is_empty() => None,
            None => return None,
        };
        return Some((host, port));
    }
    match authority.rsplit_once(':') {
        Some((host, port)) => Some((host, Some(port.parse().ok().filter(|p| *p != 0)?))),
        None => Some((authority, None)),
    }
}

/// Percent-decodes `s`; malformed escapes are kept as they are.
pub(crate) fn percent_decode_lossy(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = b
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (b[i], hex) {
            (b'%', Some(v)) => {
                out.push(v);
                i += 3;
            }
            (c, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorCode;

    #[test]
    fn parses_and_canonicalises() {
        let u = HttpUrl::parse("HTTPS://Mirrors.Aliyun.com/goproxy/", "url").expect("ok");
        assert_eq!(u.to_string(), "https://mirrors.aliyun.com/goproxy");
        assert_eq!(u.port, 443);
        let u = HttpUrl::parse("http://127.0.0.1:8080", "url").expect("ok");
        assert_eq!(u.authority(), "127.0.0.1:8080");
        let u = HttpUrl::parse("https://[::1]:8443/p", "url").expect("ok");
        assert_eq!(u.host, "::1");
        assert_eq!(u.to_string(), "https://[::1]:8443/p");
    }

    #[test]
    fn rejects_bad_urls_naming_the_field() {
        for (raw, words) in [
            ("goproxy.cn", "is not a URL"),
            ("ftp://goproxy.cn", "unsupported scheme"),
            ("file:///tmp/cache", "unsupported scheme"),
            ("https://user:tok@goproxy.cn", "credentials"),
            ("https://", "no host"),
            ("https://goproxy.cn:99999", "invalid port"),
            ("https://goproxy.cn/?x=1", "query"),
            ("https://bad host", "spaces"),
            ("https://bad_$host", "invalid host"),
            ("", "is empty"),
        ] {
            let err = HttpUrl::parse(raw, "url").expect_err(raw);
            assert_eq!(err.code, ErrorCode::InvalidInput);
            assert_eq!(err.field.as_deref(), Some("url"));
            assert!(err.message.contains(words), "{raw}: {}", err.message);
            assert!(!err.message.contains("tok@"), "no secret echoed");
        }
    }
}
