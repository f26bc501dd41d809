//! Settling what a killed process left, run by whoever takes the lock next (so no writer of ours
//! is active): a pending apply whose files were all written is kept, otherwise rolled back; an
//! undo in progress is completed; temp files of killed writes are removed; records of format 1
//! (which kept `.netrc` bytes whole) are rewritten without secrets.

use super::journal::{now_ms, sync_dir, write_all_or_nothing, FilePlan};
use super::parts::{FilePart, PartState};
use super::record::{self, Record, RestorePart, Stage};
use super::secret_mask::{fingerprint, mask, Mask};
use super::{Interruption, UnreadableEntry};
use crate::atomic_file::read_optional;
use crate::change::{KeychainItem, Summary};
use crate::secrets::Keychain;
use crate::Result;
use serde::Serialize;
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// An interrupted change and how it was settled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Recovery {
    pub id: String,
    pub summary: Summary,
    pub outcome: Interruption,
}

/// Marks a journal whose format-1 records were rewritten without secrets.
const UPGRADED: &str = "format-2.done";

/// Settles every interrupted change in `dir`. Never fails: what cannot be settled stays on disk
/// and is listed as unreadable.
pub(super) fn settle(dir: &Path, keychain: impl Fn() -> Keychain) -> Vec<Recovery> {
    let Ok(read) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut intents = Vec::new();
    for entry in read.filter_map(|e| e.ok()) {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') && name.contains(".tmp-") {
            let _ = std::fs::remove_file(entry.path());
        } else if let Some((id, stage @ (Stage::Pending | Stage::Undoing))) =
            Stage::of_file_name(&name)
        {
            intents.push((id.to_string(), stage, entry.path()));
        }
    }
    intents.sort();
    let mut out = Vec::new();
    for (id, stage, path) in intents {
        let Ok(record) = record::read(&path, &id) else {
            continue;
        };
        if let Some(r) = settle_one(dir, record, stage, &path, &keychain) {
            out.push(r);
        }
    }
    if !dir.join(UPGRADED).exists() {
        upgrade_format_1(dir);
    }
    out
}

fn settle_one(
    dir: &Path,
    mut record: Record,
    stage: Stage,
    intent: &Path,
    keychain: &impl Fn() -> Keychain,
) -> Option<Recovery> {
    let parts = FilePart::all(&record).ok()?;
    for part in &parts {
        remove_temp_files(&part.path);
    }
    let currents: Vec<Option<Vec<u8>>> = parts
        .iter()
        .map(|p| read_optional(&p.path).ok().flatten())
        .collect();
    let states: Vec<PartState> = parts
        .iter()
        .zip(&currents)
        .map(|(p, c)| p.state(c.as_deref()))
        .collect();
    let finished = stage == Stage::Pending && states.iter().all(|s| *s == PartState::After);
    let outcome = if finished {
        Interruption::Finished
    } else {
        // Roll back an apply, or complete an undo: both put every file back as it was before.
        let writes: Vec<FilePlan> = parts
            .iter()
            .zip(currents)
            .zip(&states)
            .filter(|(_, s)| **s == PartState::After)
            .map(|((p, current), _)| FilePlan {
                path: p.path.clone(),
                bytes: p.restored(current.as_deref()),
                before: current,
                private: p.private,
            })
            .collect();
        if write_all_or_nothing(&writes).is_err() {
            return None;
        }
        let created = created_items(&record);
        if !created.is_empty() {
            let k = keychain();
            for item in created {
                let _ = k.delete(&item.prefix, &item.user);
            }
        }
        if states.contains(&PartState::Other) {
            Interruption::LeftAsIs
        } else if stage == Stage::Undoing {
            Interruption::UndoFinished
        } else {
            Interruption::RolledBack
        }
    };
    if outcome != Interruption::Finished && record.entry.undone_at_ms.is_none() {
        record.entry.undone_at_ms = Some(now_ms());
    }
    record.entry.interrupted = Some(outcome);
    record::write(dir, &record, Stage::Committed).ok()?;
    let _ = std::fs::remove_file(intent);
    sync_dir(dir);
    Some(Recovery {
        id: record.entry.id,
        summary: record.entry.summary,
        outcome,
    })
}

