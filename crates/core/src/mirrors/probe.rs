//! One timed GET on a mirror: reuse or open a connection, send, follow redirects like Go (at
//! most 10, never https → http), and read the body without ever holding more than a cap.

use super::connect::{Conn, Dialer};
use super::mirror_url::{MirrorUrl, Scheme};
use super::report::{
    BodyProblem, ConnectTimings, ErrorClass, ProbeError, RequestTimings, TimeoutPhase,
};
use bytes::Bytes;
use http_body_util::{BodyExt, Empty};
use hyper::body::Incoming;
use std::sync::Arc;
use std::time::Duration;
use tokio::time::{timeout_at, Instant};

/// The go command's redirect limit (`net/http`'s default).
const MAX_REDIRECTS: usize = 10;
/// Most of an error body we keep (for the message).
const ERROR_BODY_CAP: u64 = 8 * 1024;
pub(crate) const USER_AGENT: &str = "GoProxyAssistant/0.1 (benchmark; like GoCommand/1)";

/// Where and how to send requests for one mirror.
pub(crate) struct Target {
    pub dialer: Arc<Dialer>,
    pub tls: Arc<rustls::ClientConfig>,
    pub base: MirrorUrl,
    /// Opening a connection may take this long (each of DNS, connect, TLS share it).
    pub connect_timeout: Duration,
    /// A request (first byte and body) may take this long.
    pub request_timeout: Duration,
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
    pub content_type: String,
    pub content_length: Option<u64>,
    pub body: Incoming,
    pub connect: Option<ConnectTimings>,
    pub sent_at: Instant,
    pub ttfb_ms: f64,
}

fn hyper_error(e: &hyper::Error, phase: TimeoutPhase) -> ProbeError {
    let class = if e.is_timeout() {
        ErrorClass::Timeout { phase }
    } else {
        ErrorClass::Reset
    };
    let mut msg = e.to_string();
    if let Some(src) = std::error::Error::source(e) {
        msg = format!("{msg}: {src}");
    }
    ProbeError::new(class, msg)
}

fn header(resp: &hyper::Response<Incoming>, name: &str) -> Option<String> {
    resp.headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}

impl Target {
    /// Sends `GET <base><suffix>` and returns once the final response's headers are in.
    pub async fn start(
        &self,
        conn: &mut Option<Conn>,
        suffix: &str,
        deadline: Instant,
    ) -> Result<Started, ProbeError> {
        let mut origin = self.base.origin();
        let mut path = self.base.request_path(suffix);
        let mut first_connect = None;
        for hop in 0..=MAX_REDIRECTS {
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
                .header("Host", origin.authority())
                .header("User-Agent", USER_AGENT);
            if let Some(auth) = &c.proxy_authorization {
                req = req.header("Proxy-Authorization", auth);
            }
            let req = req.body(Empty::<Bytes>::new()).map_err(|e| {
                ProbeError::new(ErrorClass::Connect, format!("cannot build request: {e}"))
            })?;
            let sent_at = Instant::now();
            let by = deadline.min(sent_at + self.request_timeout);
            let resp = match timeout_at(by, c.sender.send_request(req)).await {
                Err(_) => {
                    *conn = None;
                    return Err(ProbeError::new(
                        ErrorClass::Timeout {
                            phase: TimeoutPhase::FirstByte,
                        },
                        format!("GET {path}: no response in time"),
                    ));
                }
                Ok(Err(e)) => {
                    *conn = None;
                    return Err(hyper_error(&e, TimeoutPhase::FirstByte));
                }
                Ok(Ok(resp)) => resp,
            };
            let ttfb_ms = sent_at.elapsed().as_secs_f64() * 1000.0;
            let status = resp.status().as_u16();
            let location = header(&resp, "location");
            if let (300..=399, Some(location)) = (status, location) {
                let mut body = resp.into_body();
                if read_capped(&mut body, ERROR_BODY_CAP, by).await.is_err() {
                    *conn = None;
                }
                let (next, next_path) = origin.join_location(&location).map_err(|e| {
                    ProbeError::new(ErrorClass::Redirect, format!("bad redirect: {}", e.message))
                })?;
                if origin.scheme == Scheme::Https && next.scheme == Scheme::Http {
                    return Err(ProbeError::new(
                        ErrorClass::Redirect,
                        format!("refusing redirect from https to http ({location})"),
                    ));
                }
                origin = next;
                path = next_path;
                continue;
            }
            return Ok(Started {
                status,
                content_type: header(&resp, "content-type").unwrap_or_default(),
                content_length: header(&resp, "content-length").and_then(|v| v.parse().ok()),
                body: resp.into_body(),
                connect: first_connect,
                sent_at,
                ttfb_ms,
            });
        }
        *conn = None;
        Err(ProbeError::new(
            ErrorClass::Redirect,
            format!("stopped after {MAX_REDIRECTS} redirects (a redirect loop)"),
        ))
    }

