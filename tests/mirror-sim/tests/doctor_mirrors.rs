//! The Doctor's quick mirror probe (which mirrors a GOPROXY fix may propose) and its findings,
//! against loopback mirrors only: the public catalogue is switched off and the candidates are
//! custom mirrors and GOPROXY entries pointing at simulated mirrors.

mod doctor_support;

use doctor_support::{check, closed_port, env, network};
use goproxy_core::context::Context;
use goproxy_core::doctor::check::{findings_from_endpoints, probe_mirrors_on};
use goproxy_core::doctor::DoctorCode;
use goproxy_core::findings::Severity;
use goproxy_core::mirrors::options::OFFLINE_CATALOGUE_VAR;
use mirror_sim::{Fault, MirrorBehavior, SimMirror};
use std::time::{Duration, Instant};

fn sim(behavior: MirrorBehavior) -> SimMirror {
    SimMirror::start(behavior).expect("start mirror")
}

#[test]
fn only_mirrors_that_answer_correctly_are_verified_fastest_first() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fast = sim(MirrorBehavior::default());
    let slow = sim(MirrorBehavior::default().with_latency(150, 0));
    let no_relay = sim(MirrorBehavior {
        sumdb_relay: false,
        ..MirrorBehavior::default().with_latency(60, 0)
    });
    // Trusted only through its own CA file (SSL_CERT_FILE below trusts nothing).
    let own_ca = sim(MirrorBehavior::default().https().with_latency(30, 0));
    let portal = sim(MirrorBehavior::default().with_fault("/@v/list", Fault::Html));
    let failing = sim(MirrorBehavior::default().with_fault("", Fault::Status(503)));
    let hanging = sim(MirrorBehavior {
        hang_on_accept: true,
        ..MirrorBehavior::default()
    });
    let in_goproxy = sim(MirrorBehavior::default().with_latency(100, 0));
    let refused = format!("http://127.0.0.1:{}", closed_port());
    let ca = mirror_sim::test_ca()
        .write_ca_file(dir.path())
        .expect("ca file");
    let empty = dir.path().join("empty.pem");
    std::fs::write(&empty, "").expect("empty bundle");
    let goproxy = format!("{},direct", in_goproxy.url());
    let env = env(
        dir.path(),
        &[
            (OFFLINE_CATALOGUE_VAR, "1"),
            ("GOPROXY", &goproxy),
            ("SSL_CERT_FILE", &empty.display().to_string()),
        ],
    );
    let config = goproxy_core::app_dirs::config_dir(&env).expect("config dir");
    std::fs::create_dir_all(&config).expect("mkdir");
    let mut toml = String::new();
    for (name, url) in [
        ("fast", fast.url()),
        ("slow", slow.url()),
        ("no-relay", no_relay.url()),
        ("portal", portal.url()),
        ("failing", failing.url()),
        ("hanging", hanging.url()),
        ("refused", refused.clone()),
    ] {
        toml.push_str(&format!(
            "[[mirror]]\nname = \"{name}\"\nurl = \"{url}\"\n\n"
        ));
    }
    toml.push_str(&format!(
        "[[mirror]]\nname = \"own-ca\"\nurl = \"{}\"\nca_file = \"{}\"\n",
        own_ca.url(),
        ca.display()
    ));
    std::fs::write(config.join("config.toml"), toml).expect("config.toml");
    let net = network(&env);
    let ctx = Context::new(env);
    let _ = ctx.detection();
    let budget = Duration::from_millis(1500);
    let start = Instant::now();
    let verified = probe_mirrors_on(&ctx, budget, net);
    let elapsed = start.elapsed();
    assert!(elapsed <= budget + budget / 10, "{elapsed:?}");
    let urls: Vec<&str> = verified.iter().map(|m| m.url.as_str()).collect();
    let expected = [
        fast.url(),
        own_ca.url(),
        no_relay.url(),
        in_goproxy.url(),
        slow.url(),
    ];
    assert_eq!(urls, expected, "{verified:#?}");
    let relays: Vec<bool> = verified.iter().map(|m| m.relays_sumdb).collect();
    assert_eq!(relays, [true, true, false, true, true]);
    assert!(verified[4].ttfb_ms >= 150, "{verified:#?}");
}

#[test]
fn findings_of_a_real_check() {
    let dir = tempfile::tempdir().expect("tempdir");
    let no_relay = sim(MirrorBehavior {
        sumdb_relay: false,
        ..MirrorBehavior::default()
    });
    let forbidden = sim(MirrorBehavior::default().with_fault("", Fault::Status(403)));
    let db = format!("http://127.0.0.1:{}", closed_port());
    let goproxy = format!("{}|{},direct", forbidden.url(), no_relay.url());
    let gosumdb = format!("sum.golang.org {db}");
    let run = check(
        dir.path(),
        &[("GOPROXY", &goproxy), ("GOSUMDB", &gosumdb)],
        Duration::from_secs(3),
    );
    let found = findings_from_endpoints(&run.endpoints);
    let summary: Vec<(DoctorCode, Option<String>, Severity)> = found
        .iter()
        .map(|f| (f.code, f.host.clone(), f.severity))
        .collect();
    let host = |url: &str| Some(url.trim_start_matches("http://").to_string());
    assert_eq!(
        summary,
        [
            (
                DoctorCode::ProxyForbidden,
                host(&forbidden.url()),
                Severity::Error
            ),
            (DoctorCode::NetRefused, host(&db), Severity::Error),
            (
                DoctorCode::ChecksumSumdbUnreachable,
                host(&db),
                Severity::Error
            ),
        ],
        "{found:#?}"
    );
    assert_eq!(found[0].params["status"], "403");
    assert_eq!(found[2].params["cause"], "net.refused");
}
