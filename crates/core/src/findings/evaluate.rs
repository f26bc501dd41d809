//! Turns detected facts into findings. Pure apart from reading .netrc metadata and shell
//! start-up files, so every rule is unit-testable.

use super::shell_profiles::files_setting;
use super::{Finding, FindingCode as Code, Fix, Severity};
use crate::goenv::file::EnvFile;
use crate::goenv::remote::parse_goproxy;
use crate::goenv::EnvOp;
use crate::goversion::GoVersion;
use crate::install::GoInstallation;
use crate::settings::{Setting, SettingSource, MODULE_KEYS};
use crate::sysenv::SysEnv;
use crate::Error;
use std::path::Path;

/// What detection found, as input to the rules.
pub struct Facts<'a> {
    pub env: &'a SysEnv,
    pub installations: &'a [GoInstallation],
    pub settings: &'a [Setting],
    pub version: GoVersion,
    pub file: Option<&'a EnvFile>,
    pub file_path: Option<&'a Path>,
    pub file_error: Option<&'a Error>,
}

impl Facts<'_> {
    fn setting(&self, key: &str) -> Option<&Setting> {
        self.settings.iter().find(|s| s.key == key)
    }

    /// A fix that makes `key` take `target` (`None`: Go's default) through the GOENV file, or a
    /// manual step when an OS variable decides the value and a file change would not help.
    fn fix_value(&self, key: &str, target: Option<&str>) -> Option<Fix> {
        let s = self.setting(key)?;
        if s.source == SettingSource::Environment {
            return Some(Fix::Manual {
                hint: env_hint(self.env, key),
            });
        }
        let ops = match target {
            None => vec![EnvOp::unset(key)],
            Some(v) => vec![EnvOp::set(key, v)],
        };
        Some(Fix::GoEnv { ops })
    }
}

fn env_hint(env: &SysEnv, key: &str) -> String {
    let files = files_setting(env, key);
    if files.is_empty() {
        format!("{key} is set in the environment of this session; remove it where your shell or desktop sets it, then restart the terminal or app")
    } else {
        format!(
            "{key} is set in {}; remove that line, then open a new terminal",
            files.join(", ")
        )
    }
}

/// All findings for these facts, most severe first.
pub fn evaluate(f: &Facts<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    installations(f, &mut out);
    goenv_file(f, &mut out);
    overrides(f, &mut out);
    goproxy(f, &mut out);
    gosumdb(f, &mut out);
    goflags(f, &mut out);
    http_proxy(f, &mut out);
    netrc(f, &mut out);
    goauth::goauth(f, &mut out);
    out.sort_by(|a, b| b.severity.cmp(&a.severity).then(a.code.cmp(&b.code)));
    out
}

fn installations(f: &Facts<'_>, out: &mut Vec<Finding>) {
    match f.installations.iter().find(|i| i.active) {
        None => {
            let mut finding = Finding::new(
                Code::GoNotFound,
                Severity::Error,
                "No go command is on PATH; install Go from https://go.dev/dl/ (or `sudo apt install golang-go`, `brew install go`, `winget install GoLang.Go`) and open a new terminal",
            );
            if let Some(other) = f.installations.first() {
                finding = finding
                    .param("found_elsewhere", other.go_path.clone())
                    .fix(Some(Fix::Manual {
                        hint: format!(
                            "Go is installed at {} but not on PATH; add its directory to PATH",
                            other.go_path
                        ),
                    }));
            }
            out.push(finding);
        }
        Some(active) if f.installations.len() > 1 => out.push(
            Finding::new(
                Code::MultipleInstallations,
                Severity::Info,
                format!(
                    "{} Go installations found; `go` runs {} ({})",
                    f.installations.len(),
                    active.go_path,
                    active.version.as_deref().unwrap_or("unknown version")
                ),
            )
            .param("count", f.installations.len().to_string())
            .param("path", active.go_path.clone())
            .param("version", active.version.clone().unwrap_or_default()),
        ),
        Some(_) => {}
    }
}

