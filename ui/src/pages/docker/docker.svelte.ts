// The Docker page's state, kept across page changes: the project folder and what go.mod says,
// the options, and the generated files. Every option change regenerates after a short pause
// (a newer result always wins over a slower older one); nothing is written until "Save".
import type { Generated } from "$lib/bindings/Generated";
import type { ProjectInfo } from "$lib/bindings/ProjectInfo";
import { i18n } from "$lib/i18n/i18n.svelte";
import { generateDockerfile, inspectDockerProject, toAppError, type AppError } from "$lib/ipc";
import { DOCKER_PROJECT_KEY, readPreference, writePreference } from "$lib/preferences";
import {
  emptyForm,
  fieldOfError,
  formForProject,
  toOptions,
  type FormField,
  type OptionsForm,
} from "./options";
import type { PreviewTabId } from "./preview";

/** How long typing pauses before the preview follows (fast enough to feel live). */
export const REGENERATE_DELAY_MS = 250;

class DockerState {
  /** The folder as typed. */
  dir = $state(readPreference(DOCKER_PROJECT_KEY) ?? "");
  /** The folder the project, options and preview belong to. */
  openDir = $state<string | null>(null);
  project = $state.raw<ProjectInfo | null>(null);
  opening = $state(false);
  form = $state<OptionsForm>(emptyForm());
  generated = $state.raw<Generated | null>(null);
  generating = $state(false);
  /** An error at the input it names (the folder, an option). */
  fieldError = $state.raw<{ field: FormField; error: AppError } | null>(null);
  /** An error that names no input. */
  error = $state.raw<AppError | null>(null);
  tab = $state<PreviewTabId>("dockerfile");
  #timer: ReturnType<typeof setTimeout> | undefined;
  #generation = 0;

  /** Reads the typed folder's go.mod, then generates with the project's defaults. */
  async open(): Promise<void> {
    const dir = this.dir.trim();
    writePreference(DOCKER_PROJECT_KEY, dir);
    clearTimeout(this.#timer);
    const generation = ++this.#generation;
    this.opening = true;
    this.error = null;
    this.fieldError = null;
    try {
      const project = await inspectDockerProject(dir);
      if (generation !== this.#generation) return;
      this.project = project;
      this.openDir = dir;
      this.form = formForProject(project, this.form);
      this.generated = null;
    } catch (reason) {
      if (generation === this.#generation) this.#fail(toAppError(reason), "project");
      return;
    } finally {
      if (generation === this.#generation) this.opening = false;
    }
    await this.generate();
  }

  /** Regenerates after a short pause; called on every option change. */
  schedule(): void {
    if (this.openDir === null) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.generate(), REGENERATE_DELAY_MS);
  }

  /** Generates now with the current options (comments in the UI's language). */
  async generate(): Promise<void> {
    const dir = this.openDir;
    if (dir === null) return;
    clearTimeout(this.#timer);
    const generation = ++this.#generation;
    const request = toOptions(this.form, i18n.locale);
    if ("invalid" in request) {
      this.fieldError = {
        field: request.invalid,
        error: { code: "invalid_input", message: "", field: request.invalid },
      };
      this.generating = false;
      return;
    }
    this.generating = true;
    try {
      const generated = await generateDockerfile(dir, request.options);
      if (generation !== this.#generation) return;
      this.generated = generated;
      this.fieldError = null;
      this.error = null;
    } catch (reason) {
      if (generation === this.#generation) this.#fail(toAppError(reason), null);
    } finally {
      if (generation === this.#generation) this.generating = false;
    }
  }

  /** The text of a tab, as previewed (the Dockerfile for the primary Copy). */
  fileText(path: string): string | null {
    return this.generated?.files.find((f) => f.path === path)?.content ?? null;
  }

  #fail(error: AppError, fallback: FormField | null): void {
    // Refused values belong at their input; opening the folder fails at the folder, whatever
    // the reason.
    const field = (error.code === "invalid_input" ? fieldOfError(error) : null) ?? fallback;
    if (field !== null) {
      this.fieldError = { field, error };
      this.error = null;
    } else {
      this.error = error;
      this.fieldError = null;
    }
  }

  reset(): void {
    clearTimeout(this.#timer);
    this.#generation++;
    this.dir = "";
    this.openDir = null;
    this.project = null;
    this.opening = false;
    this.form = emptyForm();
    this.generated = null;
    this.generating = false;
    this.fieldError = null;
    this.error = null;
    this.tab = "dockerfile";
  }
}

export const docker = new DockerState();
