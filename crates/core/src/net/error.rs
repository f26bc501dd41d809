//! Why a request failed, by class: each class leads to different advice (a DNS failure is not a
//! certificate problem). Messages never hold credentials.

use serde::{Deserialize, Serialize};
use std::fmt;
use ts_rs::TS;

/// Where a request was when it ran out of time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum TimeoutPhase {
    Dns,
    Connect,
    Tls,
    FirstByte,
    Body,
}

/// The step of a request that failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NetErrorClass {
    /// The URL cannot be requested (scheme, host, credentials in it).
    InvalidUrl,
    /// The host name did not resolve.
    Dns,
    /// The TCP connection was refused or could not be made.
    Connect,
    /// The connection was reset or closed before a complete answer.
    Reset,
    /// The TLS setup or handshake failed (unknown CA, name mismatch, unreadable CA file).
    Tls,
    /// No answer in time.
    Timeout { phase: TimeoutPhase },
    /// Too many redirects, or one the policy refuses (https to http).
    Redirect,
    /// The HTTP(S) proxy from HTTPS_PROXY/HTTP_PROXY refused or failed.
    Proxy,
    /// The body is larger than the caller allows.
    TooLarge,
}

/// A failed request: its class and a sentence (credentials redacted).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NetError {
    pub class: NetErrorClass,
    pub message: String,
}

impl NetError {
    pub fn new(class: NetErrorClass, message: impl Into<String>) -> NetError {
        NetError {
            class,
            message: crate::redact::url_userinfo(&message.into()),
        }
    }

    pub(crate) fn timeout(phase: TimeoutPhase, what: &str) -> NetError {
        NetError::new(
            NetErrorClass::Timeout { phase },
            format!("{what}: timed out"),
        )
    }
}

impl fmt::Display for NetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for NetError {}
