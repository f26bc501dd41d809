//! The .netrc the go command (and git/curl) read: where it is, what it holds (never showing
//! passwords), its mode, and undoable byte-preserving edits through the history journal.
//!
//! Location as Go: `$NETRC`, else the home directory's `.netrc` (Windows: `_netrc` if it exists).
//! git and curl read only `$HOME/.netrc` and ignore NETRC.

mod edit;
mod parse;

pub use edit::MachineCredential;

use crate::atomic_file::MAX_FILE_BYTES;
use crate::change::{Change, ChangeLine, FileWrite, LineKind, Summary};
use crate::history::{Applied, History};
use crate::secrets::Secret;
use crate::sysenv::SysEnv;
use crate::{Error, ErrorCode, Result};
use serde::Serialize;
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// Largest .netrc we edit: far above any real one, far below what would hurt.
const MAX_NETRC_BYTES: u64 = 1024 * 1024;

/// The .netrc path the go command uses for `env`: `$NETRC`, else `<home>/.netrc`; on Windows
/// `<home>\_netrc` when that exists (what Go 1.23+ does, golang/go#66832).
pub fn location(env: &SysEnv) -> Result<PathBuf> {
    let found = env.non_empty("NETRC").map(PathBuf::from).or_else(|| {
        let home = env.home()?;
        if cfg!(windows) && home.join("_netrc").exists() {
            return Some(home.join("_netrc"));
        }
        Some(home.join(".netrc"))
    });
    found.ok_or_else(|| {
        Error::new(
            ErrorCode::Io,
            "cannot find the .netrc location: neither NETRC nor HOME is set",
        )
        .with_field("NETRC")
    })
}

/// One entry as Go reads it, without its password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct NetrcMachine {
    pub machine: String,
    pub login: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct NetrcStatus {
    pub path: String,
    pub exists: bool,
    /// Permission bits in octal (`600`), Unix only.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mode: Option<String>,
    /// Other users can read or write it (mode has group/other bits): fix with `netrc fix-mode`.
    pub loose_mode: bool,
    /// Entries the go command sees (first one wins per machine); passwords never included.
    pub machines: Vec<NetrcMachine>,
}

/// Reads the .netrc at `path` for editing, refusing what we must not touch.
fn read_for_edit(path: &Path) -> Result<Option<String>> {
    let field = path.display().to_string();
    let meta = match std::fs::symlink_metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Error::io("read", path, &e)),
        Ok(m) => m,
    };
    if meta.file_type().is_symlink() {
        return Err(Error::new(
            ErrorCode::NotAFile,
            format!(
                "{} is a symbolic link; the app does not edit a .netrc through a link (the real file may be shared or managed elsewhere, e.g. by a dotfiles repository); edit the file it points to by hand, or replace the link with a file; nothing was written",
                path.display()
            ),
        )
        .with_field(field));
    }
    if !meta.is_file() {
        return Err(crate::atomic_file::not_a_file(path, &meta.file_type()).with_field(field));
    }
    if meta.len() > MAX_NETRC_BYTES.min(MAX_FILE_BYTES) {
        return Err(Error::new(
            ErrorCode::InvalidInput,
            format!(
                "{} is {} bytes, too large to be a .netrc the app edits (limit {MAX_NETRC_BYTES}); nothing was written",
                path.display(),
                meta.len()
            ),
        )
        .with_field(field));
    }
    let Some(bytes) = crate::atomic_file::read_capped(path, MAX_NETRC_BYTES)? else {
        return Ok(None);
    };
    String::from_utf8(bytes).map(Some).map_err(|_| {
        Error::new(
            ErrorCode::InvalidInput,
            format!("{} is not UTF-8 text; nothing was written", path.display()),
        )
        .with_field(field)
    })
}

fn mode_of(path: &Path) -> Option<u32> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(path)
            .ok()
            .map(|m| m.permissions().mode() & 0o777)
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

/// What the .netrc holds, passwords left out.
pub fn status(env: &SysEnv) -> Result<NetrcStatus> {
    let path = location(env)?;
    let text = read_for_edit(&path)?;
    let mode = mode_of(&path);
    let machines = text
        .as_deref()
        .map(|t| {
            parse::go_entries(&parse::parse(t))
                .into_iter()
                .map(|e| NetrcMachine {
                    machine: e.machine,
                    login: e.login,
                })
                .collect()
        })
        .unwrap_or_default();
    Ok(NetrcStatus {
        path: path.display().to_string(),
        exists: text.is_some(),
        mode: mode.map(|m| format!("{m:o}")),
        loose_mode: text.is_some() && mode.is_some_and(|m| m & 0o077 != 0),
        machines,
    })
}

