//! `diagnose`: the Doctor end to end. The endpoint check (skipped with a log: the log's endpoints
//! are not contacted) and run mode go side by side within one timeout; then the log and run
//! output are explained, mirrors are probed if a GOPROXY switch may be the fix (not offline), and
//! fixes are proposed.

use super::check::{check_endpoints, findings_from_endpoints, probe_mirrors, CheckOptions};
use super::fixes::{self, FixInputs};
use super::run::{run_download, RunOptions};
use super::{log, DoctorCode, DoctorReport, EndpointCheck};
use crate::context::Context;
use crate::secrets::Keychain;
use crate::{Error, Result};
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;
use std::time::Duration;

/// What to diagnose.
#[derive(Clone)]
pub struct DoctorOptions {
    /// A pasted log or a log file's bytes; its endpoints are not contacted.
    pub log: Option<Vec<u8>>,
    /// A module directory for run mode (`go mod download -x` there).
    pub project: Option<PathBuf>,
    /// The budget of the endpoint check and of run mode alike; `None`: 10 s for the check,
    /// 60 s for run mode.
    pub timeout: Option<Duration>,
    /// Run mode uses the real module cache instead of a throwaway one.
    pub keep_cache: bool,
    /// Contact nothing beyond what the options ask for: no mirror probing (a GOPROXY fix then
    /// stays manual advice).
    pub offline: bool,
    /// Set to stop run mode early (the GUI's Cancel).
    pub cancel: Arc<AtomicBool>,
    /// Where stored tokens are, so the check sends them as go would; `None` = only URL
    /// credentials and the .netrc.
    pub keychain: Option<Keychain>,
}

impl Default for DoctorOptions {
    fn default() -> DoctorOptions {
        DoctorOptions {
            log: None,
            project: None,
            timeout: None,
            keep_cache: false,
            offline: false,
            cancel: Arc::new(AtomicBool::new(false)),
            keychain: None,
        }
    }
}

/// Live progress for the GUI and the CLI's stderr.
#[derive(Debug, Clone, Copy)]
pub enum DoctorProgress<'a> {
    /// An endpoint whose step just settled.
    Endpoint(&'a EndpointCheck),
    /// A line `go mod download -x` printed.
    RunLine(&'a str),
}

/// The longest accepted timeout.
pub const MAX_TIMEOUT: Duration = Duration::from_secs(600);

/// The defaults without `--timeout`.
const CHECK_BUDGET: Duration = Duration::from_secs(10);
const RUN_TIMEOUT: Duration = Duration::from_secs(60);

/// Mirror probing (for a GOPROXY fix) takes at most this long.
const PROBE_BUDGET: Duration = Duration::from_secs(3);

/// Runs the Doctor. Errors only when it cannot run at all (bad options, no go for run mode).
pub fn diagnose(
    ctx: &Context,
    options: &DoctorOptions,
    progress: &(dyn Fn(DoctorProgress<'_>) + Sync),
) -> Result<DoctorReport> {
    if options
        .timeout
        .is_some_and(|t| t.is_zero() || t > MAX_TIMEOUT)
    {
        return Err(Error::invalid(
            "timeout",
            format!(
                "timeout must be more than 0 and at most {} seconds",
                MAX_TIMEOUT.as_secs()
            ),
        ));
    }
    let run_options = match &options.project {
        Some(project) => {
            // Refuse a bad project before anything is contacted.
            super::run::module_dir(project)?;
            super::run::go_program(ctx)?;
            Some(RunOptions {
                project: project.clone(),
                timeout: options.timeout.unwrap_or(RUN_TIMEOUT),
                keep_cache: options.keep_cache,
                cancel: Arc::clone(&options.cancel),
            })
        }
        None => None,
    };
    let check_options = CheckOptions {
        budget: options.timeout.unwrap_or(CHECK_BUDGET),
        keychain: options.keychain.clone(),
        ..CheckOptions::default()
    };
    let (endpoints, run) = std::thread::scope(|scope| {
        let run = run_options.as_ref().map(|run_options| {
            scope.spawn(move || {
                run_download(ctx, run_options, &|line| {
                    progress(DoctorProgress::RunLine(line))
                })
            })
        });
        let endpoints = if options.log.is_some() {
            Vec::new()
        } else {
            check_endpoints(ctx, &check_options, &|e| {
                progress(DoctorProgress::Endpoint(e))
            })
        };
        let run = run.map(|handle| {
            handle.join().unwrap_or_else(|_| {
                Err(Error::new(
                    crate::ErrorCode::External,
                    "run mode stopped unexpectedly",
                ))
            })
        });
        (endpoints, run)
    });
    let run = run.transpose()?;
    let mut findings = Vec::new();
    if let Some(log) = &options.log {
        findings.extend(log::explain(log).findings);
    }
    let outcome = run.map(|run| {
        findings.extend(run.findings);
        run.outcome
    });
    // An endpoint problem go also printed is one finding: go's (it names the modules).
    for found in findings_from_endpoints(&endpoints) {
        if !findings
            .iter()
            .any(|f| f.code == found.code && f.host == found.host)
        {
            findings.push(found);
        }
    }
    let mirrors = if options.offline || !findings.iter().any(|f| may_switch_goproxy(f.code)) {
        None
    } else {
        Some(probe_mirrors(
            ctx,
            options.timeout.unwrap_or(PROBE_BUDGET).min(PROBE_BUDGET),
        ))
    };
    fixes::propose(
        ctx,
        &mut findings,
        &FixInputs {
            mirrors: if options.offline {
                None
            } else {
                Some(mirrors.as_deref().unwrap_or_default())
            },
            endpoints: &endpoints,
        },
    );
    Ok(DoctorReport {
        endpoints,
        findings,
        run: outcome,
    })
}

/// Findings whose fix may be a GOPROXY switch (worth probing mirrors for).
fn may_switch_goproxy(code: DoctorCode) -> bool {
    use DoctorCode::*;
    matches!(
        code,
        NetDns
            | NetRefused
            | NetTimeout
            | NetReset
            | TlsExpired
            | TlsNameMismatch
            | ProxyTeapot
            | ProxyServerError
            | ProxyBadResponse
            | ChecksumSumdbUnreachable
            | ConfigGoproxy
            | ConfigGoproxyOff
    )
}
