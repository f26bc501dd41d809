//! The one-shot client against a tiny loopback HTTP server (std threads, canned answers).

use super::*;
use crate::net::{NetErrorClass, TimeoutPhase};
use crate::sysenv::SysEnv;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::Mutex;

/// Answers each request with `answer(path)` (a whole HTTP response) and records the request
/// heads it saw. An answer of `None` keeps the connection silent.
struct Server {
    port: u16,
    seen: Arc<Mutex<Vec<String>>>,
}

impl Server {
    fn start(answer: fn(&str) -> Option<String>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("addr").port();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&seen);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let log = Arc::clone(&log);
                std::thread::spawn(move || {
                    let mut reader = BufReader::new(stream.try_clone().expect("clone"));
                    let mut head = String::new();
                    loop {
                        let mut line = String::new();
                        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                            break;
                        }
                        head.push_str(&line);
                    }
                    let path = head.split(' ').nth(1).unwrap_or("/").to_string();
                    log.lock().expect("log").push(head);
                    match answer(&path) {
                        Some(response) => {
                            let mut stream = stream;
                            let _ = stream.write_all(response.as_bytes());
                        }
                        None => std::thread::sleep(Duration::from_secs(5)),
                    }
                });
            }
        });
        Server { port, seen }
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }
}

fn answers(path: &str) -> Option<String> {
    let body = "x".repeat(100);
    Some(match path {
        "/sized" => format!("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{body}"),
        "/unsized" => format!("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n{body}"),
        "/missing" => format!("HTTP/1.1 404 Not Found\r\nContent-Length: 100\r\n\r\n{body}"),
        "/moved" => "HTTP/1.1 302 Found\r\nLocation: /sized\r\nContent-Length: 0\r\n\r\n".into(),
        "/to-https" => {
            "HTTP/1.1 302 Found\r\nLocation: https://127.0.0.1:1/x\r\nContent-Length: 0\r\n\r\n"
                .into()
        }
        "/silent" => return None,
        _ => "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok".into(),
    })
}

fn client() -> BlockingClient {
    let network = Network::from_env(&SysEnv::from_vars([("NO_PROXY", "*")])).hosts_only();
    BlockingClient::new(Client::new(network).expect("client")).expect("runtime")
}

fn options(max_body: u64) -> RequestOptions<'static> {
    RequestOptions::new(Duration::from_secs(5), max_body)
}

#[test]
fn reads_the_body_headers_and_timings() {
    let server = Server::start(answers);
    let resp = client()
        .get(&server.url("/ok?go-get=1"), &options(10))
        .expect("ok");
    assert_eq!((resp.status, resp.body.as_slice()), (200, &b"ok"[..]));
    assert_eq!(resp.header("content-type"), Some("text/plain"));
    assert!(resp.timings.connect.is_some() && resp.timings.bytes == 2);
    let seen = server.seen.lock().expect("seen");
    assert!(seen[0].starts_with("GET /ok?go-get=1 HTTP/1.1"), "{seen:?}");
    assert!(
        seen[0].contains("goproxy-assistant"),
        "user agent: {seen:?}"
    );
}

#[test]
fn a_long_success_body_fails_or_is_cut_and_an_error_body_is_cut() {
    let server = Server::start(answers);
    let c = client();
    for path in ["/sized", "/unsized"] {
        let err = c.get(&server.url(path), &options(50)).expect_err(path);
        assert_eq!(err.class, NetErrorClass::TooLarge, "{path}: {err}");
        let cut = RequestOptions {
            cut_long_body: true,
            ..options(50)
        };
        let resp = c.get(&server.url(path), &cut).expect(path);
        assert_eq!(resp.body.len(), 50, "{path}");
    }
    let resp = c.get(&server.url("/missing"), &options(50)).expect("404");
    assert_eq!((resp.status, resp.body.len()), (404, 50));
}

#[test]
fn redirects_follow_the_policy_and_the_credential_stays_behind() {
    let server = Server::start(answers);
    let c = client();
    let secret = Secret::new("Bearer s3cret");
    let follow = RequestOptions {
        authorization: Some(&secret),
        ..options(1000)
    };
    let resp = c.get(&server.url("/moved"), &follow).expect("followed");
    assert_eq!((resp.status, resp.body.len()), (200, 100));
    {
        let seen = server.seen.lock().expect("seen");
        assert!(
            seen[0].contains("s3cret") && !seen[1].contains("s3cret"),
            "{seen:?}"
        );
    }
    let stop = RequestOptions {
        redirects: Redirects::None,
        ..options(1000)
    };
    let resp = c.get(&server.url("/moved"), &stop).expect("not followed");
    assert_eq!(
        (resp.status, resp.header("location")),
        (302, Some("/sized"))
    );
    let same = RequestOptions {
        redirects: Redirects::SameScheme,
        ..options(1000)
    };
    let err = c.get(&server.url("/to-https"), &same).expect_err("refused");
    assert_eq!(err.class, NetErrorClass::Redirect, "{err}");
}

#[test]
fn failures_name_their_step() {
    let server = Server::start(answers);
    let c = client();
    let quick = RequestOptions::new(Duration::from_millis(300), 100);
    let err = c.get(&server.url("/silent"), &quick).expect_err("silent");
    assert_eq!(
        err.class,
        NetErrorClass::Timeout {
            phase: TimeoutPhase::FirstByte
        }
    );
    let err = c
        .get("https://no-such-host.test/x", &quick)
        .expect_err("dns");
    assert_eq!(err.class, NetErrorClass::Dns, "{err}");
    let err = c.get("ftp://user:pw@host/x", &quick).expect_err("scheme");
    assert_eq!(err.class, NetErrorClass::InvalidUrl, "{err}");
    assert!(!err.message.contains("pw"), "{err}");
}
