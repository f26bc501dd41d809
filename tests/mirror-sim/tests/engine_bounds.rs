//! Deadline, cancellation, ranking, throughput, proxies and per-mirror CA files. Timings are
//! asserted generously: these are behaviour tests, `make bench` prints the real figures.

mod engine_support;

use engine_support::{mirror, network, plan, run, run_with, target};
use goproxy_core::mirrors::report::{DisqualifyReason, ErrorClass};
use goproxy_core::mirrors::{BenchEvent, CancelToken};
use mirror_sim::{Fault, MirrorBehavior, SimMirror, SimProxy};
use std::time::{Duration, Instant};

fn sim(behavior: MirrorBehavior) -> SimMirror {
    SimMirror::start(behavior).expect("start mirror")
}

#[test]
fn hanging_mirrors_do_not_hold_the_deadline() {
    let dir = tempfile::tempdir().expect("tempdir");
    let good = sim(MirrorBehavior::default().with_latency(5, 0));
    let hang = sim(MirrorBehavior::default().with_fault("", Fault::Hang));
    let silent_tls = sim(MirrorBehavior {
        hang_on_accept: true,
        ..MirrorBehavior::default().https()
    });
    let mut p = plan(vec![
        target("good", &good.url()),
        target("hang", &hang.url()),
        target("silent-tls", &silent_tls.url()),
    ]);
    p.deadline = Duration::from_millis(1500);
    p.request_timeout = Duration::from_secs(30);
    p.connect_timeout = Duration::from_secs(30);
    p.max_timeouts = 1000;
    let start = Instant::now();
    let (report, _) = run(p, network(dir.path(), &[]));
    let took = start.elapsed();
    assert!(
        took < Duration::from_millis(3000),
        "deadline held: {took:?}"
    );
    assert!(report.deadline_hit);
    assert_eq!(mirror(&report, "good").rank, Some(1));
    let hang = mirror(&report, "hang");
    assert!(hang.rank.is_none(), "{hang:#?}");
    let silent = mirror(&report, "silent-tls");
    assert!(silent.disqualified.is_some(), "{silent:#?}");
}

#[test]
fn stalls_are_timeouts_and_the_mirror_is_given_up() {
    let dir = tempfile::tempdir().expect("tempdir");
    let good = sim(MirrorBehavior::default().with_latency(5, 0));
    let hang = sim(MirrorBehavior::default().with_fault(".info", Fault::Hang));
    let mut p = plan(vec![
        target("good", &good.url()),
        target("hang", &hang.url()),
    ]);
    p.request_timeout = Duration::from_millis(300);
    let (report, _) = run(p, network(dir.path(), &[]));
    let hang = mirror(&report, "hang");
    assert!(
        hang.errors
            .iter()
            .any(|e| matches!(e.class, ErrorClass::Timeout { .. })),
        "{hang:#?}"
    );
    assert!(!report.deadline_hit, "gave up on the staller early");
}

#[test]
fn cancel_stops_the_run_and_keeps_what_was_measured() {
    let dir = tempfile::tempdir().expect("tempdir");
    let good = sim(MirrorBehavior::default().with_latency(5, 0));
    let hang = sim(MirrorBehavior::default().with_fault("", Fault::Hang));
    let mut p = plan(vec![
        target("good", &good.url()),
        target("hang", &hang.url()),
    ]);
    p.deadline = Duration::from_secs(60);
    p.request_timeout = Duration::from_secs(60);
    let cancel = CancelToken::new();
    let trigger = cancel.clone();
    let canceller = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(400));
        trigger.cancel();
    });
    let start = Instant::now();
    let (report, events) = run_with(p, network(dir.path(), &[]), cancel);
    canceller.join().expect("join");
    assert!(
        start.elapsed() < Duration::from_secs(3),
        "{:?}",
        start.elapsed()
    );
    assert!(report.cancelled);
    assert!(mirror(&report, "good").success_rate > 0.0);
    assert!(matches!(events.first(), Some(BenchEvent::Started { .. })));
    assert!(matches!(events.last(), Some(BenchEvent::Finished { .. })));
}

