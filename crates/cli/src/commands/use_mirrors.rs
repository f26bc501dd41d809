//! `goproxy-assistant use NAME|URL... [--failover] [--sumdb NAME]`: writes GOPROXY (and
//! GOSUMDB) through the go env store: plan, then apply, undoable.

use crate::commands::env::print_plan;
use crate::output::Output;
use clap::Args;
use goproxy_core::context::Context;
use goproxy_core::goenv_store::{Plan, Store};
use goproxy_core::history::Applied;
use goproxy_core::mirrors::options::candidates_from_env;
use goproxy_core::mirrors::switch::{switch_ops, MirrorSwitch};
use goproxy_core::{Error, Result};
use serde::Serialize;

#[derive(Args)]
pub struct UseArgs {
    /// Mirrors by name or URL, best first; `direct` (or `off`) may end the list.
    #[arg(required = true, value_name = "NAME|URL")]
    mirrors: Vec<String>,
    /// Join mirrors with `|` (fail over on any error) instead of `,` (only on 404/410).
    #[arg(long)]
    failover: bool,
    /// Also set GOSUMDB (sum.golang.org, sum.golang.google.cn, or a full key).
    #[arg(long, value_name = "NAME")]
    sumdb: Option<String>,
    /// Show the plan without writing anything.
    #[arg(long)]
    dry_run: bool,
}

#[derive(Serialize)]
struct UseResult {
    plan: Plan,
    /// Absent with --dry-run.
    #[serde(skip_serializing_if = "Option::is_none")]
    applied: Option<Applied>,
}

pub fn run(ctx: &Context, out: &Output, args: UseArgs) -> Result<()> {
    if args.sumdb.as_deref().map(str::trim) == Some("off") {
        return Err(Error::invalid(
            "--sumdb",
            "refusing GOSUMDB=off: it turns off checksum verification; use sum.golang.google.cn where sum.golang.org is unreachable",
        ));
    }
    let choice = MirrorSwitch {
        mirrors: args.mirrors.clone(),
        failover: args.failover,
        gosumdb: args.sumdb.clone(),
    };
    let ops = switch_ops(&candidates_from_env(ctx)?, &choice)?;
    let store = Store::open(ctx)?;
    let plan = store.plan(&ops)?;
    let applied = if args.dry_run {
        None
    } else {
        Some(store.apply(&ops)?)
    };
    out.print(&UseResult { plan, applied }, |r| {
        print_plan(
            &r.plan,
            if r.applied.is_some() {
                "changed"
            } else {
                "would change"
            },
        );
        if let Some(a) = &r.applied {
            super::env::print_undo_hint(a);
        }
    });
    Ok(())
}
