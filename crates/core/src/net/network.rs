//! The network as the go command would see it, and test overrides for host names.

use crate::sysenv::SysEnv;
use std::collections::HashMap;
use std::net::IpAddr;

/// The network as the go command would see it: proxy and certificate settings from `env`,
/// plus optional fixed host names (tests map names to 127.0.0.1 instead of using DNS).
#[derive(Debug, Clone, Default)]
pub struct Network {
    pub env: SysEnv,
    /// Names answered without DNS, like `/etc/hosts`.
    pub hosts: HashMap<String, Vec<IpAddr>>,
    /// Names not in `hosts` fail as DNS errors instead of asking the system resolver.
    pub hosts_only: bool,
}

impl Network {
    pub fn from_env(env: &SysEnv) -> Network {
        Network {
            env: env.clone(),
            ..Network::default()
        }
    }

    pub fn with_host(mut self, name: &str, ip: IpAddr) -> Network {
        self.hosts
            .entry(name.to_ascii_lowercase())
            .or_default()
            .push(ip);
        self
    }

    /// Never ask the system resolver (hermetic tests: unknown names fail as DNS errors).
    pub fn hosts_only(mut self) -> Network {
        self.hosts_only = true;
        self
    }
}
