//! `goproxy-assistant bundle export|preview|apply`: team bundles (docs/bundle.md).

use super::bundle_sign::{self, IntegrityArgs, KeygenArgs, SignArgs, VerifyArgs};
use crate::output::Output;
use clap::Subcommand;
use goproxy_core::context::Context;
use goproxy_core::{Error, ErrorCode, Result};
use std::path::PathBuf;

#[derive(Subcommand)]
pub enum BundleAction {
    /// Write the effective setup as a team bundle (never a token, path or user name).
    Export {
        /// Write the bundle to FILE instead of stdout.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Show what applying a bundle would change; writes nothing.
    Preview {
        /// The bundle: a file path (or an https:// URL).
        source: String,
        #[command(flatten)]
        integrity: IntegrityArgs,
    },
    /// Apply a bundle as one undoable change, then name the tokens to set.
    Apply {
        /// The bundle: a file path (or an https:// URL).
        source: String,
        /// Apply without asking for confirmation.
        #[arg(long)]
        yes: bool,
        /// Accept the risky items of rule CODE (repeat for several rules).
        #[arg(long = "accept", value_name = "CODE")]
        accept: Vec<String>,
        #[command(flatten)]
        integrity: IntegrityArgs,
    },
    /// Make a team signing key pair (minisign's format; the secret key encrypted with a password
    /// unless --no-password).
    Keygen(KeygenArgs),
    /// Sign a bundle with the team's secret key: writes FILE.minisig.
    Sign(SignArgs),
    /// Check a bundle's signature (FILE.minisig or URL.minisig) against the team's public key.
    Verify(VerifyArgs),
}

pub fn run(ctx: &Context, out: &Output, action: BundleAction) -> Result<()> {
    match action {
        BundleAction::Keygen(args) => bundle_sign::keygen(out, args),
        BundleAction::Sign(args) => bundle_sign::sign(out, args),
        BundleAction::Verify(args) => bundle_sign::verify(ctx, out, args),
        _ => Err(Error::new(
            ErrorCode::External,
            "bundle commands are not available yet in this build",
        )),
    }
}
