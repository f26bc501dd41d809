import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { DoctorReport } from "$lib/bindings/DoctorReport";
import type { EndpointCheck } from "$lib/bindings/EndpointCheck";
import type { Plan } from "$lib/bindings/Plan";
import * as ipc from "$lib/ipc";
import { i18n } from "$lib/i18n/i18n.svelte";
import { GOENV_PATH, appliedProxyFallback, envPreview } from "../../testing/fixtures";
import {
  FORBIDDEN_LOG,
  FORBIDDEN_PROXY,
  GOOD_PROXY,
  SUMDB,
  forbiddenExplanation,
  forbiddenFinding,
  mismatchFinding,
  settledEndpoints,
} from "../../testing/doctorFixtures";
import { resetAppState } from "../../testing/reset";
import { doctor } from "./doctor.svelte";
import { parseTimeout, projectRun } from "./projectRun.svelte";
import DoctorPage from "./DoctorPage.svelte";

vi.mock("$lib/ipc", async (importOriginal) => ({
  ...(await importOriginal<typeof import("$lib/ipc")>()),
  detectEnvironment: vi.fn(),
  planEnvChange: vi.fn(),
  applyEnvChange: vi.fn(),
  checkEndpoints: vi.fn(),
  explainLog: vi.fn(),
  runDoctorProject: vi.fn(),
  cancelDoctorRun: vi.fn(),
}));

const check = vi.mocked(ipc.checkEndpoints);
const explain = vi.mocked(ipc.explainLog);
const plan = vi.mocked(ipc.planEnvChange);
const apply = vi.mocked(ipc.applyEnvChange);
const runProject = vi.mocked(ipc.runDoctorProject);
const cancelRun = vi.mocked(ipc.cancelDoctorRun);

/** A check whose progress the test sends itself; `finish` resolves it. */
function controlledCheck() {
  const control = {
    send: (_: EndpointCheck) => {},
    finish: (_: DoctorReport) => {},
  };
  check.mockImplementation(
    (onCheck) =>
      new Promise<DoctorReport>((resolve) => {
        control.send = onCheck;
        control.finish = resolve;
      }),
  );
  return control;
}

function row(url: string): HTMLElement {
  const found = screen
    .getAllByTestId("endpoint-row")
    .find((el) => el.getAttribute("data-url") === url);
  if (!found) throw new Error(`no row for ${url}`);
  return found;
}

function step(url: string, name: string): HTMLElement {
  const found = row(url).querySelector<HTMLElement>(`[data-step="${name}"]`);
  if (!found) throw new Error(`no ${name} step for ${url}`);
  return found;
}

beforeEach(() => {
  vi.resetAllMocks();
  resetAppState();
  vi.mocked(ipc.detectEnvironment).mockReturnValue(new Promise(() => {}));
});

