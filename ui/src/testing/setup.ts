// Test environment: jest-dom matchers, and the browser APIs jsdom lacks.
import "@testing-library/jest-dom/vitest";
import { afterEach, vi } from "vitest";

// jsdom has no matchMedia; tests that care override it with installMatchMedia().
if (!window.matchMedia) {
  installMatchMedia(false);
}

/** A fake prefers-color-scheme; `change(dark)` flips it the way the OS setting would. */
export function installMatchMedia(prefersDark: boolean): { change: (dark: boolean) => void } {
  let dark = prefersDark;
  const listeners = new Set<(event: MediaQueryListEvent) => void>();
  window.matchMedia = vi.fn((query: string) => ({
    get matches() {
      return query.includes("dark") ? dark : false;
    },
    media: query,
    onchange: null,
    addEventListener: (_: string, listener: (event: MediaQueryListEvent) => void) =>
      listeners.add(listener),
    removeEventListener: (_: string, listener: (event: MediaQueryListEvent) => void) =>
      listeners.delete(listener),
    addListener: vi.fn(),
    removeListener: vi.fn(),
    dispatchEvent: vi.fn(() => false),
  })) as unknown as typeof window.matchMedia;
  return {
    change(next: boolean) {
      dark = next;
      for (const listener of listeners) listener({ matches: next } as MediaQueryListEvent);
    },
  };
}

// jsdom has <dialog> but not showModal()/close(); emulate the open attribute.
const dialogProto = HTMLDialogElement.prototype as HTMLDialogElement & Record<string, unknown>;
if (typeof dialogProto.showModal !== "function") {
  dialogProto.showModal = function (this: HTMLDialogElement) {
    this.setAttribute("open", "");
  };
  dialogProto.close = function (this: HTMLDialogElement) {
    if (!this.hasAttribute("open")) return;
    this.removeAttribute("open");
    this.dispatchEvent(new Event("close"));
  };
}

afterEach(() => {
  localStorage.clear();
});
