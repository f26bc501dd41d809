//! Docker proxy and DNS help for the Docker page: how the proxy of this shell reaches a build, the
//! Docker client's `proxies` (`~/.docker/config.json`) and the daemon's `dns`
//! (`/etc/docker/daemon.json`), read only, with findings where they will break module downloads
//! inside `docker build`. Facts: docs/dockerfile-build.md "Proxies and DNS".
//!
//! BuildKit knows `HTTP_PROXY`, `HTTPS_PROXY`, `NO_PROXY`, `ALL_PROXY` (and lower case) as
//! predefined build args: they reach every `RUN` without an `ARG` line and stay out of the image
//! history, but only when passed with `--build-arg` (or from the client's `proxies`); the shell's
//! variables are not forwarded on their own.

use crate::context::Context;
use crate::findings::Severity;
use crate::redact;
use crate::sysenv::SysEnv;
use serde::Serialize;
use std::collections::BTreeMap;
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// Config files larger than this are not read (a real one is a few hundred bytes).
const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

/// The predefined proxy args BuildKit passes to `RUN` steps, upper case first.
const PROXY_ARGS: [&str; 4] = ["HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "ALL_PROXY"];

/// Public resolvers: fine for public mirrors, blind to a company's internal names.
const PUBLIC_RESOLVERS: [&str; 12] = [
    "8.8.8.8",
    "8.8.4.4",
    "1.1.1.1",
    "1.0.0.1",
    "9.9.9.9",
    "208.67.222.222",
    "114.114.114.114",
    "223.5.5.5",
    "223.6.6.6",
    "119.29.29.29",
    "180.76.76.76",
    "2001:4860:4860::8888",
];

/// Where the two files are read from (injectable for tests).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EngineConfigPaths {
    /// The Docker client's `config.json`: `$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`.
    pub client_config: Option<PathBuf>,
    /// The daemon's `daemon.json` (`/etc/docker/daemon.json` for the system daemon).
    pub daemon_config: PathBuf,
}

impl EngineConfigPaths {
    /// The paths the docker CLI and a system dockerd use in `env`.
    pub fn from_env(env: &SysEnv) -> EngineConfigPaths {
        let client_dir = env
            .non_empty("DOCKER_CONFIG")
            .map(PathBuf::from)
            .or_else(|| env.home().map(|h| h.join(".docker")));
        EngineConfigPaths {
            client_config: client_dir.map(|d| d.join("config.json")),
            daemon_config: PathBuf::from("/etc/docker/daemon.json"),
        }
    }
}

/// A proxy variable as the build would see it (credentials in the URL hidden).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ProxyVariable {
    pub name: String,
    pub value: String,
}

/// How a config file was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ConfigFileState {
    /// No such file (the usual case; nothing to show).
    Missing,
    Read,
    /// It exists but cannot be read or is not JSON (a finding says why).
    Unreadable,
}

