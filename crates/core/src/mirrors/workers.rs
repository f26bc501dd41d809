//! The concurrent pass for one mirror: a few keep-alive connections (workers) take requests
//! from a queue built as rounds in random order, check each answer, log it, and give up on a
//! mirror that cannot be reached or keeps stalling.

use super::checks::{check, Answer};
use super::collect::MirrorLog;
use super::engine::lock;
use super::events::{BenchEvent, EventSink};
use super::modules::ModuleVersion;
use super::plan::BenchPlan;
use super::report::{ErrorClass, ProbeError, RequestKind, TimeoutPhase};
use crate::net::{Conn, Endpoint};
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use tokio::task::JoinSet;
use tokio::time::Instant;

/// One request of the concurrent pass.
#[derive(Debug, Clone)]
pub(crate) struct Item {
    kind: RequestKind,
    module: Option<ModuleVersion>,
}

impl Item {
    fn suffix(&self) -> String {
        match (&self.module, self.kind) {
            (Some(m), RequestKind::List) => m.request_suffix("list"),
            (Some(m), RequestKind::Info) => m.request_suffix("info"),
            (Some(m), RequestKind::Mod) => m.request_suffix("mod"),
            (Some(m), RequestKind::Zip) => m.request_suffix("zip"),
            _ => "/sumdb/sum.golang.org/supported".to_string(),
        }
    }
}

/// What the workers of one mirror share.
pub(crate) struct Shared {
    pub(crate) name: String,
    pub(crate) target: Arc<Endpoint>,
    pub(crate) queue: Mutex<VecDeque<Item>>,
    pub(crate) log: Arc<Mutex<MirrorLog>>,
    pub(crate) events: EventSink,
    pub(crate) deadline: Instant,
    pub(crate) metadata_cap: u64,
    pub(crate) max_timeouts: u32,
}

/// splitmix64, for shuffling without a dependency.
fn next_random(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

pub(crate) fn build_queue(plan: &BenchPlan, seed: u64) -> VecDeque<Item> {
    let mut state = seed;
    let mut queue = VecDeque::new();
    for _ in 0..plan.rounds {
        let mut round = vec![Item {
            kind: RequestKind::SumdbSupported,
            module: None,
        }];
        for m in &plan.modules {
            for kind in [RequestKind::List, RequestKind::Info, RequestKind::Mod] {
                round.push(Item {
                    kind,
                    module: Some(m.clone()),
                });
            }
        }
        for i in (1..round.len()).rev() {
            let j = (next_random(&mut state) % (i as u64 + 1)) as usize;
            round.swap(i, j);
        }
        queue.extend(round);
    }
    queue
}

/// A failure that means the mirror cannot be reached at all (as opposed to one bad answer).
fn is_connection_failure(e: &ProbeError) -> bool {
    matches!(
        e.class,
        ErrorClass::Dns
            | ErrorClass::Connect
            | ErrorClass::Tls
            | ErrorClass::Proxy
            | ErrorClass::Timeout {
                phase: TimeoutPhase::Dns | TimeoutPhase::Connect | TimeoutPhase::Tls
            }
    )
}

async fn worker(shared: Arc<Shared>) {
    let mut conn: Option<Conn> = None;
    let mut connection_failures = 0u32;
    loop {
        let item = match shared.queue.lock() {
            Ok(mut q) => q.pop_front(),
            Err(_) => None,
        };
        let Some(item) = item else { break };
        if Instant::now() >= shared.deadline {
            break;
        }
        let result = shared
            .target
            .fetch(
                &mut conn,
                &item.suffix(),
                shared.metadata_cap,
                shared.deadline,
            )
            .await
            .map_err(ProbeError::from);
        let outcome = result.and_then(|f| {
            let answer = check(item.kind, item.module.as_ref(), &f)?;
            Ok((f, answer))
        });
        let (timings, error) = {
            let mut log = lock(&shared.log);
            match outcome {
                Ok((f, answer)) => {
                    connection_failures = 0;
                    if let Some(c) = f.timings.connect {
                        log.connects.push(c);
                    }
                    log.ok(item.kind, f.timings.total_ms, f.timings.ttfb_ms);
                    match (answer, &item.module) {
                        (Answer::Relay(relay), _) => log.relay = Some(relay),
                        (Answer::Versions(v), Some(m)) => {
                            log.lists.insert(m.path.clone(), v);
                        }
                        (Answer::ModHash(h), Some(m)) => {
                            log.mod_hashes.insert(m.id(), h);
                        }
                        _ => {}
                    }
                    (Some(f.timings), None)
                }
                Err(e) => {
                    log.failed(item.kind, e.clone());
                    let mut give_up = log.timeouts >= shared.max_timeouts;
                    if is_connection_failure(&e) {
                        connection_failures += 1;
                        if log.successes == 0 || connection_failures >= 3 {
                            log.unreachable.get_or_insert_with(|| e.clone());
                            give_up = true;
                        }
                    }
                    if give_up {
                        if let Ok(mut q) = shared.queue.lock() {
                            q.clear();
                        }
                    }
                    (None, Some(e))
                }
            }
        };
        (shared.events)(BenchEvent::Probe {
            mirror: shared.name.clone(),
            kind: item.kind,
            module: item.module.as_ref().map(ModuleVersion::id),
            timings,
            error,
        });
    }
}

pub(crate) async fn probe_mirror(shared: Arc<Shared>, connections: usize, url: String) {
    let workers = {
        let len = shared.queue.lock().map(|q| q.len()).unwrap_or(0);
        connections.clamp(1, len.max(1))
    };
    let mut set = JoinSet::new();
    for _ in 0..workers {
        set.spawn(worker(Arc::clone(&shared)));
    }
    while set.join_next().await.is_some() {}
    let result = lock(&shared.log).summarize(&shared.name, &url);
    (shared.events)(BenchEvent::MirrorDone { result });
}
