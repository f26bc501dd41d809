//! Which endpoints the effective configuration uses, as the go command would contact them:
//! GOPROXY entries (`modfetch/proxy.go` proxyList), the checksum database (`modfetch/sumdb.go`
//! dbDial) and the hosts of private modules (stored hosts, concrete GOPRIVATE/GONOPROXY hosts).

use super::super::{EndpointCheck, EndpointNote, EndpointRole};
use crate::context::Context;
use crate::goenv::remote::{check_gosumdb, parse_goproxy, ProxyKind};
use crate::net::url::percent_decode_lossy;
use crate::net::{HttpUrl, Redirects, Scheme};
use crate::patterns::path_match;
use crate::secrets::{Keychain, Secret};
use crate::sysenv::SysEnv;
use base64::Engine as _;
use std::path::PathBuf;

/// The built-in checksum database and its mainland-China alias (`modfetch/key.go`).
const SUM_GOLANG_ORG: &str = "sum.golang.org";
const SUM_GOLANG_GOOGLE_CN: &str = "sum.golang.google.cn";

/// One endpoint to check.
pub(crate) struct Target {
    /// Shown URL: no credentials.
    pub url: String,
    pub role: EndpointRole,
    pub base: HttpUrl,
    /// The request of the `http` step, under `base`.
    pub suffix: String,
    pub redirects: Redirects,
    /// What the go command would send (URL userinfo, stored token or .netrc; https only).
    pub authorization: Option<Secret>,
    pub ca_file: Option<PathBuf>,
    /// For a proxy: report whether it relays the checksum database (its `supported` answer).
    pub reports_relay: bool,
}

impl Target {
    /// The endpoint as it starts: running, no steps yet.
    pub fn pending(&self) -> EndpointCheck {
        EndpointCheck {
            url: self.url.clone(),
            role: self.role,
            ok: false,
            steps: Vec::new(),
            sumdb_relay: None,
            via: None,
            running: true,
            note: None,
        }
    }
}

/// The endpoints to check, in order: GOPROXY entries (with `direct` where it stands), the
/// checksum database, then private hosts. Also endpoints listed without a check (`direct` when
/// no host it reaches is known).
pub(crate) struct Plan {
    pub targets: Vec<Target>,
    /// Listed as they are, not checked; `(position among all endpoints, entry)`.
    pub listed: Vec<(usize, EndpointCheck)>,
}

/// The checksum database as GOSUMDB names it: `(name, url, url given explicitly)`.
pub(crate) fn sumdb(value: &str) -> Option<(String, String, bool)> {
    let value = value.trim();
    if value == "off" || check_gosumdb(value).is_err() {
        return None;
    }
    if value == SUM_GOLANG_GOOGLE_CN {
        let url = format!("https://{SUM_GOLANG_GOOGLE_CN}");
        return Some((SUM_GOLANG_ORG.to_string(), url, true));
    }
    let fields: Vec<&str> = value.split_whitespace().collect();
    let name = fields.first()?.split('+').next()?.to_string();
    match fields.get(1) {
        Some(url) => Some((name, url.trim_end_matches('/').to_string(), true)),
        None => Some((name.clone(), format!("https://{name}"), false)),
    }
}

/// A proxy URL split into what we request and the credentials it carries (Go sends them as
/// Basic auth, on https only).
fn without_userinfo(url: &str) -> Option<(HttpUrl, Option<Secret>)> {
    let (scheme, rest) = url.split_once("://")?;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, path) = rest.split_at(end);
    let (userinfo, hostport) = match authority.rsplit_once('@') {
        Some((u, h)) => (Some(u), h),
        None => (None, authority),
    };
    let base = HttpUrl::parse(&format!("{scheme}://{hostport}{path}"), "GOPROXY").ok()?;
    let auth = userinfo.filter(|_| base.scheme == Scheme::Https).map(|u| {
        let decoded = percent_decode_lossy(u);
        Secret::new(format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode(decoded)
        ))
    });
    Some((base, auth))
}