/// One entry of the client's `proxies` (`default`, or a daemon address like `tcp://host:2376`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ClientProxies {
    /// `default` or the daemon address the entry is for.
    pub daemon: String,
    /// True for the entry the docker CLI uses with the current `DOCKER_HOST`.
    pub in_use: bool,
    /// `HTTP_PROXY`, `HTTPS_PROXY`, ... as the build receives them (from `httpProxy`, `httpsProxy`...).
    pub variables: Vec<ProxyVariable>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ClientConfig {
    pub path: String,
    pub state: ConfigFileState,
    pub proxies: Vec<ClientProxies>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct DaemonConfig {
    pub path: String,
    pub state: ConfigFileState,
    /// The `dns` list (empty when not set: containers get the host's resolvers).
    pub dns: Vec<String>,
}

/// Stable codes; the UI words them by code and `params`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum EngineFindingCode {
    /// Proxy variables are set in this environment and nothing passes them to the build:
    /// add the `--build-arg NAME` flags in `build_args` (`names`).
    ProxyNotPassed,
    /// A proxy on the host's loopback (`source`, `name`, `proxy`): inside a build container
    /// 127.0.0.1 is the container itself, so every download fails to connect.
    ProxyLoopback,
    /// An HTTP proxy but no HTTPS proxy (`source`): module downloads use https and skip it.
    ProxyHttpsMissing,
    /// The client's config.json cannot be read or is not JSON (`path`, `reason`).
    ClientConfigUnreadable,
    /// The daemon's daemon.json cannot be read or is not JSON (`path`, `reason`).
    DaemonConfigUnreadable,
    /// A `dns` entry on the host's loopback (`entry`): containers cannot reach it, names do not resolve.
    DnsLoopback,
    /// A `dns` entry that is not an IP address (`entry`): dockerd refuses to start with it.
    DnsInvalid,
    /// Only public resolvers in `dns` (`dns`) while private modules are configured (`patterns`):
    /// internal hosts will not resolve inside builds.
    DnsPublicOnly,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct EngineFinding {
    pub code: EngineFindingCode,
    pub severity: Severity,
    /// One English sentence (CLI output; the UI builds its text from `code` and `params`).
    pub message: String,
    pub params: BTreeMap<String, String>,
}

/// What the Docker page shows under "Proxy and DNS".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct EngineConfig {
    /// Proxy variables of this environment (the app's, as started from the user's session).
    pub proxy_env: Vec<ProxyVariable>,
    /// `--build-arg NAME` flags that pass them to the build; docker takes each value from its
    /// own environment, so no value (and no proxy password) is written into the command.
    pub build_args: Vec<String>,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_config: Option<ClientConfig>,
    pub daemon_config: DaemonConfig,
    pub findings: Vec<EngineFinding>,
}

/// Reads the proxy environment and both files for the project's effective settings.
pub fn read(ctx: &Context, paths: &EngineConfigPaths) -> EngineConfig {
    let patterns = ctx
        .setting("GONOPROXY")
        .filter(|v| !v.is_empty())
        .or_else(|| ctx.setting("GOPRIVATE"))
        .unwrap_or_default()
        .to_string();
    inspect(ctx.env(), paths, &patterns)
}

/// [`read`] with the private module patterns given (GONOPROXY, else GOPRIVATE).
pub fn inspect(env: &SysEnv, paths: &EngineConfigPaths, private_patterns: &str) -> EngineConfig {
    let mut findings = Vec::new();
    let proxy_env = proxy_env(env);
    let client_config = paths
        .client_config
        .as_deref()
        .map(|p| read_client_config(p, env, &mut findings));
    let daemon_config = read_daemon_config(&paths.daemon_config, private_patterns, &mut findings);

    let client_in_use = client_config
        .as_ref()
        .and_then(|c| c.proxies.iter().find(|p| p.in_use));
    let build_args = if client_in_use.is_some() {
        // The client passes its own proxies; --build-arg would override them with the shell's.
        Vec::new()
    } else {
        proxy_env
            .iter()
            .map(|v| format!("--build-arg {}", v.name))
            .collect()
    };
    if !build_args.is_empty() {
        let names: Vec<&str> = proxy_env.iter().map(|v| v.name.as_str()).collect();
        findings.push(finding(
            EngineFindingCode::ProxyNotPassed,
            Severity::Info,
            format!(
                "{} {} set here, but docker build does not forward the shell's proxy: add {} (predefined build args: no ARG line, kept out of the image history)",
                names.join(", "),
                if names.len() == 1 { "is" } else { "are" },
                build_args.join(" ")
            ),
            [("names", names.join(","))],
        ));
    }
    // The proxy a build actually gets: the client's entry in use, else what --build-arg passes.
    let (source, effective) = match client_in_use {
        Some(entry) => ("client_config", entry.variables.as_slice()),
        None => ("environment", proxy_env.as_slice()),
    };
    check_proxies(source, effective, &mut findings);
    findings.sort_by_key(|f| std::cmp::Reverse(f.severity));
    EngineConfig {
        proxy_env,
        build_args,
        client_config,
        daemon_config,
        findings,
    }
}

