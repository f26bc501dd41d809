//! `goproxy-assistant bundle keygen|sign|verify` (team signatures in minisign's format, so the
//! `minisign` tool signs and checks the same files), and the `--sha256`/`--pubkey` checks that
//! `bundle preview|apply` run before they read a bundle (docs/bundle.md, "Signing").
//!
//! A password is read from the terminal without echo, or else as the first line of stdin (CI);
//! it is never an argument, never printed.

use crate::output::{shown, Output};
use clap::Args;
use goproxy_core::bundle::signature::{self, SigningKey, TeamKey};
use goproxy_core::bundle::source::{self, BundleSource, LoadOptions, Loaded};
use goproxy_core::context::Context;
use goproxy_core::net::Network;
use goproxy_core::secrets::Secret;
use goproxy_core::{Error, ErrorCode, Result};
use serde::Serialize;
use std::io::{IsTerminal, Read};
use std::path::PathBuf;

#[derive(Args)]
pub struct KeygenArgs {
    /// Where to write the secret key (created with mode 0600; never overwritten).
    #[arg(long, value_name = "SECFILE")]
    pub key: PathBuf,
    /// Where to write the public key (the team key to hand out).
    #[arg(long, value_name = "PUBFILE")]
    pub pubkey: PathBuf,
    /// Leave the secret key unencrypted (for CI signing; keep the file secret).
    #[arg(long)]
    pub no_password: bool,
}

#[derive(Args)]
pub struct SignArgs {
    /// The bundle to sign; the signature goes to FILE.minisig.
    pub file: PathBuf,
    /// The secret key (its password is asked if it has one).
    #[arg(long, value_name = "SECFILE")]
    pub key: PathBuf,
}

#[derive(Args)]
pub struct VerifyArgs {
    /// The bundle: a file (signature in FILE.minisig), an https:// URL (URL.minisig) or a
    /// goproxy-assistant://bundle link.
    pub source: String,
    /// The team's public key.
    #[arg(long, value_name = "PUBFILE")]
    pub pubkey: PathBuf,
    /// The bundle's expected SHA-256 (64 hex digits).
    #[arg(long, value_name = "HEX")]
    pub sha256: Option<String>,
}

/// The integrity options of `bundle preview|apply`.
#[derive(Args, Default)]
pub struct IntegrityArgs {
    /// The bundle's expected SHA-256 (64 hex digits); a different bundle is refused.
    #[arg(long, value_name = "HEX")]
    pub sha256: Option<String>,
    /// The team's public key: the bundle must then carry a valid FILE.minisig (or URL.minisig).
    #[arg(long, value_name = "PUBFILE")]
    pub pubkey: Option<PathBuf>,
}

pub fn keygen(out: &Output, args: KeygenArgs) -> Result<()> {
    let password = if args.no_password {
        None
    } else {
        Some(read_password(true)?)
    };
    let keys = signature::keygen(&args.key, &args.pubkey, password.as_ref())?;
    out.print(&keys, |k| {
        println!(
            "Wrote the secret key to {} ({}) and the public key to {}.",
            k.secret_key_file,
            if k.encrypted {
                "encrypted with your password; keep it private"
            } else {
                "NOT encrypted: keep it secret, e.g. in your CI's secret store"
            },
            k.public_key_file
        );
        println!("Team key: {}", k.key_id);
        println!("Public key: {}", k.public_key);
        println!(
            "Sign a bundle with: goproxy-assistant bundle sign FILE --key {}",
            k.secret_key_file
        );
    });
    Ok(())
}

pub fn sign(out: &Output, args: SignArgs) -> Result<()> {
    let key = SigningKey::from_file(&args.key, || read_password(false))?;
    let signed = signature::sign_file(&args.file, &key)?;
    out.print(&signed, |s| {
        println!(
            "Signed with team key {}: {}",
            s.key_id,
            shown(&s.signature_file)
        );
        println!(
            "Trusted comment: {}",
            shown(&s.trusted_comment.replace('\t', "  "))
        );
    });
    Ok(())
}

#[derive(Serialize)]
struct Verified {
    source: String,
    sha256: String,
    key_id: String,
    signature_from: String,
    trusted_comment: String,
}

pub fn verify(ctx: &Context, out: &Output, args: VerifyArgs) -> Result<()> {
    let integrity = IntegrityArgs {
        sha256: args.sha256,
        pubkey: Some(args.pubkey),
    };
    let loaded = load(ctx, &args.source, &integrity)?;
    let Some(check) = loaded.provenance.signature else {
        return Err(Error::new(
            ErrorCode::External,
            "internal error: no signature was checked",
        ));
    };
    let verified = Verified {
        source: loaded.provenance.source,
        sha256: loaded.provenance.sha256,
        key_id: check.key_id,
        signature_from: check.signature_from,
        trusted_comment: check.trusted_comment,
    };
    out.print(&verified, |v| {
        println!(
            "Signature OK: {} is signed by team key {} ({})",
            shown(&v.source),
            v.key_id,
            shown(&v.signature_from)
        );
        println!(
            "Trusted comment: {}",
            shown(&v.trusted_comment.replace('\t', "  "))
        );
    });
    Ok(())
}

/// Reads or downloads the bundle named by `arg` and runs the checks `integrity` asks for (a pin
/// given both in a link and as `--sha256` must agree). Nothing is written.
pub fn load(ctx: &Context, arg: &str, integrity: &IntegrityArgs) -> Result<Loaded> {
    let (source, link_pin) = BundleSource::parse(arg)?;
    let sha256 = source::pin_for(link_pin, integrity.sha256.as_deref())?;
    let team_key = integrity
        .pubkey
        .as_deref()
        .map(TeamKey::from_file)
        .transpose()?;
    let options = LoadOptions {
        sha256,
        team_key,
        ..LoadOptions::new(Network::from_env(ctx.env()))
    };
    source::load(&source, &options)
}

/// A password from the terminal (asked twice when `confirm`), or else the first line of stdin;
/// when stdin has a second line (minisign's `-G` reads two), it must be the same.
fn read_password(confirm: bool) -> Result<Secret> {
    let failed = |e: std::io::Error| {
        Error::new(ErrorCode::Io, format!("cannot read the password: {e}")).with_field("password")
    };
    let mismatch = || Error::invalid("password", "the two passwords differ; nothing was written");
    if std::io::stdin().is_terminal() {
        let first = Secret::new(rpassword::prompt_password("Password: ").map_err(failed)?);
        if confirm {
            let again = rpassword::prompt_password("Password (one more time): ").map_err(failed)?;
            if again != first.expose() {
                return Err(mismatch());
            }
        }
        return Ok(first);
    }
    let mut input = Vec::new();
    std::io::stdin()
        .lock()
        .take(4096)
        .read_to_end(&mut input)
        .map_err(failed)?;
    let text = String::from_utf8(input)
        .map_err(|_| Error::invalid("password", "the password on stdin is not UTF-8 text"))?;
    let mut lines = text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l));
    let first = Secret::new(lines.next().unwrap_or_default());
    if let Some(again) = lines.next().filter(|l| !l.is_empty()) {
        if again != first.expose() {
            return Err(mismatch());
        }
    }
    Ok(first)
}
