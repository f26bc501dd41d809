//! `make bench`: the benchmark engine against simulated mirrors with known ground truth, side by
//! side with a single-request method (like `nrm test`), a sequential-throughput method (like
//! chsrc) and curl. Prints figures and the targets with pass/fail; it asserts nothing.

use goproxy_core::mirrors::report::BenchReport;
use goproxy_core::mirrors::stats::median;
use goproxy_core::mirrors::{
    run_blocking, BenchEvent, BenchPlan, BenchTarget, CancelToken, Network,
};
use goproxy_core::net::{Client, RequestOptions};
use goproxy_core::sysenv::SysEnv;
use mirror_sim::{Fault, MirrorBehavior, SimMirror};
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const RUNS: usize = 3;
const TRIALS: usize = 20;
const JITTER: u32 = 30;

struct Scenario {
    mirrors: Vec<SimMirror>,
    /// Injected median latency per mirror (ms), same order as `mirrors`.
    latency: Vec<f64>,
    names: Vec<String>,
}

/// 8 mirrors whose latencies differ by 15 % each (80 ms … 213 ms, so with ±30 % jitter every
/// answer comes within 300 ms), started in a scrambled order.
fn ranking_scenario() -> Scenario {
    let order = [5usize, 2, 7, 0, 3, 6, 1, 4];
    let mut s = Scenario {
        mirrors: Vec::new(),
        latency: Vec::new(),
        names: Vec::new(),
    };
    for (i, &k) in order.iter().enumerate() {
        let ms = 80.0 * 1.15f64.powi(k as i32);
        let behavior = MirrorBehavior {
            seed: 11 + i as u64,
            ..MirrorBehavior::default().with_latency(ms.round() as u64, JITTER)
        };
        s.mirrors.push(SimMirror::start(behavior).expect("start"));
        s.latency.push(ms.round());
        s.names.push(format!("m{}", i + 1));
    }
    s
}

fn network(dir: &std::path::Path) -> Network {
    let ca = mirror_sim::test_ca().write_ca_file(dir).expect("ca");
    Network::from_env(&SysEnv::from_vars([
        ("SSL_CERT_FILE", ca.display().to_string()),
        ("SSL_CERT_DIR", dir.join("none").display().to_string()),
    ]))
}

fn plan(s: &Scenario, deadline: Duration) -> BenchPlan {
    let targets = s
        .mirrors
        .iter()
        .zip(&s.names)
        .map(|(m, n)| BenchTarget::new(n, &m.url()))
        .collect();
    let mut p = BenchPlan::new(targets);
    p.sumdb_checks.clear();
    p.deadline = deadline;
    p
}

/// Names by true latency, fastest first.
fn truth(s: &Scenario) -> Vec<String> {
    let mut idx: Vec<usize> = (0..s.names.len()).collect();
    idx.sort_by(|a, b| s.latency[*a].total_cmp(&s.latency[*b]));
    idx.into_iter().map(|i| s.names[i].clone()).collect()
}

fn ranked(report: &BenchReport) -> Vec<String> {
    report
        .mirrors
        .iter()
        .filter(|m| m.rank.is_some())
        .map(|m| m.name.clone())
        .collect()
}

fn run(plan: BenchPlan, network: Network) -> (BenchReport, Vec<BenchEvent>) {
    let events = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&events);
    let report = run_blocking(
        plan,
        network,
        Arc::new(move |e| {
            if let Ok(mut v) = sink.lock() {
                v.push(e);
            }
        }),
        CancelToken::new(),
    )
    .expect("runtime");
    let events = events.lock().map(|v| v.clone()).unwrap_or_default();
    (report, events)
}

fn verdict(ok: bool) -> &'static str {
    if ok {
        "PASS"
    } else {
        "FAIL"
    }
}

