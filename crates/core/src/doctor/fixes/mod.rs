//! Fixes for the Doctor's findings: go env plans where configuration is the cause, manual steps
//! otherwise. No fix ever weakens verification (no GOSUMDB=off, no -insecure, no wider GOPRIVATE):
//! see docs/cli.md (`doctor`).
//!
//! `propose` upgrades a finding's `Fix::Manual` to `Fix::GoEnv` when a go env change is the fix
//! and would take effect, and otherwise sharpens the manual hint (what to change, where).

mod config;
mod manual;
mod routes;

use super::{DoctorCode, DoctorFinding, EndpointCheck};
use crate::context::Context;
use crate::findings::Fix;
use crate::goenv::values::validate_value;
use crate::goenv::EnvOp;

/// A mirror the Doctor reached moments ago.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReachableMirror {
    /// The GOPROXY URL.
    pub url: String,
    /// Time to first byte of its probe; the fastest is proposed first.
    pub ttfb_ms: u64,
    /// Answers `<url>/sumdb/sum.golang.org/supported` with 200.
    pub relays_sumdb: bool,
}

/// What the fixes may rely on besides the findings.
#[derive(Debug, Clone, Default)]
pub struct FixInputs<'a> {
    /// Mirrors verified reachable, fastest first; `None` when probing was skipped (`--offline`):
    /// then no GOPROXY switch is proposed.
    pub mirrors: Option<&'a [ReachableMirror]>,
    /// The endpoint checks of this run (to tell whether sum.golang.google.cn is reachable).
    pub endpoints: &'a [EndpointCheck],
}

/// Upgrades each finding's fix where the context allows; never weakens verification.
pub fn propose(ctx: &Context, findings: &mut [DoctorFinding], inputs: &FixInputs<'_>) {
    for finding in findings.iter_mut() {
        let proposed = match finding.code {
            DoctorCode::ChecksumGosumMismatch | DoctorCode::ChecksumSumdbMismatch => {
                Some(manual::checksum_mismatch(finding))
            }
            DoctorCode::TlsUnknownAuthority => Some(manual::unknown_authority(finding)),
            code if code.as_str().starts_with("config.") => {
                config::fix(ctx, finding, inputs).map(Proposal::Ops)
            }
            _ => routes::fix(ctx, finding, inputs).map(Proposal::Ops),
        };
        match proposed {
            Some(Proposal::Ops(ops)) => apply_if_effective(ctx, finding, ops),
            Some(Proposal::Manual(hint)) => finding.fix = Fix::Manual { hint },
            None => {}
        }
    }
}

enum Proposal {
    Ops(Vec<EnvOp>),
    Manual(String),
}

/// Sets `ops` as the fix, unless a key is set in the OS environment (the GOENV file would be
/// shadowed) or a value breaks a rule: then the manual hint says where the value comes from.
fn apply_if_effective(ctx: &Context, finding: &mut DoctorFinding, ops: Vec<EnvOp>) {
    if ops.is_empty() || !ops.iter().all(is_safe) {
        return;
    }
    for op in &ops {
        if let EnvOp::Set { key, value } = op {
            if validate_value(key, value, ctx.rules_version()).is_err() {
                return;
            }
        }
        if let Some(env_value) = ctx.env().non_empty(op.key()) {
            let hint = manual::shadowed_by_environment(ctx, finding, op, env_value);
            finding.fix = Fix::Manual { hint };
            return;
        }
    }
    finding.fix = Fix::GoEnv { ops };
}

/// The rules no fix may break, checked on every op whatever proposed it.
pub fn is_safe(op: &EnvOp) -> bool {
    match op {
        EnvOp::Unset { key } => key != "GOPRIVATE" && key != "GONOSUMDB" && key != "GONOPROXY",
        EnvOp::Set { key, value } => match key.as_str() {
            "GOSUMDB" => value.trim() != "off",
            "GOINSECURE" => false,
            "GOFLAGS" => !value.contains("-insecure"),
            "GOPROXY" => !value.split([',', '|']).any(|e| e.trim() == "off"),
            _ => true,
        },
    }
}

#[cfg(test)]
mod tests;