/// The proxy variables set in `env`, upper-case name first (as Go and BuildKit prefer it).
fn proxy_env(env: &SysEnv) -> Vec<ProxyVariable> {
    PROXY_ARGS
        .iter()
        .filter_map(|name| {
            let lower = name.to_ascii_lowercase();
            let (found, value) = [*name, lower.as_str()]
                .into_iter()
                .find_map(|n| env.non_empty(n).map(|v| (n, v)))?;
            Some(ProxyVariable {
                name: found.to_string(),
                value: redact::url_userinfo(value),
            })
        })
        .collect()
}

fn check_proxies(source: &str, vars: &[ProxyVariable], findings: &mut Vec<EngineFinding>) {
    let value_of = |name: &str| {
        vars.iter()
            .find(|v| v.name.eq_ignore_ascii_case(name))
            .map(|v| v.value.as_str())
    };
    for var in vars {
        if var.name.eq_ignore_ascii_case("NO_PROXY") {
            continue;
        }
        if let Some(host) = proxy_host(&var.value).filter(|h| is_loopback(h)) {
            findings.push(finding(
                EngineFindingCode::ProxyLoopback,
                Severity::Error,
                format!(
                    "{} ({source}) is {}, on this machine's loopback: inside the build container {host} is the container itself, so downloads cannot connect; use an address the container can reach (the host's LAN address, host.docker.internal on Docker Desktop) or build with --network=host",
                    var.name, var.value
                ),
                [("source", source.to_string()), ("name", var.name.clone()), ("proxy", var.value.clone())],
            ));
        }
    }
    if value_of("HTTP_PROXY").is_some()
        && value_of("HTTPS_PROXY").is_none()
        && value_of("ALL_PROXY").is_none()
    {
        findings.push(finding(
            EngineFindingCode::ProxyHttpsMissing,
            Severity::Warning,
            format!("an HTTP proxy is set ({source}) but no HTTPS proxy: module downloads use https and go straight out, past the proxy; set HTTPS_PROXY too"),
            [("source", source.to_string())],
        ));
    }
}

