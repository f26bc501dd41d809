// The one module that talks to Tauri. Everything else imports these typed functions, so the
// rest of the UI can be tested (and previewed) without a Tauri runtime.
import { invoke } from "@tauri-apps/api/core";
import type { Detection } from "$lib/bindings/Detection";
import type { EnvOp } from "$lib/bindings/EnvOp";
import type { Error as AppError } from "$lib/bindings/Error";
import type { ErrorCode } from "$lib/bindings/ErrorCode";
import type { HistoryEntry } from "$lib/bindings/HistoryEntry";
import type { Plan } from "$lib/bindings/Plan";

export type { AppError };

const ERROR_CODES: Record<ErrorCode, true> = {
  invalid_input: true,
  read_only_key: true,
  unknown_key: true,
  empty_value_hides_default: true,
  goenv_unavailable: true,
  not_a_file: true,
  conflict: true,
  nothing_to_undo: true,
  io: true,
  external: true,
  corrupt: true,
};

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && Object.keys(ERROR_CODES).includes(value);
}

/**
 * Turns whatever a command rejected with into the Rust `Error` shape. Rust errors pass through;
 * anything else (a Tauri failure such as a missing command, a thrown JS error, a string) becomes
 * code `external` with its text as the message.
 */
export function toAppError(reason: unknown): AppError {
  if (typeof reason === "object" && reason !== null) {
    const { code, message, field } = reason as Record<string, unknown>;
    if (typeof message === "string" && isErrorCode(code)) {
      return typeof field === "string" ? { code, message, field } : { code, message };
    }
    if (typeof message === "string" && message !== "") {
      return { code: "external", message };
    }
  }
  if (typeof reason === "string" && reason !== "") {
    return { code: "external", message: reason };
  }
  return { code: "external", message: String(reason) };
}

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
