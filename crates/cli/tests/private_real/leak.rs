//! Check (d), after the fact: the token is in none of the outputs a `World` kept and in no file
//! under its sandbox. The live-process half of the check is proc_scan.rs.

use crate::world::World;
use std::path::PathBuf;

impl World {
    /// (d): the token is in no output kept so far and in no file under the sandbox (scratch
    /// HOME, XDG config/data/state/cache dirs with hosts.toml and the history journal, GOENV,
    /// the module cache, cloned repositories), except `allowed` files.
    pub fn assert_no_leak(&self, allowed: &[PathBuf], min_files: usize) {
        for (what, bytes) in &self.outputs {
            let s = String::from_utf8_lossy(bytes);
            for f in &self.forbidden {
                assert!(!s.contains(f.as_str()), "the token leaked into {what}");
            }
        }
        let mut files = 0;
        let mut stack = vec![self.sb.path().to_path_buf()];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).expect("read dir").flatten() {
                let path = entry.path();
                let ft = entry.file_type().expect("file type");
                if ft.is_dir() {
                    stack.push(path);
                } else if ft.is_file() && !allowed.contains(&path) {
                    files += 1;
                    let bytes = std::fs::read(&path).unwrap_or_default();
                    for f in &self.forbidden {
                        assert!(
                            !contains(&bytes, f.as_bytes()),
                            "the token is in {}",
                            path.display()
                        );
                    }
                }
            }
        }
        assert!(files >= min_files, "scanned {files} files only");
    }
}

/// Whether `needle` occurs in `hay` (files and /proc entries are bytes, not UTF-8).
pub fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}
