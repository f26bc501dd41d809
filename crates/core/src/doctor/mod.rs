//! The Doctor: finds why module downloads fail and proposes the fix.
//!
//! Three sources feed one report: the connectivity check of every endpoint the effective
//! configuration uses (`check`), the explainer of pasted `go` output (`log`) and run mode, which
//! runs `go mod download -x` in a project and explains what it printed (`run`). Fixes (`fixes`)
//! are go env ops applied through the store, or manual steps; none ever weakens verification.

use crate::findings::{Fix, Severity};
use serde::Serialize;
use std::collections::BTreeMap;
use ts_rs::TS;

pub mod check;
pub mod codes;
mod diagnose;
pub mod fixes;
pub mod log;
pub mod run;

pub use codes::DoctorCode;
pub use diagnose::{diagnose, DoctorOptions, DoctorProgress, MAX_TIMEOUT};

/// What `goproxy-assistant doctor --json` prints and the Doctor page shows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct DoctorReport {
    pub endpoints: Vec<EndpointCheck>,
    pub findings: Vec<DoctorFinding>,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub run: Option<RunOutcome>,
}

impl DoctorReport {
    /// The CLI's exit status: 1 when a finding of severity error is reported, else 0.
    pub fn has_error(&self) -> bool {
        self.findings.iter().any(|f| f.severity == Severity::Error)
    }
}

/// Why the go command contacts an endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum EndpointRole {
    /// A GOPROXY entry.
    Proxy,
    /// The checksum database (GOSUMDB).
    Sumdb,
    /// A host that serves private modules (GOPRIVATE/GONOPROXY patterns, stored tokens).
    PrivateHost,
    /// `direct` in GOPROXY: the module's own host over git/https.
    Direct,
}

/// One connection step, in the order they happen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum StepKind {
    Dns,
    Tcp,
    Tls,
    Http,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct StepResult {
    pub step: StepKind,
    pub ok: bool,
    /// Time the step took (for a failed step: until it failed or the budget ran out).
    #[ts(type = "number")]
    pub ms: u64,
    /// Why the step failed.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<DoctorCode>,
    /// The HTTP status, for the `http` step.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct EndpointCheck {
    /// The URL checked (for `direct`, the origin of a module host; no credentials).
    pub url: String,
    pub role: EndpointRole,
    pub ok: bool,
    /// The steps reached, in order; the last one failed when `ok` is false.
    pub steps: Vec<StepResult>,
    /// For a proxy: whether it relays the checksum database (`<proxy>/sumdb/<name>/supported`).
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sumdb_relay: Option<bool>,
    /// The proxy route used (HTTP(S)_PROXY), when the endpoint is not reached directly.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub via: Option<String>,
    /// Still being checked (only ever true in progress reports, never in the result; absent
    /// when false).
    #[ts(type = "boolean | undefined")]
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub running: bool,
    /// Why an endpoint is listed without steps.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<EndpointNote>,
}

/// Why an endpoint is listed but not checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum EndpointNote {
    /// `direct` reaches each module's own host, and no such host is known (no private host is
    /// routed direct), so there is nothing concrete to check.
    NoKnownHost,
}

/// One distinct problem, however many modules or log lines show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct DoctorFinding {
    pub code: DoctorCode,
    pub severity: Severity,
    /// The host:port go was talking to, as in the URL it printed.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
    /// `path@version` of every module concerned (`path` alone when go named no version).
    pub modules: Vec<String>,
    /// 1-based numbers of the log lines the finding came from.
    pub lines: Vec<u32>,
    /// One English sentence (CLI output; the UI builds its text from `code` and `params`).
    pub message: String,
    /// Values for the localised text (`host`, `url`, `status`, `key`, `value`...).
    pub params: BTreeMap<String, String>,
    pub fix: Fix,
}

/// How run mode's `go mod download -x` ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct RunOutcome {
    pub ok: bool,
    /// go's exit status; none when it was stopped (timeout, cancel) or could not start.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exit_code: Option<i32>,
    #[ts(type = "number")]
    pub ms: u64,
    pub timed_out: bool,
}
