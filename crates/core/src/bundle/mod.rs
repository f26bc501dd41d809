//! Team bundles (bundle v1, `docs/bundle.md`): one small TOML file with a team's Go setup.
//!
//! A bundle is untrusted input. [`parse`] refuses anything malformed or unsafe with a stable
//! [`RefusalCode`] naming the field and the rule; items that run code or weaken module
//! verification are [`RiskCode`]s the user must accept one rule at a time. [`preview`] shows
//! what would change without writing; [`apply`] writes every part as ONE history entry (one undo
//! reverts it all); [`export`] writes the effective configuration as a bundle without any secret,
//! local path, user name or machine name.

pub mod apply;
pub mod assess;
pub mod export;
pub mod model;
pub mod omission;
pub mod parse;
pub mod plan;
pub mod preview;
pub mod refusal;
pub mod risk;
/// Minisign signatures of bundles (helper bundle-sign).
pub mod signature;
/// Where a bundle comes from: a file, an `https://` URL, a `goproxy-assistant://` link
/// (helper bundle-sign).
pub mod source;
pub mod validate;

pub use apply::{apply, check_accepted, BundleApplied, TokenToSet};
pub use assess::assess;
pub use export::{export, BundleExport};
pub use model::{
    Bundle, BundleHost, BundleMirror, DockerDefaults, HostAuth, VerifySpec, FORMAT_V1,
};
pub use omission::{Omission, OmissionCode};
pub use parse::parse;
pub use preview::{
    preview, BundleFinding, BundleFindingCode, BundlePreview, EnvKeyChange, HostAddition,
    MirrorAddition,
};
pub use refusal::{Refusal, RefusalCode};
pub use risk::{RiskCode, RiskItem};

/// The largest bundle accepted, in bytes (262,144 bytes is allowed, one more is refused).
pub const MAX_BUNDLE_BYTES: usize = 256 * 1024;
