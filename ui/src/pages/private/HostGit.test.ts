// Where git gets credentials for each host, and letting git use the keychain: the line is shown
// in the plan dialog before it is written, applied with an Undo toast, and offered from a
// git_no_credential report.
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import type { ChangePreview } from "$lib/bindings/ChangePreview";
import type { GitCredentialSource } from "$lib/bindings/GitCredentialSource";
import type { TokenStatus } from "$lib/bindings/TokenStatus";
import ToastHost from "$lib/components/ToastHost.svelte";
import { i18n } from "$lib/i18n/i18n.svelte";
import * as ipc from "$lib/ipc";
import {
  GIT_CONFIG_PATH,
  GIT_HELPER,
  GIT_HOST,
  MODULE,
  accessGitNoCredential,
  gitHelperEntry,
  gitHelperKey,
  gitHelperPlan,
  privateOverview,
  storedHost,
} from "../../testing/privateFixtures";
import { applyGit, loaded, overview, planGit, row } from "../../testing/privatePage";
import PrivatePage from "./PrivatePage.svelte";

vi.mock("$lib/ipc", async (importOriginal) =>
  (await import("../../testing/privateIpc")).privateIpc(importOriginal),
);

const KEY = gitHelperKey(GIT_HOST);

/** One host per git source, named after it. */
const SOURCES: GitCredentialSource[] = [
  { kind: "app_helper" },
  { kind: "other_helper", helper: "store" },
  { kind: "ssh", base: "git@ssh.example.com:" },
  { kind: "nothing" },
  { kind: "git_missing" },
];

function hostWith(git: GitCredentialSource, prefix = `${git.kind.replace("_", "-")}.example.com`) {
  const status: TokenStatus = { ...storedHost(), git };
  status.host = { ...status.host, prefix };
  return status;
}

function withHosts(...hosts: TokenStatus[]) {
  return { ...privateOverview(), hosts };
}

function hostRow(host: string): HTMLElement {
  return row("host-row", "data-host", host);
}

