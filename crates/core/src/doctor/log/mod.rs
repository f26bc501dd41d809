//! The log explainer: reads what `go build/get/list/run/mod download/mod tidy` (or a `docker build`
//! around them) printed and returns one finding per distinct problem.
//!
//! Bytes become clean lines (`normalise`), lines become go messages (`records`), each message gets
//! a code and what it concerns (`classify`, with the phrases in `shapes` and the fields from
//! `extract`), and messages about the same problem become one finding (`group`, words in `words`).
//! One pass, linear in the log's size; memory is bounded by the caps in `group` and `records`.
//! The codes and their advice are listed in docs/doctor.md.

use super::DoctorFinding;
use serde::Serialize;
use ts_rs::TS;

mod classify;
mod extract;
mod group;
mod normalise;
mod records;
mod scan;
mod shapes;
mod words;

#[cfg(test)]
mod tests;

/// What the explainer made of a log.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct LogExplanation {
    pub findings: Vec<DoctorFinding>,
    /// Lines read.
    pub lines: u32,
}

/// Explains `log` (any bytes: binary, ANSI colours, CRLF/CR, any size). Fixes are manual advice
/// here; `fixes::propose` upgrades them to go env plans where the context allows. A log without
/// a go error gives no findings.
pub fn explain(log: &[u8]) -> LogExplanation {
    let mut grouper = group::Grouper::default();
    let mut last_line = 0;
    let lines = normalise::lines(log).inspect(|l| last_line = l.number);
    records::records(lines, |record| {
        if let Some(problem) = classify::classify(record) {
            grouper.add(problem);
        }
    });
    LogExplanation {
        findings: grouper.findings(),
        lines: last_line,
    }
}