    /// GET with the body read whole, refusing more than `cap` bytes (`Oversize`). Error bodies
    /// are read up to a few KB for the message.
    pub async fn fetch(
        &self,
        conn: &mut Option<Conn>,
        suffix: &str,
        cap: u64,
        deadline: Instant,
    ) -> Result<Fetched, ProbeError> {
        let mut started = self.start(conn, suffix, deadline).await?;
        let ok = started.status == 200;
        let cap = if ok { cap } else { ERROR_BODY_CAP };
        let by = deadline.min(started.sent_at + self.request_timeout);
        let oversize = |n: u64| {
            ProbeError::new(
                ErrorClass::Body {
                    problem: BodyProblem::Oversize,
                },
                format!("response to {suffix} is larger than {cap} bytes ({n} or more)"),
            )
        };
        if ok && started.content_length.is_some_and(|n| n > cap) {
            *conn = None;
            return Err(oversize(started.content_length.unwrap_or(cap)));
        }
        let body = match read_capped(&mut started.body, cap, by).await {
            Ok(body) => body,
            Err(ReadFailure::Over(n)) if ok => {
                *conn = None;
                return Err(oversize(n));
            }
            Err(ReadFailure::Over(_)) => {
                *conn = None;
                Vec::new()
            }
            Err(ReadFailure::Failed(e)) => {
                *conn = None;
                return Err(e);
            }
        };
        let total_ms = started.sent_at.elapsed().as_secs_f64() * 1000.0;
        Ok(Fetched {
            status: started.status,
            content_type: started.content_type,
            timings: RequestTimings {
                connect: started.connect,
                ttfb_ms: started.ttfb_ms,
                total_ms,
                bytes: body.len() as u64,
            },
            body,
        })
    }
}

pub(crate) enum ReadFailure {
    /// More than the cap arrived (the count read so far).
    Over(u64),
    Failed(ProbeError),
}

/// Reads a body into memory, stopping (and failing) past `cap` bytes.
async fn read_capped(body: &mut Incoming, cap: u64, by: Instant) -> Result<Vec<u8>, ReadFailure> {
    let mut out = Vec::new();
    loop {
        let frame = match timeout_at(by, body.frame()).await {
            Err(_) => {
                return Err(ReadFailure::Failed(ProbeError::new(
                    ErrorClass::Timeout {
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
            if out.len() as u64 + data.len() as u64 > cap {
                return Err(ReadFailure::Over(out.len() as u64 + data.len() as u64));
            }
            out.extend_from_slice(&data);
        }
    }
}

/// Reads the next data chunk of a streamed body; `Ok(None)` at the end.
pub(crate) async fn next_chunk(
    body: &mut Incoming,
    by: Instant,
) -> Result<Option<Bytes>, ProbeError> {
    loop {
        match timeout_at(by, body.frame()).await {
            Err(_) => {
                return Err(ProbeError::new(
                    ErrorClass::Timeout {
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
