//! The value rules of a parsed bundle: each field checked by the rules the rest of the app uses
//! for it (the go env store's `validate_value`, Go's GOPROXY/GOSUMDB/GOAUTH parsers, the mirror
//! list's names and URLs, the host index's host names), plus the rules only a bundle has: no
//! local paths (`file://` GOPROXY, `git DIR` GOAUTH), no credentials in any URL.

use super::model::{Bundle, ALLOWED_GO_ENV};
use super::refusal::{Refusal, RefusalCode};
use crate::goenv::goauth::{check_goauth, goauth_entries, GoauthMethod};
use crate::goenv::remote::url_parts;
use crate::goenv::values::validate_value;
use crate::goversion::GoVersion;
use crate::net::HttpUrl;
use std::collections::HashSet;

/// The symbolic GOAUTH entry that apply turns into this app's own helper command.
pub const GOAUTH_KEYCHAIN: &str = "keychain";
/// `name` is 1-80 characters.
pub const MAX_NAME_CHARS: usize = 80;
const MAX_SHORT_TEXT_CHARS: usize = 80;
const MAX_HELP_CHARS: usize = 500;

/// The first broken value rule, if any.
pub fn check(bundle: &Bundle) -> Result<(), Refusal> {
    let name_chars = bundle.name.chars().count();
    if bundle.name.trim().is_empty() || name_chars > MAX_NAME_CHARS {
        return Err(Refusal::new(
            RefusalCode::InvalidName,
            "name",
            format!("name is 1-{MAX_NAME_CHARS} printable characters (this one has {name_chars})"),
        ));
    }
    if let Some(v) = &bundle.version {
        short_text("version", v)?;
    }
    if let Some(v) = &bundle.min_go {
        go_release("min_go", v)?;
    }
    for (key, value) in &bundle.go_env {
        check_env(key, value)?;
    }
    check_mirrors(bundle)?;
    check_hosts(bundle)?;
    if let Some(v) = bundle.docker.as_ref().and_then(|d| d.go_version.as_ref()) {
        go_release("docker.go_version", v)?;
    }
    if let Some(v) = &bundle.verify {
        module_query("verify.module", &v.module)?;
    }
    Ok(())
}

fn invalid(field: &str, rule: impl Into<String>) -> Refusal {
    Refusal::new(RefusalCode::InvalidField, field, rule)
}

fn short_text(field: &str, value: &str) -> Result<(), Refusal> {
    if value.chars().count() > MAX_SHORT_TEXT_CHARS {
        return Err(invalid(
            field,
            format!("at most {MAX_SHORT_TEXT_CHARS} characters"),
        ));
    }
    Ok(())
}

/// `1.21` or `1.21.3` (what `go.mod`'s go line and Docker tags use).
fn go_release(field: &str, value: &str) -> Result<(), Refusal> {
    let parts: Vec<&str> = value.split('.').collect();
    let number = |p: &str| {
        !p.is_empty()
            && p.len() <= 4
            && p.bytes().all(|b| b.is_ascii_digit())
            && !(p.len() > 1 && p.starts_with('0'))
    };
    if !(2..=3).contains(&parts.len()) || parts[0] != "1" || !parts.iter().all(|p| number(p)) {
        return Err(invalid(field, "a Go release written like 1.21 or 1.21.3"));
    }
    Ok(())
}

/// `module/path@version`, safe to hand to `go mod download` (never starts with `-`).
fn module_query(field: &str, value: &str) -> Result<(), Refusal> {
    let rule = "a module path and version like example.com/team/lib@latest or @v1.2.3";
    let Some((path, version)) = value.split_once('@') else {
        return Err(invalid(field, rule));
    };
    let path_ok = !path.is_empty()
        && !path.starts_with(['-', '/', '.'])
        && !path.ends_with('/')
        && !path.contains("//")
        && !path.split('/').any(|e| e == "." || e == "..")
        && path.split('/').next().is_some_and(|h| h.contains('.'))
        && path
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._~/+".contains(&b));
    let version_ok = !version.is_empty()
        && !version.starts_with('-')
        && version
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._+/".contains(&b));
    if !path_ok || !version_ok {
        return Err(invalid(field, rule));
    }
    Ok(())
}

