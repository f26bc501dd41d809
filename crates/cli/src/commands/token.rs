//! `goproxy-assistant token set|delete|status`. The token is read from stdin, never from argv,
//! and never printed.

use crate::output::Output;
use clap::{Subcommand, ValueEnum};
use goproxy_core::context::Context;
use goproxy_core::history::History;
use goproxy_core::hosts::AuthScheme;
use goproxy_core::private::credentials::{self, TokenRequest};
use goproxy_core::secrets::{Keychain, Secret};
use goproxy_core::Result;

#[derive(Clone, Copy, ValueEnum)]
pub enum Scheme {
    Basic,
    Bearer,
}

#[derive(Subcommand)]
pub enum TokenAction {
    /// Store or replace the token for HOST (`host` or `host:port`), read from stdin.
    Set {
        host: String,
        /// The login sent with the token (default `token`).
        #[arg(long)]
        user: Option<String>,
        #[arg(long, value_enum, default_value = "basic")]
        scheme: Scheme,
        /// Also write the token to the .netrc in plain text (for Go < 1.24, git and curl).
        #[arg(long)]
        netrc: bool,
    },
    /// Delete HOST's token from the keychain (and its .netrc entries if the app wrote them).
    Delete { host: String },
    /// Whether a token is stored, per host (never the token).
    Status { host: Option<String> },
}

pub fn run(ctx: &Context, out: &Output, action: TokenAction) -> Result<()> {
    let env = ctx.env();
    let keychain = Keychain::native();
    match action {
        TokenAction::Set {
            host,
            user,
            scheme,
            netrc,
        } => {
            if std::io::IsTerminal::is_terminal(&std::io::stdin()) {
                eprintln!("Paste the token and press Enter (it is not shown):");
            }
            let token = Secret::read_token(std::io::stdin().lock())?;
            let req = TokenRequest {
                host,
                user,
                scheme: match scheme {
                    Scheme::Basic => AuthScheme::Basic,
                    Scheme::Bearer => AuthScheme::Bearer,
                },
                netrc,
            };
            let outcome =
                credentials::set_token(ctx, &keychain, &History::open(env)?, &req, &token)?;
            out.print(&outcome, |o| {
                println!(
                    "{} the token for {} (user {}) in the keychain as {}{}",
                    if o.had_token { "replaced" } else { "stored" },
                    o.host.prefix,
                    o.host.user,
                    o.keychain_service,
                    if o.host.netrc {
                        "; also written to the .netrc"
                    } else {
                        ""
                    }
                );
                if let Some(note) = &o.note {
                    println!("note: {note}");
                }
                super::env::print_undo_hint(&o.history);
            });
        }
        TokenAction::Delete { host } => {
            let outcome = credentials::delete_token(env, &keychain, &History::open(env)?, &host)?;
            out.print(&outcome, |o| {
                println!(
                    "{} {}",
                    if o.had_token {
                        "deleted the token for"
                    } else {
                        "no token was in the keychain for"
                    },
                    o.host.prefix
                );
                if let Some(note) = &o.note {
                    println!("note: {note}");
                }
                super::env::print_undo_hint(&o.history);
            });
        }
        TokenAction::Status { host } => {
            let list = credentials::token_status(env, &keychain, host.as_deref())?;
            out.print(&list, |l| {
                if l.is_empty() {
                    println!("no host has a token; add one with `token set HOST`");
                }
                for s in l {
                    let state = match s.stored {
                        Some(true) => "token stored".to_string(),
                        Some(false) => "no token stored".to_string(),
                        None => s
                            .error
                            .as_ref()
                            .map(|e| e.message.clone())
                            .unwrap_or_default(),
                    };
                    println!("{} (user {}): {state}", s.host.prefix, s.host.user);
                }
            });
        }
    }
    Ok(())
}
