//! Shared by the Doctor's check tests: a context whose environment lives in a temp dir (HOME,
//! XDG dirs, GOENV, NETRC; no go on PATH), a hermetic network (only `mirror.test` resolves, to
//! 127.0.0.1; the test CA trusted), and a run that records every progress report.

#![allow(dead_code)]

use goproxy_core::context::Context;
use goproxy_core::doctor::check::{check_endpoints, CheckOptions};
use goproxy_core::doctor::EndpointCheck;
use goproxy_core::net::Network;
use goproxy_core::sysenv::SysEnv;
use std::io::{Read, Write};
use std::net::{IpAddr, Ipv4Addr, TcpListener};
use std::path::Path;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The environment: a sandbox under `dir`, then `extra` (GOPROXY, GOSUMDB, HTTPS_PROXY...).
pub fn env(dir: &Path, extra: &[(&str, &str)]) -> SysEnv {
    let ca = mirror_sim::test_ca().write_ca_file(dir).expect("ca file");
    let p = |name: &str| dir.join(name).display().to_string();
    std::fs::create_dir_all(dir.join("bin")).expect("bin");
    let mut vars = vec![
        ("HOME".to_string(), p("home")),
        ("XDG_CONFIG_HOME".to_string(), p("config")),
        ("XDG_DATA_HOME".to_string(), p("data")),
        ("XDG_STATE_HOME".to_string(), p("state")),
        ("GOENV".to_string(), p("goenv")),
        ("NETRC".to_string(), p("netrc")),
        ("PATH".to_string(), p("bin")),
        ("SSL_CERT_FILE".to_string(), ca.display().to_string()),
        ("SSL_CERT_DIR".to_string(), p("no-such-dir")),
        ("GOSUMDB".to_string(), "off".to_string()),
        ("GOPRIVATE".to_string(), String::new()),
    ];
    for (k, v) in extra {
        vars.retain(|(key, _)| key != k);
        vars.push((k.to_string(), v.to_string()));
    }
    SysEnv::from_vars(vars)
}

/// No system DNS: `mirror.test` → 127.0.0.1, every other name fails as a DNS error.
pub fn network(env: &SysEnv) -> Network {
    Network::from_env(env)
        .with_host("mirror.test", IpAddr::V4(Ipv4Addr::LOCALHOST))
        .hosts_only()
}

pub struct Checked {
    pub endpoints: Vec<EndpointCheck>,
    pub progress: Vec<EndpointCheck>,
    pub elapsed: Duration,
}

impl Checked {
    pub fn endpoint(&self, url: &str) -> &EndpointCheck {
        self.endpoints
            .iter()
            .find(|e| e.url == url)
            .unwrap_or_else(|| panic!("no endpoint {url}: {:#?}", self.endpoints))
    }
}

/// Runs the check for the environment `extra` within `budget`.
pub fn check(dir: &Path, extra: &[(&str, &str)], budget: Duration) -> Checked {
    let env = env(dir, extra);
    let options = CheckOptions {
        budget,
        network: Some(network(&env)),
        keychain: None,
    };
    let ctx = Context::new(env);
    // The detection runs once, before the clock starts (as in the CLI, where it is shared).
    let _ = ctx.detection();
    let seen = Mutex::new(Vec::new());
    let record = |e: &EndpointCheck| seen.lock().expect("progress").push(e.clone());
    let start = Instant::now();
    let endpoints = check_endpoints(&ctx, &options, &record);
    let elapsed = start.elapsed();
    Checked {
        endpoints,
        progress: seen.into_inner().expect("progress"),
        elapsed,
    }
}

/// A port nothing listens on.
pub fn closed_port() -> u16 {
    let l = TcpListener::bind("127.0.0.1:0").expect("bind");
    l.local_addr().expect("addr").port()
}

/// A plain HTTP server that answers anything (a TLS hello included) with `400 Bad Request`,
/// as Go's net/http and nginx do; returns its port.
pub fn plain_http_server() -> u16 {
    let l = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = l.local_addr().expect("addr").port();
    std::thread::spawn(move || {
        for mut stream in l.incoming().flatten() {
            let mut buf = [0u8; 1024];
            let _ = stream.read(&mut buf);
            let _ = stream.write_all(
                b"HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n",
            );
        }
    });
    port
}
