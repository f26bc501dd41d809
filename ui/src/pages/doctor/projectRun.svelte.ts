// Run mode's state, kept across page changes: the project, timeout and cache choice, the run in
// progress (lines streamed from go), and the last two results so "Run again" shows new next to old.
import type { DoctorReport } from "$lib/bindings/DoctorReport";
import { cancelDoctorRun, runDoctorProject, toAppError, type AppError } from "$lib/ipc";
import { DOCTOR_PROJECT_KEY, readPreference, writePreference } from "$lib/preferences";

export const DEFAULT_TIMEOUT_SECS = 60;
export const MAX_TIMEOUT_SECS = 3600;

export type RunResult = {
  report: DoctorReport;
  /** What go printed, the text the findings' line numbers refer to. */
  output: string;
  project: string;
  cancelled: boolean;
};

/** The timeout typed, in whole seconds, or null when it is not 1–3600. */
export function parseTimeout(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return null;
  const secs = Number(trimmed);
  return secs >= 1 && secs <= MAX_TIMEOUT_SECS ? secs : null;
}

function newRunId(): string {
  return `doctor-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

class ProjectRunState {
  project = $state(readPreference(DOCTOR_PROJECT_KEY) ?? "");
  timeout = $state(String(DEFAULT_TIMEOUT_SECS));
  keepCache = $state(false);
  running = $state(false);
  cancelling = $state(false);
  /** Lines go printed so far in the run in progress, and the last of them. */
  lineCount = $state(0);
  lastLine = $state("");
  /** Rust refused the project (field `project`): shown under that field. */
  projectError = $state.raw<AppError | null>(null);
  timeoutInvalid = $state(false);
  error = $state.raw<AppError | null>(null);
  previous = $state.raw<RunResult | null>(null);
  latest = $state.raw<RunResult | null>(null);
  #runId: string | null = null;

  async run(): Promise<void> {
    if (this.running) return;
    const timeoutSecs = parseTimeout(this.timeout);
    this.timeoutInvalid = timeoutSecs === null;
    if (timeoutSecs === null) return;
    const project = this.project.trim();
    writePreference(DOCTOR_PROJECT_KEY, project);
    const runId = newRunId();
    this.#runId = runId;
    this.running = true;
    this.cancelling = false;
    this.projectError = null;
    this.error = null;
    this.lineCount = 0;
    this.lastLine = "";
    const lines: string[] = [];
    try {
      const report = await runDoctorProject(
        runId,
        { project, timeoutSecs, keepCache: this.keepCache },
        (line) => {
          if (this.#runId !== runId) return;
          lines.push(line);
          this.lineCount = lines.length;
          this.lastLine = line;
        },
      );
      if (this.#runId !== runId) return;
      this.previous = this.latest;
      this.latest = { report, output: lines.join("\n"), project, cancelled: this.cancelling };
    } catch (reason) {
      if (this.#runId !== runId) return;
      const error = toAppError(reason);
      if (error.code === "invalid_input" && error.field === "project") this.projectError = error;
      else this.error = error;
    } finally {
      if (this.#runId === runId) {
        this.#runId = null;
        this.running = false;
        this.cancelling = false;
      }
    }
  }

  async cancel(): Promise<void> {
    const runId = this.#runId;
    if (!runId || this.cancelling) return;
    this.cancelling = true;
    try {
      await cancelDoctorRun(runId);
    } catch (reason) {
      this.error = toAppError(reason);
      this.cancelling = false;
    }
  }

  reset(): void {
    this.#runId = null;
    this.project = readPreference(DOCTOR_PROJECT_KEY) ?? "";
    this.timeout = String(DEFAULT_TIMEOUT_SECS);
    this.keepCache = false;
    this.running = false;
    this.cancelling = false;
    this.lineCount = 0;
    this.lastLine = "";
    this.projectError = null;
    this.timeoutInvalid = false;
    this.error = null;
    this.previous = null;
    this.latest = null;
  }
}

export const projectRun = new ProjectRunState();
