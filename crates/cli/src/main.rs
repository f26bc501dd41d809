//! `goproxy-assistant`: the headless CLI over the same core the desktop app uses.
//! Every command accepts `--json`: results go to stdout as JSON, errors as `{"error": {...}}`.

mod argument_error;
mod commands;
mod output;

use clap::{Parser, Subcommand};
use goproxy_core::context::Context;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "goproxy-assistant",
    version,
    about = "Explain and fix your Go module download setup"
)]
struct Cli {
    /// Print machine-readable JSON instead of text.
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Show every Go installation, each module-download setting with its source, and findings.
    Detect,
    /// Change the GOENV file exactly as `go env -w` / `go env -u` would (undoable).
    Env {
        #[command(subcommand)]
        action: commands::env::EnvAction,
    },
    /// List applied changes, newest first.
    History,
    /// Undo the newest change not yet undone, or the change with the given id.
    Undo { id: Option<String> },
    /// List the mirrors (Go module proxies), add or remove your own.
    Mirrors {
        #[command(subcommand)]
        action: Option<commands::mirrors::MirrorsAction>,
    },
    /// Benchmark mirrors the way `go mod download` uses them and recommend GOPROXY/GOSUMDB.
    Bench(commands::bench::BenchArgs),
    /// Find why module downloads fail and propose the fix (exit 0 ok, 1 problems, 2 could not run).
    Doctor(commands::doctor::DoctorArgs),
    /// Switch GOPROXY (and optionally GOSUMDB) to the given mirrors, undoable.
    Use(commands::use_mirrors::UseArgs),
    /// Private modules: patterns, explain/test a module path, GOAUTH and git setup.
    Private {
        #[command(subcommand)]
        action: commands::private::PrivateAction,
    },
    /// Write the Dockerfile for a Go module (from go.mod and the current module settings).
    Dockerfile(commands::dockerfile::DockerfileArgs),
    /// Print a CI snippet (GitHub Actions, GitLab CI or compose) that builds the image.
    CiSnippet(commands::dockerfile::CiSnippetArgs),
    /// Tokens in the OS keychain (read from stdin, never printed).
    Token {
        #[command(subcommand)]
        action: commands::token::TokenAction,
    },
    /// The .netrc: status (no passwords) and permission fix.
    Netrc {
        #[command(subcommand)]
        action: commands::private::NetrcAction,
    },
    /// Team bundles: export the setup, preview or apply a bundle (docs/bundle.md).
    Bundle {
        #[command(subcommand)]
        action: commands::bundle::BundleAction,
    },
    /// GOAUTH helper run by the go command (Go 1.24+): prints credentials for Go.
    #[command(hide = true)]
    Goauth { url: Option<String> },
    /// git credential helper: `git-credential get|store|erase` (git's protocol on stdin).
    #[command(hide = true)]
    GitCredential { action: String },
}

/// Ends quietly, as other Unix tools do, when the reader of stdout goes away (`... | head`),
/// instead of panicking on a broken pipe: Rust ignores SIGPIPE unless told otherwise.
#[cfg(unix)]
fn restore_default_sigpipe() {
    extern "C" {
        fn signal(signum: i32, handler: usize) -> usize;
    }
    const SIGPIPE: i32 = 13; // the same on Linux, macOS and the BSDs
    const SIG_DFL: usize = 0;
    // SAFETY: installs the default disposition for one signal before any thread is started.
    unsafe {
        signal(SIGPIPE, SIG_DFL);
    }
}

/// The subcommand is `doctor` (the first argument that is not a flag).
fn names_doctor(args: &[std::ffi::OsString]) -> bool {
    args.iter()
        .skip(1)
        .find(|a| !a.as_encoded_bytes().starts_with(b"-"))
        .is_some_and(|a| a == "doctor")
}

fn main() -> ExitCode {
    #[cfg(unix)]
    restore_default_sigpipe();
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let cli = match Cli::try_parse_from(&args) {
        Ok(cli) => cli,
        Err(e) => {
            let shown_help = matches!(
                e.kind(),
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion
            );
            let code = argument_error::report(e, argument_error::wants_json(&args));
            // The Doctor's contract: 2 = it could not run (1 means it found an error).
            return if !shown_help && names_doctor(&args) {
                ExitCode::from(2)
            } else {
                code
            };
        }
    };
    let ctx = Context::current();
    let env = ctx.env();
    let out = output::Output { json: cli.json };
    let result = match cli.command {
        Command::Detect => commands::detect::run(&ctx, &out),
        Command::Env { action } => commands::env::run(&ctx, &out, action),
        Command::History => commands::history::list(&ctx, &out),
        Command::Undo { id } => commands::history::undo(&ctx, &out, id.as_deref()),
        Command::Mirrors { action } => commands::mirrors::run(&ctx, &out, action),
        Command::Bench(args) => commands::bench::run(&ctx, &out, args),
        Command::Doctor(args) => {
            let code = commands::doctor::run(&ctx, &out, args);
            commands::history::report_settled();
            return code;
        }
        Command::Use(args) => commands::use_mirrors::run(&ctx, &out, args),
        Command::Private { action } => commands::private::run(&ctx, &out, action),
        Command::Dockerfile(args) => commands::dockerfile::run(&ctx, &out, args),
        Command::CiSnippet(args) => commands::dockerfile::run_snippet(&ctx, &out, args),
        Command::Token { action } => commands::token::run(&ctx, &out, action),
        Command::Netrc { action } => commands::private::run_netrc(&ctx, &out, action),
        Command::Bundle { action } => commands::bundle::run(&ctx, &out, action),
        Command::Goauth { url } => {
            goproxy_core::auth::serve::goauth(env, url.as_deref());
            return ExitCode::SUCCESS;
        }
        Command::GitCredential { action } => {
            goproxy_core::auth::serve::git_credential(env, &action);
            return ExitCode::SUCCESS;
        }
    };
    commands::history::report_settled();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            out.error(&err);
            ExitCode::FAILURE
        }
    }
}
