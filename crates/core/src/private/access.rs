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

mod http;
mod report;

pub use report::{
    AccessAction, AccessDetail, AccessFailure, AccessReport, AccessStep, AccessSummary,
};

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
        let host = crate::hosts::HostEntry {
            prefix,
            user: login,
            scheme: crate::hosts::AuthScheme::Basic,
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
                  summary: AccessSummary,
                  route: PathExplanation| AccessReport {
        module: module.to_string(),
        ok,
        failure,
        route,
        steps,
        summary,
    };
    let step_failed = |failure: Option<AccessFailure>, steps, route| {
        finish(false, failure, steps, AccessSummary::StepFailed, route)
    };
    let module_owned = module.to_string();
    if route.checksum_db {
        return Ok(finish(
            false,
            Some(AccessFailure::PatternNotMatched),
            steps,
            AccessSummary::PatternNotMatched {
                module: module_owned,
            },
            route,
        ));
    }
    let client = http::Client::new(env);
    match route.route.clone() {
        FetchRoute::Off | FetchRoute::Invalid { .. } => Ok(finish(
            false,
            Some(AccessFailure::RouteClosed),
            steps,
            AccessSummary::NoRoute {
                module: module_owned,
            },
            route,
        )),
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
                    let summary = AccessSummary::ReachableThroughProxy {
                        module: module_owned,
                        proxy: crate::redact::url_userinfo(base),
                    };
                    return Ok(finish(true, None, steps, summary, route));
                }
                last = failure.unwrap_or(AccessFailure::ProxyRefused);
                if last != AccessFailure::NotFound {
                    break;
                }
            }
            let summary = if then_direct && last == AccessFailure::NotFound {
                AccessSummary::NotFoundThenDirect
            } else {
                AccessSummary::StepFailed
            };
            Ok(finish(false, Some(last), steps, summary, route))
        }
        FetchRoute::Direct { .. } => {
            let host = module.split('/').next().unwrap_or_default();
            let page = format!("https://{module}?go-get=1");
            let auth = credential_header(env, keychain, &page)?;
            let (ok, failure, step, repo) = probe(&client, &page, auth.as_ref());
            steps.push(step);
            if !ok {
                return Ok(step_failed(failure, steps, route));
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
            steps.push(step);
            if !ok {
                return Ok(step_failed(failure, steps, route));
            }
            // Our request carried the token; go's git only has it through a credential helper.
            // Ask once without it: a public repository needs nothing from git.
            if auth.is_some() && !probe(&client, &refs, None).0 {
                let step = git_step(env, &repo);
                let ok = step.ok;
                steps.push(step);
                if !ok {
                    let failure = Some(AccessFailure::GitNoCredential);
                    return Ok(step_failed(failure, steps, route));
                }
            }
            let summary = AccessSummary::ReachableDirect {
                module: module_owned,
                repo,
            };
            Ok(finish(true, None, steps, summary, route))
        }
    }
}

/// Whether git, run by the go command, would get a credential for `repo`.
fn git_step(env: &SysEnv, repo: &str) -> AccessStep {
    use super::git_config::{credential_source, GitCredentialSource as Source};
    let host = split_url(repo).map(|(_, h)| h).unwrap_or_default();
    let repo = repo.to_string();
    let (ok, detail) = match credential_source(env, &repo) {
        Source::AppHelper => (true, AccessDetail::GitAppHelper { repo: repo.clone() }),
        Source::OtherHelper { helper } => (
            true,
            AccessDetail::GitOtherHelper {
                repo: repo.clone(),
                host,
                helper,
            },
        ),
        Source::Ssh { base } => (true, AccessDetail::GitSsh { host, base }),
        Source::Nothing => (
            false,
            AccessDetail::GitNothing {
                repo: repo.clone(),
                host,
            },
        ),
        Source::GitMissing => (false, AccessDetail::GitMissing { repo: repo.clone() }),
    };
    AccessStep {
        action: AccessAction::GitCredential { repo },
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
    let action = AccessAction::Get {
        url: shown.clone(),
        credential: auth.is_some(),
    };
    match client.get(url, auth) {
        Err((failure, error)) => {
            // The network layer's text names the URL first; the detail carries it apart.
            let prefix = format!("{shown}: ");
            let error = error.strip_prefix(&prefix).unwrap_or(&error).to_string();
            let step = AccessStep {
                action,
                ok: false,
                status: None,
                detail: AccessDetail::Network { url: shown, error },
            };
            (false, Some(failure), step, String::new())
        }
        Ok(resp) => {
            let status = resp.status;
            let (failure, detail) = match status {
                200..=299 => (
                    None,
                    AccessDetail::HttpOk {
                        url: shown,
                        status,
                        bytes: u32::try_from(resp.body_text.len()).unwrap_or(u32::MAX),
                    },
                ),
                401 if auth.is_none() => (
                    Some(AccessFailure::NoCredential),
                    AccessDetail::NoCredential { url: shown },
                ),
                401 => (
                    Some(AccessFailure::Unauthorized),
                    AccessDetail::Unauthorized { url: shown },
                ),
                403 => (
                    Some(AccessFailure::Forbidden),
                    AccessDetail::Forbidden { url: shown },
                ),
                404 | 410 => (
                    Some(AccessFailure::NotFound),
                    AccessDetail::NotFound { url: shown, status },
                ),
                _ => (
                    Some(AccessFailure::ProxyRefused),
                    AccessDetail::HttpStatus { url: shown, status },
                ),
            };
            let ok = failure.is_none();
            let step = AccessStep {
                action,
                ok,
                status: Some(status),
                detail,
            };
            (ok, failure, step, resp.body_text)
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
