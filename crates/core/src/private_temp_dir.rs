//! A fresh directory only the user can enter, under the system temp dir, for files that must not
//! be seen by other users (a build's netrc secret) or must start empty (a throwaway module cache).

use crate::{Error, Result};
use std::path::PathBuf;

/// Creates `<temp>/goproxy-assistant-<kind>-<pid>-<time>-<n>` with mode 0700; `what` names it in
/// the error ("create a temporary module cache"). Never reuses an existing directory.
pub fn create(kind: &str, what: &str) -> Result<PathBuf> {
    let base = std::env::temp_dir();
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    for attempt in 0..16u32 {
        let dir = base.join(format!(
            "goproxy-assistant-{kind}-{}-{stamp}-{attempt}",
            std::process::id()
        ));
        let mut builder = std::fs::DirBuilder::new();
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        match builder.create(&dir) {
            Ok(()) => return Ok(dir),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(Error::io(what, &dir, &e)),
        }
    }
    Err(Error::io(
        what,
        &base,
        &std::io::Error::from(std::io::ErrorKind::AlreadyExists),
    ))
}

#[cfg(test)]
mod tests {
    #[test]
    fn each_call_makes_a_new_private_directory() {
        let a = super::create("test", "create a test dir").expect("a");
        let b = super::create("test", "create a test dir").expect("b");
        assert_ne!(a, b);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&a).expect("meta").permissions().mode();
            assert_eq!(mode & 0o777, 0o700);
        }
        std::fs::remove_dir(a).expect("rm a");
        std::fs::remove_dir(b).expect("rm b");
    }
}
