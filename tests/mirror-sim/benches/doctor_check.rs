//! `make bench`: the Doctor's connectivity check against 6 loopback endpoints of which 2 hang
//! (one silent after accept, one never answering its request), next to the budget; and the same
//! 6 endpoints all healthy. Prints figures and the target (never more than 10 % over the
//! budget) with pass/fail; it asserts nothing.

use goproxy_core::context::Context;
use goproxy_core::doctor::check::{check_endpoints, CheckOptions};
use goproxy_core::doctor::EndpointCheck;
use goproxy_core::mirrors::stats::median;
use goproxy_core::net::Network;
use goproxy_core::sysenv::SysEnv;
use mirror_sim::{Fault, MirrorBehavior, SimMirror};
use std::time::{Duration, Instant};

const RUNS: usize = 3;

/// A context over a sandbox in `dir` (no go on PATH, the test CA trusted), with `goproxy` and
/// `gosumdb`, and its network.
fn context(dir: &std::path::Path, goproxy: &str, gosumdb: &str) -> (Context, Network) {
    let ca = mirror_sim::test_ca().write_ca_file(dir).expect("ca");
    let p = |name: &str| dir.join(name).display().to_string();
    let env = SysEnv::from_vars([
        ("HOME", p("home")),
        ("XDG_CONFIG_HOME", p("config")),
        ("GOENV", p("goenv")),
        ("NETRC", p("netrc")),
        ("PATH", p("bin")),
        ("SSL_CERT_FILE", ca.display().to_string()),
        ("SSL_CERT_DIR", p("none")),
        ("GOPROXY", goproxy.to_string()),
        ("GOSUMDB", gosumdb.to_string()),
    ]);
    let network = Network::from_env(&env).hosts_only();
    let ctx = Context::new(env);
    let _ = ctx.detection();
    (ctx, network)
}

/// Wall time of one check, and the endpoints it reported.
fn timed(ctx: &Context, network: &Network, budget: Duration) -> (f64, Vec<EndpointCheck>) {
    let options = CheckOptions {
        budget,
        network: Some(network.clone()),
        keychain: None,
    };
    let start = Instant::now();
    let endpoints = check_endpoints(ctx, &options, &|_| {});
    (start.elapsed().as_secs_f64() * 1000.0, endpoints)
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
    let good: Vec<SimMirror> = (0..4)
        .map(|_| SimMirror::start(MirrorBehavior::default().https()).expect("start"))
        .collect();
    let silent = SimMirror::start(MirrorBehavior {
        hang_on_accept: true,
        ..MirrorBehavior::default().https()
    })
    .expect("start");
    let no_answer =
        SimMirror::start(MirrorBehavior::default().with_fault("", Fault::Hang)).expect("start");
    let proxies = [&good[0], &silent, &good[1], &no_answer, &good[2]];
    let goproxy: Vec<String> = proxies.iter().map(|m| m.url()).collect();
    let gosumdb = format!("sum.golang.org {}", good[3].url());
    let (hanging, net_h) = context(dir.path(), &goproxy.join("|"), &gosumdb);
    let healthy_urls: Vec<String> = good.iter().take(3).map(|m| m.url()).collect();
    let extra: Vec<SimMirror> = (0..2)
        .map(|_| SimMirror::start(MirrorBehavior::default().https()).expect("start"))
        .collect();
    let mut all_good = healthy_urls.clone();
    all_good.extend(extra.iter().map(|m| m.url()));
    let (healthy, net_ok) = context(dir.path(), &all_good.join("|"), &gosumdb);

    println!("Doctor connectivity check (6 endpoints on 127.0.0.1: 5 GOPROXY entries + the checksum database)\n");
    let mut worst_over = f64::MIN;
    for (budget, runs) in [(Duration::from_secs(10), 1), (Duration::from_secs(2), RUNS)] {
        let budget_ms = budget.as_secs_f64() * 1000.0;
        let mut walls = Vec::new();
        let mut timeouts = 0;
        for _ in 0..runs {
            let (wall, endpoints) = timed(&hanging, &net_h, budget);
            timeouts = endpoints
                .iter()
                .filter(|e| {
                    e.steps
                        .last()
                        .is_some_and(|s| s.code.map(|c| c.as_str()) == Some("net.timeout"))
                })
                .count();
            walls.push(wall);
        }
        let worst = walls.iter().copied().fold(f64::MIN, f64::max);
        let over = (worst - budget_ms) / budget_ms * 100.0;
        worst_over = worst_over.max(over);
        println!(
            "  2 of 6 hang, budget {:>5.0} ms: wall median {:>8.1} ms, worst {:>8.1} ms ({over:+.2} % of the budget; {runs} run(s)); endpoints reported net.timeout: {timeouts}",
            budget_ms,
            median(&walls).unwrap_or_default(),
            worst,
        );
    }
    let mut walls = Vec::new();
    for _ in 0..RUNS {
        walls.push(timed(&healthy, &net_ok, Duration::from_secs(10)).0);
    }
    println!(
        "  all 6 healthy,  budget 10000 ms: wall median {:>8.1} ms ({RUNS} runs)",
        median(&walls).unwrap_or_default()
    );
    println!("\ntargets:");
    println!(
        "  wall time never more than 10 % over the budget:  worst {worst_over:+.2} %  {}",
        verdict(worst_over <= 10.0)
    );
}
