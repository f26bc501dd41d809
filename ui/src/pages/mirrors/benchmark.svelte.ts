// The Mirrors page's state, kept across page changes: candidates, the run in progress (filled in
// from channel events), the last report and its time.
import type { BenchOptions } from "$lib/bindings/BenchOptions";
import type { BenchReport } from "$lib/bindings/BenchReport";
import type { MirrorEntry } from "$lib/bindings/MirrorEntry";
import {
  cancelBenchmark,
  lastBenchmark,
  listMirrors,
  runBenchmark,
  toAppError,
  type AppError,
} from "$lib/ipc";
import { BENCH_PROJECT_KEY, readPreference, writePreference } from "$lib/preferences";
import { applyEvent, emptyRun, type LiveRun } from "./rows";

function newRunId(): string {
  return `run-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

class BenchmarkState {
  candidates = $state.raw<MirrorEntry[]>([]);
  listing = $state(false);
  listError = $state.raw<AppError | null>(null);
  /** The run in progress; null when none is. */
  live = $state.raw<LiveRun | null>(null);
  runId: string | null = null;
  cancelling = $state(false);
  runError = $state.raw<AppError | null>(null);
  /** Optional project folder whose go.mod modules are probed too; remembered across starts. */
  project = $state(readPreference(BENCH_PROJECT_KEY) ?? "");
  /** The benchmark refused `project` (field `project`); shown under the field. */
  projectError = $state.raw<AppError | null>(null);
  report = $state.raw<BenchReport | null>(null);
  /** When `report` was measured (ms since the epoch). */
  reportTime = $state<number | null>(null);
  #lastLoaded = false;

  get running(): boolean {
    return this.live !== null;
  }

  /** Lists the candidates again (after a change), and the saved report the first time. */
  async load(): Promise<void> {
    this.listing = true;
    try {
      const [candidates, last] = await Promise.all([
        listMirrors(),
        this.#lastLoaded ? Promise.resolve(null) : lastBenchmark(),
      ]);
      this.candidates = candidates;
      this.listError = null;
      if (last && !this.report) {
        this.report = last.report;
        this.reportTime = last.report.started_at_ms;
      }
      this.#lastLoaded = true;
    } catch (reason) {
      this.listError = toAppError(reason);
    } finally {
      this.listing = false;
    }
  }

  /** Runs a benchmark of every candidate; rows fill in from the events. */
  async run(): Promise<void> {
    if (this.live) return;
    const runId = newRunId();
    this.runId = runId;
    this.live = emptyRun();
    this.runError = null;
    this.projectError = null;
    this.cancelling = false;
    const project = this.project.trim();
    writePreference(BENCH_PROJECT_KEY, project);
    const options: BenchOptions = { mirrors: [], modules: [], no_direct: false };
    if (project !== "") options.project = project;
    try {
      const report = await runBenchmark(runId, options, (event) => {
        if (this.runId === runId && this.live) this.live = applyEvent(this.live, event);
      });
      this.report = report;
      this.reportTime = report.started_at_ms;
    } catch (reason) {
      const error = toAppError(reason);
      if (error.code === "invalid_input" && error.field === "project") this.projectError = error;
      else this.runError = error;
    } finally {
      if (this.runId === runId) {
        this.live = null;
        this.runId = null;
        this.cancelling = false;
      }
    }
  }

  async cancel(): Promise<void> {
    const runId = this.runId;
    if (!runId || this.cancelling) return;
    this.cancelling = true;
    try {
      await cancelBenchmark(runId);
    } catch (reason) {
      this.runError = toAppError(reason);
      this.cancelling = false;
    }
  }

  reset(): void {
    this.candidates = [];
    this.listing = false;
    this.listError = null;
    this.live = null;
    this.runId = null;
    this.cancelling = false;
    this.runError = null;
    this.project = readPreference(BENCH_PROJECT_KEY) ?? "";
    this.projectError = null;
    this.report = null;
    this.reportTime = null;
    this.#lastLoaded = false;
  }
}

export const benchmark = new BenchmarkState();
