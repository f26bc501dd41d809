//! The non-secret index of hosts with credentials: `hosts.toml` in the app's config dir,
//! written through the history journal (undoable). It names each host's login and how the token
//! is sent; the token itself lives only in the keychain (or, on opt-in, in the .netrc).

use crate::atomic_file::read_optional;
use crate::change::FileWrite;
use crate::sysenv::SysEnv;
use crate::{app_dirs, Error, ErrorCode, Result};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use ts_rs::TS;

/// How the token goes into the `Authorization` header.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum AuthScheme {
    /// `Basic base64(login:token)`: GitHub, GitLab, Gitea, Artifactory, Athens behind basic auth.
    #[default]
    Basic,
    /// `Bearer token`.
    Bearer,
}

/// One host the user gave credentials for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct HostEntry {
    /// `host` or `host:port` (what Go matches credentials against).
    pub prefix: String,
    /// The login sent with the token (also the keychain item's user).
    pub user: String,
    #[serde(default)]
    pub scheme: AuthScheme,
    /// The token was also written to the .netrc (explicit opt-in, for Go < 1.24 or git/curl).
    #[serde(default)]
    pub netrc: bool,
    /// When the token was last stored (ms since the Unix epoch; 0 when unknown). It also makes
    /// every token change rewrite hosts.toml, so undoing an older change while a newer one is
    /// in place is detected as a conflict rather than deleting the newer token.
    #[serde(default)]
    #[ts(type = "number")]
    pub token_set_ms: u64,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct HostsFile {
    #[serde(default, rename = "host")]
    hosts: Vec<HostEntry>,
}

/// Normalises a host as the user typed it to `host` or `host:port` (lower case; `:443` dropped).
/// Refuses schemes, paths, userinfo, spaces and non-ASCII, each with the reason.
pub fn normalize_host(input: &str) -> Result<String> {
    let bad = |msg: &str| Err(Error::invalid("host", format!("host {input:?}: {msg}")));
    if input.is_empty() {
        return bad(
            "empty; write a host name like git.corp.example.com or goproxy.corp.example.com:8443",
        );
    }
    if input.contains("://") {
        return bad("write the host name only, without https://");
    }
    if input.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return bad("contains whitespace or control characters");
    }
    if !input.is_ascii() {
        return bad(
            "contains non-ASCII characters; write internationalised names in punycode (xn--...)",
        );
    }
    if input.contains('@') {
        return bad("contains '@': give the login with --user, not in the host");
    }
    if input.contains(['/', '?', '#']) {
        return bad("contains a path; credentials are per host (host or host:port)");
    }
    let lower = input.to_ascii_lowercase();
    let (host, port) = match lower.rsplit_once(':') {
        Some((h, p)) if !h.contains(':') => (h.to_string(), Some(p.to_string())),
        Some(_) => return bad("IPv6 addresses are not supported here; use a host name"),
        None => (lower.clone(), None),
    };
    if host.is_empty()
        || host.starts_with(['.', '-'])
        || host.ends_with('-')
        || host.contains("..")
        || !host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
    {
        return bad("is not a valid host name (letters, digits, '.', '-')");
    }
    match port {
        None => Ok(host),
        Some(p) => match p.parse::<u16>() {
            Ok(443) => Ok(host),
            Ok(n) if n > 0 && p == n.to_string() => Ok(format!("{host}:{n}")),
            _ => bad("has an invalid port (1-65535)"),
        },
    }
}

fn path(env: &SysEnv) -> Result<PathBuf> {
    Ok(app_dirs::config_dir(env)?.join("hosts.toml"))
}

/// The hosts with credentials, in the order they were added. A damaged file (not UTF-8, not
/// TOML, a host or login the app would not have written, a host listed twice) is `corrupt`,
/// naming the file and the reason, rather than read as something else.
pub fn load(env: &SysEnv) -> Result<Vec<HostEntry>> {
    let path = path(env)?;
    let Some(bytes) = read_optional(&path)? else {
        return Ok(Vec::new());
    };
    let corrupt = |why: String| {
        Error::new(
            ErrorCode::Corrupt,
            format!(
                "{} cannot be read: {why}; fix or remove it (tokens stay in the keychain)",
                path.display()
            ),
        )
        .with_field(path.display().to_string())
    };
    let text = std::str::from_utf8(&bytes).map_err(|_| corrupt("it is not UTF-8 text".into()))?;
    let hosts = toml::from_str::<HostsFile>(text)
        .map_err(|e| corrupt(e.message().to_string()))?
        .hosts;
    for (i, h) in hosts.iter().enumerate() {
        let problem = match normalize_host(&h.prefix) {
            Err(e) => Some(e.message),
            Ok(n) if n != h.prefix => Some(format!("host {:?} is not written as {n:?}", h.prefix)),
            Ok(_) if hosts[..i].iter().any(|o| o.prefix == h.prefix) => {
                Some(format!("host {:?} is listed twice", h.prefix))
            }
            Ok(_) => crate::netrc::check_value("login", &h.user)
                .err()
                .map(|e| e.message),
        };
        if let Some(why) = problem {
            return Err(corrupt(format!("entry {}: {why}", i + 1)));
        }
    }
    Ok(hosts)
}

