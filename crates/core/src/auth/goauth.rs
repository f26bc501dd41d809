//! The GOAUTH command protocol (Go 1.24+; `go help goauth`, `cmd/go/internal/auth/userauth.go`),
//! served from the keychain.
//!
//! `goproxy-assistant goauth` with no URL (the go command's first call): one credential set for
//! every host with a stored token. With a URL (after a 4xx; the response head arrives on stdin):
//! the set for that URL's host, if any. Each set is `https://<prefix>` lines, a blank line,
//! header lines, a blank line. Nothing to say = empty output. Never prompts, always exits 0.

use super::{authorization, credential_for, split_url};
use crate::hosts;
use crate::secrets::{Keychain, Secret};
use crate::sysenv::SysEnv;
use crate::Result;

/// The helper's stdout for one call. Contains tokens: write it to the go command and nowhere else.
pub fn respond(env: &SysEnv, keychain: &Keychain, url: Option<&str>) -> Result<Secret> {
    let mut out = String::new();
    match url {
        None => {
            for host in hosts::load(env)? {
                if let Some(token) = keychain.get(&host.prefix, &host.user)? {
                    push_set(&mut out, &host.prefix, &authorization(&host, &token));
                }
            }
        }
        Some(url) => {
            if let Some(("https", prefix)) = split_url(url) {
                if let Some((host, token)) = credential_for(env, keychain, &prefix)? {
                    push_set(&mut out, &host.prefix, &authorization(&host, &token));
                }
            }
        }
    }
    Ok(Secret::new(out))
}

fn push_set(out: &mut String, prefix: &str, auth: &Secret) {
    out.push_str(&format!(
        "https://{prefix}\n\nAuthorization: {}\n\n",
        auth.expose()
    ));
}

/// The GOAUTH entry that runs this helper: `<absolute path> goauth`.
pub fn command_for(exe: &std::path::Path) -> Result<String> {
    let text = exe.display().to_string();
    if !exe.is_absolute()
        || text.contains(|c: char| c.is_whitespace() || c == '\'' || c == '"' || c == ';')
    {
        return Err(crate::Error::invalid(
            "GOAUTH",
            format!("the helper path {text:?} must be absolute and free of spaces, quotes and `;` (Go splits GOAUTH commands on them); install goproxy-assistant in such a place"),
        ));
    }
    Ok(format!("{text} goauth"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::History;
    use crate::hosts::{AuthScheme, HostEntry};

    #[test]
    fn protocol_output() {
        let dir = tempfile::tempdir().expect("tempdir");
        let env = SysEnv::from_vars([("HOME", dir.path().display().to_string())]);
        let keychain = Keychain::mock();
        let history = History::open(&env).expect("history");
        let entries = vec![
            HostEntry {
                prefix: "a.example".into(),
                user: "alice".into(),
                scheme: AuthScheme::Basic,
                netrc: false,
                token_set_ms: 0,
            },
            HostEntry {
                prefix: "b.example:8443".into(),
                user: "token".into(),
                scheme: AuthScheme::Bearer,
                netrc: false,
                token_set_ms: 0,
            },
            HostEntry {
                prefix: "c.example".into(),
                user: "carol".into(),
                scheme: AuthScheme::Basic,
                netrc: false,
                token_set_ms: 0,
            },
        ];
        let lock = history.lock().expect("lock");
        let change = crate::change::Change::new(crate::change::Summary::Legacy("t".into()))
            .with_write(hosts::write_for(&env, &entries).expect("write"));
        history.apply(&lock, change).expect("save");
        drop(lock);
        keychain
            .set("a.example", "alice", &Secret::new("pw"))
            .expect("set");
        keychain
            .set("b.example:8443", "token", &Secret::new("tk"))
            .expect("set");
        let first = respond(&env, &keychain, None).expect("first call");
        assert_eq!(
            first.expose(),
            "https://a.example\n\nAuthorization: Basic YWxpY2U6cHc=\n\nhttps://b.example:8443\n\nAuthorization: Bearer tk\n\n"
        );
        let one =
            respond(&env, &keychain, Some("https://b.example:8443/mod/@v/list")).expect("url");
        assert_eq!(
            one.expose(),
            "https://b.example:8443\n\nAuthorization: Bearer tk\n\n"
        );
        for url in [
            "https://c.example/x",
            "http://a.example/x",
            "https://b.example/x",
            "nonsense",
        ] {
            assert_eq!(
                respond(&env, &keychain, Some(url)).expect("none").expose(),
                "",
                "{url}"
            );
        }
        assert!(command_for(std::path::Path::new("/opt/my app/gpa")).is_err());
        assert_eq!(
            command_for(std::path::Path::new("/usr/bin/gpa")).expect("ok"),
            "/usr/bin/gpa goauth"
        );
    }
}
