//! What a change does, in one line: a code with parameters. The UI words it in the user's
//! language; [`Summary::text`] is the English the CLI prints. Values are shown with credentials
//! hidden and never include a token.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// `KEY=value` of a go env change (value with URL credentials hidden).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct EnvAssignment {
    pub key: String,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "code", rename_all = "snake_case")]
#[ts(export)]
pub enum Summary {
    /// `go env -w` / `go env -u` of these keys.
    EnvChange {
        set: Vec<EnvAssignment>,
        unset: Vec<String>,
    },
    MirrorAdd {
        name: String,
        url: String,
    },
    MirrorRemove {
        name: String,
    },
    /// A token stored for a host that had none (and the host recorded).
    TokenStore {
        host: String,
        user: String,
        netrc: bool,
    },
    /// A token replaced; undo keeps the new one (the old one is kept nowhere).
    TokenReplace {
        host: String,
        user: String,
        netrc: bool,
    },
    /// A token deleted; undo restores the host's records, not the token.
    TokenDelete {
        host: String,
        user: String,
    },
    NetrcSet {
        login: String,
        machines: Vec<String>,
    },
    NetrcRemove {
        machines: Vec<String>,
    },
    GitConfigSet {
        key: String,
        value: String,
    },
    /// A team bundle applied: its parts as one change.
    BundleApply {
        name: String,
        parts: Vec<Summary>,
    },
    /// Generated files (Dockerfile, CI snippets) saved into the project at `dir`.
    ProjectFilesSave {
        dir: String,
        files: Vec<String>,
    },
    /// Several changes applied as one.
    Composite {
        parts: Vec<Summary>,
    },
    /// An entry recorded before summaries had codes: its English text as it was (a plain
    /// string on the wire).
    #[serde(untagged)]
    Legacy(String),
}

impl Summary {
    /// The English line the CLI prints.
    pub fn text(&self) -> String {
        match self {
            Summary::EnvChange { set, unset } => {
                let mut parts = Vec::new();
                if !set.is_empty() {
                    let pairs: Vec<String> =
                        set.iter().map(|a| format!("{}={}", a.key, a.value)).collect();
                    parts.push(format!("env set {}", pairs.join(" ")));
                }
                if !unset.is_empty() {
                    parts.push(format!("env unset {}", unset.join(" ")));
                }
                parts.join("; ")
            }
            Summary::MirrorAdd { name, url } => format!("mirrors add {name} {url}"),
            Summary::MirrorRemove { name } => format!("mirrors remove {name}"),
            Summary::TokenStore { host, user, netrc } => format!(
                "token: store the token for {host} (user {user}) in the keychain{}",
                and_netrc(*netrc)
            ),
            Summary::TokenReplace { host, user, netrc } => format!(
                "token: replace the token for {host} (user {user}) in the keychain{}; undo keeps the new token (the old one is kept nowhere)",
                and_netrc(*netrc)
            ),
            Summary::TokenDelete { host, user } => format!(
                "token: delete the token for {host} (user {user}); undo restores the host's records, not the token"
            ),
            Summary::NetrcSet { login, machines } => format!(
                "netrc: set login {login} and a token for {}",
                machines.join(", ")
            ),
            Summary::NetrcRemove { machines } => format!("netrc: remove {}", machines.join(", ")),
            Summary::GitConfigSet { key, value } => format!("git config --global {key} {value}"),
            Summary::BundleApply { name, parts } => {
                let parts: Vec<String> = parts.iter().map(Summary::text).collect();
                format!("bundle apply {name:?}: {}", parts.join("; "))
            }
            Summary::ProjectFilesSave { dir, files } => {
                format!("save {} into {dir}", files.join(", "))
            }
            Summary::Composite { parts } => parts
                .iter()
                .map(Summary::text)
                .collect::<Vec<_>>()
                .join("; "),
            Summary::Legacy(text) => text.clone(),
        }
    }
}

fn and_netrc(netrc: bool) -> &'static str {
    if netrc {
        " and the .netrc"
    } else {
        ""
    }
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_coded_and_legacy_summaries() {
        let coded = Summary::MirrorRemove {
            name: "corp".into(),
        };
        let json = serde_json::to_string(&coded).expect("json");
        assert_eq!(json, r#"{"code":"mirror_remove","name":"corp"}"#);
        assert_eq!(serde_json::from_str::<Summary>(&json).expect("back"), coded);
        let old: Summary = serde_json::from_str(r#""env set GOPROXY=off""#).expect("legacy");
        assert_eq!(old, Summary::Legacy("env set GOPROXY=off".into()));
        assert_eq!(old.text(), "env set GOPROXY=off");
    }
}
