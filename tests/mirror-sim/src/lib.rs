//! `mirror-sim`: a loopback Go module proxy (GOPROXY protocol) for tests and benchmarks.
//!
//! Each [`SimMirror`] listens on `127.0.0.1` (HTTP, or HTTPS with the process-wide [`test_ca`]),
//! serves real generated modules ([`SimModule`]: valid zips, go.mod files, `.info`, `@v/list`,
//! case-encoded paths) and misbehaves on request: latency with jitter, a bandwidth limit, status
//! faults, connection resets, hangs, slow drips, HTML or endless bodies, redirect loops, stale
//! listings, and the checksum-database relay switched on or off.
//!
//! ```no_run
//! use mirror_sim::{MirrorBehavior, SimMirror};
//! let mirror = SimMirror::start(MirrorBehavior::default()).expect("start");
//! println!("GOPROXY={}", mirror.url());
//! ```

mod forward_proxy;
mod modules;
mod server;
mod tls;
mod zip_writer;

pub use forward_proxy::SimProxy;
pub use modules::{case_decode, case_encode, default_modules, percent_decode, SimModule};
pub use tls::{test_ca, TestCa, SERVER_NAMES};

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How a simulated mirror behaves.
#[derive(Debug, Clone)]
pub struct MirrorBehavior {
    /// Delay before each response's status line (the server's think time).
    pub latency: Duration,
    /// Uniform jitter on `latency`, in percent (30 = ±30 %).
    pub jitter_pct: u32,
    /// Body bytes per second per connection; `None` = as fast as the socket takes them.
    pub bandwidth: Option<u64>,
    /// Faults, checked in order; the first matching rule whose dice roll hits applies.
    pub faults: Vec<FaultRule>,
    /// Answer 200 to `/sumdb/sum.golang.org/supported` (relay on) instead of 404.
    pub sumdb_relay: bool,
    /// Leave the newest version of every module out (listing and files): a mirror that lags.
    pub stale: bool,
    /// Serve HTTPS with the test CA.
    pub tls: bool,
    /// Accept connections and never say a word (not even the TLS handshake).
    pub hang_on_accept: bool,
    /// A path prefix the mirror lives under (`/goproxy`), like `https://mirrors.aliyun.com/goproxy/`.
    pub base_path: String,
    pub modules: Vec<SimModule>,
    /// Seed for jitter and fault rates, so runs are repeatable.
    pub seed: u64,
    /// Paths that demand credentials (checked in order; the first matching prefix applies).
    /// Empty = no authentication anywhere (the default).
    pub auth: Vec<AuthRule>,
    /// Plain files served at exact paths (base path included) before any module route: a team
    /// bundle and its `.minisig`, say.
    pub files: Vec<(String, Vec<u8>)>,
}

impl Default for MirrorBehavior {
    fn default() -> Self {
        MirrorBehavior {
            latency: Duration::ZERO,
            jitter_pct: 0,
            bandwidth: None,
            faults: Vec::new(),
            sumdb_relay: true,
            stale: false,
            tls: false,
            hang_on_accept: false,
            base_path: String::new(),
            modules: default_modules(),
            seed: 1,
            auth: Vec::new(),
            files: Vec::new(),
        }
    }
}

impl MirrorBehavior {
    pub fn with_latency(mut self, ms: u64, jitter_pct: u32) -> Self {
        self.latency = Duration::from_millis(ms);
        self.jitter_pct = jitter_pct;
        self
    }

    /// Adds a fault for every request whose path contains `path_contains` ("" = all).
    pub fn with_fault(mut self, path_contains: &str, fault: Fault) -> Self {
        self.faults.push(FaultRule {
            path_contains: path_contains.to_string(),
            rate: 1.0,
            fault,
        });
        self
    }

    /// Serves `bytes` at exactly `path` (200, `application/octet-stream`).
    pub fn with_file(mut self, path: &str, bytes: impl Into<Vec<u8>>) -> Self {
        self.files.push((path.to_string(), bytes.into()));
        self
    }

    pub fn https(mut self) -> Self {
        self.tls = true;
        self
    }

    /// Demands `credential` for every request whose decoded path starts with `path_prefix`
    /// (base path included; "" or "/" = everything). Several calls with the same prefix add
    /// credentials to one rule.
    pub fn with_auth(mut self, path_prefix: &str, credential: Credential) -> Self {
        match self.auth.iter_mut().find(|r| r.path_prefix == path_prefix) {
            Some(rule) => rule.accept.push(credential),
            None => self.auth.push(AuthRule {
                path_prefix: path_prefix.to_string(),
                realm: "mirror-sim".to_string(),
                accept: vec![credential],
            }),
        }
        self
    }
}

/// Requests under `path_prefix` must carry one of the `accept`ed credentials in their
/// `Authorization` header; otherwise the answer is `401` with `WWW-Authenticate: Basic realm=...`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthRule {
    /// A prefix of the decoded path (base path included).
    pub path_prefix: String,
    pub realm: String,
    pub accept: Vec<Credential>,
}

