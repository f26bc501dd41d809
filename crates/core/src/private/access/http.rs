//! A single GET for the access test through `net`'s one-shot client: DNS, TCP (or an
//! HTTPS_PROXY/HTTP_PROXY CONNECT tunnel, honouring NO_PROXY, as the go command does), TLS with
//! the same roots as the benchmark (SSL_CERT_FILE/SSL_CERT_DIR, else the system's), then
//! HTTP/1.1; no redirects followed. Each failure names its step (DNS, connect, proxy, TLS, HTTP).

use super::AccessFailure;
use crate::net::{
    BlockingClient, Client as NetClient, NetError, NetErrorClass, Network, Redirects,
    RequestOptions, TimeoutPhase,
};
use crate::secrets::Secret;
use crate::sysenv::SysEnv;
use std::time::Duration;

const TIMEOUT: Duration = Duration::from_secs(15);
const BODY_CAP: u64 = 64 * 1024;

/// One per access test: every request of the test runs on its runtime.
pub(super) struct Client {
    client: Result<BlockingClient, NetError>,
}

pub(super) struct Response {
    pub status: u16,
    /// The body, cut at 64 KiB, as text (an error page, a version list, a go-get page).
    pub body_text: String,
}

type Failure = (AccessFailure, String);

/// A network failure as the access test reports it; the message names the URL, then the step.
fn failure(shown: &str, e: NetError) -> Failure {
    let kind = match e.class {
        NetErrorClass::Dns => AccessFailure::Dns,
        NetErrorClass::Tls => AccessFailure::Tls,
        NetErrorClass::Timeout {
            phase: TimeoutPhase::FirstByte | TimeoutPhase::Body,
        } => {
            let secs = TIMEOUT.as_secs();
            return (
                AccessFailure::Timeout,
                format!("{shown}: no answer within {secs} s"),
            );
        }
        NetErrorClass::Timeout { .. } => AccessFailure::Timeout,
        // The connection was made but the exchange broke off.
        NetErrorClass::Reset => {
            let error = e.message;
            return (
                AccessFailure::ProxyRefused,
                format!("{shown}: no HTTP answer: {error}"),
            );
        }
        // An HTTP proxy that refuses the tunnel stops us before the server: a connection step.
        NetErrorClass::InvalidUrl | NetErrorClass::Connect | NetErrorClass::Proxy => {
            AccessFailure::Connect
        }
        NetErrorClass::Redirect | NetErrorClass::TooLarge => AccessFailure::ProxyRefused,
    };
    (kind, format!("{shown}: {}", e.message))
}

impl Client {
    pub fn new(env: &SysEnv) -> Client {
        Client {
            client: NetClient::new(Network::from_env(env)).and_then(BlockingClient::new),
        }
    }

    pub fn get(&self, url: &str, auth: Option<&Secret>) -> Result<Response, Failure> {
        let client = self.client.as_ref().map_err(|e| {
            let kind = match e.class {
                NetErrorClass::Tls => AccessFailure::Tls,
                _ => AccessFailure::Connect,
            };
            (kind, e.message.clone())
        })?;
        let options = RequestOptions {
            cut_long_body: true,
            redirects: Redirects::None,
            authorization: auth,
            ..RequestOptions::new(TIMEOUT, BODY_CAP)
        };
        let shown = crate::redact::url_userinfo(url);
        let resp = client.get(url, &options).map_err(|e| failure(&shown, e))?;
        Ok(Response {
            status: resp.status,
            body_text: String::from_utf8_lossy(&resp.body).into_owned(),
        })
    }
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
    use super::{failure, go_import_repo, AccessFailure, NetError, NetErrorClass, TimeoutPhase};

    #[test]
    fn network_failures_keep_their_access_classes_and_words() {
        let of = |class, message: &str| failure("https://x.test/p", NetError::new(class, message));
        let slow = NetErrorClass::Timeout {
            phase: TimeoutPhase::FirstByte,
        };
        assert_eq!(
            of(slow, "GET /p: no response in time"),
            (
                AccessFailure::Timeout,
                "https://x.test/p: no answer within 15 s".to_string()
            )
        );
        assert_eq!(
            of(NetErrorClass::Reset, "connection closed"),
            (
                AccessFailure::ProxyRefused,
                "https://x.test/p: no HTTP answer: connection closed".to_string()
            )
        );
        assert_eq!(
            of(NetErrorClass::Proxy, "refused").0,
            AccessFailure::Connect
        );
        assert_eq!(of(NetErrorClass::Dns, "lookup").0, AccessFailure::Dns);
    }

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
