//! What applying a bundle would change, computed without writing anything.

use super::model::Bundle;
use super::plan::{plan, PlanInputs};
use super::risk::{RiskCode, RiskItem};
use crate::change::ChangePreview;
use crate::context::Context;
use serde::Serialize;
use ts_rs::TS;

/// One go env key: its value in the GOENV file now and the bundle's value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct EnvKeyChange {
    pub key: String,
    /// The effective value now (what go uses), if any.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old: Option<String>,
    /// Where the effective value comes from now.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old_source: Option<crate::settings::SettingSource>,
    /// The value written to the GOENV file (GOAUTH's `keychain` made this app's helper).
    pub new: String,
    /// The bundle's own value (GOAUTH `keychain` as written, no local path): what a summary
    /// the user shares names.
    pub bundle_value: String,
    /// The GOENV file already holds it: nothing changes for this key.
    pub unchanged: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct MirrorAddition {
    pub name: String,
    pub url: String,
    pub has_ca: bool,
    /// The user already has this mirror, the same way.
    pub unchanged: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct HostAddition {
    /// `host` or `host:port`.
    pub host: String,
    pub login: String,
    pub auth: super::HostAuth,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token_help: Option<String>,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token_url: Option<String>,
    /// A token is already stored for this host (`None` when the keychain could not say).
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token_stored: Option<bool>,
    pub unchanged: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum BundleFindingCode {
    /// The active go is older than the bundle's `min_go`.
    GoOlderThanMin,
    /// An OS environment variable keeps overriding a key the bundle sets.
    EnvOverridesFile,
    /// The active go does not know a key the bundle sets (GOAUTH before 1.24...): it is skipped.
    KeyUnknownToGo,
    /// A host the bundle names is already set up with another login or scheme: kept as it is.
    HostKeptAsIs,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct BundleFinding {
    pub code: BundleFindingCode,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// One English sentence.
    pub message: String,
}

/// A bundle as the user reviews it before applying.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct BundlePreview {
    pub name: String,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verify_module: Option<String>,
    /// The file or URL, its SHA-256, and the verified signature when a team key was given.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provenance: Option<super::source::Provenance>,
    pub env: Vec<EnvKeyChange>,
    pub mirrors: Vec<MirrorAddition>,
    pub hosts: Vec<HostAddition>,
    /// Hosts whose token the user is asked for after applying (no token stored yet).
    pub tokens: Vec<String>,
    pub findings: Vec<BundleFinding>,
    /// Items that need acceptance, each with whether it was accepted.
    pub acceptance: Vec<RiskItem>,
    /// The whole change (lines and files) applying would make.
    pub change: ChangePreview,
    /// Applying would change nothing (it was applied before).
    pub nothing_to_do: bool,
}

/// What applying `bundle` would change here, with each risky item marked accepted or not.
/// Reads only: nothing is written (not even the history lock).
pub fn preview(
    ctx: &Context,
    bundle: &Bundle,
    accepted: &[RiskCode],
    inputs: &PlanInputs<'_>,
) -> crate::Result<BundlePreview> {
    let planned = plan(ctx, bundle, inputs)?;
    let acceptance = super::assess(bundle)
        .into_iter()
        .map(|mut item| {
            item.accepted = accepted.contains(&item.code);
            item
        })
        .collect();
    let tokens = planned
        .hosts
        .iter()
        .filter(|h| h.token_stored != Some(true))
        .filter(|h| !inputs.tokens.iter().any(|(host, _)| *host == h.host))
        .map(|h| h.host.clone())
        .collect();
    Ok(BundlePreview {
        name: bundle.name.clone(),
        version: bundle.version.clone(),
        description: bundle.description.clone(),
        verify_module: bundle.verify.as_ref().map(|v| v.module.clone()),
        provenance: None,
        env: planned.env,
        mirrors: planned.mirrors,
        hosts: planned.hosts,
        tokens,
        findings: planned.findings,
        acceptance,
        change: planned.change.preview(),
        nothing_to_do: planned.nothing_to_do,
    })
}
