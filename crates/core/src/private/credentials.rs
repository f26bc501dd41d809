//! Tokens per host: set/replace, delete, status. The token goes to the keychain; the host
//! (login, auth scheme, whether it is also in the .netrc) to `hosts.toml`; with the user's
//! explicit opt-in also to the .netrc. The file parts are one undoable history entry.
//!
//! Undo restores the files (hosts.toml, .netrc) and deletes a keychain item the change created.
//! A token that was replaced or deleted cannot come back: the journal never holds a secret, so
//! those entries say so in their summary.

use crate::change::{
    Change, ChangeLine, KeychainAction, KeychainChange, KeychainItem, LineKind, Summary,
};
use crate::context::Context;
use crate::history::{Applied, History};
use crate::hosts::{self, normalize_host};
use crate::hosts::{AuthScheme, HostEntry};
use crate::netrc;
use crate::private::git_config::{GitConfig, GitCredentialSource};
use crate::secrets::{Keychain, KeychainState, Secret};
use crate::sysenv::SysEnv;
use crate::{Error, ErrorCode, Result};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The login used when the user gives none (hosts that only look at the token).
pub const DEFAULT_USER: &str = "token";

/// What `set_token` asks for (the token travels apart from it, as a [`Secret`]).
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct TokenRequest {
    /// As typed: `host` or `host:port`.
    pub host: String,
    #[ts(optional)]
    #[serde(default)]
    pub user: Option<String>,
    pub scheme: AuthScheme,
    /// Also write the token to the .netrc (plain text; for Go < 1.24 and git/curl).
    pub netrc: bool,
}

/// The outcome of setting or deleting a token (never the token).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct TokenOutcome {
    pub host: HostEntry,
    /// The keychain item: service name and user.
    pub keychain_service: String,
    /// A token was there before (set: replaced; delete: removed).
    pub had_token: bool,
    /// How the change was recorded (undo it with the entry's id).
    pub history: Applied,
    /// What the change left alone on purpose (a .netrc entry holding another credential).
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Token status of one host.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct TokenStatus {
    pub host: HostEntry,
    pub keychain_service: String,
    /// Whether the keychain holds a token; absent when the keychain could not be asked.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stored: Option<bool>,
    /// The keychain's state; a failed call says here why (locked, unavailable, not answering).
    pub keychain: KeychainState,
    /// Why the keychain could not be asked (the UI words it from `code`).
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<Error>,
    /// Where git gets credentials for `https://<prefix>/` (direct fetches run git); absent for
    /// a host that is one of GOPROXY's module proxies, which Go reaches over HTTP, not git.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub git: Option<GitCredentialSource>,
}

/// `service (user): a token -> a token`; the values are `""` ("a token"), never the token.
fn keychain_line(prefix: &str, user: &str, old: bool, new: bool) -> ChangeLine {
    let token = |present: bool| present.then(String::new);
    ChangeLine::new(
        LineKind::Keychain,
        format!("{} ({user})", Keychain::service(prefix)),
    )
    .old(token(old))
    .new_value(token(new))
}

/// One token change: its lines, its file writes and the keychain item it acts on.
fn token_change(
    summary: Summary,
    lines: Vec<ChangeLine>,
    writes: Vec<crate::change::FileWrite>,
    keychain: &Keychain,
    prefix: &str,
    user: &str,
    action: KeychainAction,
) -> Change {
    let item = KeychainItem {
        prefix: prefix.to_string(),
        user: user.to_string(),
    };
    let mut change = Change::new(summary)
        .with_lines(lines)
        .with_keychain(KeychainChange {
            keychain: keychain.clone(),
            item,
            action,
        });
    for w in writes {
        change = change.with_write(w);
    }
    change
}

