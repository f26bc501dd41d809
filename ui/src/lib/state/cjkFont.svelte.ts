// Whether this machine has a font for Chinese: asked once, the first time 简体中文 is shown.
import type { CjkFont } from "$lib/bindings/CjkFont";
import { cjkFont } from "$lib/ipc";

class CjkFontState {
  status = $state<CjkFont | null>(null);
  #asked = false;

  ensureLoaded(): void {
    if (this.#asked) return;
    this.#asked = true;
    cjkFont().then(
      (status) => (this.status = status),
      // Unknown is treated as present: a wrong hint is worse than none.
      () => (this.status = { code: "present" }),
    );
  }

  /** Tests. */
  reset(): void {
    this.status = null;
    this.#asked = false;
  }
}

export const cjkFontState = new CjkFontState();
