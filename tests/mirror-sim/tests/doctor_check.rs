//! The Doctor's connectivity check against loopback servers: each failure gets its code on the
//! step where it happens, proxies in HTTPS_PROXY are used as go uses them, and the budget holds
//! however the endpoints misbehave.

mod doctor_support;
#[path = "doctor_log_real/servers.rs"]
#[allow(dead_code)]
mod servers;

use doctor_support::{check, closed_port, plain_http_server};
use goproxy_core::doctor::{DoctorCode, EndpointNote, EndpointRole, StepKind};
use mirror_sim::{Credential, Fault, MirrorBehavior, SimMirror, SimProxy};
use std::time::Duration;

const BUDGET: Duration = Duration::from_secs(3);

fn sim(behavior: MirrorBehavior) -> SimMirror {
    SimMirror::start(behavior).expect("start mirror")
}

fn steps(e: &goproxy_core::doctor::EndpointCheck) -> Vec<(StepKind, bool, Option<DoctorCode>)> {
    e.steps.iter().map(|s| (s.step, s.ok, s.code)).collect()
}

/// The failed step and its code.
fn failure(e: &goproxy_core::doctor::EndpointCheck) -> (StepKind, Option<DoctorCode>) {
    let last = e.steps.last().expect("a step");
    assert!(!e.ok && !last.ok, "{e:#?}");
    (last.step, last.code)
}

#[test]
fn healthy_https_proxy_with_relay_and_direct_without_a_known_host() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mirror = sim(MirrorBehavior::default().https());
    let url = mirror.url();
    let goproxy = format!("{url},direct");
    let run = check(
        dir.path(),
        &[("GOPROXY", &goproxy), ("GOSUMDB", "sum.golang.org")],
        BUDGET,
    );
    let proxy = run.endpoint(&url);
    assert_eq!(proxy.role, EndpointRole::Proxy);
    assert!(proxy.ok, "{proxy:#?}");
    let kinds: Vec<StepKind> = proxy.steps.iter().map(|s| s.step).collect();
    assert_eq!(
        kinds,
        [StepKind::Dns, StepKind::Tcp, StepKind::Tls, StepKind::Http]
    );
    assert_eq!(proxy.steps[3].status, Some(200));
    assert_eq!(proxy.sumdb_relay, Some(true));
    assert_eq!(proxy.via, None, "loopback never goes through a proxy");
    let log = mirror.requests();
    assert_eq!(log[0].path, "/sumdb/sum.golang.org/supported");
    // `direct`: the modules' own hosts, none known here.
    let direct = run.endpoint("direct");
    assert_eq!(direct.role, EndpointRole::Direct);
    assert_eq!(direct.note, Some(EndpointNote::NoKnownHost));
    assert!(direct.steps.is_empty() && direct.ok);
    // The checksum database itself: this hermetic network resolves no public name.
    let sumdb = run.endpoint("https://sum.golang.org");
    assert_eq!(sumdb.role, EndpointRole::Sumdb);
    assert_eq!(failure(sumdb), (StepKind::Dns, Some(DoctorCode::NetDns)));
    // The order: GOPROXY entries as written, then the checksum database.
    let urls: Vec<&str> = run.endpoints.iter().map(|e| e.url.as_str()).collect();
    assert_eq!(urls, [url.as_str(), "direct", "https://sum.golang.org"]);
}

#[test]
fn a_proxy_without_relay_says_so_and_an_explicit_sumdb_url_is_not_asked_for() {
    let dir = tempfile::tempdir().expect("tempdir");
    let no_relay = sim(MirrorBehavior {
        sumdb_relay: false,
        ..MirrorBehavior::default()
    });
    let sumdb = sim(MirrorBehavior::default());
    let gosumdb = format!("sum.golang.org {}", sumdb.url());
    let run = check(
        dir.path(),
        &[("GOPROXY", &no_relay.url()), ("GOSUMDB", &gosumdb)],
        BUDGET,
    );
    let proxy = run.endpoint(&no_relay.url());
    assert!(proxy.ok, "404 on supported is a working proxy: {proxy:#?}");
    assert_eq!(proxy.steps.last().and_then(|s| s.status), Some(404));
    // With an explicit URL the go command never asks a proxy for the database.
    assert_eq!(proxy.sumdb_relay, None);
    let db = run.endpoint(&sumdb.url());
    assert!(db.ok, "{db:#?}");
    assert_eq!(sumdb.requests()[0].path, "/latest");
    // Plain http: no tls step.
    let kinds: Vec<StepKind> = db.steps.iter().map(|s| s.step).collect();
    assert_eq!(kinds, [StepKind::Dns, StepKind::Tcp, StepKind::Http]);
}

