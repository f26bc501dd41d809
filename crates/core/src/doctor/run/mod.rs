//! Run mode: `go mod download -x` in a project with the effective settings, a throwaway module
//! cache by default and a timeout, explained like a pasted log.
//!
//! go has no overall timeout (`cmd/go/internal/web/http.go` sets only dial and TLS handshake
//! limits), so a stalled transfer hangs it; `-x` prints `# get URL` before each request and
//! `# get URL: 200 OK (..)` after it, which tells us the host it was waiting on.

mod modcache;
mod module;
pub(crate) mod process;
mod transfers;

use super::{log, DoctorFinding, RunOutcome};
use crate::context::Context;
use crate::{Error, ErrorCode, Result};
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::sync::Arc;
use std::time::Duration;

pub use module::{download_module, ModuleDownload, ModuleDownloadReport};
pub use transfers::{host_of, module_of, PendingTransfers};

/// How to run `go mod download -x`.
#[derive(Debug, Clone)]
pub struct RunOptions {
    /// The module directory (holds go.mod).
    pub project: PathBuf,
    /// go is stopped (with everything it started) after this long.
    pub timeout: Duration,
    /// Use the real module cache instead of a throwaway one (a warm cache can hide a broken network).
    pub keep_cache: bool,
    /// Set to stop the run early (the GUI's Cancel); go and its children are killed.
    pub cancel: Arc<AtomicBool>,
}

impl RunOptions {
    pub fn new(project: impl Into<PathBuf>) -> RunOptions {
        RunOptions {
            project: project.into(),
            timeout: Duration::from_secs(60),
            keep_cache: false,
            cancel: Arc::new(AtomicBool::new(false)),
        }
    }
}

/// What run mode saw: how go ended, what it printed, and what that means.
#[derive(Debug, Clone)]
pub struct RunReport {
    pub outcome: RunOutcome,
    /// True when the cancel flag stopped the run.
    pub cancelled: bool,
    /// Everything go printed (stdout and stderr, in arrival order).
    pub output: Vec<u8>,
    pub findings: Vec<DoctorFinding>,
}

/// The project directory checked: it must be a directory with a go.mod.
pub fn module_dir(project: &Path) -> Result<PathBuf> {
    let shown = project.display();
    if project.as_os_str().is_empty() {
        return Err(Error::invalid(
            "project",
            "project must name a module directory (one containing go.mod)",
        ));
    }
    if !project.is_dir() {
        return Err(Error::invalid(
            "project",
            format!("project {shown} is not a directory; it must be a module directory containing go.mod"),
        ));
    }
    if !project.join("go.mod").is_file() {
        return Err(Error::invalid(
            "project",
            format!("project {shown} is not a Go module: it must contain a go.mod file"),
        ));
    }
    Ok(std::path::absolute(project).unwrap_or_else(|_| project.to_path_buf()))
}

/// The go command the user's shell (and so their build) would run: the first `go` on PATH.
pub fn go_program(ctx: &Context) -> Result<PathBuf> {
    let installs = ctx.installations();
    if let Some(active) = installs.iter().find(|i| i.active) {
        return Ok(PathBuf::from(&active.go_path));
    }
    let elsewhere = match installs.first() {
        Some(other) => format!(
            " (one is installed at {}; add its directory to PATH)",
            other.go_path
        ),
        None => String::new(),
    };
    Err(Error::new(
        ErrorCode::External,
        format!("no go command on PATH, so the Doctor cannot run go mod download{elsewhere}"),
    )
    .with_field("go"))
}

/// Runs `go mod download -x` in `options.project`; `progress` sees each line go prints as it
/// comes. Errors only when go cannot be started (no go, not a module); everything go does,
/// including hanging, is a result.
pub fn run_download(
    ctx: &Context,
    options: &RunOptions,
    progress: &(dyn Fn(&str) + Sync),
) -> Result<RunReport> {
    let dir = module_dir(&options.project)?;
    let go = go_program(ctx)?;
    let cache = if options.keep_cache {
        None
    } else {
        Some(modcache::ThrowawayCache::create()?)
    };
    let vars = go_vars(ctx, cache.as_ref().map(|c| c.path()));
    let mut pending = PendingTransfers::default();
    let ended = process::run(
        &process::Invocation {
            program: &go,
            // -modcacherw: the throwaway cache can be removed without a chmod walk, and it leaves
            // the user's GOFLAGS alone (`cmd/go/internal/base/flag.go` AddModCommonFlags).
            args: &["mod", "download", "-x", "-modcacherw"],
            dir: &dir,
            vars: &vars,
            timeout: options.timeout,
            cancel: &options.cancel,
        },
        &mut |line| {
            pending.observe(line);
            progress(line);
        },
    )
    .map_err(|e| {
        Error::new(
            ErrorCode::External,
            format!("cannot run {}: {e}", go.display()),
        )
        .with_field("go")
    })?;
    drop(cache);
    let mut findings = log::explain(&ended.output).findings;
    if ended.timed_out {
        if let Some(stall) = pending.stall_finding(&ended.output, options.timeout) {
            findings.retain(|f| !(f.code == stall.code && f.host == stall.host));
            findings.insert(0, stall);
        }
    }
    let ok = !ended.timed_out && !ended.cancelled && ended.exit_code == Some(0);
    Ok(RunReport {
        outcome: RunOutcome {
            ok,
            exit_code: ended.exit_code,
            ms: ended.elapsed.as_millis() as u64,
            timed_out: ended.timed_out,
        },
        cancelled: ended.cancelled,
        output: ended.output,
        findings,
    })
}

/// The environment go runs with: the user's, with GOMODCACHE moved to `cache` when given.
fn go_vars(ctx: &Context, cache: Option<&Path>) -> Vec<(String, String)> {
    let mut vars: Vec<(String, String)> = ctx
        .env()
        .vars()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    if let Some(cache) = cache {
        vars.retain(|(k, _)| k != "GOMODCACHE");
        vars.push(("GOMODCACHE".into(), cache.display().to_string()));
    }
    vars
}

#[cfg(test)]
mod tests;