/// The credential the go command would send to `base` besides URL userinfo: a stored token
/// (served by our GOAUTH helper), else the .netrc entry.
fn stored_credential(env: &SysEnv, keychain: Option<&Keychain>, base: &HttpUrl) -> Option<Secret> {
    if base.scheme != Scheme::Https {
        return None;
    }
    let prefix = base.authority();
    if let Some(keychain) = keychain {
        if let Ok(Some((host, token))) = crate::auth::credential_for(env, keychain, &prefix) {
            return Some(crate::auth::authorization(&host, &token));
        }
    }
    let (login, token) = crate::netrc::lookup(env, &prefix).ok().flatten()?;
    let basic = format!("{login}:{}", token.expose());
    Some(Secret::new(format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(basic)
    )))
}

/// The host a pattern names when its first element is a plain host name (no glob).
fn concrete_host(pattern: &str) -> Option<String> {
    let first = pattern.trim_end_matches('/').split('/').next()?;
    if first.is_empty() || first.contains(['*', '?', '[', '\\']) || !first.contains('.') {
        return None;
    }
    crate::hosts::normalize_host(first).ok()
}

/// Whether the modules on `host` are fetched directly (GONOPROXY, or GOPROXY=direct).
fn routed_direct(host: &str, gonoproxy: &str, goproxy: &str) -> bool {
    if goproxy.trim() == "direct" {
        return true;
    }
    let name = host.split(':').next().unwrap_or(host);
    gonoproxy.split(',').any(|p| {
        let first = p
            .trim_end_matches('/')
            .split('/')
            .next()
            .unwrap_or_default();
        !first.is_empty() && path_match(first, name).unwrap_or(false)
    })
}

