// The one module that talks to Tauri. Everything else imports these typed functions, so the
// rest of the UI can be tested (and previewed) without a Tauri runtime.
import { invoke } from "@tauri-apps/api/core";
import type { Detection } from "$lib/bindings/Detection";
import type { EnvOp } from "$lib/bindings/EnvOp";
import type { HistoryEntry } from "$lib/bindings/HistoryEntry";
import type { Plan } from "$lib/bindings/Plan";
import { toAppError, type AppError } from "./app-error";

export { toAppError, type AppError };

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (reason) {
    throw toAppError(reason);
  }
}

/** The whole read-only picture of the Go environment. Never rejects for Go problems (they are findings). */
export function detectEnvironment(): Promise<Detection> {
  return call<Detection>("detect_environment");
}

/** What applying `ops` to the GOENV file would change. Writes nothing. */
export function planEnvChange(ops: EnvOp[]): Promise<Plan> {
  return call<Plan>("plan_env_change", { ops });
}

/** Writes `ops` to the GOENV file and records a history entry (undoable). */
export function applyEnvChange(ops: EnvOp[]): Promise<HistoryEntry> {
  return call<HistoryEntry>("apply_env_change", { ops });
}

/** Applied changes, newest first. */
export function listHistory(): Promise<HistoryEntry[]> {
  return call<HistoryEntry[]>("list_history");
}

/** Restores what history entry `id` changed; resolves with the entry, now marked undone. */
export function undoChange(id: string): Promise<HistoryEntry> {
  return call<HistoryEntry>("undo_change", { id });
}
