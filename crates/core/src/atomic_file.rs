//! Atomic file replacement: temp file in the same directory, fsync, rename, permissions kept.