/// Sets mode 0600 on the .netrc (no content change).
pub fn fix_mode(env: &SysEnv) -> Result<NetrcStatus> {
    let path = location(env)?;
    if read_for_edit(&path)?.is_some() {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600))
                .map_err(|e| Error::io("change the permissions of", &path, &e))?;
        }
    }
    status(env)
}

/// The credentials Go 1.24+ would send for `host[:port]` (exact machine match; no path
/// prefixes), from the .netrc of `env`. For our own access checks.
pub fn lookup(env: &SysEnv, host_port: &str) -> Result<Option<(String, Secret)>> {
    let path = location(env)?;
    let Some(text) = read_for_edit(&path)? else {
        return Ok(None);
    };
    Ok(parse::go_entries(&parse::parse(&text))
        .into_iter()
        .find(|e| e.machine == host_port)
        .map(|e| (e.login, Secret::new(e.password))))
}

/// Refuses values the file format cannot hold unambiguously (for Go, git and curl alike).
pub fn check_value(field: &str, value: &str) -> Result<()> {
    let what = if field == "password" {
        "the token"
    } else {
        field
    };
    if value.is_empty() {
        return Err(Error::invalid(field, format!("{what} is empty")));
    }
    if value.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(Error::invalid(
            field,
            format!("{what} contains whitespace or a control character (a newline?), which .netrc cannot hold"),
        ));
    }
    if value.starts_with(['"', '#']) {
        return Err(Error::invalid(
            field,
            format!(
                "{what} starts with a quote or `#`, which curl and git read differently from Go"
            ),
        ));
    }
    if matches!(
        value,
        "machine" | "login" | "password" | "default" | "macdef" | "account"
    ) {
        return Err(Error::invalid(field, format!("{what} is a .netrc keyword")));
    }
    Ok(())
}

/// The machine names to write for a credential prefix `host[:port]`: for a non-default port
/// both `host:port` (Go 1.24+) and `host` (git/curl, Go 1.15–1.23).
pub fn machines_for(host_port: &str) -> Vec<String> {
    match bare_host(host_port) {
        Some(host) => vec![host_port.to_string(), host.to_string()],
        None => vec![host_port.to_string()],
    }
}

/// `host` of `host:port` (a non-default port); `None` for a bare host.
fn bare_host(host_port: &str) -> Option<&str> {
    match host_port.rsplit_once(':') {
        Some((host, port))
            if !host.is_empty() && !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()) =>
        {
            Some(host)
        }
        _ => None,
    }
}

/// A planned .netrc change: the write (none when the file already says so), one history line
/// per machine it touches, and what the plan leaves alone on purpose (never a secret).
#[derive(Default)]
pub struct NetrcChange {
    pub write: Option<FileWrite>,
    pub changes: Vec<ChangeLine>,
    pub note: Option<String>,
}

/// Whether the bare-host entry of `host:port` belongs to another credential and must stay.
///
/// `machine host` is shared: Go 1.24+ (`cmd/go/internal/auth/auth.go`, `loadCredential`) looks
/// a URL up by `host:port` and its path prefixes, never by the bare host when the URL has a
/// port, so `machine host` serves `https://host/` (port 443); Go 1.15–1.23 (`AddCredentials`,
/// matching `URL.Hostname()`), git and curl use `machine host` for every port of the host.
/// So the bare entry is ours to change only when it holds what the `host:port` entry holds
/// (both written together) or already the new credential (`new`, for a set); otherwise it is
/// someone else's credential and replacing or removing it would break their access.
/// Returns the kept entry's machine and login.
fn foreign_bare_entry(
    text: &str,
    host_port: &str,
    new: Option<(&str, &str)>,
) -> Option<(String, String)> {
    let host = bare_host(host_port)?;
    let parsed = parse::parse(text);
    let bare = parse::entry_credential(&parsed, host)?;
    let ours = parse::entry_credential(&parsed, host_port);
    let same_as_new = new.is_some_and(|(l, p)| bare == (Some(l), Some(p)));
    (!same_as_new && ours != Some(bare))
        .then(|| (host.to_string(), bare.0.unwrap_or("(none)").to_string()))
}

fn kept_note(host_port: &str, (machine, login): &(String, String), action: &str) -> String {
    format!(
        "the .netrc entry `machine {machine}` (login {login}) holds another credential and is kept: \
         Go 1.24+ uses `machine {host_port}` for {host_port} and that entry for https://{machine}/; \
         git, curl and Go before 1.24 go on using `machine {machine}` for {host_port} too; only \
         `machine {host_port}` was {action}"
    )
}

