//! Which certificate authorities to trust, chosen as Go's `crypto/x509` does: on Linux
//! `SSL_CERT_FILE` replaces the bundle list and `SSL_CERT_DIR` (colon-separated) the directory
//! list; elsewhere Go asks the OS, and so do we. A host (a custom mirror) may add its own CA file.

use crate::atomic_file::read_optional;
use crate::sysenv::SysEnv;
use rustls::RootCertStore;
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::CertificateDer;
use std::path::Path;
use std::sync::Arc;

/// Go's `certFiles` for Linux, first readable one wins.
#[cfg(target_os = "linux")]
const CERT_FILES: [&str; 6] = [
    "/etc/ssl/certs/ca-certificates.crt",
    "/etc/pki/tls/certs/ca-bundle.crt",
    "/etc/ssl/ca-bundle.pem",
    "/etc/pki/tls/cacert.pem",
    "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem",
    "/etc/ssl/cert.pem",
];

/// Go's `certDirectories` for Linux.
#[cfg(target_os = "linux")]
const CERT_DIRS: [&str; 2] = ["/etc/ssl/certs", "/etc/pki/tls/certs"];

/// The trusted roots for `env`, and a one-line description of where they came from.
pub fn system_roots(env: &SysEnv) -> (RootCertStore, String) {
    let mut store = RootCertStore::empty();
    let source = load_platform(env, &mut store);
    (store, source)
}

#[cfg(target_os = "linux")]
fn load_platform(env: &SysEnv, store: &mut RootCertStore) -> String {
    let files: Vec<String> = match env.non_empty("SSL_CERT_FILE") {
        Some(f) => vec![f.to_string()],
        None => CERT_FILES.iter().map(|s| s.to_string()).collect(),
    };
    let mut used = Vec::new();
    for file in &files {
        if let Ok(Some(data)) = read_optional(Path::new(file)) {
            add_pem(store, &data);
            used.push(file.clone());
            break;
        }
    }
    let dirs: Vec<String> = match env.non_empty("SSL_CERT_DIR") {
        Some(d) => d.split(':').map(str::to_string).collect(),
        None => CERT_DIRS.iter().map(|s| s.to_string()).collect(),
    };
    for dir in &dirs {
        let Ok(entries) = std::fs::read_dir(dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            // Like Go's readUniqueDirectoryEntries: skip symlinks into the same directory.
            if let Ok(target) = std::fs::read_link(&path) {
                if !target.to_string_lossy().contains('/') {
                    continue;
                }
            }
            if let Ok(Some(data)) = read_optional(&path) {
                add_pem(store, &data);
            }
        }
        used.push(dir.clone());
    }
    format!("{} certificates from {}", store.len(), used.join(", "))
}

#[cfg(not(target_os = "linux"))]
fn load_platform(_env: &SysEnv, store: &mut RootCertStore) -> String {
    let found = rustls_native_certs::load_native_certs();
    let (added, _) = store.add_parsable_certificates(found.certs);
    format!("{added} certificates from the operating system")
}

/// Adds every certificate of a PEM bundle; returns how many were added.
pub fn add_pem(store: &mut RootCertStore, data: &[u8]) -> usize {
    let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_slice_iter(data)
        .filter_map(Result::ok)
        .collect();
    store.add_parsable_certificates(certs).0
}

/// Reads an extra CA file; an error message names the file when it holds no certificate.
pub fn read_ca_file(path: &Path) -> Result<Vec<CertificateDer<'static>>, String> {
    let data = match read_optional(path) {
        Ok(Some(data)) => data,
        Ok(None) => return Err(format!("cannot read {}: no such file", path.display())),
        Err(e) => return Err(e.message),
    };
    let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_slice_iter(&data)
        .filter_map(Result::ok)
        .collect();
    if certs.is_empty() {
        return Err(format!(
            "{} holds no PEM certificate (-----BEGIN CERTIFICATE-----)",
            path.display()
        ));
    }
    Ok(certs)
}

/// A rustls client configuration trusting `roots` (HTTP/1.1 only, as we time one request per
/// connection at a time).
pub fn client_config(roots: RootCertStore) -> Result<Arc<rustls::ClientConfig>, String> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| format!("TLS setup failed: {e}"))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(Arc::new(config))
}
