// Adding and removing your own mirrors: each is a history entry, announced with Undo.
import type { CustomMirror } from "$lib/bindings/CustomMirror";
import type { Applied } from "$lib/bindings/Applied";
import { i18n, fill } from "$lib/i18n/i18n.svelte";
import { addMirror, removeMirror, toAppError, type AppError } from "$lib/ipc";
import { changeLog } from "$lib/state/changeLog.svelte";
import { toast } from "$lib/state/toast.svelte";
import { undoAction } from "$lib/state/undoAction.svelte";

class RemoveState {
  error = $state.raw<AppError | null>(null);
}
export const removal = new RemoveState();

function announce(applied: Applied, text: () => string): void {
  changeLog.changed();
  toast.show(text, undoAction(applied));
}

/** Adds `mirror`; rejects with the Rust error (its `field` names the input) and writes nothing. */
export async function addCustomMirror(mirror: CustomMirror): Promise<void> {
  const entry = await addMirror(mirror);
  announce(entry, () => fill(i18n.m.mirrors.added, { name: mirror.name }));
}

export async function removeCustomMirror(name: string): Promise<void> {
  removal.error = null;
  try {
    const entry = await removeMirror(name);
    announce(entry, () => fill(i18n.m.mirrors.removed, { name }));
  } catch (reason) {
    removal.error = toAppError(reason);
  }
}
