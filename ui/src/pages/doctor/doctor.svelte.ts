// The Doctor page's state, kept across page changes: the endpoint checklist (filled in from the
// channel), and the log to explain (pasted text or a picked file's bytes) with its explanation.
import type { DoctorFinding } from "$lib/bindings/DoctorFinding";
import type { EndpointCheck } from "$lib/bindings/EndpointCheck";
import type { LogExplanation } from "$lib/bindings/LogExplanation";
import { checkEndpoints, explainLog, toAppError, type AppError } from "$lib/ipc";
import { mergeEndpoint, settle } from "./checklist";

/** Larger files are refused before reading: the explainer is meant for build logs, not disks. */
export const MAX_LOG_MB = 100;

export type LogInputProblem = "" | "empty" | "readFailed" | "tooLarge";

class DoctorState {
  endpoints = $state.raw<EndpointCheck[]>([]);
  checking = $state(false);
  checked = $state(false);
  checkError = $state.raw<AppError | null>(null);
  /** One finding per failing endpoint problem, from the last finished check. */
  checkFindings = $state.raw<DoctorFinding[]>([]);

  /** The pasted text (ignored while a file is picked). */
  logText = $state("");
  /** The picked file's name; its bytes are sent instead of `logText`. */
  fileName = $state<string | null>(null);
  #fileBytes: Uint8Array | null = null;
  explaining = $state(false);
  explanation = $state.raw<LogExplanation | null>(null);
  /** The text the explanation's line numbers refer to. */
  explainedText = $state.raw("");
  explainError = $state.raw<AppError | null>(null);
  inputProblem = $state<LogInputProblem>("");
  #checkRun = 0;
  #explainRun = 0;

  /** Checks every endpoint; rows fill in as their steps settle. */
  async check(): Promise<void> {
    if (this.checking) return;
    const run = ++this.#checkRun;
    this.checking = true;
    this.checked = true;
    this.checkError = null;
    this.endpoints = [];
    this.checkFindings = [];
    try {
      const report = await checkEndpoints((endpoint) => {
        if (run === this.#checkRun) this.endpoints = mergeEndpoint(this.endpoints, endpoint);
      });
      if (run === this.#checkRun) {
        this.endpoints = settle(this.endpoints, report.endpoints);
        this.checkFindings = report.findings;
      }
    } catch (reason) {
      if (run === this.#checkRun) this.checkError = toAppError(reason);
    } finally {
      if (run === this.#checkRun) this.checking = false;
    }
  }

  /** Reads `file` in the page (no file system access for the webview) and explains it. */
  async pickFile(file: File): Promise<void> {
    this.inputProblem = "";
    if (file.size > MAX_LOG_MB * 1024 * 1024) {
      this.inputProblem = "tooLarge";
      return;
    }
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await file.arrayBuffer());
    } catch {
      this.inputProblem = "readFailed";
      return;
    }
    this.fileName = file.name;
    this.#fileBytes = bytes;
    await this.explain();
  }

  /** Explains the picked file, or else the pasted text. */
  async explain(): Promise<void> {
    const bytes = this.#fileBytes;
    const text = this.logText;
    if (!bytes && text.trim() === "") {
      this.inputProblem = "empty";
      return;
    }
    const run = ++this.#explainRun;
    this.inputProblem = "";
    this.explaining = true;
    this.explainError = null;
    try {
      const explanation = await explainLog(bytes ?? text);
      if (run !== this.#explainRun) return;
      this.explainedText =
        bytes && explanation.findings.length > 0 ? new TextDecoder().decode(bytes) : text;
      this.explanation = explanation;
    } catch (reason) {
      if (run === this.#explainRun) this.explainError = toAppError(reason);
    } finally {
      if (run === this.#explainRun) this.explaining = false;
    }
  }

  /** Forgets the picked file, so the paste box is used again. */
  clearFile(): void {
    this.fileName = null;
    this.#fileBytes = null;
  }

  reset(): void {
    this.#checkRun++;
    this.#explainRun++;
    this.endpoints = [];
    this.checking = false;
    this.checked = false;
    this.checkError = null;
    this.checkFindings = [];
    this.logText = "";
    this.clearFile();
    this.explaining = false;
    this.explanation = null;
    this.explainedText = "";
    this.explainError = null;
    this.inputProblem = "";
  }
}

export const doctor = new DoctorState();
