//! HTTP_PROXY / HTTPS_PROXY / NO_PROXY, decided exactly as Go's `golang.org/x/net/http/httpproxy`
//! (`FromEnvironment`, `ProxyFunc`) does, so our requests take the route the go command takes.

use super::url::{percent_decode_lossy, HttpUrl, Scheme};
use crate::sysenv::SysEnv;
use base64::Engine as _;
use std::net::IpAddr;

/// The proxy settings of one environment.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProxyConfig {
    http_proxy: String,
    https_proxy: String,
    no_proxy: Vec<NoProxyEntry>,
    no_proxy_all: bool,
}

/// Where to send a request instead of the origin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProxyRoute {
    /// `http://host:port` of the proxy (credentials removed).
    pub url: HttpUrl,
    /// `Proxy-Authorization` value, from credentials in the proxy URL.
    pub authorization: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum NoProxyEntry {
    Ip(IpAddr, Option<u16>),
    Cidr(IpAddr, u8),
    /// `host` starts with `.`; `match_host` also matches the name without the dot.
    Domain {
        host: String,
        port: Option<u16>,
        match_host: bool,
    },
}

fn first_of<'a>(env: &'a SysEnv, names: &[&str]) -> &'a str {
    names
        .iter()
        .find_map(|n| env.non_empty(n))
        .unwrap_or_default()
}

impl ProxyConfig {
    pub fn from_env(env: &SysEnv) -> ProxyConfig {
        let mut http_proxy = first_of(env, &["HTTP_PROXY", "http_proxy"]).to_string();
        // CGI: HTTP_PROXY may come from a request header (httpoxy); Go ignores it then.
        if env.non_empty("REQUEST_METHOD").is_some() {
            http_proxy.clear();
        }
        let https_proxy = first_of(env, &["HTTPS_PROXY", "https_proxy"]).to_string();
        let mut config = ProxyConfig {
            http_proxy,
            https_proxy,
            ..ProxyConfig::default()
        };
        for raw in first_of(env, &["NO_PROXY", "no_proxy"]).split(',') {
            let p = raw.trim().to_ascii_lowercase();
            if p.is_empty() {
                continue;
            }
            if p == "*" {
                config.no_proxy_all = true;
                break;
            }
            if let Some((ip, bits)) = p.split_once('/') {
                if let (Ok(ip), Ok(bits)) = (ip.parse::<IpAddr>(), bits.parse::<u8>()) {
                    config.no_proxy.push(NoProxyEntry::Cidr(ip, bits));
                }
                continue;
            }
            let (host, port) = split_port(&p);
            if let Ok(ip) = host.trim_matches(['[', ']']).parse::<IpAddr>() {
                config.no_proxy.push(NoProxyEntry::Ip(ip, port));
                continue;
            }
            let host = host.strip_prefix('*').unwrap_or(host);
            let (host, match_host) = match host.strip_prefix('.') {
                Some(_) => (host.to_string(), false),
                None => (format!(".{host}"), true),
            };
            config.no_proxy.push(NoProxyEntry::Domain {
                host,
                port,
                match_host,
            });
        }
        config
    }

    /// The proxy for a request to `url`, or `None` to connect directly. An unusable proxy
    /// setting (a SOCKS or https:// proxy, which we do not speak) is an error message.
    pub fn route(&self, url: &HttpUrl) -> Result<Option<ProxyRoute>, String> {
        let proxy = match url.scheme {
            Scheme::Https => &self.https_proxy,
            Scheme::Http => &self.http_proxy,
        };
        if proxy.is_empty() || !self.use_proxy(url) {
            return Ok(None);
        }
        parse_proxy(proxy).map(Some)
    }

    fn use_proxy(&self, url: &HttpUrl) -> bool {
        let host = url.host.as_str();
        if host == "localhost" {
            return false;
        }
        let ip = host.parse::<IpAddr>().ok();
        if ip.is_some_and(|ip| ip.is_loopback()) {
            return false;
        }
        if self.no_proxy_all {
            return false;
        }
        for entry in &self.no_proxy {
            let hit = match entry {
                NoProxyEntry::Ip(e, port) => ip == Some(*e) && port.is_none_or(|p| p == url.port),
                NoProxyEntry::Cidr(net, bits) => {
                    ip.is_some_and(|ip| cidr_contains(*net, *bits, ip))
                }
                NoProxyEntry::Domain {
                    host: suffix,
                    port,
                    match_host,
                } => {
                    let name_hit =
                        host.ends_with(suffix.as_str()) || (*match_host && host == &suffix[1..]);
                    name_hit && port.is_none_or(|p| p == url.port)
                }
            };
            if hit {
                return false;
            }
        }
        true
    }
}

fn split_port(p: &str) -> (&str, Option<u16>) {
    if p.starts_with('[') {
        if let Some((h, port)) = p.rsplit_once("]:") {
            return (&p[..h.len() + 1], port.parse().ok());
        }
        return (p, None);
    }
    match p.rsplit_once(':') {
        Some((h, port)) if !h.contains(':') => (h, port.parse().ok()),
        _ => (p, None),
    }
}

