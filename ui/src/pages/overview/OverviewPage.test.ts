import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as ipc from "$lib/ipc";
import { i18n } from "$lib/i18n/i18n.svelte";
import ToastHost from "$lib/components/ToastHost.svelte";
import {
  GOENV_PATH,
  appliedProxyFallback,
  proxyFallbackEntry,
  detectionWithWarnings,
  detectionWithoutGo,
  planForProxyFallback,
} from "../../testing/fixtures";
import { resetAppState } from "../../testing/reset";
import { navigation } from "$lib/state/navigation.svelte";
import OverviewPage from "./OverviewPage.svelte";

vi.mock("$lib/ipc", async (importOriginal) => ({
  ...(await importOriginal<typeof import("$lib/ipc")>()),
  detectEnvironment: vi.fn(),
  planEnvChange: vi.fn(),
  applyEnvChange: vi.fn(),
  listHistory: vi.fn(),
  undoChange: vi.fn(),
}));

const detect = vi.mocked(ipc.detectEnvironment);
const plan = vi.mocked(ipc.planEnvChange);
const apply = vi.mocked(ipc.applyEnvChange);
const undo = vi.mocked(ipc.undoChange);

function renderOverview() {
  render(ToastHost);
  return render(OverviewPage);
}

beforeEach(() => {
  vi.resetAllMocks();
  resetAppState();
});

