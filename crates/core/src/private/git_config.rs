//! What git will do for credentials when the go command fetches a private module directly:
//! git, not Go, asks for them, so a token in the keychain helps only when git's credential
//! helper is ours (or git rewrites the URL to SSH). Read with `git config` itself, so includes,
//! `[credential "<url>"]` matching and the system file count exactly as they do for go's git.

use crate::sysenv::SysEnv;
use serde::Serialize;
use std::process::Command;
use ts_rs::TS;

/// Where git gets credentials for a repository URL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum GitCredentialSource {
    /// `credential.helper` for the URL runs our `git-credential`: the keychain token is used.
    AppHelper,
    /// Another helper (store, cache, manager, osxkeychain...): it must know a token itself.
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

/// `git config ARGS` output; `None` when git cannot run. A missing key is empty output.
fn git_config(env: &SysEnv, args: &[&str]) -> Option<String> {
    let out = git_command(env).arg("config").args(args).output().ok()?;
    // Status 1 means "not set"; anything else with no output is a broken config: treat alike.
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Whether a helper command is ours (`<path to goproxy-assistant[-app]> git-credential`).
pub fn is_app_helper(helper: &str) -> bool {
    helper.contains("goproxy-assistant") && helper.trim_end().ends_with(" git-credential")
}

fn is_ssh(base: &str) -> bool {
    base.starts_with("ssh://") || (base.contains('@') && !base.contains("://"))
}

/// Where git gets credentials for `url` (an `https://host/path` repository URL).
pub fn credential_source(env: &SysEnv, url: &str) -> GitCredentialSource {
    // git rewrites the URL (insteadOf) before it asks anyone for credentials.
    let Some(rewrites) = git_config(env, &["--get-regexp", r"^url\..*\.insteadof$"]) else {
        return GitCredentialSource::GitMissing;
    };
    for line in rewrites.lines() {
        let Some((name, value)) = line.split_once(' ') else {
            continue;
        };
        let base = name
            .strip_prefix("url.")
            .and_then(|n| n.strip_suffix(".insteadof"));
        if let Some(base) = base.filter(|b| is_ssh(b) && url.starts_with(value)) {
            return GitCredentialSource::Ssh {
                base: base.to_string(),
            };
        }
    }
    let helper = git_config(env, &["--get-urlmatch", "credential.helper", url]).unwrap_or_default();
    match helper.trim() {
        "" => GitCredentialSource::Nothing,
        h if is_app_helper(h) => GitCredentialSource::AppHelper,
        h => GitCredentialSource::OtherHelper {
            helper: crate::redact::url_userinfo(h),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env_with_gitconfig(text: &str) -> (tempfile::TempDir, SysEnv) {
        let dir = tempfile::tempdir().expect("tempdir");
        let cfg = dir.path().join("gitconfig");
        std::fs::write(&cfg, text).expect("write gitconfig");
        let env = SysEnv::from_vars([
            ("HOME", dir.path().display().to_string()),
            ("PATH", std::env::var("PATH").unwrap_or_default()),
            ("GIT_CONFIG_GLOBAL", cfg.display().to_string()),
            ("GIT_CONFIG_NOSYSTEM", "1".to_string()),
        ]);
        (dir, env)
    }

    #[test]
    fn reads_helpers_and_rewrites_like_git() {
        if Command::new("git").arg("--version").output().is_err() {
            eprintln!("skipping: git is not installed");
            return;
        }
        let url = "https://git.corp.example.com/team/lib";
        let (_d, env) = env_with_gitconfig("");
        assert_eq!(credential_source(&env, url), GitCredentialSource::Nothing);
        let (_d, env) = env_with_gitconfig(
            "[credential \"https://git.corp.example.com\"]\n\thelper = /opt/goproxy-assistant git-credential\n",
        );
        assert_eq!(credential_source(&env, url), GitCredentialSource::AppHelper);
        // Another host's helper does not apply.
        assert_eq!(
            credential_source(&env, "https://other.example.com/x"),
            GitCredentialSource::Nothing
        );
        let (_d, env) = env_with_gitconfig("[credential]\n\thelper = store\n");
        assert_eq!(
            credential_source(&env, url),
            GitCredentialSource::OtherHelper {
                helper: "store".into()
            }
        );
        let (_d, env) = env_with_gitconfig(
            "[url \"git@git.corp.example.com:\"]\n\tinsteadOf = https://git.corp.example.com/\n",
        );
        assert_eq!(
            credential_source(&env, url),
            GitCredentialSource::Ssh {
                base: "git@git.corp.example.com:".into()
            }
        );
    }
}
