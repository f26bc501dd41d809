//! Effective module-download settings and where each value comes from, computed the way the
//! go command does (process env, then GOENV file, then `$GOROOT/go.env`, then built-in defaults).

use serde::Serialize;
use ts_rs::TS;

/// The module-download settings the app explains, in display order.
pub const MODULE_KEYS: &[&str] = &[
    "GOPROXY",
    "GOSUMDB",
    "GOPRIVATE",
    "GONOPROXY",
    "GONOSUMDB",
    "GOINSECURE",
    "GOFLAGS",
    "GOAUTH",
    "GOTOOLCHAIN",
    "GOMODCACHE",
    "GOENV",
];

/// Where an effective value comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum SettingSource {
    /// The process environment (a shell profile, the desktop session, a CI variable).
    Environment,
    /// The user's GOENV file, written by `go env -w`.
    GoenvFile,
    /// `$GOROOT/go.env`, the toolchain's defaults file (Go 1.21+).
    GorootGoEnv,
    /// Compiled into the go command, or derived from another setting.
    Default,
    /// No go was found: the value Go's own releases ship in `$GOROOT/go.env` for the newest rules
    /// we know ([`UPSTREAM_GO_ENV`]), what a go installed from go.dev would use.
    AssumedDefault,
    /// This Go version does not know the setting.
    Unsupported,
}

/// One setting with its effective value and provenance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Setting {
    pub key: String,
    /// The value the go command uses.
    pub value: String,
    pub source: SettingSource,
    /// Where exactly: a file path, or the setting a default is derived from (`GOPRIVATE`, `GOPATH`).
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_detail: Option<String>,
    /// The value in the process environment, when set (even if empty, it is shown).
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub env_value: Option<String>,
    /// The value in the GOENV file, when the file has the key.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file_value: Option<String>,
    /// The value in `$GOROOT/go.env`, when that file has the key.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub goroot_value: Option<String>,
}

use crate::goenv::file::EnvFile;
use crate::goversion::GoVersion;
use crate::sysenv::SysEnv;
use std::path::{Path, PathBuf};

/// `$GOROOT/go.env` as Go's own releases ship it (go1.21+). Since go1.21 `cmd/go/internal/cfg`
/// compiles in no GOPROXY, GOSUMDB or GOTOOLCHAIN default and reads these from the toolchain's
/// go.env, so with no go (no GOROOT) these are the defaults we assume.
pub const UPSTREAM_GO_ENV: &[u8] =
    b"GOPROXY=https://proxy.golang.org,direct\nGOSUMDB=sum.golang.org\nGOTOOLCHAIN=auto\n";

/// Everything the go command consults for a value, already read from disk.
pub struct Layers<'a> {
    pub env: &'a SysEnv,
    /// The user's GOENV file (`None` when absent, unreadable or GOENV=off).
    pub file: Option<&'a EnvFile>,
    pub file_path: Option<&'a Path>,
    /// `$GOROOT/go.env` (only consulted from Go 1.21), or [`UPSTREAM_GO_ENV`] when assumed.
    pub goroot_env: Option<&'a EnvFile>,
    /// No go was found, so `goroot_env` is not a file but Go's upstream defaults.
    pub goroot_env_assumed: bool,
    pub goroot: Option<&'a Path>,
    pub version: GoVersion,
}

/// A value and where it came from, before defaults apply.
struct Found {
    value: String,
    source: SettingSource,
}