describe("Overview", () => {
  it("shows the verdict, installations, settings with sources, and findings", async () => {
    detect.mockResolvedValue(detectionWithWarnings());
    renderOverview();

    const verdict = screen.getByTestId("verdict");
    await waitFor(() =>
      expect(verdict).toHaveTextContent("GOPROXY points to goproxy.cn; 2 warnings"),
    );
    expect(verdict).toHaveAttribute("data-tone", "attention");
    expect(verdict).toHaveTextContent("Needs attention");

    const installations = screen.getAllByTestId("installation");
    expect(installations).toHaveLength(2);
    expect(installations[0]).toHaveTextContent("go1.27.3");
    expect(installations[0]).toHaveTextContent("Active: your shell runs this go");
    expect(installations[0]).toHaveTextContent("PATH, Usual install place");
    expect(installations[0]).toHaveTextContent("/usr/local/go/bin/go");
    expect(installations[1]).toHaveTextContent("/usr/lib/go-1.19/bin/go");
    expect(installations[1]).not.toHaveTextContent("Active");

    expect(screen.getByTestId("setting-value-GOPROXY")).toHaveTextContent("https://goproxy.cn");
    const proxySource = screen.getByTestId("setting-source-GOPROXY");
    expect(proxySource).toHaveAttribute("data-source", "goenv_file");
    expect(proxySource).toHaveTextContent(`GOENV file (${GOENV_PATH})`);

    const sumdbRow = screen.getByTestId("setting-row-GOSUMDB");
    expect(screen.getByTestId("setting-source-GOSUMDB")).toHaveTextContent("Environment");
    expect(sumdbRow).toHaveTextContent("GOENV file: sum.golang.google.cn");
    expect(sumdbRow).toHaveTextContent("$GOROOT/go.env: sum.golang.org");
    expect(sumdbRow).not.toHaveTextContent("Environment: off");

    expect(screen.getByTestId("setting-source-GONOPROXY")).toHaveTextContent(
      "Default (derived from GOPRIVATE)",
    );
    expect(screen.getByTestId("setting-source-GOTOOLCHAIN")).toHaveAttribute(
      "data-source",
      "goroot_go_env",
    );
    expect(screen.getByTestId("setting-value-GOFLAGS")).toHaveTextContent("(empty)");
    expect(screen.getByRole("columnheader", { name: "Effective value" })).toBeInTheDocument();

    const noFallback = screen.getByTestId("finding-goproxy_no_fallback");
    expect(noFallback).toHaveTextContent("Warning");
    expect(noFallback).toHaveTextContent("GOPROXY has no fallback");
    expect(noFallback).toHaveTextContent("https://goproxy.cn is the only source");
    expect(within(noFallback).getByText("Learn more")).toBeInTheDocument();
    expect(screen.getByTestId("fix-goproxy_no_fallback")).toBeEnabled();

    const override = screen.getByTestId("finding-env_overrides_file");
    expect(override).toHaveTextContent("GOSUMDB from the environment overrides the GOENV file");
    expect(override).toHaveTextContent("sum.golang.google.cn");
    // A manual fix has no Fix button.
    expect(screen.queryByTestId("fix-env_overrides_file")).toBeNull();

    expect(screen.getByTestId("finding-multiple_installations")).toHaveTextContent(
      "Your shell runs /usr/local/go/bin/go (go1.27.3)",
    );
  });

  it("builds finding texts from code and params, never from the English message", async () => {
    const detection = detectionWithWarnings();
    for (const finding of detection.findings) finding.message = "MESSAGE-NOT-SHOWN";
    detect.mockResolvedValue(detection);
    i18n.set("zh-CN");
    renderOverview();

    const finding = await screen.findByTestId("finding-goproxy_no_fallback");
    expect(finding).toHaveTextContent("GOPROXY 没有备用源");
    expect(finding).toHaveTextContent("警告");
    expect(screen.getByTestId("verdict")).toHaveTextContent("GOPROXY 指向 goproxy.cn；2 个警告");
    expect(screen.getByTestId("setting-source-GOSUMDB")).toHaveTextContent("环境变量");
    expect(document.body).not.toHaveTextContent("MESSAGE-NOT-SHOWN");
  });

  it("links the findings the Doctor can explain to it, in Chinese too", async () => {
    const detection = detectionWithWarnings();
    detection.findings.push({
      code: "goproxy_off",
      severity: "error",
      key: "GOPROXY",
      message: "GOPROXY=off: go downloads nothing.",
      params: { key: "GOPROXY", value: "off" },
      fix: { kind: "manual", hint: "Unset GOPROXY." },
    });
    detect.mockResolvedValue(detection);
    i18n.set("zh-CN");
    renderOverview();

    const diagnose = await screen.findByTestId("diagnose-goproxy_off");
    expect(diagnose).toHaveTextContent("用“诊断”排查");
    // The Doctor explains no failure that a missing fallback or an override causes.
    expect(screen.queryByTestId("diagnose-goproxy_no_fallback")).toBeNull();
    expect(screen.queryByTestId("diagnose-env_overrides_file")).toBeNull();
    await userEvent.click(diagnose);
    expect(navigation.page).toBe("doctor");
  });

  it("words why no GOENV file is in use from its code", async () => {
    const detection = detectionWithWarnings();
    detection.goenv = {
      from_env: false,
      exists: false,
      unavailable_reason: { code: "relative", var: "$XDG_CONFIG_HOME" },
    };
    detect.mockResolvedValue(detection);
    i18n.set("zh-CN");
    renderOverview();
    await waitFor(() =>
      expect(screen.getByTestId("goenv-file")).toHaveTextContent(
        "未使用 GOENV 文件：$XDG_CONFIG_HOME 中的路径是相对路径",
      ),
    );
  });

  it("says plainly when Go is not found and how to install it", async () => {
    detect.mockResolvedValue(detectionWithoutGo());
    renderOverview();

    await waitFor(() => expect(screen.getByTestId("verdict")).toHaveTextContent("Go not found"));
    expect(screen.getByTestId("verdict")).toHaveAttribute("data-tone", "problem");
    expect(screen.getByTestId("go-missing")).toHaveTextContent("go.dev/dl");
    expect(screen.queryAllByTestId("installation")).toHaveLength(0);
    expect(screen.getByTestId("finding-go_not_found")).toHaveTextContent("Error");
  });

  it("shows a detection failure as an alert with the localised code and the message", async () => {
    detect.mockRejectedValue({ code: "external", message: "go env -json: exit status 2" });
    renderOverview();

    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("A program the app runs (go, git), or the app itself, failed.");
    expect(alert).toHaveTextContent("go env -json: exit status 2");
    expect(screen.getByTestId("verdict")).toHaveTextContent("Could not check your Go environment");
    expect(screen.getByTestId("verdict")).toHaveAttribute("data-tone", "problem");
  });

  it("paints a skeleton first, detects after it, and detects again on Refresh", async () => {
    let finish: (value: ReturnType<typeof detectionWithWarnings>) => void = () => {};
    detect.mockReturnValueOnce(new Promise((resolve) => (finish = resolve)));
    renderOverview();

    // The first frame: the skeleton; detection (go) starts only after it is painted.
    expect(screen.getByTestId("overview-skeleton")).toHaveTextContent(
      "Checking your Go environment…",
    );
    expect(detect).not.toHaveBeenCalled();
    const refresh = screen.getByTestId("refresh");
    await waitFor(() => expect(refresh).toBeDisabled());
    expect(document.documentElement).toHaveAttribute("data-first-paint-epoch-ms");
    expect(refresh).toHaveTextContent("Refreshing…");
    expect(screen.getByTestId("verdict")).toHaveTextContent("Checking your Go environment…");
    finish(detectionWithWarnings());
    await waitFor(() => expect(refresh).toBeEnabled());
    expect(screen.queryByTestId("overview-skeleton")).toBeNull();

    detect.mockResolvedValueOnce(detectionWithoutGo());
    await userEvent.click(refresh);
    await waitFor(() => expect(screen.getByTestId("verdict")).toHaveTextContent("Go not found"));
    expect(detect).toHaveBeenCalledTimes(2);
  });
});

