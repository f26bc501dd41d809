//! GOAUTH traps (Go 1.24+; `cmd/go/internal/auth/auth.go`, `go help goauth`): a value the go command refuses at its first
//! HTTPS request (an empty entry, `off` with others, a relative `git` dir), and a credential
//! command that cannot run — Go then only says so under `-x` and every private fetch gets 401,
//! which is what happens when the app that GOAUTH points at was moved or uninstalled.

use super::{Code, Facts, Finding, Fix, Severity};
use crate::goenv::goauth::{goauth_entries, GoauthMethod};
use crate::install::is_executable;
use crate::settings::SettingSource;
use std::path::Path;

pub(super) fn goauth(f: &Facts<'_>, out: &mut Vec<Finding>) {
    let Some(s) = f.setting("GOAUTH") else {
        return;
    };
    if s.source == SettingSource::Unsupported {
        return;
    }
    let entries = goauth_entries(&s.value);
    let fatal = if entries.iter().any(|e| e.method == GoauthMethod::Empty) {
        Some("has an empty entry (a stray `;`)")
    } else if entries.len() > 1 && entries.iter().any(|e| e.method == GoauthMethod::Off) {
        Some("combines `off` with other methods")
    } else if entries
        .iter()
        .any(|e| matches!(e.method, GoauthMethod::Git { .. }) && !e.git_dir_ok())
    {
        Some("has a `git` entry whose directory is not an absolute path")
    } else {
        None
    };
    if let Some(why) = fatal {
        let kept: Vec<&str> = entries
            .iter()
            .filter(|e| match e.method {
                GoauthMethod::Empty | GoauthMethod::Off => false,
                GoauthMethod::Git { .. } => e.git_dir_ok(),
                GoauthMethod::Netrc | GoauthMethod::Command => true,
            })
            .map(|e| e.text)
            .collect();
        out.push(
            Finding::new(
                Code::GoauthInvalid,
                Severity::Error,
                format!(
                    "GOAUTH={} {why}: the go command stops at its first HTTPS request",
                    s.value
                ),
            )
            .key("GOAUTH")
            .fix(fix_with(f, &kept)),
        );
        return;
    }
    let missing = entries
        .iter()
        .filter(|e| e.method == GoauthMethod::Command && !runnable(f, e.program()));
    for entry in missing {
        let kept: Vec<&str> = entries
            .iter()
            .map(|e| e.text)
            .filter(|e| *e != entry.text)
            .collect();
        out.push(
            Finding::new(
                Code::GoauthCommandMissing,
                Severity::Warning,
                format!("GOAUTH runs `{}`, but {} cannot be run: private modules that need its credentials fail with 401/403", entry.text, entry.program()),
            )
            .key("GOAUTH")
            .param("command", entry.text)
            .fix(fix_with(f, &kept)),
        );
    }
}

/// GOAUTH with only `kept`; Go's default (`netrc`) is written as unsetting the key.
fn fix_with(f: &Facts<'_>, kept: &[&str]) -> Option<Fix> {
    match kept {
        [] | ["netrc"] => f.fix_value("GOAUTH", None),
        _ => f.fix_value("GOAUTH", Some(&kept.join(";"))),
    }
}

/// Whether the go command could start `program` (a path, or a name looked up in PATH).
fn runnable(f: &Facts<'_>, program: &str) -> bool {
    if program.contains(std::path::MAIN_SEPARATOR) || program.contains('/') {
        return is_executable(Path::new(program));
    }
    let path = f.env.get("PATH").unwrap_or_default();
    std::env::split_paths(&path).any(|dir| is_executable(&dir.join(program)))
}
