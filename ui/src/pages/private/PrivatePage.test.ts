import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as ipc from "$lib/ipc";
import { i18n } from "$lib/i18n/i18n.svelte";
import ToastHost from "$lib/components/ToastHost.svelte";
import { appliedProxyFallback } from "../../testing/fixtures";
import {
  GIT_HOST,
  MODULE,
  PROXY_HOST,
  accessNoCredential,
  accessOk,
  emptyPrivateOverview,
  explanation,
  lockedKeychainOverview,
  patternPlan,
  patternSettings,
  privateOverview,
  storedHost,
  tokenOutcome,
} from "../../testing/privateFixtures";
import { resetAppState } from "../../testing/reset";
import PrivatePage from "./PrivatePage.svelte";

vi.mock("$lib/ipc", async (importOriginal) => ({
  ...(await importOriginal<typeof import("$lib/ipc")>()),
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
}));

const overview = vi.mocked(ipc.privateOverview);
const planPattern = vi.mocked(ipc.planPatternChange);
const apply = vi.mocked(ipc.applyEnvChange);
const setToken = vi.mocked(ipc.setToken);
const deleteToken = vi.mocked(ipc.deleteToken);
const testAccess = vi.mocked(ipc.testAccess);

/** A token nobody would type by accident, so finding it anywhere means it leaked. */
const TOKEN = "ghp_S3cretTokenValue42";

function row(testid: string, attribute: string, value: string): HTMLElement {
  const found = screen.getAllByTestId(testid).find((el) => el.getAttribute(attribute) === value);
  if (!found) throw new Error(`no ${testid} with ${attribute}=${value}`);
  return found;
}

async function loaded() {
  await waitFor(() =>
    expect(screen.getByTestId("page-private")).toHaveAttribute("data-loaded", "true"),
  );
}

beforeEach(() => {
  vi.resetAllMocks();
  resetAppState();
  overview.mockResolvedValue(privateOverview());
  vi.mocked(ipc.detectEnvironment).mockReturnValue(new Promise(() => {}));
});

