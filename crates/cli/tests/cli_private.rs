//! `private test` against a loopback mirror that demands credentials, without a keychain (no
//! host has a token, so none is asked): the failing step is named and `--json` prints exactly
//! one JSON document (the report) with exit status 1.

use go_integration_tests::Sandbox;
use mirror_sim::{test_ca, Credential, MirrorBehavior, SimMirror, SimModule};
use std::path::Path;

#[test]
fn private_test_reports_the_401_as_one_json_document() {
    let mut behavior = MirrorBehavior::default()
        .https()
        .with_auth("/corp.example.com/", Credential::bearer("t0k"));
    behavior.modules = vec![SimModule::new("corp.example.com/lib", &["v1.0.0"])];
    let mirror = SimMirror::start(behavior).expect("start");
    let mut sb = Sandbox::new();
    let ca = test_ca().write_ca_file(sb.path()).expect("ca");
    sb.set("SSL_CERT_FILE", &ca.display().to_string());
    sb.set("GOPROXY", &mirror.url());
    sb.set("GONOSUMDB", "corp.example.com");
    sb.without("DBUS_SESSION_BUS_ADDRESS");
    let out = sb
        .command(Path::new(env!("CARGO_BIN_EXE_goproxy-assistant")))
        .args(["private", "test", "corp.example.com/lib", "--json"])
        .output()
        .expect("run cli");
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not one JSON document ({e}): {}",
            String::from_utf8_lossy(&out.stdout)
        )
    });
    assert_eq!(v["ok"], false, "{v}");
    assert_eq!(v["failure"], "no_credential", "{v}");
    assert_eq!(v["steps"][0]["status"], 401, "{v}");
}

/// Behind a company proxy: HTTPS_PROXY carries the access test through a CONNECT tunnel (the
/// name `mirror.test` resolves nowhere but at the proxy), with the .netrc credential Go 1.24+
/// would send for `host:port`.
#[test]
fn private_test_goes_through_the_https_proxy_like_go() {
    let mut behavior = MirrorBehavior::default()
        .https()
        .with_auth("/corp.example.com/", Credential::basic("alice", "n3trc"));
    behavior.modules = vec![SimModule::new("corp.example.com/lib", &["v1.0.0"])];
    let mirror = SimMirror::start(behavior).expect("start");
    let proxy = mirror_sim::SimProxy::start().expect("proxy");
    let url = mirror.url_with_host("mirror.test");
    let mut sb = Sandbox::new();
    let ca = test_ca().write_ca_file(sb.path()).expect("ca");
    sb.set("SSL_CERT_FILE", &ca.display().to_string());
    sb.set("GOPROXY", &url);
    sb.set("GONOSUMDB", "corp.example.com");
    sb.set("HTTPS_PROXY", &proxy.url());
    sb.without("DBUS_SESSION_BUS_ADDRESS");
    let machine = url.trim_start_matches("https://");
    let netrc = format!("machine {machine} login alice password n3trc\n");
    std::fs::write(sb.home.join(".netrc"), netrc).expect("netrc");
    let out = sb
        .command(Path::new(env!("CARGO_BIN_EXE_goproxy-assistant")))
        .args(["private", "test", "corp.example.com/lib", "--json"])
        .output()
        .expect("run cli");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    assert_eq!(v["ok"], true, "{v}");
    assert!(
        proxy.connections() >= 1,
        "the request went through the proxy"
    );
}
