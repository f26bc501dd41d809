//! A single GET for the access test, over the mirror benchmark's connection code: DNS, TCP (or
//! an HTTPS_PROXY/HTTP_PROXY CONNECT tunnel, honouring NO_PROXY, as the go command does), TLS
//! with the same roots (SSL_CERT_FILE/SSL_CERT_DIR, else the system's), then HTTP/1.1. Each
//! failure names its step (DNS, connect, proxy, TLS, HTTP).

use super::AccessFailure;
use crate::net::{Dialer, HttpUrl, NetError, NetErrorClass, Network};
use crate::secrets::Secret;
use crate::sysenv::SysEnv;
use bytes::Bytes;
use http_body_util::{BodyExt, Empty};
use std::time::Duration;
use tokio::time::{timeout_at, Instant};

const TIMEOUT: Duration = Duration::from_secs(15);
const BODY_CAP: usize = 64 * 1024;

pub(super) struct Client {
    dialer: Result<Dialer, NetError>,
}

pub(super) struct Response {
    pub status: u16,
    /// The body, cut at 64 KiB, as text (an error page, a version list, a go-get page).
    pub body_text: String,
}

type Failure = (AccessFailure, String);

/// A connection failure as the access test reports it; the message already names the step.
fn failure(shown: &str, e: NetError) -> Failure {
    let kind = match e.class {
        NetErrorClass::Dns => AccessFailure::Dns,
        NetErrorClass::Tls => AccessFailure::Tls,
        NetErrorClass::Timeout { .. } => AccessFailure::Timeout,
        // An HTTP proxy that refuses the tunnel stops us before the server: a connection step.
        NetErrorClass::Connect | NetErrorClass::Reset | NetErrorClass::Proxy => {
            AccessFailure::Connect
        }
        _ => AccessFailure::ProxyRefused,
    };
    (kind, format!("{shown}: {}", e.message))
}

impl Client {
    pub fn new(env: &SysEnv) -> Client {
        Client {
            dialer: Dialer::new(Network::from_env(env)),
        }
    }

    pub fn get(&self, url: &str, auth: Option<&Secret>) -> Result<Response, Failure> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| {
                (
                    AccessFailure::Connect,
                    format!("cannot start the network runtime: {e}"),
                )
            })?;
        runtime.block_on(self.get_async(url, auth))
    }

    async fn get_async(&self, url: &str, auth: Option<&Secret>) -> Result<Response, Failure> {
        let shown = crate::redact::url_userinfo(url);
        let dialer = self
            .dialer
            .as_ref()
            .map_err(|e| (AccessFailure::Tls, e.message.clone()))?;
        // Origin for the connection; path and query go on the request line as they are.
        let after_scheme = url.find("://").map_or(0, |i| i + 3);
        let split = url[after_scheme..]
            .find(['/', '?'])
            .map_or(url.len(), |i| after_scheme + i);
        let (origin, path) = (&url[..split], &url[split..]);
        let path = if path.is_empty() { "/" } else { path };
        let base = HttpUrl::parse(origin, "url")
            .map_err(|e| (AccessFailure::Connect, format!("{shown}: {}", e.message)))?;
        let tls = dialer
            .tls_for(None)
            .map_err(|e| (AccessFailure::Tls, e.message))?;
        let deadline = Instant::now() + TIMEOUT;
        let mut conn = dialer
            .open(&base, &tls, deadline)
            .await
            .map_err(|e| failure(&shown, e))?;
        let uri = if conn.absolute_form {
            format!("{base}{path}")
        } else {
            path.to_string()
        };
        let mut req = hyper::Request::get(uri)
            .header(hyper::header::HOST, base.authority())
            .header(
                hyper::header::USER_AGENT,
                "GoCommand/1 (+https://go.dev/cmd/go) goproxy-assistant",
            );
        if let Some(p) = &conn.proxy_authorization {
            req = req.header(hyper::header::PROXY_AUTHORIZATION, p);
        }
        if let Some(a) = auth {
            req = req.header(hyper::header::AUTHORIZATION, a.expose());
        }
        let req = req.body(Empty::<Bytes>::new()).map_err(|_| {
            (
                AccessFailure::Connect,
                format!("{shown}: cannot build the request"),
            )
        })?;
        match timeout_at(deadline, read_response(&mut conn.sender, req, &shown)).await {
            Ok(r) => r,
            Err(_) => Err((
                AccessFailure::Timeout,
                format!("{shown}: no answer within {} s", TIMEOUT.as_secs()),
            )),
        }
    }
}

async fn read_response(
    sender: &mut hyper::client::conn::http1::SendRequest<Empty<Bytes>>,
    req: hyper::Request<Empty<Bytes>>,
    shown: &str,
) -> Result<Response, Failure> {
    let resp = sender.send_request(req).await.map_err(|e| {
        (
            AccessFailure::ProxyRefused,
            format!("{shown}: no HTTP answer: {e}"),
        )
    })?;
    let status = resp.status().as_u16();
    let mut body = resp.into_body();
    let mut bytes = Vec::new();
    while let Some(frame) = body.frame().await {
        let Ok(frame) = frame else { break };
        if let Ok(data) = frame.into_data() {
            bytes.extend_from_slice(&data);
            if bytes.len() >= BODY_CAP {
                bytes.truncate(BODY_CAP);
                break;
            }
        }
    }
    Ok(Response {
        status,
        body_text: String::from_utf8_lossy(&bytes).into_owned(),
    })
}

/// The repository URL from a `?go-get=1` page's `<meta name="go-import" content="prefix git url">`
/// whose prefix is a prefix of `module`.
pub(super) fn go_import_repo(page: &str, module: &str) -> Option<String> {
    let mut rest = page;
    while let Some(i) = rest.find("go-import") {
        rest = &rest[i..];
        let content = rest.find("content=")?;
        let after = &rest[content + 8..];
        let quote = after.chars().next()?;
        let body = &after[1..];
        let end = body.find(quote)?;
        let fields: Vec<&str> = body[..end].split_whitespace().collect();
        if let [prefix, "git", repo] = fields.as_slice() {
            if module == *prefix || module.starts_with(&format!("{prefix}/")) {
                return Some(repo.to_string());
            }
        }
        rest = &body[end..];
    }
    None
}

#[cfg(test)]
mod tests {
    use super::go_import_repo;

    #[test]
    fn reads_go_import() {
        let page = r#"<html><head><meta name="go-import" content="git.corp.example.com/team/lib git https://git.corp.example.com/team/lib.git"></head></html>"#;
        assert_eq!(
            go_import_repo(page, "git.corp.example.com/team/lib/sub").as_deref(),
            Some("https://git.corp.example.com/team/lib.git")
        );
        assert_eq!(go_import_repo(page, "git.corp.example.com/other"), None);
    }
}
