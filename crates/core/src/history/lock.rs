//! One lock for every writer of this user's configuration (GUI, CLI, several instances), so two
//! read-modify-write cycles never interleave and nothing is lost.

use crate::atomic_file::open_regular;
use crate::{Error, ErrorCode, Result};
use std::fs::{File, OpenOptions};
use std::path::Path;
use std::time::{Duration, Instant};

/// Held while changing files; released on drop.
pub struct StoreLock {
    file: File,
}

/// How long a writer waits for another one to finish before giving up with a clear error.
const WAIT: Duration = Duration::from_secs(10);

impl StoreLock {
    pub fn acquire(dir: &Path) -> Result<StoreLock> {
        std::fs::create_dir_all(dir).map_err(|e| Error::io("create the directory", dir, &e))?;
        let path = dir.join("lock");
        // Never blocks: a FIFO or socket put where the lock file belongs is refused at once.
        let mut opts = OpenOptions::new();
        opts.create(true).truncate(false).write(true);
        let (file, _) = open_regular(&path, &mut opts)?.ok_or_else(|| {
            Error::new(
                ErrorCode::Io,
                format!("cannot open the lock file {}: it vanished", path.display()),
            )
            .with_field(path.display().to_string())
        })?;
        let start = Instant::now();
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(StoreLock { file }),
                Err(std::fs::TryLockError::WouldBlock) if start.elapsed() < WAIT => {
                    std::thread::sleep(Duration::from_millis(20));
                }
                Err(std::fs::TryLockError::WouldBlock) => {
                    return Err(Error::new(
                        ErrorCode::Io,
                        format!(
                            "another GoProxy Assistant process has held {} for {}s; try again when it finishes",
                            path.display(),
                            WAIT.as_secs()
                        ),
                    ))
                }
                Err(std::fs::TryLockError::Error(e)) => return Err(Error::io("lock", &path, &e)),
            }
        }
    }
}

impl Drop for StoreLock {
    fn drop(&mut self) {
        let _ = self.file.unlock();
    }
}
