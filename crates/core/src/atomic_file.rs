//! Safe file replacement: write a temp file beside the target, fsync, rename over it, fsync the
//! directory. A crash leaves either the old or the new bytes, never a torn file. An existing
//! file's permissions are kept; a symlink is followed so the link itself survives.

use crate::{Error, ErrorCode, Result};
use std::fs::{self, File, OpenOptions};
use std::io::{ErrorKind, Read, Write};
use std::path::{Path, PathBuf};

/// Largest file we read into memory; config files are tiny, anything bigger is not ours to edit.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Most symbolic links followed for one path (Linux's limit).
const MAX_LINKS: usize = 40;

/// Reads `path`, `None` if it does not exist. Refuses anything but a regular file (without
/// blocking on a FIFO or a device) and files over [`MAX_FILE_BYTES`].
pub fn read_optional(path: &Path) -> Result<Option<Vec<u8>>> {
    read_capped(path, MAX_FILE_BYTES)
}

/// Like [`read_optional`] with a size limit of `limit` bytes. Every file the app reads goes
/// through here, so a FIFO, socket or device where a file should be is refused at once.
pub fn read_capped(path: &Path, limit: u64) -> Result<Option<Vec<u8>>> {
    let mut opts = OpenOptions::new();
    opts.read(true);
    let Some((file, meta)) = open_regular(path, &mut opts)? else {
        return Ok(None);
    };
    let too_big = |len: u64| {
        Error::new(
            ErrorCode::InvalidInput,
            format!(
                "{} is {len} bytes, larger than the {limit} bytes a configuration file can be",
                path.display()
            ),
        )
        .with_field(path.display().to_string())
    };
    if meta.len() > limit {
        return Err(too_big(meta.len()));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io("read", path, &e))?;
    if bytes.len() as u64 > limit {
        return Err(too_big(bytes.len() as u64));
    }
    Ok(Some(bytes))
}

/// Opens `path` with `opts` without ever blocking (O_NONBLOCK: opening a FIFO or a device waits
/// for nobody), then checks the type on the opened descriptor, so a file swapped in between
/// cannot slip through. `None` when the path does not exist; anything but a regular file is
/// refused with `not_a_file`.
pub fn open_regular(path: &Path, opts: &mut OpenOptions) -> Result<Option<(File, fs::Metadata)>> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    let file = match opts.open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(None),
        // A socket (ENXIO), a FIFO opened for writing with no reader (ENXIO), a directory
        // opened for writing (EISDIR): name what is there rather than the errno.
        Err(e) => {
            return Err(match fs::metadata(path) {
                Ok(meta) if !meta.is_file() => not_a_file(path, &meta.file_type()),
                _ => Error::io("open", path, &e),
            })
        }
    };
    let meta = file.metadata().map_err(|e| Error::io("read", path, &e))?;
    if !meta.is_file() {
        return Err(not_a_file(path, &meta.file_type()));
    }
    Ok(Some((file, meta)))
}

/// The `not_a_file` error for `path`, naming what sits there.
pub fn not_a_file(path: &Path, kind: &fs::FileType) -> Error {
    Error::new(
        ErrorCode::NotAFile,
        format!(
            "{} is {}, not a regular file; move it away and try again",
            path.display(),
            kind_words(kind)
        ),
    )
    .with_field(path.display().to_string())
}

fn kind_words(kind: &fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if kind.is_socket() {
            return "a socket";
        }
        if kind.is_block_device() || kind.is_char_device() {
            return "a device";
        }
    }
    if kind.is_dir() {
        "a directory"
    } else if kind.is_symlink() {
        "a symbolic link"
    } else {
        "a special file"
    }
}

/// The file a write to `path` really replaces: the end of its chain of symbolic links, as the
/// kernel would follow them, even when the last link dangles (then the write creates its
/// target, as `go env -w` does). Relative targets are resolved against the link's directory.
fn write_target(path: &Path) -> Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let target = fs::read_link(&current)
                    .map_err(|e| Error::io("read the link", &current, &e))?;
                current = match current.parent() {
                    Some(dir) => dir.join(target),
                    None => target,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(Error::new(
        ErrorCode::NotAFile,
        format!(
            "{} is a chain of more than {MAX_LINKS} symbolic links (a loop?); nothing was written",
            path.display()
        ),
    )
    .with_field(path.display().to_string()))
}

/// Replaces `path` with `bytes` atomically, creating parent directories as `go env -w` does.
/// New files get mode 0666 minus the umask (what Go uses); existing files keep their mode.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    write_atomic_with_mode(path, bytes, 0o666)
}

