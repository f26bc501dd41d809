//! Opening a timed connection to a server: DNS, TCP connect (directly or through an HTTP proxy's
//! CONNECT tunnel), TLS handshake, then an HTTP/1.1 keep-alive connection (hyper) to send
//! requests on. Each phase has its own deadline so a failure names the phase.

use super::error::{NetError, NetErrorClass, TimeoutPhase};
use super::network::Network;
use super::proxy_env::{ProxyConfig, ProxyRoute};
use super::timings::ConnectTimings;
use super::tls;
use super::url::{HttpUrl, Scheme};
use bytes::Bytes;
use http_body_util::Empty;
use hyper::client::conn::http1::SendRequest;
use hyper_util::rt::TokioIo;
use rustls::RootCertStore;
use rustls_pki_types::ServerName;
use std::net::{IpAddr, SocketAddr};
use std::path::Path;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, ReadBuf};
use tokio::net::TcpStream;
use tokio::time::{timeout_at, Instant};

/// Shared per run: proxy rules, trusted roots and the TLS configuration built from them.
pub(crate) struct Dialer {
    network: Network,
    proxy: ProxyConfig,
    roots: RootCertStore,
    default_tls: Arc<rustls::ClientConfig>,
}

/// A connection phase that has just ended, with its time in ms (DNS: `None` for an IP address).
/// Through an HTTP(S)_PROXY, DNS and TCP are those of the proxy, and TCP includes its CONNECT.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum PhaseDone {
    Dns(Option<f64>),
    Tcp(f64),
    Tls(f64),
}

/// Told about each phase as it ends.
pub(crate) type PhaseObserver<'a> = dyn Fn(PhaseDone) + Send + Sync + 'a;

/// A plain or TLS stream, so hyper sees one type.
enum Stream {
    Plain(TcpStream),
    Tls(Box<tokio_rustls::client::TlsStream<TcpStream>>),
}

impl AsyncRead for Stream {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        match self.get_mut() {
            Stream::Plain(s) => Pin::new(s).poll_read(cx, buf),
            Stream::Tls(s) => Pin::new(s.as_mut()).poll_read(cx, buf),
        }
    }
}

impl AsyncWrite for Stream {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        match self.get_mut() {
            Stream::Plain(s) => Pin::new(s).poll_write(cx, buf),
            Stream::Tls(s) => Pin::new(s.as_mut()).poll_write(cx, buf),
        }
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        match self.get_mut() {
            Stream::Plain(s) => Pin::new(s).poll_flush(cx),
            Stream::Tls(s) => Pin::new(s.as_mut()).poll_flush(cx),
        }
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        match self.get_mut() {
            Stream::Plain(s) => Pin::new(s).poll_shutdown(cx),
            Stream::Tls(s) => Pin::new(s.as_mut()).poll_shutdown(cx),
        }
    }
}

/// An open HTTP/1.1 connection to one origin. Dropping it closes the socket.
pub(crate) struct Conn {
    pub sender: SendRequest<Empty<Bytes>>,
    pub origin: HttpUrl,
    /// Through an HTTP proxy without a tunnel: requests use the absolute URL.
    pub absolute_form: bool,
    pub proxy_authorization: Option<String>,
    pub timings: ConnectTimings,
    /// No request has been sent on it yet.
    pub fresh: bool,
    driver: tokio::task::JoinHandle<()>,
}

impl Drop for Conn {
    fn drop(&mut self) {
        self.driver.abort();
    }
}

fn ms_since(start: Instant) -> f64 {
    start.elapsed().as_secs_f64() * 1000.0
}

impl Dialer {
    pub fn new(network: Network) -> Result<Dialer, NetError> {
        let proxy = ProxyConfig::from_env(&network.env);
        let (roots, _source) = tls::system_roots(&network.env);
        let default_tls = tls::client_config(roots.clone()).map_err(tls_setup_error)?;
        Ok(Dialer {
            network,
            proxy,
            roots,
            default_tls,
        })
    }

    /// The TLS configuration for a mirror: the system roots plus its own CA file, if any.
    pub fn tls_for(&self, extra_ca: Option<&Path>) -> Result<Arc<rustls::ClientConfig>, NetError> {
        let Some(path) = extra_ca else {
            return Ok(Arc::clone(&self.default_tls));
        };
        let mut roots = self.roots.clone();
        roots.add_parsable_certificates(tls::read_ca_file(path).map_err(tls_setup_error)?);
        tls::client_config(roots).map_err(tls_setup_error)
    }

