//! Where the GOENV file lives, decided exactly as `cfg.EnvFile` and `os.UserConfigDir` do.

use crate::sysenv::SysEnv;
use serde::Serialize;
use std::path::PathBuf;
use ts_rs::TS;

/// Why no GOENV file is in use, as a code the UI words; `var` is the variable as Go writes it
/// (`$HOME`, `%AppData%`, `$XDG_CONFIG_HOME`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "code", rename_all = "snake_case")]
#[ts(export)]
pub enum GoenvUnavailableReason {
    /// `GOENV=off`: Go reads no file.
    Off,
    /// The variable the location is built from is not defined.
    NotDefined { var: String },
    /// The variable holds a relative path, which Go refuses.
    Relative { var: String },
    /// Neither `$XDG_CONFIG_HOME` nor `$HOME` is defined.
    NoConfigHome,
}

impl GoenvUnavailableReason {
    /// Go's own wording (`os.UserConfigDir`), for the CLI.
    pub fn english(&self) -> String {
        match self {
            GoenvUnavailableReason::Off => "GOENV=off".into(),
            GoenvUnavailableReason::NotDefined { var } => format!("{var} is not defined"),
            GoenvUnavailableReason::Relative { var } => format!("path in {var} is relative"),
            GoenvUnavailableReason::NoConfigHome => {
                "neither $XDG_CONFIG_HOME nor $HOME are defined".into()
            }
        }
    }
}

/// The outcome of locating the GOENV file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GoenvLocation {
    /// The file to read and write; `from_env` when `$GOENV` named it.
    File { path: PathBuf, from_env: bool },
    /// `GOENV=off`: Go reads no file (but note `go env -w` still writes the default one).
    Off,
    /// No location can be determined (Go's `os.UserConfigDir` error).
    Unavailable { reason: GoenvUnavailableReason },
}

impl GoenvLocation {
    pub fn path(&self) -> Option<&std::path::Path> {
        match self {
            GoenvLocation::File { path, .. } => Some(path),
            _ => None,
        }
    }
}

/// Locates the GOENV file for `env`. A relative `$GOENV` is relative to the working directory.
pub fn locate(env: &SysEnv) -> GoenvLocation {
    if let Some(file) = env.non_empty("GOENV") {
        if file == "off" {
            return GoenvLocation::Off;
        }
        let path = PathBuf::from(file);
        let path = match env.cwd() {
            Some(cwd) if path.is_relative() => cwd.join(path),
            _ => path,
        };
        return GoenvLocation::File {
            path,
            from_env: true,
        };
    }
    match user_config_dir(env) {
        Ok(dir) => GoenvLocation::File {
            path: dir.join("go").join("env"),
            from_env: false,
        },
        Err(reason) => GoenvLocation::Unavailable { reason },
    }
}

/// `os.UserConfigDir` for the OS this binary runs on, reading variables from `env`.
pub fn user_config_dir(env: &SysEnv) -> Result<PathBuf, GoenvUnavailableReason> {
    let not_defined = |var: &str| GoenvUnavailableReason::NotDefined { var: var.into() };
    if cfg!(windows) {
        return env
            .non_empty("AppData")
            .or_else(|| env.non_empty("APPDATA"))
            .map(PathBuf::from)
            .ok_or_else(|| not_defined("%AppData%"));
    }
    if cfg!(target_os = "macos") {
        return env
            .non_empty("HOME")
            .map(|h| PathBuf::from(h).join("Library/Application Support"))
            .ok_or_else(|| not_defined("$HOME"));
    }
    match env.non_empty("XDG_CONFIG_HOME") {
        Some(dir) if PathBuf::from(dir).is_absolute() => Ok(PathBuf::from(dir)),
        Some(_) => Err(GoenvUnavailableReason::Relative {
            var: "$XDG_CONFIG_HOME".into(),
        }),
        None => env
            .non_empty("HOME")
            .map(|h| PathBuf::from(h).join(".config"))
            .ok_or(GoenvUnavailableReason::NoConfigHome),
    }
}

#[cfg(all(test, unix, not(target_os = "macos")))]
mod tests {
    use super::*;

    fn env(vars: &[(&str, &str)]) -> SysEnv {
        SysEnv::from_vars(vars.iter().copied()).with_cwd("/work")
    }

    #[test]
    fn goenv_variable_wins_and_relative_is_cwd_based() {
        assert_eq!(
            locate(&env(&[("GOENV", "/x/env"), ("HOME", "/h")])),
            GoenvLocation::File {
                path: "/x/env".into(),
                from_env: true
            }
        );
        assert_eq!(
            locate(&env(&[("GOENV", "rel/env")])),
            GoenvLocation::File {
                path: "/work/rel/env".into(),
                from_env: true
            }
        );
        assert_eq!(locate(&env(&[("GOENV", "off")])), GoenvLocation::Off);
    }

    #[test]
    fn xdg_then_home() {
        assert_eq!(
            locate(&env(&[
                ("GOENV", ""),
                ("XDG_CONFIG_HOME", "/xdg"),
                ("HOME", "/h")
            ])),
            GoenvLocation::File {
                path: "/xdg/go/env".into(),
                from_env: false
            }
        );
        assert_eq!(
            locate(&env(&[("HOME", "/h")])).path(),
            Some(std::path::Path::new("/h/.config/go/env"))
        );
        let relative = GoenvUnavailableReason::Relative {
            var: "$XDG_CONFIG_HOME".into(),
        };
        assert_eq!(
            locate(&env(&[("XDG_CONFIG_HOME", "rel"), ("HOME", "/h")])),
            GoenvLocation::Unavailable {
                reason: relative.clone()
            }
        );
        assert_eq!(relative.english(), "path in $XDG_CONFIG_HOME is relative");
        assert_eq!(
            locate(&env(&[])),
            GoenvLocation::Unavailable {
                reason: GoenvUnavailableReason::NoConfigHome
            }
        );
        let json = serde_json::to_value(&relative).expect("json");
        assert_eq!(
            json,
            serde_json::json!({ "code": "relative", "var": "$XDG_CONFIG_HOME" })
        );
    }
}
