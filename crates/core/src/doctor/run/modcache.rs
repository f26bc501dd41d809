//! The throwaway module cache run mode uses by default: a fresh directory, removed afterwards.

use crate::Result;
use std::path::{Path, PathBuf};

pub struct ThrowawayCache {
    dir: PathBuf,
}

impl ThrowawayCache {
    /// A new, empty, private directory under the system temp dir.
    pub fn create() -> Result<ThrowawayCache> {
        let dir = crate::private_temp_dir::create("modcache", "create a temporary module cache")?;
        Ok(ThrowawayCache { dir })
    }

    pub fn path(&self) -> &Path {
        &self.dir
    }
}

impl Drop for ThrowawayCache {
    fn drop(&mut self) {
        if std::fs::remove_dir_all(&self.dir).is_err() {
            // go writes the cache read-only unless -modcacherw took effect (an old go, or a
            // GOFLAGS that overrides it): make it writable and try again.
            make_writable(&self.dir);
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

fn make_writable(dir: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700));
    }
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                make_writable(&entry.path());
            }
        }
    }
}
