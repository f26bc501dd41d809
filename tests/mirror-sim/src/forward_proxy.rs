//! A loopback HTTP proxy (CONNECT tunnels and absolute-form GETs) that sends every connection to
//! 127.0.0.1 at the requested port, whatever the host name. Tests point HTTPS_PROXY/HTTP_PROXY at
//! it to check that clients route through a proxy the way the go command does.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// A running proxy; stops when dropped.
pub struct SimProxy {
    port: u16,
    connections: Arc<AtomicUsize>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
}

impl SimProxy {
    pub fn start() -> std::io::Result<SimProxy> {
        let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
        listener.set_nonblocking(true)?;
        let port = listener.local_addr()?.port();
        let connections = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&connections);
        let (tx, rx) = tokio::sync::oneshot::channel();
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        std::thread::Builder::new()
            .name(format!("mirror-sim proxy {port}"))
            .spawn(move || {
                runtime.block_on(async move {
                    let Ok(listener) = TcpListener::from_std(listener) else {
                        return;
                    };
                    tokio::select! {
                        _ = accept_loop(listener, counter) => {}
                        _ = rx => {}
                    }
                });
                runtime.shutdown_background();
            })?;
        Ok(SimProxy {
            port,
            connections,
            shutdown: Some(tx),
        })
    }

    /// `http://127.0.0.1:PORT`, for HTTP_PROXY / HTTPS_PROXY.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// How many client connections the proxy has handled.
    pub fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }
}

impl Drop for SimProxy {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

async fn accept_loop(listener: TcpListener, counter: Arc<AtomicUsize>) {
    while let Ok((client, _)) = listener.accept().await {
        counter.fetch_add(1, Ordering::SeqCst);
        tokio::spawn(handle(client));
    }
}

async fn handle(mut client: TcpStream) {
    let mut buf = Vec::new();
    let head_end = loop {
        if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break end + 4;
        }
        let mut chunk = [0u8; 4096];
        match client.read(&mut chunk).await {
            Ok(0) | Err(_) => return,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
        if buf.len() > 64 * 1024 {
            return;
        }
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).to_string();
    let first = head.lines().next().unwrap_or_default().to_string();
    let mut parts = first.split(' ');
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let port_of = |authority: &str| {
        authority
            .rsplit_once(':')
            .and_then(|(_, p)| p.parse::<u16>().ok())
    };
    if method == "CONNECT" {
        let Some(port) = port_of(target) else { return };
        let Ok(mut upstream) = TcpStream::connect(("127.0.0.1", port)).await else {
            let _ = client.write_all(b"HTTP/1.1 502 Bad Gateway\r\n\r\n").await;
            return;
        };
        if client
            .write_all(b"HTTP/1.1 200 Connection established\r\n\r\n")
            .await
            .is_err()
        {
            return;
        }
        let _ = upstream.write_all(&buf[head_end..]).await;
        let _ = tokio::io::copy_bidirectional(&mut client, &mut upstream).await;
        return;
    }
    // Absolute form: `GET http://host:port/path HTTP/1.1`.
    let Some(rest) = target.strip_prefix("http://") else {
        let _ = client.write_all(b"HTTP/1.1 400 Bad Request\r\n\r\n").await;
        return;
    };
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let port = port_of(authority).unwrap_or(80);
    let Ok(mut upstream) = TcpStream::connect(("127.0.0.1", port)).await else {
        let _ = client.write_all(b"HTTP/1.1 502 Bad Gateway\r\n\r\n").await;
        return;
    };
    let path = if path.is_empty() { "/" } else { path };
    let rewritten = head.replacen(target, path, 1);
    if upstream.write_all(rewritten.as_bytes()).await.is_err() {
        return;
    }
    let _ = upstream.write_all(&buf[head_end..]).await;
    let _ = tokio::io::copy_bidirectional(&mut client, &mut upstream).await;
}
