//! The Docker page's engine card and "Test build": whether a Docker engine answers, the Docker
//! client's proxies and the daemon's DNS (read only, with findings), and the user's own `docker
//! build` on the generated files. The build generates again from the options (what is built is
//! what Rust generated, not text sent back by the page); the tokens go from the keychain into a
//! 0600 netrc the core deletes afterwards; log lines stream over a `Channel`; a run id the page
//! mints cancels it. A failed build's findings get the Doctor's fixes.

use goproxy_core::dockerfile::build::{self, BuildProgress, EngineStatus, TestBuildReport};
use goproxy_core::dockerfile::engine_config::{self, EngineConfig, EngineConfigPaths};
use goproxy_core::dockerfile::{self, DockerfileOptions};
use goproxy_core::secrets::Keychain;
use goproxy_core::{Error, Result};
use serde::Serialize;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use tauri::ipc::Channel;
use tauri::State;

/// The engine card: what a Test build would run on, and the proxy/DNS configuration it meets.
#[derive(Debug, Serialize)]
pub struct DockerEngine {
    engine: EngineStatus,
    config: EngineConfig,
}

/// Asks `docker version` (and `docker buildx version`) and reads `~/.docker/config.json` and
/// `/etc/docker/daemon.json`. Never fails for a missing engine: that is the status.
#[tauri::command]
pub async fn docker_engine() -> Result<DockerEngine> {
    super::in_context(|ctx| {
        let engine = build::probe(ctx.env());
        let config = engine_config::read(ctx, &EngineConfigPaths::from_env(ctx.env()));
        Ok(DockerEngine { engine, config })
    })
    .await
}

/// Cancel flags of the running Test builds, by the run id the UI minted.
#[derive(Default)]
pub struct TestBuilds(Mutex<HashMap<String, Arc<AtomicBool>>>);

impl TestBuilds {
    fn runs(&self) -> std::sync::MutexGuard<'_, HashMap<String, Arc<AtomicBool>>> {
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// Builds the project in `dir` with the Dockerfile and .dockerignore generated from `options`,
/// the stored tokens as the netrc secret and the session's proxies as `--build-arg NAME`;
/// `on_progress` sees every log line with the steps done. The report says how it ended.
#[tauri::command]
pub async fn run_test_build(
    run_id: String,
    dir: String,
    options: DockerfileOptions,
    on_progress: Channel<BuildProgress>,
    builds: State<'_, TestBuilds>,
) -> Result<TestBuildReport> {
    let cancel = Arc::new(AtomicBool::new(false));
    {
        let mut running = builds.runs();
        if running.contains_key(&run_id) {
            return Err(Error::invalid(
                "run_id",
                format!("build {run_id} is already running"),
            ));
        }
        running.insert(run_id.clone(), cancel.clone());
    }
    let report = super::in_context(move |ctx| {
        let path = PathBuf::from(&dir);
        let generated = dockerfile::generate(ctx, &path, &options)?;
        let config = engine_config::read(ctx, &EngineConfigPaths::from_env(ctx.env()));
        let request = build::request_for(&dir, &generated, &config);
        let progress = |p: &BuildProgress| drop(on_progress.send(p.clone()));
        let mut report =
            build::test_build(ctx.env(), &Keychain::native(), &request, &cancel, &progress)?;
        super::doctor::propose_fixes(ctx, &mut report.findings, &[]);
        Ok(report)
    })
    .await;
    builds.runs().remove(&run_id);
    report
}

/// Stops Test build `run_id` (docker and what it started); `false` when it is not running.
#[tauri::command]
pub async fn cancel_test_build(run_id: String, builds: State<'_, TestBuilds>) -> Result<bool> {
    let flag = builds.runs().get(&run_id).cloned();
    Ok(flag.map(|f| f.store(true, Ordering::SeqCst)).is_some())
}
