//! Is there a Docker engine to build with? The `docker` command on PATH, the engine it talks to
//! (`docker version`), and whether `docker buildx` is installed (then builds use it).

use crate::doctor::run::process;
use crate::redact;
use crate::sysenv::SysEnv;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::time::Duration;
use ts_rs::TS;

/// `docker version` waits this long for an engine that does not answer (a hung socket).
const PROBE_TIMEOUT: Duration = Duration::from_secs(15);

/// What a Test build would run on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "state", rename_all = "snake_case")]
#[ts(export)]
pub enum EngineStatus {
    /// The engine answered.
    Ready {
        client_version: String,
        server_version: String,
        /// `docker buildx` version when the plugin is installed (builds then use it).
        #[ts(optional)]
        #[serde(skip_serializing_if = "Option::is_none")]
        buildx: Option<String>,
    },
    /// No `docker` command on PATH.
    NoClient,
    /// `docker` is installed but no engine answers (not running, no access to its socket);
    /// `detail` is the first line docker printed.
    NoEngine { detail: String },
}

/// The `docker` command of `env`'s PATH.
pub fn find_docker(env: &SysEnv) -> Option<PathBuf> {
    let path = env.get("PATH")?;
    std::env::split_paths(path)
        .map(|dir| dir.join("docker"))
        .find(|p| is_executable(p))
}

fn is_executable(path: &Path) -> bool {
    let Ok(meta) = std::fs::metadata(path) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        meta.is_file() && meta.permissions().mode() & 0o111 != 0
    }
    #[cfg(not(unix))]
    meta.is_file()
}

/// The environment docker runs with: `env` as it is (DOCKER_HOST, DOCKER_CONFIG, HOME,
/// proxies), plus BuildKit for the plain `docker build` of clients older than 23.
pub fn docker_vars(env: &SysEnv) -> Vec<(String, String)> {
    let mut vars: Vec<(String, String)> = env
        .vars()
        .filter(|(k, _)| *k != "DOCKER_BUILDKIT")
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    vars.push(("DOCKER_BUILDKIT".into(), "1".into()));
    vars
}

/// Runs `docker args...` briefly; (exit code, output).
fn docker_output(docker: &Path, env: &SysEnv, args: &[&str]) -> Option<(Option<i32>, String)> {
    let cwd = std::env::temp_dir();
    let never = AtomicBool::new(false);
    let ended = process::run(
        &process::Invocation {
            program: docker,
            args,
            dir: &cwd,
            vars: &docker_vars(env),
            timeout: PROBE_TIMEOUT,
            cancel: &never,
        },
        &mut |_| {},
    )
    .ok()?;
    let code = if ended.timed_out {
        None
    } else {
        ended.exit_code
    };
    Some((code, String::from_utf8_lossy(&ended.output).into_owned()))
}

/// Asks the engine; never fails (a missing or silent engine is a status).
pub fn probe(env: &SysEnv) -> EngineStatus {
    let Some(docker) = find_docker(env) else {
        return EngineStatus::NoClient;
    };
    probe_with(&docker, env)
}

pub fn probe_with(docker: &Path, env: &SysEnv) -> EngineStatus {
    // Not a tab: docker prints --format output through a tabwriter, which turns tabs into spaces.
    let format = "{{.Client.Version}}|{{.Server.Version}}";
    match docker_output(docker, env, &["version", "--format", format]) {
        Some((Some(0), out)) => {
            // Warnings may come first (stderr is merged): the versions are the line with a `|`.
            let versions = out.lines().find(|l| l.contains('|')).unwrap_or_default();
            let mut parts = versions.split('|');
            let client_version = parts.next().unwrap_or_default().trim().to_string();
            let server_version = parts.next().unwrap_or_default().trim().to_string();
            if server_version.is_empty() {
                let printed = out.lines().next().unwrap_or_default();
                return EngineStatus::NoEngine {
                    detail: format!(
                        "docker version printed no engine version: {}",
                        redact::url_userinfo(printed)
                    ),
                };
            }
            EngineStatus::Ready {
                client_version,
                server_version,
                buildx: buildx_version(docker, env),
            }
        }
        Some((code, out)) => {
            // The client part may be printed before the error: keep the first error-like line.
            let detail = out
                .lines()
                .map(str::trim)
                .find(|l| !l.is_empty() && !l.contains('|'))
                .map(redact::url_userinfo)
                .unwrap_or_else(|| match code {
                    None => format!(
                        "docker version did not answer within {} s",
                        PROBE_TIMEOUT.as_secs()
                    ),
                    Some(c) => format!("docker version exited with status {c}"),
                });
            EngineStatus::NoEngine { detail }
        }
        None => EngineStatus::NoEngine {
            detail: format!("cannot run {}", docker.display()),
        },
    }
}

/// `github.com/docker/buildx v0.17.1 ...` → `v0.17.1`; `None` without the plugin.
fn buildx_version(docker: &Path, env: &SysEnv) -> Option<String> {
    let (code, out) = docker_output(docker, env, &["buildx", "version"])?;
    if code != Some(0) {
        return None;
    }
    let line = out.lines().next()?.trim();
    Some(line.split_whitespace().nth(1).unwrap_or(line).to_string())
}