fn goenv_file(f: &Facts<'_>, out: &mut Vec<Finding>) {
    let path = f
        .file_path
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    if let Some(err) = f.file_error {
        out.push(
            Finding::new(
                Code::GoenvUnreadable,
                Severity::Error,
                format!("The GOENV file cannot be read: {}", err.message),
            )
            .param("path", path.clone())
            .param("error", err.message.clone()),
        );
    }
    let Some(file) = f.file else { return };
    let ignored = file.ignored_lines();
    if !ignored.is_empty() {
        let lines: Vec<String> = ignored.iter().map(|l| l.line_no.to_string()).collect();
        out.push(
            Finding::new(
                Code::GoenvIgnoredLines,
                Severity::Warning,
                format!("{path} has {} line(s) Go ignores (line {}); a setting written there has no effect", ignored.len(), lines.join(", ")),
            )
            .param("path", path.clone())
            .param("count", ignored.len().to_string())
            .param("lines", lines.join(", ")),
        );
    }
    for key in file.crlf_keys() {
        let value = file.get(&key).unwrap_or_default();
        let clean = value.trim_end_matches('\r').to_string();
        out.push(
            Finding::new(Code::GoenvCrlf, Severity::Warning, format!("{key} in {path} ends in a carriage return (the file has Windows line endings), so Go sees a different value"))
                .key(&key)
                .param("path", path.clone())
                .fix(Some(Fix::GoEnv { ops: vec![EnvOp::set(&key, clean)] })),
        );
    }
    if f.version.has_goroot_go_env() {
        for s in f
            .settings
            .iter()
            .filter(|s| s.source == SettingSource::GoenvFile && s.value.is_empty())
        {
            if s.goroot_value.as_deref().is_some_and(|v| !v.is_empty()) {
                let severity = if matches!(s.key.as_str(), "GOPROXY" | "GOSUMDB") {
                    Severity::Error
                } else {
                    Severity::Warning
                };
                out.push(
                    Finding::new(
                        Code::GoenvEmptyValue,
                        severity,
                        format!(
                            "{}= (empty) in {path} hides the toolchain default; unset it instead",
                            s.key
                        ),
                    )
                    .key(&s.key)
                    .param("path", path.clone())
                    .fix(Some(Fix::GoEnv {
                        ops: vec![EnvOp::unset(&s.key)],
                    })),
                );
            }
        }
    }
}

fn overrides(f: &Facts<'_>, out: &mut Vec<Finding>) {
    for key in MODULE_KEYS.iter().filter(|k| **k != "GOENV") {
        let Some(s) = f.setting(key) else { continue };
        let (Some(env_value), Some(file_value)) = (f.env.non_empty(key), s.file_value.as_deref())
        else {
            continue;
        };
        if env_value == file_value {
            continue;
        }
        out.push(
            Finding::new(
                Code::EnvOverridesFile,
                Severity::Warning,
                format!("{key} is set in the environment ({env_value}), which overrides the GOENV file ({file_value}); `go env -w {key}=...` only warns and changes nothing"),
            )
            .key(key)
            .param("env_value", env_value)
            .param("file_value", file_value)
            .param("set_in", files_setting(f.env, key).join(", "))
            .fix(Some(Fix::Manual { hint: env_hint(f.env, key) })),
        );
    }
}

fn goproxy(f: &Facts<'_>, out: &mut Vec<Finding>) {
    let Some(s) = f.setting("GOPROXY") else {
        return;
    };
    if let Err(err) = crate::goenv::keys::validate_value("GOPROXY", &s.value, f.version) {
        if !s.value.is_empty() {
            out.push(
                Finding::new(
                    Code::GoproxyInvalid,
                    Severity::Error,
                    format!("GOPROXY is not valid: {}", err.message),
                )
                .key("GOPROXY")
                .param("value", s.value.clone())
                .param("error", err.message),
            );
            return;
        }
    }
    let parsed = parse_goproxy(&s.value).unwrap_or_default();
    let entries: Vec<&str> = parsed.iter().map(|e| e.raw.as_str()).collect();
    if entries.first() == Some(&"off") {
        out.push(
            Finding::new(
                Code::GoproxyOff,
                Severity::Error,
                "GOPROXY=off: the go command may not download any public module",
            )
            .key("GOPROXY")
            .param("value", s.value.clone())
            .fix(restore_default(
                f,
                "GOPROXY",
                "https://proxy.golang.org,direct",
            )),
        );
    } else if entries.len() == 1 && entries[0] != "direct" {
        out.push(
            Finding::new(
                Code::GoproxyNoFallback,
                Severity::Warning,
                format!("GOPROXY lists only {}; when it fails or lacks a module there is nothing to fall back to", entries[0]),
            )
            .key("GOPROXY")
            .param("value", s.value.clone())
            .fix(f.fix_value("GOPROXY", Some(&format!("{},direct", s.value.trim())))),
        );
    }
}