/// Like [`write_atomic`], but a file that does not exist yet is created with `new_file_mode`
/// (minus the umask; ignored off Unix), e.g. 0600 for files holding secrets.
pub fn write_atomic_with_mode(path: &Path, bytes: &[u8], new_file_mode: u32) -> Result<()> {
    let target = write_target(path)?;
    let dir = target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if target == path {
        fs::create_dir_all(dir).map_err(|e| Error::io("create the directory", dir, &e))?;
    } else if !dir.is_dir() {
        // Through a link, go writes the target but creates no directory for it.
        return Err(Error::new(
            ErrorCode::Io,
            format!(
                "cannot write {}: it is a symbolic link to {}, whose directory does not exist; nothing was written",
                path.display(),
                target.display()
            ),
        )
        .with_field(path.display().to_string()));
    }
    let existing = match fs::metadata(&target) {
        Ok(meta) if !meta.is_file() => return Err(not_a_file(&target, &meta.file_type())),
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

/// Removes `path` (used when undo restores "there was no file"). A missing file is fine. For
/// a symbolic link the file it points to goes and the link stays, undoing a write through it.
pub fn remove(path: &Path) -> Result<()> {
    let target = write_target(path)?;
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

    #[cfg(unix)]
    #[test]
    fn writes_through_a_dangling_link_and_removes_its_target() {
        let dir = tempfile::tempdir().expect("tempdir");
        let link = dir.path().join("cfg/env");
        fs::create_dir_all(dir.path().join("cfg/real")).expect("mkdir");
        std::os::unix::fs::symlink("real/env", &link).expect("symlink");
        assert_eq!(
            read_optional(&link).expect("dangling reads as missing"),
            None
        );
        write_atomic(&link, b"A=1\n").expect("write through");
        assert!(fs::symlink_metadata(&link)
            .expect("meta")
            .file_type()
            .is_symlink());
        assert_eq!(
            fs::read(dir.path().join("cfg/real/env")).expect("read"),
            b"A=1\n"
        );
        remove(&link).expect("remove");
        assert!(!dir.path().join("cfg/real/env").exists());
        assert!(fs::symlink_metadata(&link)
            .expect("link stays")
            .file_type()
            .is_symlink());

        let no_dir = dir.path().join("cfg/nodir");
        std::os::unix::fs::symlink("missing/env", &no_dir).expect("symlink");
        assert_eq!(
            write_atomic(&no_dir, b"x").expect_err("no dir").code,
            ErrorCode::Io
        );
        assert!(!dir.path().join("cfg/missing").exists());

        let looped = dir.path().join("cfg/loop");
        std::os::unix::fs::symlink("loop", &looped).expect("symlink");
        assert_eq!(
            write_atomic(&looped, b"x").expect_err("loop").code,
            ErrorCode::NotAFile
        );
    }

    #[cfg(unix)]
    #[test]
    fn special_files_are_refused_without_blocking() {
        let dir = tempfile::tempdir().expect("tempdir");
        let fifo = dir.path().join("fifo");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.expect("mkfifo").success());
        let err = read_optional(&fifo).expect_err("fifo");
        assert_eq!(err.code, ErrorCode::NotAFile);
        assert!(err.message.contains("FIFO"), "{}", err.message);
        let sock = dir.path().join("sock");
        let _listener = std::os::unix::net::UnixListener::bind(&sock).expect("bind");
        let err = read_optional(&sock).expect_err("socket");
        assert!(err.message.contains("a socket"), "{}", err.message);
        let mut opts = OpenOptions::new();
        opts.write(true).create(true).truncate(false);
        let err = open_regular(&fifo, &mut opts).expect_err("fifo for writing");
        assert_eq!(err.code, ErrorCode::NotAFile);
        assert_eq!(err.field.as_deref(), fifo.to_str());
        assert_eq!(
            read_optional(Path::new("/dev/null"))
                .expect_err("device")
                .code,
            ErrorCode::NotAFile
        );
    }

    #[test]
    fn a_size_cap_is_kept() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("big");
        fs::write(&path, vec![b'x'; 11]).expect("write");
        assert_eq!(
            read_capped(&path, 11).expect("at the cap").map(|b| b.len()),
            Some(11)
        );
        let err = read_capped(&path, 10).expect_err("over the cap");
        assert_eq!(err.code, ErrorCode::InvalidInput);
        assert!(err.message.contains("11 bytes"), "{}", err.message);
    }
}
