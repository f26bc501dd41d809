// The Private modules page as a whole: loading, the verdict, the patterns, GOAUTH and explaining a
// module path. Hosts and tokens are in TokenForm.test.ts, testing access in AccessCard.test.ts, and
// git credentials in HostGit.test.ts.
import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import * as ipc from "$lib/ipc";
import { i18n } from "$lib/i18n/i18n.svelte";
import ToastHost from "$lib/components/ToastHost.svelte";
import { appliedProxyFallback } from "../../testing/fixtures";
import {
  GIT_HOST,
  MODULE,
  accessNoCredential,
  emptyPrivateOverview,
  explanation,
  lockedKeychainOverview,
  patternPlan,
  patternSettings,
  privateOverview,
  storedHost,
} from "../../testing/privateFixtures";
import { apply, loaded, overview, planPattern, row, testAccess } from "../../testing/privatePage";
import PrivatePage from "./PrivatePage.svelte";

vi.mock("$lib/ipc", async (importOriginal) =>
  (await import("../../testing/privateIpc")).privateIpc(importOriginal),
);

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
    after.patterns[2] = {
      ...after.patterns[2]!,
      patterns: [...plan.preview.lines[0]!.new!.split(",")],
    };
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
    const note = row("host-note", "data-host", GIT_HOST);
    expect(note).toHaveTextContent("请先解锁");
    expect(note, "Rust's English sentence").not.toHaveTextContent("prompt dismissed");
    expect(row("pattern-row", "data-key", "GONOPROXY")).toHaveTextContent("继承自 GOPRIVATE");
    await user.type(screen.getByTestId("access-input"), MODULE);
    await user.click(screen.getByTestId("access-run"));
    const result = await screen.findByTestId("access-result");
    expect(result).toHaveTextContent("访问失败");
    expect(result).toHaveTextContent("主机要求登录，但没有为它保存令牌");
    expect(result).toHaveTextContent("（不带凭据）");
    expect(within(result).getByTestId("access-summary")).toHaveTextContent(
      "401 未授权，且没有为此主机保存令牌。",
    );
    expect(result, "English from Rust").not.toHaveTextContent(/Unauthorized|credential/);
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
