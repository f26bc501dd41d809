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

use crate::history::HistoryEntry;
use crate::sysenv::SysEnv;
use crate::{Error, ErrorCode, Result};

/// The GOENV file of one environment, with the lock and journal that guard its changes.
pub struct Store {
    env: SysEnv,
}

impl Store {
    pub fn open(env: &SysEnv) -> Result<Store> {
        Ok(Store { env: env.clone() })
    }

    /// What applying `ops` would change. Validates everything; writes nothing.
    pub fn plan(&self, ops: &[EnvOp]) -> Result<Plan> {
        let _ = (&self.env, ops);
        Err(Error::new(ErrorCode::GoenvUnavailable, "not implemented yet"))
    }

    /// Validates, then writes under the lock and records a history entry.
    pub fn apply(&self, ops: &[EnvOp]) -> Result<HistoryEntry> {
        let _ = ops;
        Err(Error::new(ErrorCode::GoenvUnavailable, "not implemented yet"))
    }
}
