import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { BenchEvent } from "$lib/bindings/BenchEvent";
import type { BenchReport } from "$lib/bindings/BenchReport";
import type { Plan } from "$lib/bindings/Plan";
import * as ipc from "$lib/ipc";
import { i18n } from "$lib/i18n/i18n.svelte";
import ToastHost from "$lib/components/ToastHost.svelte";
import { GOENV_PATH, appliedProxyFallback, envPreview } from "../../testing/fixtures";
import {
  BAD,
  CORP,
  FAST,
  benchReport,
  fastResult,
  mirrorEntries,
} from "../../testing/mirrorFixtures";
import { resetAppState } from "../../testing/reset";
import { benchmark } from "./benchmark.svelte";
import MirrorsPage from "./MirrorsPage.svelte";

vi.mock("$lib/ipc", async (importOriginal) => ({
  ...(await importOriginal<typeof import("$lib/ipc")>()),
  detectEnvironment: vi.fn(),
  applyEnvChange: vi.fn(),
  undoChange: vi.fn(),
  listMirrors: vi.fn(),
  addMirror: vi.fn(),
  removeMirror: vi.fn(),
  runBenchmark: vi.fn(),
  cancelBenchmark: vi.fn(),
  lastBenchmark: vi.fn(),
  planUseMirrors: vi.fn(),
}));

const list = vi.mocked(ipc.listMirrors);
const last = vi.mocked(ipc.lastBenchmark);
const run = vi.mocked(ipc.runBenchmark);
const cancel = vi.mocked(ipc.cancelBenchmark);
const planUse = vi.mocked(ipc.planUseMirrors);
const apply = vi.mocked(ipc.applyEnvChange);
const add = vi.mocked(ipc.addMirror);

const OPS: Plan["ops"] = [
  { op: "set", key: "GOPROXY", value: `${FAST}|${CORP},direct` },
  { op: "set", key: "GOSUMDB", value: "sum.golang.google.cn" },
];
const PLAN: Plan = {
  file: GOENV_PATH,
  ops: OPS,
  preview: envPreview(OPS, [
    {
      kind: "go_env",
      key: "GOPROXY",
      old: "https://proxy.golang.org,direct",
      new: `${FAST}|${CORP},direct`,
    },
  ]),
  warnings: [
    {
      code: "env_overrides_file",
      key: "GOPROXY",
      env_value: "https://goproxy.io",
      message: "x",
      set_in: ["/home/u/.bashrc", "/home/u/.profile"],
    },
  ],
};

/** Starts a run whose events the test sends itself; `finish` resolves it with a report. */
function controlledRun() {
  const control: {
    send: (event: BenchEvent) => void;
    finish: (report: BenchReport) => void;
    runId: string;
  } = { send: () => {}, finish: () => {}, runId: "" };
  run.mockImplementation(
    (runId, _options, onEvent) =>
      new Promise<BenchReport>((resolve) => {
        control.runId = runId;
        control.send = onEvent;
        control.finish = resolve;
      }),
  );
  return control;
}

function row(url: string): HTMLElement {
  const found = screen
    .getAllByTestId("mirror-row")
    .find((el) => el.getAttribute("data-mirror-url") === url);
  if (!found) throw new Error(`no row for ${url}`);
  return found;
}

beforeEach(() => {
  vi.resetAllMocks();
  resetAppState();
  list.mockResolvedValue(mirrorEntries());
  last.mockResolvedValue(null);
  vi.mocked(ipc.detectEnvironment).mockReturnValue(new Promise(() => {}));
});

