import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as ipc from "$lib/ipc";
import { i18n } from "$lib/i18n/i18n.svelte";
import { LOCALE_KEY, THEME_KEY } from "$lib/preferences";
import { theme } from "$lib/theme/theme.svelte";
import App from "./App.svelte";
import { detectionWithWarnings, historyEntries } from "./testing/fixtures";
import { privateOverview } from "./testing/privateFixtures";
import { bundlePreview } from "./testing/teamFixtures";
import { resetAppState } from "./testing/reset";
import { installMatchMedia } from "./testing/setup";

vi.mock("$lib/ipc", async (importOriginal) => ({
  ...(await importOriginal<typeof import("$lib/ipc")>()),
  detectEnvironment: vi.fn(),
  cjkFont: vi.fn(),
  listHistory: vi.fn(),
  listMirrors: vi.fn(),
  lastBenchmark: vi.fn(),
  privateOverview: vi.fn(),
  onBundleLink: vi.fn(),
  previewBundle: vi.fn(),
}));

beforeEach(() => {
  vi.resetAllMocks();
  resetAppState();
  localStorage.clear();
  installMatchMedia(false);
  theme.start();
  vi.mocked(ipc.detectEnvironment).mockResolvedValue(detectionWithWarnings());
  vi.mocked(ipc.onBundleLink).mockResolvedValue(() => {});
  vi.mocked(ipc.cjkFont).mockResolvedValue({ code: "present" });
  vi.mocked(ipc.listHistory).mockResolvedValue({ entries: historyEntries(), unreadable: [] });
  vi.mocked(ipc.listMirrors).mockResolvedValue([]);
  vi.mocked(ipc.lastBenchmark).mockResolvedValue(null);
  vi.mocked(ipc.privateOverview).mockResolvedValue(privateOverview());
});

describe("navigation", () => {
  it("opens the Doctor from an Overview finding it explains, focus on its title", async () => {
    const detection = detectionWithWarnings();
    detection.findings.push({
      code: "http_proxy_in_effect",
      severity: "info",
      message: "HTTPS_PROXY is set",
      params: { key: "HTTPS_PROXY", value: "http://127.0.0.1:3128" },
    });
    vi.mocked(ipc.detectEnvironment).mockResolvedValue(detection);
    render(App);
    await userEvent.click(await screen.findByTestId("diagnose-http_proxy_in_effect"));
    expect(await screen.findByTestId("page-doctor")).toBeInTheDocument();
    expect(screen.getByTestId("nav-doctor")).toHaveAttribute("aria-current", "page");
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByRole("heading", { level: 1 })),
    );
    // Findings the Doctor has no code for get no link.
    await userEvent.click(screen.getByTestId("nav-overview"));
    await screen.findByTestId("diagnose-http_proxy_in_effect");
    expect(screen.queryByTestId("diagnose-goproxy_no_fallback")).toBeNull();
  });

  it("opens on Overview and moves between pages", async () => {
    render(App);
    expect(screen.getByTestId("page-overview")).toBeInTheDocument();
    expect(screen.getByTestId("nav-overview")).toHaveAttribute("aria-current", "page");

    await userEvent.click(screen.getByTestId("nav-history"));
    expect(await screen.findByTestId("page-history")).toBeInTheDocument();
    expect(screen.queryByTestId("page-overview")).toBeNull();
    expect(screen.getByTestId("nav-history")).toHaveAttribute("aria-current", "page");
    expect(screen.getByTestId("nav-overview")).not.toHaveAttribute("aria-current");
    expect(document.activeElement).toBe(screen.getByRole("heading", { level: 1 }));
  });

  it("opens a goproxy-assistant:// link in the Team wizard from any page", async () => {
    let deliver: ((opened: ipc.LinkOpened) => void) | undefined;
    const unlisten = vi.fn();
    vi.mocked(ipc.onBundleLink).mockImplementation(async (handler) => {
      deliver = handler;
      return unlisten;
    });
    vi.mocked(ipc.previewBundle).mockResolvedValue(bundlePreview());
    const { unmount } = render(App);
    await waitFor(() => expect(deliver).toBeDefined());
    expect(screen.getByTestId("page-overview")).toBeInTheDocument();
    const url = "https://config.acme.example/team.toml";
    deliver!({ link: { url, sha256: "cd".repeat(32) } });
    expect(await screen.findByTestId("page-team")).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.getByTestId("team-wizard")).toHaveAttribute("data-step", "detect"),
    );
    expect(ipc.previewBundle).toHaveBeenCalledWith({ source: url, sha256: "cd".repeat(32) }, []);
    unmount();
    expect(unlisten).toHaveBeenCalled();
  });

  it("opens the Team page on the wizard's first step", async () => {
    render(App);
    await userEvent.click(screen.getByTestId("nav-team"));
    expect(await screen.findByTestId("page-team")).toBeInTheDocument();
    expect(screen.getByTestId("verdict")).toHaveTextContent("Open a team bundle");
    expect(screen.getByTestId("team-wizard")).toHaveAttribute("data-step", "open");
  });

  it("opens the Mirrors page with its primary action", async () => {
    render(App);
    await userEvent.click(screen.getByTestId("nav-mirrors"));
    expect(await screen.findByTestId("page-mirrors")).toBeInTheDocument();
    expect(screen.getByTestId("bench-run")).toHaveTextContent("Run benchmark");
    expect(ipc.listMirrors).toHaveBeenCalledTimes(1);
  });

  it("opens the Docker page with its primary action", async () => {
    render(App);
    await userEvent.click(screen.getByTestId("nav-docker"));
    expect(await screen.findByTestId("page-docker")).toBeInTheDocument();
    expect(screen.getByTestId("docker-copy-dockerfile")).toHaveTextContent("Copy Dockerfile");
    expect(screen.getByTestId("verdict")).not.toHaveTextContent("Coming soon");
  });

  it("opens the Private modules page with its primary action", async () => {
    render(App);
    await userEvent.click(screen.getByTestId("nav-private"));
    const page = await screen.findByTestId("page-private");
    await waitFor(() => expect(page).toHaveAttribute("data-loaded", "true"));
    expect(screen.getByTestId("access-run")).toHaveTextContent("Test access");
    expect(screen.getByTestId("verdict")).not.toHaveTextContent("Coming soon");
    expect(ipc.privateOverview).toHaveBeenCalledTimes(1);
  });

  it("detects once, not on every visit to Overview", async () => {
    render(App);
    await screen.findByTestId("finding-goproxy_no_fallback");
    await userEvent.click(screen.getByTestId("nav-team"));
    await userEvent.click(screen.getByTestId("nav-overview"));
    await screen.findByTestId("finding-goproxy_no_fallback");
    expect(ipc.detectEnvironment).toHaveBeenCalledTimes(1);
  });
});