/// The fix that brings back Go's default for `key`: unset it when the file set it and the
/// toolchain's default is good, otherwise write the upstream default explicitly.
fn restore_default(f: &Facts<'_>, key: &str, upstream: &str) -> Option<Fix> {
    let s = f.setting(key)?;
    let default_is_good = if f.version.has_goroot_go_env() {
        s.goroot_value.as_deref() == Some(upstream)
    } else {
        true
    };
    if s.source == SettingSource::GoenvFile && default_is_good {
        f.fix_value(key, None)
    } else {
        f.fix_value(key, Some(upstream))
    }
}

fn gosumdb(f: &Facts<'_>, out: &mut Vec<Finding>) {
    let Some(s) = f.setting("GOSUMDB") else {
        return;
    };
    if s.value == "off" {
        out.push(
            Finding::new(Code::GosumdbOff, Severity::Warning, "GOSUMDB=off: downloaded modules are not checked against the checksum database, so a tampered module would go unnoticed")
                .key("GOSUMDB")
                .fix(restore_default(f, "GOSUMDB", "sum.golang.org")),
        );
    }
}

fn goflags(f: &Facts<'_>, out: &mut Vec<Finding>) {
    let Some(s) = f.setting("GOFLAGS") else {
        return;
    };
    let fields: Vec<&str> = s.value.split_whitespace().collect();
    let is_insecure = |x: &&str| {
        *x == "-insecure"
            || x.starts_with("-insecure=")
            || *x == "--insecure"
            || x.starts_with("--insecure=")
    };
    if !fields.iter().any(is_insecure) {
        return;
    }
    let rest: Vec<&str> = fields.into_iter().filter(|x| !is_insecure(x)).collect();
    let target = if rest.is_empty() {
        None
    } else {
        Some(rest.join(" "))
    };
    out.push(
        Finding::new(Code::GoflagsInsecure, Severity::Warning, "GOFLAGS contains -insecure, which Go removed in 1.17 (`go get` fails with it); use GOINSECURE for hosts without valid HTTPS")
            .key("GOFLAGS")
            .param("value", s.value.clone())
            .fix(f.fix_value("GOFLAGS", target.as_deref())),
    );
}

/// Proxy URLs may carry credentials; never show them. Also covers `user:pass@host:port`.
fn redact_userinfo(value: &str) -> String {
    if value.contains("://") {
        crate::redact::url_userinfo(value)
    } else {
        crate::redact::url_userinfo(&format!("http://{value}"))
            .trim_start_matches("http://")
            .to_string()
    }
}

fn http_proxy(f: &Facts<'_>, out: &mut Vec<Finding>) {
    let mut in_effect = Vec::new();
    for (upper, lower) in [
        ("HTTPS_PROXY", "https_proxy"),
        ("HTTP_PROXY", "http_proxy"),
        ("NO_PROXY", "no_proxy"),
    ] {
        let hit = [upper, lower]
            .into_iter()
            .find_map(|k| f.env.non_empty(k).map(|v| (k, v)));
        if let Some((name, value)) = hit {
            in_effect.push(format!("{name}={}", redact_userinfo(value)));
        }
    }
    if !in_effect.is_empty() {
        out.push(
            Finding::new(
                Code::HttpProxyInEffect,
                Severity::Info,
                format!(
                    "The go command sends module downloads through an HTTP proxy: {}",
                    in_effect.join(", ")
                ),
            )
            .param("vars", in_effect.join(", ")),
        );
    }
}

fn netrc(f: &Facts<'_>, out: &mut Vec<Finding>) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let Ok(path) = crate::netrc::location(f.env) else {
            return;
        };
        let Ok(meta) = std::fs::metadata(&path) else {
            return;
        };
        let mode = meta.permissions().mode() & 0o777;
        if meta.is_file() && mode & 0o077 != 0 {
            out.push(
                Finding::new(
                    Code::NetrcReadableByOthers,
                    Severity::Warning,
                    format!("{} holds passwords but other users can read it (mode {mode:o}); run `chmod 600 {}`", path.display(), path.display()),
                )
                .param("path", path.display().to_string())
                .param("mode", format!("{mode:o}"))
                .fix(Some(Fix::Manual { hint: format!("chmod 600 {}", path.display()) })),
            );
        }
    }
    #[cfg(not(unix))]
    let _ = (f, out);
}

mod goauth;

#[cfg(test)]
mod tests;