/// Every endpoint of the effective configuration of `ctx`.
pub(crate) fn plan(ctx: &Context, keychain: Option<&Keychain>) -> Plan {
    let env = ctx.env();
    let setting = |key: &str| ctx.setting(key).unwrap_or_default().to_string();
    let goproxy = setting("GOPROXY");
    let custom = crate::mirrors::config::load(env)
        .map(|c| c.mirrors)
        .unwrap_or_default();
    let relay_name = sumdb(&setting("GOSUMDB"));
    let mut targets = Vec::new();
    let mut listed = Vec::new();
    let mut direct_at = None;
    for entry in parse_goproxy(&goproxy).unwrap_or_default() {
        match entry.kind {
            ProxyKind::Direct => direct_at = Some(targets.len()),
            // `off` is a finding about the configuration, not an endpoint.
            ProxyKind::Off => {}
            ProxyKind::Url => {
                let Some((base, userinfo)) = without_userinfo(&entry.url) else {
                    continue; // file:// (nothing to connect to) or a URL go would refuse
                };
                let url = base.to_string();
                if targets.iter().any(|t: &Target| t.url == url) {
                    continue;
                }
                let name = match &relay_name {
                    Some((name, _, _)) => name.as_str(),
                    None => SUM_GOLANG_ORG,
                };
                let ca_file = custom
                    .iter()
                    .find(|m| HttpUrl::parse(&m.url, "url").is_ok_and(|u| u == base))
                    .and_then(|m| m.ca_file.clone().map(PathBuf::from));
                targets.push(Target {
                    authorization: userinfo.or_else(|| stored_credential(env, keychain, &base)),
                    url,
                    role: EndpointRole::Proxy,
                    suffix: format!("/sumdb/{name}/supported"),
                    redirects: Redirects::Go,
                    ca_file,
                    reports_relay: relay_name
                        .as_ref()
                        .is_some_and(|(_, _, explicit)| !explicit),
                    base,
                });
            }
        }
    }
    if let Some((_, url, _)) = &relay_name {
        if let Ok(base) = HttpUrl::parse(url, "GOSUMDB") {
            targets.push(Target {
                url: base.to_string(),
                role: EndpointRole::Sumdb,
                suffix: "/latest".into(),
                redirects: Redirects::Go,
                authorization: stored_credential(env, keychain, &base),
                ca_file: None,
                reports_relay: false,
                base,
            });
        }
    }
    let gonoproxy = setting("GONOPROXY");
    let mut hosts: Vec<String> = crate::hosts::load(env)
        .unwrap_or_default()
        .into_iter()
        .map(|h| h.prefix)
        .collect();
    for key in ["GOPRIVATE", "GONOPROXY"] {
        hosts.extend(setting(key).split(',').filter_map(concrete_host));
    }
    let mut any_direct = false;
    for host in hosts {
        let Ok(base) = HttpUrl::parse(&format!("https://{host}"), "host") else {
            continue;
        };
        let taken = targets.iter().any(|t| t.base.origin() == base.origin());
        if taken {
            continue;
        }
        let direct = routed_direct(&host, &gonoproxy, &goproxy);
        any_direct |= direct;
        targets.push(Target {
            url: base.to_string(),
            role: if direct {
                EndpointRole::Direct
            } else {
                EndpointRole::PrivateHost
            },
            suffix: "/".into(),
            // A host's front page may send a browser to a sign-in page: the answer is enough.
            redirects: Redirects::None,
            authorization: stored_credential(env, keychain, &base),
            ca_file: None,
            reports_relay: false,
            base,
        });
    }
    if let (Some(at), false) = (direct_at, any_direct) {
        listed.push((
            at,
            EndpointCheck {
                url: "direct".into(),
                role: EndpointRole::Direct,
                ok: true,
                steps: Vec::new(),
                sumdb_relay: None,
                via: None,
                running: false,
                note: Some(EndpointNote::NoKnownHost),
            },
        ));
    }
    Plan { targets, listed }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gosumdb_forms() {
        let cn = sumdb("sum.golang.google.cn").expect("alias");
        assert_eq!(
            cn,
            (
                "sum.golang.org".into(),
                "https://sum.golang.google.cn".into(),
                true
            )
        );
        assert_eq!(
            sumdb("sum.golang.org"),
            Some((
                "sum.golang.org".into(),
                "https://sum.golang.org".into(),
                false
            ))
        );
        assert_eq!(
            sumdb("sum.golang.org http://127.0.0.1:9/"),
            Some(("sum.golang.org".into(), "http://127.0.0.1:9".into(), true))
        );
        let key = "sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8";
        assert_eq!(sumdb(key).map(|s| s.0), Some("sum.golang.org".into()));
        assert_eq!(sumdb("off"), None);
        assert_eq!(sumdb(""), None);
        assert_eq!(sumdb("foo.example.com"), None, "malformed verifier id");
    }

    #[test]
    fn credentials_leave_the_url_and_travel_on_https_only() {
        let (base, auth) = without_userinfo("https://u:p%40ss@corp.example.com/go").expect("ok");
        assert_eq!(base.to_string(), "https://corp.example.com/go");
        assert_eq!(
            auth.map(|a| a.expose().to_string()).as_deref(),
            Some("Basic dTpwQHNz")
        );
        let (_, auth) = without_userinfo("http://u:p@corp.example.com").expect("ok");
        assert!(auth.is_none());
        assert!(without_userinfo("file:///tmp/cache").is_none());
    }

    #[test]
    fn hosts_from_patterns_and_direct_routing() {
        assert_eq!(
            concrete_host("git.corp.example.com/team").as_deref(),
            Some("git.corp.example.com")
        );
        assert_eq!(concrete_host("*.corp.example.com"), None);
        assert_eq!(concrete_host("corp"), None);
        assert_eq!(concrete_host(""), None);
        assert!(routed_direct(
            "git.corp.example.com",
            "*.corp.example.com",
            "https://p"
        ));
        assert!(routed_direct("git.corp.example.com", "", "direct"));
        assert!(!routed_direct(
            "git.corp.example.com",
            "none",
            "https://p,direct"
        ));
        assert!(routed_direct(
            "git.corp.example.com:8443",
            "git.corp.example.com/x",
            "https://p"
        ));
    }
}
