//! What a benchmark produces: per-request timings, per-mirror statistics, the ranking and the
//! recommendation. Every type is serialisable and exported to TypeScript for the Mirrors page.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use crate::net::{ConnectTimings, RequestTimings, TimeoutPhase};
use crate::net::{NetError, NetErrorClass};

/// The kinds of request the go command makes, each measured separately.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum RequestKind {
    /// `GET /sumdb/sum.golang.org/supported`: does the mirror relay the checksum database?
    SumdbSupported,
    /// `GET <module>/@v/list`
    List,
    /// `GET <module>/@v/<version>.info`
    Info,
    /// `GET <module>/@v/<version>.mod`
    Mod,
    /// `GET <module>/@v/<version>.zip` (throughput)
    Zip,
}

/// What was wrong with a response body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum BodyProblem {
    /// An HTML page (captive portal, web front end) instead of protocol data.
    Html,
    /// `.info` is not JSON with a `Version`.
    BadJson,
    /// `.info` names another version than the one asked for.
    WrongVersion,
    /// Larger than any answer to this request can be.
    Oversize,
    /// `@v/list` lines are not versions.
    BadList,
    /// `.mod` is not a go.mod file, or differs from go.sum.
    BadMod,
    /// `.zip` is not a zip archive.
    BadZip,
}

/// Why a request failed. Each class leads to different advice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(tag = "class", rename_all = "snake_case")]
#[ts(export)]
pub enum ErrorClass {
    /// The host name did not resolve.
    Dns,
    /// The TCP connection was refused or could not be made.
    Connect,
    /// The connection was reset or closed before a complete answer.
    Reset,
    /// The TLS handshake failed (unknown CA, name mismatch, protocol).
    Tls,
    /// No answer in time.
    Timeout { phase: TimeoutPhase },
    /// An HTTP status other than the expected one.
    HttpStatus { code: u16 },
    /// 200, but the body is wrong.
    Body { problem: BodyProblem },
    /// More than 10 redirects, or a redirect from https to http.
    Redirect,
    /// The HTTP(S) proxy from HTTPS_PROXY/HTTP_PROXY refused or failed.
    Proxy,
    /// The benchmark was cancelled or hit its deadline while this request ran.
    Cancelled,
}

/// A failure: its class and a sentence (credentials never included).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ProbeError {
    #[serde(flatten)]
    pub class: ErrorClass,
    pub message: String,
}

impl ProbeError {
    pub fn new(class: ErrorClass, message: impl Into<String>) -> ProbeError {
        ProbeError {
            class,
            message: crate::redact::url_userinfo(&message.into()),
        }
    }
}

/// A network failure in the benchmark's classes (an oversize body is wrong content).
impl From<NetError> for ProbeError {
    fn from(e: NetError) -> ProbeError {
        let class = match e.class {
            NetErrorClass::Dns => ErrorClass::Dns,
            NetErrorClass::InvalidUrl | NetErrorClass::Connect => ErrorClass::Connect,
            NetErrorClass::Reset => ErrorClass::Reset,
            NetErrorClass::Tls => ErrorClass::Tls,
            NetErrorClass::Timeout { phase } => ErrorClass::Timeout { phase },
            NetErrorClass::Redirect => ErrorClass::Redirect,
            NetErrorClass::Proxy => ErrorClass::Proxy,
            NetErrorClass::TooLarge => ErrorClass::Body {
                problem: BodyProblem::Oversize,
            },
        };
        ProbeError {
            class,
            message: e.message,
        }
    }
}

/// p50/p90 and counts for one request kind of one mirror.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct KindStats {
    pub kind: RequestKind,
    pub attempts: u32,
    pub ok: u32,
    /// Over successful requests (send → last byte); absent without any.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub p50_ms: Option<f64>,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub p90_ms: Option<f64>,
    /// Time to first byte, p50.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ttfb_p50_ms: Option<f64>,
}

