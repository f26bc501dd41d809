//! The change model. Every domain *plans* a [`Change`]: what a person reviews (a summary and
//! lines) and what applying it does (file writes, keychain items). `History::apply` *applies*
//! it: atomically, with one journal entry that undo can replay. Several changes compose into one
//! (a team bundle: one undo reverts it all).

mod summary;

pub use summary::{EnvAssignment, Summary};

use crate::secrets::{Keychain, Secret};
use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use ts_rs::TS;

/// What a line of a change is about; the UI words each kind in the user's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum LineKind {
    /// A go env key in the GOENV file (`key` is the variable name).
    GoEnv,
    /// One of the user's own mirrors (`key` is its name).
    Mirror,
    /// A keychain item (`key` is `service (user)`); old/new are `""` for "a token", never one.
    Keychain,
    /// A `.netrc` machine (`key` is the machine name); old/new are never values.
    NetrcMachine,
    /// A line of the global git config (`key` is the config key).
    GitConfig,
    /// A host with credentials in hosts.toml (`key` is the host).
    Host,
    /// A file saved into the user's project (`key` is its path; old/new are line counts).
    ProjectFile,
}

/// One line of a change, for review and history: `key: old -> new`. Values are shown with any
/// credentials hidden; `None` means "not set" (old) or "removed" (new).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ChangeLine {
    #[serde(default = "legacy_kind")]
    pub kind: LineKind,
    pub key: String,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old: Option<String>,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new: Option<String>,
}

/// Entries written before lines had a kind were all go env lines or close to them.
fn legacy_kind() -> LineKind {
    LineKind::GoEnv
}

impl ChangeLine {
    pub fn new(kind: LineKind, key: impl Into<String>) -> ChangeLine {
        ChangeLine {
            kind,
            key: key.into(),
            old: None,
            new: None,
        }
    }

    pub fn old(mut self, value: Option<String>) -> ChangeLine {
        self.old = value;
        self
    }

    pub fn new_value(mut self, value: Option<String>) -> ChangeLine {
        self.new = value;
        self
    }
}

/// How the journal keeps a file's previous bytes without keeping a secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FileKind {
    /// A configuration file; passwords inside URLs are kept out of the journal.
    Config,
    /// A `.netrc`: created 0600; every `password` value is kept out of the journal.
    Netrc,
}

/// One file a change writes; `bytes: None` removes the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileWrite {
    pub path: PathBuf,
    pub bytes: Option<Vec<u8>>,
    pub kind: FileKind,
}

impl FileWrite {
    pub fn config(path: PathBuf, bytes: Vec<u8>) -> FileWrite {
        FileWrite {
            path,
            bytes: Some(bytes),
            kind: FileKind::Config,
        }
    }

    pub fn netrc(path: PathBuf, bytes: Vec<u8>) -> FileWrite {
        FileWrite {
            path,
            bytes: Some(bytes),
            kind: FileKind::Netrc,
        }
    }
}

/// A keychain item, named as the keychain names it: credential prefix (`host[:port]`) and user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeychainItem {
    pub prefix: String,
    pub user: String,
}

/// What a change does to one keychain item.
#[derive(Clone)]
pub enum KeychainAction {
    /// Store or replace the token. Undo deletes an item the change created; a replaced token is
    /// kept nowhere, so undo cannot bring it back.
    Set(Secret),
    /// Delete the token (undo cannot bring it back either).
    Delete,
}

/// A keychain part of a change, with the keychain to use (the OS one, or a test store).
#[derive(Clone)]
pub struct KeychainChange {
    pub keychain: Keychain,
    pub item: KeychainItem,
    pub action: KeychainAction,
}

impl std::fmt::Debug for KeychainChange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let action = match self.action {
            KeychainAction::Set(_) => "set",
            KeychainAction::Delete => "delete",
        };
        f.debug_struct("KeychainChange")
            .field("item", &self.item)
            .field("action", &action)
            .finish()
    }
}

/// A planned change: reviewable, not yet applied. Planning reads; only `History::apply` writes.
#[derive(Debug, Clone)]
pub struct Change {
    pub summary: Summary,
    pub lines: Vec<ChangeLine>,
    pub writes: Vec<FileWrite>,
    pub keychain: Vec<KeychainChange>,
}

impl Change {
    pub fn new(summary: Summary) -> Change {
        Change {
            summary,
            lines: Vec::new(),
            writes: Vec::new(),
            keychain: Vec::new(),
        }
    }

    pub fn with_lines(mut self, lines: impl IntoIterator<Item = ChangeLine>) -> Change {
        self.lines.extend(lines);
        self
    }

    pub fn with_write(mut self, write: impl Into<Option<FileWrite>>) -> Change {
        self.writes.extend(write.into());
        self
    }

    pub fn with_keychain(mut self, part: KeychainChange) -> Change {
        self.keychain.push(part);
        self
    }

    /// Several changes as one (one journal entry, one undo). Two parts may not write the same
    /// file or the same keychain item: each was planned against the state before all of them.
    pub fn compose(summary: Summary, parts: Vec<Change>) -> Result<Change> {
        let mut all = Change::new(summary);
        for part in parts {
            for w in &part.writes {
                if all.writes.iter().any(|o| o.path == w.path) {
                    return Err(Error::invalid(
                        "change",
                        format!(
                            "two parts of one change write {}; plan them as one part",
                            w.path.display()
                        ),
                    ));
                }
            }
            for k in &part.keychain {
                if all.keychain.iter().any(|o| o.item == k.item) {
                    return Err(Error::invalid(
                        "change",
                        format!(
                            "two parts of one change touch the keychain item for {}",
                            k.item.prefix
                        ),
                    ));
                }
            }
            all.lines.extend(part.lines);
            all.writes.extend(part.writes);
            all.keychain.extend(part.keychain);
        }
        Ok(all)
    }

    /// What the user reviews before applying.
    pub fn preview(&self) -> ChangePreview {
        ChangePreview {
            summary: self.summary.clone(),
            lines: self.lines.clone(),
            files: self
                .writes
                .iter()
                .map(|w| w.path.display().to_string())
                .collect(),
            keychain_items: self
                .keychain
                .iter()
                .map(|k| Keychain::service(&k.item.prefix))
                .collect(),
        }
    }
}

/// A change as the user reviews it: nothing secret, nothing applied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ChangePreview {
    pub summary: Summary,
    pub lines: Vec<ChangeLine>,
    /// The files applying it writes.
    pub files: Vec<String>,
    /// The keychain services it touches.
    pub keychain_items: Vec<String>,
}