/// The file write that stores `hosts` (a part of the change that edits them).
pub fn write_for(env: &SysEnv, hosts: &[HostEntry]) -> Result<FileWrite> {
    let file = HostsFile {
        hosts: hosts.to_vec(),
    };
    let text = toml::to_string(&file)
        .map_err(|e| Error::new(ErrorCode::Corrupt, format!("cannot encode hosts.toml: {e}")))?;
    let header =
        "# Hosts with credentials (GoProxy Assistant). Tokens are in the OS keychain, not here.\n";
    Ok(FileWrite::config(
        path(env)?,
        format!("{header}{text}").into_bytes(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::change::{Change, Summary};
    use crate::history::History;

    #[test]
    fn normalizes_and_refuses_hosts() {
        assert_eq!(
            normalize_host("Git.Corp.example.com").expect("ok"),
            "git.corp.example.com"
        );
        assert_eq!(normalize_host("h.example:443").expect("ok"), "h.example");
        assert_eq!(
            normalize_host("127.0.0.1:8443").expect("ok"),
            "127.0.0.1:8443"
        );
        for bad in [
            "",
            "https://h.example",
            "h.example/team",
            "user@h.example",
            "h .example",
            "bücher.example",
            "h.example:0",
            "h.example:99999",
            "h.example:08",
            "-h.example",
            "h..example",
        ] {
            let err = normalize_host(bad).expect_err(bad);
            assert_eq!(err.field.as_deref(), Some("host"), "{bad}");
        }
    }

    #[test]
    fn a_damaged_file_is_corrupt_with_the_reason() {
        let dir = tempfile::tempdir().expect("tempdir");
        let env = SysEnv::from_vars([("HOME", dir.path().display().to_string())]);
        let file = path(&env).expect("path");
        std::fs::create_dir_all(file.parent().expect("dir")).expect("mkdir");
        let entry = |prefix: &str, user: &str| {
            format!("[[host]]\nprefix = {prefix:?}\nuser = {user:?}\n").into_bytes()
        };
        let mut twice = entry("h.example", "a");
        twice.extend(entry("h.example", "b"));
        let mut not_utf8 = entry("h.example", "a");
        not_utf8.extend(b"# \xff\xfe\n");
        for (bytes, words) in [
            (not_utf8, "not UTF-8"),
            (b"[[host]]\nprefix = 1\n".to_vec(), "invalid type"),
            (entry("https://h.example", "a"), "without https://"),
            (entry("H.example:443", "a"), "not written as"),
            (entry("h.example", ""), "login is empty"),
            (entry("h.example", "a b"), "whitespace"),
            (twice, "listed twice"),
        ] {
            std::fs::write(&file, &bytes).expect("write");
            let err = load(&env).expect_err(&String::from_utf8_lossy(&bytes));
            assert_eq!(err.code, ErrorCode::Corrupt);
            assert!(err.message.contains(&file.display().to_string()));
            assert!(err.message.contains(words), "{}", err.message);
            assert!(!err.message.contains('\u{fffd}'));
        }
        std::fs::write(&file, entry("h.example:8443", "a")).expect("write");
        assert_eq!(load(&env).expect("good")[0].prefix, "h.example:8443");
    }

    #[test]
    fn round_trips_through_the_journal() {
        let dir = tempfile::tempdir().expect("tempdir");
        let env = SysEnv::from_vars([("HOME", dir.path().display().to_string())]);
        let history = History::open(&env).expect("history");
        let hosts = vec![HostEntry {
            prefix: "h:8443".into(),
            user: "alice".into(),
            scheme: AuthScheme::Bearer,
            netrc: false,
            token_set_ms: 1,
        }];
        let lock = history.lock().expect("lock");
        let change = Change::new(Summary::Legacy("add".into()))
            .with_write(write_for(&env, &hosts).expect("write"));
        history.apply(&lock, change).expect("apply");
        drop(lock);
        assert_eq!(load(&env).expect("load"), hosts);
        history.undo(None).expect("undo");
        assert!(load(&env).expect("load").is_empty());
    }
}