/// How often one error class occurred, with one example message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ErrorCount {
    #[serde(flatten)]
    pub class: ErrorClass,
    pub count: u32,
    pub example: String,
}

/// `.zip` download speed, measured alone after the concurrent pass.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Throughput {
    pub module: String,
    #[ts(type = "number")]
    pub bytes: u64,
    pub ms: f64,
    pub bytes_per_sec: f64,
    /// The speed settled before the time or byte cap (rate-mirrors' rule).
    pub stable: bool,
}

/// A mirror lagging behind the others for one module.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Staleness {
    pub module: String,
    /// Versions most other mirrors list but this one does not.
    pub missing_versions: Vec<String>,
    /// Its `.mod` differs from what the other mirrors (or go.sum) say.
    pub mod_differs: bool,
}

/// What weighed most in a mirror's score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ScoreFactor {
    MetadataLatency,
    Transfer,
    Failures,
    Stalls,
    Staleness,
    NoChecksumRelay,
}

/// An explainable score: expected time (ms) a typical `go mod download` would spend on this
/// mirror. Lower is better.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Score {
    pub total_ms: f64,
    pub metadata_ms: f64,
    pub transfer_ms: f64,
    pub penalty_ms: f64,
    pub dominant: ScoreFactor,
    /// One sentence: what dominated.
    pub explanation: String,
}

/// Why a mirror must not be recommended, whatever its speed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DisqualifyReason {
    /// Nothing could be fetched (DNS, connect, TLS, proxy).
    Unreachable,
    /// Wrong content (HTML, wrong version, bad zip, a .mod that differs).
    WrongContent,
    /// Too many requests failed.
    Unreliable,
    /// Not measured: the benchmark was cancelled or ran out of time first.
    NotMeasured,
    /// Not measured: the URL is malformed, a duplicate, or its CA file unusable.
    Invalid,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Disqualification {
    pub reason: DisqualifyReason,
    pub message: String,
}

/// Everything measured about one mirror.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MirrorResult {
    pub name: String,
    pub url: String,
    /// 1 = best; absent when disqualified.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rank: Option<u32>,
    /// Median of each connection phase over the connections opened.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub connect: Option<ConnectTimings>,
    pub connections: u32,
    pub kinds: Vec<KindStats>,
    /// Successful metadata requests / attempted (0–1).
    pub success_rate: f64,
    pub errors: Vec<ErrorCount>,
    /// `/sumdb/sum.golang.org/supported`: 200 = relays; absent if never answered.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sumdb_relay: Option<bool>,
    pub stale: Vec<Staleness>,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub throughput: Option<Throughput>,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<Score>,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub disqualified: Option<Disqualification>,
}

/// Whether a checksum database answers directly (bypassing mirrors).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SumdbReach {
    pub name: String,
    pub url: String,
    pub reachable: bool,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ms: Option<f64>,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<ProbeError>,
}

/// What to set, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Recommendation {
    /// The GOPROXY value: best `|` second (`|` fails over on any error), then `,direct`.
    pub goproxy: String,
    /// Names of the mirrors in `goproxy`, best first.
    pub mirrors: Vec<String>,
    /// The GOSUMDB value to set; absent = keep the current one (Go's default is fine).
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gosumdb: Option<String>,
    pub reason: String,
    pub gosumdb_reason: String,
}

/// The whole run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BenchReport {
    /// Milliseconds since the Unix epoch.
    #[ts(type = "number")]
    pub started_at_ms: u64,
    pub elapsed_ms: f64,
    pub cancelled: bool,
    /// The global deadline cut some requests short.
    pub deadline_hit: bool,
    /// Ranked: best first, disqualified last.
    pub mirrors: Vec<MirrorResult>,
    pub sumdb: Vec<SumdbReach>,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recommendation: Option<Recommendation>,
    /// The proxy requests went through (from HTTPS_PROXY/HTTP_PROXY), credentials hidden.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub via_proxy: Option<String>,
}