/// The host of a proxy value (`http://u:p@host:3128/`, `host:3128`, `[::1]:3128`), lower case.
fn proxy_host(value: &str) -> Option<String> {
    let rest = value.split_once("://").map_or(value, |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let authority = authority.rsplit_once('@').map_or(authority, |(_, a)| a);
    let host = if let Some(bracketed) = authority.strip_prefix('[') {
        bracketed.split(']').next().unwrap_or_default()
    } else {
        authority.split(':').next().unwrap_or_default()
    };
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

fn is_loopback(host: &str) -> bool {
    host == "localhost"
        || host.ends_with(".localhost")
        || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// Reads a small JSON file: `Ok(None)` when it does not exist.
fn read_json(path: &Path) -> Result<Option<serde_json::Value>, String> {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e.to_string()),
    };
    if !meta.is_file() {
        return Err("not a regular file".to_string());
    }
    if meta.len() > MAX_CONFIG_BYTES {
        return Err(format!("larger than {MAX_CONFIG_BYTES} bytes"));
    }
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    serde_json::from_slice(&bytes)
        .map(Some)
        .map_err(|e| format!("not valid JSON: {e}"))
}

fn read_client_config(
    path: &Path,
    env: &SysEnv,
    findings: &mut Vec<EngineFinding>,
) -> ClientConfig {
    let shown = path.display().to_string();
    let json = match read_json(path) {
        Ok(Some(json)) => json,
        Ok(None) => {
            return ClientConfig {
                path: shown,
                state: ConfigFileState::Missing,
                proxies: Vec::new(),
            }
        }
        Err(reason) => {
            findings.push(unreadable(
                EngineFindingCode::ClientConfigUnreadable,
                &shown,
                &reason,
            ));
            return ClientConfig {
                path: shown,
                state: ConfigFileState::Unreadable,
                proxies: Vec::new(),
            };
        }
    };
    // `cli/config/configfile/file.go` ParseProxyConfig: the entry named like DOCKER_HOST, else `default`.
    let docker_host = env.non_empty("DOCKER_HOST").unwrap_or_default();
    let entries = json
        .get("proxies")
        .and_then(|p| p.as_object())
        .cloned()
        .unwrap_or_default();
    let in_use = if entries.contains_key(docker_host) {
        docker_host
    } else {
        "default"
    };
    let keys = [
        ("httpProxy", "HTTP_PROXY"),
        ("httpsProxy", "HTTPS_PROXY"),
        ("noProxy", "NO_PROXY"),
        ("ftpProxy", "FTP_PROXY"),
        ("allProxy", "ALL_PROXY"),
    ];
    let proxies = entries
        .iter()
        .map(|(daemon, entry)| ClientProxies {
            daemon: daemon.clone(),
            in_use: daemon == in_use,
            variables: keys
                .iter()
                .filter_map(|(key, name)| {
                    let value = entry.get(*key)?.as_str().filter(|v| !v.is_empty())?;
                    Some(ProxyVariable {
                        name: name.to_string(),
                        value: redact::url_userinfo(value),
                    })
                })
                .collect(),
        })
        .collect();
    ClientConfig {
        path: shown,
        state: ConfigFileState::Read,
        proxies,
    }
}

fn read_daemon_config(
    path: &Path,
    private_patterns: &str,
    findings: &mut Vec<EngineFinding>,
) -> DaemonConfig {
    let shown = path.display().to_string();
    let (state, dns) = match read_json(path) {
        Ok(None) => (ConfigFileState::Missing, Vec::new()),
        Ok(Some(json)) => {
            let dns: Vec<String> = json
                .get("dns")
                .and_then(|d| d.as_array())
                .map(|list| {
                    list.iter()
                        .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string))
                        .collect()
                })
                .unwrap_or_default();
            (ConfigFileState::Read, dns)
        }
        Err(reason) => {
            findings.push(unreadable(
                EngineFindingCode::DaemonConfigUnreadable,
                &shown,
                &reason,
            ));
            (ConfigFileState::Unreadable, Vec::new())
        }
    };
    let mut all_public = !dns.is_empty();
    for entry in &dns {
        match entry.parse::<IpAddr>() {
            Ok(ip) if ip.is_loopback() => {
                all_public = false;
                findings.push(finding(
                    EngineFindingCode::DnsLoopback,
                    Severity::Error,
                    format!("daemon.json dns lists {entry}, a resolver on the host's loopback: containers and build steps cannot reach it, so module hosts do not resolve; list a resolver on the network instead"),
                    [("entry", entry.clone())],
                ));
            }
            Ok(_) => all_public &= PUBLIC_RESOLVERS.contains(&entry.as_str()),
            Err(_) => {
                all_public = false;
                findings.push(finding(
                    EngineFindingCode::DnsInvalid,
                    Severity::Error,
                    format!("daemon.json dns lists {entry:?}, which is not an IP address: dockerd refuses to start with it"),
                    [("entry", entry.clone())],
                ));
            }
        }
    }
    if all_public && !private_patterns.trim().is_empty() && private_patterns != "off" {
        findings.push(finding(
            EngineFindingCode::DnsPublicOnly,
            Severity::Warning,
            format!("daemon.json dns lists only public resolvers ({}) while private modules ({private_patterns}) are configured: internal hosts will not resolve inside builds; add your network's resolver first", dns.join(", ")),
            [("dns", dns.join(",")), ("patterns", private_patterns.to_string())],
        ));
    }
    DaemonConfig {
        path: shown,
        state,
        dns,
    }
}

fn unreadable(code: EngineFindingCode, path: &str, reason: &str) -> EngineFinding {
    finding(
        code,
        Severity::Warning,
        format!("{path} cannot be read ({reason}); nothing in it was checked"),
        [("path", path.to_string()), ("reason", reason.to_string())],
    )
}

fn finding<const N: usize>(
    code: EngineFindingCode,
    severity: Severity,
    message: String,
    params: [(&str, String); N],
) -> EngineFinding {
    EngineFinding {
        code,
        severity,
        message,
        params: params
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
    }
}

#[cfg(test)]
#[path = "engine_config_tests.rs"]
mod tests;