/// Temp files a killed atomic write left beside `path` (`.<name>.tmp-<pid>-<n>`).
fn remove_temp_files(path: &Path) {
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
        return;
    };
    let prefix = format!(".{}.tmp-", name.to_string_lossy());
    if let Ok(read) = std::fs::read_dir(dir) {
        for e in read.filter_map(|e| e.ok()) {
            if e.file_name().to_string_lossy().starts_with(&prefix) {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
}

/// The keychain items a record's undo deletes.
pub(super) fn created_items(record: &Record) -> Vec<&KeychainItem> {
    record
        .restore
        .iter()
        .filter_map(|p| match p {
            RestorePart::KeychainItem(item) => Some(item),
            RestorePart::File { .. } => None,
        })
        .collect()
}

/// Committed records, newest first, and the journal files that cannot be read.
pub(super) fn read_all(dir: &Path) -> Result<(Vec<Record>, Vec<UnreadableEntry>)> {
    let read = match std::fs::read_dir(dir) {
        Ok(read) => read,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok((Vec::new(), Vec::new())),
        Err(e) => return Err(crate::Error::io("read", dir, &e)),
    };
    let mut records = Vec::new();
    let mut unreadable = Vec::new();
    for entry in read.filter_map(|e| e.ok()) {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') || name == UPGRADED {
            continue;
        }
        let outcome = match Stage::of_file_name(&name) {
            Some((id, Stage::Committed)) => record::read(&entry.path(), id).map(Some),
            // Still there after settling: damaged.
            Some(_) => Err(crate::Error::new(
                crate::ErrorCode::Corrupt,
                "an interrupted change that could not be settled",
            )),
            None => Err(crate::Error::new(
                crate::ErrorCode::Corrupt,
                "not a name the history uses",
            )),
        };
        match outcome {
            Ok(Some(r)) => records.push(r),
            Ok(None) => {}
            Err(e) => unreadable.push(UnreadableEntry {
                file: display_name(&entry.path()),
                reason: e.message,
            }),
        }
    }
    records.sort_by(|a, b| b.entry.id.cmp(&a.entry.id));
    unreadable.sort_by(|a, b| a.file.cmp(&b.file));
    Ok((records, unreadable))
}

fn display_name(path: &Path) -> String {
    path.display().to_string().escape_debug().to_string()
}

/// Rewrites format-1 records so the journal keeps no secret: previous bytes masked, and the
/// hash of the bytes after the change recomputed from the file when it still has them (else
/// undo of that entry reports a conflict, as it would have anyway).
fn upgrade_format_1(dir: &Path) {
    let Ok((records, _)) = read_all(dir) else {
        return;
    };
    let mut all_done = true;
    for mut record in records.into_iter().filter(|r| r.format == 1) {
        for part in &mut record.restore {
            if let RestorePart::File {
                path,
                before,
                after_sha256,
                private,
                mask: m,
            } = part
            {
                let kind = if *private {
                    Mask::Netrc
                } else {
                    Mask::UrlPasswords
                };
                let real_before = before.as_deref().and_then(|b| record::decode(b).ok());
                *before = real_before.map(|b| record::encode(&mask(kind, &b)));
                let current = read_optional(&PathBuf::from(path.as_str())).ok().flatten();
                let still_after = current.as_deref().map(record::sha256_hex) == *after_sha256;
                *after_sha256 = match (still_after, current) {
                    (true, Some(c)) => Some(record::sha256_hex(&fingerprint(kind, &c))),
                    (true, None) => None,
                    (false, _) => Some("changed before the upgrade".into()),
                };
                *m = Some(kind);
            }
        }
        record.format = record::FORMAT;
        all_done &= record::write(dir, &record, Stage::Committed).is_ok();
    }
    if all_done {
        let _ = std::fs::write(dir.join(UPGRADED), b"");
    }
}
