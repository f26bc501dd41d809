//! Writing the effective configuration as a bundle: never a token, a password in a URL, a local
//! path, a user name or the machine's name. What had to be left out is listed as [`Omission`]s.

use super::model::{Bundle, BundleHost, BundleMirror, HostAuth, ALLOWED_GO_ENV, FORMAT_V1};
use super::omission::{Omission, OmissionCode};
use crate::context::Context;
use crate::goenv::goauth::{goauth_entries, GoauthMethod};
use crate::goenv::remote::url_parts;
use crate::goenv::values::quoted_split;
use crate::hosts::{self, AuthScheme};
use crate::mirrors::config as mirror_config;
use crate::settings::SettingSource;
use crate::{Error, ErrorCode, Result};
use serde::Serialize;
use std::collections::BTreeMap;
use ts_rs::TS;

/// Logins that name a kind of token rather than a person; any other login is a user name.
const GENERIC_LOGINS: &[&str] = &[
    "token",
    "oauth2",
    "x-access-token",
    "x-token-auth",
    "gitlab-ci-token",
    "private-token",
    "__token__",
    "git",
];

/// An exported bundle: the file's text, and what was left out and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct BundleExport {
    pub bundle: super::Bundle,
    /// The TOML text of the file.
    pub toml: String,
    /// What was left out (a key pointing at a local path...), by code.
    pub omitted: Vec<Omission>,
}

/// The settings the user made (GOENV file or OS environment) for the keys a bundle may carry,
/// the custom mirrors (CA files inlined) and the hosts (logins only when generic).
pub fn export(ctx: &Context, name: &str) -> Result<BundleExport> {
    let env = ctx.env();
    let mut omitted = Vec::new();
    let private = PrivateWords::of(ctx);
    let mut go_env = BTreeMap::new();
    for key in ALLOWED_GO_ENV {
        let Some(value) = user_value(ctx, key) else {
            continue;
        };
        let Some(value) = scrub_value(key, &value, &mut omitted) else {
            continue;
        };
        if let Some(word) = private.found_in(&value) {
            omitted.push(Omission::new(word, *key));
            continue;
        }
        go_env.insert(key.to_string(), value);
    }
    let mut mirrors = Vec::new();
    for m in mirror_config::load(env)?.mirrors {
        let ca_pem = match &m.ca_file {
            None => None,
            Some(file) => match std::fs::read_to_string(file) {
                Ok(pem) if super::validate::check_ca("ca_pem", &pem).is_ok() => Some(pem),
                _ => {
                    omitted.push(Omission::new(OmissionCode::UnreadableCa, &m.name));
                    None
                }
            },
        };
        if let Some(word) = private.found_in(&m.url) {
            omitted.push(Omission::new(word, &m.name));
            continue;
        }
        mirrors.push(BundleMirror {
            name: m.name,
            url: m.url,
            ca_pem,
        });
    }
    let mut bundle_hosts = Vec::new();
    for h in hosts::load(env)? {
        let login = if GENERIC_LOGINS.contains(&h.user.as_str()) {
            Some(h.user.clone())
        } else {
            omitted.push(Omission::new(OmissionCode::PersonalLogin, &h.prefix));
            None
        };
        bundle_hosts.push(BundleHost {
            host: h.prefix,
            login,
            auth: match h.scheme {
                AuthScheme::Basic => HostAuth::Basic,
                AuthScheme::Bearer => HostAuth::Bearer,
            },
            token_help: None,
            token_url: None,
        });
    }
    let bundle = Bundle {
        format: FORMAT_V1.to_string(),
        name: name.to_string(),
        version: None,
        description: None,
        min_go: None,
        go_env,
        mirrors,
        hosts: bundle_hosts,
        docker: None,
        verify: None,
    };
    let toml = toml::to_string(&bundle)
        .map_err(|e| Error::new(ErrorCode::Corrupt, format!("cannot encode the bundle: {e}")))?;
    // What we write must be what we read: the exported file passes every rule.
    super::parse(toml.as_bytes()).map_err(Error::from)?;
    Ok(BundleExport {
        bundle,
        toml,
        omitted,
    })
}

/// The value the user set (OS environment or GOENV file), not Go's default.
fn user_value(ctx: &Context, key: &str) -> Option<String> {
    match ctx.detection().settings.iter().find(|s| s.key == key) {
        Some(s) => matches!(
            s.source,
            SettingSource::Environment | SettingSource::GoenvFile
        )
        .then(|| s.value.clone())
        .filter(|v| !v.is_empty()),
        // Keys the detection does not list (GOVCS): the OS environment, else the GOENV file.
        None => ctx.env().non_empty(key).map(str::to_string).or_else(|| {
            let state = crate::detect::GoenvState::read(ctx.env());
            state
                .file
                .and_then(|f| f.get(key))
                .filter(|v| !v.is_empty())
        }),
    }
}