describe("Doctor page", () => {
  it("fills the endpoint checklist in live, step by step, then gives the verdict", async () => {
    const user = userEvent.setup();
    const control = controlledCheck();
    render(DoctorPage);
    expect(screen.getByTestId("verdict")).toHaveTextContent(i18n.m.doctor.verdictIdle);

    await user.click(screen.getByTestId("doctor-check"));
    expect(screen.getByTestId("doctor-check")).toBeDisabled();
    const [good, forbidden, sumdb] = settledEndpoints() as [
      EndpointCheck,
      EndpointCheck,
      EndpointCheck,
    ];
    control.send({ ...good, ok: false, running: true, steps: good.steps.slice(0, 2) });
    await waitFor(() => expect(row(GOOD_PROXY)).toHaveAttribute("data-state", "checking"));
    expect(step(GOOD_PROXY, "tcp")).toHaveAttribute("data-state", "ok");
    expect(step(GOOD_PROXY, "tcp")).toHaveTextContent("Connect 12 ms");
    expect(step(GOOD_PROXY, "tls")).toHaveAttribute("data-state", "pending");
    expect(screen.getByTestId("verdict")).toHaveTextContent("Checking 1 endpoint…");

    control.send(good);
    control.send(forbidden);
    await waitFor(() => expect(row(FORBIDDEN_PROXY)).toHaveAttribute("data-state", "failed"));
    expect(row(GOOD_PROXY)).toHaveAttribute("data-state", "ok");
    expect(row(GOOD_PROXY)).toHaveTextContent("relays the checksum database");
    expect(step(FORBIDDEN_PROXY, "http")).toHaveTextContent("HTTP 403");
    expect(step(FORBIDDEN_PROXY, "http")).toHaveTextContent("The proxy refused access (403)");

    control.finish({ endpoints: [good, forbidden, sumdb], findings: [forbiddenFinding()] });
    await waitFor(() => expect(screen.getByTestId("doctor-check")).toBeEnabled());
    expect(row(SUMDB)).toHaveTextContent("Checksum database");
    expect(step(SUMDB, "tcp")).toHaveTextContent("The host did not answer in time");
    expect(step(SUMDB, "tls")).toHaveAttribute("data-state", "skipped");
    expect(screen.getByTestId("verdict")).toHaveTextContent("2 of 3 endpoints unreachable");
    expect(screen.getByTestId("verdict")).toHaveAttribute("data-tone", "problem");
    const finding = within(screen.getByTestId("check-findings")).getByTestId("doctor-finding");
    expect(finding).toHaveAttribute("data-code", "proxy.forbidden");
    expect(within(finding).getByTestId("finding-apply-fix")).toBeEnabled();
  });

  it("explains pasted go output: finding by code, host, modules, log lines, fix", async () => {
    const user = userEvent.setup();
    explain.mockResolvedValue(forbiddenExplanation());
    render(DoctorPage);
    await user.click(screen.getByTestId("log-explain"));
    expect(screen.getByTestId("log-problem")).toHaveTextContent("Paste some go output first.");
    expect(explain).not.toHaveBeenCalled();

    await fireEvent.input(screen.getByTestId("log-input"), { target: { value: FORBIDDEN_LOG } });
    await user.click(screen.getByTestId("log-explain"));
    expect(explain).toHaveBeenCalledWith(FORBIDDEN_LOG);
    const finding = await screen.findByTestId("doctor-finding");
    expect(finding).toHaveAttribute("data-code", "proxy.forbidden");
    expect(finding).toHaveTextContent("The proxy refused access (403)");
    expect(within(finding).getByTestId("finding-host")).toHaveTextContent(
      "goproxy.corp.example.com",
    );
    expect(within(finding).getByTestId("finding-modules")).toHaveTextContent(
      "example.com/hello@v1.0.0, example.com/other@v1.2.0",
    );
    const lines = within(finding).getByTestId("finding-lines");
    expect(lines).toHaveTextContent("line 2");
    expect(lines).toHaveTextContent("example.com/hello/@v/v1.0.0.info: 403 Forbidden");
    expect(finding).not.toHaveTextContent(forbiddenExplanation().findings[0]!.message);
    expect(screen.getByTestId("log-summary")).toHaveTextContent("3 lines read");
    expect(screen.getByTestId("verdict")).toHaveTextContent("1 problem found");
  });

  it("applies a go env fix through the plan dialog", async () => {
    const user = userEvent.setup();
    explain.mockResolvedValue(forbiddenExplanation());
    const fix = forbiddenExplanation().findings[0]!.fix;
    const ops = fix.kind === "go_env" ? fix.ops : [];
    const reviewed: Plan = {
      file: GOENV_PATH,
      ops,
      preview: envPreview(ops, [
        { kind: "go_env", key: "GOPROXY", old: FORBIDDEN_PROXY, new: `${GOOD_PROXY},direct` },
      ]),
      warnings: [],
    };
    plan.mockResolvedValue(reviewed);
    apply.mockResolvedValue(appliedProxyFallback());
    render(DoctorPage);
    doctor.logText = FORBIDDEN_LOG;
    await user.click(screen.getByTestId("log-explain"));
    await user.click(await screen.findByTestId("finding-apply-fix"));
    expect(plan).toHaveBeenCalledWith(reviewed.ops);
    await screen.findByTestId("plan-dialog");
    await user.click(screen.getByTestId("plan-apply"));
    await waitFor(() => expect(apply).toHaveBeenCalledWith(reviewed.ops));
    await waitFor(() => expect(screen.queryByTestId("plan-dialog")).toBeNull());
  });

  it("reads a picked file in the page and sends its bytes", async () => {
    explain.mockResolvedValue({ findings: [mismatchFinding()], lines: 1 });
    render(DoctorPage);
    const bytes = new TextEncoder().encode(
      "verifying example.com/hello@v1.0.0: checksum mismatch\n",
    );
    const file = new File([bytes], "build.log", { type: "text/plain" });
    await fireEvent.change(screen.getByTestId("log-file-input"), { target: { files: [file] } });
    const finding = await screen.findByTestId("doctor-finding");
    const sent = explain.mock.calls[0]?.[0];
    expect(sent).toBeInstanceOf(Uint8Array);
    expect(Array.from(sent as Uint8Array)).toEqual(Array.from(bytes));
    expect(screen.getByTestId("log-file")).toHaveTextContent("File: build.log");
    expect(screen.queryByTestId("log-input")).toBeNull();
    // A manual fix: steps in words, no fix button; Rust's hint as technical details.
    expect(within(finding).queryByTestId("finding-apply-fix")).toBeNull();
    expect(within(finding).getByTestId("finding-hint")).toHaveTextContent("go.sum");
    expect(within(finding).getByTestId("finding-lines")).toHaveTextContent("checksum mismatch");

    await fireEvent.click(screen.getByTestId("log-file-clear"));
    expect(screen.getByTestId("log-input")).toBeInTheDocument();
  });

  it("says plainly when nothing in the log is recognised, in Chinese too", async () => {
    const user = userEvent.setup();
    explain.mockResolvedValue({ findings: [], lines: 2 });
    i18n.set("zh-CN");
    render(DoctorPage);
    doctor.logText = "hello\nworld";
    await user.click(screen.getByTestId("log-explain"));
    await screen.findByTestId("log-nothing");
    expect(screen.getByTestId("log-summary")).toHaveTextContent("已读取 2 行");
    expect(screen.getByTestId("verdict")).toHaveTextContent("日志中未识别出问题");
    expect(screen.queryByTestId("doctor-finding")).toBeNull();
  });

  it("shows the error when the check itself fails", async () => {
    const user = userEvent.setup();
    check.mockRejectedValue({ code: "external", message: "go env -json: signal: killed" });
    render(DoctorPage);
    await user.click(screen.getByTestId("doctor-check"));
    await screen.findByRole("alert");
    expect(screen.getByTestId("doctor-check")).toBeEnabled();
  });
});

