//! The journal on disk: one JSON record per change under `<data dir>/history/`, holding the
//! exact bytes each part had before, so undo restores them even several steps back.
//!
//! Order of work in `apply_files`: write every part, then the record; if anything fails, the
//! parts already written are put back, so a failed change leaves no trace.

use super::{ChangeLine, HistoryEntry, PartSummary, StoreLock};
use crate::app_dirs;
use crate::atomic_file::{read_optional, remove, write_atomic_with_mode};
use crate::secrets::{Keychain, Secret};
use crate::sysenv::SysEnv;
use crate::{Error, ErrorCode, Result};
use base64::Engine as _;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// One file to write as part of a change; `bytes: None` removes the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileWrite {
    pub path: PathBuf,
    pub bytes: Option<Vec<u8>>,
}

/// A keychain item a change created, which its undo deletes. Never holds the token: an item the
/// change replaced or deleted cannot be brought back (the journal keeps no secret), and the
/// change's summary says so.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreatedKeychainItem {
    /// The credential prefix (`host` or `host:port`): the item's service is derived from it.
    pub prefix: String,
    pub user: String,
}

/// What a record needs to undo one part.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum RestorePart {
    File {
        path: String,
        /// Base64 of the bytes before the change; absent when the file did not exist.
        before: Option<String>,
        /// SHA-256 of the bytes the change wrote; absent when it removed the file.
        after_sha256: Option<String>,
        /// The file holds secrets (.netrc): recreated with mode 0600.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        private: bool,
    },
    /// Undo deletes this keychain item.
    KeychainItem(CreatedKeychainItem),
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Record {
    format: u32,
    #[serde(flatten)]
    entry: HistoryEntry,
    restore: Vec<RestorePart>,
}

const FORMAT: u32 = 1;

/// The journal of applied changes for one environment.
pub struct History {
    dir: PathBuf,
    /// The keychain that undo uses for keychain parts; the OS keychain unless a test injects one.
    keychain: Option<Keychain>,
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

    /// Takes the lock every writer holds while reading and changing files.
    pub fn lock(&self) -> Result<StoreLock> {
        StoreLock::acquire(&self.dir)
    }

    /// Writes every part and records the change as one entry. Call with the lock held, after
    /// reading the current state under that same lock.
    pub fn apply_files(
        &self,
        lock: &StoreLock,
        summary: String,
        changes: Vec<ChangeLine>,
        writes: Vec<FileWrite>,
    ) -> Result<HistoryEntry> {
        self.apply(lock, summary, changes, writes, false, None)
    }

    /// [`History::apply_files`] for files that hold secrets (.netrc): files created by the change
    /// or by its undo get mode 0600. `summary` and `changes` must not contain the secrets.
    pub fn apply_private_files(
        &self,
        lock: &StoreLock,
        summary: String,
        changes: Vec<ChangeLine>,
        writes: Vec<FileWrite>,
    ) -> Result<HistoryEntry> {
        self.apply(lock, summary, changes, writes, true, None)
    }

    /// [`History::apply_private_files`] for a token change: the entry also names the keychain item,
    /// and when the change `created` it (no token was there), undo deletes it again. Call after
    /// the keychain was written; on an error the caller puts the keychain back.
    pub fn apply_token_change(
        &self,
        lock: &StoreLock,
        summary: String,
        changes: Vec<ChangeLine>,
        writes: Vec<FileWrite>,
        item: CreatedKeychainItem,
        created: bool,
    ) -> Result<HistoryEntry> {
        self.apply(lock, summary, changes, writes, true, Some((item, created)))
    }

    fn apply(
        &self,
        _lock: &StoreLock,
        summary: String,
        changes: Vec<ChangeLine>,
        writes: Vec<FileWrite>,
        private: bool,
        keychain: Option<(CreatedKeychainItem, bool)>,
    ) -> Result<HistoryEntry> {
        let mut restore = Vec::with_capacity(writes.len());
        let mut undo_writes = Vec::with_capacity(writes.len());
        for w in &writes {
            let before = read_optional(&w.path)?;
            restore.push(RestorePart::File {
                path: w.path.display().to_string(),
                before: before
                    .as_deref()
                    .map(|b| base64::engine::general_purpose::STANDARD.encode(b)),
                after_sha256: w.bytes.as_deref().map(sha256_hex),
                private,
            });
            undo_writes.push(FileWrite {
                path: w.path.clone(),
                bytes: before,
            });
        }
        let mut parts: Vec<PartSummary> = writes
            .iter()
            .map(|w| PartSummary::File {
                path: w.path.display().to_string(),
            })
            .collect();
        if let Some((item, created)) = keychain {
            parts.push(PartSummary::Keychain {
                service: Keychain::service(&item.prefix),
                user: item.user.clone(),
            });
            if created {
                restore.push(RestorePart::KeychainItem(item));
            }
        }
        let entry = HistoryEntry {
            id: new_id(),
            time_ms: now_ms(),
            summary,
            parts,
            changes,
            undone_at_ms: None,
        };
        write_all_or_nothing(&writes, &undo_writes, private)?;
        let record = Record {
            format: FORMAT,
            entry: entry.clone(),
            restore,
        };
        if let Err(e) = self.save(&record) {
            let _ = write_all_or_nothing(&undo_writes, &writes, private);
            return Err(e);
        }
        Ok(entry)
    }

    /// Entries, newest first. Records that cannot be read are skipped, never deleted.
    pub fn list(&self) -> Result<Vec<HistoryEntry>> {
        Ok(self.records()?.into_iter().map(|r| r.entry).collect())
    }

