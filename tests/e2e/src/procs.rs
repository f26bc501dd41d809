//! Process lookups in `/proc`: find the app under tauri-driver and read its peak memory; and
//! signalling a process group (what the tests start runs in a group of its own).

use std::path::{Path, PathBuf};

/// Direct children of `pid`.
pub fn children(pid: u32) -> Vec<u32> {
    let Ok(dir) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    dir.filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter(|&p| parent(p) == Some(pid))
        .collect()
}

/// All descendants of `pid`, parents before children.
pub fn descendants(pid: u32) -> Vec<u32> {
    let mut found = Vec::new();
    let mut queue = vec![pid];
    while let Some(p) = queue.pop() {
        for c in children(p) {
            found.push(c);
            queue.push(c);
        }
    }
    found
}

/// The parent of `pid`, from `/proc/<pid>/stat` (the field after the parenthesised name).
pub fn parent(pid: u32) -> Option<u32> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let rest = &stat[stat.rfind(')')? + 1..];
    rest.split_whitespace().nth(1)?.parse().ok()
}

/// The executable of `pid`.
pub fn exe(pid: u32) -> Option<PathBuf> {
    std::fs::read_link(format!("/proc/{pid}/exe")).ok()
}

/// The descendant of `root` running `binary` (the app, started by WebKitWebDriver).
pub fn find_running(root: u32, binary: &Path) -> Option<u32> {
    let want = binary.canonicalize().ok()?;
    descendants(root)
        .into_iter()
        .find(|&p| exe(p).as_deref() == Some(want.as_path()))
}

/// The files `pid` has mapped (its libraries among them), from `/proc/PID/maps`.
pub fn mapped_files(pid: u32) -> Vec<PathBuf> {
    let maps = std::fs::read_to_string(format!("/proc/{pid}/maps")).unwrap_or_default();
    let mut files: Vec<PathBuf> = maps
        .lines()
        .filter_map(|l| l.split_whitespace().nth(5))
        .filter(|f| f.starts_with('/'))
        .map(PathBuf::from)
        .collect();
    files.dedup();
    files
}

/// The names of the environment variables `pid` started with.
pub fn environ_names(pid: u32) -> Vec<String> {
    let environ = std::fs::read(format!("/proc/{pid}/environ")).unwrap_or_default();
    environ
        .split(|&b| b == 0)
        .filter_map(|kv| kv.split(|&b| b == b'=').next())
        .filter(|name| !name.is_empty())
        .map(|name| String::from_utf8_lossy(name).into_owned())
        .collect()
}

/// Peak resident set size of `pid` in KiB (`VmHWM`).
pub fn peak_rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Current resident set size of `pid` in KiB (`VmRSS`).
pub fn rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Sends `signal` (`TERM`, `KILL`) to the process group led by `leader`; errors are ignored
/// (the group may be gone already).
pub fn signal_group(leader: u32, signal: &str) {
    let _ = std::process::Command::new("kill")
        .args([format!("-{signal}"), "--".into(), format!("-{leader}")])
        .stderr(std::process::Stdio::null())
        .status();
}
