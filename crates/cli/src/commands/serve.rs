//! The helpers other programs run: `goauth` (the go command's GOAUTH protocol) and
//! `git-credential` (git's credential helper protocol). They print credentials only to their
//! caller's pipe, never prompt, never fail loudly: nothing to give = empty output, exit 0.

use goproxy_core::auth::{git_credential, goauth};
use goproxy_core::secrets::Keychain;
use goproxy_core::sysenv::SysEnv;
use std::io::{Read, Write};

/// `goproxy-assistant goauth [URL]`; the HTTP response head (if any) arrives on stdin.
pub fn goauth(env: &SysEnv, url: Option<&str>) {
    let mut head = Vec::new();
    if url.is_some() {
        let _ = std::io::stdin()
            .lock()
            .take(64 * 1024)
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

/// `goproxy-assistant git-credential get|store|erase`.
pub fn git_credential(env: &SysEnv, action: &str) {
    let mut request = String::new();
    let _ = std::io::stdin()
        .lock()
        .take(64 * 1024)
        .read_to_string(&mut request);
    match git_credential::respond(env, &Keychain::native(), action, &request) {
        Ok(out) => {
            let _ = std::io::stdout().lock().write_all(out.expose().as_bytes());
        }
        Err(e) => eprintln!("goproxy-assistant git-credential: {}", e.message),
    }
}
