//! The stdin/stdout side of the two helpers other programs run: `goauth` (the go command's
//! GOAUTH protocol) and `git-credential` (git's credential helper protocol). Both the CLI and the
//! desktop binary answer these, so GOAUTH can point at whichever one the user has installed.
//! They print credentials only to their caller's pipe, never prompt and never fail loudly:
//! nothing to give means empty output and exit status 0.

use super::{git_credential, goauth};
use crate::secrets::Keychain;
use crate::sysenv::SysEnv;
use std::io::{Read, Write};

/// The running program's path: what GOAUTH and git's credential helper are told to run, since
/// both the CLI and the desktop binary answer `goauth` and `git-credential`.
/// On Linux this is `/proc/self/exe` resolved: the installed `/usr/bin/goproxy-assistant-app` (or
/// `/usr/bin/goproxy-assistant`) of a package, not a symlink or a temporary copy. While a package
/// upgrade has replaced the file under the running app, the kernel reports it as
/// `PATH (deleted)`; the new file at the same path is the one to run.
pub fn this_program() -> crate::Result<std::path::PathBuf> {
    let exe = std::env::current_exe().map_err(|e| {
        crate::Error::new(
            crate::ErrorCode::Io,
            format!("cannot find this program's path: {e}"),
        )
    })?;
    Ok(without_deleted_suffix(exe))
}

/// `PATH (deleted)` → `PATH` when `PATH` exists again (Linux `proc_pid_exe` after a replace).
fn without_deleted_suffix(exe: std::path::PathBuf) -> std::path::PathBuf {
    const SUFFIX: &str = " (deleted)";
    match exe.to_str().and_then(|s| s.strip_suffix(SUFFIX)) {
        Some(path) if !exe.exists() && std::path::Path::new(path).exists() => path.into(),
        _ => exe,
    }
}

/// The most a helper reads from stdin: an HTTP response head or a credential request.
const MAX_REQUEST: u64 = 64 * 1024;

/// `<exe> goauth [URL]`; with a URL, the HTTP response head of the failed request is on stdin.
pub fn goauth(env: &SysEnv, url: Option<&str>) {
    let mut head = Vec::new();
    if url.is_some() {
        let _ = std::io::stdin()
            .lock()
            .take(MAX_REQUEST)
            .read_to_end(&mut head);
    }
    match goauth::respond(env, &Keychain::native(), url) {
        Ok(out) => {
            let _ = std::io::stdout().lock().write_all(out.expose().as_bytes());
        }
        // Go prints helper stderr only with -x; the message never contains a secret.
        Err(e) => eprintln!("goproxy-assistant goauth: {}", e.message),
    }
}

/// `<exe> git-credential get|store|erase`.
pub fn git_credential(env: &SysEnv, action: &str) {
    let mut request = String::new();
    let _ = std::io::stdin()
        .lock()
        .take(MAX_REQUEST)
        .read_to_string(&mut request);
    match git_credential::respond(env, &Keychain::native(), action, &request) {
        Ok(out) => {
            let _ = std::io::stdout().lock().write_all(out.expose().as_bytes());
        }
        Err(e) => eprintln!("goproxy-assistant git-credential: {}", e.message),
    }
}

#[cfg(test)]
mod tests {
    use super::without_deleted_suffix;

    #[test]
    fn a_replaced_program_is_found_at_its_path_again() {
        let dir = tempfile::tempdir().expect("temp dir");
        let installed = dir.path().join("goproxy-assistant-app");
        std::fs::write(&installed, b"new").expect("write");
        let reported = dir.path().join("goproxy-assistant-app (deleted)");
        assert_eq!(without_deleted_suffix(reported), installed);
    }

    #[test]
    fn other_paths_are_kept() {
        let dir = tempfile::tempdir().expect("temp dir");
        let gone = dir.path().join("gone (deleted)");
        assert_eq!(without_deleted_suffix(gone.clone()), gone);
        let exe = std::env::current_exe().expect("current exe");
        assert_eq!(without_deleted_suffix(exe.clone()), exe);
        assert!(super::this_program().expect("this program").is_absolute());
    }
}
