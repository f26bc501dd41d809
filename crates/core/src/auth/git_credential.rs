//! A git credential helper (`git credential` protocol: `key=value` lines on stdin up to a blank
//! line; `get` answers `username=` and `password=`). Read-only: `store` and `erase` are
//! accepted and ignored, so git never changes or deletes the keychain item. Tokens go only to
//! https URLs (and http on loopback, for local servers).

use super::{credential_for, is_loopback};
use crate::secrets::{Keychain, Secret};
use crate::sysenv::SysEnv;
use crate::Result;

/// The helper's stdout for `action` given git's request on stdin.
pub fn respond(env: &SysEnv, keychain: &Keychain, action: &str, request: &str) -> Result<Secret> {
    if action != "get" {
        return Ok(Secret::new(""));
    }
    let mut protocol = "";
    let mut host = "";
    for line in request.lines() {
        if line.is_empty() {
            break;
        }
        match line.split_once('=') {
            Some(("protocol", v)) => protocol = v,
            Some(("host", v)) => host = v,
            _ => {}
        }
    }
    let host = host.to_ascii_lowercase();
    let allowed = protocol == "https" || (protocol == "http" && is_loopback(&host));
    if !allowed || host.is_empty() {
        return Ok(Secret::new(""));
    }
    let prefix = host.strip_suffix(":443").unwrap_or(&host);
    Ok(match credential_for(env, keychain, prefix)? {
        Some((entry, token)) => Secret::new(format!(
            "username={}\npassword={}\n",
            entry.user,
            token.expose()
        )),
        None => Secret::new(""),
    })
}
