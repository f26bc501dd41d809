//! Private modules: the pattern settings (GOPRIVATE, GONOPROXY, GONOSUMDB, GOINSECURE), hosts
//! with tokens, GOAUTH / git helper setup, and the access test. Every operation is a plain
//! function returning a serialisable result, for the CLI and the desktop page alike.

pub mod access;
pub mod credentials;
pub mod git_config;
mod git_urlmatch;
pub mod setup;

use crate::context::Context;
use crate::goenv::goauth::{goauth_entries, GoauthMethod};
use crate::goenv::remote::{parse_goproxy, ProxyKind};
use crate::goenv::EnvOp;
use crate::goenv_store::{Plan, Store};
use crate::history::Applied;
use crate::netrc::{self, NetrcStatus};
use crate::patterns::validate::check_one;
use crate::patterns::{check_list, explain_path, PathExplanation, PatternIssue, PatternKey};
use crate::secrets::Keychain;
use crate::settings::{Setting, SettingSource};
use crate::{Error, Result};
use serde::Serialize;
use ts_rs::TS;

pub use credentials::{TokenOutcome, TokenRequest, TokenStatus};

/// One pattern setting with where its value comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PatternSetting {
    pub key: PatternKey,
    pub value: String,
    pub source: SettingSource,
    /// GONOPROXY/GONOSUMDB not set: they take GOPRIVATE's value.
    pub inherited_from_goprivate: bool,
    pub patterns: Vec<String>,
    /// Problems in the current value (spaces, empty elements, duplicates...).
    pub issues: Vec<PatternIssue>,
}

/// GOAUTH as it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct GoauthStatus {
    /// The effective value (`netrc` by default); absent for Go < 1.24.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// The active Go knows GOAUTH (1.24+).
    pub supported: bool,
    /// GOAUTH runs `goproxy-assistant goauth`.
    pub helper_configured: bool,
}

/// Everything the Private modules page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PrivateOverview {
    pub patterns: Vec<PatternSetting>,
    pub hosts: Vec<TokenStatus>,
    pub goauth: GoauthStatus,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub netrc: Option<NetrcStatus>,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub netrc_error: Option<String>,
}

fn pattern_setting(settings: &[Setting], key: PatternKey) -> PatternSetting {
    let s = settings.iter().find(|s| s.key == key.name());
    let value = s.map(|s| s.value.clone()).unwrap_or_default();
    let source = s.map_or(SettingSource::Default, |s| s.source);
    PatternSetting {
        key,
        inherited_from_goprivate: matches!(key, PatternKey::Gonoproxy | PatternKey::Gonosumdb)
            && source == SettingSource::Default
            && s.and_then(|s| s.source_detail.as_deref()) == Some("GOPRIVATE"),
        patterns: value
            .split(',')
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect(),
        issues: if value.is_empty() {
            Vec::new()
        } else {
            check_list(key.name(), &value)
        },
        value,
        source,
    }
}

/// The whole picture: patterns with sources, hosts with token status, GOAUTH, the .netrc.
pub fn overview(ctx: &Context, keychain: &Keychain) -> Result<PrivateOverview> {
    let env = ctx.env();
    let detection = ctx.detection();
    let patterns = PatternKey::ALL
        .into_iter()
        .map(|k| pattern_setting(&detection.settings, k))
        .collect();
    let goauth = detection.settings.iter().find(|s| s.key == "GOAUTH");
    let supported = goauth.is_some_and(|s| s.source != SettingSource::Unsupported);
    let value = goauth.filter(|_| supported).map(|s| s.value.clone());
    let helper_configured = value.as_deref().is_some_and(|v| {
        goauth_entries(v).iter().any(|e| {
            e.method == GoauthMethod::Command
                && e.text.ends_with(" goauth")
                && e.text.contains("goproxy-assistant")
        })
    });
    // GOPROXY's module proxies: Go asks them over HTTP, so git does not matter for those hosts.
    let goproxy = detection.settings.iter().find(|s| s.key == "GOPROXY");
    let proxies: Vec<String> = goproxy
        .and_then(|s| parse_goproxy(&s.value).ok())
        .unwrap_or_default()
        .into_iter()
        .filter(|e| e.kind == ProxyKind::Url)
        .filter_map(|e| crate::auth::split_url(&e.url).map(|(_, host)| host))
        .collect();
    let hosts = credentials::statuses(env, keychain, None, &proxies)?;
    let (netrc, netrc_error) = match netrc::status(env) {
        Ok(s) => (Some(s), None),
        Err(e) => (None, Some(e.message)),
    };
    Ok(PrivateOverview {
        patterns,
        hosts,
        goauth: GoauthStatus {
            value,
            supported,
            helper_configured,
        },
        netrc,
        netrc_error,
    })
}