fn check_env(key: &str, value: &str) -> Result<(), Refusal> {
    let field = format!("go_env.{key}");
    if !ALLOWED_GO_ENV.contains(&key) {
        let hint = if ALLOWED_GO_ENV.contains(&key.to_ascii_uppercase().as_str()) {
            " (names are upper case)"
        } else {
            ""
        };
        return Err(Refusal::new(
            RefusalCode::KeyNotAllowed,
            field,
            format!("a bundle may set only {}{hint}", ALLOWED_GO_ENV.join(", ")),
        ));
    }
    match key {
        "GOPROXY" => check_goproxy_entries(&field, value)?,
        "GOSUMDB" => {
            if let Some(url) = value.split_whitespace().nth(1) {
                no_credentials(&field, url)?;
            }
        }
        "GOAUTH" => return check_goauth_value(&field, value),
        _ => {}
    }
    go_rules(&field, key, value)
}

/// The go env store's rules, for the newest Go (a bundle is written for many machines).
fn go_rules(field: &str, key: &str, value: &str) -> Result<(), Refusal> {
    validate_value(key, value, GoVersion::NEWEST_KNOWN)
        .map_err(|e| Refusal::new(RefusalCode::InvalidValue, field, e.message))
}

/// Every entry Go splits out (`,` and `|`, trimmed, any case): no local path, no credentials.
fn check_goproxy_entries(field: &str, value: &str) -> Result<(), Refusal> {
    for raw in value
        .split([',', '|'])
        .map(str::trim)
        .filter(|e| !e.is_empty())
    {
        let lower = raw.to_ascii_lowercase();
        if lower.starts_with("file:") {
            return Err(Refusal::new(
                RefusalCode::GoproxyFileUrl,
                field,
                "file:// proxies name a local path, which means nothing on another machine",
            ));
        }
        if raw.contains('@') {
            let url = if raw.contains("://") {
                raw.to_string()
            } else {
                format!("https://{raw}")
            };
            no_credentials(field, &url)?;
        }
    }
    Ok(())
}

/// A user name or password in a URL is refused (also when the URL is otherwise broken).
fn no_credentials(field: &str, url: &str) -> Result<(), Refusal> {
    let authority = url
        .split_once("://")
        .map_or(url, |(_, rest)| rest)
        .split(['/', '?', '#'])
        .next()
        .unwrap_or_default();
    let has_user = url_parts(url).is_ok_and(|p| p.has_userinfo) || authority.contains('@');
    if has_user {
        return Err(Refusal::new(
            RefusalCode::UrlCredentials,
            field,
            "a URL in a bundle may not hold a user name or password; tokens are entered per person and kept in the keychain",
        ));
    }
    Ok(())
}

/// `netrc`, `off`, the symbolic `keychain`, or Go's other methods (a command needs acceptance;
/// `git DIR` names a local path and is refused).
fn check_goauth_value(field: &str, value: &str) -> Result<(), Refusal> {
    let entries = goauth_entries(value);
    if entries
        .iter()
        .any(|e| matches!(e.method, GoauthMethod::Git { .. }))
    {
        return Err(Refusal::new(
            RefusalCode::GoauthGitDir,
            field,
            "GOAUTH `git DIR` names a local directory, which means nothing on another machine",
        ));
    }
    let keychain = entries.iter().filter(|e| e.text == GOAUTH_KEYCHAIN).count();
    let rest: Vec<&str> = entries
        .iter()
        .filter(|e| e.text != GOAUTH_KEYCHAIN)
        .map(|e| e.text)
        .collect();
    if keychain > 1 {
        return Err(Refusal::new(
            RefusalCode::InvalidValue,
            field,
            "GOAUTH names keychain twice",
        ));
    }
    if keychain == 1 && rest.contains(&"off") {
        return Err(Refusal::new(
            RefusalCode::InvalidValue,
            field,
            "GOAUTH=off cannot be combined with other authentication commands",
        ));
    }
    if rest.is_empty() {
        return Ok(());
    }
    check_goauth(&rest.join(";")).map_err(|e| Refusal::new(RefusalCode::InvalidValue, field, e))
}