/// Stores (or replaces) the token for a host, records the host, optionally writes the .netrc.
pub fn set_token(
    ctx: &Context,
    keychain: &Keychain,
    history: &History,
    req: &TokenRequest,
    token: &Secret,
) -> Result<TokenOutcome> {
    let env = ctx.env();
    let prefix = normalize_host(&req.host)?;
    let user = req.user.clone().unwrap_or_else(|| DEFAULT_USER.to_string());
    netrc::check_value("login", &user)?;
    crate::secrets::validate_token(token)?;
    // Ask the keychain first: without one, nothing is created (not even the data dir or lock).
    keychain.exists(&prefix, &user)?;
    let lock = history.lock()?;
    let mut list = hosts::load(env)?;
    let before = list.iter().find(|h| h.prefix == prefix);
    // A host whose token is already in .netrc keeps it there: replacing only the keychain copy
    // would leave the old token in .netrc for go (and git) to send.
    let netrc = req.netrc || before.is_some_and(|h| h.netrc);
    let entry = HostEntry {
        prefix: prefix.clone(),
        user: user.clone(),
        scheme: req.scheme,
        netrc,
        // Strictly later than the last one, even within one millisecond.
        token_set_ms: ctx
            .clock()
            .now_ms()
            .max(before.map_or(0, |h| h.token_set_ms + 1)),
    };
    // Plan the file parts before touching the keychain, so bad input changes nothing.
    let netrc_change = if netrc {
        netrc::plan_set(env, &prefix, &user, token)?
    } else {
        netrc::NetrcChange::default()
    };
    let old_user = list
        .iter()
        .find(|h| h.prefix == prefix)
        .map(|h| h.user.clone());
    list.retain(|h| h.prefix != prefix);
    list.push(entry.clone());
    let mut writes = vec![hosts::write_for(env, &list)?];
    writes.extend(netrc_change.write);

    let had_token = keychain.exists(&prefix, &user)?;
    let mut lines = vec![keychain_line(&prefix, &user, had_token, true)];
    lines.extend(netrc_change.changes);
    let host = prefix.clone();
    let summary = if had_token {
        Summary::TokenReplace {
            host,
            user: user.clone(),
            netrc,
        }
    } else {
        Summary::TokenStore {
            host,
            user: user.clone(),
            netrc,
        }
    };
    let change = token_change(
        summary,
        lines,
        writes,
        keychain,
        &prefix,
        &user,
        KeychainAction::Set(token.clone()),
    );
    let history_entry = history.apply(&lock, change)?;
    // A different login for the same host leaves the old item behind: remove it.
    if let Some(old) = old_user.filter(|u| *u != user) {
        let _ = keychain.delete(&prefix, &old);
    }
    Ok(TokenOutcome {
        keychain_service: Keychain::service(&prefix),
        host: entry,
        had_token,
        history: history_entry,
        note: netrc_change.note,
    })
}

/// Deletes the host's token from the keychain, the host from `hosts.toml` and, if it was
/// written there, its .netrc entries.
pub fn delete_token(
    env: &SysEnv,
    keychain: &Keychain,
    history: &History,
    host: &str,
) -> Result<TokenOutcome> {
    let prefix = normalize_host(host)?;
    let lock = history.lock()?;
    let mut list = hosts::load(env)?;
    let Some(entry) = list.iter().find(|h| h.prefix == prefix).cloned() else {
        return Err(Error::new(
            ErrorCode::InvalidInput,
            format!("no token is recorded for {prefix}; `token status` lists the hosts"),
        )
        .with_field("host"));
    };
    let netrc_change = if entry.netrc {
        netrc::plan_remove(env, &prefix)?
    } else {
        netrc::NetrcChange::default()
    };
    list.retain(|h| h.prefix != prefix);
    let mut writes = vec![hosts::write_for(env, &list)?];
    writes.extend(netrc_change.write);
    let had = keychain.exists(&prefix, &entry.user)?;
    let mut lines = vec![keychain_line(&prefix, &entry.user, had, false)];
    lines.extend(netrc_change.changes);
    let summary = Summary::TokenDelete {
        host: prefix.clone(),
        user: entry.user.clone(),
    };
    let change = token_change(
        summary,
        lines,
        writes,
        keychain,
        &prefix,
        &entry.user,
        KeychainAction::Delete,
    );
    let history_entry = history.apply(&lock, change)?;
    Ok(TokenOutcome {
        keychain_service: Keychain::service(&prefix),
        host: entry,
        had_token: had,
        history: history_entry,
        note: netrc_change.note,
    })
}

/// Status of every recorded host (or just `host`), never the token.
pub fn token_status(
    env: &SysEnv,
    keychain: &Keychain,
    host: Option<&str>,
) -> Result<Vec<TokenStatus>> {
    statuses(env, keychain, host, &[])
}

