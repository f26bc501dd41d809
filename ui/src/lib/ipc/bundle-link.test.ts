// Links the OS opens reach the UI exactly once: the one that started the app when listening
// starts, later ones when Rust's event announces them.
import { emit } from "@tauri-apps/api/event";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import { BUNDLE_LINK_EVENT, onBundleLink, type LinkOpened } from "./index";

afterEach(() => clearMocks());

const PIN = "a".repeat(64);

/** Rust's side: a queue of links not yet taken, emptied by `take_bundle_link`. */
function fakeShell(pending: LinkOpened[]) {
  const calls: string[] = [];
  mockIPC(
    (command) => {
      calls.push(command);
      if (command === "take_bundle_link") return pending.shift() ?? null;
      throw new Error(`unexpected command ${command}`);
    },
    { shouldMockEvents: true },
  );
  return calls;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("onBundleLink", () => {
  it("hands over the link that started the app, then each link announced later, once each", async () => {
    const pending: LinkOpened[] = [{ link: { url: "https://example.test/a.toml", sha256: PIN } }];
    const calls = fakeShell(pending);
    const seen: LinkOpened[] = [];

    const stop = await onBundleLink((opened) => seen.push(opened));
    expect(seen).toEqual([{ link: { url: "https://example.test/a.toml", sha256: PIN } }]);

    const refused: LinkOpened = {
      error: { code: "bundle_refused", message: "bundle refused (link_invalid)", field: "link" },
    };
    pending.push(refused);
    await emit(BUNDLE_LINK_EVENT, refused);
    await settle();
    expect(seen).toEqual([{ link: { url: "https://example.test/a.toml", sha256: PIN } }, refused]);

    // An event whose link was already taken delivers nothing twice.
    await emit(BUNDLE_LINK_EVENT, refused);
    await settle();
    expect(seen).toHaveLength(2);
    expect(calls.every((command) => command === "take_bundle_link")).toBe(true);

    stop();
    pending.push({ link: { url: "https://example.test/b.toml" } });
    await emit(BUNDLE_LINK_EVENT, {});
    await settle();
    expect(seen).toHaveLength(2);
  });

  it("delivers nothing when the app was started without a link", async () => {
    fakeShell([]);
    const seen: LinkOpened[] = [];
    const stop = await onBundleLink((opened) => seen.push(opened));
    expect(seen).toEqual([]);
    stop();
  });
});