describe("language switch", () => {
  it("switches the whole UI, sets <html lang> and remembers the choice", async () => {
    render(App);
    const select = screen.getByTestId("lang-switch");
    expect(select).toHaveValue("en");
    expect([...select.querySelectorAll("option")].map((option) => option.value)).toEqual([
      "en",
      "zh-CN",
    ]);

    await userEvent.selectOptions(select, "zh-CN");

    expect(screen.getByTestId("nav-history")).toHaveTextContent("历史记录");
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("概览");
    expect(document.documentElement.lang).toBe("zh-CN");
    expect(localStorage.getItem(LOCALE_KEY)).toBe("zh-CN");
  });

  it("says in both languages how to install a Chinese font when none is present", async () => {
    vi.mocked(ipc.cjkFont).mockResolvedValue({
      code: "missing",
      install: "sudo apt install fonts-noto-cjk",
    });
    render(App);
    // English needs no Chinese font: nothing asked, nothing shown.
    expect(ipc.cjkFont).not.toHaveBeenCalled();
    await userEvent.selectOptions(screen.getByTestId("lang-switch"), "zh-CN");
    const hint = await screen.findByTestId("cjk-font-hint");
    expect(hint.querySelector('[lang="en"]')).toHaveTextContent("No Chinese font is installed");
    expect(hint.querySelector('[lang="zh-CN"]')).toHaveTextContent("没有安装中文字体");
    expect(screen.getByTestId("cjk-font-install")).toHaveTextContent(
      "sudo apt install fonts-noto-cjk",
    );
    await userEvent.selectOptions(screen.getByTestId("lang-switch"), "en");
    expect(screen.queryByTestId("cjk-font-hint")).toBeNull();
  });

  it("shows no font hint when a Chinese font is present", async () => {
    render(App);
    await userEvent.selectOptions(screen.getByTestId("lang-switch"), "zh-CN");
    await waitFor(() => expect(ipc.cjkFont).toHaveBeenCalledTimes(1));
    expect(screen.queryByTestId("cjk-font-hint")).toBeNull();
  });

  it("starts from the stored choice, else from the system languages", () => {
    localStorage.setItem(LOCALE_KEY, "zh-CN");
    i18n.reload();
    expect(i18n.locale).toBe("zh-CN");

    localStorage.removeItem(LOCALE_KEY);
    const languages = vi.spyOn(navigator, "languages", "get").mockReturnValue(["zh-Hans-CN", "en"]);
    i18n.reload();
    expect(i18n.locale).toBe("zh-CN");

    languages.mockReturnValue(["de-DE"]);
    i18n.reload();
    expect(i18n.locale).toBe("en");

    localStorage.setItem(LOCALE_KEY, "klingon");
    i18n.reload();
    expect(i18n.locale).toBe("en");
  });
});

describe("theme switch", () => {
  it("follows the system until the user picks, then remembers the pick", async () => {
    installMatchMedia(true);
    theme.start();
    render(App);
    const select = screen.getByTestId("theme-switch");
    expect(select).toHaveValue("system");
    expect(document.documentElement.dataset.theme).toBe("dark");

    await userEvent.selectOptions(select, "light");
    expect(document.documentElement.dataset.theme).toBe("light");
    expect(localStorage.getItem(THEME_KEY)).toBe("light");

    // A restart reads the stored choice even though the system prefers dark.
    theme.start();
    expect(theme.choice).toBe("light");
    expect(document.documentElement.dataset.theme).toBe("light");
  });

  it("follows a change of the system setting while on System, not after a pick", () => {
    const system = installMatchMedia(false);
    theme.start();
    expect(document.documentElement.dataset.theme).toBe("light");
    system.change(true);
    expect(document.documentElement.dataset.theme).toBe("dark");

    theme.set("light");
    system.change(true);
    expect(document.documentElement.dataset.theme).toBe("light");
  });

  it("falls back to the system setting for a missing or unknown stored value", () => {
    installMatchMedia(false);
    localStorage.setItem(THEME_KEY, "sepia");
    theme.start();
    expect(theme.choice).toBe("system");
    expect(document.documentElement.dataset.theme).toBe("light");
  });
});
