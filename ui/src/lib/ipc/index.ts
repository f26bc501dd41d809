// The one module that talks to Tauri. Everything else imports these typed functions, so the
// rest of the UI can be tested (and previewed) without a Tauri runtime.
import { Channel, invoke } from "@tauri-apps/api/core";
import type { BenchEvent } from "$lib/bindings/BenchEvent";
import type { BenchOptions } from "$lib/bindings/BenchOptions";
import type { BenchReport } from "$lib/bindings/BenchReport";
import type { CustomMirror } from "$lib/bindings/CustomMirror";
import type { Detection } from "$lib/bindings/Detection";
import type { EnvOp } from "$lib/bindings/EnvOp";
import type { HistoryEntry } from "$lib/bindings/HistoryEntry";
import type { LastBenchmark } from "$lib/bindings/LastBenchmark";
import type { MirrorEntry } from "$lib/bindings/MirrorEntry";
import type { MirrorSwitch } from "$lib/bindings/MirrorSwitch";
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

/** The catalogue, the user's own mirrors and the entries of the effective GOPROXY. */
export function listMirrors(): Promise<MirrorEntry[]> {
  return call<MirrorEntry[]>("list_mirrors");
}

/** Adds one of the user's own mirrors (validated; undoable in History). */
export function addMirror(mirror: CustomMirror): Promise<HistoryEntry> {
  return call<HistoryEntry>("add_mirror", { mirror });
}

/** Removes one of the user's own mirrors by name (undoable in History). */
export function removeMirror(name: string): Promise<HistoryEntry> {
  return call<HistoryEntry>("remove_mirror", { name });
}

/**
 * Runs a benchmark; `onEvent` receives its (throttled) events in order until it resolves with
 * the report, which Rust also saves as the last benchmark. `runId` is minted by the caller so it
 * can cancel the run before this resolves.
 */
export async function runBenchmark(
  runId: string,
  options: BenchOptions,
  onEvent: (event: BenchEvent) => void,
): Promise<BenchReport> {
  const channel = new Channel<BenchEvent>();
  channel.onmessage = onEvent;
  try {
    return await call<BenchReport>("run_benchmark", { runId, options, onEvent: channel });
  } finally {
    // Late messages after the run are of no use to the page that started it.
    channel.onmessage = () => {};
  }
}

/** Asks run `runId` to stop; resolves `false` when it is not running (any more). */
export function cancelBenchmark(runId: string): Promise<boolean> {
  return call<boolean>("cancel_benchmark", { runId });
}

/** The last saved benchmark with its time, or null. */
export function lastBenchmark(): Promise<LastBenchmark | null> {
  return call<LastBenchmark | null>("last_benchmark");
}

/** What switching GOPROXY/GOSUMDB to `choice` would change; apply `plan.ops` with applyEnvChange. */
export function planUseMirrors(choice: MirrorSwitch): Promise<Plan> {
  return call<Plan>("plan_use_mirrors", { choice });
}
