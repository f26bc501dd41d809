//! A minimal HTTPS GET for the access test: our own TCP + rustls + hyper connection (trusting the
//! same roots as the mirror benchmark: SSL_CERT_FILE/SSL_CERT_DIR, else the system's), so each
//! failure names its step (DNS, connect, TLS, HTTP). No HTTP proxy support yet.

use super::AccessFailure;
use crate::secrets::Secret;
use crate::sysenv::SysEnv;
use bytes::Bytes;
use http_body_util::{BodyExt, Empty};
use hyper_util::rt::TokioIo;
use std::sync::Arc;
use std::time::Duration;

const TIMEOUT: Duration = Duration::from_secs(15);
const BODY_CAP: usize = 64 * 1024;

pub(super) struct Client {
    tls: Result<Arc<rustls::ClientConfig>, String>,
}

pub(super) struct Response {
    pub status: u16,
    /// The body, cut at 64 KiB, as text (an error page, a version list, a go-get page).
    pub body_text: String,
}

type Failure = (AccessFailure, String);

impl Client {
    pub fn new(env: &SysEnv) -> Client {
        let (roots, _) = crate::mirrors::tls_roots::system_roots(env);
        Client {
            tls: crate::mirrors::tls_roots::client_config(roots),
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
        runtime.block_on(async {
            match tokio::time::timeout(TIMEOUT, self.get_async(url, auth)).await {
                Ok(r) => r,
                Err(_) => Err((
                    AccessFailure::Timeout,
                    format!("{url}: no answer within {} s", TIMEOUT.as_secs()),
                )),
            }
        })
    }

    async fn get_async(&self, url: &str, auth: Option<&Secret>) -> Result<Response, Failure> {
        let shown = crate::redact::url_userinfo(url);
        let (scheme, rest) = url
            .split_once("://")
            .ok_or((AccessFailure::Connect, format!("{shown} is not a URL")))?;
        let (authority, path) = match rest.find('/') {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, "/"),
        };
        let authority = authority.rsplit_once('@').map_or(authority, |(_, a)| a);
        let default_port = if scheme == "https" { 443 } else { 80 };
        let (host, port) = match authority.rsplit_once(':') {
            Some((h, p)) if p.bytes().all(|b| b.is_ascii_digit()) && !p.is_empty() => {
                (h, p.parse::<u16>().unwrap_or(default_port))
            }
            _ => (authority, default_port),
        };
        let host_bare = host.trim_start_matches('[').trim_end_matches(']');
        let addrs: Vec<std::net::SocketAddr> = tokio::net::lookup_host((host_bare, port))
            .await
            .map_err(|e| {
                (
                    AccessFailure::Dns,
                    format!("{shown}: cannot resolve {host_bare}: {e}"),
                )
            })?
            .collect();
        let mut last_err = None;
        let mut tcp = None;
        for addr in addrs {
            match tokio::net::TcpStream::connect(addr).await {
                Ok(s) => {
                    tcp = Some(s);
                    break;
                }
                Err(e) => last_err = Some(e),
            }
        }
        let tcp = tcp.ok_or_else(|| {
            (
                AccessFailure::Connect,
                format!(
                    "{shown}: cannot connect to {host_bare}:{port}: {}",
                    last_err
                        .map(|e| e.to_string())
                        .unwrap_or_else(|| "no address".into())
                ),
            )
        })?;
        let mut req = hyper::Request::get(path)
            .header(hyper::header::HOST, authority)
            .header(
                hyper::header::USER_AGENT,
                "GoCommand/1 (+https://go.dev/cmd/go) goproxy-assistant",
            );
        if let Some(a) = auth {
            req = req.header(hyper::header::AUTHORIZATION, a.expose());
        }
        let req = req.body(Empty::<Bytes>::new()).map_err(|_| {
            (
                AccessFailure::Connect,
                format!("{shown}: cannot build the request"),
            )
        })?;
        if scheme == "https" {
            let config = self.tls.clone().map_err(|e| (AccessFailure::Tls, e))?;
            let name =
                rustls_pki_types::ServerName::try_from(host_bare.to_string()).map_err(|_| {
                    (
                        AccessFailure::Tls,
                        format!("{shown}: {host_bare} is not a valid TLS name"),
                    )
                })?;
            let tls = tokio_rustls::TlsConnector::from(config)
                .connect(name, tcp)
                .await
                .map_err(|e| {
                    (
                        AccessFailure::Tls,
                        format!("{shown}: TLS handshake failed: {e}"),
                    )
                })?;
            send(TokioIo::new(tls), req, &shown).await
        } else {
            send(TokioIo::new(tcp), req, &shown).await
        }
    }
}

async fn send<T>(io: T, req: hyper::Request<Empty<Bytes>>, shown: &str) -> Result<Response, Failure>
where
    T: hyper::rt::Read + hyper::rt::Write + Unpin + Send + 'static,
{
    let (mut sender, conn) = hyper::client::conn::http1::handshake(io)
        .await
        .map_err(|e| {
            (
                AccessFailure::ProxyRefused,
                format!("{shown}: HTTP handshake failed: {e}"),
            )
        })?;
    tokio::spawn(async move {
        let _ = conn.await;
    });
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
