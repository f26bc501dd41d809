//! The network as the go command sees it, for every request the app makes: HTTP(S)_PROXY and
//! NO_PROXY by Go's rules (`proxy_env`), trusted roots from SSL_CERT_FILE/SSL_CERT_DIR plus
//! per-host CA files (`tls`), timed connections (DNS, TCP, TLS; `connect`), GETs with a redirect
//! policy and capped bodies (`request`), and one one-shot client on top (`client`). Failures
//! come back as a [`NetError`] with a class (DNS, connect, TLS, timeout phase, ...).
//!
//! The benchmark (`mirrors`) keeps connections alive through `request`; the access test
//! (`private::access`) and other single checks use [`Client`].

mod client;
mod connect;
mod error;
mod network;
pub mod proxy_env;
mod request;
mod timings;
pub mod tls;
pub mod url;

pub(crate) use client::USER_AGENT;
pub use client::{BlockingClient, Client, RequestOptions, Response};
pub use error::{NetError, NetErrorClass, TimeoutPhase};
pub use network::Network;
pub use request::Redirects;
pub(crate) use request::{next_chunk, Endpoint, Fetched};
pub use timings::{ConnectTimings, RequestTimings};
pub use url::{HttpUrl, Scheme};

pub(crate) use connect::{Conn, Dialer, PhaseDone};