    /// The proxy a request to `url` goes through, if any (credentials hidden).
    pub fn proxy_for(&self, url: &HttpUrl) -> Result<Option<ProxyRoute>, NetError> {
        self.proxy
            .route(url)
            .map_err(|m| NetError::new(NetErrorClass::Proxy, m))
    }

    async fn resolve(
        &self,
        host: &str,
        port: u16,
        deadline: Instant,
    ) -> Result<(Vec<SocketAddr>, Option<f64>), NetError> {
        if let Ok(ip) = host.parse::<IpAddr>() {
            return Ok((vec![SocketAddr::new(ip, port)], None));
        }
        let start = Instant::now();
        if let Some(ips) = self.network.hosts.get(host) {
            let addrs = ips.iter().map(|ip| SocketAddr::new(*ip, port)).collect();
            return Ok((addrs, Some(ms_since(start))));
        }
        let no_such_host =
            || NetError::new(NetErrorClass::Dns, format!("lookup {host}: no such host"));
        if self.network.hosts_only {
            if host == "localhost" {
                return Ok((vec![SocketAddr::from(([127, 0, 0, 1], port))], Some(0.0)));
            }
            return Err(no_such_host());
        }
        let addrs: Vec<SocketAddr> = timeout_at(deadline, tokio::net::lookup_host((host, port)))
            .await
            .map_err(|_| NetError::timeout(TimeoutPhase::Dns, &format!("lookup {host}")))?
            .map_err(|e| NetError::new(NetErrorClass::Dns, format!("lookup {host}: {e}")))?
            .collect();
        if addrs.is_empty() {
            return Err(no_such_host());
        }
        Ok((addrs, Some(ms_since(start))))
    }

    async fn tcp(
        &self,
        host: &str,
        port: u16,
        deadline: Instant,
        on_phase: &PhaseObserver<'_>,
    ) -> Result<(TcpStream, Option<f64>, f64), NetError> {
        let (addrs, dns_ms) = self.resolve(host, port, deadline).await?;
        on_phase(PhaseDone::Dns(dns_ms));
        let start = Instant::now();
        let mut last = None;
        for addr in addrs {
            match timeout_at(deadline, TcpStream::connect(addr)).await {
                Err(_) => {
                    return Err(NetError::timeout(
                        TimeoutPhase::Connect,
                        &format!("dial tcp {addr}"),
                    ))
                }
                Ok(Ok(stream)) => {
                    let _ = stream.set_nodelay(true);
                    return Ok((stream, dns_ms, ms_since(start)));
                }
                Ok(Err(e)) => last = Some(format!("dial tcp {addr}: {e}")),
            }
        }
        Err(NetError::new(
            NetErrorClass::Connect,
            last.unwrap_or_else(|| format!("dial tcp {host}: no address")),
        ))
    }

    /// Opens a connection to `url`'s origin, timing each phase, all before `deadline`.
    pub async fn open(
        &self,
        url: &HttpUrl,
        tls: &Arc<rustls::ClientConfig>,
        deadline: Instant,
    ) -> Result<Conn, NetError> {
        self.open_observed(url, tls, deadline, &|_| {}).await
    }

