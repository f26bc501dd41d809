//! One timed GET on an endpoint: reuse or open a connection, send, follow redirects by a policy
//! (Go's: at most 10, never https → http), and read the body without ever holding more than a
//! cap. The benchmark keeps connections alive across calls; the one-shot client does not.

use super::connect::{Conn, Dialer};
use super::error::{NetError, NetErrorClass, TimeoutPhase};
use super::timings::{ConnectTimings, RequestTimings};
use super::url::{HttpUrl, Scheme};
use bytes::Bytes;
use http_body_util::{BodyExt, Empty};
use hyper::body::Incoming;
use hyper::HeaderMap;
use std::sync::Arc;
use std::time::Duration;
use tokio::time::{timeout_at, Instant};

/// The go command's redirect limit (`net/http`'s default).
const MAX_REDIRECTS: usize = 10;
/// Most of an error body we keep (for the message).
const ERROR_BODY_CAP: u64 = 8 * 1024;

/// Which redirects a request follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Redirects {
    /// None: a 3xx response is the answer.
    None,
    /// Like the go command (`net/http`): at most 10, never from https to http.
    Go,
    /// Like `Go`, and never to another scheme (http → https is refused too).
    SameScheme,
}

/// Where and how to send requests: a base URL with its TLS configuration and time limits.
pub(crate) struct Endpoint {
    pub dialer: Arc<Dialer>,
    pub tls: Arc<rustls::ClientConfig>,
    pub base: HttpUrl,
    /// Opening a connection may take this long (each of DNS, connect, TLS share it).
    pub connect_timeout: Duration,
    /// A request (first byte and body) may take this long.
    pub request_timeout: Duration,
    pub redirects: Redirects,
    pub user_agent: &'static str,
}

/// A response whose body was read (at most the cap).
pub(crate) struct Fetched {
    pub status: u16,
    pub content_type: String,
    pub body: Vec<u8>,
    pub timings: RequestTimings,
}

/// A response whose headers arrived; the body is still to be read.
pub(crate) struct Started {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Incoming,
    pub connect: Option<ConnectTimings>,
    pub sent_at: Instant,
    pub ttfb_ms: f64,
}

impl Started {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    pub fn content_type(&self) -> String {
        self.header("content-type").unwrap_or_default().to_string()
    }

    pub fn content_length(&self) -> Option<u64> {
        self.header("content-length").and_then(|v| v.parse().ok())
    }
}

fn hyper_error(e: &hyper::Error, phase: TimeoutPhase) -> NetError {
    let class = if e.is_timeout() {
        NetErrorClass::Timeout { phase }
    } else {
        NetErrorClass::Reset
    };
    let mut msg = e.to_string();
    if let Some(src) = std::error::Error::source(e) {
        msg = format!("{msg}: {src}");
    }
    NetError::new(class, msg)
}

pub(crate) fn oversize(what: &str, cap: u64, seen: u64) -> NetError {
    NetError::new(
        NetErrorClass::TooLarge,
        format!("response to {what} is larger than {cap} bytes ({seen} or more)"),
    )
}

