//! `goproxy-assistant private list|add|remove|test|explain|goauth|git-helper|insteadof` and
//! `netrc status|fix-mode`.

use crate::output::{shown, Output};
use clap::Subcommand;
use goproxy_core::auth::serve::this_program;
use goproxy_core::context::Context;
use goproxy_core::history::History;
use goproxy_core::patterns::PatternKey;
use goproxy_core::private::git_config::GitCredentialSource;
use goproxy_core::private::{self, access, setup};
use goproxy_core::secrets::Keychain;
use goproxy_core::{netrc, Error, Result};

#[derive(Subcommand)]
pub enum PrivateAction {
    /// Patterns with their sources, hosts with token status, GOAUTH and the .netrc.
    List,
    /// Add module path patterns to GOPRIVATE (or --key GONOPROXY|GONOSUMDB|GOINSECURE).
    Add {
        #[arg(required = true)]
        patterns: Vec<String>,
        #[arg(long, default_value = "GOPRIVATE")]
        key: String,
        #[arg(long)]
        dry_run: bool,
    },
    /// Remove patterns (the key is unset when none is left).
    Remove {
        #[arg(required = true)]
        patterns: Vec<String>,
        #[arg(long, default_value = "GOPRIVATE")]
        key: String,
        #[arg(long)]
        dry_run: bool,
    },
    /// Which pattern settings apply to a module path, and how Go would fetch it (no network).
    Explain { module: String },
    /// Fetch a module path through the configured route and report the step that fails.
    Test { module: String },
    /// Set GOAUTH so Go 1.24+ asks this program for credentials (keeps existing entries).
    Goauth,
    /// Make git ask this program for credentials for a base URL (`https://git.corp.example.com`).
    GitHelper { url: String },
    /// For SSH users: rewrite `https://host/` to an SSH base (`git@host:`) in git.
    Insteadof {
        ssh_base: String,
        https_base: String,
    },
}

#[derive(Subcommand)]
pub enum NetrcAction {
    /// Where the .netrc is, its mode and its machines (never passwords).
    Status,
    /// Make the .netrc readable by you only (chmod 600).
    FixMode,
}

fn key(name: &str) -> Result<PatternKey> {
    PatternKey::parse(name).ok_or_else(|| {
        Error::invalid(
            "key",
            format!("{name} is not GOPRIVATE, GONOPROXY, GONOSUMDB or GOINSECURE"),
        )
    })
}

/// Where git gets credentials for a host, in a few words (direct fetches run git).
fn git_words(source: &Option<GitCredentialSource>, host: &str) -> String {
    let Some(source) = source else {
        return "a GOPROXY module proxy (git not involved)".into();
    };
    match source {
        GitCredentialSource::AppHelper => "git asks this program (keychain)".into(),
        GitCredentialSource::OtherHelper { helper } => {
            format!("git uses its own helper `{helper}` (it must know the token)")
        }
        GitCredentialSource::Ssh { base } => format!("git uses SSH ({base})"),
        GitCredentialSource::Nothing => format!(
            "git cannot log in (direct fetches fail): run `private git-helper https://{host}`"
        ),
        GitCredentialSource::GitMissing => "git is not installed".into(),
    }
}

