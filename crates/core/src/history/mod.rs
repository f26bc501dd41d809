//! The change history: a crash-safe journal of applied [`Change`](crate::change::Change)s, each
//! able to restore the previous bytes of every file it touched and to delete the keychain items
//! it created. One entry can span several parts, so multi-part changes undo as one.
//!
//! The journal never holds a secret: `.netrc` passwords and passwords inside URLs are replaced
//! by placeholders, and undo takes them from the file as it is then (see `secret_mask`).

use crate::change::{ChangeLine, Summary};
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

/// How a change that was interrupted (the process was killed, the machine lost power) was
/// settled the next time the journal was opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Interruption {
    /// Every file had been written: the change was kept and recorded.
    Finished,
    /// Some files were not written yet: the ones that were got their previous bytes back.
    RolledBack,
    /// An undo had started: it was completed.
    UndoFinished,
    /// A file had been changed by someone else meanwhile; it was left as it is.
    LeftAsIs,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct HistoryEntry {
    pub id: String,
    /// Milliseconds since the Unix epoch.
    #[ts(type = "number")]
    pub time_ms: u64,
    /// What the change did, as a code with parameters.
    pub summary: Summary,
    pub parts: Vec<PartSummary>,
    pub changes: Vec<ChangeLine>,
    /// Set once the entry has been undone (or an interrupted change was rolled back).
    #[ts(optional, type = "number")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub undone_at_ms: Option<u64>,
    /// Set when the change was interrupted and settled later.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interrupted: Option<Interruption>,
}

/// The result of applying a change: `{"outcome": "recorded", ...the entry}` or
/// `{"outcome": "unchanged", "summary"}` (the entry's fields stay at the top, as before).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "outcome", rename_all = "snake_case")]
#[ts(export)]
pub enum Applied {
    /// Written and recorded; undo with the entry's id.
    Recorded(HistoryEntry),
    /// Everything was already as the change wants it: nothing written, nothing recorded.
    Unchanged { summary: Summary },
}

impl Applied {
    /// The entry, when something was recorded.
    pub fn entry(&self) -> Option<&HistoryEntry> {
        match self {
            Applied::Recorded(entry) => Some(entry),
            Applied::Unchanged { .. } => None,
        }
    }

    pub fn summary(&self) -> &Summary {
        match self {
            Applied::Recorded(entry) => &entry.summary,
            Applied::Unchanged { summary } => summary,
        }
    }
}

/// A journal file that could not be read, with why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct UnreadableEntry {
    pub file: String,
    pub reason: String,
}

/// The history as listed: entries newest first, and what could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct HistoryList {
    pub entries: Vec<HistoryEntry>,
    pub unreadable: Vec<UnreadableEntry>,
}

mod journal;
mod lock;
mod parts;
mod record;
mod recovery;
mod secret_mask;

pub use journal::{take_settled, History};
pub use lock::StoreLock;
pub use recovery::Recovery;
