//! `goproxy-assistant history` and `undo`

use crate::output::{shown, Output};
use goproxy_core::context::Context;
use goproxy_core::history::{History, HistoryEntry, Interruption, PartSummary};
use goproxy_core::Result;

pub fn list(ctx: &Context, out: &Output) -> Result<()> {
    let env = ctx.env();
    let list = History::open(env)?.list()?;
    out.print(&list, |list| {
        if list.entries.is_empty() && list.unreadable.is_empty() {
            println!("no changes yet");
        }
        for e in &list.entries {
            print_entry(e);
        }
        if !list.unreadable.is_empty() {
            eprintln!(
                "warning: {} history file(s) could not be read (kept as they are):",
                list.unreadable.len()
            );
            for u in &list.unreadable {
                eprintln!("  {}: {}", shown(&u.file), shown(&u.reason));
            }
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
    let state = match (e.interrupted, e.undone_at_ms.is_some()) {
        (Some(Interruption::RolledBack), _) => " (interrupted; rolled back)",
        (Some(Interruption::LeftAsIs), _) => {
            " (interrupted; a file was changed meanwhile, left as is)"
        }
        (Some(Interruption::UndoFinished), _) => {
            " (undone; the undo was interrupted and completed)"
        }
        (Some(Interruption::Finished), true) | (None, true) => " (undone)",
        (Some(Interruption::Finished), false) => " (interrupted; completed)",
        (None, false) => "",
    };
    println!("{}  {}{state}", shown(&e.id), shown(&e.summary.text()));
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

/// Says on stderr (never in the JSON on stdout) what an interrupted change left and how it was
/// settled when this command took the lock.
pub fn report_settled() {
    for r in goproxy_core::history::take_settled() {
        let how = match r.outcome {
            Interruption::Finished => "it had written everything and was completed",
            Interruption::RolledBack => "it was rolled back",
            Interruption::UndoFinished => "its undo was completed",
            Interruption::LeftAsIs => "a file had changed meanwhile and was left as it is",
        };
        eprintln!(
            "note: an earlier change was interrupted ({} \"{}\"): {how}",
            r.id,
            shown(&r.summary.text())
        );
    }
}
