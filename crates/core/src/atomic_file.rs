//! Safe file replacement: write a temp file beside the target, fsync, rename over it, fsync the
//! directory. A crash leaves either the old or the new bytes, never a torn file. An existing
//! file's permissions are kept; a symlink is followed so the link itself survives.

use crate::{Error, ErrorCode, Result};
use std::fs::{self, File, OpenOptions};
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};

/// Largest file we read into memory; config files are tiny, anything bigger is not ours to edit.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Reads `path`, `None` if it does not exist. Refuses directories and oversized files.
pub fn read_optional(path: &Path) -> Result<Option<Vec<u8>>> {
    match fs::metadata(path) {
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Error::io("read", path, &e)),
        Ok(meta) if !meta.is_file() => {
            return Err(Error::new(
                ErrorCode::NotAFile,
                format!(
                    "{} is not a regular file; move it away and try again",
                    path.display()
                ),
            )
            .with_field(path.display().to_string()))
        }
        Ok(meta) if meta.len() > MAX_FILE_BYTES => {
            return Err(Error::new(
                ErrorCode::InvalidInput,
                format!(
                    "{} is {} bytes, larger than the {} bytes a configuration file can be",
                    path.display(),
                    meta.len(),
                    MAX_FILE_BYTES
                ),
            )
            .with_field(path.display().to_string()))
        }
        Ok(_) => {}
    }
    fs::read(path)
        .map(Some)
        .map_err(|e| Error::io("read", path, &e))
}

/// The file a write to `path` really replaces: the final target when `path` is a symlink.
fn write_target(path: &Path) -> PathBuf {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
        }
        _ => path.to_path_buf(),
    }
}

/// Replaces `path` with `bytes` atomically, creating parent directories as `go env -w` does.
/// New files get mode 0666 minus the umask (what Go uses); existing files keep their mode.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    write_atomic_with_mode(path, bytes, 0o666)
}

/// Like [`write_atomic`], but a file that does not exist yet is created with `new_file_mode`
/// (minus the umask; ignored off Unix), e.g. 0600 for files holding secrets.
pub fn write_atomic_with_mode(path: &Path, bytes: &[u8], new_file_mode: u32) -> Result<()> {
    let target = write_target(path);
    let dir = target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(dir).map_err(|e| Error::io("create the directory", dir, &e))?;
    let existing = match fs::metadata(&target) {
        Ok(meta) if !meta.is_file() => {
            return Err(Error::new(
                ErrorCode::NotAFile,
                format!(
                    "{} is not a regular file; nothing was written",
                    target.display()
                ),
            )
            .with_field(target.display().to_string()))
        }
        Ok(meta) => Some(meta.permissions()),
        Err(_) => None,
    };
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(
        ".{name}.tmp-{}-{}",
        std::process::id(),
        unique_suffix()
    ));
    let result = write_temp(&tmp, bytes, existing, new_file_mode)
        .and_then(|()| fs::rename(&tmp, &target).map_err(|e| Error::io("replace", &target, &e)));
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result?;
    sync_dir(dir);
    Ok(())
}

/// Removes `path` (used when undo restores "there was no file"). A missing file is fine.
pub fn remove(path: &Path) -> Result<()> {
    let target = write_target(path);
    match fs::remove_file(&target) {
        Err(e) if e.kind() != ErrorKind::NotFound => Err(Error::io("remove", &target, &e)),
        _ => Ok(()),
    }
}

fn write_temp(
    tmp: &Path,
    bytes: &[u8],
    mode: Option<fs::Permissions>,
    new_file_mode: u32,
) -> Result<()> {
    let mut opts = OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(new_file_mode);
    }
    #[cfg(not(unix))]
    let _ = new_file_mode;
    let mut file: File = opts.open(tmp).map_err(|e| Error::io("create", tmp, &e))?;
    if let Some(perm) = mode {
        file.set_permissions(perm)
            .map_err(|e| Error::io("set permissions on", tmp, &e))?;
    }
    file.write_all(bytes)
        .map_err(|e| Error::io("write", tmp, &e))?;
    file.sync_all().map_err(|e| Error::io("flush", tmp, &e))
}

fn unique_suffix() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    format!("{nanos:x}{:x}", COUNTER.fetch_add(1, Ordering::Relaxed))
}

/// Makes the rename durable. Best effort: not every platform can open a directory.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn creates_replaces_and_keeps_mode() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("a/b/env");
        write_atomic(&path, b"one\n").expect("create");
        assert_eq!(fs::read(&path).expect("read"), b"one\n");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).expect("chmod");
            write_atomic(&path, b"two\n").expect("replace");
            let mode = fs::metadata(&path).expect("meta").permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
        assert_eq!(read_optional(&path).expect("read"), Some(b"two\n".to_vec()));
        let leftovers: Vec<_> = fs::read_dir(path.parent().expect("parent"))
            .expect("ls")
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().contains(".tmp-"))
            .collect();
        assert!(leftovers.is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn new_files_can_be_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("secret");
        write_atomic_with_mode(&path, b"s", 0o600).expect("create");
        let mode = fs::metadata(&path).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }

    #[cfg(unix)]
    #[test]
    fn follows_symlinks_and_refuses_directories() {
        let dir = tempfile::tempdir().expect("tempdir");
        let real = dir.path().join("real");
        fs::write(&real, "x").expect("write");
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&real, &link).expect("symlink");
        write_atomic(&link, b"y").expect("write through link");
        assert!(fs::symlink_metadata(&link)
            .expect("meta")
            .file_type()
            .is_symlink());
        assert_eq!(fs::read(&real).expect("read"), b"y");

        let sub = dir.path().join("sub");
        fs::create_dir(&sub).expect("mkdir");
        assert_eq!(
            write_atomic(&sub, b"z").expect_err("dir").code,
            ErrorCode::NotAFile
        );
        assert_eq!(
            read_optional(&sub).expect_err("dir").code,
            ErrorCode::NotAFile
        );
        assert_eq!(
            read_optional(&dir.path().join("none")).expect("missing"),
            None
        );
    }
}
