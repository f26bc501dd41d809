//! Applying a bundle: every part (go env, mirrors, hosts, patterns) as one history entry.

use crate::history::Applied;
use serde::Serialize;
use ts_rs::TS;

/// A host whose token the user sets next (`token set HOST` in the CLI, the token form in the GUI).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct TokenToSet {
    pub host: String,
    pub login: String,
    pub auth: super::HostAuth,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token_help: Option<String>,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token_url: Option<String>,
}

/// The result of `bundle apply`: the history entry (or "nothing to do") and the tokens to set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct BundleApplied {
    pub applied: Applied,
    pub tokens: Vec<TokenToSet>,
}
