//! The app's own configuration file (`config.toml` in the OS config directory): the user's
//! custom mirrors. Changes are validated, written atomically under the shared lock and recorded
//! in the history, so adding or removing a mirror can be undone like any other change.
//!
//! ```toml
//! [[mirror]]
//! name = "corp"
//! url = "https://goproxy.corp.example.com"
//! ca_file = "/etc/corp/ca.pem"
//! ```

use super::catalogue::well_known;
use crate::change::{Change, ChangeLine, FileWrite, LineKind, Summary};
use crate::history::{Applied, History};
use crate::net::tls::read_ca_file;
use crate::net::HttpUrl as MirrorUrl;
use crate::sysenv::SysEnv;
use crate::{app_dirs, atomic_file, Error, ErrorCode, Result};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// A mirror the user added.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CustomMirror {
    pub name: String,
    pub url: String,
    /// An extra CA certificate (PEM) to trust for this mirror.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ca_file: Option<String>,
}

/// The whole file. Keys this version does not know are kept as they are.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AppConfig {
    #[serde(default, rename = "mirror", skip_serializing_if = "Vec::is_empty")]
    pub mirrors: Vec<CustomMirror>,
    #[serde(flatten)]
    pub other: BTreeMap<String, toml::Value>,
}

/// `<config dir>/config.toml`.
pub fn config_path(env: &SysEnv) -> Result<PathBuf> {
    Ok(app_dirs::config_dir(env)?.join("config.toml"))
}

fn parse(path: &Path, bytes: &[u8]) -> Result<AppConfig> {
    let corrupt = |why: String| {
        Error::new(
            ErrorCode::Corrupt,
            format!("{} is not valid: {why}; fix or remove it", path.display()),
        )
        .with_field(path.display().to_string())
    };
    let text = std::str::from_utf8(bytes).map_err(|_| corrupt("it is not UTF-8 text".into()))?;
    let config: AppConfig =
        toml::from_str(text).map_err(|e| corrupt(crate::redact::url_userinfo(e.message())))?;
    let mut seen: Vec<String> = Vec::new();
    for (i, m) in config.mirrors.iter().enumerate() {
        let lower = m.name.to_ascii_lowercase();
        let problem = name_problem(&m.name)
            .or_else(|| MirrorUrl::parse(&m.url, "url").err().map(|e| e.message))
            .or_else(|| {
                seen.contains(&lower)
                    .then(|| "the name appears twice (duplicate mirror)".to_string())
            });
        if let Some(why) = problem {
            return Err(corrupt(format!(
                "mirror {} ({:?}): {why}",
                i + 1,
                crate::redact::url_userinfo(&m.name)
            )));
        }
        seen.push(lower);
    }
    Ok(config)
}

/// What is wrong with a mirror name, if anything.
pub(crate) fn name_problem(name: &str) -> Option<String> {
    let name_ok = !name.is_empty()
        && name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c));
    if !name_ok {
        return Some(format!(
            "mirror name {name:?} must be 1–64 letters, digits, '.', '_' or '-'"
        ));
    }
    if ["direct", "off"].contains(&name.to_ascii_lowercase().as_str()) {
        return Some(format!("{name:?} is a GOPROXY keyword, not a mirror name"));
    }
    None
}

/// Reads the config; a missing file is an empty config.
pub fn load(env: &SysEnv) -> Result<AppConfig> {
    let path = config_path(env)?;
    match atomic_file::read_optional(&path)? {
        Some(bytes) => parse(&path, &bytes),
        None => Ok(AppConfig::default()),
    }
}