    /// Undoes entry `id`, or the newest entry not yet undone when `id` is `None`. Refuses when a
    /// file changed since (a later change or someone's edit would be lost): undo newer ones first.
    pub fn undo(&self, id: Option<&str>) -> Result<HistoryEntry> {
        let lock = self.lock()?;
        let records = self.records()?;
        let mut record = match id {
            Some(id) => records
                .into_iter()
                .find(|r| r.entry.id == id)
                .ok_or_else(|| {
                    Error::new(
                        ErrorCode::NothingToUndo,
                        format!("no history entry with id {id}"),
                    )
                    .with_field("id")
                })?,
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
        let mut redo = Vec::new();
        let mut any_private = false;
        let mut created_items = Vec::new();
        for part in &record.restore {
            let (path, before, after_sha256, private) = match part {
                RestorePart::File {
                    path,
                    before,
                    after_sha256,
                    private,
                } => (path, before, after_sha256, private),
                RestorePart::KeychainItem(item) => {
                    created_items.push(item);
                    continue;
                }
            };
            any_private |= *private;
            let path = PathBuf::from(path);
            let current = read_optional(&path)?;
            if current.as_deref().map(sha256_hex) != *after_sha256 {
                return Err(Error::new(
                    ErrorCode::Conflict,
                    format!(
                        "{} changed after \"{}\"; undo the newer changes first, or edit the file by hand",
                        path.display(),
                        record.entry.summary
                    ),
                )
                .with_field(path.display().to_string()));
            }
            let before = match before {
                Some(b64) => Some(
                    base64::engine::general_purpose::STANDARD
                        .decode(b64)
                        .map_err(|_| {
                            Error::new(
                                ErrorCode::Corrupt,
                                format!("history entry {} is damaged", record.entry.id),
                            )
                        })?,
                ),
                None => None,
            };
            writes.push(FileWrite {
                path: path.clone(),
                bytes: before,
            });
            redo.push(FileWrite {
                path,
                bytes: current,
            });
        }
        // Keychain first: it is the part most likely to refuse (locked), and nothing is written yet.
        let keychain = (!created_items.is_empty())
            .then(|| self.keychain.clone().unwrap_or_else(Keychain::native));
        let removed = match &keychain {
            Some(k) => delete_items(k, &created_items)?,
            None => Vec::new(),
        };
        let put_back = || {
            if let Some(k) = &keychain {
                for (item, token) in &removed {
                    let _ = k.set(&item.prefix, &item.user, token);
                }
            }
        };
        if let Err(e) = write_all_or_nothing(&writes, &redo, any_private) {
            put_back();
            return Err(e);
        }
        record.entry.undone_at_ms = Some(now_ms());
        if let Err(e) = self.save(&record) {
            let _ = write_all_or_nothing(&redo, &writes, any_private);
            put_back();
            return Err(e);
        }
        drop(lock);
        Ok(record.entry)
    }

    fn records(&self) -> Result<Vec<Record>> {
        let dir = self.entries_dir();
        let read = match std::fs::read_dir(&dir) {
            Ok(read) => read,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(Error::io("read", &dir, &e)),
        };
        let mut records: Vec<Record> = read
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().ends_with(".json"))
            .filter_map(|e| std::fs::read(e.path()).ok())
            .filter_map(|bytes| serde_json::from_slice::<Record>(&bytes).ok())
            .filter(|r| r.format == FORMAT)
            .collect();
        records.sort_by(|a, b| b.entry.id.cmp(&a.entry.id));
        Ok(records)
    }

    fn save(&self, record: &Record) -> Result<()> {
        let dir = self.entries_dir();
        create_private_dir(&dir)?;
        let bytes = serde_json::to_vec_pretty(record)
            .map_err(|e| Error::new(ErrorCode::Corrupt, format!("cannot encode history: {e}")))?;
        // Records hold the previous bytes of files, .netrc included: only the user may read them.
        write_atomic_with_mode(
            &dir.join(format!("{}.json", record.entry.id)),
            &bytes,
            0o600,
        )
    }
}

/// Deletes the keychain items a change created; returns what was deleted (to put back if the
/// rest of the undo fails). All or nothing.
fn delete_items<'a>(
    keychain: &Keychain,
    items: &[&'a CreatedKeychainItem],
) -> Result<Vec<(&'a CreatedKeychainItem, Secret)>> {
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

/// Applies `writes` in order; on the first failure puts back what was done using `undo`.
fn write_all_or_nothing(writes: &[FileWrite], undo: &[FileWrite], private: bool) -> Result<()> {
    for (done, w) in writes.iter().enumerate() {
        if let Err(e) = write_one(w, private) {
            for u in undo[..done].iter().rev() {
                let _ = write_one(u, private);
            }
            return Err(e);
        }
    }
    Ok(())
}

fn write_one(w: &FileWrite, private: bool) -> Result<()> {
    let new_file_mode = if private { 0o600 } else { 0o666 };
    match &w.bytes {
        Some(bytes) => write_atomic_with_mode(&w.path, bytes, new_file_mode),
        None => remove(&w.path),
    }
}

/// The journal holds copies of configuration files: only the user may read it.
fn create_private_dir(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io("create the directory", dir, &e))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700));
    }
    Ok(())
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}

/// Sortable, unique across processes: time, then pid, then a per-process counter.
fn new_id() -> String {
    use std::sync::atomic::{AtomicU32, Ordering};
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    format!(
        "{:014}-{:07}-{:04}",
        now_ms(),
        std::process::id() % 10_000_000,
        COUNTER.fetch_add(1, Ordering::Relaxed) % 10_000
    )
}

#[cfg(test)]
mod tests;