describe("Mirrors page", () => {
  it("fills rows in live from the channel, then shows the ranking and the recommendation", async () => {
    const user = userEvent.setup();
    const control = controlledRun();
    render(MirrorsPage);
    await waitFor(() => expect(screen.getAllByTestId("mirror-row")).toHaveLength(3));
    expect(screen.getByTestId("verdict")).toHaveTextContent("Not measured yet");

    await user.click(screen.getByTestId("bench-run"));
    control.send({
      event: "started",
      mirrors: [
        { name: "goproxy.cn", url: FAST },
        { name: "corp", url: CORP },
      ],
      planned_requests: 20,
      deadline_ms: 10000,
    });
    control.send({
      event: "probe",
      mirror: "goproxy.cn",
      kind: "info",
      timings: {
        connect: { dns_ms: 3, connect_ms: 12, tls_ms: 20 },
        ttfb_ms: 35,
        total_ms: 38,
        bytes: 90,
      },
    });
    control.send({
      event: "probe",
      mirror: "corp",
      kind: "list",
      error: { class: "http_status", code: 502, message: "ENGLISH" },
    });
    control.send({ event: "progress", done: 5, planned: 20 });
    await waitFor(() => expect(screen.getByTestId("bench-progress")).toHaveAttribute("value", "5"));
    expect(screen.getByRole("status")).toHaveTextContent("5 of 20 requests done");
    expect(screen.getByTestId("verdict")).toHaveTextContent("Measuring 2 mirrors");
    expect(screen.getByTestId("bench-cancel")).toBeInTheDocument();
    expect(screen.queryByTestId("bench-run")).toBeNull();
    expect(row(FAST)).toHaveTextContent("DNS 3.0 · connect 12 · TLS 20 · first byte 35");
    expect(row(FAST)).toHaveAttribute("data-state", "measuring");
    expect(row(CORP)).toHaveTextContent("HTTP 502");
    expect(row(BAD)).toHaveAttribute("data-state", "idle");

    control.send({ event: "mirror_done", result: fastResult() });
    await waitFor(() => expect(row(FAST)).toHaveAttribute("data-state", "done"));
    expect(row(FAST)).toHaveTextContent("38 / 65 ms");

    control.finish(benchReport());
    await waitFor(() => expect(screen.getByTestId("bench-run")).toBeInTheDocument());
    expect(screen.queryByTestId("bench-progress")).toBeNull();
    expect(screen.getByTestId("verdict")).toHaveTextContent(
      "goproxy.cn is fastest from here: 38 ms",
    );
    expect(screen.getByTestId("verdict")).toHaveTextContent("measured");
    expect(row(FAST)).toHaveTextContent("#1");
    expect(row(FAST)).toHaveTextContent("Its speed is set by download throughput.");
    expect(row(CORP)).toHaveTextContent("timed out waiting for the first byte ×1");
    expect(row(BAD)).toHaveTextContent("Not usable: unreachable from here");
    expect(within(row(BAD)).getByTestId("mirror-use")).toBeDisabled();
    expect(screen.getByTestId("recommended-goproxy")).toHaveTextContent(`${FAST}|${CORP},direct`);
    expect(screen.getByTestId("latency-chart")).toHaveAttribute(
      "aria-label",
      expect.stringContaining("goproxy.cn: p50 38 ms"),
    );
    expect(document.body).not.toHaveTextContent("ENGLISH");
  });

  it("cancels the run it started", async () => {
    const user = userEvent.setup();
    const control = controlledRun();
    cancel.mockResolvedValue(true);
    render(MirrorsPage);
    await user.click(await screen.findByTestId("bench-run"));
    await user.click(await screen.findByTestId("bench-cancel"));
    expect(cancel).toHaveBeenCalledWith(control.runId);
    expect(control.runId).toMatch(/^run-/);
    expect(screen.getByTestId("bench-cancel")).toHaveTextContent("Cancelling…");
    control.finish({ ...benchReport(), cancelled: true });
    await waitFor(() => expect(screen.getByTestId("bench-run")).toBeInTheDocument());
    expect(screen.getByTestId("verdict")).toHaveTextContent("Benchmark cancelled");
  });

  it("shows the plan for the recommendation, applies it and offers undo", async () => {
    const user = userEvent.setup();
    last.mockResolvedValue({ saved_at_ms: 1, report: benchReport() });
    planUse.mockResolvedValue(PLAN);
    apply.mockResolvedValue(appliedProxyFallback());
    render(ToastHost);
    render(MirrorsPage);

    await user.click(await screen.findByTestId("use-recommended"));
    expect(planUse).toHaveBeenCalledWith({
      mirrors: [FAST, CORP, "direct"],
      failover: true,
      gosumdb: "sum.golang.google.cn",
    });
    const dialog = await screen.findByTestId("plan-dialog");
    expect(dialog).toHaveTextContent(`${FAST}|${CORP},direct`);
    expect(within(dialog).getByTestId("plan-warning")).toHaveTextContent(
      "GOPROXY is also set in the environment",
    );
    const fix = within(dialog).getByTestId("plan-warning-fix");
    expect(fix).toHaveTextContent(
      "To fix it: remove the line that sets GOPROXY from /home/u/.bashrc, /home/u/.profile, then open a new terminal and restart the app.",
    );
    expect([...fix.querySelectorAll("code")].map((c) => c.textContent)).toEqual([
      "/home/u/.bashrc",
      "/home/u/.profile",
    ]);
    expect(apply).not.toHaveBeenCalled();
    await user.click(screen.getByTestId("plan-apply"));
    expect(apply).toHaveBeenCalledWith(PLAN.ops);
    await screen.findByTestId("toast-undo");
    expect(screen.queryByTestId("plan-dialog")).toBeNull();
  });

  it("tells the generic fix when no start-up file is known, in Chinese too", async () => {
    const user = userEvent.setup();
    last.mockResolvedValue({ saved_at_ms: 1, report: benchReport() });
    const warning = { ...PLAN.warnings[0]!, set_in: [] };
    planUse.mockResolvedValue({ ...PLAN, warnings: [warning] });
    render(MirrorsPage);
    await user.click(await screen.findByTestId("use-recommended"));
    const fix = within(await screen.findByTestId("plan-dialog")).getByTestId("plan-warning-fix");
    expect(fix).toHaveTextContent("To fix it: remove GOPROXY from where it is set");
    expect(fix).toHaveTextContent("then open a new terminal and restart the app.");
    expect(fix.querySelector("code")).toBeNull();

    i18n.set("zh-CN");
    planUse.mockResolvedValue(PLAN);
    await user.click(screen.getByTestId("plan-cancel"));
    await user.click(await screen.findByTestId("use-recommended"));
    const zh = within(await screen.findByTestId("plan-dialog")).getByTestId("plan-warning-fix");
    expect(zh).toHaveTextContent(
      "解决方法：从 /home/u/.bashrc、/home/u/.profile 中删除设置 GOPROXY 的那一行，然后打开新的终端并重启本应用。",
    );
  });

  it("benchmarks the project folder typed in, remembers it, and shows its error under it", async () => {
    const user = userEvent.setup();
    run.mockRejectedValueOnce({
      code: "invalid_input",
      field: "project",
      message: "/src/none has no go.mod: give the root folder of a Go module",
    });
    const first = render(MirrorsPage);
    await waitFor(() => expect(screen.getByTestId("bench-run")).toBeEnabled());
    await user.type(screen.getByTestId("bench-project"), "  /src/none ");
    await user.click(screen.getByTestId("bench-run"));
    expect(run).toHaveBeenCalledWith(
      expect.stringMatching(/^run-/),
      { mirrors: [], modules: [], no_direct: false, project: "/src/none" },
      expect.any(Function),
    );
    await waitFor(() =>
      expect(screen.getByTestId("field-error-project")).toHaveTextContent(
        "Use the full path of an existing folder that holds a go.mod. /src/none has no go.mod",
      ),
    );
    expect(screen.getByTestId("bench-project")).toHaveAttribute("aria-invalid", "true");
    expect(screen.queryByRole("alert")).toBeNull();
    expect(localStorage.getItem("goproxy-assistant.bench-project")).toBe("/src/none");

    // A fresh start reads the folder back; a fixed folder clears the error.
    first.unmount();
    resetAppState();
    expect(benchmark.project).toBe("/src/none");
    render(MirrorsPage);
    expect(screen.getByTestId("bench-project")).toHaveValue("/src/none");
    await waitFor(() => expect(screen.getByTestId("bench-run")).toBeEnabled());
    run.mockResolvedValueOnce(benchReport());
    await user.click(screen.getByTestId("bench-run"));
    expect(run).toHaveBeenLastCalledWith(
      expect.any(String),
      expect.objectContaining({ project: "/src/none" }),
      expect.any(Function),
    );
    await waitFor(() => expect(screen.getByTestId("bench-run")).toBeEnabled());
    expect(screen.getByTestId("field-error-project").textContent?.trim()).toBe("");

    // Cleared: no project in the options at all.
    await user.clear(screen.getByTestId("bench-project"));
    run.mockResolvedValueOnce(benchReport());
    await user.click(screen.getByTestId("bench-run"));
    expect(run.mock.lastCall?.[1]).toEqual({ mirrors: [], modules: [], no_direct: false });
  });

  it("uses one mirror with direct after it, from its row", async () => {
    const user = userEvent.setup();
    last.mockResolvedValue({ saved_at_ms: 1, report: benchReport() });
    planUse.mockResolvedValue(PLAN);
    render(MirrorsPage);
    await waitFor(() => expect(row(CORP)).toHaveAttribute("data-state", "done"));
    await user.click(within(row(CORP)).getByTestId("mirror-use"));
    expect(planUse).toHaveBeenCalledWith({
      mirrors: [CORP, "direct"],
      failover: false,
      gosumdb: "sum.golang.google.cn",
    });
  });

  it("shows add-mirror errors under the field they concern", async () => {
    const user = userEvent.setup();
    render(MirrorsPage);
    await user.click(screen.getByTestId("mirror-add-submit"));
    expect(screen.getByTestId("field-error-name")).toHaveTextContent("Required.");
    expect(screen.getByTestId("mirror-add-name")).toHaveAttribute("aria-invalid", "true");
    expect(add).not.toHaveBeenCalled();

    add.mockRejectedValue({
      code: "invalid_input",
      field: "url",
      message: "ftp://x: the scheme must be https or http",
    });
    await user.type(screen.getByTestId("mirror-add-name"), "corp2");
    await user.type(screen.getByTestId("mirror-add-url"), "ftp://x");
    await user.click(screen.getByTestId("mirror-add-submit"));
    expect(add).toHaveBeenCalledWith({ name: "corp2", url: "ftp://x" });
    await waitFor(() =>
      expect(screen.getByTestId("field-error-url")).toHaveTextContent("Use an https://"),
    );
    expect(screen.getByTestId("mirror-add-url")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByTestId("field-error-name").textContent?.trim()).toBe("");
  });

  it("in Chinese words a rejected field in Chinese, with Rust's English only in collapsed details", async () => {
    const user = userEvent.setup();
    i18n.set("zh-CN");
    const message =
      'url "ftp://x": unsupported scheme "ftp": a Go module proxy is reached over https://';
    add.mockRejectedValue({ code: "invalid_input", field: "url", message });
    render(MirrorsPage);
    await user.type(screen.getByTestId("mirror-add-name"), "corp2");
    await user.type(screen.getByTestId("mirror-add-url"), "ftp://x");
    await user.click(screen.getByTestId("mirror-add-submit"));
    const fieldError = await screen.findByTestId("field-error-url");
    await waitFor(() => expect(fieldError.textContent).toMatch(/\p{Script=Han}/u));
    expect(fieldError.textContent).not.toContain("unsupported");
    const details = screen.getByTestId("error-details") as HTMLDetailsElement;
    expect(details.open).toBe(false);
    expect(details).toHaveTextContent("技术细节");
    expect(details).toHaveTextContent(message);
  });

  it("adds a mirror with its CA file and lists again", async () => {
    const user = userEvent.setup();
    add.mockResolvedValue(appliedProxyFallback());
    render(ToastHost);
    render(MirrorsPage);
    await waitFor(() => expect(list).toHaveBeenCalledTimes(1));
    await user.type(screen.getByTestId("mirror-add-name"), "corp2");
    await user.type(screen.getByTestId("mirror-add-url"), "https://m.example");
    await user.type(screen.getByTestId("mirror-add-ca-file"), "/etc/ca.pem");
    await user.click(screen.getByTestId("mirror-add-submit"));
    expect(add).toHaveBeenCalledWith({
      name: "corp2",
      url: "https://m.example",
      ca_file: "/etc/ca.pem",
    });
    await screen.findByTestId("toast-undo");
    await waitFor(() => expect(list).toHaveBeenCalledTimes(2));
    expect(screen.getByTestId("mirror-add-name")).toHaveValue("");
  });

  it("speaks Chinese from codes, never from Rust's English", async () => {
    i18n.set("zh-CN");
    last.mockResolvedValue({ saved_at_ms: 1, report: benchReport() });
    render(MirrorsPage);
    await waitFor(() => expect(row(BAD)).toHaveTextContent("不可用：从这里无法访问"));
    expect(screen.getByTestId("verdict")).toHaveTextContent("从这里 goproxy.cn 最快：38 毫秒");
    expect(row(CORP)).toHaveTextContent("等待首字节超时 ×1");
    expect(screen.getByTestId("use-recommended")).toHaveTextContent("使用推荐设置");
    expect(screen.getByTestId("bench-run")).toHaveTextContent("开始测速");
    expect(document.body).not.toHaveTextContent("ENGLISH");
  });
});