/// "Test a module path": which pattern settings apply to `module` and how Go would fetch it.
pub fn explain(ctx: &Context, module: &str) -> Result<PathExplanation> {
    access::check_module_path(module)?;
    Ok(explain_path(module, &ctx.detection().settings))
}

/// The result of a pattern change: the plan, and how it was applied (unless a dry run).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PatternChange {
    pub plan: Plan,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub applied: Option<Applied>,
}

/// The new list for `key` after adding or removing `patterns` (validated strictly).
pub fn new_pattern_value(
    current: &str,
    key: PatternKey,
    add: &[String],
    remove: &[String],
) -> Result<Option<String>> {
    let mut list: Vec<String> = current
        .split(',')
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect();
    for p in add {
        if let Some((_, why)) = check_one(p) {
            return Err(Error::invalid(
                key.name(),
                format!("{} pattern {p:?}: {why}", key.name()),
            ));
        }
        let canon = |s: &str| s.trim_end_matches('/').to_string();
        if list.iter().any(|q| canon(q) == canon(p)) {
            return Err(Error::invalid(
                key.name(),
                format!("{} already contains {p:?}", key.name()),
            ));
        }
        list.push(p.clone());
    }
    for p in remove {
        let before = list.len();
        list.retain(|q| q != p && q.trim_end_matches('/') != p.trim_end_matches('/'));
        if list.len() == before {
            return Err(Error::invalid(
                key.name(),
                format!("{} does not contain {p:?}", key.name()),
            ));
        }
    }
    if list.is_empty() {
        return Ok(None);
    }
    let value = list.join(",");
    crate::patterns::validate_list(key.name(), &value)?;
    Ok(Some(value))
}

/// Adds and/or removes patterns of `key` in the GOENV file (starting from the effective value,
/// so an inherited GONOPROXY keeps GOPRIVATE's patterns). `dry_run` only plans.
pub fn change_patterns(
    ctx: &Context,
    key: PatternKey,
    add: &[String],
    remove: &[String],
    dry_run: bool,
) -> Result<PatternChange> {
    let current = pattern_setting(&ctx.detection().settings, key).value;
    let op = match new_pattern_value(&current, key, add, remove)? {
        Some(v) => EnvOp::set(key.name(), v),
        None => EnvOp::unset(key.name()),
    };
    let store = Store::open(ctx)?;
    let plan = store.plan(std::slice::from_ref(&op))?;
    let applied = if dry_run {
        None
    } else {
        Some(store.apply(&[op])?)
    };
    Ok(PatternChange { plan, applied })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pattern_values() {
        let k = PatternKey::Goprivate;
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(
            new_pattern_value("", k, &s(&["a.com"]), &[]).expect("add"),
            Some("a.com".into())
        );
        assert_eq!(
            new_pattern_value("a.com", k, &s(&["*.b.com"]), &[]).expect("add"),
            Some("a.com,*.b.com".into())
        );
        assert_eq!(
            new_pattern_value("a.com,b.com", k, &[], &s(&["a.com"])).expect("rm"),
            Some("b.com".into())
        );
        assert_eq!(
            new_pattern_value("a.com", k, &[], &s(&["a.com"])).expect("rm"),
            None
        );
        for bad in [
            "a.com",
            "a.com/",
            " b.com",
            "https://b.com",
            "b.com/../c",
            "b.com,c.com",
        ] {
            let err = new_pattern_value("a.com", k, &s(&[bad]), &[]).expect_err(bad);
            assert_eq!(err.field.as_deref(), Some("GOPRIVATE"), "{bad}");
        }
        assert!(new_pattern_value("a.com", k, &[], &s(&["z.com"])).is_err());
    }
}
