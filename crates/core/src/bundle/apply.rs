//! Applying a bundle: every part (go env, mirrors with their CA files, hosts, tokens entered
//! with it) as ONE history entry, so one undo reverts it all. Risky items must be accepted by
//! their rule first; a refused bundle writes nothing.

use super::model::Bundle;
use super::plan::{plan, PlanInputs};
use super::risk::RiskCode;
use crate::context::Context;
use crate::goenv_store::Store;
use crate::history::Applied;
use crate::{Error, ErrorCode, Result};
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

/// Refuses the first risky item whose rule is not in `accepted`.
pub fn check_accepted(bundle: &Bundle, accepted: &[RiskCode]) -> Result<()> {
    if let Some(item) = super::assess(bundle)
        .into_iter()
        .find(|i| !accepted.contains(&i.code))
    {
        return Err(Error::new(
            ErrorCode::BundleNeedsAcceptance,
            format!(
                "{} = {:?} needs your acceptance: {}; accept it with --accept {}",
                item.field,
                item.item,
                item.risk,
                item.code.as_str()
            ),
        )
        .with_field(item.field)
        .with_rule(item.code.as_str()));
    }
    Ok(())
}

/// Applies `bundle` as one history entry (planned again under the lock).
pub fn apply(
    ctx: &Context,
    bundle: &Bundle,
    accepted: &[RiskCode],
    inputs: &PlanInputs<'_>,
) -> Result<BundleApplied> {
    check_accepted(bundle, accepted)?;
    let store = Store::open(ctx)?;
    let history = store.history();
    let lock = history.lock()?;
    let planned = plan(ctx, bundle, inputs)?;
    let applied = history.apply(&lock, planned.change)?;
    drop(lock);
    let tokens = planned
        .hosts
        .iter()
        .filter(|h| h.token_stored != Some(true))
        .filter(|h| !inputs.tokens.iter().any(|(host, _)| *host == h.host))
        .map(|h| TokenToSet {
            host: h.host.clone(),
            login: h.login.clone(),
            auth: h.auth,
            token_help: h.token_help.clone(),
            token_url: h.token_url.clone(),
        })
        .collect();
    Ok(BundleApplied { applied, tokens })
}

#[cfg(test)]
#[path = "apply_tests.rs"]
mod tests;
