//! The build's private scratch directory: the Dockerfile to build, its ignore file and the netrc
//! secret, in a 0700 directory under the system temp dir. The netrc is created 0600 and holds
//! the tokens only while the build runs: the directory is removed when the [`BuildScratch`] is
//! dropped, so also on failure, cancel or a panic.

use crate::hosts::{self, HostEntry};
use crate::netrc;
use crate::secrets::{Keychain, Secret};
use crate::sysenv::SysEnv;
use crate::{Error, Result};
use std::io::Write as _;
use std::path::PathBuf;

pub struct BuildScratch {
    dir: PathBuf,
}

impl BuildScratch {
    pub fn create() -> Result<BuildScratch> {
        let dir = crate::private_temp_dir::create("build", "create a temporary build directory")?;
        Ok(BuildScratch { dir })
    }

    #[cfg(test)]
    pub fn path(&self) -> &std::path::Path {
        &self.dir
    }

    /// Writes a new file readable by the owner only.
    pub fn write_private(&self, name: &str, bytes: &[u8]) -> Result<PathBuf> {
        let path = self.dir.join(name);
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options
            .open(&path)
            .map_err(|e| Error::io("create", &path, &e))?;
        file.write_all(bytes)
            .and_then(|()| file.sync_all())
            .map_err(|e| Error::io("write", &path, &e))?;
        Ok(path)
    }
}

impl Drop for BuildScratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The tokens that go into the netrc: the stored hosts (all of them, or the `wanted` prefixes)
/// with their tokens from the keychain. An unknown wanted prefix is an error naming it.
pub struct NetrcSecret {
    /// `host[:port]` of every host included (never a token).
    pub hosts: Vec<String>,
    pub tokens: Vec<Secret>,
    pub text: Secret,
}

pub fn collect(
    env: &SysEnv,
    keychain: &Keychain,
    wanted: Option<&[String]>,
) -> Result<NetrcSecret> {
    let stored = hosts::load(env)?;
    let chosen: Vec<HostEntry> = match wanted {
        None => stored,
        Some(wanted) => {
            let mut chosen = Vec::new();
            for prefix in wanted {
                let normal = hosts::normalize_host(prefix)
                    .map_err(|e| Error::invalid("secret_hosts", e.message))?;
                let Some(host) = stored.iter().find(|h| h.prefix == normal) else {
                    return Err(Error::invalid(
                        "secret_hosts",
                        format!("no credentials are stored for {normal}; add them on the Private modules page first"),
                    ));
                };
                chosen.push(host.clone());
            }
            chosen
        }
    };
    let mut text = String::new();
    let mut hosts = Vec::new();
    let mut tokens = Vec::new();
    for host in chosen {
        let Some(token) = keychain.get(&host.prefix, &host.user)? else {
            if wanted.is_some() {
                return Err(Error::invalid(
                    "secret_hosts",
                    format!("the keychain has no token for {}; store it again on the Private modules page", host.prefix),
                ));
            }
            continue;
        };
        if netrc::check_value("login", &host.user).is_err()
            || netrc::check_value("password", token.expose()).is_err()
        {
            return Err(Error::invalid(
                "secret_hosts",
                format!(
                    "the login or token stored for {} cannot be written to a netrc",
                    host.prefix
                ),
            ));
        }
        // `host:port` for Go 1.24+, `host` for git and older go (see netrc::machines_for).
        for machine in netrc::machines_for(&host.prefix) {
            text.push_str(&format!(
                "machine {machine} login {} password {}\n",
                host.user,
                token.expose()
            ));
        }
        hosts.push(host.prefix.clone());
        tokens.push(token);
    }
    Ok(NetrcSecret {
        hosts,
        tokens,
        text: Secret::new(text),
    })
}
