// The Docker page's engine card and "Test build": whether an engine answers (asked once per
// visit, again on request), and a build of the generated files with its live log, progress and
// cancel. A failed build's findings come explained by the Doctor; "Open in the Doctor" hands it
// the whole log.
import type { TestBuildReport } from "$lib/bindings/TestBuildReport";
import {
  cancelTestBuild,
  dockerEngine,
  runTestBuild,
  toAppError,
  type AppError,
  type DockerEngine,
} from "$lib/ipc";
import { navigation } from "$lib/state/navigation.svelte";
import { doctor } from "../doctor/doctor.svelte";
import { docker } from "./docker.svelte";
import { toOptions } from "./options";
import { i18n } from "$lib/i18n/i18n.svelte";

/** Lines kept for the log view and the Doctor (a build log past this is noise). */
export const MAX_LOG_LINES = 20_000;

function newRunId(): string {
  return `build-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

class TestBuildState {
  engine = $state.raw<DockerEngine | null>(null);
  probing = $state(false);
  engineError = $state.raw<AppError | null>(null);

  running = $state(false);
  cancelling = $state(false);
  stepsDone = $state(0);
  stepsTotal = $state(0);
  step = $state<string | null>(null);
  lastLine = $state("");
  lineCount = $state(0);
  /** Every line streamed by the last build (what the findings' line numbers count). */
  log = $state.raw<string[]>([]);
  report = $state.raw<TestBuildReport | null>(null);
  error = $state.raw<AppError | null>(null);
  #runId: string | null = null;
  #probe = 0;

  /** Asks docker whether an engine answers and reads its proxy/DNS configuration. */
  async probe(): Promise<void> {
    const probe = ++this.#probe;
    this.probing = true;
    this.engineError = null;
    try {
      const engine = await dockerEngine();
      if (probe === this.#probe) this.engine = engine;
    } catch (reason) {
      if (probe === this.#probe) this.engineError = toAppError(reason);
    } finally {
      if (probe === this.#probe) this.probing = false;
    }
  }

  /** Asks once per app start (the page may be visited many times). */
  probeOnce(): void {
    if (this.engine === null && !this.probing && this.engineError === null) void this.probe();
  }

  get ready(): boolean {
    return this.engine?.engine.state === "ready";
  }

  /** Builds the open project with the current options. */
  async run(): Promise<void> {
    const dir = docker.openDir;
    if (this.running || dir === null) return;
    const request = toOptions(docker.form, i18n.locale);
    if ("invalid" in request) return;
    const runId = newRunId();
    this.#runId = runId;
    this.running = true;
    this.cancelling = false;
    this.error = null;
    this.report = null;
    this.stepsDone = 0;
    this.stepsTotal = 0;
    this.step = null;
    this.lastLine = "";
    this.lineCount = 0;
    this.log = [];
    const lines: string[] = [];
    try {
      const report = await runTestBuild(runId, dir, request.options, (progress) => {
        if (this.#runId !== runId) return;
        if (lines.length < MAX_LOG_LINES) lines.push(progress.line);
        this.lineCount++;
        this.lastLine = progress.line;
        this.stepsDone = progress.steps_done;
        this.stepsTotal = progress.steps_total;
        this.step = progress.step ?? this.step;
      });
      if (this.#runId !== runId) return;
      this.report = report;
      this.log = lines.length > 0 ? lines : report.log_tail;
      // The build found out about the engine too (docker may have stopped since the probe).
      if (this.engine) this.engine = { ...this.engine, engine: report.engine };
    } catch (reason) {
      if (this.#runId === runId) {
        this.error = toAppError(reason);
        this.log = lines;
      }
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
      await cancelTestBuild(runId);
    } catch (reason) {
      this.error = toAppError(reason);
      this.cancelling = false;
    }
  }

  /** The build's log as the Doctor reads it. */
  logText(): string {
    return this.log.join("\n");
  }

  /** Puts the whole log into the Doctor's paste box, explains it there and goes to the Doctor. */
  openInDoctor(): void {
    doctor.clearFile();
    doctor.logText = this.logText();
    navigation.go("doctor");
    void doctor.explain();
  }

  reset(): void {
    this.#runId = null;
    this.#probe++;
    this.engine = null;
    this.probing = false;
    this.engineError = null;
    this.running = false;
    this.cancelling = false;
    this.stepsDone = 0;
    this.stepsTotal = 0;
    this.step = null;
    this.lastLine = "";
    this.lineCount = 0;
    this.log = [];
    this.report = null;
    this.error = null;
  }
}

export const testBuild = new TestBuildState();
