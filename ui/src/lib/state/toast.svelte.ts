// One toast at a time (a newer one replaces the older), shown at the bottom of the window.
import { toAppError, type AppError } from "$lib/ipc";

export type ToastAction = {
  /** Button label, and the label while the action runs. Functions so they follow the language. */
  label: () => string;
  busyLabel: () => string;
  run: () => Promise<void>;
};

export type Toast = {
  id: number;
  text: () => string;
  action?: ToastAction;
};

/** Toasts without an action disappear by themselves; ones with an action (Undo) stay until closed. */
const PLAIN_TOAST_MS = 6000;

class ToastState {
  current = $state.raw<Toast | null>(null);
  busy = $state(false);
  error = $state.raw<AppError | null>(null);
  #nextId = 1;
  #timer: ReturnType<typeof setTimeout> | undefined;

  show(text: () => string, action?: ToastAction): void {
    clearTimeout(this.#timer);
    const toast: Toast = { id: this.#nextId++, text, action };
    this.current = toast;
    this.busy = false;
    this.error = null;
    if (!action) {
      this.#timer = setTimeout(() => {
        if (this.current?.id === toast.id) this.dismiss();
      }, PLAIN_TOAST_MS);
    }
  }

  async runAction(): Promise<void> {
    const action = this.current?.action;
    if (!action || this.busy) return;
    this.busy = true;
    this.error = null;
    try {
      await action.run();
    } catch (reason) {
      this.error = toAppError(reason);
    } finally {
      this.busy = false;
    }
  }

  dismiss(): void {
    clearTimeout(this.#timer);
    this.current = null;
    this.busy = false;
    this.error = null;
  }
}

export const toast = new ToastState();
