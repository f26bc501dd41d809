// $lib/ipc as the Team page tests see it: the real module, with every command the page sends
// mocked. Test files load it from their own hoisted vi.mock; it must not import $lib/ipc.
import type * as Ipc from "$lib/ipc";
import { vi } from "vitest";

export async function teamIpc(importOriginal: () => Promise<typeof Ipc>): Promise<typeof Ipc> {
  return {
    ...(await importOriginal()),
    detectEnvironment: vi.fn(),
    undoChange: vi.fn(),
    previewBundle: vi.fn(),
    applyBundle: vi.fn(),
    exportBundle: vi.fn(),
    saveBundleExport: vi.fn(),
    verifyBundle: vi.fn(),
    cancelBundleVerify: vi.fn(),
    checkTeamKey: vi.fn(),
    runBenchmark: vi.fn(),
    cancelBenchmark: vi.fn(),
  };
}
