//! A snapshot of the process environment. Core functions take one instead of reading
//! `std::env` so tests can give each case its own HOME, GOENV, XDG dirs and PATH.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::PathBuf;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SysEnv {
    vars: BTreeMap<String, String>,
    /// The working directory relative paths (e.g. `GOENV=rel/path`) are resolved against.
    cwd: Option<PathBuf>,
}

impl SysEnv {
    /// The real process environment. Variables whose name or value is not UTF-8 are skipped.
    pub fn current() -> SysEnv {
        let vars = std::env::vars_os()
            .filter_map(|(k, v): (OsString, OsString)| {
                Some((k.into_string().ok()?, v.into_string().ok()?))
            })
            .collect();
        SysEnv {
            vars,
            cwd: std::env::current_dir().ok(),
        }
    }

    pub fn from_vars<K: Into<String>, V: Into<String>>(
        vars: impl IntoIterator<Item = (K, V)>,
    ) -> SysEnv {
        SysEnv {
            vars: vars
                .into_iter()
                .map(|(k, v)| (k.into(), v.into()))
                .collect(),
            cwd: None,
        }
    }

    pub fn with_cwd(mut self, cwd: impl Into<PathBuf>) -> SysEnv {
        self.cwd = Some(cwd.into());
        self
    }

    pub fn cwd(&self) -> Option<&std::path::Path> {
        self.cwd.as_deref()
    }

    /// The raw value, present even when empty.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.vars.get(key).map(String::as_str)
    }

    /// The value if set and non-empty: the go command treats an empty variable as unset.
    pub fn non_empty(&self, key: &str) -> Option<&str> {
        self.get(key).filter(|v| !v.is_empty())
    }

    pub fn set(&mut self, key: impl Into<String>, value: impl Into<String>) {
        self.vars.insert(key.into(), value.into());
    }

    pub fn remove(&mut self, key: &str) {
        self.vars.remove(key);
    }

    pub fn vars(&self) -> impl Iterator<Item = (&str, &str)> {
        self.vars.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// The user's home directory as the go command sees it (`$HOME`, `%USERPROFILE%` on Windows).
    pub fn home(&self) -> Option<PathBuf> {
        let key = if cfg!(windows) { "USERPROFILE" } else { "HOME" };
        self.non_empty(key).map(PathBuf::from)
    }
}