#[test]
fn ranking_follows_latency_and_events_stream_in_order() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fast = sim(MirrorBehavior {
        seed: 3,
        ..MirrorBehavior::default().with_latency(10, 30)
    });
    let slow = sim(MirrorBehavior {
        seed: 4,
        ..MirrorBehavior::default().with_latency(40, 30)
    });
    let narrow = sim(MirrorBehavior {
        bandwidth: Some(512 * 1024),
        ..MirrorBehavior::default().with_latency(10, 0)
    });
    let mut p = plan(vec![
        target("slow", &slow.url()),
        target("fast", &fast.url()),
        target("narrow", &narrow.url()),
    ]);
    p.throughput = Some(goproxy_core::mirrors::ThroughputPlan {
        top: 3,
        max_time: Duration::from_millis(400),
        ..Default::default()
    });
    let (report, events) = run(p.clone(), network(dir.path(), &[]));
    assert_eq!(mirror(&report, "fast").rank, Some(1), "{report:#?}");
    assert_eq!(mirror(&report, "slow").rank, Some(2), "{report:#?}");
    assert_eq!(
        mirror(&report, "narrow").rank,
        Some(3),
        "bandwidth counts: {report:#?}"
    );
    let p50 = mirror(&report, "slow")
        .kinds
        .iter()
        .find_map(|k| k.p50_ms)
        .expect("p50");
    assert!((30.0..80.0).contains(&p50), "slow p50 {p50} near 40 ms");
    let narrow_tp = mirror(&report, "narrow")
        .throughput
        .clone()
        .expect("measured");
    let fast_tp = mirror(&report, "fast")
        .throughput
        .clone()
        .expect("measured");
    assert!(
        narrow_tp.bytes_per_sec < 1024.0 * 1024.0
            && narrow_tp.bytes_per_sec < fast_tp.bytes_per_sec,
        "{narrow_tp:?} vs {fast_tp:?}"
    );
    let probes = events
        .iter()
        .filter(|e| matches!(e, BenchEvent::Probe { .. }))
        .count() as u32;
    assert_eq!(probes, p.requests_per_mirror() * 3);
    let done = events
        .iter()
        .filter(|e| matches!(e, BenchEvent::MirrorDone { .. }))
        .count();
    assert_eq!(done, 3);
    let json = serde_json::to_value(&events[0]).expect("serialisable");
    assert_eq!(json["event"], "started");
}

#[test]
fn proxies_are_used_like_go_and_custom_cas_are_trusted_per_mirror() {
    let dir = tempfile::tempdir().expect("tempdir");
    let plain = sim(MirrorBehavior::default());
    let tls = sim(MirrorBehavior::default().https());
    let proxy = SimProxy::start().expect("proxy");
    let plain_url = plain.url_with_host("proxied.test");
    // proxied.test is unknown to the test resolver, so it only works through the proxy;
    // mirror.test (in the certificate) goes through a CONNECT tunnel.
    let tls_url = tls.url_with_host("mirror.test");
    let mut p = plan(vec![target("plain", &plain_url), target("tls", &tls_url)]);
    p.throughput = None;
    let env = [("HTTP_PROXY", proxy.url()), ("HTTPS_PROXY", proxy.url())];
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (report, _) = run(p.clone(), network(dir.path(), &env));
    assert_eq!(mirror(&report, "plain").success_rate, 1.0, "{report:#?}");
    assert_eq!(mirror(&report, "tls").success_rate, 1.0, "{report:#?}");
    assert!(proxy.connections() >= 2);
    assert_eq!(report.via_proxy.as_deref(), Some(proxy.url().as_str()));
    // NO_PROXY sends them direct, where proxied.test does not resolve.
    let mut env2 = env.clone();
    env2.push(("NO_PROXY", "proxied.test"));
    let (report, _) = run(p, network(dir.path(), &env2));
    let plain = mirror(&report, "plain");
    assert!(
        plain.errors.iter().any(|e| e.class == ErrorClass::Dns),
        "{plain:#?}"
    );

    // Without the CA in SSL_CERT_FILE the handshake fails, unless the mirror brings its CA file.
    let ca = mirror_sim::test_ca().write_ca_file(dir.path()).expect("ca");
    let mut with_ca = target("with-ca", &tls.url());
    with_ca.ca_file = Some(ca);
    let without = target("without-ca", &tls.url_with_host("localhost"));
    let mut p = plan(vec![with_ca, without]);
    p.throughput = None;
    let empty = dir.path().join("empty.pem");
    std::fs::write(&empty, "").expect("empty bundle");
    let empty = empty.display().to_string();
    let (report, _) = run(p, network(dir.path(), &[("SSL_CERT_FILE", empty.as_str())]));
    assert_eq!(mirror(&report, "with-ca").success_rate, 1.0, "{report:#?}");
    let without = mirror(&report, "without-ca");
    assert_eq!(
        without.disqualified.as_ref().map(|d| d.reason),
        Some(DisqualifyReason::Unreachable)
    );
    assert!(
        without.errors[0].example.contains("unknown authority"),
        "{without:#?}"
    );
}
