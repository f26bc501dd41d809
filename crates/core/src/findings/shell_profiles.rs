//! Where an OS variable is probably set: shell start-up files that assign it, so a finding can
//! say "remove it from ~/.bashrc" instead of "somewhere in your environment".

use crate::sysenv::SysEnv;
use std::path::PathBuf;

/// Files that commonly set environment variables, in the order a user would look.
fn candidates(env: &SysEnv) -> Vec<PathBuf> {
    let mut files = Vec::new();
    if let Some(home) = env.home() {
        for name in [
            ".bashrc",
            ".bash_profile",
            ".bash_login",
            ".profile",
            ".zshenv",
            ".zshrc",
            ".zprofile",
            ".config/fish/config.fish",
            ".pam_environment",
            ".config/environment.d/go.conf",
        ] {
            files.push(home.join(name));
        }
    }
    if cfg!(unix) {
        files.push(PathBuf::from("/etc/environment"));
        files.push(PathBuf::from("/etc/profile"));
    }
    files
}

/// Start-up files with a line assigning `key` (`export KEY=`, `KEY=`, `set -x KEY`, `setenv KEY`).
pub fn files_setting(env: &SysEnv, key: &str) -> Vec<String> {
    candidates(env)
        .into_iter()
        .filter(|path| {
            crate::atomic_file::read_optional(path)
                .ok()
                .flatten()
                .is_some_and(|bytes| {
                    String::from_utf8_lossy(&bytes)
                        .lines()
                        .any(|l| assigns(l, key))
                })
        })
        .map(|p| p.display().to_string())
        .collect()
}

fn assigns(line: &str, key: &str) -> bool {
    let line = line.trim_start();
    if line.starts_with('#') {
        return false;
    }
    let rest = line
        .strip_prefix("export ")
        .or_else(|| line.strip_prefix("set -gx "))
        .or_else(|| line.strip_prefix("set -x "))
        .or_else(|| line.strip_prefix("setenv "))
        .unwrap_or(line)
        .trim_start();
    rest.strip_prefix(key)
        .is_some_and(|after| after.starts_with('=') || after.starts_with(' '))
}

#[cfg(test)]
mod tests {
    use super::assigns;

    #[test]
    fn recognises_assignments() {
        assert!(assigns("export GOPROXY=https://goproxy.cn", "GOPROXY"));
        assert!(assigns("  GOPROXY=x", "GOPROXY"));
        assert!(assigns("set -gx GOPROXY x", "GOPROXY"));
        assert!(!assigns("# export GOPROXY=x", "GOPROXY"));
        assert!(!assigns("export GOPROXYX=x", "GOPROXY"));
        assert!(!assigns("echo $GOPROXY", "GOPROXY"));
    }
}
