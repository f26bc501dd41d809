// $lib/ipc as the Private modules page tests see it: the real module, with every command the page
// sends mocked. Test files load it from their own hoisted vi.mock; it must not import $lib/ipc.
import type * as Ipc from "$lib/ipc";
import { vi } from "vitest";

export async function privateIpc(importOriginal: () => Promise<typeof Ipc>): Promise<typeof Ipc> {
  return {
    ...(await importOriginal()),
    detectEnvironment: vi.fn(),
    applyEnvChange: vi.fn(),
    undoChange: vi.fn(),
    privateOverview: vi.fn(),
    explainModulePath: vi.fn(),
    planPatternChange: vi.fn(),
    planGoauth: vi.fn(),
    setToken: vi.fn(),
    deleteToken: vi.fn(),
    testAccess: vi.fn(),
    fixNetrcMode: vi.fn(),
    planGitHelper: vi.fn(),
    applyGitHelper: vi.fn(),
  };
}
