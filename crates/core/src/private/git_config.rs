//! What git will do for credentials when the go command fetches a private module directly:
//! git, not Go, asks for them, so a token in the keychain helps only when git's credential
//! helper is ours (or git rewrites the URL to SSH). git itself lists its config once (so
//! includes, GIT_CONFIG_GLOBAL/NOSYSTEM and the system file count exactly as for go's git);
//! the per-URL answer follows git's own rules, so many hosts cost one git process.

use super::git_urlmatch::{CredentialParts, NormalUrl};
use crate::sysenv::SysEnv;
use serde::Serialize;
use std::process::Command;
use ts_rs::TS;

/// Where git gets credentials for a repository URL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum GitCredentialSource {
    /// One of the URL's credential helpers runs our `git-credential`: the keychain token is
    /// used (unless a helper git asks before ours already answers).
    AppHelper,
    /// Other helpers only (store, cache, manager, osxkeychain...; the first one git asks): they
    /// must know a token themselves.
    OtherHelper { helper: String },
    /// `url.<ssh>.insteadOf` sends the fetch over SSH: keys, not tokens.
    Ssh { base: String },
    /// No helper and no rewrite: git would prompt, and go runs it with prompts off, so it fails.
    Nothing,
    /// git could not be run.
    GitMissing,
}

/// `git` with only the variables that choose its config files (and PATH to find it).
pub(crate) fn git_command(env: &SysEnv) -> Command {
    let mut cmd = Command::new("git");
    cmd.env_clear();
    for key in [
        "PATH",
        "HOME",
        "XDG_CONFIG_HOME",
        "GIT_CONFIG_GLOBAL",
        "GIT_CONFIG_SYSTEM",
        "GIT_CONFIG_NOSYSTEM",
    ] {
        if let Some(v) = env.get(key) {
            cmd.env(key, v);
        }
    }
    cmd
}

/// The system and global git config as the go command's git reads it (includes followed), read
/// with one `git config --list` and answered per URL in Rust: git's `insteadOf` rewrite
/// (`remote.c` `alias_url`) and the credential helpers `credential.c` collects for the URL.
#[derive(Debug, Clone, Default)]
pub struct GitConfig {
    /// `(key, value)` in file order; keys as git prints them (section and name lower case).
    entries: Vec<(String, Option<String>)>,
}

impl GitConfig {
    /// Runs git once; `None` when git cannot run. A broken config file reads as empty, as
    /// git's own lookups then find nothing either.
    pub fn read(env: &SysEnv) -> Option<GitConfig> {
        let out = list_command(env, true).output().ok()?;
        // git before 2.26 has no --show-scope (usage error 129): list without it.
        let (out, scoped) = if out.status.code() == Some(129) {
            (list_command(env, false).output().ok()?, false)
        } else {
            (out, true)
        };
        Some(GitConfig::parse(&out.stdout, scoped))
    }

    /// Parses `git config --list -z [--show-scope]` output, keeping the system and global
    /// scopes: the go command runs git in its own module cache, never in the user's repository.
    fn parse(stdout: &[u8], scoped: bool) -> GitConfig {
        let mut fields = stdout.split(|&b| b == 0).filter(|f| !f.is_empty());
        let mut entries = Vec::new();
        while let Some(first) = fields.next() {
            let (scope, item) = if scoped {
                let Some(item) = fields.next() else { break };
                (Some(first), item)
            } else {
                (None, first)
            };
            if scope.is_some_and(|s| s != b"system" && s != b"global") {
                continue;
            }
            let item = String::from_utf8_lossy(item);
            let (key, value) = match item.split_once('\n') {
                Some((k, v)) => (k.to_string(), Some(v.to_string())),
                None => (item.into_owned(), None),
            };
            entries.push((key, value));
        }
        GitConfig { entries }
    }

