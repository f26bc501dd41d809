//! The connectivity check: every endpoint the effective configuration uses, step by step (DNS,
//! TCP, TLS, HTTP), in parallel on one small runtime, within one overall budget. Requests take
//! the route the go command takes (`crate::net`: HTTP(S)_PROXY/NO_PROXY, SSL_CERT_FILE/DIR, a
//! custom mirror's own CA). An endpoint still hanging when the budget ends is reported with
//! `net.timeout` on the step it was stuck in.

mod classify;
mod findings;
mod probe;
mod targets;
mod verified;

use super::EndpointCheck;
use crate::context::Context;
use crate::net::{Dialer, Network, Scheme};
use crate::secrets::Keychain;
use probe::{next_step, probe, Update};
use std::sync::Arc;
use std::time::Duration;
use tokio::time::{timeout_at, Instant};

pub use findings::{findings_from_endpoints, goproxy_off_finding};
pub use verified::{probe_mirrors, probe_mirrors_on, VerifiedMirror};

/// How to run the check.
#[derive(Clone)]
pub struct CheckOptions {
    /// The overall budget; the check returns within it (plus a small margin).
    pub budget: Duration,
    /// The network to use; `None` = the one of the context's environment. Tests map names to
    /// loopback addresses here.
    pub network: Option<Network>,
    /// Where stored tokens are, to send them as the go command would (through our GOAUTH
    /// helper); `None` = only URL credentials and the .netrc.
    pub keychain: Option<Keychain>,
}

impl Default for CheckOptions {
    fn default() -> CheckOptions {
        CheckOptions {
            budget: Duration::from_secs(10),
            network: None,
            keychain: None,
        }
    }
}

impl std::fmt::Debug for CheckOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CheckOptions")
            .field("budget", &self.budget)
            .field("network", &self.network)
            .field("keychain", &self.keychain.is_some())
            .finish()
    }
}

/// Checks every endpoint; `progress` sees each endpoint whenever it changes (first as running
/// with no steps, then after each step, last when it is done).
pub fn check_endpoints(
    ctx: &Context,
    options: &CheckOptions,
    progress: &(dyn Fn(&EndpointCheck) + Sync),
) -> Vec<EndpointCheck> {
    let deadline = Instant::now() + options.budget;
    let plan = targets::plan(ctx, options.keychain.as_ref());
    let network = options
        .network
        .clone()
        .unwrap_or_else(|| Network::from_env(ctx.env()));
    let mut results: Vec<EndpointCheck> = plan.targets.iter().map(|t| t.pending()).collect();
    let https: Vec<bool> = plan
        .targets
        .iter()
        .map(|t| t.base.scheme == Scheme::Https)
        .collect();
    for (at, entry) in plan.listed.iter().rev() {
        results.insert((*at).min(results.len()), entry.clone());
    }
    // Where each target's result sits among all endpoints (listed ones are in between).
    let slots: Vec<usize> = (0..results.len()).filter(|i| results[*i].running).collect();
    for r in &results {
        progress(r);
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build();
    let (dialer, runtime) = match (Dialer::new(network), runtime) {
        (Ok(d), Ok(r)) => (Arc::new(d), r),
        _ => {
            // No TLS or no runtime: nothing can be checked; say where each endpoint stopped.
            return finish_unchecked(results, &slots, &https, progress);
        }
    };
    let mut last_change: Vec<Instant> = vec![Instant::now(); results.len()];
    runtime.block_on(async {
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<Update>();
        for (index, target) in plan.targets.into_iter().enumerate() {
            tokio::spawn(probe(
                Arc::clone(&dialer),
                target,
                index,
                deadline,
                tx.clone(),
            ));
        }
        drop(tx);
        while let Ok(Some(update)) = timeout_at(deadline, rx.recv()).await {
            let slot = slots[update.index];
            results[slot] = update.check;
            last_change[slot] = Instant::now();
            progress(&results[slot]);
        }
    });
    // Hanging tasks are dropped with the runtime, without waiting for them.
    runtime.shutdown_background();
    for (index, slot) in slots.iter().enumerate() {
        let r = &mut results[*slot];
        if r.running {
            let step = next_step(r, https[index]);
            r.steps.push(super::StepResult {
                step,
                ok: false,
                ms: last_change[*slot].elapsed().as_millis() as u64,
                code: Some(super::DoctorCode::NetTimeout),
                status: None,
            });
            r.ok = false;
            r.running = false;
            progress(r);
        }
    }
    results
}

/// Ends every target without a check: the trusted roots could not be loaded (or no runtime
/// started), which only a broken certificate setup causes.
fn finish_unchecked(
    mut results: Vec<EndpointCheck>,
    slots: &[usize],
    https: &[bool],
    progress: &(dyn Fn(&EndpointCheck) + Sync),
) -> Vec<EndpointCheck> {
    for (index, slot) in slots.iter().enumerate() {
        let r = &mut results[*slot];
        r.steps.push(super::StepResult {
            step: next_step(r, https[index]),
            ok: false,
            ms: 0,
            code: Some(super::DoctorCode::TlsUnknownAuthority),
            status: None,
        });
        r.running = false;
        progress(r);
    }
    results
}
