//! The one-shot HTTP(S) client: one GET on a fresh connection, through the proxy and with the
//! trusted roots of a [`Network`], within a time limit, with a capped body and a redirect policy.
//! For the access test, the Doctor's endpoint checks, URL imports and single-sample methods in
//! `make bench`. The benchmark's own requests share the same code (`request`).

use super::connect::Dialer;
use super::error::{NetError, NetErrorClass};
use super::network::Network;
use super::request::{oversize, read_capped, Endpoint, ReadFailure, Redirects};
use super::timings::RequestTimings;
use super::url::HttpUrl;
use crate::secrets::Secret;
use hyper::HeaderMap;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;
use tokio::time::Instant;

/// What the go command says it is, give or take our name.
pub(crate) const USER_AGENT: &str = "GoCommand/1 (+https://go.dev/cmd/go) goproxy-assistant";

/// Sends single GETs, each on a fresh connection. Build it once per operation: it reads the
/// proxy settings and the trusted roots when built.
#[derive(Clone)]
pub struct Client {
    dialer: Arc<Dialer>,
}

/// How one request may go.
#[derive(Debug, Clone, Copy)]
pub struct RequestOptions<'a> {
    /// For the whole request: connecting, the first byte and the body.
    pub timeout: Duration,
    /// Most body bytes kept.
    pub max_body: u64,
    /// A 2xx body longer than `max_body` fails (`TooLarge`) unless this is set; then it is cut.
    /// Other answers' bodies are always cut (they only explain the status).
    pub cut_long_body: bool,
    pub redirects: Redirects,
    /// The `Authorization` value, sent to the URL's origin only.
    pub authorization: Option<&'a Secret>,
    /// A CA file trusted for this request in addition to the system roots.
    pub ca_file: Option<&'a Path>,
}

impl RequestOptions<'_> {
    /// A GET within `timeout`, failing past `max_body`, following redirects like Go.
    pub fn new(timeout: Duration, max_body: u64) -> RequestOptions<'static> {
        RequestOptions {
            timeout,
            max_body,
            cut_long_body: false,
            redirects: Redirects::Go,
            authorization: None,
            ca_file: None,
        }
    }
}

/// The final answer (after any redirects the policy allowed).
#[derive(Debug, Clone)]
pub struct Response {
    pub status: u16,
    pub headers: HeaderMap,
    /// At most `max_body` bytes.
    pub body: Vec<u8>,
    pub timings: RequestTimings,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

/// `https://host:port` and the rest (path and query as they are, `/` if empty).
fn split_url(url: &str) -> Result<(HttpUrl, String), NetError> {
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    let split = url[after_scheme..]
        .find(['/', '?'])
        .map_or(url.len(), |i| after_scheme + i);
    let (origin, path) = (&url[..split], &url[split..]);
    let origin = HttpUrl::parse(origin, "url")
        .map_err(|e| NetError::new(NetErrorClass::InvalidUrl, e.message))?;
    let path = if path.is_empty() { "/" } else { path };
    Ok((origin, path.to_string()))
}

impl Client {
    /// Reads the proxy settings and trusted roots of `network`; fails only if TLS cannot be set up.
    pub fn new(network: Network) -> Result<Client, NetError> {
        Ok(Client {
            dialer: Arc::new(Dialer::new(network)?),
        })
    }

    /// `GET url`, all within `options.timeout`.
    pub async fn get(&self, url: &str, options: &RequestOptions<'_>) -> Result<Response, NetError> {
        let (base, path) = split_url(url)?;
        let endpoint = Endpoint {
            tls: self.dialer.tls_for(options.ca_file)?,
            dialer: Arc::clone(&self.dialer),
            base,
            connect_timeout: options.timeout,
            request_timeout: options.timeout,
            redirects: options.redirects,
            user_agent: USER_AGENT,
        };
        let deadline = Instant::now() + options.timeout;
        let mut conn = None;
        let auth = options.authorization.map(Secret::expose);
        let mut started = endpoint.start(&mut conn, &path, deadline, auth).await?;
        let cap = options.max_body;
        let strict = (200..300).contains(&started.status) && !options.cut_long_body;
        if let (true, Some(n)) = (strict, started.content_length().filter(|n| *n > cap)) {
            return Err(oversize(&path, cap, n));
        }
        let body = match read_capped(&mut started.body, cap, deadline).await {
            Ok(body) => body,
            Err(ReadFailure::Over { seen, .. }) if strict => {
                return Err(oversize(&path, cap, seen))
            }
            Err(ReadFailure::Over { kept, .. }) => kept,
            Err(ReadFailure::Failed(e)) => return Err(e),
        };
        Ok(Response {
            status: started.status,
            timings: started.timings(body.len()),
            headers: std::mem::take(&mut started.headers),
            body,
        })
    }
}

/// A [`Client`] with a small runtime of its own, for callers without one (the access test,
/// the CLI). Build one per operation; every request of the operation runs on its runtime.
pub struct BlockingClient {
    client: Client,
    runtime: tokio::runtime::Runtime,
}

impl BlockingClient {
    pub fn new(client: Client) -> Result<BlockingClient, NetError> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| {
                NetError::new(
                    NetErrorClass::Connect,
                    format!("cannot start the network runtime: {e}"),
                )
            })?;
        Ok(BlockingClient { client, runtime })
    }

    /// [`Client::get`], waiting for the answer. Must not be called from async code.
    pub fn get(&self, url: &str, options: &RequestOptions<'_>) -> Result<Response, NetError> {
        self.runtime.block_on(self.client.get(url, options))
    }
}

#[cfg(test)]
mod tests;
