//! Where the app keeps its own files, per OS, read from a [`SysEnv`] so tests stay hermetic.
//!
//! - data (history journal, lock): `$XDG_DATA_HOME/goproxy-assistant` (Linux),
//!   `~/Library/Application Support/GoProxy Assistant` (macOS), `%AppData%\GoProxy Assistant` (Windows).
//! - config (`config.toml`: the user's own mirrors): `$XDG_CONFIG_HOME/goproxy-assistant` (Linux),
//!   the same folders as data on macOS and Windows.

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

/// The app's configuration directory for `env` (holds `config.toml`).
pub fn config_dir(env: &SysEnv) -> Result<PathBuf> {
    if cfg!(windows) || cfg!(target_os = "macos") {
        return data_dir(env);
    }
    let base = match env.non_empty("XDG_CONFIG_HOME") {
        Some(dir) if PathBuf::from(dir).is_absolute() => PathBuf::from(dir),
        _ => PathBuf::from(env.non_empty("HOME").ok_or_else(|| {
            Error::new(
                ErrorCode::Io,
                "cannot find a place for the app's configuration: $HOME is not set",
            )
        })?)
        .join(".config"),
    };
    Ok(base.join("goproxy-assistant"))
}

/// The D-Bus name prefix under which one app instance runs per data directory: `identifier`
/// plus a digest of [`data_dir`]. A second launch with the same data (the OS opening a link)
/// finds the running app and hands the link over; apps on other data (another HOME or
/// `XDG_DATA_HOME`, as each end-to-end test has) never see each other, so an app still exiting
/// cannot swallow the next one's launch. Element rules: D-Bus specification, "Bus names".
pub fn instance_id(identifier: &str, env: &SysEnv) -> Result<String> {
    use sha2::{Digest, Sha256};
    let dir = data_dir(env)?;
    let digest = Sha256::digest(dir.as_os_str().as_encoded_bytes());
    let hex: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    // An element must not start with a digit, hence the `d`.
    Ok(format!("{identifier}.d{hex}"))
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    #[test]
    fn config_dir_follows_xdg() {
        let env = SysEnv::from_vars([("HOME", "/h"), ("XDG_CONFIG_HOME", "/x")]);
        assert_eq!(
            config_dir(&env).expect("dir"),
            PathBuf::from("/x/goproxy-assistant")
        );
        let env = SysEnv::from_vars([("HOME", "/h"), ("XDG_CONFIG_HOME", "rel")]);
        assert_eq!(
            config_dir(&env).expect("dir"),
            PathBuf::from("/h/.config/goproxy-assistant")
        );
        assert!(config_dir(&SysEnv::default()).is_err());
    }

    #[test]
    fn instance_id_is_one_per_data_dir() {
        let id = |vars: &[(&str, &str)]| {
            instance_id(
                "dev.goproxy-assistant.desktop",
                &SysEnv::from_vars(vars.to_vec()),
            )
            .expect("id")
        };
        let home = id(&[("HOME", "/h")]);
        assert_eq!(
            home,
            id(&[("HOME", "/h"), ("XDG_DATA_HOME", "/h/.local/share")])
        );
        assert_ne!(home, id(&[("HOME", "/other")]));
        assert_ne!(home, id(&[("HOME", "/h"), ("XDG_DATA_HOME", "/x")]));
        let last = home.rsplit('.').next().expect("an element");
        assert!(
            home.starts_with("dev.goproxy-assistant.desktop.d"),
            "{home}"
        );
        assert!(
            last.len() == 17 && last[1..].bytes().all(|b| b.is_ascii_hexdigit()),
            "{home}"
        );
        assert!(instance_id("x.y", &SysEnv::default()).is_err());
    }
}
