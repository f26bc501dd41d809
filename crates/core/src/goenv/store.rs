//! The go env store: plan a change (pure, reviewable), then apply it under a lock with an atomic
//! write and a history entry.

use crate::goenv::EnvOp;
use crate::history::ChangeLine;
use serde::Serialize;
use ts_rs::TS;

/// A reviewable change to the GOENV file. Applying it writes exactly what `go env -w/-u` would.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Plan {
    /// The GOENV file that will be written.
    pub file: String,
    pub ops: Vec<EnvOp>,
    /// One line per key whose stored value changes; empty when the plan changes nothing.
    pub changes: Vec<ChangeLine>,
    /// Notes to show before applying, e.g. an OS variable that will still override the new value.
    pub warnings: Vec<String>,
}
