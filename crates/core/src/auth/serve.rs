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
pub fn this_program() -> crate::Result<std::path::PathBuf> {
    std::env::current_exe().map_err(|e| {
        crate::Error::new(
            crate::ErrorCode::Io,
            format!("cannot find this program's path: {e}"),
        )
    })
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
