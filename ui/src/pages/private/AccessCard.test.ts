// Testing access to a module on the Private modules page: progress, the translated failure with its
// steps, and the next step it offers (store a token, add a pattern).
import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import type * as ipc from "$lib/ipc";
import {
  CORP_PROXY,
  MODULE,
  PROXY_HOST,
  accessNoCredential,
  accessOk,
  patternPlan,
  tokenOutcome,
} from "../../testing/privateFixtures";
import { TOKEN, loaded, planPattern, setToken, testAccess } from "../../testing/privatePage";
import PrivatePage from "./PrivatePage.svelte";

vi.mock("$lib/ipc", async (importOriginal) =>
  (await import("../../testing/privateIpc")).privateIpc(importOriginal),
);

describe("Private modules page", () => {
  it("tests access: a failure with its translated reason, the steps, and the next step", async () => {
    const user = userEvent.setup();
    let finish: (report: ipc.AppError | ReturnType<typeof accessOk>) => void = () => {};
    testAccess.mockImplementationOnce(
      () => new Promise((resolve) => (finish = resolve as typeof finish)),
    );
    render(PrivatePage);
    await loaded();
    await user.type(screen.getByTestId("access-input"), MODULE);
    await user.click(screen.getByTestId("access-run"));
    expect(testAccess).toHaveBeenCalledWith(MODULE);
    expect(screen.getByTestId("access-progress")).toHaveTextContent(`Fetching ${MODULE}`);
    expect(screen.getByTestId("access-run")).toBeDisabled();
    finish(accessNoCredential());

    const result = await screen.findByTestId("access-result");
    expect(result).toHaveAttribute("data-ok", "false");
    expect(result).toHaveAttribute("data-failure", "no_credential");
    expect(result).toHaveTextContent("The host wants a login, and no token is stored for it");
    expect(result).toHaveTextContent("401 Unauthorized");
    const steps = within(result).getAllByTestId("access-step");
    expect(steps).toHaveLength(1);
    expect(steps[0]).toHaveTextContent("Failed");
    expect(steps[0]).toHaveTextContent("HTTP 401");
    expect(steps[0]).toHaveTextContent(`GET ${CORP_PROXY}/`);
    expect(steps[0]).toHaveTextContent("without a credential");
    expect(within(result).getByTestId("access-summary")).toHaveTextContent(
      "401 Unauthorized, and no token is stored for this host.",
    );
    expect(screen.queryByTestId("access-progress")).toBeNull();

    expect(within(result).queryByTestId("access-stale")).toBeNull();
    await user.click(within(result).getByTestId("access-fix-token"));
    expect(screen.getByTestId("token-host")).toHaveValue(PROXY_HOST);
    expect(document.activeElement).toBe(screen.getByTestId("token-value"));
    setToken.mockResolvedValue(tokenOutcome(PROXY_HOST, false));
    await user.keyboard(TOKEN);
    await user.click(screen.getByTestId("token-save"));
    await waitFor(() => expect(within(result).getByTestId("access-stale")).toBeInTheDocument());

    testAccess.mockResolvedValueOnce(accessOk());
    await user.click(screen.getByTestId("access-run"));
    await waitFor(() =>
      expect(screen.getByTestId("access-result")).toHaveAttribute("data-ok", "true"),
    );
    expect(screen.getByTestId("access-result")).toHaveAttribute("data-failure", "");
    expect(screen.getByTestId("access-result")).toHaveTextContent("Access works");
  });

  it("offers to add the module's host to GOPRIVATE when no pattern matches", async () => {
    const user = userEvent.setup();
    testAccess.mockResolvedValue({
      ...accessNoCredential(),
      module: "github.com/acme/private",
      failure: "pattern_not_matched",
      steps: [],
      summary: { code: "pattern_not_matched", module: "github.com/acme/private" },
    });
    planPattern.mockResolvedValue(patternPlan("GOPRIVATE", "github.com"));
    render(PrivatePage);
    await loaded();
    await user.type(screen.getByTestId("access-input"), "github.com/acme/private");
    await user.click(screen.getByTestId("access-run"));
    const result = await screen.findByTestId("access-result");
    expect(result).toHaveAttribute("data-failure", "pattern_not_matched");
    expect(result).toHaveTextContent("The path matches neither GOPRIVATE nor GONOSUMDB");
    expect(within(result).getByTestId("access-summary")).toHaveTextContent(
      "github.com/acme/private matches neither GOPRIVATE nor GONOSUMDB.",
    );
    expect(within(result).queryAllByTestId("access-step")).toHaveLength(0);
    await user.click(within(result).getByTestId("access-fix-pattern"));
    expect(planPattern).toHaveBeenCalledWith("GOPRIVATE", ["github.com"], []);
    expect(await screen.findByTestId("plan-dialog")).toBeInTheDocument();
  });

  it("shows a refused module path at its field", async () => {
    const user = userEvent.setup();
    testAccess.mockRejectedValue({
      code: "invalid_input",
      field: "module",
      message: '"nodot/a" is not a module path like git.corp.example.com/team/lib',
    });
    render(PrivatePage);
    await loaded();
    await user.type(screen.getByTestId("access-input"), "nodot/a");
    await user.click(screen.getByTestId("access-run"));
    await waitFor(() =>
      expect(screen.getByTestId("field-error-access")).toHaveTextContent(
        "This is not a module path.",
      ),
    );
    expect(screen.queryByTestId("access-result")).toBeNull();
  });
});
