//! `goproxy-assistant bundle export|preview|apply`: team bundles (docs/bundle.md).

use super::bundle_sign::{self, IntegrityArgs, KeygenArgs, SignArgs, VerifyArgs};
use crate::output::Output;
use crate::output::{print_applied, shown};
use clap::Subcommand;
use goproxy_core::auth::serve::this_program;
use goproxy_core::bundle::plan::PlanInputs;
use goproxy_core::bundle::source::Provenance;
use goproxy_core::bundle::{self, Bundle, BundlePreview, HostAuth, RiskCode};
use goproxy_core::context::Context;
use goproxy_core::secrets::Keychain;
use goproxy_core::{Error, ErrorCode, Result};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

#[derive(Subcommand)]
pub enum BundleAction {
    /// Write the effective setup as a team bundle (never a token, path or user name).
    Export {
        /// Write the bundle to FILE instead of stdout.
        #[arg(long)]
        out: Option<PathBuf>,
        /// The bundle's name (1-80 characters).
        #[arg(long, default_value = "Go setup")]
        name: String,
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
        BundleAction::Export { out: file, name } => export(ctx, out, file, &name),
        BundleAction::Preview { source, integrity } => {
            let (bundle, provenance) = read(ctx, &source, &integrity)?;
            let helper = this_program()?;
            let keychain = Keychain::native();
            let mut preview = bundle::preview(ctx, &bundle, &[], &inputs(&helper, &keychain))?;
            preview.provenance = Some(provenance);
            out.print(&preview, print_preview);
            Ok(())
        }
        BundleAction::Apply {
            source,
            yes,
            accept,
            integrity,
        } => {
            let accepted = accept
                .iter()
                .map(|c| {
                    RiskCode::parse(c).ok_or_else(|| {
                        let all: Vec<&str> = RiskCode::ALL.iter().map(|c| c.as_str()).collect();
                        Error::invalid(
                            "accept",
                            format!(
                                "--accept {c:?} is not a rule; the rules are {}",
                                all.join(", ")
                            ),
                        )
                    })
                })
                .collect::<Result<Vec<_>>>()?;
            let (bundle, provenance) = read(ctx, &source, &integrity)?;
            bundle::check_accepted(&bundle, &accepted)?;
            let helper = this_program()?;
            let keychain = Keychain::native();
            if !yes {
                if out.json || !std::io::stdin().is_terminal() {
                    return Err(Error::invalid(
                        "yes",
                        "bundle apply asks before writing; review `bundle preview` and add --yes",
                    ));
                }
                let mut preview =
                    bundle::preview(ctx, &bundle, &accepted, &inputs(&helper, &keychain))?;
                preview.provenance = Some(provenance);
                print_preview(&preview);
                if !confirm()? {
                    println!("Nothing was written.");
                    return Ok(());
                }
            }
            let applied = bundle::apply(ctx, &bundle, &accepted, &inputs(&helper, &keychain))?;
            out.print(&applied, |a| {
                print_applied(&a.applied);
                for t in &a.tokens {
                    println!(
                        "Set the token for {}: goproxy-assistant token set {} --user {}{}",
                        t.host,
                        t.host,
                        t.login,
                        if t.auth == HostAuth::Bearer {
                            " --scheme bearer"
                        } else {
                            ""
                        }
                    );
                    if let Some(help) = &t.token_help {
                        println!("  {}", shown(help));
                    }
                    if let Some(url) = &t.token_url {
                        println!("  {}", shown(url));
                    }
                }
            });
            Ok(())
        }
    }
}

fn inputs<'a>(helper: &'a Path, keychain: &'a Keychain) -> PlanInputs<'a> {
    PlanInputs {
        helper,
        keychain: Some(keychain),
        tokens: &[],
    }
}

/// Loads (pin, signature) and parses the bundle; a refusal names its code, field and rule.
fn read(ctx: &Context, source: &str, integrity: &IntegrityArgs) -> Result<(Bundle, Provenance)> {
    let loaded = bundle_sign::load(ctx, source, integrity)?;
    let bundle = bundle::parse(&loaded.bytes).map_err(Error::from)?;
    Ok((bundle, loaded.provenance))
}

fn export(ctx: &Context, out: &Output, file: Option<PathBuf>, name: &str) -> Result<()> {
    let exported = bundle::export(ctx, name)?;
    if let Some(path) = &file {
        goproxy_core::atomic_file::write_atomic(path, exported.toml.as_bytes())?;
    }
    out.print(&exported, |e| {
        match &file {
            Some(path) => println!("Wrote the bundle to {}", path.display()),
            None => print!("{}", e.toml),
        }
        for o in &e.omitted {
            eprintln!("left out: {o}");
        }
    });
    Ok(())
}

fn confirm() -> Result<bool> {
    use std::io::Write;
    print!("Apply this bundle? [y/N] ");
    std::io::stdout().flush().ok();
    let mut answer = String::new();
    std::io::stdin()
        .read_line(&mut answer)
        .map_err(|e| Error::new(ErrorCode::Io, format!("cannot read the answer: {e}")))?;
    Ok(matches!(answer.trim(), "y" | "Y" | "yes"))
}

fn print_preview(p: &BundlePreview) {
    println!(
        "Bundle {}{}",
        shown(&p.name),
        p.version
            .as_deref()
            .map(|v| format!(" ({})", shown(v)))
            .unwrap_or_default()
    );
    if let Some(prov) = &p.provenance {
        println!("  from {} (sha256 {})", shown(&prov.source), prov.sha256);
        if let Some(sig) = &prov.signature {
            println!("  signed by team key {}", sig.key_id);
        }
    }
    for e in &p.env {
        let old = e
            .old
            .as_deref()
            .filter(|o| !o.is_empty())
            .unwrap_or("(not set)");
        if e.unchanged {
            println!("  go env {}: {} (unchanged)", e.key, shown(&e.new));
        } else {
            println!("  go env {}: {} -> {}", e.key, shown(old), shown(&e.new));
        }
    }
    for m in &p.mirrors {
        let state = if m.unchanged { " (already there)" } else { "" };
        println!("  mirror {} {}{state}", shown(&m.name), m.url);
    }
    for h in &p.hosts {
        let state = if h.unchanged { " (already there)" } else { "" };
        println!("  host {} (login {}){state}", h.host, h.login);
    }
    for t in &p.tokens {
        println!("  token to set after applying: {t}");
    }
    for f in &p.findings {
        println!("  note: {}", shown(&f.message));
    }
    for r in &p.acceptance {
        let mark = if r.accepted {
            "accepted"
        } else {
            "needs --accept"
        };
        println!(
            "  RISK {} {} = {:?} ({mark} {}): {}",
            r.code.as_str(),
            r.field,
            shown(&r.item),
            r.code.as_str(),
            r.risk
        );
    }
    if p.nothing_to_do {
        println!("Nothing to change: this bundle is already applied.");
    }
}
