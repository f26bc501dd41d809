// Letting git ask this app (the keychain) for one host's token: the go command fetches private
// modules that no proxy serves with git, and GOAUTH does not reach git. Rust plans the git config
// line; the plan dialog shows it (nothing written), then Apply writes it with an Undo toast. One
// host at a time.
import type { ChangePreview } from "$lib/bindings/ChangePreview";
import { i18n, fill } from "$lib/i18n/i18n.svelte";
import { applyGitHelper, planGitHelper, toAppError, type AppError } from "$lib/ipc";
import { changeLog } from "$lib/state/changeLog.svelte";
import { toast } from "$lib/state/toast.svelte";
import { undoAction } from "$lib/state/undoAction.svelte";

class GitHelperState {
  /** The host whose setup is open: being planned, reviewed or applied. */
  host = $state<string | null>(null);
  /** The planned change, once Rust has planned it: the plan dialog is open while it is set. */
  preview = $state.raw<ChangePreview | null>(null);
  /** The button that asked for the plan, to get the focus back when the dialog closes. */
  opener = $state.raw<HTMLElement | null>(null);
  planning = $state(false);
  applying = $state(false);
  /** A planning failure (shown by the button) or a write failure (shown in the dialog). */
  error = $state.raw<AppError | null>(null);
  #generation = 0;

  /** Whether a plan or an apply is running (for any host). */
  get busy(): boolean {
    return this.planning || this.applying;
  }

  /** Asks Rust for `host`'s line; writes nothing. A newer request wins over a slower older one. */
  async plan(host: string, opener?: HTMLElement): Promise<void> {
    if (this.applying) return;
    const generation = ++this.#generation;
    this.host = host;
    this.opener = opener ?? null;
    this.preview = null;
    this.error = null;
    this.planning = true;
    try {
      const preview = await planGitHelper(host);
      if (generation === this.#generation) this.preview = preview;
    } catch (reason) {
      if (generation === this.#generation) this.error = toAppError(reason);
    } finally {
      if (generation === this.#generation) this.planning = false;
    }
  }

  /** Writes the reviewed line, announces it with Undo and has the page read everything again. */
  async apply(): Promise<void> {
    const host = this.host;
    if (host === null || this.preview === null || this.busy) return;
    const generation = this.#generation;
    this.applying = true;
    this.error = null;
    try {
      const applied = await applyGitHelper(host);
      toast.show(() => fill(i18n.m.private.hosts.git.applied, { host }), undoAction(applied));
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
    this.host = null;
    this.preview = null;
    this.planning = false;
    this.error = null;
  }
}

export const gitHelper = new GitHelperState();