#[test]
fn refused_port_and_plain_http_on_an_https_url() {
    let dir = tempfile::tempdir().expect("tempdir");
    let refused = format!("http://127.0.0.1:{}", closed_port());
    let plain = format!("https://127.0.0.1:{}", plain_http_server());
    let goproxy = format!("{refused}|{plain}");
    let run = check(dir.path(), &[("GOPROXY", &goproxy)], BUDGET);
    let r = run.endpoint(&refused);
    assert_eq!(failure(r), (StepKind::Tcp, Some(DoctorCode::NetRefused)));
    assert_eq!(steps(r)[0], (StepKind::Dns, true, None));
    assert_eq!(
        failure(run.endpoint(&plain)),
        (StepKind::Tls, Some(DoctorCode::TlsNotTls))
    );
}

#[test]
fn unknown_authority_is_its_own_code() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mirror = sim(MirrorBehavior::default().https());
    let empty_bundle = dir.path().join("empty.pem");
    std::fs::write(&empty_bundle, "").expect("write");
    let bundle = empty_bundle.display().to_string();
    let run = check(
        dir.path(),
        &[("GOPROXY", &mirror.url()), ("SSL_CERT_FILE", &bundle)],
        BUDGET,
    );
    assert_eq!(
        failure(run.endpoint(&mirror.url())),
        (StepKind::Tls, Some(DoctorCode::TlsUnknownAuthority))
    );
}

#[test]
fn a_certificate_for_another_name_or_expired_has_its_own_code() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (other_port, other_cert) = servers::tls_server(dir.path(), &["other.test"], false);
    let (expired_port, expired_cert) = servers::tls_server(dir.path(), &["127.0.0.1"], true);
    // The bundle trusts both certificates, so only the name or the dates can fail.
    let bundle = dir.path().join("both.pem");
    let pem = [&other_cert, &expired_cert]
        .map(|f| std::fs::read_to_string(f).expect("read"))
        .concat();
    std::fs::write(&bundle, pem).expect("write");
    let other = format!("https://127.0.0.1:{other_port}");
    let expired = format!("https://127.0.0.1:{expired_port}");
    let goproxy = format!("{other}|{expired}");
    let bundle = bundle.display().to_string();
    let run = check(
        dir.path(),
        &[("GOPROXY", &goproxy), ("SSL_CERT_FILE", &bundle)],
        BUDGET,
    );
    assert_eq!(
        failure(run.endpoint(&other)),
        (StepKind::Tls, Some(DoctorCode::TlsNameMismatch))
    );
    assert_eq!(
        failure(run.endpoint(&expired)),
        (StepKind::Tls, Some(DoctorCode::TlsExpired))
    );
}

#[test]
fn statuses_401_403_5xx_and_418() {
    let dir = tempfile::tempdir().expect("tempdir");
    let auth = sim(MirrorBehavior::default().with_auth("/", Credential::basic("u", "p")));
    let forbidden = sim(MirrorBehavior::default().with_fault("", Fault::Status(403)));
    let failing = sim(MirrorBehavior::default().with_fault("", Fault::Status(502)));
    let teapot = sim(MirrorBehavior::default().with_fault("", Fault::Status(418)));
    let goproxy = [&auth, &forbidden, &failing, &teapot]
        .iter()
        .map(|m| m.url())
        .collect::<Vec<_>>()
        .join("|");
    let run = check(dir.path(), &[("GOPROXY", &goproxy)], BUDGET);
    for (m, code, status) in [
        (&auth, DoctorCode::ProxyUnauthorized, 401),
        (&forbidden, DoctorCode::ProxyForbidden, 403),
        (&failing, DoctorCode::ProxyServerError, 502),
        (&teapot, DoctorCode::ProxyTeapot, 418),
    ] {
        let e = run.endpoint(&m.url());
        assert_eq!(failure(e), (StepKind::Http, Some(code)), "{e:#?}");
        assert_eq!(e.steps.last().and_then(|s| s.status), Some(status));
        assert_eq!(e.sumdb_relay, None);
    }
}

