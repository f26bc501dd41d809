//! The HTTP/1.1 side of a simulated mirror: a small hand-written server, so every byte and
//! every delay is under the test's control (keep-alive, no pipelining, GET only).

use crate::modules::{case_decode, percent_decode, SimModule};
use crate::{AuthRule, Fault, LoggedRequest, MirrorBehavior};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::time::{sleep, Instant};

/// A mirror's configuration plus what it keeps while running.
pub(crate) struct MirrorState {
    behavior: MirrorBehavior,
    log: Arc<Mutex<Vec<LoggedRequest>>>,
    rng: Mutex<u64>,
    zips: Mutex<HashMap<String, Arc<Vec<u8>>>>,
}

impl MirrorState {
    pub(crate) fn new(behavior: MirrorBehavior, log: Arc<Mutex<Vec<LoggedRequest>>>) -> Self {
        let seed = behavior.seed.max(1);
        MirrorState {
            behavior,
            log,
            rng: Mutex::new(seed),
            zips: Mutex::new(HashMap::new()),
        }
    }

    /// A number in [0, 1) (xorshift64*).
    fn roll(&self) -> f64 {
        let Ok(mut s) = self.rng.lock() else {
            return 0.5;
        };
        *s ^= *s >> 12;
        *s ^= *s << 25;
        *s ^= *s >> 27;
        let x = s.wrapping_mul(0x2545_F491_4F6C_DD1D);
        (x >> 11) as f64 / (1u64 << 53) as f64
    }

    fn latency(&self) -> Duration {
        let base = self.behavior.latency.as_secs_f64();
        let j = f64::from(self.behavior.jitter_pct) / 100.0;
        let factor = 1.0 + j * (2.0 * self.roll() - 1.0);
        Duration::from_secs_f64((base * factor).max(0.0))
    }

    fn fault_for(&self, path: &str) -> Option<Fault> {
        for rule in &self.behavior.faults {
            if path.contains(&rule.path_contains) && self.roll() < rule.rate {
                return Some(rule.fault.clone());
            }
        }
        None
    }

    fn record(&self, path: &str, status: u16, delay: Duration, auth_scheme: Option<String>) {
        if let Ok(mut log) = self.log.lock() {
            log.push(LoggedRequest {
                path: path.to_string(),
                status,
                delay,
                auth_scheme,
            });
        }
    }

    /// The rule that guards `path`, if any.
    fn auth_rule(&self, path: &str) -> Option<&AuthRule> {
        self.behavior
            .auth
            .iter()
            .find(|r| path.starts_with(r.path_prefix.trim_end_matches('/')))
    }

    fn zip(&self, module: &SimModule, version: &str) -> Arc<Vec<u8>> {
        let key = format!("{}@{version}", module.path);
        if let Ok(mut cache) = self.zips.lock() {
            return Arc::clone(
                cache
                    .entry(key)
                    .or_insert_with(|| Arc::new(module.zip(version))),
            );
        }
        Arc::new(module.zip(version))
    }
}

/// Access to the TCP socket under a (possibly TLS) stream, to reset it.
trait RawSocket {
    fn socket(&self) -> &TcpStream;
}

impl RawSocket for TcpStream {
    fn socket(&self) -> &TcpStream {
        self
    }
}

impl RawSocket for tokio_rustls::server::TlsStream<TcpStream> {
    fn socket(&self) -> &TcpStream {
        self.get_ref().0
    }
}

pub(crate) async fn accept_loop(listener: TcpListener, state: Arc<MirrorState>) {
    let acceptor = state
        .behavior
        .tls
        .then(|| tokio_rustls::TlsAcceptor::from(Arc::clone(&crate::test_ca().server)));
    while let Ok((tcp, _)) = listener.accept().await {
        let _ = tcp.set_nodelay(true);
        let state = Arc::clone(&state);
        let acceptor = acceptor.clone();
        tokio::spawn(async move {
            if state.behavior.hang_on_accept {
                sleep(Duration::from_secs(3600)).await;
                return;
            }
            match acceptor {
                Some(acceptor) => {
                    if let Ok(tls) = acceptor.accept(tcp).await {
                        serve(tls, &state).await;
                    }
                }
                None => serve(tcp, &state).await,
            }
        });
    }
}

