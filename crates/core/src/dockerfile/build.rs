//! "Test build": the user's own `docker build` (`docker buildx build --load` when buildx is
//! installed) on the generated Dockerfile, with the tokens from the keychain passed as the netrc
//! build secret through a 0600 file that is deleted afterwards, the log streamed with progress,
//! a cancel flag, and a failed build's log explained by the Doctor. Facts and the real-build
//! test: docs/dockerfile-build.md.
//!
//! The generated files are built from a private temporary directory with the project as the
//! build context, so nothing is written into the project. The token reaches only that file:
//! never the argument list, the environment, the log (lines are scrubbed of it) or an error.

mod command;
mod engine;
mod progress;
mod request;
mod secret_netrc;

pub use command::{DEFAULT_TIMEOUT_SECS, MAX_TIMEOUT_SECS, NETRC_SECRET_ID};
pub use engine::{find_docker, probe, probe_with, EngineStatus};
pub use progress::BuildProgress;
pub use request::request_for;

use crate::doctor::run::process;
use crate::doctor::{log, DoctorFinding};
use crate::secrets::{Keychain, Secret};
use crate::sysenv::SysEnv;
use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::time::Duration;
use ts_rs::TS;

/// Lines of the log kept in the report (all of them were streamed).
const LOG_TAIL_LINES: usize = 200;

/// What to build and how. `dockerfile` is the generated text (with the `# syntax` line the user
/// gets; a test may drop it to use the daemon's built-in frontend offline).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct TestBuildRequest {
    /// The module directory: the build context.
    pub dir: String,
    pub dockerfile: String,
    /// The generated `.dockerignore`; used instead of the project's own for this build.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dockerignore: Option<String>,
    /// Build up to this stage (`--target`).
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// Tag the result (`-t`); untagged when absent.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
    /// `NAME=VALUE`, or `NAME` to pass docker's own environment value (proxies).
    pub build_args: Vec<String>,
    /// `default`, `host` or `none` (`--network`).
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub network: Option<String>,
    /// `NAME:IP` entries (`--add-host`).
    pub add_hosts: Vec<String>,
    pub no_cache: bool,
    /// Credential prefixes (`host[:port]`) whose tokens go into the netrc secret; absent: every
    /// host with a stored token.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secret_hosts: Option<Vec<String>>,
    /// The build is stopped after this long (default 30 min).
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timeout_secs: Option<u64>,
}

/// How a Test build ended; the UI words it by this code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum TestBuildStatus {
    Built,
    /// docker ran and failed: see `findings` and the log.
    Failed,
    Cancelled,
    TimedOut,
    /// No `docker` command on PATH (the page still generates).
    NoClient,
    /// No engine answers (the page still generates); `engine` says why.
    NoEngine,
    /// The docker client wants the buildx plugin for BuildKit builds and it is missing.
    NoBuildx,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct TestBuildReport {
    pub status: TestBuildStatus,
    pub engine: EngineStatus,
    /// The command that ran, as a shell line (empty when none ran). The secret appears as the
    /// path of its temporary file, never its content.
    pub command: String,
    /// Hosts whose tokens were passed in the netrc secret (never the tokens).
    pub secret_hosts: Vec<String>,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exit_code: Option<i32>,
    #[ts(type = "number")]
    pub ms: u64,
    pub steps_done: u32,
    pub steps_total: u32,
    /// The Doctor's explanation of a failed build's log.
    pub findings: Vec<DoctorFinding>,
    /// The last lines of the log.
    pub log_tail: Vec<String>,
}

impl TestBuildReport {
    fn without_build(status: TestBuildStatus, engine: EngineStatus) -> TestBuildReport {
        TestBuildReport {
            status,
            engine,
            command: String::new(),
            secret_hosts: Vec::new(),
            exit_code: None,
            ms: 0,
            steps_done: 0,
            steps_total: 0,
            findings: Vec::new(),
            log_tail: Vec::new(),
        }
    }
}