#[test]
fn credentials_in_the_proxy_url_are_sent_and_never_shown() {
    let dir = tempfile::tempdir().expect("tempdir");
    let auth = sim(MirrorBehavior::default()
        .https()
        .with_auth("/", Credential::basic("u", "s3cret")));
    let with_user = auth.url().replace("https://", "https://u:s3cret@");
    let run = check(dir.path(), &[("GOPROXY", &with_user)], BUDGET);
    let e = run.endpoint(&auth.url());
    assert!(e.ok, "{e:#?}");
    let json = serde_json::to_string(&run.endpoints).expect("json");
    assert!(!json.contains("s3cret"), "{json}");
}

#[test]
fn through_https_proxy_with_no_proxy_bypass_and_failing_proxies() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mirror = sim(MirrorBehavior::default().https());
    let url = mirror.url_with_host("mirror.test");
    let forward = SimProxy::start().expect("proxy");
    let run = check(
        dir.path(),
        &[("GOPROXY", &url), ("HTTPS_PROXY", &forward.url())],
        BUDGET,
    );
    let e = run.endpoint(&url);
    assert!(e.ok, "{e:#?}");
    assert_eq!(e.via.as_deref(), Some(forward.url().as_str()));
    assert_eq!(forward.connections(), 1);

    let run = check(
        dir.path(),
        &[
            ("GOPROXY", &url),
            ("HTTPS_PROXY", &forward.url()),
            ("NO_PROXY", "mirror.test"),
        ],
        BUDGET,
    );
    let e = run.endpoint(&url);
    assert!(e.ok && e.via.is_none(), "{e:#?}");
    assert_eq!(forward.connections(), 1, "NO_PROXY bypassed the proxy");

    // A proxy that refuses CONNECT (a plain web server answers 405), and one that is down.
    let refusing = sim(MirrorBehavior::default());
    for proxy in [
        refusing.url(),
        format!("http://127.0.0.1:{}", closed_port()),
    ] {
        let run = check(
            dir.path(),
            &[
                ("GOPROXY", &url),
                ("HTTPS_PROXY", &format!("user:pw@{}", &proxy[7..])),
            ],
            BUDGET,
        );
        let e = run.endpoint(&url);
        assert_eq!(
            failure(e),
            (StepKind::Tcp, Some(DoctorCode::NetHttpProxy)),
            "{proxy}: {e:#?}"
        );
        assert_eq!(e.via.as_deref(), Some(proxy.as_str()), "no credentials");
    }
}

#[test]
fn budget_holds_with_two_of_six_endpoints_hanging() {
    let dir = tempfile::tempdir().expect("tempdir");
    let good: Vec<SimMirror> = (0..4)
        .map(|_| sim(MirrorBehavior::default().https()))
        .collect();
    let hang_tls = sim(MirrorBehavior {
        hang_on_accept: true,
        ..MirrorBehavior::default().https()
    });
    let hang_http = sim(MirrorBehavior::default().with_fault("", Fault::Hang));
    let mut urls: Vec<String> = good.iter().map(SimMirror::url).collect();
    urls.insert(1, hang_tls.url());
    urls.insert(3, hang_http.url());
    let budget = Duration::from_millis(1500);
    let run = check(dir.path(), &[("GOPROXY", &urls.join("|"))], budget);
    assert!(
        run.elapsed <= budget + budget / 10,
        "{:?} for a budget of {budget:?}",
        run.elapsed
    );
    assert!(run.elapsed >= budget - Duration::from_millis(100));
    assert_eq!(run.endpoints.len(), 6);
    for m in &good {
        assert!(run.endpoint(&m.url()).ok);
    }
    let stuck = run.endpoint(&hang_tls.url());
    assert_eq!(
        failure(stuck),
        (StepKind::Tls, Some(DoctorCode::NetTimeout))
    );
    assert!(
        stuck.steps.last().map(|s| s.ms).unwrap_or(0) >= 1000,
        "{stuck:#?}"
    );
    assert_eq!(
        failure(run.endpoint(&hang_http.url())),
        (StepKind::Http, Some(DoctorCode::NetTimeout))
    );
    assert!(run.endpoints.iter().all(|e| !e.running));
}

