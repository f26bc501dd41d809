//! The Doctor: the endpoint checklist streamed over a `Channel`, the explainer of a pasted (or
//! picked) log, and run mode (`go mod download -x` streamed line by line, cancellable by a run id
//! the caller mints). Fixes are go env ops the page applies through `plan_env_change` and
//! `apply_env_change`, so they are reviewed first and undoable in History. Mirrors are probed
//! only when a finding is about reaching an endpoint, so a GOPROXY switch names only mirrors
//! verified reachable moments ago.

use goproxy_core::context::Context;
use goproxy_core::doctor::check::{self, CheckOptions};
use goproxy_core::doctor::fixes::{self, FixInputs};
use goproxy_core::doctor::log::{self, LogExplanation};
use goproxy_core::doctor::run::{self, RunOptions};
use goproxy_core::doctor::{DoctorCode, DoctorFinding, DoctorReport, EndpointCheck};
use goproxy_core::secrets::Keychain;
use goproxy_core::{Error, Result};
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tauri::ipc::{Channel, InvokeBody, Request};
use tauri::State;

/// Checks every endpoint the effective configuration uses within the default budget; `on_check`
/// sees an endpoint each time one of its steps settles. The report adds one finding per failing
/// endpoint problem, with its fix.
#[tauri::command]
pub async fn check_endpoints(on_check: Channel<EndpointCheck>) -> Result<DoctorReport> {
    super::in_context(move |ctx| {
        let progress = |endpoint: &EndpointCheck| drop(on_check.send(endpoint.clone()));
        let options = CheckOptions {
            keychain: Some(Keychain::native()),
            ..CheckOptions::default()
        };
        let endpoints = check::check_endpoints(ctx, &options, &progress);
        let mut findings = check::findings_from_endpoints(&endpoints);
        propose_fixes(ctx, &mut findings, &endpoints);
        Ok(DoctorReport {
            endpoints,
            findings,
            run: None,
        })
    })
    .await
}

/// Explains a log sent as the raw request body (the page's text, or the bytes of a file the
/// user picked), so binary bytes and any size arrive as they are.
#[tauri::command]
pub async fn explain_log(request: Request<'_>) -> Result<LogExplanation> {
    let InvokeBody::Raw(bytes) = request.body() else {
        return Err(Error::invalid("log", "the log must be sent as raw bytes"));
    };
    let bytes = bytes.clone();
    super::in_context(move |ctx| {
        let mut explanation = log::explain(&bytes);
        propose_fixes(ctx, &mut explanation.findings, &[]);
        Ok(explanation)
    })
    .await
}

/// How long the mirrors a GOPROXY fix may propose are probed.
const MIRROR_PROBE_BUDGET: Duration = Duration::from_secs(3);

/// Turns findings whose cause is configuration into go env plans (never weakening verification).
/// Mirrors are probed first only when a finding is about reaching an endpoint, so a GOPROXY
/// switch names only mirrors verified reachable moments ago.
pub(super) fn propose_fixes(
    ctx: &Context,
    findings: &mut [DoctorFinding],
    endpoints: &[EndpointCheck],
) {
    let mirrors = findings
        .iter()
        .any(|f| reaching_problem(f.code))
        .then(|| check::probe_mirrors(ctx, MIRROR_PROBE_BUDGET));
    let inputs = FixInputs {
        mirrors: mirrors.as_deref(),
        endpoints,
    };
    fixes::propose(ctx, findings, &inputs);
}

/// Codes whose fix can be another route to the modules (a reachable mirror).
fn reaching_problem(code: DoctorCode) -> bool {
    let family = code.as_str().split('.').next().unwrap_or_default();
    matches!(family, "net" | "tls" | "proxy")
        || matches!(
            code,
            DoctorCode::ChecksumSumdbUnreachable | DoctorCode::ConfigGoproxyOff
        )
}

/// Cancel flags of the running `go mod download` runs, by the run id the UI minted.
#[derive(Default)]
pub struct DoctorRuns(Mutex<HashMap<String, Arc<AtomicBool>>>);

impl DoctorRuns {
    fn runs(&self) -> std::sync::MutexGuard<'_, HashMap<String, Arc<AtomicBool>>> {
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// The longest timeout run mode accepts (go itself has none; an hour is past any real download).
const MAX_TIMEOUT_SECS: u64 = 3600;

/// Runs `go mod download -x` in `project` (throwaway module cache unless `keep_cache`), stopped
/// after `timeout_secs`; `on_line` sees each line go prints. The report has the findings and how
/// go ended; its line numbers count the lines streamed.
#[tauri::command]
pub async fn run_doctor_project(
    run_id: String,
    project: String,
    timeout_secs: u64,
    keep_cache: bool,
    on_line: Channel<String>,
    runs: State<'_, DoctorRuns>,
) -> Result<DoctorReport> {
    if !(1..=MAX_TIMEOUT_SECS).contains(&timeout_secs) {
        return Err(Error::invalid(
            "timeout",
            format!("timeout must be between 1 and {MAX_TIMEOUT_SECS} seconds"),
        ));
    }
    let mut options = RunOptions::new(project);
    options.timeout = Duration::from_secs(timeout_secs);
    options.keep_cache = keep_cache;
    {
        let mut running = runs.runs();
        if running.contains_key(&run_id) {
            return Err(Error::invalid(
                "run_id",
                format!("run {run_id} is already running"),
            ));
        }
        running.insert(run_id.clone(), options.cancel.clone());
    }
    let report = super::in_context(move |ctx| {
        let progress = |line: &str| drop(on_line.send(line.to_string()));
        let mut report = run::run_download(ctx, &options, &progress)?;
        propose_fixes(ctx, &mut report.findings, &[]);
        Ok(report)
    })
    .await;
    runs.runs().remove(&run_id);
    let report = report?;
    Ok(DoctorReport {
        endpoints: Vec::new(),
        findings: report.findings,
        run: Some(report.outcome),
    })
}

/// Stops run `run_id` (go and everything it started); `false` when it is not running any more.
#[tauri::command]
pub async fn cancel_doctor_run(run_id: String, runs: State<'_, DoctorRuns>) -> Result<bool> {
    let flag = runs.runs().get(&run_id).cloned();
    Ok(flag.map(|f| f.store(true, Ordering::SeqCst)).is_some())
}