pub fn run(ctx: &Context, out: &Output, action: PrivateAction) -> Result<()> {
    let env = ctx.env();
    match action {
        PrivateAction::List => {
            let o = private::overview(ctx, &Keychain::native())?;
            out.print(&o, |o| {
                for p in &o.patterns {
                    let from = if p.inherited_from_goprivate {
                        " (inherited from GOPRIVATE)"
                    } else {
                        ""
                    };
                    println!("{}={}{from}", p.key.name(), shown(&p.value));
                    for i in &p.issues {
                        println!("  problem: {}", shown(&i.message));
                    }
                }
                match &o.goauth.value {
                    Some(v) => println!(
                        "GOAUTH={}{}",
                        shown(v),
                        if o.goauth.helper_configured {
                            " (uses goproxy-assistant)"
                        } else {
                            ""
                        }
                    ),
                    None => println!("GOAUTH: not supported by this Go (< 1.24); use the .netrc"),
                }
                for h in &o.hosts {
                    let state = match h.stored {
                        Some(true) => "token in keychain".to_string(),
                        Some(false) => "no token in keychain".to_string(),
                        None => h
                            .error
                            .as_ref()
                            .map(|e| e.message.clone())
                            .unwrap_or_default(),
                    };
                    println!(
                        "host {} (user {}, {:?}): {state}{}; {}",
                        h.host.prefix,
                        h.host.user,
                        h.host.scheme,
                        if h.host.netrc { ", also in .netrc" } else { "" },
                        git_words(&h.git, &h.host.prefix)
                    );
                }
                if let Some(n) = &o.netrc {
                    println!(
                        ".netrc {}: {}{}",
                        n.path,
                        if n.exists { "present" } else { "absent" },
                        if n.loose_mode {
                            " (readable by others: run `netrc fix-mode`)"
                        } else {
                            ""
                        }
                    );
                }
            });
        }
        PrivateAction::Add {
            patterns,
            key: k,
            dry_run,
        } => {
            let change = private::change_patterns(ctx, key(&k)?, &patterns, &[], dry_run)?;
            out.print(&change, |c| print_change(c, dry_run));
        }
        PrivateAction::Remove {
            patterns,
            key: k,
            dry_run,
        } => {
            let change = private::change_patterns(ctx, key(&k)?, &[], &patterns, dry_run)?;
            out.print(&change, |c| print_change(c, dry_run));
        }
        PrivateAction::Explain { module } => {
            let e = private::explain(ctx, &module)?;
            out.print(&e, |e| {
                println!("{}", e.summary);
                for v in &e.verdicts {
                    let m = v
                        .matched_pattern
                        .as_deref()
                        .map(|p| format!("matches {p:?}"))
                        .unwrap_or_else(|| "no match".into());
                    println!("  {}={} ({m}): {}", v.key.name(), shown(&v.value), v.effect);
                }
            });
        }
        PrivateAction::Test { module } => {
            let report = access::test_access(ctx, &Keychain::native(), &module)?;
            out.print(&report, |r| {
                for s in &r.steps {
                    println!(
                        "{} {}: {}",
                        if s.ok { "ok  " } else { "FAIL" },
                        s.action.english(),
                        s.detail.english()
                    );
                }
                println!("{}", r.english_summary());
            });
            if !report.ok {
                if out.json {
                    // The report is the one JSON document (`ok: false`, `failure`); exit 1.
                    let _ = std::io::Write::flush(&mut std::io::stdout());
                    std::process::exit(1);
                }
                return Err(Error::new(
                    goproxy_core::ErrorCode::External,
                    report.english_summary(),
                )
                .with_field("module"));
            }
        }
        PrivateAction::Goauth => {
            let entry = setup::configure_goauth(ctx, &this_program()?)?;
            out.print(&entry, crate::output::print_applied);
        }
        PrivateAction::GitHelper { url } => {
            let entry =
                setup::configure_git_helper(env, &History::open(env)?, &this_program()?, &url)?;
            out.print(&entry, crate::output::print_applied);
        }
        PrivateAction::Insteadof {
            ssh_base,
            https_base,
        } => {
            let entry =
                setup::configure_insteadof(env, &History::open(env)?, &ssh_base, &https_base)?;
            out.print(&entry, crate::output::print_applied);
        }
    }
    Ok(())
}

pub fn run_netrc(ctx: &Context, out: &Output, action: NetrcAction) -> Result<()> {
    let env = ctx.env();
    let status = match action {
        NetrcAction::Status => netrc::status(env)?,
        NetrcAction::FixMode => netrc::fix_mode(env)?,
    };
    out.print(&status, |s| {
        println!(
            "{} ({}{})",
            s.path,
            if s.exists { "present" } else { "absent" },
            s.mode
                .as_deref()
                .map(|m| format!(", mode {m}"))
                .unwrap_or_default()
        );
        if s.loose_mode {
            println!("other users can read it: run `goproxy-assistant netrc fix-mode`");
        }
        for m in &s.machines {
            println!("  machine {} login {}", shown(&m.machine), shown(&m.login));
        }
    });
    Ok(())
}

fn print_change(c: &private::PatternChange, dry_run: bool) {
    super::env::print_plan(&c.plan, if dry_run { "would change" } else { "changed" });
    if let Some(a) = &c.applied {
        super::env::print_undo_hint(a);
    }
}
