// The latest Detection, shared by the pages, so moving between pages does not re-run `go`.
import type { Detection } from "$lib/bindings/Detection";
import { detectEnvironment, toAppError, type AppError } from "$lib/ipc";

class DetectionState {
  current = $state.raw<Detection | null>(null);
  loading = $state(false);
  error = $state.raw<AppError | null>(null);
  #inFlight: Promise<void> | null = null;

  /** Detects again; concurrent calls share one run. Never rejects: failures land in `error`. */
  refresh(): Promise<void> {
    if (this.#inFlight) return this.#inFlight;
    this.loading = true;
    this.#inFlight = (async () => {
      try {
        this.current = await detectEnvironment();
        this.error = null;
      } catch (reason) {
        this.error = toAppError(reason);
      } finally {
        this.loading = false;
        this.#inFlight = null;
      }
    })();
    return this.#inFlight;
  }

  /** Detects unless a result (or a run) is already there. */
  ensureLoaded(): void {
    if (!this.current && !this.#inFlight) void this.refresh();
  }

  reset(): void {
    this.current = null;
    this.loading = false;
    this.error = null;
    this.#inFlight = null;
  }
}

export const detection = new DetectionState();
