// $lib/ipc as the Docker page tests see it: the real module, with every command the page sends
// mocked. Test files load it from their own hoisted vi.mock; it must not import $lib/ipc.
import type * as Ipc from "$lib/ipc";
import { vi } from "vitest";

export async function dockerIpc(importOriginal: () => Promise<typeof Ipc>): Promise<typeof Ipc> {
  return {
    ...(await importOriginal()),
    detectEnvironment: vi.fn(),
    undoChange: vi.fn(),
    inspectDockerProject: vi.fn(),
    generateDockerfile: vi.fn(),
    planDockerfileSave: vi.fn(),
    applyDockerfileSave: vi.fn(),
    dockerEngine: vi.fn(),
    runTestBuild: vi.fn(),
    cancelTestBuild: vi.fn(),
    explainLog: vi.fn(),
  };
}
