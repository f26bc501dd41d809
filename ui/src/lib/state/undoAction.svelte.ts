// The toast action that undoes one history entry: the same wherever a change is announced.
import type { Applied } from "$lib/bindings/Applied";
import { i18n } from "$lib/i18n/i18n.svelte";
import { undoChange } from "$lib/ipc";
import { changeLog } from "./changeLog.svelte";
import { toast, type ToastAction } from "./toast.svelte";

/**
 * "Undo" for the history entry `applied` recorded; none when nothing changed. `afterUndo` runs
 * once it is undone (e.g. detect again).
 */
export function undoAction(applied: Applied, afterUndo?: () => void): ToastAction | undefined {
  if (applied.outcome !== "recorded") return undefined;
  const entryId = applied.id;
  return {
    label: () => i18n.m.toast.undo,
    busyLabel: () => i18n.m.toast.undoing,
    run: async () => {
      await undoChange(entryId);
      changeLog.changed();
      toast.show(() => i18n.m.toast.undone);
      afterUndo?.();
    },
  };
}
