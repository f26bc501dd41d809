//! Running a benchmark: every mirror at once (see `workers`), the checksum databases alongside,
//! then `.zip` throughput for the best few one at a time, all under one global deadline and a
//! cancel token; then staleness, score, ranking and the recommendation.

use super::collect::MirrorLog;
use super::events::{BenchEvent, CancelToken, EventSink, MirrorRef};
use super::modules::ModuleVersion;
use super::plan::{BenchPlan, BenchTarget};
use super::report::{
    BenchReport, Disqualification, DisqualifyReason, ErrorClass, MirrorResult, ProbeError,
    SumdbReach,
};
use super::stats::round2;
use super::workers::{build_queue, probe_mirror, Shared};
use super::{recommend, score, staleness, throughput};
use crate::net::{Dialer, Endpoint, HttpUrl, Network, Redirects};
use std::sync::{Arc, Mutex};
use tokio::task::JoinSet;
use tokio::time::Instant;

/// What the benchmark's requests say they are.
const USER_AGENT: &str = "GoProxyAssistant/0.1 (benchmark; like GoCommand/1)";

fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}

pub(crate) fn lock(log: &Mutex<MirrorLog>) -> std::sync::MutexGuard<'_, MirrorLog> {
    log.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// A mirror being measured.
struct MirrorRun {
    name: String,
    url: String,
    target: Option<Arc<Endpoint>>,
    /// Why it is not measured at all (bad URL, duplicate, unreadable CA file).
    invalid: Option<String>,
    log: Arc<Mutex<MirrorLog>>,
}

/// Checks the named targets: URL shape, duplicates, CA files. Bad ones stay in the results
/// with their error.
fn prepare(plan: &BenchPlan, dialer: &Arc<Dialer>) -> Vec<MirrorRun> {
    let mut seen: Vec<(String, String)> = Vec::new();
    let mut runs = Vec::new();
    for t in &plan.mirrors {
        let BenchTarget { name, url, ca_file } = t;
        let mut run = MirrorRun {
            name: name.clone(),
            url: url.clone(),
            target: None,
            invalid: None,
            log: Arc::new(Mutex::new(MirrorLog::default())),
        };
        match HttpUrl::parse(url, "url") {
            Err(e) => run.invalid = Some(e.message),
            Ok(parsed) => {
                let canonical = parsed.to_string();
                run.url = canonical.clone();
                if let Some((other, _)) = seen.iter().find(|(_, u)| *u == canonical) {
                    run.invalid = Some(format!(
                        "{canonical} is listed twice (also as {other}); measured once"
                    ));
                } else {
                    seen.push((name.clone(), canonical));
                    match dialer.tls_for(ca_file.as_deref()) {
                        Err(e) => run.invalid = Some(format!("CA file: {}", e.message)),
                        Ok(tls) => {
                            run.target = Some(Arc::new(Endpoint {
                                dialer: Arc::clone(dialer),
                                tls,
                                base: parsed,
                                connect_timeout: plan.connect_timeout,
                                request_timeout: plan.request_timeout,
                                redirects: Redirects::Go,
                                user_agent: USER_AGENT,
                            }))
                        }
                    }
                }
            }
        }
        runs.push(run);
    }
    runs
}

async fn check_sumdb(
    dialer: Arc<Dialer>,
    plan: &BenchPlan,
    name: String,
    url: String,
    deadline: Instant,
) -> SumdbReach {
    let unreachable = |error: ProbeError| SumdbReach {
        name: name.clone(),
        url: url.clone(),
        reachable: false,
        ms: None,
        error: Some(error),
    };
    let base = match HttpUrl::parse(&url, "sumdb") {
        Ok(b) => b,
        Err(e) => return unreachable(ProbeError::new(ErrorClass::Connect, e.message)),
    };
    let target = Endpoint {
        tls: dialer.tls_for(None).unwrap_or_else(|_| unreachable_tls()),
        dialer,
        base,
        connect_timeout: plan.connect_timeout,
        request_timeout: plan.request_timeout,
        redirects: Redirects::Go,
        user_agent: USER_AGENT,
    };
    let module = plan
        .modules
        .first()
        .map(ModuleVersion::id)
        .unwrap_or_else(|| "golang.org/x/text@v0.14.0".into());
    let mut conn = None;
    match target
        .fetch(&mut conn, &format!("/lookup/{module}"), 64 * 1024, deadline)
        .await
    {
        Ok(f) if f.status < 500 => SumdbReach {
            name,
            url,
            reachable: true,
            ms: Some(round2(
                f.timings.total_ms
                    + f.timings
                        .connect
                        .map(|c| c.dns_ms.unwrap_or(0.0) + c.connect_ms + c.tls_ms.unwrap_or(0.0))
                        .unwrap_or(0.0),
            )),
            error: None,
        },
        Ok(f) => unreachable(ProbeError::new(
            ErrorClass::HttpStatus { code: f.status },
            format!("{url}: HTTP {}", f.status),
        )),
        Err(e) => unreachable(e.into()),
    }
}