/// What to send as a body.
enum Body {
    Bytes(Arc<Vec<u8>>),
    /// `total` filler bytes, streamed, no Content-Length.
    Endless(u64),
}

struct Response {
    status: u16,
    content_type: &'static str,
    body: Body,
    location: Option<String>,
    www_authenticate: Option<String>,
}

impl Response {
    fn ok(content_type: &'static str, body: Vec<u8>) -> Response {
        Response {
            status: 200,
            content_type,
            body: Body::Bytes(Arc::new(body)),
            location: None,
            www_authenticate: None,
        }
    }

    fn text(status: u16, body: &str) -> Response {
        Response::ok("text/plain; charset=utf-8", body.as_bytes().to_vec()).with_status(status)
    }

    fn with_status(mut self, status: u16) -> Response {
        self.status = status;
        self
    }
}

async fn serve<S: AsyncRead + AsyncWrite + Unpin + RawSocket>(mut stream: S, state: &MirrorState) {
    let mut buf = Vec::with_capacity(4096);
    loop {
        let Some((head, headers)) = read_head(&mut stream, &mut buf).await else {
            return;
        };
        let authorization = headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("authorization"))
            .map(|(_, v)| v.as_str());
        let auth_scheme = authorization.map(|v| v.split(' ').next().unwrap_or("").to_string());
        let mut parts = head.split(' ');
        let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
        // Absolute form (`GET http://host/path`, as sent to proxies) is accepted too.
        let target = match target.split_once("://") {
            Some((_, rest)) => &rest[rest.find('/').unwrap_or(rest.len())..],
            None => target,
        };
        let raw_path = target.split('?').next().unwrap_or("");
        let path = percent_decode(raw_path).unwrap_or_else(|| raw_path.to_string());
        let fault = state.fault_for(&path);
        let delay = state.latency();
        match fault {
            Some(Fault::Reset) => {
                state.record(&path, 0, Duration::ZERO, auth_scheme);
                let _ = socket2::SockRef::from(stream.socket()).set_linger(Some(Duration::ZERO));
                return;
            }
            Some(Fault::Hang) => {
                state.record(&path, 0, Duration::ZERO, auth_scheme);
                sleep(Duration::from_secs(3600)).await;
                return;
            }
            _ => {}
        }
        let denied = state
            .auth_rule(&path)
            .filter(|rule| !authorization.is_some_and(|a| rule.accept.iter().any(|c| c.matches(a))))
            .map(|rule| unauthorized(rule, authorization.is_some()));
        let response = if let Some(denied) = denied {
            denied
        } else if method != "GET" {
            Response::text(405, "method not allowed\n")
        } else {
            respond(state, &path, fault.as_ref())
        };
        state.record(&path, response.status, delay, auth_scheme);
        sleep(delay).await;
        let drip = match &fault {
            Some(Fault::SlowDrip { chunk, interval }) => Some(((*chunk).max(1), *interval)),
            _ => None,
        };
        if write_response(&mut stream, state, response, drip)
            .await
            .is_err()
        {
            return;
        }
    }
}

/// A request's header fields, in order, names as sent.
type Headers = Vec<(String, String)>;

/// Reads one request head; returns its first line and its header fields. `None` on EOF, error
/// or an oversized head.
async fn read_head<S: AsyncRead + Unpin>(
    stream: &mut S,
    buf: &mut Vec<u8>,
) -> Option<(String, Headers)> {
    loop {
        if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buf[..end]).to_string();
            buf.drain(..end + 4);
            let mut lines = head.lines();
            let first = lines.next()?.to_string();
            let headers = lines
                .filter_map(|l| l.split_once(':'))
                .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
                .collect();
            return Some((first, headers));
        }
        if buf.len() > 64 * 1024 {
            return None;
        }
        let mut chunk = [0u8; 4096];
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    }
}