describe("run mode", () => {
  it("checks the timeout before running", () => {
    expect(parseTimeout("60")).toBe(60);
    expect(parseTimeout(" 5 ")).toBe(5);
    for (const bad of ["0", "3601", "1.5", "-3", "", "ten"]) expect(parseTimeout(bad)).toBeNull();
  });

  it("streams go's lines, cancels, and shows Run again's result next to the old one", async () => {
    const user = userEvent.setup();
    const control = { line: (_: string) => {}, finish: () => {} };
    runProject.mockImplementationOnce(
      (_runId, request, onLine) =>
        new Promise((resolve) => {
          control.line = onLine;
          control.finish = () =>
            resolve({
              endpoints: [],
              findings: forbiddenExplanation().findings,
              run: { ok: false, exit_code: 1, ms: 1500, timed_out: false },
            });
          expect(request).toEqual({ project: "/src/app", timeoutSecs: 30, keepCache: true });
        }),
    );
    cancelRun.mockResolvedValue(true);
    render(DoctorPage);
    await user.type(screen.getByTestId("doctor-project"), "/src/app");
    await user.clear(screen.getByTestId("doctor-timeout"));
    await user.type(screen.getByTestId("doctor-timeout"), "0");
    await user.click(screen.getByTestId("doctor-keep-cache"));
    await user.click(screen.getByTestId("doctor-run-start"));
    expect(screen.getByTestId("field-error-timeout")).toHaveTextContent("1 to 3600");
    expect(runProject).not.toHaveBeenCalled();

    await user.clear(screen.getByTestId("doctor-timeout"));
    await user.type(screen.getByTestId("doctor-timeout"), "30");
    await user.click(screen.getByTestId("doctor-run-start"));
    for (const line of FORBIDDEN_LOG.split("\n")) control.line(line);
    await waitFor(() =>
      expect(screen.getByTestId("doctor-run-progress")).toHaveTextContent("3 lines from go"),
    );
    await user.click(screen.getByTestId("doctor-run-cancel"));
    expect(cancelRun).toHaveBeenCalledWith(runProject.mock.calls[0]?.[0]);
    control.finish();
    const first = await screen.findByTestId("run-latest");
    expect(first).toHaveAttribute("data-state", "cancelled");
    expect(within(first).getByTestId("finding-lines")).toHaveTextContent("403 Forbidden");

    runProject.mockResolvedValueOnce({
      endpoints: [],
      findings: [],
      run: { ok: true, exit_code: 0, ms: 900, timed_out: false },
    });
    await user.click(screen.getByRole("button", { name: "Run again" }));
    await waitFor(() =>
      expect(screen.getByTestId("run-latest")).toHaveAttribute("data-state", "ok"),
    );
    expect(screen.getByTestId("run-previous")).toHaveAttribute("data-state", "cancelled");
    expect(screen.getByTestId("run-latest")).toHaveTextContent("go mod download succeeded");
    expect(screen.getByTestId("verdict")).toHaveTextContent("go mod download succeeded");
    expect(projectRun.previous?.project).toBe("/src/app");
  });

  it("shows a refused project under its field, and a timeout in words", async () => {
    const user = userEvent.setup();
    runProject.mockRejectedValueOnce({
      code: "invalid_input",
      field: "project",
      message: "project /tmp is not a Go module: it must contain a go.mod file",
    });
    render(DoctorPage);
    await user.type(screen.getByTestId("doctor-project"), "/tmp");
    await user.click(screen.getByTestId("doctor-run-start"));
    await waitFor(() =>
      expect(screen.getByTestId("field-error-doctor-project")).toHaveTextContent("go.mod"),
    );
    runProject.mockResolvedValueOnce({
      endpoints: [],
      findings: [],
      run: { ok: false, ms: 60000, timed_out: true },
    });
    await user.click(screen.getByTestId("doctor-run-start"));
    await waitFor(() =>
      expect(screen.getByTestId("run-latest")).toHaveAttribute("data-state", "timed_out"),
    );
    expect(screen.getByTestId("run-latest")).toHaveTextContent("Stopped after the timeout");
    expect(screen.getByTestId("verdict")).toHaveAttribute("data-tone", "problem");
  });
});
