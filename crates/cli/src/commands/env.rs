//! `goproxy-assistant env set|unset`

use crate::output::Output;
use clap::Subcommand;
use goproxy_core::context::Context;
use goproxy_core::goenv::EnvOp;
use goproxy_core::goenv_store::{Plan, Store};
use goproxy_core::history::Applied;
use goproxy_core::{Error, Result};
use serde::Serialize;

#[derive(Subcommand)]
pub enum EnvAction {
    /// Set one or more keys: `env set GOPROXY=https://goproxy.cn,direct GOSUMDB=sum.golang.org`.
    Set {
        #[arg(required = true, value_name = "KEY=VALUE")]
        assignments: Vec<String>,
        /// Show the plan without writing anything.
        #[arg(long)]
        dry_run: bool,
    },
    /// Remove keys from the GOENV file, restoring Go's defaults (like `go env -u`).
    Unset {
        #[arg(required = true, value_name = "KEY")]
        keys: Vec<String>,
        #[arg(long)]
        dry_run: bool,
    },
}

/// `KEY=VALUE` as Go splits it: at the first `=`.
fn parse_assignment(arg: &str) -> Result<EnvOp> {
    match arg.split_once('=') {
        Some((key, value)) => Ok(EnvOp::set(key, value)),
        None => Err(Error::invalid(
            arg,
            format!("arguments must be KEY=VALUE: invalid argument: {arg}"),
        )),
    }
}

#[derive(Serialize)]
#[serde(untagged)]
enum EnvResult {
    Plan(Plan),
    Applied(Applied),
}

pub fn run(ctx: &Context, out: &Output, action: EnvAction) -> Result<()> {
    let (ops, dry_run) = match action {
        EnvAction::Set {
            assignments,
            dry_run,
        } => (
            assignments
                .iter()
                .map(|a| parse_assignment(a))
                .collect::<Result<Vec<_>>>()?,
            dry_run,
        ),
        EnvAction::Unset { keys, dry_run } => {
            (keys.into_iter().map(EnvOp::unset).collect(), dry_run)
        }
    };
    let store = Store::open(ctx)?;
    let plan = store.plan(&ops)?;
    if dry_run {
        out.print(&EnvResult::Plan(plan), |r| {
            if let EnvResult::Plan(p) = r {
                print_plan(p, "would change");
            }
        });
        return Ok(());
    }
    let applied = store.apply(&ops)?;
    out.print(&EnvResult::Applied(applied), |r| {
        if let EnvResult::Applied(a) = r {
            print_plan(&plan, "changed");
            print_undo_hint(a);
        }
    });
    Ok(())
}

/// `undo with: ...` when something was recorded.
pub fn print_undo_hint(applied: &Applied) {
    if let Some(e) = applied.entry() {
        println!("undo with: goproxy-assistant undo {}", e.id);
    }
}

pub fn print_plan(plan: &Plan, verb: &str) {
    if plan.preview.lines.is_empty() {
        println!("{} already has these values; nothing to change", plan.file);
    } else {
        println!("{verb} {}:", plan.file);
        for c in &plan.preview.lines {
            crate::output::print_change("  ", c);
        }
    }
    for w in &plan.warnings {
        eprintln!("warning: {}", w.message);
        if !w.set_in.is_empty() {
            eprintln!(
                "  fix: remove the line that sets {} from {}, then open a new terminal",
                w.key,
                w.set_in.join(", ")
            );
        }
    }
}
