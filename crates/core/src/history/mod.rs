//! The change history: a journal of applied changes, each able to restore the exact previous
//! bytes of every part it touched. One entry can span several parts (files, a keychain item) so
//! multi-part changes undo as one.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What a history entry touched, as shown to the user (never any secret content).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum PartSummary {
    File {
        path: String,
    },
    /// A keychain item (service and user; never the token).
    Keychain {
        service: String,
        user: String,
    },
}

/// One line of a change, for display: `KEY: old -> new` in a named file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ChangeLine {
    pub key: String,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old: Option<String>,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct HistoryEntry {
    pub id: String,
    /// Milliseconds since the Unix epoch.
    #[ts(type = "number")]
    pub time_ms: u64,
    /// A short description (`env set GOPROXY=...`).
    pub summary: String,
    pub parts: Vec<PartSummary>,
    pub changes: Vec<ChangeLine>,
    /// Set once the entry has been undone.
    #[ts(optional, type = "number")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub undone_at_ms: Option<u64>,
}

impl HistoryEntry {
    /// The answer for a change that found nothing to do: no id (nothing to undo), no parts.
    pub fn unchanged(summary: impl Into<String>) -> HistoryEntry {
        HistoryEntry {
            id: String::new(),
            time_ms: 0,
            summary: summary.into(),
            parts: Vec::new(),
            changes: Vec::new(),
            undone_at_ms: None,
        }
    }
}

mod journal;
mod lock;

pub use journal::{CreatedKeychainItem, FileWrite, History};
pub use lock::StoreLock;