/// Runs the Test build. `progress` sees every log line as it comes; setting `cancel` stops
/// docker. Errors are bad input (naming the field) and keychain or file problems; everything
/// docker does, including not being there, is a report.
pub fn test_build(
    env: &SysEnv,
    keychain: &Keychain,
    request: &TestBuildRequest,
    cancel: &AtomicBool,
    progress: &(dyn Fn(&BuildProgress) + Sync),
) -> Result<TestBuildReport> {
    command::check(request)?;
    let context = context_dir(&request.dir)?;
    let Some(docker) = engine::find_docker(env) else {
        return Ok(TestBuildReport::without_build(
            TestBuildStatus::NoClient,
            EngineStatus::NoClient,
        ));
    };
    let engine = engine::probe_with(&docker, env);
    let buildx = match &engine {
        EngineStatus::Ready { buildx, .. } => buildx.is_some(),
        _ => {
            return Ok(TestBuildReport::without_build(
                TestBuildStatus::NoEngine,
                engine,
            ))
        }
    };
    let secret = secret_netrc::collect(env, keychain, request.secret_hosts.as_deref())?;
    let scratch = secret_netrc::BuildScratch::create()?;
    let dockerfile = scratch.write_private("Dockerfile", request.dockerfile.as_bytes())?;
    if let Some(ignore) = &request.dockerignore {
        // BuildKit reads `<Dockerfile>.dockerignore` before the context's own .dockerignore.
        scratch.write_private("Dockerfile.dockerignore", ignore.as_bytes())?;
    }
    let netrc = if secret.hosts.is_empty() {
        None
    } else {
        Some(scratch.write_private("netrc", secret.text.expose().as_bytes())?)
    };
    let args = command::arguments(
        request,
        &context,
        &command::BuildFiles {
            dockerfile: &dockerfile,
            netrc: netrc.as_deref(),
        },
        buildx,
    );
    let arg_refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let shown = command::shell_line(&docker, &args);
    let scrub = Scrubber::new(&secret.tokens);
    let mut tracker = progress::ProgressTracker::default();
    let mut last = BuildProgress {
        line: String::new(),
        steps_done: 0,
        steps_total: 0,
        step: None,
    };
    let ended = process::run(
        &process::Invocation {
            program: &docker,
            args: &arg_refs,
            dir: &context,
            vars: &engine::docker_vars(env),
            timeout: Duration::from_secs(request.timeout_secs.unwrap_or(DEFAULT_TIMEOUT_SECS)),
            cancel,
        },
        &mut |line| {
            last = tracker.observe(&scrub.line(line));
            progress(&last);
        },
    )
    .map_err(|e| {
        Error::new(
            crate::ErrorCode::External,
            format!("cannot run {}: {e}", docker.display()),
        )
        .with_field("docker")
    })?;
    // The secret file goes now, before the log is explained.
    drop(scratch);
    let output = scrub.bytes(&ended.output);
    let status = if ended.cancelled {
        TestBuildStatus::Cancelled
    } else if ended.timed_out {
        TestBuildStatus::TimedOut
    } else if ended.exit_code == Some(0) {
        TestBuildStatus::Built
    } else if missing_buildx(&output) {
        TestBuildStatus::NoBuildx
    } else {
        TestBuildStatus::Failed
    };
    let findings = if status == TestBuildStatus::Failed {
        log::explain(&output).findings
    } else {
        Vec::new()
    };
    let text = String::from_utf8_lossy(&output);
    let lines: Vec<&str> = text.lines().collect();
    let log_tail = lines[lines.len().saturating_sub(LOG_TAIL_LINES)..]
        .iter()
        .map(|l| l.to_string())
        .collect();
    Ok(TestBuildReport {
        status,
        engine,
        command: shown,
        secret_hosts: secret.hosts,
        exit_code: ended.exit_code,
        ms: ended.elapsed.as_millis() as u64,
        steps_done: last.steps_done,
        steps_total: last.steps_total,
        findings,
        log_tail,
    })
}

/// The build context: an existing directory.
fn context_dir(dir: &str) -> Result<PathBuf> {
    let path = Path::new(dir);
    if dir.is_empty() || !path.is_dir() {
        return Err(Error::invalid(
            "dir",
            format!(
                "dir {dir:?} is not a directory; choose the module directory (the one with go.mod)"
            ),
        ));
    }
    Ok(std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()))
}

/// Docker 23+ clients print this when BuildKit is on and the buildx plugin is missing
/// (`cli/command/image/build.go` in docker/cli).
fn missing_buildx(output: &[u8]) -> bool {
    let text = String::from_utf8_lossy(output);
    text.contains("buildx component is missing or broken")
        || text.contains("docker: 'buildx' is not a docker command")
}

/// Replaces every token with `***` in what docker printed (docker never prints a secret's
/// content, but a misbehaving step could echo it).
struct Scrubber<'a> {
    tokens: &'a [Secret],
}

impl<'a> Scrubber<'a> {
    fn new(tokens: &'a [Secret]) -> Scrubber<'a> {
        Scrubber { tokens }
    }

    fn line(&self, line: &str) -> String {
        self.tokens
            .iter()
            .filter(|t| !t.expose().is_empty())
            .fold(line.to_string(), |acc, t| acc.replace(t.expose(), "***"))
    }

    fn bytes(&self, bytes: &[u8]) -> Vec<u8> {
        if self.tokens.is_empty() {
            return bytes.to_vec();
        }
        self.line(&String::from_utf8_lossy(bytes)).into_bytes()
    }
}

#[cfg(test)]
mod tests;
