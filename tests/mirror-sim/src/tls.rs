//! A test certificate authority and a server certificate for `localhost`, `127.0.0.1` and `::1`,
//! generated once per process (and `mirror.test`, for tests that map that name to 127.0.0.1).
//! Clients (our engine, `go`, `curl`) trust the CA through its PEM file (`SSL_CERT_FILE`).

use rcgen::{
    BasicConstraints, CertificateParams, CertifiedIssuer, DnType, ExtendedKeyUsagePurpose, IsCa,
    KeyPair, KeyUsagePurpose,
};
use rustls_pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

/// The names the server certificate is valid for. Any other name fails verification.
pub const SERVER_NAMES: [&str; 4] = ["localhost", "127.0.0.1", "::1", "mirror.test"];

/// The process-wide test CA and the server configuration signed by it.
pub struct TestCa {
    /// The CA certificate (PEM), to trust in clients.
    pub ca_pem: String,
    pub(crate) server: Arc<rustls::ServerConfig>,
}

impl TestCa {
    /// Writes the CA certificate to `dir/mirror-sim-ca.pem` and returns the path.
    pub fn write_ca_file(&self, dir: &Path) -> std::io::Result<PathBuf> {
        let path = dir.join("mirror-sim-ca.pem");
        std::fs::write(&path, &self.ca_pem)?;
        Ok(path)
    }
}

/// The test CA, created on first use.
pub fn test_ca() -> &'static TestCa {
    static CA: OnceLock<TestCa> = OnceLock::new();
    CA.get_or_init(|| generate().unwrap_or_else(|e| panic!("cannot generate the test CA: {e}")))
}

fn generate() -> Result<TestCa, Box<dyn std::error::Error>> {
    let mut ca_params = CertificateParams::new(Vec::<String>::new())?;
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca_params
        .distinguished_name
        .push(DnType::CommonName, "mirror-sim test CA");
    ca_params.key_usages = vec![
        KeyUsagePurpose::KeyCertSign,
        KeyUsagePurpose::CrlSign,
        KeyUsagePurpose::DigitalSignature,
    ];
    let ca = CertifiedIssuer::self_signed(ca_params, KeyPair::generate()?)?;

    let mut leaf = CertificateParams::new(SERVER_NAMES.map(String::from).to_vec())?;
    leaf.distinguished_name
        .push(DnType::CommonName, "mirror-sim server");
    leaf.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
    leaf.key_usages = vec![KeyUsagePurpose::DigitalSignature];
    let leaf_key = KeyPair::generate()?;
    let leaf_cert = leaf.signed_by(&leaf_key, &ca)?;

    let chain = vec![
        CertificateDer::from(leaf_cert.der().to_vec()),
        CertificateDer::from(ca.der().to_vec()),
    ];
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(leaf_key.serialize_der()));
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut server = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()?
        .with_no_client_auth()
        .with_single_cert(chain, key)?;
    server.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(TestCa {
        ca_pem: ca.pem(),
        server: Arc::new(server),
    })
}
