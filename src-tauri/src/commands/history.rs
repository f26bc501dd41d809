//! The change history: list applied changes and undo one.

use goproxy_core::history::{History, HistoryEntry, HistoryList};
use goproxy_core::Result;

/// Applied changes, newest first.
#[tauri::command]
pub async fn list_history() -> Result<HistoryList> {
    super::in_context(|ctx| History::open(ctx.env())?.list()).await
}

/// Undoes the entry `id`, restoring the exact bytes it replaced; returns the updated entry.
#[tauri::command]
pub async fn undo_change(id: String) -> Result<HistoryEntry> {
    super::in_context(move |ctx| History::open(ctx.env())?.undo(Some(&id))).await
}
