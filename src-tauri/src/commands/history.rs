//! The change history: list applied changes and undo one.

use goproxy_core::history::{History, HistoryEntry};
use goproxy_core::sysenv::SysEnv;
use goproxy_core::Result;

/// Applied changes, newest first.
#[tauri::command]
pub async fn list_history() -> Result<Vec<HistoryEntry>> {
    super::blocking(|| History::open(&SysEnv::current())?.list()).await
}

/// Undoes the entry `id`, restoring the exact bytes it replaced; returns the updated entry.
#[tauri::command]
pub async fn undo_change(id: String) -> Result<HistoryEntry> {
    super::blocking(move || History::open(&SysEnv::current())?.undo(Some(&id))).await
}
