//! The benchmark engine against misbehaving simulated mirrors: every fault gets its own error
//! class, bad input becomes a per-mirror error, and the rest of the benchmark goes on.

mod engine_support;

use engine_support::{classes, mirror, network, plan, run, target};
use goproxy_core::mirrors::report::{BodyProblem, DisqualifyReason, ErrorClass, TimeoutPhase};
use mirror_sim::{Fault, MirrorBehavior, SimMirror};
use std::time::Duration;

fn sim(behavior: MirrorBehavior) -> SimMirror {
    SimMirror::start(behavior).expect("start mirror")
}

fn fast() -> MirrorBehavior {
    MirrorBehavior::default().with_latency(2, 0)
}

#[test]
fn each_fault_is_classified_and_the_rest_goes_on() {
    let dir = tempfile::tempdir().expect("tempdir");
    let good = sim(fast());
    let good2 = sim(fast().https());
    let good3 = sim(fast());
    let s503 = sim(fast().with_fault(".mod", Fault::Status(503)));
    let s404 = sim(fast().with_fault(".info", Fault::Status(404)));
    let s403 = sim(fast().with_fault("", Fault::Status(403)));
    let s418 = sim(fast().with_fault("/@v/", Fault::Status(418)));
    let reset = sim(fast().with_fault("/@v/list", Fault::Reset));
    let html = sim(fast().with_fault(".info", Fault::Html));
    let wrong = sim(fast().with_fault(".info", Fault::WrongInfoVersion));
    let huge = sim(fast().with_fault(".mod", Fault::HugeBody { bytes: 2 << 30 }));
    let redirect = sim(fast().with_fault(".info", Fault::RedirectLoop));
    let drip = sim(fast().with_fault(
        "/text/@v/v0.14.0.mod",
        Fault::SlowDrip {
            chunk: 1,
            interval: Duration::from_millis(300),
        },
    ));
    let stale = sim(MirrorBehavior {
        stale: true,
        ..fast()
    });
    let altered = sim(fast().with_fault(".mod", Fault::AlteredMod));
    let no_relay = sim(MirrorBehavior {
        sumdb_relay: false,
        ..fast()
    });
    let name_mismatch = sim(fast().https());
    let refused = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let refused_url = format!(
        "http://127.0.0.1:{}",
        refused.local_addr().expect("addr").port()
    );
    drop(refused);

    let targets = vec![
        target("good", &good.url()),
        target("good-https", &good2.url()),
        target("good3", &good3.url()),
        target("s503", &s503.url()),
        target("s404", &s404.url()),
        target("s403", &s403.url()),
        target("s418", &s418.url()),
        target("reset", &reset.url()),
        target("html", &html.url()),
        target("wrong-version", &wrong.url()),
        target("huge", &huge.url()),
        target("redirect-loop", &redirect.url()),
        target("drip", &drip.url()),
        target("stale", &stale.url()),
        target("altered", &altered.url()),
        target("no-relay", &no_relay.url()),
        target(
            "name-mismatch",
            &name_mismatch.url_with_host("wrong-name.test"),
        ),
        target("refused", &refused_url),
        target("dns", "https://no-such-mirror.test"),
        target("malformed", "goproxy.example.com"),
        target("ftp", "ftp://goproxy.example.com"),
        target("duplicate", &format!("{}/", good.url())),
    ];
    let mut plan = plan(targets);
    plan.connections_per_mirror = 2;
    let (report, _events) = run(plan, network(dir.path(), &[]));

    let has = |name: &str, class: ErrorClass| {
        let m = mirror(&report, name);
        assert!(
            classes(m).contains(&class),
            "{name}: expected {class:?} in {:#?}",
            m.errors
        );
        m
    };
    let status = |code| ErrorClass::HttpStatus { code };
    let body = |problem| ErrorClass::Body { problem };
    let disq = |name: &str| {
        mirror(&report, name)
            .disqualified
            .as_ref()
            .map(|d| d.reason)
            .unwrap_or_else(|| panic!("{name} should be disqualified"))
    };
    for name in ["good", "good-https", "good3", "no-relay"] {
        let m = mirror(&report, name);
        assert!(m.errors.is_empty(), "{name}: {:#?}", m.errors);
        assert!(m.rank.is_some() && m.success_rate == 1.0, "{name}: {m:#?}");
    }
    assert_eq!(mirror(&report, "good").sumdb_relay, Some(true));
    assert_eq!(mirror(&report, "no-relay").sumdb_relay, Some(false));
    has("s503", status(503));
    has("s404", status(404));
    assert_eq!(
        disq(has("s403", status(403)).name.as_str()),
        DisqualifyReason::Unreliable
    );
    has("s418", status(418));
    has("reset", ErrorClass::Reset);
    has("html", body(BodyProblem::Html));
    assert_eq!(disq("html"), DisqualifyReason::WrongContent);
    has("wrong-version", body(BodyProblem::WrongVersion));
    assert_eq!(disq("wrong-version"), DisqualifyReason::WrongContent);
    has("huge", body(BodyProblem::Oversize));
    has("redirect-loop", ErrorClass::Redirect);
    has(
        "drip",
        ErrorClass::Timeout {
            phase: TimeoutPhase::Body,
        },
    );
    let st = mirror(&report, "stale");
    assert!(
        st.stale
            .iter()
            .any(|s| s.module == "golang.org/x/net"
                && s.missing_versions == vec!["v0.22.0".to_string()]),
        "{:#?}",
        st.stale
    );
    let alt = mirror(&report, "altered");
    assert_eq!(disq("altered"), DisqualifyReason::WrongContent);
    assert!(alt.stale.iter().any(|s| s.mod_differs), "{alt:#?}");
    let mm = has("name-mismatch", ErrorClass::Tls);
    assert!(mm.errors[0].example.contains("name mismatch"), "{mm:#?}");
    assert_eq!(disq("name-mismatch"), DisqualifyReason::Unreachable);
    has("refused", ErrorClass::Connect);
    has("dns", ErrorClass::Dns);
    for name in ["malformed", "ftp", "duplicate"] {
        assert_eq!(disq(name), DisqualifyReason::Invalid, "{name}");
    }
    let msg = |name: &str| {
        mirror(&report, name)
            .disqualified
            .as_ref()
            .map(|d| d.message.clone())
            .unwrap_or_default()
    };
    assert!(
        msg("malformed").contains("not a URL"),
        "{}",
        msg("malformed")
    );
    assert!(msg("ftp").contains("unsupported scheme"), "{}", msg("ftp"));
    assert!(
        msg("duplicate").contains("listed twice"),
        "{}",
        msg("duplicate")
    );

    // Ranked mirrors first, each with an explained score; the recommendation uses the best two.
    let ranked: Vec<&str> = report
        .mirrors
        .iter()
        .filter(|m| m.rank.is_some())
        .map(|m| m.name.as_str())
        .collect();
    assert!(ranked.len() >= 4, "{ranked:?}");
    for m in report.mirrors.iter().filter(|m| m.rank.is_some()) {
        let s = m.score.as_ref().expect("score");
        assert!(s.explanation.ends_with('.') && s.total_ms > 0.0, "{s:#?}");
    }
    let rec = report.recommendation.as_ref().expect("recommendation");
    assert_eq!(rec.mirrors.len(), 2);
    assert!(
        rec.goproxy.contains('|') && rec.goproxy.ends_with(",direct"),
        "{rec:#?}"
    );
    assert!(
        !report.deadline_hit,
        "finished before the deadline: {}",
        report.elapsed_ms
    );
    // A benchmark never writes anything.
    assert!(!dir.path().join("home").exists());
}