describe("Fix → plan → apply → undo", () => {
  const fixOps = [{ op: "set", key: "GOPROXY", value: "https://goproxy.cn,direct" }];

  async function openPlan() {
    detect.mockResolvedValue(detectionWithWarnings());
    plan.mockResolvedValue(planForProxyFallback());
    renderOverview();
    await userEvent.click(await screen.findByTestId("fix-goproxy_no_fallback"));
    return screen.findByTestId("plan-dialog");
  }

  it("shows the plan before writing anything", async () => {
    const dialog = await openPlan();

    expect(plan).toHaveBeenCalledWith(fixOps);
    expect(apply).not.toHaveBeenCalled();
    expect(dialog).toHaveAttribute("open");
    expect(screen.getByRole("dialog", { name: "Review the change" })).toBe(dialog);
    expect(dialog).toHaveTextContent(GOENV_PATH);
    const row = within(dialog).getByRole("row", { name: /GOPROXY/ });
    expect(row).toHaveTextContent("https://goproxy.cn");
    expect(row).toHaveTextContent("https://goproxy.cn,direct");
  });

  it("applies, offers Undo, re-detects, and Undo reverts that entry", async () => {
    await openPlan();
    const entry = proxyFallbackEntry();
    apply.mockResolvedValue(appliedProxyFallback());
    undo.mockResolvedValue({ ...entry, undone_at_ms: entry.time_ms + 1000 });

    await userEvent.click(screen.getByTestId("plan-apply"));

    expect(apply).toHaveBeenCalledWith(fixOps);
    await waitFor(() => expect(screen.queryByTestId("plan-dialog")).toBeNull());
    const toast = await screen.findByTestId("toast");
    expect(toast).toHaveTextContent(`Changed GOPROXY in ${GOENV_PATH}.`);
    await waitFor(() => expect(detect).toHaveBeenCalledTimes(2));

    await userEvent.click(screen.getByTestId("toast-undo"));

    expect(undo).toHaveBeenCalledWith(entry.id);
    await waitFor(() => expect(screen.getByTestId("toast")).toHaveTextContent("Change undone."));
    expect(screen.queryByTestId("toast-undo")).toBeNull();
    await waitFor(() => expect(detect).toHaveBeenCalledTimes(3));
  });

  it("writes nothing on Cancel", async () => {
    await openPlan();
    await userEvent.click(screen.getByTestId("plan-cancel"));

    expect(screen.queryByTestId("plan-dialog")).toBeNull();
    expect(apply).not.toHaveBeenCalled();
    expect(screen.getByTestId("fix-goproxy_no_fallback")).toBeEnabled();
  });

  it("keeps the dialog open with the error when applying fails", async () => {
    await openPlan();
    apply.mockRejectedValue({ code: "conflict", message: "the GOENV file changed meanwhile" });

    await userEvent.click(screen.getByTestId("plan-apply"));

    const dialog = screen.getByTestId("plan-dialog");
    const alert = await within(dialog).findByRole("alert");
    expect(alert).toHaveTextContent("The file changed after this change was made");
    expect(alert).toHaveTextContent("the GOENV file changed meanwhile");
    expect(screen.queryByTestId("toast")).toBeNull();
  });

  it("shows a planning failure on the page and opens no dialog", async () => {
    detect.mockResolvedValue(detectionWithWarnings());
    plan.mockRejectedValue({
      code: "goenv_unavailable",
      message: "GOENV=off: go env -w is disabled",
      field: "GOENV",
    });
    renderOverview();
    await userEvent.click(await screen.findByTestId("fix-goproxy_no_fallback"));

    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("The GOENV file cannot be used");
    expect(alert).toHaveTextContent("GOENV=off: go env -w is disabled");
    expect(alert).toHaveTextContent("Concerns: GOENV");
    expect(screen.queryByTestId("plan-dialog")).toBeNull();
  });
});