/// A credential a mirror accepts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Credential {
    /// `Authorization: Basic base64(user:password)`.
    Basic { user: String, password: String },
    /// `Authorization: Bearer token`.
    Bearer(String),
}

impl Credential {
    pub fn basic(user: &str, password: &str) -> Credential {
        Credential::Basic {
            user: user.to_string(),
            password: password.to_string(),
        }
    }

    pub fn bearer(token: &str) -> Credential {
        Credential::Bearer(token.to_string())
    }

    /// The `Authorization` header value that carries this credential.
    pub fn header_value(&self) -> String {
        match self {
            Credential::Basic { user, password } => format!(
                "Basic {}",
                server::base64_encode(format!("{user}:{password}").as_bytes())
            ),
            Credential::Bearer(token) => format!("Bearer {token}"),
        }
    }

    /// Whether an `Authorization` header value carries this credential.
    pub fn matches(&self, header: &str) -> bool {
        let Some((scheme, value)) = header.trim().split_once(' ') else {
            return false;
        };
        let value = value.trim();
        match self {
            Credential::Basic { user, password } => {
                scheme.eq_ignore_ascii_case("basic")
                    && value == server::base64_encode(format!("{user}:{password}").as_bytes())
            }
            Credential::Bearer(token) => scheme.eq_ignore_ascii_case("bearer") && value == token,
        }
    }
}

/// A fault for the requests whose path contains `path_contains`, hitting a `rate` share of them.
#[derive(Debug, Clone)]
pub struct FaultRule {
    pub path_contains: String,
    /// 0.0–1.0.
    pub rate: f64,
    pub fault: Fault,
}

/// A way for a mirror to misbehave on one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// Answer with this status (404, 410, 403, 418, 500, 502...) and a short text body.
    Status(u16),
    /// Close the connection with a TCP reset instead of answering.
    Reset,
    /// Read the request and never answer.
    Hang,
    /// Send the right response, `chunk` bytes every `interval`.
    SlowDrip { chunk: usize, interval: Duration },
    /// 200 with an HTML page (a captive portal or a web front end).
    Html,
    /// 200 with an endless body of this many bytes (no Content-Length, streamed).
    HugeBody { bytes: u64 },
    /// 302 back to the same URL, forever.
    RedirectLoop,
    /// 302 to this `Location` (a path or a whole URL).
    Redirect(String),
    /// `.info` with a `Version` other than the one asked for.
    WrongInfoVersion,
    /// `.mod` bytes that differ from what every other mirror serves.
    AlteredMod,
}

/// A request the mirror received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoggedRequest {
    /// The decoded path (after `%21` → `!`), base path included.
    pub path: String,
    /// The status sent, 0 when none was (reset, hang).
    pub status: u16,
    /// The latency injected before the response (the ground truth for timing checks).
    pub delay: Duration,
    /// The scheme of the request's `Authorization` header (`Basic`, `Bearer`), if it had one
    /// (never the credential itself).
    pub auth_scheme: Option<String>,
}

/// A running simulated mirror; stops when dropped.
pub struct SimMirror {
    addr: SocketAddr,
    tls: bool,
    base_path: String,
    log: Arc<Mutex<Vec<LoggedRequest>>>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
}

impl SimMirror {
    /// Binds `127.0.0.1:0` and serves `behavior` on a thread of its own.
    pub fn start(behavior: MirrorBehavior) -> std::io::Result<SimMirror> {
        let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let log = Arc::new(Mutex::new(Vec::new()));
        let (tx, rx) = tokio::sync::oneshot::channel();
        let tls = behavior.tls;
        let base_path = behavior.base_path.trim_end_matches('/').to_string();
        let state = server::MirrorState::new(behavior, Arc::clone(&log));
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        std::thread::Builder::new()
            .name(format!("mirror-sim {addr}"))
            .spawn(move || {
                runtime.block_on(async move {
                    let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
                        return;
                    };
                    tokio::select! {
                        _ = server::accept_loop(listener, Arc::new(state)) => {}
                        _ = rx => {}
                    }
                });
                runtime.shutdown_background();
            })?;
        Ok(SimMirror {
            addr,
            tls,
            base_path,
            log,
            shutdown: Some(tx),
        })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The GOPROXY URL: `http(s)://127.0.0.1:PORT[/base]`.
    pub fn url(&self) -> String {
        self.url_with_host("127.0.0.1")
    }

    /// The URL with another host name in it (e.g. `localhost`, or a name a test resolver maps
    /// to 127.0.0.1 to provoke a certificate name mismatch).
    pub fn url_with_host(&self, host: &str) -> String {
        let scheme = if self.tls { "https" } else { "http" };
        format!("{scheme}://{host}:{}{}", self.addr.port(), self.base_path)
    }

    /// Every request received so far.
    pub fn requests(&self) -> Vec<LoggedRequest> {
        self.log.lock().map(|l| l.clone()).unwrap_or_default()
    }
}

impl Drop for SimMirror {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}
