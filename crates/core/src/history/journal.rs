//! The journal: `History::apply` and `History::undo`, crash-safe.
//!
//! Apply records its intent (`<id>.pending`, with the previous bytes) before it touches a file or
//! the keychain, and commits by renaming it to `<id>.json` once everything is written. Undo
//! records `<id>.undo` first and commits by renaming it over `<id>.json`. Whoever takes the lock
//! next settles what a killed process left (see `recovery`), so the files are always the old or
//! the new bytes, history agrees with them, and undo keeps working.

use super::parts::{FilePart, PartState};
use super::record::{self, RestorePart, Stage};
use super::recovery::{self, Recovery};
use super::secret_mask::{fingerprint, mask, Mask};
use super::{Applied, HistoryEntry, HistoryList, PartSummary, StoreLock};
use crate::app_dirs;
use crate::atomic_file::read_optional;
use crate::change::{Change, FileKind, FileWrite, KeychainAction, KeychainChange};
use crate::secrets::{Keychain, Secret};
use crate::sysenv::SysEnv;
use crate::{Error, ErrorCode, Result};
use std::path::PathBuf;
use std::sync::Mutex;

/// Every interrupted change this process settled, for the CLI and app to report once.
static SETTLED: Mutex<Vec<Recovery>> = Mutex::new(Vec::new());

/// Takes the interrupted changes this process settled since the last call.
pub fn take_settled() -> Vec<Recovery> {
    SETTLED
        .lock()
        .map(|mut r| std::mem::take(&mut *r))
        .unwrap_or_default()
}

/// The journal of applied changes for one environment.
pub struct History {
    dir: PathBuf,
    /// The keychain that undo uses for keychain parts; the OS keychain unless a test injects one.
    keychain: Option<Keychain>,
    /// What settling interrupted changes did since this value was made (to report once).
    recovered: Mutex<Vec<Recovery>>,
}

impl History {
    pub fn open(env: &SysEnv) -> Result<History> {
        Ok(History::at(app_dirs::data_dir(env)?))
    }

    /// A journal kept under `data_dir` (its `history/` folder and `lock` file).
    pub fn at(data_dir: PathBuf) -> History {
        History {
            dir: data_dir,
            keychain: None,
            recovered: Mutex::new(Vec::new()),
        }
    }

    /// Uses `keychain` (instead of the OS keychain) to undo keychain parts.
    pub fn with_keychain(mut self, keychain: Keychain) -> History {
        self.keychain = Some(keychain);
        self
    }

    fn entries_dir(&self) -> PathBuf {
        self.dir.join("history")
    }

    fn undo_keychain(&self) -> Keychain {
        self.keychain.clone().unwrap_or_else(Keychain::native)
    }

    /// Takes the lock every writer holds while reading and changing files, then settles any
    /// change a killed process left half done.
    pub fn lock(&self) -> Result<StoreLock> {
        let lock = StoreLock::acquire(&self.dir)?;
        let settled = recovery::settle(&self.entries_dir(), || self.undo_keychain());
        if !settled.is_empty() {
            if let Ok(mut all) = SETTLED.lock() {
                all.extend(settled.iter().cloned());
            }
            if let Ok(mut r) = self.recovered.lock() {
                r.extend(settled);
            }
        }
        Ok(lock)
    }

    /// Interrupted changes this value settled (each reported once).
    pub fn take_recovered(&self) -> Vec<Recovery> {
        self.recovered
            .lock()
            .map(|mut r| std::mem::take(&mut *r))
            .unwrap_or_default()
    }

