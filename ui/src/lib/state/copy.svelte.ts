// Which copy button just copied (it says "Copied" for a moment), or that copying was refused.
// Shared by the Docker page and the Team summary.
import { copyText } from "$lib/clipboard";

const COPIED_MS = 2000;

class CopyState {
  /** The button that copied last, while it still says so. */
  copied = $state<string | null>(null);
  failed = $state(false);
  #timer: ReturnType<typeof setTimeout> | undefined;

  async copy(button: string, text: string): Promise<void> {
    clearTimeout(this.#timer);
    const ok = await copyText(text);
    this.failed = !ok;
    this.copied = ok ? button : null;
    if (ok) this.#timer = setTimeout(() => (this.copied = null), COPIED_MS);
  }

  reset(): void {
    clearTimeout(this.#timer);
    this.copied = null;
    this.failed = false;
  }
}

export const copyState = new CopyState();
