//! Pointing the go command and git at our helpers: GOAUTH (Go 1.24+, through the go env store,
//! keeping existing entries) and git's credential helper / `insteadOf` rules (the global git
//! config, edited by `git config --file` on a copy and written through the history journal).

use crate::auth::goauth::command_for;
use crate::change::{Change, ChangeLine, FileWrite, LineKind, Summary};
use crate::context::Context;
use crate::goenv::goauth::goauth_entries;
use crate::goenv::EnvOp;
use crate::goenv_store::{Plan, Store};
use crate::goversion::GoVersion;
use crate::history::{Applied, History};
use crate::sysenv::SysEnv;
use crate::{atomic_file, Error, ErrorCode, Result};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// The GOAUTH value that adds our helper to `current` (the GOENV file's value, if any), or
/// `None` when it is already there.
pub fn goauth_value(current: Option<&str>, command: &str) -> Result<Option<String>> {
    let current = current.map(str::trim).filter(|v| !v.is_empty());
    match current {
        None => Ok(Some(format!("netrc;{command}"))),
        Some(v) if goauth_entries(v).iter().any(|e| e.text == command) => Ok(None),
        Some("off") => Err(Error::invalid(
            "GOAUTH",
            "GOAUTH=off turns authentication off and cannot be combined with a helper; unset GOAUTH first if you want credentials sent",
        )),
        Some(v) => Ok(Some(format!("{v};{command}"))),
    }
}

/// Sets GOAUTH in the GOENV file so the go command asks `exe goauth` for credentials.
/// Refused for Go < 1.24, which has no GOAUTH: use the .netrc (explicit opt-in) instead.
pub fn configure_goauth(ctx: &Context, exe: &Path) -> Result<Applied> {
    configure_goauth_for(ctx.env(), exe, ctx.rules_version())
}

pub fn configure_goauth_for(env: &SysEnv, exe: &Path, version: GoVersion) -> Result<Applied> {
    let (store, op) = goauth_ops(env, exe, version)?;
    let value = match op {
        Some(op) => return store.apply(&[op]),
        None => command_for(exe)?,
    };
    Ok(Applied::Unchanged {
        summary: Summary::EnvChange {
            set: vec![crate::change::EnvAssignment {
                key: "GOAUTH".into(),
                value,
            }],
            unset: Vec::new(),
        },
    })
}

/// The plan for pointing GOAUTH at `exe goauth`, to review before applying its `ops` (none when
/// GOAUTH already runs it).
pub fn plan_goauth(ctx: &Context, exe: &Path) -> Result<Plan> {
    let (store, op) = goauth_ops(ctx.env(), exe, ctx.rules_version())?;
    store.plan(&op.into_iter().collect::<Vec<_>>())
}

/// The GOENV store and the GOAUTH change it needs, if any.
fn goauth_ops(env: &SysEnv, exe: &Path, version: GoVersion) -> Result<(Store, Option<EnvOp>)> {
    if !version.at_least(1, 24) {
        return Err(Error::new(
            ErrorCode::InvalidInput,
            format!("{version} has no GOAUTH (it needs Go 1.24 or later); store the token in the .netrc instead with `token set HOST --netrc` (plain text, only on your say-so)"),
        )
        .with_field("GOAUTH"));
    }
    let command = command_for(exe)?;
    let store = Store::open_with_version(env, version)?;
    let file = atomic_file::read_optional(store.path())?
        .map(|b| crate::goenv::file::EnvFile::parse(&b))
        .unwrap_or_default();
    let op = goauth_value(file.get("GOAUTH").as_deref(), &command)?
        .map(|value| EnvOp::set("GOAUTH", value));
    Ok((store, op))
}

/// The global git config file `git config --global` writes.
pub fn global_git_config(env: &SysEnv) -> Result<PathBuf> {
    if let Some(p) = env.non_empty("GIT_CONFIG_GLOBAL") {
        return Ok(PathBuf::from(p));
    }
    let home = env.home().ok_or_else(|| {
        Error::new(ErrorCode::Io, "cannot find the git config: HOME is not set").with_field("HOME")
    })?;
    let dotfile = home.join(".gitconfig");
    if !dotfile.exists() {
        let xdg = env
            .non_empty("XDG_CONFIG_HOME")
            .map(PathBuf::from)
            .unwrap_or_else(|| home.join(".config"))
            .join("git/config");
        if xdg.exists() {
            return Ok(xdg);
        }
    }
    Ok(dotfile)
}