fn cidr_contains(net: IpAddr, bits: u8, ip: IpAddr) -> bool {
    match (net, ip) {
        (IpAddr::V4(n), IpAddr::V4(i)) if bits <= 32 => {
            let mask = u32::MAX.checked_shl(32 - u32::from(bits)).unwrap_or(0);
            u32::from(n) & mask == u32::from(i) & mask
        }
        (IpAddr::V6(n), IpAddr::V6(i)) if bits <= 128 => {
            let mask = u128::MAX.checked_shl(128 - u32::from(bits)).unwrap_or(0);
            u128::from(n) & mask == u128::from(i) & mask
        }
        _ => false,
    }
}

/// Go's `parseProxy`: a value without a known scheme gets `http://`.
fn parse_proxy(raw: &str) -> Result<ProxyRoute, String> {
    let lower = raw.to_ascii_lowercase();
    let with_scheme = if ["http://", "https://", "socks5://", "socks5h://"]
        .iter()
        .any(|s| lower.starts_with(s))
    {
        raw.to_string()
    } else {
        format!("http://{raw}")
    };
    let (scheme, rest) = with_scheme.split_once("://").unwrap_or(("http", raw));
    if !scheme.eq_ignore_ascii_case("http") {
        return Err(format!(
            "the proxy {} uses {scheme}://, which the benchmark does not support yet (the go command does); measure without it or use an http:// proxy",
            crate::redact::url_userinfo(&with_scheme)
        ));
    }
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let (userinfo, hostport) = match authority.rsplit_once('@') {
        Some((u, h)) => (Some(u), h),
        None => (None, authority),
    };
    let url = HttpUrl::parse(&format!("http://{hostport}{path}"), "HTTPS_PROXY")
        .map_err(|e| e.message)?;
    let authorization = userinfo.map(|u| {
        let decoded = percent_decode_lossy(u);
        format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode(decoded)
        )
    });
    Ok(ProxyRoute { url, authorization })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn route(vars: &[(&str, &str)], url: &str) -> Option<String> {
        let config = ProxyConfig::from_env(&SysEnv::from_vars(vars.iter().copied()));
        let url = HttpUrl::parse(url, "url").expect("url");
        config
            .route(&url)
            .expect("usable")
            .map(|r| r.url.to_string())
    }

    #[test]
    fn follows_gos_httpproxy_rules() {
        let p = [
            ("HTTPS_PROXY", "proxy.corp:3128"),
            ("HTTP_PROXY", "http://hp:80"),
        ];
        assert_eq!(
            route(&p, "https://goproxy.cn").as_deref(),
            Some("http://proxy.corp:3128")
        );
        assert_eq!(route(&p, "http://goproxy.cn").as_deref(), Some("http://hp"));
        // Loopback and localhost never go through a proxy.
        assert_eq!(route(&p, "https://127.0.0.1:8443"), None);
        assert_eq!(route(&p, "https://localhost"), None);
        // Lower-case names work; the upper-case one wins.
        assert!(route(&[("https_proxy", "p:1")], "https://a.example").is_some());
        // CGI ignores HTTP_PROXY.
        assert_eq!(
            route(
                &[("HTTP_PROXY", "p:1"), ("REQUEST_METHOD", "GET")],
                "http://a.example"
            ),
            None
        );
        let np = |no: &str, url: &str| route(&[("HTTPS_PROXY", "p:1"), ("NO_PROXY", no)], url);
        assert_eq!(np("*", "https://goproxy.cn"), None);
        assert_eq!(np("goproxy.cn", "https://goproxy.cn"), None);
        assert_eq!(np("goproxy.cn", "https://x.goproxy.cn"), None);
        assert!(np(".goproxy.cn", "https://goproxy.cn").is_some());
        assert_eq!(np(".goproxy.cn", "https://x.goproxy.cn"), None);
        assert_eq!(np("*.goproxy.cn", "https://x.goproxy.cn"), None);
        assert!(np("goproxy.cn:8443", "https://goproxy.cn").is_some());
        assert_eq!(np("goproxy.cn:443", "https://goproxy.cn"), None);
        assert_eq!(np("10.0.0.0/8", "https://10.1.2.3"), None);
        assert!(np("10.0.0.0/8", "https://11.1.2.3").is_some());
        assert_eq!(np(" A.example , b.example", "https://a.example"), None);
    }

    #[test]
    fn proxy_credentials_become_a_header_and_socks_is_reported() {
        let config = ProxyConfig::from_env(&SysEnv::from_vars([(
            "HTTPS_PROXY",
            "http://user:p%40ss@proxy:3128",
        )]));
        let url = HttpUrl::parse("https://goproxy.cn", "url").expect("url");
        let route = config.route(&url).expect("ok").expect("proxied");
        assert_eq!(route.url.to_string(), "http://proxy:3128");
        assert_eq!(route.authorization.as_deref(), Some("Basic dXNlcjpwQHNz"));
        let socks =
            ProxyConfig::from_env(&SysEnv::from_vars([("HTTPS_PROXY", "socks5://u:pw@p:1")]));
        let err = socks.route(&url).expect_err("unsupported");
        assert!(err.contains("socks5") && !err.contains("pw"), "{err}");
    }
}
