//! Loopback servers for the transport captures the simulator cannot give: TLS with a certificate
//! of our own making (another name, expired), an HTTP proxy that demands credentials, and a DNS
//! server that knows no name. All listen on 127.0.0.0/8 only.

use rcgen::{CertificateParams, DnType, KeyPair};
use rustls_pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use std::io::{Read, Write};
use std::net::{TcpListener, UdpSocket};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

/// A TLS server on 127.0.0.1 with a self-signed certificate for `names` (expired in 2020 when
/// `expired`). Returns its port and the certificate's PEM file, for SSL_CERT_FILE: go trusts the
/// certificate, so only its name or its dates can fail verification.
pub fn tls_server(dir: &Path, names: &[&str], expired: bool) -> (u16, PathBuf) {
    let mut params =
        CertificateParams::new(names.iter().map(|n| n.to_string()).collect::<Vec<_>>())
            .expect("params");
    params
        .distinguished_name
        .push(DnType::CommonName, "doctor test server");
    if expired {
        params.not_before = rcgen::date_time_ymd(2019, 1, 1);
        params.not_after = rcgen::date_time_ymd(2020, 1, 1);
    }
    let key = KeyPair::generate().expect("key");
    let cert = params.self_signed(&key).expect("cert");
    let file = dir.join(format!("doctor-{}.pem", names.join("-")));
    std::fs::write(&file, cert.pem()).expect("cert file");

    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .expect("versions")
        .with_no_client_auth()
        .with_single_cert(
            vec![CertificateDer::from(cert.der().to_vec())],
            PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der())),
        )
        .expect("server config");
    let config = Arc::new(config);
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            let config = Arc::clone(&config);
            std::thread::spawn(move || {
                // The handshake is all go gets to: it rejects the certificate.
                let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
                let Ok(mut conn) = rustls::ServerConnection::new(config) else {
                    return;
                };
                while conn.is_handshaking() {
                    if conn.complete_io(&mut stream).is_err() {
                        return;
                    }
                }
            });
        }
    });
    (port, file)
}

/// An HTTP proxy on 127.0.0.1 that answers every request, CONNECT included, with
/// `407 Proxy Authentication Required` (a company proxy the user has no credentials for).
pub fn proxy_demanding_credentials() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            let mut buf = [0u8; 2048];
            let _ = stream.read(&mut buf);
            let _ = stream.write_all(
                b"HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"corp\"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            );
        }
    });
    port
}

/// A DNS server on a loopback address of its own, port 53, that answers every query NXDOMAIN.
/// Returns the address, or `None` when port 53 cannot be bound (not root).
pub fn dns_knowing_no_name() -> Option<String> {
    let pid = std::process::id();
    let ip = format!("127.53.{}.{}", (pid >> 8) & 0xff, (pid & 0xff).max(1));
    let socket = UdpSocket::bind((ip.as_str(), 53)).ok()?;
    std::thread::spawn(move || {
        let mut buf = [0u8; 512];
        while let Ok((n, from)) = socket.recv_from(&mut buf) {
            if let Some(answer) = nxdomain(&buf[..n]) {
                let _ = socket.send_to(&answer, from);
            }
        }
    });
    Some(ip)
}

/// The NXDOMAIN answer to a one-question query: its id, flags QR RD RA and rcode 3, the question.
fn nxdomain(query: &[u8]) -> Option<Vec<u8>> {
    let mut end = 12;
    while *query.get(end)? != 0 {
        end += 1 + usize::from(query[end]);
    }
    let question = query.get(12..end + 5)?;
    let mut answer = query.get(..2)?.to_vec();
    answer.extend_from_slice(&[0x81, 0x83, 0, 1, 0, 0, 0, 0, 0, 0]);
    answer.extend_from_slice(question);
    Some(answer)
}

/// `go args...` in a mount namespace of its own where /etc/resolv.conf names only `nameserver`
/// (so no lookup leaves the machine). `None` when the namespace cannot be made.
pub fn go_with_nameserver(
    sb: &go_integration_tests::Sandbox,
    tc: &go_integration_tests::Toolchain,
    nameserver: &str,
    args: &[&str],
) -> Option<std::process::Output> {
    let resolv = sb.path().join("resolv.conf");
    std::fs::write(&resolv, format!("nameserver {nameserver}\n")).expect("resolv.conf");
    let probe = std::process::Command::new("/usr/bin/unshare")
        .args(["-rm", "/bin/mount", "--bind"])
        .arg(&resolv)
        .arg("/etc/resolv.conf")
        .output()
        .ok()?;
    if !probe.status.success() {
        return None;
    }
    let mut cmd = sb.command(Path::new("/usr/bin/unshare"));
    cmd.args([
        "-rm",
        "/bin/sh",
        "-c",
        "/bin/mount --bind \"$0\" /etc/resolv.conf && exec \"$@\"",
    ])
    .arg(&resolv)
    .arg(&tc.go)
    .args(args);
    cmd.output().ok()
}
