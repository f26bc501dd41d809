//! The GOENV file (`go env -w` storage): where it is, how Go reads it, how Go rewrites it,
//! which keys and values Go accepts, and the locked, journaled store that changes it.

pub mod file;
pub mod goauth;
pub mod keys;
pub mod location;
pub mod remote;
pub mod values;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One change to the GOENV file, as `go env -w KEY=VALUE` or `go env -u KEY` would make it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "op", rename_all = "snake_case")]
#[ts(export)]
pub enum EnvOp {
    Set { key: String, value: String },
    Unset { key: String },
}

impl EnvOp {
    pub fn key(&self) -> &str {
        match self {
            EnvOp::Set { key, .. } | EnvOp::Unset { key } => key,
        }
    }

    pub fn set(key: impl Into<String>, value: impl Into<String>) -> Self {
        EnvOp::Set {
            key: key.into(),
            value: value.into(),
        }
    }

    pub fn unset(key: impl Into<String>) -> Self {
        EnvOp::Unset { key: key.into() }
    }
}
