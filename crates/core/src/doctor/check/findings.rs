//! From the endpoint checks to findings: one per failing endpoint problem (the same code on the
//! same host once), and `checksum.sumdb_unreachable` when the checksum database cannot be reached
//! and no proxy relays it. Fixes here are manual hints; `doctor::fixes::propose` upgrades them
//! where a go env change is the fix. No hint ever suggests turning verification off.

use super::super::{DoctorCode, DoctorFinding, EndpointCheck, EndpointRole, StepKind};
use crate::context::Context;
use crate::findings::{Fix, Severity};
use crate::goenv::remote::{parse_goproxy, ProxyKind};
use std::collections::BTreeMap;

fn role_word(role: EndpointRole) -> &'static str {
    match role {
        EndpointRole::Proxy => "proxy",
        EndpointRole::Sumdb => "sumdb",
        EndpointRole::PrivateHost => "private_host",
        EndpointRole::Direct => "direct",
    }
}

fn step_word(step: StepKind) -> &'static str {
    match step {
        StepKind::Dns => "dns",
        StepKind::Tcp => "tcp",
        StepKind::Tls => "tls",
        StepKind::Http => "http",
    }
}

/// `host[:port]` as in the URL (what go prints).
fn host_of(url: &str) -> Option<String> {
    super::super::run::host_of(url)
}

/// What to do about `code` on `host` (English; the UI words it by code and params).
fn hint(code: DoctorCode, host: &str, via: Option<&str>) -> String {
    let via = via.unwrap_or("the HTTP(S) proxy");
    match code {
        DoctorCode::NetDns => format!("The name {host} does not resolve: check it for typos, and this machine's DNS or VPN (a company host needs the company network)."),
        DoctorCode::NetRefused => format!("Nothing accepts connections at {host}: check the port in the URL and that the service runs, or remove the entry from GOPROXY."),
        DoctorCode::NetTimeout => format!("{host} did not answer in time: a firewall may be dropping the traffic (common for proxy.golang.org and sum.golang.org from mainland China). Use a mirror that is reachable, or set HTTPS_PROXY to your network's proxy."),
        DoctorCode::NetReset => format!("The connection to {host} was cut (a firewall or filtering proxy on the way): use a mirror that is reachable, or set HTTPS_PROXY to your network's proxy."),
        DoctorCode::NetHttpProxy => format!("{via} refused or failed the connection to {host}: check HTTPS_PROXY/HTTP_PROXY (address, port, credentials), or add {host} to NO_PROXY if it must be reached directly."),
        DoctorCode::TlsUnknownAuthority => format!("The certificate of {host} is signed by an authority this machine does not trust: usually a company proxy that inspects TLS, or a mirror with a self-signed certificate. Get that CA certificate (from IT or the mirror's operator) and trust it: add it to the OS trust store, or point SSL_CERT_FILE at a bundle that includes it. Do not turn off certificate verification."),
        DoctorCode::TlsNameMismatch => format!("The certificate {host} sent is for another name: use the host name the certificate was issued for (a company proxy intercepting TLS can also cause this)."),
        DoctorCode::TlsExpired => format!("The certificate of {host} has expired or is not yet valid: check this machine's date and time; if they are right, its operator must renew the certificate."),
        DoctorCode::TlsNotTls => format!("{host} speaks plain HTTP on this port: use the https port, or http:// only for a mirror on your own network."),
        DoctorCode::ProxyUnauthorized => format!("{host} wants credentials: store a token for it (Private modules) or add it to .netrc."),
        DoctorCode::ProxyForbidden => format!("{host} refuses access: check the token's permissions, or whether your network may use this mirror."),
        DoctorCode::ProxyTeapot => format!("{host} answers 418: this mirror address is retired; switch GOPROXY to another mirror."),
        DoctorCode::ProxyServerError => format!("{host} is failing (5xx): chain a second mirror with | in GOPROXY so go fails over, or switch to another mirror."),
        DoctorCode::ProxyNotFound => format!("{host} does not serve this URL: check the URL in GOSUMDB or GOPROXY."),
        DoctorCode::ProxyBadResponse => format!("{host} did not answer like a Go module proxy (an HTML page: a captive portal or a web front end?): sign in to the network, or check the URL."),
        DoctorCode::ChecksumSumdbUnreachable => format!("The checksum database {host} cannot be reached and no proxy in GOPROXY relays it: put a mirror that relays it first in GOPROXY, or set GOSUMDB=sum.golang.google.cn (the same database and key, reachable from mainland China). Never turn checksum verification off."),
        _ => format!("Check the connection to {host}."),
    }
}

