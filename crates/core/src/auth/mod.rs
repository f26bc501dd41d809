//! Serving stored tokens to the programs that need them: the go command (GOAUTH, Go 1.24+) and
//! git (a credential helper). These are the only paths by which a token leaves the keychain,
//! and they hand it only to the requesting program on stdout, never to a log or a file.

pub mod git_credential;
pub mod goauth;
pub mod serve;

use crate::hosts::{self, AuthScheme, HostEntry};
use crate::secrets::{Keychain, Secret};
use crate::sysenv::SysEnv;
use crate::Result;
use base64::Engine as _;

/// The stored host entry and token for exactly `prefix` (`host` or `host:port`), if any.
pub fn credential_for(
    env: &SysEnv,
    keychain: &Keychain,
    prefix: &str,
) -> Result<Option<(HostEntry, Secret)>> {
    let Some(host) = hosts::load(env)?.into_iter().find(|h| h.prefix == prefix) else {
        return Ok(None);
    };
    Ok(keychain.get(&host.prefix, &host.user)?.map(|t| (host, t)))
}

/// The `Authorization` header value for a host entry and its token.
pub fn authorization(host: &HostEntry, token: &Secret) -> Secret {
    match host.scheme {
        AuthScheme::Basic => Secret::new(format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode(format!(
                "{}:{}",
                host.user,
                token.expose()
            ))
        )),
        AuthScheme::Bearer => Secret::new(format!("Bearer {}", token.expose())),
    }
}

/// Loopback hosts, where credentials may travel over plain http (local test servers).
pub fn is_loopback(host: &str) -> bool {
    let name = host.rsplit_once(':').map_or(host, |(h, p)| {
        if p.bytes().all(|b| b.is_ascii_digit()) {
            h
        } else {
            host
        }
    });
    name == "localhost" || name.starts_with("127.") || name == "[::1]"
}

/// `scheme://host[:port]/...` → (scheme, `host[:port]` lower-cased, default port dropped).
pub fn split_url(url: &str) -> Option<(&str, String)> {
    let (scheme, rest) = url.split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let authority = authority.rsplit_once('@').map_or(authority, |(_, a)| a);
    let lower = authority.to_ascii_lowercase();
    let host = match (scheme, lower.rsplit_once(':')) {
        ("https", Some((h, "443"))) | ("http", Some((h, "80"))) => h.to_string(),
        _ => lower,
    };
    (!host.is_empty()).then_some((scheme, host))
}
