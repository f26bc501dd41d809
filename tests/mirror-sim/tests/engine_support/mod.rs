//! Shared by the engine test files: plans with small timeouts, a hermetic network, a run that
//! collects every event.

#![allow(dead_code)]

use goproxy_core::mirrors::report::{BenchReport, ErrorClass, MirrorResult};
use goproxy_core::mirrors::{
    run_blocking, BenchEvent, BenchPlan, BenchTarget, CancelToken, Network, ThroughputPlan,
};
use goproxy_core::sysenv::SysEnv;
use std::net::{IpAddr, Ipv4Addr};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// A plan for tests: 2 rounds, short timeouts, no real checksum databases, small zip window.
pub fn plan(targets: Vec<BenchTarget>) -> BenchPlan {
    let mut p = BenchPlan::new(targets);
    p.rounds = 2;
    p.deadline = Duration::from_secs(6);
    p.connect_timeout = Duration::from_secs(1);
    p.request_timeout = Duration::from_millis(800);
    p.sumdb_checks = Vec::new();
    p.seed = Some(7);
    p.throughput = Some(ThroughputPlan {
        top: 2,
        max_time: Duration::from_millis(300),
        ..ThroughputPlan::default()
    });
    p
}

pub fn target(name: &str, url: &str) -> BenchTarget {
    BenchTarget::new(name, url)
}

/// No system DNS (only `mirror.test` → 127.0.0.1), the test CA trusted via SSL_CERT_FILE.
pub fn network(dir: &std::path::Path, extra: &[(&str, &str)]) -> Network {
    let ca = mirror_sim::test_ca().write_ca_file(dir).expect("ca file");
    let mut vars = vec![
        ("HOME".to_string(), dir.join("home").display().to_string()),
        ("SSL_CERT_FILE".to_string(), ca.display().to_string()),
        (
            "SSL_CERT_DIR".to_string(),
            dir.join("no-such-dir").display().to_string(),
        ),
    ];
    for (k, v) in extra {
        vars.retain(|(key, _)| key != k);
        vars.push((k.to_string(), v.to_string()));
    }
    Network::from_env(&SysEnv::from_vars(vars))
        .with_host("mirror.test", IpAddr::V4(Ipv4Addr::LOCALHOST))
        .with_host("wrong-name.test", IpAddr::V4(Ipv4Addr::LOCALHOST))
        .hosts_only()
}

/// Runs the plan, collecting events.
pub fn run(plan: BenchPlan, network: Network) -> (BenchReport, Vec<BenchEvent>) {
    run_with(plan, network, CancelToken::new())
}

pub fn run_with(
    plan: BenchPlan,
    network: Network,
    cancel: CancelToken,
) -> (BenchReport, Vec<BenchEvent>) {
    let events = Arc::new(Mutex::new(Vec::new()));
    let sink_events = Arc::clone(&events);
    let report = run_blocking(
        plan,
        network,
        Arc::new(move |e| {
            if let Ok(mut v) = sink_events.lock() {
                v.push(e);
            }
        }),
        cancel,
    )
    .expect("runtime");
    let events = events.lock().map(|v| v.clone()).unwrap_or_default();
    (report, events)
}

pub fn mirror<'a>(report: &'a BenchReport, name: &str) -> &'a MirrorResult {
    report
        .mirrors
        .iter()
        .find(|m| m.name == name)
        .unwrap_or_else(|| panic!("no result for {name}: {report:#?}"))
}

/// The error classes a mirror saw.
pub fn classes(m: &MirrorResult) -> Vec<ErrorClass> {
    m.errors.iter().map(|e| e.class).collect()
}