impl Layers<'_> {
    /// `cfg.Getenv`: process env if non-empty, then the GOENV file (even an empty value), then go.env.
    fn getenv(&self, key: &str) -> Option<Found> {
        if let Some(v) = self.env.non_empty(key) {
            return Some(Found {
                value: v.to_string(),
                source: SettingSource::Environment,
            });
        }
        if let Some(v) = self.file.and_then(|f| f.get(key)) {
            return Some(Found {
                value: v,
                source: SettingSource::GoenvFile,
            });
        }
        if self.version.has_goroot_go_env() {
            if let Some(v) = self.goroot_env.and_then(|f| f.get(key)) {
                let source = if self.goroot_env_assumed {
                    SettingSource::AssumedDefault
                } else {
                    SettingSource::GorootGoEnv
                };
                return Some(Found { value: v, source });
            }
        }
        None
    }

    /// `envOr` / `EnvOrAndChanged`: an empty value means "use the default".
    fn env_or(
        &self,
        key: &str,
        default: &str,
        default_detail: Option<&str>,
    ) -> (String, SettingSource, Option<String>) {
        match self.getenv(key) {
            Some(f) if !f.value.is_empty() => (f.value, f.source, None),
            Some(f) if default.is_empty() => (f.value, f.source, None),
            _ => (
                default.to_string(),
                SettingSource::Default,
                default_detail.map(str::to_string),
            ),
        }
    }

    /// GOPATH as `cfg` computes it: set value, else `$HOME/go` unless that is GOROOT.
    fn gopath(&self) -> String {
        let default = self
            .env
            .home()
            .map(|h| h.join("go"))
            .filter(|p| self.goroot.is_none_or(|r| clean(p) != clean(r)))
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        self.env_or("GOPATH", &default, None).0
    }

    fn setting(&self, key: &str) -> Setting {
        let v = self.version;
        let (value, source, detail) = match key {
            "GOPROXY" if v.has_goroot_go_env() => self.env_or(key, "", None),
            "GOPROXY" => self.env_or(key, "https://proxy.golang.org,direct", Some("built-in")),
            "GOSUMDB" if v.has_goroot_go_env() => self.env_or(key, "", None),
            "GOSUMDB" => self.env_or(key, "sum.golang.org", Some("built-in")),
            "GONOPROXY" | "GONOSUMDB" => {
                let private = self.env_or("GOPRIVATE", "", None).0;
                self.env_or(key, &private, Some("GOPRIVATE"))
            }
            "GOAUTH" if !v.has_goauth() => (String::new(), SettingSource::Unsupported, None),
            "GOAUTH" => self.env_or(key, "netrc", Some("built-in")),
            "GOTOOLCHAIN" if !v.has_goroot_go_env() => {
                (String::new(), SettingSource::Unsupported, None)
            }
            "GOMODCACHE" => {
                let gopath = self.gopath();
                let first = gopath
                    .split(if cfg!(windows) { ';' } else { ':' })
                    .next()
                    .unwrap_or("");
                let default = if first.is_empty() {
                    String::new()
                } else {
                    Path::new(first)
                        .join("pkg")
                        .join("mod")
                        .display()
                        .to_string()
                };
                self.env_or(key, &default, Some("GOPATH"))
            }
            "GOENV" => match self.env.non_empty("GOENV") {
                Some("off") => (String::new(), SettingSource::Environment, None),
                Some(v) => (v.to_string(), SettingSource::Environment, None),
                None => (
                    self.file_path
                        .map(|p| p.display().to_string())
                        .unwrap_or_default(),
                    SettingSource::Default,
                    None,
                ),
            },
            _ => self.env_or(key, "", None),
        };
        let source_detail = detail.or_else(|| match source {
            SettingSource::GoenvFile => self.file_path.map(|p| p.display().to_string()),
            SettingSource::GorootGoEnv => {
                self.goroot.map(|r| r.join("go.env").display().to_string())
            }
            _ => None,
        });
        Setting {
            key: key.to_string(),
            value,
            source,
            source_detail,
            env_value: self.env.get(key).map(str::to_string),
            file_value: if key == "GOENV" {
                None
            } else {
                self.file.and_then(|f| f.get(key))
            },
            goroot_value: self
                .goroot_env
                .filter(|_| !self.goroot_env_assumed && v.has_goroot_go_env())
                .and_then(|f| f.get(key)),
        }
    }
}

fn clean(p: &Path) -> PathBuf {
    p.components().collect()
}

