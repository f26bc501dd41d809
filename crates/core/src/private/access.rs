//! "Test access": fetch a private module path the way the go command would route it and report
//! success or the exact step that failed. Proxy route: `GET <proxy>/<escaped path>/@v/list`
//! with the host's credential (keychain, else .netrc). Direct route: the `?go-get=1` page, then
//! git's `info/refs` with the credential git would get from our helper.

use crate::auth::{authorization, credential_for, split_url};
use crate::context::Context;
use crate::mirrors::modules::case_encode;
use crate::patterns::{explain_path, FetchRoute, PathExplanation};
use crate::secrets::{Keychain, Secret};
use crate::sysenv::SysEnv;
use crate::{Error, Result};
use serde::Serialize;
use ts_rs::TS;

mod http;

/// Why access failed (stable; the UI translates by code).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum AccessFailure {
    /// The path matches neither GOPRIVATE nor GONOSUMDB: the public checksum database would be asked.
    PatternNotMatched,
    /// GOPROXY=off (or invalid) and the path is not fetched directly.
    RouteClosed,
    /// No credential is stored for the host that asked for one (401).
    NoCredential,
    /// 401 although a credential was sent: the token is wrong or expired.
    Unauthorized,
    /// 403: the token lacks access to this module.
    Forbidden,
    /// 404/410 on every proxy: the module is not there (or the host hides it).
    NotFound,
    /// Another HTTP status (5xx...) or an unusable answer.
    ProxyRefused,
    Tls,
    Dns,
    Connect,
    Timeout,
    /// The repository needs a credential and the server took ours, but git (which the go
    /// command runs for a direct fetch) has no helper that would give it one.
    GitNoCredential,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct AccessStep {
    /// What was tried, in one line (`GET https://proxy/…/@v/list with a token`).
    pub action: String,
    pub ok: bool,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    pub detail: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct AccessReport {
    pub module: String,
    pub ok: bool,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub failure: Option<AccessFailure>,
    pub route: PathExplanation,
    pub steps: Vec<AccessStep>,
    /// The verdict in one line.
    pub summary: String,
}

/// Refuses what cannot be a module path (schemes, spaces, `..`, no dot in the first element).
pub(crate) fn check_module_path(path: &str) -> Result<()> {
    let ok = !path.is_empty()
        && path.is_ascii()
        && !path.contains("://")
        && !path.starts_with('/')
        && !path.contains(|c: char| c.is_whitespace() || c.is_control() || "@\\\"'`;,".contains(c))
        && path
            .split('/')
            .all(|e| !e.is_empty() && e != "." && e != "..")
        && path.split('/').next().is_some_and(|h| h.contains('.'));
    if ok {
        Ok(())
    } else {
        Err(Error::invalid(
            "module",
            format!("{path:?} is not a module path like git.corp.example.com/team/lib"),
        ))
    }
}

/// The credential the go command would send to `url` (https only): keychain first, then .netrc.
fn credential_header(env: &SysEnv, keychain: &Keychain, url: &str) -> Result<Option<Secret>> {
    let Some(("https", prefix)) = split_url(url) else {
        return Ok(None);
    };
    if let Some((host, token)) = credential_for(env, keychain, &prefix)? {
        return Ok(Some(authorization(&host, &token)));
    }
    let netrc = crate::netrc::lookup(env, &prefix).ok().flatten();
    Ok(netrc.map(|(login, token)| {
        let host = crate::secrets::HostEntry {
            prefix,
            user: login,
            scheme: crate::secrets::AuthScheme::Basic,
            netrc: true,
            token_set_ms: 0,
        };
        authorization(&host, &token)
    }))
}

/// Tests access to `module` through the configured route.
pub fn test_access(ctx: &Context, keychain: &Keychain, module: &str) -> Result<AccessReport> {
    let env = ctx.env();
    check_module_path(module)?;
    let route = explain_path(module, &ctx.detection().settings);
    let mut steps = Vec::new();
    let finish = |ok: bool,
                  failure: Option<AccessFailure>,
                  steps: Vec<AccessStep>,
                  summary: String,
                  route: PathExplanation| AccessReport {
        module: module.to_string(),
        ok,
        failure,
        route,
        steps,
        summary,
    };
    if route.checksum_db {
        let summary = format!("{module} matches neither GOPRIVATE nor GONOSUMDB: the public checksum database would be asked about it and fail; add a pattern with `private add`");
        return Ok(finish(
            false,
            Some(AccessFailure::PatternNotMatched),
            steps,
            summary,
            route,
        ));
    }
    let client = http::Client::new(env);
    match route.route.clone() {
        FetchRoute::Off | FetchRoute::Invalid { .. } => {
            let summary = format!("no route: {}", route.summary);
            Ok(finish(
                false,
                Some(AccessFailure::RouteClosed),
                steps,
                summary,
                route,
            ))
        }
        FetchRoute::Proxies { urls, then_direct } => {
            let mut last = AccessFailure::NotFound;
            for base in &urls {
                let url = format!(
                    "{}/{}/@v/list",
                    base.trim_end_matches('/'),
                    case_encode(module)
                );
                let auth = credential_header(env, keychain, &url)?;
                let (ok, failure, step, _) = probe(&client, &url, auth.as_ref());
                steps.push(step);
                if ok {
                    let summary = format!(
                        "{module} is reachable through {}",
                        crate::redact::url_userinfo(base)
                    );
                    return Ok(finish(true, None, steps, summary, route));
                }
                last = failure.unwrap_or(AccessFailure::ProxyRefused);
                if last != AccessFailure::NotFound {
                    break;
                }
            }
            let hint = if then_direct && last == AccessFailure::NotFound {
                "; the go command would then try version control directly (add the path to GONOPROXY/GOPRIVATE to go there first)"
            } else {
                ""
            };
            let detail = steps.last().map(|s| s.detail.clone()).unwrap_or_default();
            Ok(finish(
                false,
                Some(last),
                steps,
                format!("{detail}{hint}"),
                route,
            ))
        }
        FetchRoute::Direct { .. } => {
            let host = module.split('/').next().unwrap_or_default();
            let page = format!("https://{module}?go-get=1");
            let auth = credential_header(env, keychain, &page)?;
            let (ok, failure, step, repo) = probe(&client, &page, auth.as_ref());
            steps.push(step);
            if !ok {
                let detail = steps.last().map(|s| s.detail.clone()).unwrap_or_default();
                return Ok(finish(false, failure, steps, detail, route));
            }
            let repo = http::go_import_repo(&repo, module).unwrap_or_else(|| {
                format!(
                    "https://{host}/{}",
                    module.split('/').take(3).collect::<Vec<_>>()[1..].join("/")
                )
            });
            let refs = format!(
                "{}/info/refs?service=git-upload-pack",
                repo.trim_end_matches('/')
            );
            let auth = credential_header(env, keychain, &refs)?;
            let (ok, failure, step, _) = probe(&client, &refs, auth.as_ref());
            let detail = step.detail.clone();
            steps.push(step);
            if !ok {
                return Ok(finish(false, failure, steps, detail, route));
            }
            // Our request carried the token; go's git only has it through a credential helper.
            // Ask once without it: a public repository needs nothing from git.
            if auth.is_some() && !probe(&client, &refs, None).0 {
                let step = git_step(env, &repo);
                let ok = step.ok;
                let summary = step.detail.clone();
                steps.push(step);
                if !ok {
                    return Ok(finish(
                        false,
                        Some(AccessFailure::GitNoCredential),
                        steps,
                        summary,
                        route,
                    ));
                }
            }
            let summary = format!("{module} is reachable directly from {repo}");
            Ok(finish(true, None, steps, summary, route))
        }
    }
}

/// Whether git, run by the go command, would get a credential for `repo`.
fn git_step(env: &SysEnv, repo: &str) -> AccessStep {
    use super::git_config::{credential_source, GitCredentialSource as Source};
    let host = split_url(repo).map(|(_, h)| h).unwrap_or_default();
    let (ok, detail) = match credential_source(env, repo) {
        Source::AppHelper => (true, format!("git asks goproxy-assistant (the keychain) for {repo}")),
        Source::OtherHelper { helper } => (true, format!("git asks its own credential helper `{helper}` for {repo}; it must know a token for {host}")),
        Source::Ssh { base } => (true, format!("git fetches {host} over SSH ({base}), with your SSH keys")),
        Source::Nothing => (false, format!("git has no credential helper for {repo}, so the go command's git cannot log in; let git use the keychain with `private git-helper https://{host}`")),
        Source::GitMissing => (false, format!("git is not installed; the go command needs it to fetch {repo} directly")),
    };
    AccessStep {
        action: format!("git credential for {repo}"),
        ok,
        status: None,
        detail,
    }
}

/// One GET, classified.
fn probe(
    client: &http::Client,
    url: &str,
    auth: Option<&Secret>,
) -> (bool, Option<AccessFailure>, AccessStep, String) {
    let shown = crate::redact::url_userinfo(url);
    let action = format!(
        "GET {shown}{}",
        if auth.is_some() {
            " with a credential"
        } else {
            " without a credential"
        }
    );
    match client.get(url, auth) {
        Err((failure, detail)) => (
            false,
            Some(failure),
            AccessStep {
                action,
                ok: false,
                status: None,
                detail,
            },
            String::new(),
        ),
        Ok(resp) => {
            let (ok, failure, detail) = match resp.status {
                200..=299 => (true, None, format!("{shown}: {} ({} bytes)", resp.status, resp.body_text.len())),
                401 if auth.is_none() => (false, Some(AccessFailure::NoCredential), format!("{shown}: 401 Unauthorized and no credential is stored for this host; add one with `token set`")),
                401 => (false, Some(AccessFailure::Unauthorized), format!("{shown}: 401 Unauthorized although a credential was sent: the token is wrong or expired; replace it with `token set`")),
                403 => (false, Some(AccessFailure::Forbidden), format!("{shown}: 403 Forbidden: the token has no access to this module (check its scope)")),
                404 | 410 => (false, Some(AccessFailure::NotFound), format!("{shown}: {} not found", resp.status)),
                s => (false, Some(AccessFailure::ProxyRefused), format!("{shown}: HTTP {s}")),
            };
            (
                ok,
                failure,
                AccessStep {
                    action,
                    ok,
                    status: Some(resp.status),
                    detail,
                },
                resp.body_text,
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn module_paths() {
        assert!(check_module_path("git.corp.example.com/team/lib").is_ok());
        for bad in [
            "",
            "https://x.com/a",
            "x.com/../a",
            "nodot/a",
            "x.com/a b",
            "x.com//a",
        ] {
            assert!(check_module_path(bad).is_err(), "{bad}");
        }
    }
}