    /// [`Dialer::open`], telling `on_phase` as each phase ends (the Doctor's live steps).
    pub async fn open_observed(
        &self,
        url: &HttpUrl,
        tls: &Arc<rustls::ClientConfig>,
        deadline: Instant,
        on_phase: &PhaseObserver<'_>,
    ) -> Result<Conn, NetError> {
        let route = self.proxy_for(url)?;
        let (dial_host, dial_port) = match &route {
            Some(r) => (r.url.host.clone(), r.url.port),
            None => (url.host.clone(), url.port),
        };
        let (mut tcp, dns_ms, mut connect_ms) =
            self.tcp(&dial_host, dial_port, deadline, on_phase).await?;
        let tunnel = route.is_some() && url.scheme == Scheme::Https;
        if let (true, Some(r)) = (tunnel, &route) {
            let start = Instant::now();
            timeout_at(deadline, connect_tunnel(&mut tcp, url, r))
                .await
                .map_err(|_| NetError::timeout(TimeoutPhase::Connect, "proxy CONNECT"))??;
            connect_ms += ms_since(start);
        }
        on_phase(PhaseDone::Tcp(connect_ms));
        let mut tls_ms = None;
        let stream = match url.scheme {
            Scheme::Http => Stream::Plain(tcp),
            Scheme::Https => {
                let start = Instant::now();
                let name = ServerName::try_from(url.host.clone()).map_err(|_| {
                    NetError::new(
                        NetErrorClass::Tls,
                        format!("invalid TLS server name {}", url.host),
                    )
                })?;
                let connector = tokio_rustls::TlsConnector::from(Arc::clone(tls));
                let stream = timeout_at(deadline, connector.connect(name, tcp))
                    .await
                    .map_err(|_| NetError::timeout(TimeoutPhase::Tls, "TLS handshake"))?
                    .map_err(|e| tls_error(url, &e))?;
                tls_ms = Some(ms_since(start));
                on_phase(PhaseDone::Tls(ms_since(start)));
                Stream::Tls(Box::new(stream))
            }
        };
        let (sender, connection) = timeout_at(
            deadline,
            hyper::client::conn::http1::handshake(TokioIo::new(stream)),
        )
        .await
        .map_err(|_| NetError::timeout(TimeoutPhase::Connect, "HTTP handshake"))?
        .map_err(|e| NetError::new(NetErrorClass::Connect, format!("HTTP handshake: {e}")))?;
        let driver = tokio::spawn(async move {
            let _ = connection.await;
        });
        Ok(Conn {
            sender,
            origin: url.origin(),
            absolute_form: route.is_some() && !tunnel,
            proxy_authorization: route.and_then(|r| r.authorization).filter(|_| !tunnel),
            timings: ConnectTimings {
                dns_ms,
                connect_ms,
                tls_ms,
            },
            fresh: true,
            driver,
        })
    }
}

/// `CONNECT host:port` through an HTTP proxy; the proxy must answer 200.
async fn connect_tunnel(
    tcp: &mut TcpStream,
    url: &HttpUrl,
    route: &ProxyRoute,
) -> Result<(), NetError> {
    let target = url.authority_with_port();
    let mut head = format!("CONNECT {target} HTTP/1.1\r\nHost: {target}\r\n");
    if let Some(auth) = &route.authorization {
        head.push_str(&format!("Proxy-Authorization: {auth}\r\n"));
    }
    head.push_str("\r\n");
    let proxy_err = |m: String| NetError::new(NetErrorClass::Proxy, m);
    tcp.write_all(head.as_bytes())
        .await
        .map_err(|e| proxy_err(format!("proxy {}: {e}", route.url)))?;
    let mut buf = Vec::new();
    let mut byte = [0u8; 1];
    while !buf.ends_with(b"\r\n\r\n") {
        let n = tcp
            .read(&mut byte)
            .await
            .map_err(|e| proxy_err(format!("proxy {}: {e}", route.url)))?;
        if n == 0 || buf.len() > 16 * 1024 {
            return Err(proxy_err(format!(
                "proxy {} closed the connection during CONNECT",
                route.url
            )));
        }
        buf.push(byte[0]);
    }
    let status_line = String::from_utf8_lossy(&buf);
    let status = status_line.split(' ').nth(1).unwrap_or_default();
    if status != "200" {
        let line = status_line.lines().next().unwrap_or_default().to_string();
        return Err(proxy_err(format!(
            "proxy {} refused CONNECT {target}: {line}",
            route.url
        )));
    }
    Ok(())
}

fn tls_setup_error(message: String) -> NetError {
    NetError::new(NetErrorClass::Tls, message)
}

/// A handshake failure in words a user recognises (Go's wording where it has one).
fn tls_error(url: &HttpUrl, e: &std::io::Error) -> NetError {
    let inner = e
        .get_ref()
        .and_then(|i| i.downcast_ref::<rustls::Error>())
        .map(|r| format!("{r}"))
        .unwrap_or_else(|| e.to_string());
    let hint = if inner.contains("NotValidForName") || inner.contains("not valid for name") {
        format!(
            "the certificate is not valid for {} (name mismatch): {inner}",
            url.host
        )
    } else if inner.contains("UnknownIssuer") {
        "certificate signed by unknown authority (add the mirror's CA file, or set SSL_CERT_FILE)"
            .to_string()
    } else if inner.contains("Expired") {
        "the certificate has expired".to_string()
    } else if inner.contains("InvalidContentType") {
        // Go: "tls: first record does not look like a TLS handshake".
        "first record does not look like a TLS handshake (the server speaks plain HTTP)".to_string()
    } else {
        inner.clone()
    };
    NetError::new(
        NetErrorClass::Tls,
        format!("TLS handshake with {}: {hint}", url.authority()),
    )
}