/// Sets `key = value` in the global git config (as `git config --global key value` would),
/// undoable.
pub fn set_git_config(env: &SysEnv, history: &History, key: &str, value: &str) -> Result<Applied> {
    let lock = history.lock()?;
    let change = git_config_change(env, key, value)?;
    history.apply(&lock, change)
}

/// The change that sets `key = value` in the global git config. The edit runs on a scratch copy
/// with `git config --file`, so git itself decides the bytes; the line shows the value it
/// replaces, if any.
pub fn git_config_change(env: &SysEnv, key: &str, value: &str) -> Result<Change> {
    let path = global_git_config(env)?;
    let before = atomic_file::read_optional(&path)?;
    let scratch = scratch_copy(env)?;
    atomic_file::write_atomic_with_mode(&scratch, before.as_deref().unwrap_or_default(), 0o600)?;
    let edited = edit_with_git(env, &scratch, key, value);
    let after = atomic_file::read_optional(&scratch);
    let _ = std::fs::remove_file(&scratch);
    let old = edited?;
    let after = after?.ok_or_else(|| {
        Error::new(
            ErrorCode::Io,
            format!("{} vanished while git edited it", scratch.display()),
        )
    })?;
    let shown = crate::redact::url_userinfo(value);
    Ok(Change::new(Summary::GitConfigSet {
        key: key.to_string(),
        value: shown.clone(),
    })
    .with_lines([ChangeLine::new(LineKind::GitConfig, key)
        .old(old.map(|v| crate::redact::url_userinfo(&v)))
        .new_value(Some(shown))])
    .with_write(FileWrite::config(path, after)))
}

/// A scratch file name of its own, so two plans in one process never share one.
fn scratch_copy(env: &SysEnv) -> Result<PathBuf> {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    Ok(crate::app_dirs::data_dir(env)?.join(format!("gitconfig-edit-{}-{n}", std::process::id())))
}