/// [`token_status`], without asking git about `proxy_hosts` (GOPROXY's module proxies).
pub(crate) fn statuses(
    env: &SysEnv,
    keychain: &Keychain,
    host: Option<&str>,
    proxy_hosts: &[String],
) -> Result<Vec<TokenStatus>> {
    let only = host.map(normalize_host).transpose()?;
    let list = hosts::load(env)?;
    if let Some(p) = &only {
        if !list.iter().any(|h| &h.prefix == p) {
            return Err(Error::new(
                ErrorCode::InvalidInput,
                format!("no token is recorded for {p}; set one with `token set {p}`"),
            )
            .with_field("host"));
        }
    }
    // One git process for all hosts, and none when every host is a GOPROXY proxy.
    let asks_git = list
        .iter()
        .any(|h| only.as_ref().is_none_or(|p| &h.prefix == p) && !proxy_hosts.contains(&h.prefix));
    let git = asks_git.then(|| GitConfig::read(env));
    let git_source = |prefix: &str| match &git {
        Some(Some(config)) => config.credential_source(&format!("https://{prefix}/")),
        _ => GitCredentialSource::GitMissing,
    };
    let list: Vec<HostEntry> = list
        .into_iter()
        .filter(|h| only.as_ref().is_none_or(|p| &h.prefix == p))
        .collect();
    // One keychain worker for all hosts; after one failure (locked, absent, not answering
    // within the timeout) the others are reported alike instead of waiting again for each.
    let items: Vec<(String, String)> = list
        .iter()
        .map(|h| (h.prefix.clone(), h.user.clone()))
        .collect();
    let answers = keychain.exists_all(&items);
    Ok(list
        .into_iter()
        .zip(answers)
        .map(|(h, asked)| {
            let (stored, error, state) = match asked {
                Ok(b) => (Some(b), None, KeychainState::Available),
                Err(error) => {
                    let state = KeychainState::of_error(error.code).unwrap_or(keychain.state());
                    (None, Some(error), state)
                }
            };
            TokenStatus {
                git: (!proxy_hosts.contains(&h.prefix)).then(|| git_source(&h.prefix)),
                keychain_service: Keychain::service(&h.prefix),
                host: h,
                stored,
                keychain: state,
                error,
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::Clock;

    #[test]
    fn set_replace_status_delete_with_mock_keychain() {
        let dir = tempfile::tempdir().expect("tempdir");
        let home = dir.path().display().to_string();
        let netrc_path = dir.path().join(".netrc");
        let env = SysEnv::from_vars([
            ("HOME", home.clone()),
            ("NETRC", netrc_path.display().to_string()),
        ]);
        let k = Keychain::mock();
        let history = History::open(&env).expect("history");
        let req = TokenRequest {
            host: "Goproxy.Corp.example:8443".into(),
            user: Some("alice".into()),
            scheme: AuthScheme::Basic,
            netrc: false,
        };
        let ctx = Context::new(env.clone()).with_clock(Clock::fixed(1_700_000_000_000));
        let out = set_token(&ctx, &k, &history, &req, &Secret::new("t-1")).expect("set");
        assert_eq!(out.host.prefix, "goproxy.corp.example:8443");
        assert_eq!(out.host.token_set_ms, 1_700_000_000_000);
        assert!(!out.had_token);
        let again = set_token(&ctx, &k, &history, &req, &Secret::new("t-2")).expect("replace");
        assert_eq!(
            again.host.token_set_ms, 1_700_000_000_001,
            "strictly later than the last one, even within one millisecond"
        );
        assert!(again.had_token);
        let json = serde_json::to_string(&again).expect("json");
        assert!(!json.contains("t-2") && !json.contains("t-1"), "{json}");
        let st = token_status(&env, &k, None).expect("status");
        assert_eq!(st.len(), 1);
        assert_eq!(st[0].stored, Some(true));
        assert!(!netrc_path.exists(), "no .netrc without opt-in");
        // Bad input changes nothing.
        let bad = TokenRequest {
            host: "https://x".into(),
            ..req.clone()
        };
        assert!(set_token(&ctx, &k, &history, &bad, &Secret::new("t")).is_err());
        assert!(set_token(&ctx, &k, &history, &req, &Secret::new("a\nb")).is_err());
        assert_eq!(
            k.get("goproxy.corp.example:8443", "alice")
                .expect("get")
                .map(|s| s.expose().to_string()),
            Some("t-2".into())
        );
        // Opt-in .netrc, then delete removes everything.
        let with_netrc = TokenRequest {
            netrc: true,
            ..req.clone()
        };
        set_token(&ctx, &k, &history, &with_netrc, &Secret::new("t-3")).expect("netrc");
        assert!(std::fs::read_to_string(&netrc_path)
            .expect("netrc")
            .contains("machine goproxy.corp.example login alice password t-3"));
        // Replacing it without the option keeps .netrc in step: no old token is left there.
        set_token(&ctx, &k, &history, &req, &Secret::new("t-4")).expect("replace");
        let text = std::fs::read_to_string(&netrc_path).expect("netrc");
        assert!(
            text.contains("password t-4") && !text.contains("t-3"),
            "{text}"
        );
        let del = delete_token(&env, &k, &history, "goproxy.corp.example:8443").expect("delete");
        assert!(del.had_token);
        assert_eq!(std::fs::read_to_string(&netrc_path).expect("netrc"), "");
        assert!(token_status(&env, &k, None).expect("status").is_empty());
        assert!(delete_token(&env, &k, &history, "goproxy.corp.example:8443").is_err());
        for e in history.list().expect("list").entries {
            let json = serde_json::to_string(&e).expect("json");
            assert!(!json.contains("t-3") && !json.contains("t-4"), "{json}");
        }
    }

    #[test]
    fn undo_deletes_a_created_token_and_keeps_a_replaced_one() {
        let dir = tempfile::tempdir().expect("tempdir");
        let env = SysEnv::from_vars([
            ("HOME", dir.path().display().to_string()),
            ("NETRC", dir.path().join(".netrc").display().to_string()),
        ]);
        let ctx = Context::new(env.clone());
        let k = Keychain::mock();
        let history = History::open(&env)
            .expect("history")
            .with_keychain(k.clone());
        let req = TokenRequest {
            host: "git.corp.example".into(),
            user: None,
            scheme: AuthScheme::Basic,
            netrc: false,
        };
        let token = |k: &Keychain| {
            k.get("git.corp.example", DEFAULT_USER)
                .expect("get")
                .map(|t| t.expose().to_string())
        };
        let first = set_token(&ctx, &k, &history, &req, &Secret::new("t-1")).expect("set");
        assert!(first
            .history
            .entry()
            .expect("recorded")
            .parts
            .iter()
            .any(|p| matches!(p, crate::history::PartSummary::Keychain { .. })));
        set_token(&ctx, &k, &history, &req, &Secret::new("t-2")).expect("replace");
        // Undoing the older entry first would delete the newer token: refused, nothing changed.
        let conflict = history
            .undo(Some(&first.history.entry().expect("recorded").id))
            .expect_err("conflict");
        assert_eq!(conflict.code, ErrorCode::Conflict);
        assert_eq!(token(&k).as_deref(), Some("t-2"));
        history.undo(None).expect("undo the replacement");
        assert_eq!(
            token(&k).as_deref(),
            Some("t-2"),
            "a replaced token cannot come back"
        );
        assert_eq!(hosts::load(&env).expect("hosts").len(), 1);
        history.undo(None).expect("undo the first store");
        assert_eq!(token(&k), None, "the created item is gone after undo");
        assert!(hosts::load(&env).expect("hosts").is_empty());
        for e in history.list().expect("list").entries {
            assert!(e.undone_at_ms.is_some(), "{e:?}");
        }
    }

    #[test]
    fn a_locked_keychain_is_one_coded_error_for_every_host() {
        let dir = tempfile::tempdir().expect("tempdir");
        let env = SysEnv::from_vars([("HOME", dir.path().display().to_string())]);
        let ctx = Context::new(env.clone());
        let history = History::open(&env).expect("history");
        let k = Keychain::mock();
        for host in ["a.example", "b.example"] {
            let req = TokenRequest {
                host: host.into(),
                user: None,
                scheme: AuthScheme::Basic,
                netrc: false,
            };
            set_token(&ctx, &k, &history, &req, &Secret::new("t")).expect("set");
        }
        let locked = Keychain::unusable(
            KeychainState::Locked,
            "prompt dismissed",
            std::time::Duration::from_secs(3),
        );
        let st = token_status(&env, &locked, None).expect("status");
        assert_eq!(st.len(), 2);
        for s in &st {
            assert_eq!(s.stored, None);
            assert_eq!(s.keychain, KeychainState::Locked);
            let code = s.error.as_ref().map(|e| e.code);
            assert_eq!(code, Some(ErrorCode::KeychainLocked), "{}", s.host.prefix);
        }
    }
}
