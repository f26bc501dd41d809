// "Save into the project": Rust generates again from the same options, compares each file with
// what is on disk and plans the change; the plan dialog shows it with the differences (nothing
// written); Apply writes it through History (replaced files kept there, undoable) with an Undo
// toast.
import type { DockerfileOptions } from "$lib/bindings/DockerfileOptions";
import { i18n, fill } from "$lib/i18n/i18n.svelte";
import {
  applyDockerfileSave,
  planDockerfileSave,
  toAppError,
  type AppError,
  type SavePreview,
} from "$lib/ipc";
import { changeLog } from "$lib/state/changeLog.svelte";
import { toast } from "$lib/state/toast.svelte";
import { undoAction } from "$lib/state/undoAction.svelte";

type SaveRequest = { dir: string; options: DockerfileOptions };

class SaveProjectState {
  /** What is being saved: the folder and the options the plan was made with. */
  request = $state.raw<SaveRequest | null>(null);
  /** The planned save: the plan dialog is open while it is set. */
  plan = $state.raw<SavePreview | null>(null);
  /** The button that asked for the plan, to get the focus back when the dialog closes. */
  opener = $state.raw<HTMLElement | null>(null);
  planning = $state(false);
  applying = $state(false);
  /** A planning failure (shown by the button) or a write failure (shown in the dialog). */
  error = $state.raw<AppError | null>(null);
  #generation = 0;

  get busy(): boolean {
    return this.planning || this.applying;
  }

  /** Asks Rust for the plan; writes nothing. */
  async start(dir: string, options: DockerfileOptions, opener?: HTMLElement): Promise<void> {
    if (this.busy) return;
    const generation = ++this.#generation;
    this.request = { dir, options };
    this.opener = opener ?? null;
    this.plan = null;
    this.error = null;
    this.planning = true;
    try {
      const plan = await planDockerfileSave(dir, options);
      if (generation === this.#generation) this.plan = plan;
    } catch (reason) {
      if (generation === this.#generation) this.error = toAppError(reason);
    } finally {
      if (generation === this.#generation) this.planning = false;
    }
  }

  /** Writes the reviewed files and announces it with Undo. */
  async apply(): Promise<void> {
    const request = this.request;
    if (request === null || this.plan === null || this.busy) return;
    const generation = this.#generation;
    this.applying = true;
    this.error = null;
    try {
      const applied = await applyDockerfileSave(request.dir, request.options);
      toast.show(() => fill(i18n.m.docker.saved, { dir: request.dir }), undoAction(applied));
      if (generation === this.#generation) this.#clear();
      changeLog.changed();
    } catch (reason) {
      if (generation === this.#generation) this.error = toAppError(reason);
    } finally {
      this.applying = false;
    }
  }

  /** Puts the plan away without writing anything. */
  close(): void {
    if (!this.applying) this.#clear();
  }

  reset(): void {
    this.#clear();
    this.applying = false;
  }

  #clear(): void {
    this.#generation++;
    this.request = null;
    this.plan = null;
    this.planning = false;
    this.error = null;
  }
}

export const saveProject = new SaveProjectState();
