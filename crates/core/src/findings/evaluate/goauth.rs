//! GOAUTH traps (Go 1.24+, go-config-facts §8): a value the go command refuses at its first
//! HTTPS request (an empty entry, `off` with others, a relative `git` dir), and a credential
//! command that cannot run — Go then only says so under `-x` and every private fetch gets 401,
//! which is what happens when the app that GOAUTH points at was moved or uninstalled.

use super::{Code, Facts, Finding, Fix, Severity};
use crate::settings::SettingSource;
use std::path::Path;

pub(super) fn goauth(f: &Facts<'_>, out: &mut Vec<Finding>) {
    let Some(s) = f.setting("GOAUTH") else {
        return;
    };
    if s.source == SettingSource::Unsupported {
        return;
    }
    let entries: Vec<&str> = s.value.split(';').map(str::trim).collect();
    let fatal = if entries.iter().any(|e| e.is_empty()) {
        Some("has an empty entry (a stray `;`)")
    } else if entries.len() > 1 && entries.contains(&"off") {
        Some("combines `off` with other methods")
    } else if entries.iter().any(|e| {
        e.strip_prefix("git ")
            .is_some_and(|dir| !Path::new(dir.trim()).is_absolute())
    }) {
        Some("has a `git` entry whose directory is not an absolute path")
    } else {
        None
    };
    if let Some(why) = fatal {
        let kept: Vec<&str> = entries
            .iter()
            .copied()
            .filter(|e| !e.is_empty() && *e != "off")
            .filter(|e| !e.starts_with("git ") || Path::new(e[4..].trim()).is_absolute())
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
    let missing: Vec<&str> = entries
        .iter()
        .copied()
        .filter(|e| !matches!(*e, "off" | "netrc") && !e.starts_with("git "))
        .filter(|e| !runnable(f, program(e)))
        .collect();
    for entry in &missing {
        let kept: Vec<&str> = entries.iter().copied().filter(|e| e != entry).collect();
        out.push(
            Finding::new(
                Code::GoauthCommandMissing,
                Severity::Warning,
                format!("GOAUTH runs `{entry}`, but {} cannot be run: private modules that need its credentials fail with 401/403", program(entry)),
            )
            .key("GOAUTH")
            .param("command", *entry)
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

/// The program of a command entry (its first word, quotes removed as Go's splitting does).
fn program(entry: &str) -> &str {
    let entry = entry.trim_start();
    match entry.chars().next() {
        Some(q @ ('\'' | '"')) => entry[1..].split(q).next().unwrap_or_default(),
        _ => entry.split_whitespace().next().unwrap_or_default(),
    }
}

/// Whether the go command could start `program` (a path, or a name looked up in PATH).
fn runnable(f: &Facts<'_>, program: &str) -> bool {
    let executable = |p: &Path| {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            p.metadata()
                .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
        }
        #[cfg(not(unix))]
        {
            p.is_file()
        }
    };
    if program.contains(std::path::MAIN_SEPARATOR) || program.contains('/') {
        return executable(Path::new(program));
    }
    let path = f.env.get("PATH").unwrap_or_default();
    std::env::split_paths(&path).any(|dir| executable(&dir.join(program)))
}
