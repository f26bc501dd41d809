//! How long a request took, phase by phase; exported to TypeScript for the Mirrors page.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How long opening one connection took, phase by phase (milliseconds).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ConnectTimings {
    /// Absent when the host is an IP address (or a proxy resolved it).
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dns_ms: Option<f64>,
    pub connect_ms: f64,
    /// Absent for http://.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tls_ms: Option<f64>,
}

/// One request's timings (milliseconds). `connect` is present when the request opened a new
/// connection (cold); otherwise it reused a kept-alive one (warm).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RequestTimings {
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub connect: Option<ConnectTimings>,
    /// From sending the request to the first byte of the response.
    pub ttfb_ms: f64,
    /// From sending the request to the last byte of the body.
    pub total_ms: f64,
    #[ts(type = "number")]
    pub bytes: u64,
}