fn check_mirrors(bundle: &Bundle) -> Result<(), Refusal> {
    let mut names = HashSet::new();
    for (i, m) in bundle.mirrors.iter().enumerate() {
        let at = |f: &str| format!("mirrors[{i}].{f}");
        if let Some(why) = crate::mirrors::config::name_problem(&m.name) {
            return Err(invalid(&at("name"), why));
        }
        if !names.insert(m.name.to_ascii_lowercase()) {
            return Err(Refusal::new(
                RefusalCode::DuplicateMirror,
                at("name"),
                format!(
                    "two mirrors are named {:?} (names are compared without case)",
                    m.name
                ),
            ));
        }
        no_credentials(&at("url"), &m.url)?;
        HttpUrl::parse(&m.url, "url").map_err(|e| invalid(&at("url"), e.message))?;
        if let Some(pem) = &m.ca_pem {
            check_ca(&at("ca_pem"), pem)?;
        }
    }
    Ok(())
}

/// One or more PEM certificates that parse as X.509, and nothing else.
pub(crate) fn check_ca(field: &str, pem: &str) -> Result<(), Refusal> {
    use rustls_pki_types::pem::PemObject;
    use rustls_pki_types::CertificateDer;
    let refuse = |why: &str| Refusal::new(RefusalCode::InvalidCa, field, why.to_string());
    let labels: Vec<&str> = pem
        .lines()
        .filter_map(|l| l.trim().strip_prefix("-----BEGIN "))
        .collect();
    if labels.is_empty() {
        return Err(refuse(
            "no PEM certificate (-----BEGIN CERTIFICATE-----) found",
        ));
    }
    if labels.iter().any(|l| *l != "CERTIFICATE-----") {
        return Err(refuse(
            "a CA holds only certificates (-----BEGIN CERTIFICATE-----), never a key",
        ));
    }
    let certs: Vec<CertificateDer<'static>> =
        match CertificateDer::pem_slice_iter(pem.as_bytes()).collect() {
            Ok(c) => c,
            Err(_) => return Err(refuse("the PEM text does not decode")),
        };
    if certs.len() != labels.len() {
        return Err(refuse("a certificate block does not decode"));
    }
    let mut store = rustls::RootCertStore::empty();
    let (_, ignored) = store.add_parsable_certificates(certs);
    if ignored > 0 {
        return Err(refuse("a certificate does not parse as X.509"));
    }
    Ok(())
}

fn check_hosts(bundle: &Bundle) -> Result<(), Refusal> {
    let mut seen = HashSet::new();
    for (i, h) in bundle.hosts.iter().enumerate() {
        let at = |f: &str| format!("hosts[{i}].{f}");
        if h.host.contains('@') {
            return Err(Refusal::new(
                RefusalCode::UrlCredentials,
                at("host"),
                "a host is a name like git.acme.example, never with a user name or password",
            ));
        }
        let host =
            crate::hosts::normalize_host(&h.host).map_err(|e| invalid(&at("host"), e.message))?;
        if !seen.insert(host.clone()) {
            return Err(Refusal::new(
                RefusalCode::DuplicateHost,
                at("host"),
                format!("{host} is listed twice"),
            ));
        }
        if let Some(login) = &h.login {
            crate::netrc::check_value("login", login)
                .map_err(|e| invalid(&at("login"), e.message))?;
            short_text(&at("login"), login)?;
        }
        if let Some(help) = &h.token_help {
            if help.chars().count() > MAX_HELP_CHARS {
                return Err(invalid(
                    &at("token_help"),
                    format!("at most {MAX_HELP_CHARS} characters"),
                ));
            }
        }
        if let Some(url) = &h.token_url {
            no_credentials(&at("token_url"), url)?;
            super::source::https_url(url, "token_url")
                .map_err(|e| invalid(&at("token_url"), e.message))?;
        }
    }
    Ok(())
}