    /// Applies `change` and records it as one entry. Call with the lock held, after planning the
    /// change under that same lock. Files already as the change wants them are left alone; when
    /// nothing is left to do the result is [`Applied::Unchanged`] and nothing is recorded.
    pub fn apply(&self, _lock: &StoreLock, change: Change) -> Result<Applied> {
        let mut files = Vec::with_capacity(change.writes.len());
        for w in change.writes {
            let path = std::path::absolute(&w.path).map_err(|e| Error::io("find", &w.path, &e))?;
            let current = read_optional(&path)?;
            if current != w.bytes {
                files.push((FileWrite { path, ..w }, current));
            }
        }
        let mut keychain = Vec::with_capacity(change.keychain.len());
        for k in change.keychain {
            let previous = k.keychain.get(&k.item.prefix, &k.item.user)?;
            let needed = match (&k.action, &previous) {
                (KeychainAction::Set(new), Some(old)) => new.expose() != old.expose(),
                (KeychainAction::Set(_), None) => true,
                (KeychainAction::Delete, old) => old.is_some(),
            };
            if needed {
                keychain.push((k, previous));
            }
        }
        if files.is_empty() && keychain.is_empty() {
            return Ok(Applied::Unchanged {
                summary: change.summary,
            });
        }

        let now = now_ms();
        let mut restore = Vec::new();
        let mut parts = Vec::new();
        for (w, current) in &files {
            let m = mask_for(w.kind);
            restore.push(RestorePart::File {
                path: w.path.display().to_string(),
                before: current.as_deref().map(|b| record::encode(&mask(m, b))),
                after_sha256: w
                    .bytes
                    .as_deref()
                    .map(|b| record::sha256_hex(&fingerprint(m, b))),
                private: w.kind == FileKind::Netrc,
                mask: Some(m),
            });
            parts.push(PartSummary::File {
                path: w.path.display().to_string(),
            });
        }
        for (k, previous) in &keychain {
            parts.push(PartSummary::Keychain {
                service: Keychain::service(&k.item.prefix),
                user: k.item.user.clone(),
            });
            if matches!(k.action, KeychainAction::Set(_)) && previous.is_none() {
                restore.push(RestorePart::KeychainItem(k.item.clone()));
            }
        }
        let record = record::Record {
            format: record::FORMAT,
            entry: HistoryEntry {
                id: record::new_id(now),
                time_ms: now,
                summary: change.summary,
                parts,
                changes: change.lines,
                undone_at_ms: None,
                interrupted: None,
            },
            restore,
        };

        let dir = self.entries_dir();
        create_private_dir(&dir)?;
        let pending = record::write(&dir, &record, Stage::Pending)?;
        let abandon = |done_keychain: &[(KeychainChange, Option<Secret>)]| {
            put_back_keychain(done_keychain);
            let _ = std::fs::remove_file(&pending);
        };
        let mut done_keychain = Vec::new();
        for (k, previous) in keychain {
            let outcome = match &k.action {
                KeychainAction::Set(token) => k.keychain.set(&k.item.prefix, &k.item.user, token),
                KeychainAction::Delete => {
                    k.keychain.delete(&k.item.prefix, &k.item.user).map(|_| ())
                }
            };
            if let Err(e) = outcome {
                abandon(&done_keychain);
                return Err(e);
            }
            done_keychain.push((k, previous));
        }
        let writes: Vec<FilePlan> = files
            .iter()
            .map(|(w, current)| FilePlan {
                path: w.path.clone(),
                bytes: w.bytes.clone(),
                before: current.clone(),
                private: w.kind == FileKind::Netrc,
            })
            .collect();
        if let Err(e) = write_all_or_nothing(&writes) {
            abandon(&done_keychain);
            return Err(e);
        }
        let committed = dir.join(record::file_name(&record.entry.id, Stage::Committed));
        if let Err(e) = std::fs::rename(&pending, &committed) {
            let back: Vec<FilePlan> = writes.iter().map(FilePlan::reversed).collect();
            let _ = write_all_or_nothing(&back);
            abandon(&done_keychain);
            return Err(Error::io("record the change in", &committed, &e));
        }
        sync_dir(&dir);
        Ok(Applied::Recorded(record.entry))
    }

    /// Entries, newest first, and the journal files that could not be read (never deleted).
    pub fn list(&self) -> Result<HistoryList> {
        if !self.entries_dir().exists() {
            return Ok(HistoryList {
                entries: Vec::new(),
                unreadable: Vec::new(),
            });
        }
        let _lock = self.lock()?;
        let (records, unreadable) = recovery::read_all(&self.entries_dir())?;
        Ok(HistoryList {
            entries: records.into_iter().map(|r| r.entry).collect(),
            unreadable,
        })
    }

    /// Undoes entry `id`, or the newest entry not yet undone when `id` is `None`. Refuses when a
    /// file changed since (a later change or someone's edit would be lost): undo newer ones first.
    pub fn undo(&self, id: Option<&str>) -> Result<HistoryEntry> {
        if let Some(id) = id.filter(|id| !record::valid_id(id)) {
            return Err(no_entry(id));
        }
        let lock = self.lock()?;
        let (records, _) = recovery::read_all(&self.entries_dir())?;
        let mut record = match id {
            Some(id) => records
                .into_iter()
                .find(|r| r.entry.id == id)
                .ok_or_else(|| no_entry(id))?,
            None => records
                .into_iter()
                .find(|r| r.entry.undone_at_ms.is_none())
                .ok_or_else(|| {
                    Error::new(ErrorCode::NothingToUndo, "there is no change left to undo")
                })?,
        };
        if record.entry.undone_at_ms.is_some() {
            return Err(Error::new(
                ErrorCode::NothingToUndo,
                format!(
                    "change {} (\"{}\") was already undone",
                    record.entry.id, record.entry.summary
                ),
            )
            .with_field("id"));
        }
        let mut writes = Vec::new();
        for part in FilePart::all(&record)? {
            let current = read_optional(&part.path)?;
            if part.state(current.as_deref()) != PartState::After {
                return Err(Error::new(
                    ErrorCode::Conflict,
                    format!(
                        "{} changed after \"{}\"; undo the newer changes first, or edit the file by hand",
                        part.path.display(),
                        record.entry.summary
                    ),
                )
                .with_field(part.path.display().to_string()));
            }
            writes.push(FilePlan {
                bytes: part.restored(current.as_deref()),
                before: current,
                path: part.path,
                private: part.private,
            });
        }
        record.entry.undone_at_ms = Some(now_ms());
        let dir = self.entries_dir();
        let intent = record::write(&dir, &record, Stage::Undoing)?;
        // Keychain first: it is the part most likely to refuse (locked), and no file is written yet.
        let created = recovery::created_items(&record);
        let keychain = (!created.is_empty()).then(|| self.undo_keychain());
        let removed = match &keychain {
            Some(k) => match delete_items(k, &created) {
                Ok(removed) => removed,
                Err(e) => {
                    let _ = std::fs::remove_file(&intent);
                    return Err(e);
                }
            },
            None => Vec::new(),
        };
        let put_back = || {
            if let Some(k) = &keychain {
                for (item, token) in &removed {
                    let _ = k.set(&item.prefix, &item.user, token);
                }
            }
            let _ = std::fs::remove_file(&intent);
        };
        if let Err(e) = write_all_or_nothing(&writes) {
            put_back();
            return Err(e);
        }
        let committed = dir.join(record::file_name(&record.entry.id, Stage::Committed));
        if let Err(e) = std::fs::rename(&intent, &committed) {
            let back: Vec<FilePlan> = writes.iter().map(FilePlan::reversed).collect();
            let _ = write_all_or_nothing(&back);
            put_back();
            return Err(Error::io("record the undo in", &committed, &e));
        }
        sync_dir(&dir);
        drop(lock);
        Ok(record.entry)
    }
}