describe("Private modules page", () => {
  it("shows the verdict, the patterns with inheritance and sources, and the hosts", async () => {
    render(PrivatePage);
    expect(screen.getByTestId("page-private")).toHaveAttribute("data-loaded", "false");
    await loaded();
    expect(screen.getByTestId("verdict")).toHaveTextContent(
      "2 patterns, 1 host with a token in the keychain; GOAUTH serves the tokens to Go",
    );
    expect(screen.getByTestId("verdict")).toHaveAttribute("data-tone", "good");

    const goprivate = row("pattern-row", "data-key", "GOPRIVATE");
    const chips = within(goprivate).getAllByTestId("pattern-chip");
    expect(chips.map((c) => c.getAttribute("data-pattern"))).toEqual([
      "*.corp.example.com",
      "rsc.io/private",
    ]);
    expect(within(goprivate).getByTestId("pattern-source")).toHaveTextContent("GOENV file");
    expect(within(goprivate).queryByTestId("pattern-inherited")).toBeNull();
    const gonoproxy = row("pattern-row", "data-key", "GONOPROXY");
    expect(within(gonoproxy).getByTestId("pattern-inherited")).toHaveTextContent(
      "Inherited from GOPRIVATE",
    );
    expect(within(gonoproxy).getByTestId("pattern-source")).toHaveTextContent(
      "Default (derived from GOPRIVATE)",
    );
    expect(row("pattern-row", "data-key", "GOINSECURE")).toHaveTextContent("Not set");
    expect(within(chips[0]!).getByTestId("pattern-remove")).toHaveAccessibleName(
      "Remove *.corp.example.com from GOPRIVATE",
    );

    const host = row("host-row", "data-host", GIT_HOST);
    expect(host).toHaveAttribute("data-token", "stored");
    expect(host).toHaveTextContent("alice");
    expect(host).toHaveTextContent("Basic");
    expect(host).toHaveTextContent("Stored in the keychain");
    // With hosts listed, the token form waits for "Add host".
    expect(screen.queryByTestId("token-form")).toBeNull();
    expect(screen.getByTestId("goauth-status")).toHaveAttribute("data-state", "good");
    expect(screen.queryByTestId("goauth-setup")).toBeNull();
  });

  it("says what to do first when nothing is set up, with the token form open", async () => {
    overview.mockResolvedValue(emptyPrivateOverview());
    render(PrivatePage);
    await loaded();
    expect(screen.getByTestId("verdict")).toHaveTextContent(
      "No private modules set up yet: add your company's module path to GOPRIVATE to begin",
    );
    expect(screen.getByTestId("patterns-empty")).toHaveTextContent("Start here");
    expect(screen.getByTestId("hosts-empty")).toBeInTheDocument();
    expect(screen.getByTestId("token-host")).toBeInTheDocument();
    expect(screen.getByTestId("host-add")).toBeInTheDocument();
    expect(screen.queryByTestId("token-cancel")).toBeNull();
    expect(screen.getByTestId("goauth-setup")).toHaveTextContent("Let Go use the keychain");
  });

  it("plans an added pattern, shows the plan, applies it and empties the field", async () => {
    const user = userEvent.setup();
    const plan = patternPlan("GONOSUMDB", "*.corp.example.com,rsc.io/private,corp.example.com");
    planPattern.mockResolvedValue(plan);
    apply.mockResolvedValue(appliedProxyFallback());
    render(ToastHost);
    render(PrivatePage);
    await loaded();

    await user.selectOptions(screen.getByTestId("pattern-key"), "GONOSUMDB");
    await user.type(screen.getByTestId("pattern-input"), " corp.example.com ");
    await user.click(screen.getByTestId("pattern-add"));
    expect(planPattern).toHaveBeenCalledWith("GONOSUMDB", ["corp.example.com"], []);
    const dialog = await screen.findByTestId("plan-dialog");
    expect(dialog).toHaveTextContent("corp.example.com");

    const after = privateOverview();
    after.patterns[2] = { ...after.patterns[2]!, patterns: [...plan.changes[0]!.new!.split(",")] };
    overview.mockResolvedValue(after);
    await user.click(within(dialog).getByTestId("plan-apply"));
    expect(apply).toHaveBeenCalledWith(plan.ops);
    await screen.findByTestId("toast-undo");
    await waitFor(() => expect(overview).toHaveBeenCalledTimes(2));
    await waitFor(() => expect(screen.getByTestId("pattern-input")).toHaveValue(""));
  });

  it("shows a refused pattern at the field, and a refused removal in its row", async () => {
    const user = userEvent.setup();
    planPattern.mockRejectedValueOnce({
      code: "invalid_input",
      field: "GOPRIVATE",
      message: 'GOPRIVATE pattern "https://x.com": a scheme is not part of a pattern',
    });
    render(PrivatePage);
    await loaded();
    await user.click(screen.getByTestId("pattern-add"));
    expect(screen.getByTestId("field-error-pattern")).toHaveTextContent("Enter a pattern.");
    expect(planPattern).not.toHaveBeenCalled();

    await user.type(screen.getByTestId("pattern-input"), "https://x.com");
    await user.click(screen.getByTestId("pattern-add"));
    await waitFor(() =>
      expect(screen.getByTestId("field-error-pattern")).toHaveTextContent(
        "This pattern cannot be used. GOPRIVATE pattern",
      ),
    );
    expect(screen.getByTestId("pattern-input")).toHaveAttribute("aria-invalid", "true");
    expect(screen.queryByTestId("plan-dialog")).toBeNull();

    planPattern.mockRejectedValueOnce({
      code: "invalid_input",
      field: "GONOPROXY",
      message: 'GONOPROXY does not contain "rsc.io/private"',
    });
    const gonoproxy = row("pattern-row", "data-key", "GONOPROXY");
    await user.click(within(gonoproxy).getAllByTestId("pattern-remove")[1]!);
    expect(planPattern).toHaveBeenLastCalledWith("GONOPROXY", [], ["rsc.io/private"]);
    await waitFor(() =>
      expect(within(gonoproxy).getByTestId("pattern-row-error")).toHaveTextContent(
        "does not contain",
      ),
    );
  });

  it("sends the token once, empties the field and never shows the token", async () => {
    const user = userEvent.setup();
    overview.mockResolvedValueOnce(emptyPrivateOverview());
    setToken.mockResolvedValue(tokenOutcome(GIT_HOST, false));
    render(ToastHost);
    render(PrivatePage);
    await loaded();

    await user.type(screen.getByTestId("token-host"), GIT_HOST);
    await user.type(screen.getByTestId("token-user"), "alice");
    await user.selectOptions(screen.getByTestId("token-scheme"), "basic");
    const field = screen.getByTestId("token-value");
    expect(field).toHaveAttribute("type", "password");
    expect(field).toHaveAttribute("autocomplete", "off");
    expect(field).toHaveAttribute("spellcheck", "false");
    expect(screen.getByTestId("token-netrc")).not.toBeChecked();
    await user.type(field, TOKEN);
    await user.click(screen.getByTestId("token-save"));

    expect(setToken).toHaveBeenCalledTimes(1);
    expect(setToken).toHaveBeenCalledWith(
      { host: GIT_HOST, user: "alice", scheme: "basic", netrc: false },
      TOKEN,
    );
    const toast = await screen.findByTestId("toast");
    expect(toast).toHaveTextContent(`Token stored in the keychain for ${GIT_HOST}.`);
    expect(within(toast).getByTestId("toast-undo")).toBeInTheDocument();
    await waitFor(() => expect(overview).toHaveBeenCalledTimes(2));
    await waitFor(() => expect(row("host-row", "data-host", GIT_HOST)).toBeInTheDocument());
    expect(screen.queryByTestId("token-value")).toBeNull();
    expect(document.documentElement.outerHTML).not.toContain(TOKEN);
    for (const input of document.querySelectorAll("input")) expect(input.value).not.toBe(TOKEN);
  });

  it("shows a keychain error with its message, clears the token, and keeps the form", async () => {
    const user = userEvent.setup();
    overview.mockResolvedValue(emptyPrivateOverview());
    setToken.mockRejectedValue({
      code: "external",
      field: "keychain",
      message: "the keychain is locked or refused access (prompt dismissed); unlock it",
    });
    render(PrivatePage);
    await loaded();
    await user.type(screen.getByTestId("token-host"), PROXY_HOST);
    await user.selectOptions(screen.getByTestId("token-scheme"), "bearer");
    await user.click(screen.getByTestId("token-netrc"));
    await user.type(screen.getByTestId("token-value"), TOKEN);
    await user.click(screen.getByTestId("token-save"));
    expect(setToken).toHaveBeenCalledWith(
      { host: PROXY_HOST, scheme: "bearer", netrc: true },
      TOKEN,
    );
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("The system keychain did not store the token");
    expect(alert).toHaveTextContent("the keychain is locked or refused access");
    expect(alert).toHaveAttribute("data-error-field", "keychain");
    expect(screen.getByTestId("token-value")).toHaveValue("");
    expect(screen.getByTestId("token-host")).toHaveValue(PROXY_HOST);
    expect(document.documentElement.outerHTML).not.toContain(TOKEN);
  });

  it("shows a refused token under its field and a missing one before calling", async () => {
    const user = userEvent.setup();
    overview.mockResolvedValue(emptyPrivateOverview());
    render(PrivatePage);
    await loaded();
    await user.click(screen.getByTestId("token-save"));
    expect(screen.getByTestId("field-error-host")).toHaveTextContent("Required.");
    expect(screen.getByTestId("field-error-token")).toHaveTextContent("Required.");
    expect(setToken).not.toHaveBeenCalled();

    setToken.mockRejectedValue({
      code: "invalid_input",
      field: "host",
      message: 'host "https://x": write the host name only, without https://',
    });
    await user.type(screen.getByTestId("token-host"), "https://x");
    await user.type(screen.getByTestId("token-value"), TOKEN);
    await user.click(screen.getByTestId("token-save"));
    await waitFor(() =>
      expect(screen.getByTestId("field-error-host")).toHaveTextContent(
        "Write a host name like git.corp.example.com",
      ),
    );
    expect(screen.getByTestId("token-host")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByTestId("token-value")).toHaveValue("");
  });

  it("replaces a token with the form prefilled and the token field empty", async () => {
    const user = userEvent.setup();
    setToken.mockResolvedValue(tokenOutcome(GIT_HOST, true));
    render(ToastHost);
    render(PrivatePage);
    await loaded();
    await user.click(within(row("host-row", "data-host", GIT_HOST)).getByTestId("token-replace"));
    expect(screen.getByTestId("token-form")).toHaveTextContent(`Replace the token for ${GIT_HOST}`);
    expect(screen.getByTestId("token-host")).toHaveValue(GIT_HOST);
    expect(screen.getByTestId("token-user")).toHaveValue("alice");
    expect(screen.getByTestId("token-scheme")).toHaveValue("basic");
    expect(screen.getByTestId("token-value")).toHaveValue("");
    expect(document.activeElement).toBe(screen.getByTestId("token-value"));
    await user.keyboard(TOKEN);
    await user.click(screen.getByTestId("token-save"));
    const toast = await screen.findByTestId("toast");
    expect(toast).toHaveTextContent(`Token replaced in the keychain for ${GIT_HOST}.`);
    expect(within(toast).queryByTestId("toast-undo")).toBeNull();
  });

  it("deletes a token only after confirmation", async () => {
    const user = userEvent.setup();
    deleteToken.mockResolvedValue(tokenOutcome(GIT_HOST, true));
    render(ToastHost);
    render(PrivatePage);
    await loaded();
    const host = row("host-row", "data-host", GIT_HOST);
    await user.click(within(host).getByTestId("token-delete"));
    expect(deleteToken).not.toHaveBeenCalled();
    const confirm = screen.getByTestId("host-confirm");
    expect(confirm).toHaveAttribute("data-host", GIT_HOST);
    expect(confirm).toHaveTextContent(`Delete the token for ${GIT_HOST} from the keychain?`);
    expect(document.activeElement).toBe(screen.getByTestId("token-delete-confirm"));
    expect(within(host).getByTestId("token-delete")).toHaveAttribute("aria-expanded", "true");

    await user.keyboard("{Escape}");
    expect(screen.queryByTestId("token-delete-confirm")).toBeNull();
    expect(document.activeElement).toBe(within(host).getByTestId("token-delete"));

    await user.click(within(host).getByTestId("token-delete"));
    overview.mockResolvedValue(emptyPrivateOverview());
    await user.click(screen.getByTestId("token-delete-confirm"));
    expect(deleteToken).toHaveBeenCalledWith(GIT_HOST);
    expect(await screen.findByTestId("toast")).toHaveTextContent(
      `Token for ${GIT_HOST} deleted from the keychain.`,
    );
    await waitFor(() => expect(screen.queryByTestId("host-row")).toBeNull());
    expect(screen.getByTestId("token-form")).toBeInTheDocument();
  });

  it("flags a locked keychain and a missing token, and fixes a loose .netrc", async () => {
    const user = userEvent.setup();
    overview.mockResolvedValue(lockedKeychainOverview());
    const fixed = { ...lockedKeychainOverview().netrc!, mode: "600", loose_mode: false };
    vi.mocked(ipc.fixNetrcMode).mockResolvedValue(fixed);
    render(PrivatePage);
    await loaded();
    expect(screen.getByTestId("verdict")).toHaveTextContent("The keychain is locked");
    expect(screen.getByTestId("verdict")).toHaveAttribute("data-tone", "attention");
    const locked = row("host-row", "data-host", GIT_HOST);
    expect(locked).toHaveAttribute("data-token", "unknown");
    expect(locked).toHaveTextContent("Unknown: the keychain is locked");
    expect(row("host-note", "data-host", GIT_HOST)).toHaveTextContent("Unlock it");
    expect(row("host-row", "data-host", PROXY_HOST)).toHaveAttribute("data-token", "missing");
    expect(row("host-row", "data-host", PROXY_HOST)).toHaveTextContent("Also in .netrc");

    await user.click(screen.getByTestId("netrc-fix-mode"));
    expect(ipc.fixNetrcMode).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(screen.queryByTestId("netrc-fix-mode")).toBeNull());
    expect(screen.getByTestId("netrc-status")).toHaveTextContent("Readable by you only");
  });

  it("turns the verdict red when no keychain is available", async () => {
    const unavailable = privateOverview();
    unavailable.hosts = [{ ...storedHost(), stored: undefined, keychain: "unavailable" }];
    overview.mockResolvedValue(unavailable);
    render(PrivatePage);
    await loaded();
    expect(screen.getByTestId("verdict")).toHaveAttribute("data-tone", "problem");
    expect(screen.getByTestId("verdict")).toHaveTextContent("No keychain is available");
  });

  it("explains a module path: the matched pattern, the route and the checksum database", async () => {
    const user = userEvent.setup();
    vi.mocked(ipc.explainModulePath).mockResolvedValue(explanation());
    render(PrivatePage);
    await loaded();
    await user.type(screen.getByTestId("explain-input"), MODULE);
    await user.click(screen.getByTestId("explain-run"));
    expect(ipc.explainModulePath).toHaveBeenCalledWith(MODULE);
    const result = await screen.findByTestId("explain-result");
    expect(result).toHaveTextContent("*.corp.example.com");
    expect(result).toHaveTextContent("Directly from version control");
    expect(result).toHaveTextContent("Not asked (go.sum is still checked)");
    expect(row("explain-verdict", "data-key", "GONOPROXY")).toHaveTextContent(
      "(inherited from GOPRIVATE)",
    );
    expect(row("explain-verdict", "data-key", "GOINSECURE")).toHaveAttribute(
      "data-matched",
      "false",
    );
    expect(result).not.toHaveTextContent("ENGLISH");
  });

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
      summary: "ENGLISH-SUMMARY",
    });
    planPattern.mockResolvedValue(patternPlan("GOPRIVATE", "github.com"));
    render(PrivatePage);
    await loaded();
    await user.type(screen.getByTestId("access-input"), "github.com/acme/private");
    await user.click(screen.getByTestId("access-run"));
    const result = await screen.findByTestId("access-result");
    expect(result).toHaveAttribute("data-failure", "pattern_not_matched");
    expect(result).toHaveTextContent("The path matches neither GOPRIVATE nor GONOSUMDB");
    expect(within(result).queryAllByTestId("access-step")).toHaveLength(0);
    await user.click(within(result).getByTestId("access-fix-pattern"));
    expect(planPattern).toHaveBeenCalledWith("GOPRIVATE", ["github.com"], []);
    expect(await screen.findByTestId("plan-dialog")).toBeInTheDocument();
  });

  it("keeps what was typed in an open add form when Add host is pressed", async () => {
    const user = userEvent.setup();
    overview.mockResolvedValue(emptyPrivateOverview());
    render(PrivatePage);
    await loaded();
    await user.type(screen.getByTestId("token-host"), GIT_HOST);
    await user.click(screen.getByTestId("host-add"));
    expect(screen.getByTestId("token-host")).toHaveValue(GIT_HOST);
    expect(document.activeElement).toBe(screen.getByTestId("token-host"));
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

  it("lets Go use the keychain through the plan dialog", async () => {
    const user = userEvent.setup();
    overview.mockResolvedValue({
      ...privateOverview(),
      goauth: { value: "netrc", supported: true, helper_configured: false },
    });
    const plan = patternPlan("GOAUTH", "netrc;/usr/bin/goproxy-assistant goauth");
    vi.mocked(ipc.planGoauth).mockResolvedValue(plan);
    render(PrivatePage);
    await loaded();
    expect(screen.getByTestId("verdict")).toHaveTextContent("Go does not ask the keychain yet");
    expect(screen.getByTestId("verdict")).toHaveAttribute("data-tone", "attention");
    await user.click(screen.getByTestId("goauth-setup"));
    expect(ipc.planGoauth).toHaveBeenCalledTimes(1);
    expect(await screen.findByTestId("plan-dialog")).toHaveTextContent("goproxy-assistant goauth");
  });

  it("speaks Chinese, with the agreed terms", async () => {
    i18n.set("zh-CN");
    overview.mockResolvedValue(lockedKeychainOverview());
    testAccess.mockResolvedValue(accessNoCredential());
    const user = userEvent.setup();
    render(PrivatePage);
    await loaded();
    expect(screen.getByTestId("verdict")).toHaveTextContent("系统钥匙串已锁定");
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("私有模块");
    expect(screen.getByTestId("hosts-card")).toHaveTextContent("主机与令牌");
    expect(row("host-row", "data-host", GIT_HOST)).toHaveTextContent("未知：系统钥匙串已锁定");
    expect(row("pattern-row", "data-key", "GONOPROXY")).toHaveTextContent("继承自 GOPRIVATE");
    await user.type(screen.getByTestId("access-input"), MODULE);
    await user.click(screen.getByTestId("access-run"));
    const result = await screen.findByTestId("access-result");
    expect(result).toHaveTextContent("访问失败");
    expect(result).toHaveTextContent("主机要求登录，但没有为它保存令牌");
    expect(screen.getByTestId("access-run")).toHaveTextContent("测试访问");
  });

  it("counts patterns once across settings and names pattern problems", async () => {
    const withIssue = privateOverview();
    withIssue.patterns = patternSettings(["*.corp.example.com", "https://x.com"]);
    withIssue.patterns[0]!.issues = [
      { rule: "scheme", pattern: "https://x.com", message: "ENGLISH-ISSUE" },
    ];
    overview.mockResolvedValue(withIssue);
    render(PrivatePage);
    await loaded();
    expect(screen.getByTestId("verdict")).toHaveTextContent(
      "1 problem in the patterns; 2 patterns, 1 host with a token in the keychain",
    );
    expect(screen.getByTestId("pattern-issue")).toHaveTextContent(
      "https://x.com: Starts with a scheme such as https://",
    );
    expect(document.body).not.toHaveTextContent("ENGLISH");
  });
});