describe("git credentials per host", () => {
  it("says in words where git gets credentials, and offers the keychain where it helps", async () => {
    overview.mockResolvedValue(withHosts(...SOURCES.map((git) => hostWith(git))));
    render(PrivatePage);
    await loaded();
    const expected: Record<GitCredentialSource["kind"], [string, boolean]> = {
      app_helper: ["git: uses this app's keychain", false],
      other_helper: ["git: its own helper store", true],
      ssh: ["git: SSH (git@ssh.example.com:)", false],
      nothing: ["git: cannot log in — direct fetches will fail", true],
      git_missing: ["git is not installed", false],
    };
    for (const [kind, [words, offered]] of Object.entries(expected)) {
      const row = hostRow(`${kind.replace("_", "-")}.example.com`);
      const git = within(row).getByTestId("host-git");
      expect(git).toHaveAttribute("data-git", kind);
      expect(git).toHaveTextContent(words);
      // The icon carries a shape, the words carry the meaning: the hint says why.
      expect(git.querySelector("svg")).not.toBeNull();
      expect(within(git).queryByTestId("host-git-hint") !== null).toBe(kind !== "app_helper");
      expect(within(row).queryByTestId("git-helper-setup") !== null, kind).toBe(offered);
    }
    const other = within(hostRow("other-helper.example.com")).getByTestId("host-git");
    expect(other.querySelector("code")).toHaveTextContent("store");
    expect(other).toHaveTextContent("That helper must know a token for this host itself");
    expect(screen.getByRole("columnheader", { name: "Token and git" })).toBeInTheDocument();
  });

  it("leaves git out for a module proxy in GOPROXY, which Go asks over HTTP", async () => {
    const proxy: TokenStatus = { ...storedHost() };
    proxy.host = { ...proxy.host, prefix: "goproxy.corp.example.com" };
    delete proxy.git;
    overview.mockResolvedValue(withHosts(proxy));
    render(PrivatePage);
    await loaded();
    const row = hostRow("goproxy.corp.example.com");
    const git = within(row).getByTestId("host-git");
    expect(git).toHaveAttribute("data-git", "proxy");
    expect(git).toHaveTextContent("git is not involved");
    expect(within(row).queryByTestId("git-helper-setup")).toBeNull();
  });

  it("shows the git config line in the plan dialog before writing it, applies it and offers Undo", async () => {
    const user = userEvent.setup();
    overview.mockResolvedValue(withHosts(hostWith({ kind: "nothing" }, GIT_HOST)));
    let answer: (plan: ChangePreview) => void = () => {};
    planGit.mockImplementationOnce(() => new Promise((resolve) => (answer = resolve)));
    applyGit.mockResolvedValue(gitHelperEntry(GIT_HOST));
    const applied = gitHelperEntry(GIT_HOST);
    if (applied.outcome === "recorded") vi.mocked(ipc.undoChange).mockResolvedValue(applied);
    render(ToastHost);
    render(PrivatePage);
    await loaded();

    const setup = within(hostRow(GIT_HOST)).getByTestId("git-helper-setup");
    expect(setup).toHaveTextContent("Let git use the keychain");
    expect(setup).toHaveAttribute("aria-haspopup", "dialog");
    await user.click(setup);
    expect(planGit).toHaveBeenCalledWith(GIT_HOST);
    expect(setup).toHaveTextContent("Preparing…");
    expect(setup).toHaveAttribute("aria-busy", "true");
    expect(setup).toBeDisabled();
    answer(gitHelperPlan(GIT_HOST));

    // The one plan dialog every change goes through: the file, the line, what it means.
    const dialog = await screen.findByTestId("plan-dialog");
    expect(dialog).toHaveAttribute("open");
    expect(within(dialog).getByTestId("plan-files")).toHaveTextContent(GIT_CONFIG_PATH);
    const line = dialog.querySelector(`[data-change-key="${KEY}"]`);
    expect(line).toHaveTextContent(`git config ${KEY}`);
    expect(line).toHaveTextContent(GIT_HELPER);
    expect(within(dialog).getByTestId("plan-note")).toHaveTextContent(
      `git will ask this app for the token of ${GIT_HOST}`,
    );
    expect(applyGit).not.toHaveBeenCalled();

    // Cancel writes nothing and gives the focus back.
    await user.click(within(dialog).getByTestId("plan-cancel"));
    expect(screen.queryByTestId("plan-dialog")).toBeNull();
    expect(document.activeElement).toBe(setup);
    expect(applyGit).not.toHaveBeenCalled();

    // Escape (the dialog's cancel event) is Cancel too.
    planGit.mockResolvedValue(gitHelperPlan(GIT_HOST));
    await user.click(setup);
    await fireEvent(await screen.findByTestId("plan-dialog"), new Event("cancel"));
    expect(screen.queryByTestId("plan-dialog")).toBeNull();

    await user.click(setup);
    overview.mockResolvedValue(withHosts(hostWith({ kind: "app_helper" }, GIT_HOST)));
    await user.click(await screen.findByTestId("plan-apply"));
    expect(applyGit).toHaveBeenCalledWith(GIT_HOST);
    const toast = await screen.findByTestId("toast");
    expect(toast).toHaveTextContent(`git now asks the keychain for ${GIT_HOST}.`);
    await waitFor(() =>
      expect(within(hostRow(GIT_HOST)).getByTestId("host-git")).toHaveAttribute(
        "data-git",
        "app_helper",
      ),
    );
    expect(screen.queryByTestId("plan-dialog")).toBeNull();
    expect(screen.queryByTestId("git-helper-setup")).toBeNull();

    await user.click(within(toast).getByTestId("toast-undo"));
    expect(ipc.undoChange).toHaveBeenCalledWith("git-helper-1");
  });

  it("shows a refused plan by the host and a failed write in the dialog, and writes nothing more", async () => {
    const user = userEvent.setup();
    overview.mockResolvedValue(
      withHosts(hostWith({ kind: "other_helper", helper: "x" }, GIT_HOST)),
    );
    planGit.mockRejectedValueOnce({
      code: "invalid_input",
      field: "helper",
      message: "the helper path must be absolute and free of spaces and shell characters",
    });
    render(PrivatePage);
    await loaded();
    await user.click(within(hostRow(GIT_HOST)).getByTestId("git-helper-setup"));
    const refused = await screen.findByTestId("host-git-row");
    expect(within(refused).getByRole("alert")).toHaveTextContent("must be absolute");
    expect(screen.queryByTestId("plan-dialog")).toBeNull();

    planGit.mockResolvedValue(gitHelperPlan(GIT_HOST));
    applyGit.mockRejectedValue({ code: "io", message: "~/.gitconfig: permission denied" });
    await user.click(within(hostRow(GIT_HOST)).getByTestId("git-helper-setup"));
    expect(screen.queryByTestId("host-git-row")).toBeNull();
    await user.click(await screen.findByTestId("plan-apply"));
    await waitFor(() =>
      expect(screen.getByTestId("plan-dialog")).toHaveTextContent("permission denied"),
    );
    expect(screen.getByTestId("plan-apply")).toBeEnabled();
    expect(screen.queryByTestId("host-git-row")).toBeNull();
    expect(overview).toHaveBeenCalledTimes(1);
  });

  it("offers the fix from a git_no_credential access report, in the plan dialog", async () => {
    const user = userEvent.setup();
    overview.mockResolvedValue(withHosts(hostWith({ kind: "nothing" }, GIT_HOST)));
    vi.mocked(ipc.testAccess).mockResolvedValue(accessGitNoCredential());
    planGit.mockResolvedValue(gitHelperPlan(GIT_HOST));
    render(PrivatePage);
    await loaded();
    await user.type(screen.getByTestId("access-input"), MODULE);
    await user.click(screen.getByTestId("access-run"));
    const result = await screen.findByTestId("access-result");
    expect(result).toHaveAttribute("data-failure", "git_no_credential");
    expect(result).toHaveTextContent("git, which Go runs for this module, has no way to log in");
    const fix = within(result).getByTestId("access-fix-git");
    expect(fix).toHaveTextContent(`Let git use the keychain for ${GIT_HOST}`);
    await user.click(fix);
    expect(planGit).toHaveBeenCalledWith(GIT_HOST);
    const dialog = await screen.findByTestId("plan-dialog");
    expect(dialog.querySelector(`[data-change-key="${KEY}"]`)).toHaveTextContent(GIT_HELPER);
    await user.click(within(dialog).getByTestId("plan-cancel"));
    expect(document.activeElement).toBe(fix);
  });

  it("shows a refused plan in the report when the host has no row", async () => {
    const user = userEvent.setup();
    overview.mockResolvedValue(withHosts());
    vi.mocked(ipc.testAccess).mockResolvedValue(accessGitNoCredential());
    planGit.mockRejectedValue({ code: "external", message: "cannot run git: not found" });
    render(PrivatePage);
    await loaded();
    await user.type(screen.getByTestId("access-input"), MODULE);
    await user.click(screen.getByTestId("access-run"));
    await user.click(await screen.findByTestId("access-fix-git"));
    const result = screen.getByTestId("access-result");
    await waitFor(() =>
      expect(within(result).getByRole("alert")).toHaveTextContent("cannot run git"),
    );
    expect(screen.queryByTestId("plan-dialog")).toBeNull();
  });

  it("speaks Chinese", async () => {
    i18n.set("zh-CN");
    const user = userEvent.setup();
    overview.mockResolvedValue(
      withHosts(hostWith({ kind: "nothing" }, GIT_HOST), hostWith({ kind: "app_helper" })),
    );
    vi.mocked(ipc.testAccess).mockResolvedValue(accessGitNoCredential());
    planGit.mockResolvedValue(gitHelperPlan(GIT_HOST));
    render(PrivatePage);
    await loaded();
    const row = hostRow(GIT_HOST);
    expect(within(row).getByTestId("host-git")).toHaveTextContent("git：无法登录——直接获取会失败");
    expect(within(hostRow("app-helper.example.com")).getByTestId("host-git")).toHaveTextContent(
      "git：使用本应用的系统钥匙串",
    );
    await user.click(within(row).getByTestId("git-helper-setup"));
    const dialog = await screen.findByTestId("plan-dialog");
    expect(dialog).toHaveTextContent(`git 将向本应用索取 ${GIT_HOST} 的令牌`);
    expect(dialog.querySelector(`[data-change-key="${KEY}"]`)).toHaveTextContent(`git 配置 ${KEY}`);
    expect(within(dialog).getByTestId("plan-apply")).toHaveTextContent("应用");
    expect(within(dialog).getByTestId("plan-cancel")).toHaveTextContent("取消");
    await user.click(within(dialog).getByTestId("plan-cancel"));

    await user.type(screen.getByTestId("access-input"), MODULE);
    await user.click(screen.getByTestId("access-run"));
    const result = await screen.findByTestId("access-result");
    expect(result).toHaveTextContent("Go 获取此模块时运行的 git 无法登录");
    expect(within(result).getByTestId("access-fix-git")).toHaveTextContent(
      `让 git 为 ${GIT_HOST} 使用系统钥匙串`,
    );
  });
});
