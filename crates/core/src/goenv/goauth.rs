//! GOAUTH (Go 1.24+) parsed the way the go command parses it (`cmd/go/internal/auth/auth.go`
//! runGoAuth): `;`-separated entries, each trimmed, the first word picks the method. Like GOPROXY
//! (`remote`), `go env -w` stores it unchecked and a bad value only fails at the first download.

use super::values::{is_abs_path, quoted_split};

/// What one GOAUTH entry does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GoauthMethod<'a> {
    /// Nothing between two `;` (Go stops: "GOAUTH encountered an empty command").
    Empty,
    /// `off`: no authentication; Go refuses it next to other entries.
    Off,
    /// `netrc`: the .netrc (Go's default).
    Netrc,
    /// `git <dir>`: `git credential fill` in `dir`; `None` unless exactly one word follows.
    Git { dir: Option<&'a str> },
    /// Any other text: a command line the go command runs.
    Command,
}

/// One entry of a GOAUTH list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GoauthEntry<'a> {
    /// The entry as written, trimmed.
    pub text: &'a str,
    pub method: GoauthMethod<'a>,
}

impl GoauthEntry<'_> {
    /// The program a command entry runs (its first word, quotes removed as Go's splitting does).
    pub fn program(&self) -> &str {
        match self.text.chars().next() {
            Some(q @ ('\'' | '"')) => self.text[1..].split(q).next().unwrap_or_default(),
            _ => self.text.split_whitespace().next().unwrap_or_default(),
        }
    }

    /// A `git` entry Go accepts: one directory, absolute.
    pub fn git_dir_ok(&self) -> bool {
        matches!(self.method, GoauthMethod::Git { dir: Some(d) } if is_abs_path(d))
    }
}

/// Every entry of `value`, empty ones included, in order.
pub fn goauth_entries(value: &str) -> Vec<GoauthEntry<'_>> {
    value
        .split(';')
        .map(str::trim)
        .map(|text| {
            let words: Vec<&str> = text.split_whitespace().collect();
            let method = match words.as_slice() {
                [] => GoauthMethod::Empty,
                ["off", ..] => GoauthMethod::Off,
                ["netrc", ..] => GoauthMethod::Netrc,
                ["git", dir] => GoauthMethod::Git { dir: Some(dir) },
                ["git", ..] => GoauthMethod::Git { dir: None },
                _ => GoauthMethod::Command,
            };
            GoauthEntry { text, method }
        })
        .collect()
}

/// Go's rules, stricter where Go would misbehave: no extra words after `off`/`netrc`, and no
/// `command` keyword (it does not exist; Go would run a program called `command`).
pub(crate) fn check_goauth(value: &str) -> Result<(), String> {
    let entries = goauth_entries(value);
    for entry in &entries {
        let text = entry.text;
        match entry.method {
            GoauthMethod::Empty => {
                return Err(format!(
                    "GOAUTH encountered an empty command (GOAUTH={value}); remove the extra `;`"
                ));
            }
            GoauthMethod::Off if entries.len() != 1 => {
                return Err(format!("GOAUTH=off cannot be combined with other authentication commands (GOAUTH={value})"));
            }
            GoauthMethod::Off | GoauthMethod::Netrc if text.contains(char::is_whitespace) => {
                let method = text.split_whitespace().next().unwrap_or_default();
                return Err(format!(
                    "GOAUTH method `{method}` takes no arguments: {text:?}"
                ));
            }
            GoauthMethod::Off | GoauthMethod::Netrc => {}
            GoauthMethod::Git { .. } if entry.git_dir_ok() => {}
            GoauthMethod::Git { .. } => {
                return Err(format!(
                    "GOAUTH=git dir method requires an absolute path to the git working directory: {text:?}"
                ));
            }
            GoauthMethod::Command if entry.program() == "command" => {
                return Err(format!(
                    "GOAUTH has no `command` keyword: write the program and its arguments directly (got {text:?})"
                ));
            }
            GoauthMethod::Command => {
                quoted_split(text)
                    .map_err(|e| format!("cannot parse GOAUTH command {text}: {e}"))?;
            }
        }
    }
    Ok(())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn entries_and_methods() {
        let methods: Vec<GoauthMethod> =
            goauth_entries(" netrc ;git /src;git a b;'/opt/my helper' x;;off")
                .iter()
                .map(|e| e.method)
                .collect();
        assert_eq!(
            methods,
            [
                GoauthMethod::Netrc,
                GoauthMethod::Git { dir: Some("/src") },
                GoauthMethod::Git { dir: None },
                GoauthMethod::Command,
                GoauthMethod::Empty,
                GoauthMethod::Off,
            ]
        );
        let e = goauth_entries("'/opt/my helper' x; /usr/bin/gpa goauth");
        assert_eq!(e[0].program(), "/opt/my helper");
        assert_eq!(e[1].program(), "/usr/bin/gpa");
        assert_eq!(e[1].text, "/usr/bin/gpa goauth");
        assert!(goauth_entries("git /src")[0].git_dir_ok());
        assert!(!goauth_entries("git src")[0].git_dir_ok());
    }
}