/// `401` with a Basic challenge (as Artifactory, Athens or nginx `auth_basic` send).
fn unauthorized(rule: &AuthRule, had_credentials: bool) -> Response {
    let mut r = Response::text(
        401,
        if had_credentials {
            "mirror-sim: unauthorized: wrong credentials\n"
        } else {
            "mirror-sim: unauthorized: credentials required\n"
        },
    );
    r.www_authenticate = Some(format!("Basic realm=\"{}\"", rule.realm));
    r
}

/// Standard base64 with padding (RFC 4648), for Basic credentials.
pub(crate) fn base64_encode(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Routes a decoded path to a response.
fn respond(state: &MirrorState, path: &str, fault: Option<&Fault>) -> Response {
    match fault {
        Some(Fault::Status(code)) => {
            return Response::text(*code, &format!("mirror-sim: simulated status {code}\n"))
        }
        Some(Fault::Html) => {
            return Response::ok(
                "text/html; charset=utf-8",
                b"<!DOCTYPE html><html><head><title>Sign in to the network</title></head><body>Welcome</body></html>\n".to_vec(),
            )
        }
        Some(Fault::HugeBody { bytes }) => {
            return Response {
                status: 200,
                content_type: "application/octet-stream",
                body: Body::Endless(*bytes),
                location: None,
                www_authenticate: None,
            }
        }
        Some(Fault::RedirectLoop) => {
            let mut r = Response::text(302, "");
            r.location = Some(path.to_string());
            return r;
        }
        Some(Fault::Redirect(location)) => {
            let mut r = Response::text(302, "");
            r.location = Some(location.clone());
            return r;
        }
        _ => {}
    }
    if let Some((_, bytes)) = state.behavior.files.iter().find(|(p, _)| p == path) {
        return Response::ok("application/octet-stream", bytes.clone());
    }
    let base = state.behavior.base_path.trim_end_matches('/');
    let Some(path) = path.strip_prefix(base) else {
        return Response::text(404, "not found: outside the mirror's base path\n");
    };
    let relay = state.behavior.sumdb_relay;
    if path.starts_with("/sumdb/") {
        return match (relay, path.ends_with("/supported")) {
            (true, true) => Response::ok("text/plain; charset=utf-8", Vec::new()),
            (true, false) => Response::text(200, "mirror-sim checksum database stand-in\n"),
            (false, _) => Response::text(404, "not found\n"),
        };
    }
    // A stand-in checksum database host answers lookups directly.
    if path.starts_with("/lookup/") || path == "/latest" {
        return Response::text(200, "mirror-sim checksum database stand-in\n");
    }
    let (escaped_module, rest) = match (path.split_once("/@v/"), path.split_once("/@latest")) {
        (Some((m, file)), _) => (m, Some(file)),
        (None, Some((m, ""))) => (m, None),
        _ => return Response::text(404, "not found\n"),
    };
    let Some(module_path) = case_decode(escaped_module.trim_start_matches('/')) else {
        return Response::text(404, "not found: bad module path encoding\n");
    };
    let Some(module) = state
        .behavior
        .modules
        .iter()
        .find(|m| m.path == module_path)
    else {
        return Response::text(
            404,
            &format!("not found: module {module_path}: no such module on mirror-sim\n"),
        );
    };
    let stale = state.behavior.stale;
    let visible: Vec<&String> = module
        .versions
        .iter()
        .take(module.versions.len() - usize::from(stale && module.versions.len() > 1))
        .collect();
    let Some(file) = rest else {
        return match visible.last() {
            Some(v) => Response::ok("application/json", module.info(v)),
            None => Response::text(404, "not found\n"),
        };
    };
    if file == "list" {
        let body: String = visible.iter().map(|v| format!("{v}\n")).collect();
        return Response::ok("text/plain; charset=utf-8", body.into_bytes());
    }
    let Some((escaped_version, ext)) = file.rsplit_once('.') else {
        return Response::text(404, "not found\n");
    };
    let version = case_decode(escaped_version).unwrap_or_default();
    if !visible.contains(&&version) {
        return Response::text(
            404,
            &format!("not found: {module_path}@{version}: unknown revision {version}\n"),
        );
    }
    match (ext, fault) {
        ("info", Some(Fault::WrongInfoVersion)) => {
            Response::ok("application/json", module.info("v0.0.0-wrong"))
        }
        ("info", _) => Response::ok("application/json", module.info(&version)),
        ("mod", Some(Fault::AlteredMod)) => Response::ok(
            "text/plain; charset=utf-8",
            format!("module {module_path}\n\ngo 1.21\n\nrequire example.com/injected v1.0.0\n")
                .into_bytes(),
        ),
        ("mod", _) => Response::ok("text/plain; charset=utf-8", module.go_mod()),
        ("zip", _) => Response {
            status: 200,
            content_type: "application/zip",
            body: Body::Bytes(state.zip(module, &version)),
            location: None,
            www_authenticate: None,
        },
        _ => Response::text(404, "not found\n"),
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        302 => "Found",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        410 => "Gone",
        418 => "I'm a teapot",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Status",
    }
}

async fn write_response<S: AsyncWrite + Unpin>(
    stream: &mut S,
    state: &MirrorState,
    response: Response,
    drip: Option<(usize, Duration)>,
) -> std::io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\n",
        response.status,
        reason(response.status),
        response.content_type
    );
    if let Some(location) = &response.location {
        head.push_str(&format!("Location: {location}\r\n"));
    }
    if let Some(challenge) = &response.www_authenticate {
        head.push_str(&format!("WWW-Authenticate: {challenge}\r\n"));
    }
    match &response.body {
        Body::Bytes(b) => head.push_str(&format!("Content-Length: {}\r\n\r\n", b.len())),
        Body::Endless(_) => head.push_str("Connection: close\r\n\r\n"),
    }
    stream.write_all(head.as_bytes()).await?;
    stream.flush().await?;
    let bandwidth = state.behavior.bandwidth;
    match response.body {
        Body::Bytes(bytes) => send_paced(stream, &bytes, bandwidth, drip).await,
        Body::Endless(total) => {
            let block = vec![b'x'; 64 * 1024];
            let mut sent = 0u64;
            while sent < total {
                let n = block.len().min((total - sent) as usize);
                stream.write_all(&block[..n]).await?;
                sent += n as u64;
            }
            stream.flush().await?;
            Err(std::io::Error::other("endless body sent; closing"))
        }
    }
}

/// Writes `bytes` at most `bandwidth` bytes/s, or `chunk` bytes every `interval` (slow drip).
async fn send_paced<S: AsyncWrite + Unpin>(
    stream: &mut S,
    bytes: &[u8],
    bandwidth: Option<u64>,
    drip: Option<(usize, Duration)>,
) -> std::io::Result<()> {
    let start = Instant::now();
    let chunk = match (drip, bandwidth) {
        (Some((chunk, _)), _) => chunk,
        (None, Some(bw)) => ((bw / 50) as usize).clamp(1, 64 * 1024),
        (None, None) => 64 * 1024,
    };
    let mut sent = 0usize;
    for piece in bytes.chunks(chunk) {
        stream.write_all(piece).await?;
        stream.flush().await?;
        sent += piece.len();
        if let Some((_, interval)) = drip {
            sleep(interval).await;
        } else if let Some(bw) = bandwidth {
            let due = start + Duration::from_secs_f64(sent as f64 / bw.max(1) as f64);
            tokio::time::sleep_until(due).await;
        }
    }
    Ok(())
}