fn main() {
    let dir = tempfile::tempdir().expect("tempdir");
    let net = network(dir.path());
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    println!("mirror benchmark (simulated mirrors on 127.0.0.1, ±{JITTER}% jitter, {RUNS} runs)\n");

    // 1. Our engine: wall time, ranking, median error against the injected delays.
    let s = ranking_scenario();
    let want = truth(&s);
    let mut walls = Vec::new();
    let mut right = 0;
    let mut worst_err = 0.0f64;
    let mut worst_allowed_ratio = 0.0f64;
    let mut sampling = Vec::new();
    for _ in 0..RUNS {
        let before: Vec<usize> = s.mirrors.iter().map(|m| m.requests().len()).collect();
        let (report, events) = run(plan(&s, Duration::from_secs(10)), net.clone());
        walls.push(report.elapsed_ms);
        right += usize::from(ranked(&report) == want);
        let mut ours: BTreeMap<String, Vec<f64>> = BTreeMap::new();
        for e in &events {
            if let BenchEvent::Probe {
                mirror,
                timings: Some(t),
                ..
            } = e
            {
                ours.entry(mirror.clone()).or_default().push(t.total_ms);
            }
        }
        for (i, m) in s.mirrors.iter().enumerate() {
            let injected: Vec<f64> = m.requests()[before[i]..]
                .iter()
                .filter(|r| !r.path.ends_with(".zip"))
                .map(|r| r.delay.as_secs_f64() * 1000.0)
                .collect();
            let ours_p50 = median(ours.get(&s.names[i]).map(Vec::as_slice).unwrap_or(&[]));
            if let (Some(o), Some(t)) = (ours_p50, median(&injected)) {
                let err = (o - t).abs();
                worst_err = worst_err.max(err);
                worst_allowed_ratio = worst_allowed_ratio.max(err / (0.05 * t + 2.0));
            }
            sampling.push(injected.iter().sum::<f64>() / 4.0);
        }
    }
    let wall = median(&walls).unwrap_or(0.0);
    let slowest_sampling = sampling.iter().copied().fold(0.0, f64::max);
    println!("engine: 8 mirrors x 3 rounds, 39 metadata requests each + throughput of the top 3");
    println!(
        "  wall time (median of {RUNS}):            {:>8.0} ms",
        wall
    );
    println!(
        "  slowest mirror's own sampling time:     {:>8.0} ms  (sum of its injected delays / 4 connections)",
        slowest_sampling
    );
    println!("  ranking right:                          {right}/{RUNS} runs");
    println!("  median error vs injected delays:  worst {worst_err:>6.2} ms ({:.0}% of the 5%+2 ms allowance)", worst_allowed_ratio * 100.0);

    // 2. A hanging mirror against the deadline.
    let deadline = Duration::from_secs(3);
    let mut hang = ranking_scenario();
    hang.mirrors[0] = SimMirror::start(MirrorBehavior {
        hang_on_accept: true,
        ..MirrorBehavior::default()
    })
    .expect("hang");
    hang.mirrors[1] =
        SimMirror::start(MirrorBehavior::default().with_fault("", Fault::Hang)).expect("hang");
    let mut p = plan(&hang, deadline);
    p.request_timeout = Duration::from_secs(60);
    p.connect_timeout = Duration::from_secs(60);
    p.max_timeouts = 1000;
    let start = Instant::now();
    let (report, _) = run(p, net.clone());
    let hang_wall = start.elapsed().as_secs_f64() * 1000.0;
    let past = (hang_wall / (deadline.as_secs_f64() * 1000.0) - 1.0).max(0.0);
    println!("\nhanging mirrors (one silent after accept, one never answering), deadline 3 s:");
    println!(
        "  ended after {hang_wall:.0} ms ({:.1}% past the deadline); {} of 8 ranked",
        past * 100.0,
        ranked(&report).len()
    );

    // 3. Our single-request timing against curl's time_starttransfer.
    let curl_mirror =
        SimMirror::start(MirrorBehavior::default().with_latency(50, 0)).expect("curl mirror");
    let path = "/golang.org/x/text/@v/v0.14.0.mod";
    let one = Client::new(net.clone()).expect("one shot");
    let options = RequestOptions::new(Duration::from_secs(5), 1 << 20);
    let mut ours = Vec::new();
    let mut curls = Vec::new();
    for _ in 0..TRIALS {
        if let Ok(r) = runtime.block_on(one.get(&format!("{}{path}", curl_mirror.url()), &options))
        {
            let c = r
                .timings
                .connect
                .map(|c| c.connect_ms + c.dns_ms.unwrap_or(0.0))
                .unwrap_or(0.0);
            ours.push(c + r.timings.ttfb_ms);
        }
        let out = std::process::Command::new("curl")
            .args(["-s", "-o", "/dev/null", "-w", "%{time_starttransfer}"])
            .arg(format!("{}{path}", curl_mirror.url()))
            .output();
        if let Ok(out) = out {
            if let Ok(secs) = String::from_utf8_lossy(&out.stdout).trim().parse::<f64>() {
                curls.push(secs * 1000.0);
            }
        }
    }
    let (o, c) = (median(&ours).unwrap_or(0.0), median(&curls).unwrap_or(0.0));
    let overhead = if c > 0.0 { o / c - 1.0 } else { f64::NAN };
    println!("\nsingle request, 50 ms server latency, fresh connection ({TRIALS} each, medians):");
    println!("  ours (connect + time to first byte):   {o:>7.2} ms");
    println!(
        "  curl time_starttransfer:               {c:>7.2} ms   (overhead {:+.1}%)",
        overhead * 100.0
    );

    // 4. A single-request method (like `nrm test`): one GET per mirror, all at once.
    let mut nrm_right = 0;
    let mut nrm_walls = Vec::new();
    for _ in 0..TRIALS {
        let t0 = Instant::now();
        let results: Vec<(String, f64)> = runtime.block_on(async {
            let mut set = tokio::task::JoinSet::new();
            for (m, n) in s.mirrors.iter().zip(&s.names) {
                let (url, n) = (m.url(), n.clone());
                let one = Client::new(net.clone()).expect("one shot");
                set.spawn(async move {
                    let r = one
                        .get(
                            &format!("{url}/golang.org/x/text/@v/list"),
                            &RequestOptions::new(Duration::from_secs(5), 1 << 20),
                        )
                        .await;
                    (n, r.map(|r| r.timings.ttfb_ms).unwrap_or(f64::MAX))
                });
            }
            let mut v = Vec::new();
            while let Some(Ok(r)) = set.join_next().await {
                v.push(r);
            }
            v
        });
        nrm_walls.push(t0.elapsed().as_secs_f64() * 1000.0);
        let mut sorted = results;
        sorted.sort_by(|a, b| a.1.total_cmp(&b.1));
        nrm_right += usize::from(sorted.into_iter().map(|(n, _)| n).collect::<Vec<_>>() == want);
    }

    // 5. A sequential-throughput method (like chsrc): download one zip per mirror in turn.
    let mut chsrc_right = 0;
    let mut chsrc_walls = Vec::new();
    for _ in 0..RUNS {
        let t0 = Instant::now();
        let mut speeds = Vec::new();
        for (m, n) in s.mirrors.iter().zip(&s.names) {
            let r = runtime.block_on(one.get(
                &format!("{}/golang.org/x/text/@v/v0.14.0.zip", m.url()),
                &RequestOptions::new(Duration::from_secs(8), 64 << 20),
            ));
            let speed = r
                .map(|r| {
                    let c = r.timings.connect.map(|c| c.connect_ms).unwrap_or(0.0);
                    r.timings.bytes as f64 / (c + r.timings.total_ms)
                })
                .unwrap_or(0.0);
            speeds.push((n.clone(), speed));
        }
        chsrc_walls.push(t0.elapsed().as_secs_f64() * 1000.0);
        speeds.sort_by(|a, b| b.1.total_cmp(&a.1));
        chsrc_right += usize::from(speeds.into_iter().map(|(n, _)| n).collect::<Vec<_>>() == want);
    }
    println!("\nthe same 8 mirrors ranked by other methods:");
    println!(
        "  {:<44} {:>10} {:>14}",
        "method", "wall ms", "ranking right"
    );
    println!(
        "  {:<44} {:>10.0} {:>10}/{RUNS}",
        "ours (3 rounds, p50/p90, all at once)", wall, right
    );
    println!(
        "  {:<44} {:>10.0} {:>10}/{TRIALS}",
        "single request per mirror (nrm test)",
        median(&nrm_walls).unwrap_or(0.0),
        nrm_right
    );
    println!(
        "  {:<44} {:>10.0} {:>10}/{RUNS}",
        "sequential zip download (chsrc)",
        median(&chsrc_walls).unwrap_or(0.0),
        chsrc_right
    );

    println!("\ntargets:");
    println!(
        "  [{}] 8 mirrors x 3 rounds within 5 s (each answers within 300 ms): {wall:.0} ms",
        verdict(wall <= 5000.0)
    );
    println!(
        "  [{}] a hanging mirror ends the run at most 10% past the deadline: {:.1}%",
        verdict(past <= 0.10),
        past * 100.0
    );
    println!(
        "  [{}] ranking right when true medians differ >= 15% under ±30% jitter: {right}/{RUNS}",
        verdict(right == RUNS)
    );
    println!(
        "  [{}] median latency error <= 5% + 2 ms: worst {worst_err:.2} ms",
        verdict(worst_allowed_ratio <= 1.0)
    );
    println!(
        "  [{}] timing overhead against curl <= 10%: {:+.1}%",
        verdict(overhead.abs() <= 0.10),
        overhead * 100.0
    );
}