/// Only reached if rustls cannot build a default configuration, which `Dialer::new` already
/// proved it can.
fn unreachable_tls() -> Arc<rustls::ClientConfig> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    Arc::new(
        rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map(|b| {
                b.with_root_certificates(rustls::RootCertStore::empty())
                    .with_no_client_auth()
            })
            .unwrap_or_else(|_| {
                rustls::ClientConfig::builder()
                    .with_root_certificates(rustls::RootCertStore::empty())
                    .with_no_client_auth()
            }),
    )
}

/// Runs the benchmark. Never fails: problems become per-mirror errors. Returns early, with what
/// was measured, on cancel or at the deadline.
pub async fn run(
    plan: BenchPlan,
    network: Network,
    events: EventSink,
    cancel: CancelToken,
) -> BenchReport {
    let started = Instant::now();
    let started_at_ms = now_ms();
    let deadline = started + plan.deadline;
    let phase1_deadline = match plan.throughput {
        Some(_) => started + plan.deadline.mul_f64(0.75),
        None => deadline,
    };
    let dialer = match Dialer::new(network) {
        Ok(d) => Arc::new(d),
        Err(e) => return failed_report(&plan, started_at_ms, &e.message),
    };
    let via_proxy = plan.mirrors.iter().find_map(|t| {
        let url = HttpUrl::parse(&t.url, "url").ok()?;
        dialer
            .proxy_for(&url)
            .ok()
            .flatten()
            .map(|r| r.url.to_string())
    });
    let runs = prepare(&plan, &dialer);
    events(BenchEvent::Started {
        mirrors: runs
            .iter()
            .map(|r| MirrorRef {
                name: r.name.clone(),
                url: crate::redact::url_userinfo(&r.url),
            })
            .collect(),
        planned_requests: plan.requests_per_mirror()
            * runs.iter().filter(|r| r.target.is_some()).count() as u32,
        deadline_ms: plan.deadline.as_secs_f64() * 1000.0,
    });

    let seed = plan.seed.unwrap_or_else(now_ms);
    let mut set = JoinSet::new();
    for (i, run) in runs.iter().enumerate() {
        let Some(target) = &run.target else { continue };
        let shared = Arc::new(Shared {
            name: run.name.clone(),
            target: Arc::clone(target),
            queue: Mutex::new(build_queue(
                &plan,
                seed ^ (i as u64 + 1).wrapping_mul(0x9E37),
            )),
            log: Arc::clone(&run.log),
            events: Arc::clone(&events),
            deadline: phase1_deadline,
            metadata_cap: plan.metadata_cap,
            max_timeouts: plan.max_timeouts,
        });
        set.spawn(probe_mirror(
            shared,
            plan.connections_per_mirror,
            run.url.clone(),
        ));
    }
    let sumdb = Arc::new(Mutex::new(Vec::new()));
    let mut sumdb_set = JoinSet::new();
    for c in &plan.sumdb_checks {
        let (dialer, plan2, sink) = (Arc::clone(&dialer), plan.clone(), Arc::clone(&sumdb));
        let (name, url) = (c.name.clone(), c.url.clone());
        sumdb_set.spawn(async move {
            let reach = check_sumdb(dialer, &plan2, name, url, phase1_deadline).await;
            if let Ok(mut v) = sink.lock() {
                v.push(reach);
            }
        });
    }
    let mut cancelled = false;
    let mut deadline_hit = false;
    tokio::select! {
        _ = async {
            while set.join_next().await.is_some() {}
            while sumdb_set.join_next().await.is_some() {}
        } => {}
        _ = tokio::time::sleep_until(phase1_deadline) => deadline_hit = true,
        _ = cancel.cancelled() => cancelled = true,
    }
    set.abort_all();
    sumdb_set.abort_all();
    deadline_hit |= Instant::now() >= phase1_deadline;

    let mut results: Vec<MirrorResult> = runs
        .iter()
        .map(|r| match &r.invalid {
            Some(message) => MirrorResult {
                disqualified: Some(Disqualification {
                    reason: DisqualifyReason::Invalid,
                    message: message.clone(),
                }),
                ..lock(&r.log).summarize(&r.name, &r.url)
            },
            None => lock(&r.log).summarize(&r.name, &r.url),
        })
        .collect();
    // The guards live in a block of their own so the future stays `Send` (the app awaits it
    // on its async runtime).
    let (metadata, timeouts) = {
        let logs: Vec<std::sync::MutexGuard<'_, MirrorLog>> =
            runs.iter().map(|r| lock(&r.log)).collect();
        staleness::mark(&mut results, &logs, &plan.modules);
        let metadata: Vec<Vec<f64>> = logs.iter().map(|l| l.metadata_times()).collect();
        let timeouts: Vec<u32> = logs.iter().map(|l| l.timeouts).collect();
        (metadata, timeouts)
    };

    // Throughput: the best few by metadata alone, one at a time.
    if let (Some(tp), false) = (&plan.throughput, cancelled) {
        let order = score::provisional_order(&results, &metadata);
        for i in order.into_iter().take(tp.top) {
            let Some(target) = &runs[i].target else {
                continue;
            };
            if Instant::now() >= deadline {
                deadline_hit = true;
                break;
            }
            let measured = tokio::select! {
                r = throughput::measure(target, tp, deadline) => Some(r),
                _ = cancel.cancelled() => None,
            };
            match measured {
                None => {
                    cancelled = true;
                    break;
                }
                Some(Ok(t)) => results[i].throughput = Some(t),
                Some(Err(e)) => {
                    if let ErrorClass::Body { .. } = e.class {
                        results[i].disqualified.get_or_insert(Disqualification {
                            reason: DisqualifyReason::WrongContent,
                            message: e.message.clone(),
                        });
                    }
                    score::add_error(&mut results[i], e);
                }
            }
        }
    }

    let sumdb: Vec<SumdbReach> = sumdb.lock().map(|v| v.clone()).unwrap_or_default();
    let sum_golang_org = sumdb
        .iter()
        .find(|s| s.name == "sum.golang.org")
        .map(|s| s.reachable);
    score::score_and_rank(&mut results, &metadata, &timeouts, sum_golang_org, &plan);
    let recommendation = recommend::recommend(&results, &sumdb, plan.include_direct);
    let report = BenchReport {
        started_at_ms,
        elapsed_ms: round2(started.elapsed().as_secs_f64() * 1000.0),
        cancelled,
        deadline_hit,
        mirrors: results,
        sumdb,
        recommendation,
        via_proxy: via_proxy.map(|p| crate::redact::url_userinfo(&p)),
    };
    events(BenchEvent::Finished {
        report: report.clone(),
    });
    report
}

