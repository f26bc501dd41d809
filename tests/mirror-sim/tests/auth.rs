//! The auth knob: guarded path prefixes answer `401` with a Basic challenge without or with
//! wrong credentials and serve with a configured Basic login/token or Bearer token; other paths
//! and mirrors without rules are unaffected.

use mirror_sim::{Credential, MirrorBehavior, SimMirror};
use std::io::{Read, Write};
use std::net::TcpStream;

/// One HTTP/1.1 GET on a fresh connection; returns the status line and the head.
fn get(mirror: &SimMirror, path: &str, authorization: Option<&str>) -> (u16, String) {
    let mut s = TcpStream::connect(mirror.addr()).expect("connect");
    let auth = authorization
        .map(|a| format!("Authorization: {a}\r\n"))
        .unwrap_or_default();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{auth}Connection: close\r\n\r\n"
    )
    .expect("write");
    // The server keeps the connection open: read the head only (the body is not needed).
    let mut bytes = Vec::new();
    let mut byte = [0u8; 1];
    while !bytes.ends_with(b"\r\n\r\n") {
        if s.read(&mut byte).expect("read") == 0 {
            break;
        }
        bytes.push(byte[0]);
    }
    let head = String::from_utf8_lossy(&bytes).trim_end().to_string();
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    (status, head)
}

#[test]
fn guarded_prefixes_demand_credentials() {
    let mirror = SimMirror::start(
        MirrorBehavior::default()
            .with_auth("/corp.example.com/", Credential::basic("alice", "tok-1"))
            .with_auth("/corp.example.com/", Credential::bearer("bearer-2")),
    )
    .expect("start");
    let list = "/corp.example.com/private/@v/list";
    let (status, head) = get(&mirror, list, None);
    assert_eq!(status, 401, "{head}");
    assert!(
        head.contains("WWW-Authenticate: Basic realm=\"mirror-sim\""),
        "{head}"
    );
    // alice:tok-1 and alice:wrong in base64.
    assert_eq!(get(&mirror, list, Some("Basic YWxpY2U6d3Jvbmc=")).0, 401);
    assert_eq!(get(&mirror, list, Some("Bearer tok-1")).0, 401);
    assert_eq!(get(&mirror, list, Some("Basic YWxpY2U6dG9rLTE=")).0, 404);
    assert_eq!(get(&mirror, list, Some("bearer bearer-2")).0, 404);
    // Other paths need nothing.
    let (status, _) = get(&mirror, "/golang.org/x/text/@v/list", None);
    assert_eq!(status, 200);
    let log = mirror.requests();
    assert_eq!(log[0].auth_scheme, None);
    assert_eq!(log[1].auth_scheme.as_deref(), Some("Basic"));
    assert_eq!(log[0].status, 401);
}

#[test]
fn no_rules_means_no_auth() {
    let mirror = SimMirror::start(MirrorBehavior::default()).expect("start");
    let (status, head) = get(&mirror, "/golang.org/x/text/@v/list", Some("Basic Zm9v"));
    assert_eq!(status, 200, "{head}");
    assert!(!head.contains("WWW-Authenticate"), "{head}");
}

#[test]
fn basic_encoding_matches_rfc4648() {
    for (user, pw, b64) in [
        ("alice", "tok-1", "YWxpY2U6dG9rLTE="),
        ("a", "b", "YTpi"),
        ("ab", "c", "YWI6Yw=="),
    ] {
        assert!(Credential::basic(user, pw).matches(&format!("Basic {b64}")));
    }
}
