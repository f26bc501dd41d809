//! Mirrors: the candidate list, custom mirrors (undoable), the benchmark streamed over a
//! `Channel` and cancellable by a run id the caller mints, the last report, and the plan for
//! switching to a choice of mirrors (applied with `apply_env_change`).

use goproxy_core::context::Context;
use goproxy_core::goenv_store::{Plan, Store};
use goproxy_core::history::Applied;
use goproxy_core::mirrors::catalogue::MirrorEntry;
use goproxy_core::mirrors::config::{self, CustomMirror};
use goproxy_core::mirrors::last_run::{self, LastBenchmark};
use goproxy_core::mirrors::options::{candidates_from_env, plan_for, BenchOptions};
use goproxy_core::mirrors::report::BenchReport;
use goproxy_core::mirrors::switch::{switch_ops, MirrorSwitch};
use goproxy_core::mirrors::{run, throttled, BenchEvent, CancelToken, Network};
use goproxy_core::{Error, Result};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tauri::ipc::Channel;
use tauri::State;

/// At most one probe event per mirror, and one progress count, per this interval.
const EVENT_INTERVAL: Duration = Duration::from_millis(100);

/// Cancel tokens of the running benchmarks, by the run id the UI minted.
#[derive(Default)]
pub struct BenchRuns(Mutex<HashMap<String, CancelToken>>);

impl BenchRuns {
    fn runs(&self) -> std::sync::MutexGuard<'_, HashMap<String, CancelToken>> {
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn start(&self, run_id: &str) -> Result<CancelToken> {
        let mut runs = self.runs();
        if runs.contains_key(run_id) {
            return Err(Error::invalid(
                "run_id",
                format!("run {run_id} is already running"),
            ));
        }
        let token = CancelToken::new();
        runs.insert(run_id.to_string(), token.clone());
        Ok(token)
    }
}

/// The catalogue, the user's own mirrors and the entries of the effective GOPROXY.
#[tauri::command]
pub async fn list_mirrors() -> Result<Vec<MirrorEntry>> {
    super::in_context(candidates_from_env).await
}

/// Adds a custom mirror to the app's config (undoable in History).
#[tauri::command]
pub async fn add_mirror(mirror: CustomMirror) -> Result<Applied> {
    super::in_context(move |ctx| config::add(ctx.env(), &mirror)).await
}

/// Removes a custom mirror (undoable in History).
#[tauri::command]
pub async fn remove_mirror(name: String) -> Result<Applied> {
    super::in_context(move |ctx| config::remove(ctx.env(), &name)).await
}

/// Measures the mirrors, streaming throttled events to `on_event`; saves and returns the report.
#[tauri::command]
pub async fn run_benchmark(
    run_id: String,
    options: BenchOptions,
    on_event: Channel<BenchEvent>,
    runs: State<'_, BenchRuns>,
) -> Result<BenchReport> {
    // Registered before planning, so a cancel that comes early still counts.
    let cancel = runs.start(&run_id)?;
    let report = benchmark(options, on_event, cancel).await;
    runs.runs().remove(&run_id);
    report
}

async fn benchmark(
    options: BenchOptions,
    on_event: Channel<BenchEvent>,
    cancel: CancelToken,
) -> Result<BenchReport> {
    let ctx = Arc::new(Context::current());
    let plan = super::blocking({
        let ctx = ctx.clone();
        move || plan_for(ctx.env(), &candidates_from_env(&ctx)?, &options)
    })
    .await?;
    let events = throttled(Arc::new(move |e| drop(on_event.send(e))), EVENT_INTERVAL);
    let report = run(plan, Network::from_env(ctx.env()), events, cancel).await;
    super::blocking(move || last_run::save(&ctx, &report).map(|saved| saved.report)).await
}

/// Cancels run `run_id`; `false` when it is not running (any more).
#[tauri::command]
pub async fn cancel_benchmark(run_id: String, runs: State<'_, BenchRuns>) -> Result<bool> {
    let token = runs.runs().get(&run_id).cloned();
    Ok(token.map(|t| t.cancel()).is_some())
}

/// The last saved benchmark with its time, if any.
#[tauri::command]
pub async fn last_benchmark() -> Result<Option<LastBenchmark>> {
    super::in_context(|ctx| last_run::load(ctx.env())).await
}

/// What switching to `choice` would change in the GOENV file (apply with `apply_env_change`).
#[tauri::command]
pub async fn plan_use_mirrors(choice: MirrorSwitch) -> Result<Plan> {
    super::in_context(move |ctx| {
        let ops = switch_ops(&candidates_from_env(ctx)?, &choice)?;
        Store::open(ctx)?.plan(&ops)
    })
    .await
}