/// Whether a failing endpoint breaks downloads: the first proxy (go asks it first for
/// everything), a proxy when no other proxy or `direct` works, the checksum database when
/// nothing relays it, and the hosts of private modules.
fn severity(e: &EndpointCheck, endpoints: &[EndpointCheck], relayed: bool) -> Severity {
    match e.role {
        EndpointRole::Proxy => {
            let first = endpoints.iter().find(|o| o.role == EndpointRole::Proxy);
            let fallback = endpoints
                .iter()
                .any(|o| o.ok && (o.role == EndpointRole::Proxy || o.role == EndpointRole::Direct));
            if first.is_some_and(|f| f.url == e.url) || !fallback {
                Severity::Error
            } else {
                Severity::Warning
            }
        }
        EndpointRole::Sumdb if relayed => Severity::Info,
        _ => Severity::Error,
    }
}

/// One finding per failing endpoint problem, and the unreachable checksum database.
pub fn findings_from_endpoints(endpoints: &[EndpointCheck]) -> Vec<DoctorFinding> {
    let relayed = endpoints.iter().any(|e| e.sumdb_relay == Some(true));
    let mut out: Vec<DoctorFinding> = Vec::new();
    for e in endpoints.iter().filter(|e| !e.ok && !e.running) {
        let Some(step) = e.steps.iter().find(|s| !s.ok) else {
            continue;
        };
        let Some(code) = step.code else { continue };
        let host = host_of(&e.url);
        let shown = host.clone().unwrap_or_else(|| e.url.clone());
        if out.iter().any(|f| f.code == code && f.host == host) {
            continue;
        }
        let mut params = BTreeMap::new();
        params.insert("host".to_string(), shown.clone());
        params.insert("url".to_string(), e.url.clone());
        params.insert("role".to_string(), role_word(e.role).to_string());
        params.insert("step".to_string(), step_word(step.step).to_string());
        params.insert("ms".to_string(), step.ms.to_string());
        if let Some(status) = step.status {
            params.insert("status".to_string(), status.to_string());
        }
        if let Some(via) = &e.via {
            params.insert("via".to_string(), via.clone());
        }
        let status = step
            .status
            .map(|s| format!(", HTTP {s}"))
            .unwrap_or_default();
        out.push(DoctorFinding {
            code,
            severity: severity(e, endpoints, relayed),
            host: host.clone(),
            modules: Vec::new(),
            lines: Vec::new(),
            message: format!(
                "{} {}: {} ({} step, {} ms{status})",
                role_word(e.role),
                e.url,
                code.title(),
                step_word(step.step),
                step.ms
            ),
            fix: Fix::Manual {
                hint: hint(code, &shown, e.via.as_deref()),
            },
            params,
        });
    }
    let db = endpoints
        .iter()
        .find(|e| e.role == EndpointRole::Sumdb && !e.ok && !e.running);
    if let (Some(db), false) = (db, relayed) {
        let host = host_of(&db.url);
        let shown = host.clone().unwrap_or_else(|| db.url.clone());
        let cause = db
            .steps
            .iter()
            .find_map(|s| s.code)
            .unwrap_or(DoctorCode::NetTimeout);
        let mut params = BTreeMap::new();
        params.insert("host".to_string(), shown.clone());
        params.insert("url".to_string(), db.url.clone());
        params.insert("cause".to_string(), cause.as_str().to_string());
        out.push(DoctorFinding {
            code: DoctorCode::ChecksumSumdbUnreachable,
            severity: Severity::Error,
            host,
            modules: Vec::new(),
            lines: Vec::new(),
            message: format!(
                "The checksum database {} cannot be reached ({cause}) and no proxy in GOPROXY relays it",
                db.url
            ),
            fix: Fix::Manual {
                hint: hint(DoctorCode::ChecksumSumdbUnreachable, &shown, None),
            },
            params,
        });
    }
    out
}