/// Checks a new mirror against the rules and the existing list; returns it with its URL in
/// canonical form and its CA file made absolute.
pub fn validate_new(
    config: &AppConfig,
    env: &SysEnv,
    mirror: &CustomMirror,
) -> Result<CustomMirror> {
    let name = mirror.name.trim();
    if let Some(why) = name_problem(name) {
        return Err(Error::invalid("name", why));
    }
    let url = MirrorUrl::parse(&mirror.url, "url")?.to_string();
    let known = well_known().into_iter().map(|m| (m.name, m.url));
    let custom = config.mirrors.iter().map(|m| {
        let url = MirrorUrl::parse(&m.url, "url")
            .map(|u| u.to_string())
            .unwrap_or_else(|_| m.url.clone());
        (m.name.clone(), url)
    });
    for (other_name, other_url) in known.chain(custom) {
        if other_name.eq_ignore_ascii_case(name) {
            return Err(Error::invalid(
                "name",
                format!("a mirror named {other_name:?} already exists (duplicate mirror)"),
            ));
        }
        if other_url == url {
            return Err(Error::invalid(
                "url",
                format!("{url} is already in the list as {other_name:?} (duplicate mirror)"),
            ));
        }
    }
    let ca_file = match &mirror.ca_file {
        None => None,
        Some(f) => {
            let mut path = PathBuf::from(f);
            if path.is_relative() {
                if let Some(cwd) = env.cwd() {
                    path = cwd.join(path);
                }
            }
            read_ca_file(&path).map_err(|e| Error::invalid("ca_file", e))?;
            Some(path.display().to_string())
        }
    };
    Ok(CustomMirror {
        name: name.to_string(),
        url,
        ca_file,
    })
}

pub(crate) fn encode(config: &AppConfig) -> Result<Vec<u8>> {
    let body = toml::to_string(config).map_err(|e| {
        Error::new(
            ErrorCode::Corrupt,
            format!("cannot encode the configuration: {e}"),
        )
    })?;
    Ok(format!(
        "# GoProxy Assistant configuration (edit with `goproxy-assistant mirrors`).\n{body}"
    )
    .into_bytes())
}

fn write(
    env: &SysEnv,
    summary: Summary,
    line: ChangeLine,
    edit: impl FnOnce(&mut AppConfig) -> Result<()>,
) -> Result<Applied> {
    let history = History::open(env)?;
    let lock = history.lock()?;
    let path = config_path(env)?;
    let mut config = match atomic_file::read_optional(&path)? {
        Some(bytes) => parse(&path, &bytes)?,
        None => AppConfig::default(),
    };
    edit(&mut config)?;
    let change = Change::new(summary)
        .with_lines([line])
        .with_write(FileWrite::config(path, encode(&config)?));
    history.apply(&lock, change)
}

/// Adds a custom mirror (undoable).
pub fn add(env: &SysEnv, mirror: &CustomMirror) -> Result<Applied> {
    let name = mirror.name.trim();
    let url = crate::redact::url_userinfo(&mirror.url);
    let summary = Summary::MirrorAdd {
        name: name.to_string(),
        url: url.clone(),
    };
    let line = ChangeLine::new(LineKind::Mirror, name).new_value(Some(url));
    write(env, summary, line, |config| {
        let valid = validate_new(config, env, mirror)?;
        config.mirrors.push(valid);
        Ok(())
    })
}

/// Removes the custom mirror named `name` (undoable).
pub fn remove(env: &SysEnv, name: &str) -> Result<Applied> {
    let old_url = load(env)?
        .mirrors
        .iter()
        .find(|m| m.name.eq_ignore_ascii_case(name))
        .map(|m| crate::redact::url_userinfo(&m.url));
    let line = ChangeLine::new(LineKind::Mirror, name).old(old_url);
    let summary = Summary::MirrorRemove {
        name: name.to_string(),
    };
    write(env, summary, line, |config| {
        let before = config.mirrors.len();
        config
            .mirrors
            .retain(|m| !m.name.eq_ignore_ascii_case(name));
        if config.mirrors.len() == before {
            let builtin = well_known()
                .iter()
                .any(|m| m.name.eq_ignore_ascii_case(name));
            return Err(Error::invalid(
                "name",
                if builtin {
                    format!("{name:?} is a built-in mirror and cannot be removed")
                } else {
                    format!("no custom mirror named {name:?}")
                },
            ));
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests;