/// The value without local paths and credentials; `None` when nothing is left.
fn scrub_value(key: &str, value: &str, omitted: &mut Vec<Omission>) -> Option<String> {
    match key {
        "GOPROXY" => {
            let mut out = String::new();
            let mut rest = value;
            while !rest.is_empty() {
                let (entry, sep) = match rest.find([',', '|']) {
                    Some(i) => (&rest[..i], &rest[i..=i]),
                    None => (rest, ""),
                };
                rest = &rest[entry.len() + sep.len()..];
                let entry = entry.trim();
                if entry.to_ascii_lowercase().starts_with("file:") {
                    omitted.push(Omission::new(OmissionCode::FileProxy, key));
                    continue;
                }
                out.push_str(&without_userinfo(entry, key, omitted));
                out.push_str(sep);
            }
            let out = out.trim_end_matches([',', '|']).to_string();
            (!out.is_empty()).then_some(out)
        }
        "GOSUMDB" => Some(
            value
                .split_whitespace()
                .map(|f| without_userinfo(f, key, omitted))
                .collect::<Vec<_>>()
                .join(" "),
        ),
        "GOAUTH" => {
            let kept: Vec<String> = goauth_entries(value)
                .iter()
                .filter_map(|e| match e.method {
                    GoauthMethod::Netrc | GoauthMethod::Off => Some(e.text.to_string()),
                    GoauthMethod::Command if is_our_helper(e.text) => {
                        Some(super::validate::GOAUTH_KEYCHAIN.to_string())
                    }
                    _ => {
                        omitted.push(
                            Omission::new(OmissionCode::LocalCommand, key).with_item(e.program()),
                        );
                        None
                    }
                })
                .collect();
            (!kept.is_empty()).then(|| kept.join(";"))
        }
        "GOFLAGS" => {
            let fields = quoted_split(value).ok()?;
            let kept: Vec<String> = fields
                .into_iter()
                .filter(|f| {
                    let path = f
                        .split_once('=')
                        .is_some_and(|(_, v)| v.contains(['/', '\\']) || v.starts_with(['~', '.']));
                    if path {
                        omitted.push(Omission::new(OmissionCode::LocalPathFlag, key).with_item(f));
                    }
                    !path
                })
                .map(|f| {
                    if f.contains([' ', '\t', '"']) {
                        format!("'{f}'")
                    } else {
                        f
                    }
                })
                .collect();
            (!kept.is_empty()).then(|| kept.join(" "))
        }
        _ => Some(value.to_string()),
    }
}

/// This app's GOAUTH helper (`<path>/goproxy-assistant goauth`, or the desktop binary).
fn is_our_helper(entry: &str) -> bool {
    let words: Vec<&str> = entry.split_whitespace().collect();
    let program = words.first().copied().unwrap_or_default();
    let file = program.rsplit(['/', '\\']).next().unwrap_or_default();
    words.len() == 2 && words[1] == "goauth" && file.starts_with("goproxy-assistant")
}

fn without_userinfo(url: &str, key: &str, omitted: &mut Vec<Omission>) -> String {
    if !url_parts(url).is_ok_and(|p| p.has_userinfo) {
        return url.to_string();
    }
    omitted.push(Omission::new(OmissionCode::UrlCredentials, key));
    match url.split_once("://") {
        Some((scheme, rest)) => {
            let at = rest.find('/').unwrap_or(rest.len());
            let authority = &rest[..at];
            let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
            format!("{scheme}://{host}{}", &rest[at..])
        }
        None => url.to_string(),
    }
}

/// The user's name, home directory and the machine's name: none may appear in an export.
struct PrivateWords(Vec<(String, OmissionCode)>);

impl PrivateWords {
    fn of(ctx: &Context) -> PrivateWords {
        let env = ctx.env();
        let mut words = Vec::new();
        for var in ["HOME", "USERPROFILE"] {
            if let Some(v) = env.non_empty(var).filter(|v| v.len() > 1) {
                words.push((v.to_string(), OmissionCode::HomeDirectory));
            }
        }
        for var in ["USER", "LOGNAME", "USERNAME"] {
            if let Some(v) = env.non_empty(var).filter(|v| v.len() >= 3) {
                words.push((v.to_string(), OmissionCode::UserName));
            }
        }
        if let Some(h) = machine_name().filter(|h| h.len() >= 3) {
            words.push((h, OmissionCode::MachineName));
        }
        PrivateWords(words)
    }

    /// What private word `text` holds (as a whole word), if any.
    fn found_in(&self, text: &str) -> Option<OmissionCode> {
        self.0.iter().find_map(|(word, what)| {
            text.match_indices(word.as_str())
                .any(|(i, _)| {
                    let before = text[..i].chars().next_back();
                    let after = text[i + word.len()..].chars().next();
                    let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
                    boundary(before) && boundary(after)
                })
                .then_some(*what)
        })
    }
}

#[cfg(unix)]
fn machine_name() -> Option<String> {
    let mut buf = [0u8; 256];
    // SAFETY: the buffer is valid for its length; gethostname NUL-terminates on success.
    let rc = unsafe { libc::gethostname(buf.as_mut_ptr().cast(), buf.len()) };
    if rc != 0 {
        return None;
    }
    let end = buf.iter().position(|b| *b == 0).unwrap_or(buf.len());
    String::from_utf8(buf[..end].to_vec()).ok()
}

#[cfg(not(unix))]
fn machine_name() -> Option<String> {
    std::env::var("COMPUTERNAME").ok()
}