impl Endpoint {
    /// Sends `GET <base><suffix>` and returns once the final response's headers are in.
    /// `authorization` goes to the first origin only, never along a redirect.
    pub async fn start(
        &self,
        conn: &mut Option<Conn>,
        suffix: &str,
        deadline: Instant,
        authorization: Option<&str>,
    ) -> Result<Started, NetError> {
        let first_origin = self.base.origin();
        let mut origin = first_origin.clone();
        let mut path = self.base.request_path(suffix);
        let mut first_connect = None;
        for hop in 0..=MAX_REDIRECTS {
            // A reused connection the server closed meanwhile fails at once; like Go's
            // net/http for a GET, send once more on a fresh connection.
            let (resp, sent_at) = loop {
                let reusable = conn.as_ref().is_some_and(|c| c.origin.same_origin(&origin));
                if reusable {
                    if let Some(c) = conn.as_mut() {
                        if c.sender.ready().await.is_err() {
                            *conn = None;
                        }
                    }
                } else {
                    *conn = None;
                }
                let reused = conn.is_some();
                if conn.is_none() {
                    let by = deadline.min(Instant::now() + self.connect_timeout);
                    let opened = self.dialer.open(&origin, &self.tls, by).await?;
                    if hop == 0 {
                        first_connect = Some(opened.timings);
                    }
                    *conn = Some(opened);
                }
                let Some(c) = conn.as_mut() else {
                    continue;
                };
                c.fresh = false;
                let uri = if c.absolute_form {
                    format!("{origin}{path}")
                } else {
                    path.clone()
                };
                let mut req = hyper::Request::get(uri)
                    .header(hyper::header::HOST, origin.authority())
                    .header(hyper::header::USER_AGENT, self.user_agent);
                if let Some(auth) = &c.proxy_authorization {
                    req = req.header(hyper::header::PROXY_AUTHORIZATION, auth);
                }
                if let (Some(auth), 0) = (authorization, hop) {
                    req = req.header(hyper::header::AUTHORIZATION, auth);
                }
                let req = req.body(Empty::<Bytes>::new()).map_err(|e| {
                    NetError::new(NetErrorClass::Connect, format!("cannot build request: {e}"))
                })?;
                let sent_at = Instant::now();
                let by = deadline.min(sent_at + self.request_timeout);
                match timeout_at(by, c.sender.send_request(req)).await {
                    Err(_) => {
                        *conn = None;
                        return Err(NetError::new(
                            NetErrorClass::Timeout {
                                phase: TimeoutPhase::FirstByte,
                            },
                            format!("GET {path}: no response in time"),
                        ));
                    }
                    Ok(Err(_)) if reused => *conn = None,
                    Ok(Err(e)) => {
                        *conn = None;
                        return Err(hyper_error(&e, TimeoutPhase::FirstByte));
                    }
                    Ok(Ok(resp)) => break (resp, sent_at),
                }
            };
            let by = deadline.min(sent_at + self.request_timeout);
            let ttfb_ms = sent_at.elapsed().as_secs_f64() * 1000.0;
            let status = resp.status().as_u16();
            let location = resp
                .headers()
                .get(hyper::header::LOCATION)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string);
            if let (300..=399, Some(location), false) =
                (status, location, self.redirects == Redirects::None)
            {
                let mut body = resp.into_body();
                if read_capped(&mut body, ERROR_BODY_CAP, by).await.is_err() {
                    *conn = None;
                }
                let (next, next_path) = origin.join_location(&location).map_err(|e| {
                    NetError::new(
                        NetErrorClass::Redirect,
                        format!("bad redirect: {}", e.message),
                    )
                })?;
                self.check_redirect(&first_origin, &origin, &next, &location)?;
                origin = next;
                path = next_path;
                continue;
            }
            let (parts, body) = resp.into_parts();
            return Ok(Started {
                status,
                headers: parts.headers,
                body,
                connect: first_connect,
                sent_at,
                ttfb_ms,
            });
        }
        *conn = None;
        Err(NetError::new(
            NetErrorClass::Redirect,
            format!("stopped after {MAX_REDIRECTS} redirects (a redirect loop)"),
        ))
    }

    fn check_redirect(
        &self,
        first: &HttpUrl,
        from: &HttpUrl,
        to: &HttpUrl,
        location: &str,
    ) -> Result<(), NetError> {
        let refused = |words: &str| {
            Err(NetError::new(
                NetErrorClass::Redirect,
                format!("refusing redirect from {words} ({location})"),
            ))
        };
        if from.scheme == Scheme::Https && to.scheme == Scheme::Http {
            return refused("https to http");
        }
        if self.redirects == Redirects::SameScheme && to.scheme != first.scheme {
            return refused("http to https");
        }
        Ok(())
    }

    /// GET with the body read whole, refusing more than `cap` bytes (`TooLarge`). Error bodies
    /// are read up to a few KB for the message.
    pub async fn fetch(
        &self,
        conn: &mut Option<Conn>,
        suffix: &str,
        cap: u64,
        deadline: Instant,
    ) -> Result<Fetched, NetError> {
        let mut started = self.start(conn, suffix, deadline, None).await?;
        let ok = started.status == 200;
        let cap = if ok { cap } else { ERROR_BODY_CAP };
        let by = deadline.min(started.sent_at + self.request_timeout);
        if let (true, Some(n)) = (ok, started.content_length().filter(|n| *n > cap)) {
            *conn = None;
            return Err(oversize(suffix, cap, n));
        }
        let body = match read_capped(&mut started.body, cap, by).await {
            Ok(body) => body,
            Err(ReadFailure::Over { seen, .. }) if ok => {
                *conn = None;
                return Err(oversize(suffix, cap, seen));
            }
            Err(ReadFailure::Over { .. }) => {
                *conn = None;
                Vec::new()
            }
            Err(ReadFailure::Failed(e)) => {
                *conn = None;
                return Err(e);
            }
        };
        Ok(Fetched {
            status: started.status,
            content_type: started.content_type(),
            timings: started.timings(body.len()),
            body,
        })
    }
}