/// `off` in the effective GOPROXY: not an endpoint but a finding. First (or alone) it switches
/// public downloads off (an error); after other entries it turns their 404s into failures (a
/// warning). Private modules (GONOPROXY) are still fetched directly (`modfetch/proxy.go`).
pub fn goproxy_off_finding(ctx: &Context) -> Option<DoctorFinding> {
    let value = ctx.setting("GOPROXY")?;
    let entries = parse_goproxy(value).ok()?;
    let at = entries.iter().position(|e| e.kind == ProxyKind::Off)?;
    let severity = if at == 0 {
        Severity::Error
    } else {
        Severity::Warning
    };
    let mut params = BTreeMap::new();
    params.insert("key".to_string(), "GOPROXY".to_string());
    params.insert("value".to_string(), crate::redact::url_userinfo(value));
    Some(DoctorFinding {
        code: DoctorCode::ConfigGoproxyOff,
        severity,
        host: None,
        modules: Vec::new(),
        lines: Vec::new(),
        message: format!(
            "GOPROXY={} switches module downloads off{}",
            params["value"],
            if at == 0 { "" } else { " after the entries before it" }
        ),
        fix: Fix::Manual {
            hint: "Replace `off` in GOPROXY with mirrors that are reachable (e.g. https://proxy.golang.org,direct), or reset it with `go env -u GOPROXY`.".into(),
        },
        params,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doctor::StepResult;

    fn endpoint(
        url: &str,
        role: EndpointRole,
        fail: Option<(StepKind, DoctorCode)>,
    ) -> EndpointCheck {
        let mut steps = vec![StepResult {
            step: StepKind::Dns,
            ok: true,
            ms: 1,
            code: None,
            status: None,
        }];
        if let Some((step, code)) = fail {
            steps.push(StepResult {
                step,
                ok: false,
                ms: 1000,
                code: Some(code),
                status: (step == StepKind::Http).then_some(503),
            });
        }
        EndpointCheck {
            url: url.into(),
            role,
            ok: fail.is_none(),
            steps,
            sumdb_relay: None,
            via: None,
            running: false,
            note: None,
        }
    }

    #[test]
    fn one_finding_per_failing_endpoint_with_its_host_and_step() {
        let endpoints = [
            endpoint(
                "https://goproxy.cn",
                EndpointRole::Proxy,
                Some((StepKind::Http, DoctorCode::ProxyServerError)),
            ),
            endpoint(
                "https://proxy.golang.org",
                EndpointRole::Proxy,
                Some((StepKind::Tcp, DoctorCode::NetTimeout)),
            ),
            endpoint("https://mirror.example:8443", EndpointRole::Proxy, None),
            endpoint(
                "https://git.corp.example.com",
                EndpointRole::Direct,
                Some((StepKind::Tls, DoctorCode::TlsUnknownAuthority)),
            ),
        ];
        let found = findings_from_endpoints(&endpoints);
        let codes: Vec<(DoctorCode, Option<&str>, Severity)> = found
            .iter()
            .map(|f| (f.code, f.host.as_deref(), f.severity))
            .collect();
        assert_eq!(
            codes,
            [
                (
                    DoctorCode::ProxyServerError,
                    Some("goproxy.cn"),
                    Severity::Error
                ),
                (
                    DoctorCode::NetTimeout,
                    Some("proxy.golang.org"),
                    Severity::Warning
                ),
                (
                    DoctorCode::TlsUnknownAuthority,
                    Some("git.corp.example.com"),
                    Severity::Error
                ),
            ]
        );
        assert_eq!(found[0].params["status"], "503");
        assert_eq!(found[0].params["step"], "http");
        let Fix::Manual { hint } = &found[2].fix else {
            panic!("manual")
        };
        assert!(
            hint.contains("SSL_CERT_FILE") && hint.contains("Do not turn off"),
            "{hint}"
        );
        for f in &found {
            let Fix::Manual { hint } = &f.fix else {
                panic!("manual")
            };
            assert!(
                !hint.contains("GOSUMDB=off") && !hint.contains("GOINSECURE"),
                "{hint}"
            );
        }
    }

    #[test]
    fn an_unreachable_sumdb_matters_only_without_a_relay() {
        let db = endpoint(
            "https://sum.golang.org",
            EndpointRole::Sumdb,
            Some((StepKind::Tcp, DoctorCode::NetTimeout)),
        );
        let mut proxy = endpoint("https://goproxy.cn", EndpointRole::Proxy, None);
        proxy.sumdb_relay = Some(false);
        let found = findings_from_endpoints(&[proxy.clone(), db.clone()]);
        let codes: Vec<DoctorCode> = found.iter().map(|f| f.code).collect();
        assert_eq!(
            codes,
            [DoctorCode::NetTimeout, DoctorCode::ChecksumSumdbUnreachable]
        );
        assert_eq!(found[1].params["cause"], "net.timeout");
        assert_eq!(found[1].host.as_deref(), Some("sum.golang.org"));
        proxy.sumdb_relay = Some(true);
        let found = findings_from_endpoints(&[proxy, db]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Info);
    }

    #[test]
    fn off_in_goproxy_is_a_finding() {
        let ctx = |goproxy: &str| {
            Context::new(crate::sysenv::SysEnv::from_vars([
                ("GOPROXY", goproxy),
                ("PATH", "/nonexistent"),
                ("HOME", "/nonexistent"),
                ("GOENV", "/nonexistent/env"),
            ]))
        };
        let first = goproxy_off_finding(&ctx("off")).expect("finding");
        assert_eq!(first.code, DoctorCode::ConfigGoproxyOff);
        assert_eq!(first.severity, Severity::Error);
        assert_eq!(first.params["key"], "GOPROXY");
        let later = goproxy_off_finding(&ctx("https://goproxy.cn,off")).expect("finding");
        assert_eq!(later.severity, Severity::Warning);
        assert!(goproxy_off_finding(&ctx("https://goproxy.cn,direct")).is_none());
    }

    #[test]
    fn listed_and_healthy_endpoints_give_nothing() {
        let mut direct = endpoint("direct", EndpointRole::Direct, None);
        direct.steps.clear();
        let ok = endpoint("https://goproxy.cn", EndpointRole::Proxy, None);
        assert!(findings_from_endpoints(&[direct, ok]).is_empty());
    }
}
