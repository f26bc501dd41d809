// Test environment: jest-dom matchers, and the browser APIs jsdom lacks.
import "@testing-library/jest-dom/vitest";
import { afterEach, vi } from "vitest";

// jsdom has no matchMedia; tests that care override it with installMatchMedia().
if (!window.matchMedia) {
  installMatchMedia(false);
}

export function installMatchMedia(prefersDark: boolean): void {
  window.matchMedia = vi.fn((query: string) => ({
    matches: query.includes("dark") ? prefersDark : false,
    media: query,
    onchange: null,
    addEventListener: vi.fn(),
    removeEventListener: vi.fn(),
    addListener: vi.fn(),
    removeListener: vi.fn(),
    dispatchEvent: vi.fn(() => false),
  })) as unknown as typeof window.matchMedia;
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
