// Shared setup for the Private modules page tests. Each test file mocks $lib/ipc with privateIpc
// itself (vi.mock is hoisted only within the test file), then imports this module, which resets
// the mocks and the app state before each of that file's tests.
import { screen, waitFor } from "@testing-library/svelte";
import { beforeEach, expect, vi } from "vitest";
import * as ipc from "$lib/ipc";
import { privateOverview } from "./privateFixtures";
import { resetAppState } from "./reset";

export const overview = vi.mocked(ipc.privateOverview);
export const planPattern = vi.mocked(ipc.planPatternChange);
export const apply = vi.mocked(ipc.applyEnvChange);
export const setToken = vi.mocked(ipc.setToken);
export const deleteToken = vi.mocked(ipc.deleteToken);
export const testAccess = vi.mocked(ipc.testAccess);
export const planGit = vi.mocked(ipc.planGitHelper);
export const applyGit = vi.mocked(ipc.applyGitHelper);

/** A token nobody would type by accident, so finding it anywhere means it leaked. */
export const TOKEN = "ghp_S3cretTokenValue42";

// Fresh mocks and app state, the overview of privateOverview(), and a detection that never ends.
beforeEach(() => {
  vi.resetAllMocks();
  resetAppState();
  overview.mockResolvedValue(privateOverview());
  vi.mocked(ipc.detectEnvironment).mockReturnValue(new Promise(() => {}));
});

/** The element with this test id whose `attribute` is `value`. */
export function row(testid: string, attribute: string, value: string): HTMLElement {
  const found = screen.getAllByTestId(testid).find((el) => el.getAttribute(attribute) === value);
  if (!found) throw new Error(`no ${testid} with ${attribute}=${value}`);
  return found;
}

/** Waits until the page has its first overview. */
export async function loaded() {
  await waitFor(() =>
    expect(screen.getByTestId("page-private")).toHaveAttribute("data-loaded", "true"),
  );
}
