//! `goproxy-assistant history` and `undo`

use crate::output::{shown, Output};
use goproxy_core::context::Context;
use goproxy_core::history::{History, HistoryEntry, PartSummary};
use goproxy_core::Result;

pub fn list(ctx: &Context, out: &Output) -> Result<()> {
    let env = ctx.env();
    let entries = History::open(env)?.list()?;
    out.print(&entries, |entries| {
        if entries.is_empty() {
            println!("no changes yet");
        }
        for e in entries {
            print_entry(e);
        }
    });
    Ok(())
}

pub fn undo(ctx: &Context, out: &Output, id: Option<&str>) -> Result<()> {
    let env = ctx.env();
    let entry = History::open(env)?.undo(id)?;
    out.print(&entry, |e| {
        println!("undone:");
        print_entry(e);
    });
    Ok(())
}

fn print_entry(e: &HistoryEntry) {
    let state = if e.undone_at_ms.is_some() {
        " (undone)"
    } else {
        ""
    };
    println!("{}  {}{state}", shown(&e.id), shown(&e.summary));
    for p in &e.parts {
        match p {
            PartSummary::File { path } => println!("    file {}", shown(path)),
            PartSummary::Keychain { service, user } => {
                println!("    keychain {} (user {})", shown(service), shown(user))
            }
        }
    }
    for c in &e.changes {
        crate::output::print_change("    ", c);
    }
}