fn no_entry(id: &str) -> Error {
    Error::new(
        ErrorCode::NothingToUndo,
        format!("no history entry with id {}", id.escape_debug()),
    )
    .with_field("id")
}

fn mask_for(kind: FileKind) -> Mask {
    match kind {
        FileKind::Config => Mask::UrlPasswords,
        FileKind::Netrc => Mask::Netrc,
    }
}

/// Puts the keychain back after a failed apply: the previous token, or no item.
fn put_back_keychain(done: &[(KeychainChange, Option<Secret>)]) {
    for (k, previous) in done.iter().rev() {
        let _ = match previous {
            Some(old) => k.keychain.set(&k.item.prefix, &k.item.user, old),
            None => k.keychain.delete(&k.item.prefix, &k.item.user).map(|_| ()),
        };
    }
}

/// Deletes the keychain items a change created; returns what was deleted (to put back if the
/// rest of the undo fails). All or nothing.
fn delete_items<'a>(
    keychain: &Keychain,
    items: &[&'a crate::change::KeychainItem],
) -> Result<Vec<(&'a crate::change::KeychainItem, Secret)>> {
    let mut removed = Vec::new();
    for item in items {
        let deleted = keychain.get(&item.prefix, &item.user).and_then(|token| {
            let existed = keychain.delete(&item.prefix, &item.user)?;
            Ok(token.filter(|_| existed))
        });
        match deleted {
            Ok(Some(token)) => removed.push((*item, token)),
            // Already gone (deleted by hand or by `token delete`): nothing to undo there.
            Ok(None) => {}
            Err(e) => {
                for (item, token) in &removed {
                    let _ = keychain.set(&item.prefix, &item.user, token);
                }
                return Err(e);
            }
        }
    }
    Ok(removed)
}

/// One file to write, with the bytes it had, so a failure can put it back.
pub(super) struct FilePlan {
    pub path: PathBuf,
    pub bytes: Option<Vec<u8>>,
    pub before: Option<Vec<u8>>,
    pub private: bool,
}

impl FilePlan {
    fn reversed(&self) -> FilePlan {
        FilePlan {
            path: self.path.clone(),
            bytes: self.before.clone(),
            before: self.bytes.clone(),
            private: self.private,
        }
    }
}

/// Applies `writes` in order; on the first failure puts back what was done.
pub(super) fn write_all_or_nothing(writes: &[FilePlan]) -> Result<()> {
    for (done, w) in writes.iter().enumerate() {
        if let Err(e) = write_one(&w.path, w.bytes.as_deref(), w.private) {
            for u in writes[..done].iter().rev() {
                let _ = write_one(&u.path, u.before.as_deref(), u.private);
            }
            return Err(e);
        }
    }
    Ok(())
}

pub(super) fn write_one(path: &std::path::Path, bytes: Option<&[u8]>, private: bool) -> Result<()> {
    let new_file_mode = if private { 0o600 } else { 0o666 };
    match bytes {
        Some(bytes) => crate::atomic_file::write_atomic_with_mode(path, bytes, new_file_mode),
        None => crate::atomic_file::remove(path),
    }
}

/// The journal holds copies of configuration files: only the user may read it.
fn create_private_dir(dir: &std::path::Path) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io("create the directory", dir, &e))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700));
    }
    Ok(())
}

/// Makes a rename durable. Best effort: not every platform can open a directory.
pub(super) fn sync_dir(dir: &std::path::Path) {
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

pub(super) fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}

#[cfg(test)]
mod tests;
