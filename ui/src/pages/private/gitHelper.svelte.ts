// Letting git ask this app (the keychain) for one host's token: the go command fetches private
// modules that no proxy serves with git, and GOAUTH does not reach git. The git config line is
// planned and shown first (nothing written), then applied with an Undo toast. One host at a time.
import type { GitConfigChange } from "$lib/bindings/GitConfigChange";
import { i18n, fill } from "$lib/i18n/i18n.svelte";
import { applyGitHelper, planGitHelper, toAppError, type AppError } from "$lib/ipc";
import { changeLog } from "$lib/state/changeLog.svelte";
import { toast } from "$lib/state/toast.svelte";
import { undoAction } from "$lib/state/undoAction.svelte";

class GitHelperState {
  /** The host whose setup is open: being planned, previewed or applied. */
  host = $state<string | null>(null);
  /** The line that would be written, once planned. */
  change = $state.raw<GitConfigChange | null>(null);
  planning = $state(false);
  applying = $state(false);
  error = $state.raw<AppError | null>(null);
  #generation = 0;

  /** Whether a plan or an apply is running (for any host). */
  get busy(): boolean {
    return this.planning || this.applying;
  }

  /** Asks Rust for `host`'s line; writes nothing. A newer request wins over a slower older one. */
  async plan(host: string): Promise<void> {
    if (this.applying) return;
    const generation = ++this.#generation;
    this.host = host;
    this.change = null;
    this.error = null;
    this.planning = true;
    try {
      const change = await planGitHelper(host);
      if (generation === this.#generation) this.change = change;
    } catch (reason) {
      if (generation === this.#generation) this.error = toAppError(reason);
    } finally {
      if (generation === this.#generation) this.planning = false;
    }
  }

  /** Writes the previewed line, announces it with Undo and has the page read everything again. */
  async apply(): Promise<void> {
    const host = this.host;
    if (host === null || this.change === null || this.busy) return;
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

  /** Puts the preview away without writing anything. */
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
    this.change = null;
    this.planning = false;
    this.error = null;
  }
}

export const gitHelper = new GitHelperState();
