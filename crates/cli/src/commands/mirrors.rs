//! `goproxy-assistant mirrors [list|add|remove]`

use crate::output::{shown, Output};
use clap::Subcommand;
use goproxy_core::context::Context;
use goproxy_core::history::Applied;
use goproxy_core::mirrors::catalogue::MirrorOrigin;
use goproxy_core::mirrors::config::{self, CustomMirror};
use goproxy_core::mirrors::options::candidates_from_env;
use goproxy_core::Result;

#[derive(Subcommand)]
pub enum MirrorsAction {
    /// Every mirror: the public catalogue, your own, and those in your GOPROXY (default).
    List,
    /// Add your own mirror (a company Athens/Nexus/Artifactory...), undoable.
    Add {
        name: String,
        /// https:// (or http:// on your own network); no credentials.
        url: String,
        /// An extra CA certificate (PEM) to trust for this mirror.
        #[arg(long, value_name = "FILE")]
        ca_file: Option<String>,
    },
    /// Remove one of your own mirrors, undoable.
    Remove { name: String },
}

pub fn run(ctx: &Context, out: &Output, action: Option<MirrorsAction>) -> Result<()> {
    let env = ctx.env();
    match action.unwrap_or(MirrorsAction::List) {
        MirrorsAction::List => {
            let list = candidates_from_env(ctx)?;
            out.print(&list, |list| {
                let width = list.iter().map(|m| m.name.len()).max().unwrap_or(0);
                for m in list {
                    let origin = match m.origin {
                        MirrorOrigin::Catalogue => "catalogue",
                        MirrorOrigin::Goproxy => "GOPROXY",
                        MirrorOrigin::Custom => "custom",
                    };
                    let current = if m.in_goproxy { "  (in GOPROXY)" } else { "" };
                    println!(
                        "  {:width$}  {}  [{origin}]{current}",
                        shown(&m.name),
                        shown(&m.url)
                    );
                }
            });
        }
        MirrorsAction::Add { name, url, ca_file } => {
            let entry = config::add(env, &CustomMirror { name, url, ca_file })?;
            print_entry(out, &entry);
        }
        MirrorsAction::Remove { name } => {
            let entry = config::remove(env, &name)?;
            print_entry(out, &entry);
        }
    }
    Ok(())
}

fn print_entry(out: &Output, applied: &Applied) {
    out.print(applied, crate::output::print_applied);
}