/// Sets `key = value` in the git config file `file`; returns the value it had (git's own
/// `--get`: the last one when there are several).
fn edit_with_git(env: &SysEnv, file: &Path, key: &str, value: &str) -> Result<Option<String>> {
    let run = |args: &[&str]| {
        super::git_config::git_command(env)
            .arg("config")
            .arg("--file")
            .arg(file)
            .args(args)
            .output()
            .map_err(|e| {
                Error::new(
                    ErrorCode::External,
                    format!("cannot run git: {e}; is git installed?"),
                )
            })
    };
    // `--get` exits 1 when the key is not set.
    let got = run(&["--get", key])?;
    let old = got
        .status
        .success()
        .then(|| String::from_utf8_lossy(&got.stdout).trim_end().to_string());
    let out = run(&[key, value])?;
    if !out.status.success() {
        return Err(Error::new(
            ErrorCode::External,
            format!(
                "git config failed: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            ),
        )
        .with_field(key.to_string()));
    }
    Ok(old)
}

/// Makes git ask `exe git-credential` for credentials for `base_url` (`https://host[:port]`).
pub fn configure_git_helper(
    env: &SysEnv,
    history: &History,
    exe: &Path,
    base_url: &str,
) -> Result<Applied> {
    let lock = history.lock()?;
    let change = git_helper_change(env, exe, base_url)?;
    history.apply(&lock, change)
}

/// The change [`configure_git_helper`] applies (one line of the global git config), planned for
/// review first: writes nothing but a scratch copy.
pub fn git_helper_change(env: &SysEnv, exe: &Path, base_url: &str) -> Result<Change> {
    let text = exe.display().to_string();
    if !exe.is_absolute() || text.contains(|c: char| c.is_whitespace() || "'\"\\$`".contains(c)) {
        return Err(Error::invalid(
            "helper",
            format!(
                "the helper path {text:?} must be absolute and free of spaces and shell characters"
            ),
        ));
    }
    let base = check_base_url(base_url)?;
    git_config_change(
        env,
        &format!("credential.{base}.helper"),
        &format!("{text} git-credential"),
    )
}

/// For SSH users: `url.<ssh_base>.insteadOf <https_base>`, so go's https fetches of the host use
/// SSH keys instead of a token (e.g. `git@git.corp.example.com:` for `https://git.corp.example.com/`).
pub fn configure_insteadof(
    env: &SysEnv,
    history: &History,
    ssh_base: &str,
    https_base: &str,
) -> Result<Applied> {
    let https = check_base_url(https_base)?;
    let ssh_ok = (ssh_base.starts_with("ssh://") || ssh_base.contains('@'))
        && !ssh_base.contains(|c: char| c.is_whitespace() || c.is_control());
    if !ssh_ok {
        return Err(Error::invalid(
            "ssh_base",
            format!("{ssh_base:?} is not an SSH address; write e.g. git@git.corp.example.com: or ssh://git@git.corp.example.com/"),
        ));
    }
    set_git_config(
        env,
        history,
        &format!("url.{ssh_base}.insteadOf"),
        &format!("{https}/"),
    )
}

fn check_base_url(url: &str) -> Result<String> {
    let trimmed = url.trim_end_matches('/');
    let Some((scheme, host)) = crate::auth::split_url(trimmed) else {
        return Err(Error::invalid(
            "url",
            format!("{url:?} is not a URL like https://git.corp.example.com"),
        ));
    };
    let ok_scheme = scheme == "https" || (scheme == "http" && crate::auth::is_loopback(&host));
    if !ok_scheme || trimmed.contains('@') || trimmed.contains(char::is_whitespace) {
        return Err(Error::invalid(
            "url",
            format!("{url:?}: credentials go only to https:// URLs without a login in them"),
        ));
    }
    Ok(trimmed.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn goauth_keeps_existing_entries() {
        let cmd = "/usr/bin/gpa goauth";
        assert_eq!(
            goauth_value(None, cmd).expect("none"),
            Some("netrc;/usr/bin/gpa goauth".into())
        );
        assert_eq!(
            goauth_value(Some("netrc;git /src"), cmd).expect("keep"),
            Some("netrc;git /src;/usr/bin/gpa goauth".into())
        );
        assert_eq!(
            goauth_value(Some("netrc;/usr/bin/gpa goauth"), cmd).expect("again"),
            None
        );
        assert!(goauth_value(Some("off"), cmd).is_err());
    }

    #[test]
    fn refuses_goauth_for_old_go() {
        let dir = tempfile::tempdir().expect("tempdir");
        let env = SysEnv::from_vars([("HOME", dir.path().display().to_string())]);
        let old = GoVersion::parse("go1.19.8").expect("version");
        let err = configure_goauth_for(&env, Path::new("/usr/bin/gpa"), old).expect_err("old");
        assert!(err.message.contains("--netrc"), "{}", err.message);
        let new = GoVersion::parse("go1.27.3").expect("version");
        let applied = configure_goauth_for(&env, Path::new("/usr/bin/gpa"), new).expect("new");
        assert_eq!(
            applied.entry().expect("recorded").changes[0].new.as_deref(),
            Some("netrc;/usr/bin/gpa goauth")
        );
    }

    #[test]
    fn plans_the_git_helper_line_with_the_value_it_replaces() {
        if std::process::Command::new("git")
            .arg("--version")
            .output()
            .is_err()
        {
            assert!(std::env::var_os("GOPROXY_ASSISTANT_REQUIRE_GO").is_none());
            return;
        }
        let dir = tempfile::tempdir().expect("tempdir");
        let config = dir.path().join("gitconfig");
        let text = "[credential \"https://git.corp.example.com\"]\n\thelper = store\n";
        std::fs::write(&config, text).expect("write");
        let env = SysEnv::from_vars([
            ("HOME", dir.path().display().to_string()),
            ("PATH", std::env::var("PATH").unwrap_or_default()),
            ("GIT_CONFIG_GLOBAL", config.display().to_string()),
        ]);
        let change = git_helper_change(
            &env,
            Path::new("/usr/bin/gpa"),
            "https://git.corp.example.com/",
        )
        .expect("plan");
        let preview = change.preview();
        let key = "credential.https://git.corp.example.com.helper";
        assert_eq!(
            preview.lines,
            vec![ChangeLine::new(LineKind::GitConfig, key)
                .old(Some("store".into()))
                .new_value(Some("/usr/bin/gpa git-credential".into()))]
        );
        assert_eq!(preview.files, vec![config.display().to_string()]);
        assert_eq!(std::fs::read_to_string(&config).expect("read"), text);
        let written = change.writes[0].bytes.as_deref().expect("bytes");
        assert!(String::from_utf8_lossy(written).contains("/usr/bin/gpa git-credential"));
    }

    #[test]
    fn base_urls() {
        assert!(check_base_url("https://git.corp.example.com/").is_ok());
        assert!(check_base_url("http://127.0.0.1:9999").is_ok());
        assert!(check_base_url("http://git.corp.example.com").is_err());
        assert!(check_base_url("https://u:p@git.corp.example.com").is_err());
    }
}
