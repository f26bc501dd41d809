// "Show before writing": plan a GOENV change, let the user review it, then apply it and offer undo.
import type { EnvOp } from "$lib/bindings/EnvOp";
import type { Applied } from "$lib/bindings/Applied";
import type { Plan } from "$lib/bindings/Plan";
import { i18n, fill } from "$lib/i18n/i18n.svelte";
import { applyEnvChange, planEnvChange, toAppError, type AppError } from "$lib/ipc";
import { changeLog } from "./changeLog.svelte";
import { detection } from "./detection.svelte";
import { toast } from "./toast.svelte";
import { undoAction } from "./undoAction.svelte";

class EnvChangeFlow {
  /** What asked for the change (a finding), so its button can show progress. */
  origin = $state<string | null>(null);
  ops = $state.raw<EnvOp[] | null>(null);
  plan = $state.raw<Plan | null>(null);
  planning = $state(false);
  applying = $state(false);
  /** A planning failure (shown on the page) or an apply failure (shown in the dialog). */
  error = $state.raw<AppError | null>(null);

  /** Asks Rust what `ops` would change; on success the plan dialog opens. */
  propose(ops: EnvOp[], origin: string): Promise<void> {
    return this.proposeWith(() => planEnvChange(ops), origin);
  }

  /**
   * Like `propose`, for a plan Rust builds from something else (a choice of mirrors): the ops
   * applied are the plan's own.
   */
  async proposeWith(planner: () => Promise<Plan>, origin: string): Promise<void> {
    if (this.planning || this.applying) return;
    this.origin = origin;
    this.ops = null;
    this.plan = null;
    this.error = null;
    this.planning = true;
    try {
      const plan = await planner();
      this.ops = plan.ops;
      this.plan = plan;
    } catch (reason) {
      this.error = toAppError(reason);
    } finally {
      this.planning = false;
    }
  }

  /** Writes the reviewed ops, then announces the change with Undo and detects again. */
  async apply(): Promise<void> {
    const ops = this.ops;
    const plan = this.plan;
    if (!ops || !plan || this.applying) return;
    this.applying = true;
    this.error = null;
    try {
      const applied = await applyEnvChange(ops);
      this.close();
      changeLog.changed();
      announceChange(applied, plan);
      void detection.refresh();
    } catch (reason) {
      this.error = toAppError(reason);
    } finally {
      this.applying = false;
    }
  }

  close(): void {
    this.origin = null;
    this.ops = null;
    this.plan = null;
    this.error = null;
  }

  reset(): void {
    this.close();
    this.planning = false;
    this.applying = false;
  }
}

export const envChange = new EnvChangeFlow();

/** Shows "Changed X in file" with an Undo that reverts exactly this history entry. */
export function announceChange(applied: Applied, plan: Plan): void {
  const changed =
    applied.outcome === "recorded" && applied.changes.length > 0 ? applied.changes : plan.ops;
  const keys = changed.map((change) => change.key);
  const file = plan.file;
  toast.show(
    () =>
      fill(i18n.m.toast.applied, {
        keys: keys.join(i18n.m.common.listSeparator),
        file,
      }),
    undoAction(applied, () => void detection.refresh()),
  );
}