/// Effective value and source of every key in [`MODULE_KEYS`].
pub fn compute(layers: &Layers<'_>) -> Vec<Setting> {
    MODULE_KEYS.iter().map(|k| layers.setting(k)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layers<'a>(
        env: &'a SysEnv,
        file: Option<&'a EnvFile>,
        goroot_env: Option<&'a EnvFile>,
        v: GoVersion,
    ) -> Layers<'a> {
        Layers {
            env,
            file,
            file_path: Some(Path::new("/h/.config/go/env")),
            goroot_env,
            goroot_env_assumed: false,
            goroot: Some(Path::new("/usr/local/go")),
            version: v,
        }
    }

    fn find<'a>(s: &'a [Setting], k: &str) -> &'a Setting {
        s.iter().find(|x| x.key == k).expect("key")
    }

    #[test]
    fn precedence_env_file_goroot_default() {
        let env = SysEnv::from_vars([("HOME", "/h"), ("GOSUMDB", "off"), ("GOFLAGS", "")]);
        let file = EnvFile::parse(b"GOPRIVATE=corp.example.com\nGOFLAGS=-mod=mod\n");
        let goroot = EnvFile::parse(
            b"GOPROXY=https://proxy.golang.org,direct\nGOSUMDB=sum.golang.org\nGOTOOLCHAIN=auto\n",
        );
        let s = compute(&layers(
            &env,
            Some(&file),
            Some(&goroot),
            GoVersion::new(1, 27, 3),
        ));
        assert_eq!(find(&s, "GOSUMDB").source, SettingSource::Environment);
        assert_eq!(find(&s, "GOPROXY").source, SettingSource::GorootGoEnv);
        assert_eq!(
            find(&s, "GOFLAGS").value,
            "-mod=mod",
            "an empty OS variable counts as unset"
        );
        assert_eq!(find(&s, "GONOPROXY").value, "corp.example.com");
        assert_eq!(
            find(&s, "GONOPROXY").source_detail.as_deref(),
            Some("GOPRIVATE")
        );
        assert_eq!(find(&s, "GOAUTH").value, "netrc");
        assert_eq!(find(&s, "GOMODCACHE").value, "/h/go/pkg/mod");
        assert_eq!(find(&s, "GOENV").value, "/h/.config/go/env");
    }

    #[test]
    fn empty_file_value_hides_go_env_from_121_but_not_in_119() {
        let env = SysEnv::from_vars([("HOME", "/h")]);
        let file = EnvFile::parse(b"GOPROXY=\n");
        let goroot = EnvFile::parse(b"GOPROXY=https://proxy.golang.org,direct\n");
        let new = compute(&layers(
            &env,
            Some(&file),
            Some(&goroot),
            GoVersion::new(1, 27, 3),
        ));
        assert_eq!(
            (
                find(&new, "GOPROXY").value.as_str(),
                find(&new, "GOPROXY").source
            ),
            ("", SettingSource::GoenvFile)
        );
        let old = compute(&layers(&env, Some(&file), None, GoVersion::new(1, 19, 8)));
        assert_eq!(
            find(&old, "GOPROXY").value,
            "https://proxy.golang.org,direct"
        );
        assert_eq!(find(&old, "GOPROXY").source, SettingSource::Default);
        assert_eq!(find(&old, "GOAUTH").source, SettingSource::Unsupported);
        assert_eq!(find(&old, "GOTOOLCHAIN").source, SettingSource::Unsupported);
    }

    #[test]
    fn no_go_assumes_upstream_go_env_marked_as_such() {
        let env = SysEnv::from_vars([("HOME", "/h"), ("GOSUMDB", "off")]);
        let upstream = EnvFile::parse(UPSTREAM_GO_ENV);
        let s = compute(&Layers {
            env: &env,
            file: None,
            file_path: Some(Path::new("/h/.config/go/env")),
            goroot_env: Some(&upstream),
            goroot_env_assumed: true,
            goroot: None,
            version: GoVersion::NEWEST_KNOWN,
        });
        for (key, value) in [
            ("GOPROXY", "https://proxy.golang.org,direct"),
            ("GOTOOLCHAIN", "auto"),
        ] {
            let got = find(&s, key);
            assert_eq!(
                (got.value.as_str(), got.source),
                (value, SettingSource::AssumedDefault)
            );
            assert_eq!(got.goroot_value, None, "{key}: there is no go.env file");
            assert_eq!(got.source_detail, None);
        }
        assert_eq!(find(&s, "GOSUMDB").source, SettingSource::Environment);
    }
}