impl Started {
    /// The timings once `bytes` of body have been read.
    pub fn timings(&self, bytes: usize) -> RequestTimings {
        RequestTimings {
            connect: self.connect,
            ttfb_ms: self.ttfb_ms,
            total_ms: self.sent_at.elapsed().as_secs_f64() * 1000.0,
            bytes: bytes as u64,
        }
    }
}

pub(crate) enum ReadFailure {
    /// More than the cap arrived: the first `cap` bytes, and the count seen so far.
    Over {
        kept: Vec<u8>,
        seen: u64,
    },
    Failed(NetError),
}

/// Reads a body into memory, stopping (and failing) past `cap` bytes.
pub(crate) async fn read_capped(
    body: &mut Incoming,
    cap: u64,
    by: Instant,
) -> Result<Vec<u8>, ReadFailure> {
    let mut out = Vec::new();
    loop {
        let frame = match timeout_at(by, body.frame()).await {
            Err(_) => {
                return Err(ReadFailure::Failed(NetError::new(
                    NetErrorClass::Timeout {
                        phase: TimeoutPhase::Body,
                    },
                    format!("body stalled after {} bytes", out.len()),
                )))
            }
            Ok(None) => return Ok(out),
            Ok(Some(Err(e))) => {
                return Err(ReadFailure::Failed(hyper_error(&e, TimeoutPhase::Body)))
            }
            Ok(Some(Ok(frame))) => frame,
        };
        if let Ok(data) = frame.into_data() {
            let seen = out.len() as u64 + data.len() as u64;
            if seen > cap {
                let room = (cap as usize).saturating_sub(out.len());
                out.extend_from_slice(&data[..room.min(data.len())]);
                return Err(ReadFailure::Over { kept: out, seen });
            }
            out.extend_from_slice(&data);
        }
    }
}

/// Reads the next data chunk of a streamed body; `Ok(None)` at the end.
pub(crate) async fn next_chunk(
    body: &mut Incoming,
    by: Instant,
) -> Result<Option<Bytes>, NetError> {
    loop {
        match timeout_at(by, body.frame()).await {
            Err(_) => {
                return Err(NetError::new(
                    NetErrorClass::Timeout {
                        phase: TimeoutPhase::Body,
                    },
                    "download stalled",
                ))
            }
            Ok(None) => return Ok(None),
            Ok(Some(Err(e))) => return Err(hyper_error(&e, TimeoutPhase::Body)),
            Ok(Some(Ok(frame))) => {
                if let Ok(data) = frame.into_data() {
                    return Ok(Some(data));
                }
            }
        }
    }
}
