//! One journal record on disk, and the names of the journal's files.
//!
//! `<id>.json` is a committed change. `<id>.pending` is a change being applied (written before
//! any file is touched; renamed to `.json` once every file is written). `<id>.undo` is an undo
//! in progress (the record as it will be once undone). Ids are generated here and checked on
//! every read: a name or id from disk never becomes a path unchecked.

use super::secret_mask::Mask;
use super::HistoryEntry;
use crate::atomic_file::{read_optional, write_atomic_with_mode};
use crate::change::KeychainItem;
use crate::{Error, ErrorCode, Result};
use base64::Engine as _;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::path::{Component, Path, PathBuf};

/// Format 1 kept `.netrc` bytes whole; format 2 keeps no secret (see `secret_mask`).
pub(super) const FORMAT: u32 = 2;

/// What a record needs to undo one part.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub(super) enum RestorePart {
    File {
        path: String,
        /// Base64 of the bytes before the change, secrets masked; absent when there was no file.
        before: Option<String>,
        /// SHA-256 of the bytes the change wrote, secrets left out (`secret_mask::fingerprint`);
        /// absent when it removed the file.
        after_sha256: Option<String>,
        /// The file holds secrets (.netrc): recreated with mode 0600.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        private: bool,
        /// How secrets were masked; absent only in format 1 records (upgraded on open).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        mask: Option<Mask>,
    },
    /// Undo deletes this keychain item (the change created it).
    KeychainItem(KeychainItem),
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct Record {
    pub format: u32,
    #[serde(flatten)]
    pub entry: HistoryEntry,
    pub restore: Vec<RestorePart>,
}

/// The kinds of journal files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Stage {
    Committed,
    Pending,
    Undoing,
}

impl Stage {
    fn extension(self) -> &'static str {
        match self {
            Stage::Committed => "json",
            Stage::Pending => "pending",
            Stage::Undoing => "undo",
        }
    }

    /// The id and stage a journal file name stands for; `None` for anything we did not write.
    pub fn of_file_name(name: &str) -> Option<(&str, Stage)> {
        let (id, ext) = name.rsplit_once('.')?;
        let stage = [Stage::Committed, Stage::Pending, Stage::Undoing]
            .into_iter()
            .find(|s| s.extension() == ext)?;
        valid_id(id).then_some((id, stage))
    }
}

pub(super) fn file_name(id: &str, stage: Stage) -> String {
    format!("{id}.{}", stage.extension())
}

/// Ids look like `00001733328000000-0012345-0001` (time, pid, counter): digits and dashes only,
/// so no id can name a path outside the journal.
pub(super) fn valid_id(id: &str) -> bool {
    let groups: Vec<&str> = id.split('-').collect();
    groups.len() == 3
        && [14, 7, 4]
            .iter()
            .zip(&groups)
            .all(|(len, g)| g.len() == *len && g.bytes().all(|b| b.is_ascii_digit()))
}

/// Sortable, unique across processes: time, then pid, then a per-process counter.
pub(super) fn new_id(now_ms: u64) -> String {
    use std::sync::atomic::{AtomicU32, Ordering};
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    format!(
        "{:014}-{:07}-{:04}",
        now_ms % 100_000_000_000_000,
        std::process::id() % 10_000_000,
        COUNTER.fetch_add(1, Ordering::Relaxed) % 10_000
    )
}

/// A file path stored in a record: absolute and plain (no `.`/`..`), or the record is damaged.
pub(super) fn stored_path(path: &str) -> Result<PathBuf> {
    let p = Path::new(path);
    let plain = p.is_absolute()
        && !path.contains('\0')
        && p.components().all(|c| {
            matches!(
                c,
                Component::RootDir | Component::Prefix(_) | Component::Normal(_)
            )
        });
    if plain {
        Ok(p.to_path_buf())
    } else {
        Err(Error::new(
            ErrorCode::Corrupt,
            format!("the history names a file path that is not absolute and plain: {path:?}"),
        ))
    }
}

/// Reads and checks the record in `path`, whose name said it holds `id`.
pub(super) fn read(path: &Path, id: &str) -> Result<Record> {
    let damaged =
        |why: String| Error::new(ErrorCode::Corrupt, why).with_field(path.display().to_string());
    let bytes = read_optional(path)?.ok_or_else(|| damaged("the file is gone".into()))?;
    let record: Record = serde_json::from_slice(&bytes)
        .map_err(|e| damaged(format!("not a history record: {e}")))?;
    if record.format != 1 && record.format != FORMAT {
        return Err(damaged(format!(
            "history format {} is not one this version reads",
            record.format
        )));
    }
    if record.entry.id != id {
        return Err(damaged(format!(
            "the record says its id is {:?}, not the {id} its name says",
            record.entry.id
        )));
    }
    for part in &record.restore {
        if let RestorePart::File { path, before, .. } = part {
            stored_path(path)?;
            if let Some(b) = before {
                decode(b).map_err(|_| damaged("a file's previous bytes are damaged".into()))?;
            }
        }
    }
    Ok(record)
}

/// Writes `record` as `dir/<id>.<stage>`, readable by the user only (it holds configuration).
pub(super) fn write(dir: &Path, record: &Record, stage: Stage) -> Result<PathBuf> {
    let bytes = serde_json::to_vec_pretty(record)
        .map_err(|e| Error::new(ErrorCode::Corrupt, format!("cannot encode history: {e}")))?;
    let path = dir.join(file_name(&record.entry.id, stage));
    write_atomic_with_mode(&path, &bytes, 0o600)?;
    Ok(path)
}

pub(super) fn encode(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

pub(super) fn decode(text: &str) -> std::result::Result<Vec<u8>, base64::DecodeError> {
    base64::engine::general_purpose::STANDARD.decode(text)
}

pub(super) fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