#[test]
fn a_dripping_endpoint_ends_within_the_budget() {
    let dir = tempfile::tempdir().expect("tempdir");
    // One byte a second of every body: the check needs only the status line and headers, so
    // the endpoint is judged at once and never holds the run.
    let drip = sim(MirrorBehavior::default().with_fault(
        "",
        Fault::SlowDrip {
            chunk: 1,
            interval: Duration::from_secs(1),
        },
    ));
    let db = sim(MirrorBehavior::default().with_fault(
        "/latest",
        Fault::SlowDrip {
            chunk: 1,
            interval: Duration::from_secs(1),
        },
    ));
    let budget = Duration::from_millis(1500);
    let gosumdb = format!("sum.golang.org {}", db.url());
    let run = check(
        dir.path(),
        &[("GOPROXY", &drip.url()), ("GOSUMDB", &gosumdb)],
        budget,
    );
    assert!(run.elapsed < budget, "{:?}", run.elapsed);
    for e in &run.endpoints {
        assert!(e.ok, "{e:#?}");
        assert_eq!(e.steps.last().and_then(|s| s.status), Some(200));
    }
}

#[test]
fn progress_reports_each_step_in_order_and_ends_with_the_result() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mirror = sim(MirrorBehavior::default().https());
    let url = mirror.url();
    let run = check(dir.path(), &[("GOPROXY", &format!("{url},direct"))], BUDGET);
    let mine: Vec<_> = run.progress.iter().filter(|e| e.url == url).collect();
    let shape: Vec<(usize, bool)> = mine.iter().map(|e| (e.steps.len(), e.running)).collect();
    assert_eq!(
        shape,
        [(0, true), (1, true), (2, true), (3, true), (4, false)],
        "{mine:#?}"
    );
    assert_eq!(*mine[4], *run.endpoint(&url));
    // The listed-only `direct` is reported once, done.
    let direct: Vec<_> = run.progress.iter().filter(|e| e.url == "direct").collect();
    assert_eq!(direct.len(), 1);
    assert!(!direct[0].running);
}

#[test]
fn private_hosts_from_hosts_toml_and_patterns_with_their_route() {
    let dir = tempfile::tempdir().expect("tempdir");
    let proxy = sim(MirrorBehavior::default());
    let host = sim(MirrorBehavior::default().https());
    let prefix = format!("mirror.test:{}", host.addr().port());
    let env = doctor_support::env(dir.path(), &[]);
    let config = goproxy_core::app_dirs::config_dir(&env).expect("config dir");
    std::fs::create_dir_all(&config).expect("mkdir");
    std::fs::write(
        config.join("hosts.toml"),
        format!("[[host]]\nprefix = \"{prefix}\"\nuser = \"u\"\n"),
    )
    .expect("hosts.toml");
    let goproxy = format!("{},direct", proxy.url());
    // GOPRIVATE routes mirror.test and git.corp.test direct (GONOPROXY defaults to it).
    let run = check(
        dir.path(),
        &[
            ("GOPROXY", &goproxy),
            ("GOPRIVATE", "mirror.test,git.corp.test/team,*.glob.test"),
        ],
        BUDGET,
    );
    let stored = run.endpoint(&format!("https://{prefix}"));
    assert_eq!(stored.role, EndpointRole::Direct);
    assert!(stored.ok, "{stored:#?}");
    let named = run.endpoint("https://git.corp.test");
    assert_eq!(named.role, EndpointRole::Direct);
    assert_eq!(failure(named), (StepKind::Dns, Some(DoctorCode::NetDns)));
    assert!(
        run.endpoints.iter().all(|e| e.url != "direct"),
        "hosts known"
    );
    assert!(run.endpoints.iter().all(|e| !e.url.contains("glob")));
    // With GONOPROXY=none they are served through the proxy: private hosts, not direct.
    let run = check(
        dir.path(),
        &[
            ("GOPROXY", &goproxy),
            ("GOPRIVATE", "git.corp.test/team"),
            ("GONOPROXY", "none"),
        ],
        BUDGET,
    );
    assert_eq!(
        run.endpoint("https://git.corp.test").role,
        EndpointRole::PrivateHost
    );
    assert_eq!(
        run.endpoint(&format!("https://{prefix}")).role,
        EndpointRole::PrivateHost
    );
    assert_eq!(run.endpoint("direct").note, Some(EndpointNote::NoKnownHost));
}
