//! Captures of go failing before any proxy answers: a name no DNS server knows, an HTTPS proxy
//! that refuses connections or demands credentials, a certificate for another name, an expired
//! certificate. The mirror's host names are never resolved outside the machine: DNS goes to a
//! loopback server (in a mount namespace of go's own), and through an HTTPS proxy go leaves the
//! lookup to the proxy (`net/http.Transport` sends `CONNECT host:port`).

use super::servers::*;
use super::support::*;
use go_integration_tests::Toolchain;
use mirror_sim::SimProxy;
use std::path::Path;

/// The servers these cases talk to; started once for every toolchain.
pub struct TransportServers {
    nameserver: Option<String>,
    proxy_407: u16,
    forward: SimProxy,
    other_name: (u16, std::path::PathBuf),
    expired: (u16, std::path::PathBuf),
}

impl TransportServers {
    pub fn start(dir: &Path) -> TransportServers {
        TransportServers {
            nameserver: dns_knowing_no_name(),
            proxy_407: proxy_demanding_credentials(),
            forward: SimProxy::start().expect("forward proxy"),
            other_name: tls_server(dir, &["other.test"], false),
            expired: tls_server(dir, &["127.0.0.1"], true),
        }
    }
}

pub fn transport_cases(r: &mut Report, tc: &Toolchain, servers: &TransportServers) {
    let toml = Some(TOML);
    let download = ["mod", "download", TOML];

    match &servers.nameserver {
        Some(ns) => {
            let sb = sandbox("https://goproxy.invalid");
            match go_with_nameserver(&sb, tc, ns, &download) {
                Some(out) => r.expect_output(
                    tc,
                    "dns_no_such_host",
                    &download,
                    out,
                    "net.dns",
                    Some("goproxy.invalid"),
                    toml,
                ),
                None => eprintln!("skipped dns_no_such_host: no mount namespace (unshare -rm)"),
            }
        }
        None => eprintln!("skipped dns_no_such_host: cannot bind a loopback DNS server on port 53"),
    }

    // go never proxies loopback URLs, so the mirror gets a name; the proxy is all go contacts.
    for (name, proxy) in [
        ("https_proxy_refused", "http://127.0.0.1:1".to_string()),
        (
            "https_proxy_407",
            format!("http://127.0.0.1:{}", servers.proxy_407),
        ),
    ] {
        let mut sb = sandbox("https://goproxy.example.com");
        sb.set("HTTPS_PROXY", &proxy);
        r.expect(
            &sb,
            tc,
            name,
            &download,
            "net.http_proxy",
            Some("goproxy.example.com"),
            toml,
        );
    }

    let (port, cert) = &servers.other_name;
    let mut sb = sandbox(&format!("https://127.0.0.1:{port}"));
    sb.set("SSL_CERT_FILE", &cert.display().to_string());
    r.expect(
        &sb,
        tc,
        "tls_name_mismatch_ip",
        &download,
        "tls.name_mismatch",
        Some(&format!("127.0.0.1:{port}")),
        toml,
    );
    // The forward proxy sends `wrong.test:PORT` to 127.0.0.1:PORT.
    let mut sb = sandbox(&format!("https://wrong.test:{port}"));
    sb.set("SSL_CERT_FILE", &cert.display().to_string());
    sb.set("HTTPS_PROXY", &servers.forward.url());
    r.expect(
        &sb,
        tc,
        "tls_name_mismatch",
        &download,
        "tls.name_mismatch",
        Some(&format!("wrong.test:{port}")),
        toml,
    );

    let (port, cert) = &servers.expired;
    let mut sb = sandbox(&format!("https://127.0.0.1:{port}"));
    sb.set("SSL_CERT_FILE", &cert.display().to_string());
    r.expect(
        &sb,
        tc,
        "tls_expired",
        &download,
        "tls.expired",
        Some(&format!("127.0.0.1:{port}")),
        toml,
    );
}