    /// `(subsection, name, value)` of the entries in `section` that have a subsection.
    fn subsection_entries<'a>(
        &'a self,
        section: &'a str,
    ) -> impl Iterator<Item = (Option<&'a str>, &'a str, Option<&'a str>)> + 'a {
        self.entries.iter().filter_map(move |(key, value)| {
            let rest = key.strip_prefix(section)?.strip_prefix('.')?;
            let (sub, name) = match rest.rsplit_once('.') {
                Some((sub, name)) => (Some(sub), name),
                None => (None, rest),
            };
            Some((sub, name, value.as_deref()))
        })
    }

    /// `url` after git's `insteadOf` rewrite: the longest matching value wins (the first one
    /// found on a tie, bases in the order they first appear), as `remote.c` `alias_url`.
    pub fn rewrite(&self, url: &str) -> Option<(String, String)> {
        let mut bases: Vec<(&str, Vec<&str>)> = Vec::new();
        for (sub, name, value) in self.subsection_entries("url") {
            let (Some(base), "insteadof", Some(value)) = (sub, name, value) else {
                continue;
            };
            match bases.iter_mut().find(|(b, _)| *b == base) {
                Some((_, values)) => values.push(value),
                None => bases.push((base, vec![value])),
            }
        }
        let mut best: Option<(&str, &str)> = None;
        for (base, values) in &bases {
            for value in values {
                if url.starts_with(value) && best.is_none_or(|(_, v)| v.len() < value.len()) {
                    best = Some((base, value));
                }
            }
        }
        best.map(|(base, value)| (base.to_string(), format!("{base}{}", &url[value.len()..])))
    }

    /// The helpers git runs, in order, when it needs credentials for `url` (`credential.c`
    /// `credential_apply_config`: every matching `credential.helper` and
    /// `credential.<url>.helper`, in file order, an empty value clearing the list). `None` when
    /// git would refuse (a matching `credential.*` key without a value is a fatal error).
    pub fn helpers(&self, url: &str) -> Option<Vec<String>> {
        let have = CredentialParts::from_url(url, false)?;
        let formatted = format!(
            "{}://{}{}{}",
            have.protocol.as_deref().unwrap_or_default(),
            have.username
                .as_deref()
                .filter(|u| !u.is_empty())
                .map(|u| format!("{u}@"))
                .unwrap_or_default(),
            have.host.as_deref().unwrap_or_default(),
            have.path
                .as_deref()
                .map(|p| format!("/{p}"))
                .unwrap_or_default(),
        );
        let normal = NormalUrl::parse(&formatted, false)?;
        let mut helpers = Vec::new();
        for (sub, name, value) in self.subsection_entries("credential") {
            let applies = sub.is_none_or(|sub| match NormalUrl::parse(sub, true) {
                Some(key) => key.matches(&normal),
                None => {
                    CredentialParts::from_url(sub, true).is_some_and(|want| want.matches(&have))
                }
            });
            if !applies {
                continue;
            }
            let value = value?;
            if name == "helper" {
                if value.is_empty() {
                    helpers.clear();
                } else {
                    helpers.push(value.to_string());
                }
            }
        }
        Some(helpers)
    }

    /// Where git gets credentials for `url` (an `https://host/path` repository URL).
    pub fn credential_source(&self, url: &str) -> GitCredentialSource {
        // git rewrites the URL (insteadOf) before it asks anyone for credentials.
        let url = match self.rewrite(url) {
            Some((base, _)) if is_ssh(&base) => return GitCredentialSource::Ssh { base },
            Some((_, rewritten)) => rewritten,
            None => url.to_string(),
        };
        let helpers = self.helpers(&url).unwrap_or_default();
        if helpers.iter().any(|h| is_app_helper(h)) {
            return GitCredentialSource::AppHelper;
        }
        match helpers.first() {
            None => GitCredentialSource::Nothing,
            Some(h) => GitCredentialSource::OtherHelper {
                helper: crate::redact::url_userinfo(h),
            },
        }
    }
}

/// `git config --list -z` over the system and global files only, run outside any repository.
fn list_command(env: &SysEnv, scoped: bool) -> Command {
    let mut cmd = git_command(env);
    cmd.args(["config", "--list", "-z"]);
    if scoped {
        cmd.arg("--show-scope");
    }
    // Outside any repository, so neither a local config nor `includeIf "gitdir:..."` applies.
    let root = std::env::temp_dir()
        .ancestors()
        .last()
        .map(std::path::Path::to_path_buf);
    if let Some(root) = root {
        cmd.current_dir(root);
    }
    cmd
}

/// Whether a helper command is ours (`<path to goproxy-assistant[-app]> git-credential`).
pub fn is_app_helper(helper: &str) -> bool {
    helper.contains("goproxy-assistant") && helper.trim_end().ends_with(" git-credential")
}

/// Whether git reaches `base` over SSH (`connect.c` `parse_connect_url`): an `ssh://`,
/// `git+ssh://` or `ssh+git://` URL, or scp-like `[user@]host:path` (a colon before any slash).
fn is_ssh(base: &str) -> bool {
    match base.split_once("://") {
        Some((scheme, _)) => matches!(scheme, "ssh" | "git+ssh" | "ssh+git"),
        None => base
            .find(':')
            .is_some_and(|colon| base.find('/').is_none_or(|slash| colon < slash)),
    }
}

/// Where git gets credentials for `url` (asks git once; for many URLs read a [`GitConfig`]).
pub fn credential_source(env: &SysEnv, url: &str) -> GitCredentialSource {
    match GitConfig::read(env) {
        Some(config) => config.credential_source(url),
        None => GitCredentialSource::GitMissing,
    }
}

#[cfg(test)]
#[path = "git_config_tests.rs"]
mod tests;
