//! Where the app keeps its own files, per OS, read from a [`SysEnv`] so tests stay hermetic.
//!
//! - data (history journal, lock): `$XDG_DATA_HOME/goproxy-assistant` (Linux),
//!   `~/Library/Application Support/GoProxy Assistant` (macOS), `%AppData%\GoProxy Assistant` (Windows).

use crate::sysenv::SysEnv;
use crate::{Error, ErrorCode, Result};
use std::path::PathBuf;

/// The app's data directory for `env`.
pub fn data_dir(env: &SysEnv) -> Result<PathBuf> {
    let unavailable = |what: &str| {
        Error::new(
            ErrorCode::Io,
            format!("cannot find a place for the app's data: {what} is not set"),
        )
    };
    if cfg!(windows) {
        let base = env
            .non_empty("APPDATA")
            .ok_or_else(|| unavailable("%APPDATA%"))?;
        return Ok(PathBuf::from(base).join("GoProxy Assistant"));
    }
    if cfg!(target_os = "macos") {
        let home = env.non_empty("HOME").ok_or_else(|| unavailable("$HOME"))?;
        return Ok(PathBuf::from(home).join("Library/Application Support/GoProxy Assistant"));
    }
    let base = match env.non_empty("XDG_DATA_HOME") {
        Some(dir) if PathBuf::from(dir).is_absolute() => PathBuf::from(dir),
        _ => PathBuf::from(env.non_empty("HOME").ok_or_else(|| unavailable("$HOME"))?)
            .join(".local/share"),
    };
    Ok(base.join("goproxy-assistant"))
}