fn failed_report(plan: &BenchPlan, started_at_ms: u64, error: &str) -> BenchReport {
    BenchReport {
        started_at_ms,
        elapsed_ms: 0.0,
        cancelled: false,
        deadline_hit: false,
        mirrors: plan
            .mirrors
            .iter()
            .map(|t| MirrorResult {
                disqualified: Some(Disqualification {
                    reason: DisqualifyReason::Unreachable,
                    message: error.to_string(),
                }),
                ..MirrorLog::default().summarize(&t.name, &t.url)
            })
            .collect(),
        sumdb: Vec::new(),
        recommendation: None,
        via_proxy: None,
    }
}

/// [`run`] on a runtime of its own, for callers without one (the CLI).
pub fn run_blocking(
    plan: BenchPlan,
    network: Network,
    events: EventSink,
    cancel: CancelToken,
) -> crate::Result<BenchReport> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| {
            crate::Error::new(
                crate::ErrorCode::Io,
                format!("cannot start the benchmark runtime: {e}"),
            )
        })?;
    Ok(runtime.block_on(run(plan, network, events, cancel)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send<T: Send>(_: &T) {}

    #[test]
    fn the_run_future_can_be_spawned_on_a_multi_threaded_runtime() {
        let future = run(
            BenchPlan::new(Vec::new()),
            Network::default(),
            super::super::no_events(),
            CancelToken::new(),
        );
        assert_send(&future);
    }
}