fn machine_lines(machines: &[&str]) -> Vec<ChangeLine> {
    machines
        .iter()
        .map(|m| ChangeLine::new(LineKind::NetrcMachine, *m))
        .collect()
}

/// The .netrc write that sets login/token for `host_port` (see [`machines_for`], less a
/// bare-host entry that holds another credential: [`foreign_bare_entry`]). Plan it with the
/// history lock held, as a part of a [`Change`]. Only on the user's explicit opt-in: the token
/// is then in plain text on disk.
pub fn plan_set(env: &SysEnv, host_port: &str, login: &str, token: &Secret) -> Result<NetrcChange> {
    check_value("login", login)?;
    check_value("password", token.expose())?;
    let all = machines_for(host_port);
    for m in &all {
        check_value("machine", m)?;
    }
    let mut kept = None;
    let mut written: Vec<&str> = Vec::new();
    let write = planned_edit(env, |text| {
        kept = foreign_bare_entry(text, host_port, Some((login, token.expose())));
        written = all
            .iter()
            .map(String::as_str)
            .filter(|m| kept.as_ref().is_none_or(|(k, _)| k != m))
            .collect();
        let creds: Vec<MachineCredential<'_>> = written
            .iter()
            .map(|m| MachineCredential {
                machine: m,
                login,
                password: token.expose(),
            })
            .collect();
        edit::set_machines(text, &creds)
    })?;
    Ok(NetrcChange {
        write,
        changes: machine_lines(&written),
        note: kept.map(|k| kept_note(host_port, &k, "set")),
    })
}

/// [`plan_set`]'s write alone.
pub fn planned_set(
    env: &SysEnv,
    host_port: &str,
    login: &str,
    token: &Secret,
) -> Result<Option<FileWrite>> {
    plan_set(env, host_port, login, token).map(|c| c.write)
}

/// The .netrc write that removes the entries for `host_port` (both machine forms, less a
/// bare-host entry that holds another credential).
pub fn plan_remove(env: &SysEnv, host_port: &str) -> Result<NetrcChange> {
    let all = machines_for(host_port);
    let mut kept = None;
    let mut removed: Vec<&str> = Vec::new();
    let write = planned_edit(env, |text| {
        kept = foreign_bare_entry(text, host_port, None);
        removed = all
            .iter()
            .map(String::as_str)
            .filter(|m| kept.as_ref().is_none_or(|(k, _)| k != m))
            .collect();
        edit::remove_machines(text, &removed)
    })?;
    Ok(NetrcChange {
        write,
        changes: machine_lines(&removed),
        note: kept.map(|k| kept_note(host_port, &k, "removed")),
    })
}

/// [`plan_remove`]'s write alone.
pub fn planned_remove(env: &SysEnv, host_port: &str) -> Result<Option<FileWrite>> {
    plan_remove(env, host_port).map(|c| c.write)
}

fn planned_edit(
    env: &SysEnv,
    edit: impl FnOnce(&str) -> Result<String>,
) -> Result<Option<FileWrite>> {
    let path = location(env)?;
    let before = read_for_edit(&path)?;
    let after = edit(before.as_deref().unwrap_or_default())?;
    if before.as_deref() == Some(after.as_str()) || (before.is_none() && after.is_empty()) {
        return Ok(None);
    }
    Ok(Some(FileWrite::netrc(path, after.into_bytes())))
}

/// Sets login/token for `host_port` in the .netrc as one undoable change.
pub fn set_credential(
    env: &SysEnv,
    history: &History,
    host_port: &str,
    login: &str,
    token: &Secret,
) -> Result<Applied> {
    let lock = history.lock()?;
    let summary = Summary::NetrcSet {
        login: login.to_string(),
        machines: machines_for(host_port),
    };
    let planned = plan_set(env, host_port, login, token)?;
    let change = Change::new(summary)
        .with_lines(planned.changes)
        .with_write(planned.write);
    history.apply(&lock, change)
}

/// Removes the entries for `host_port` as one undoable change.
pub fn remove_credential(env: &SysEnv, history: &History, host_port: &str) -> Result<Applied> {
    let lock = history.lock()?;
    let summary = Summary::NetrcRemove {
        machines: machines_for(host_port),
    };
    let planned = plan_remove(env, host_port)?;
    let change = Change::new(summary)
        .with_lines(planned.changes)
        .with_write(planned.write);
    history.apply(&lock, change)
}

#[cfg(test)]
mod tests;
