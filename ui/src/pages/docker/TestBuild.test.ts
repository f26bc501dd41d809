// The Docker page's engine card and Test build: without an engine the page says so (by code, in
// both languages) and still generates; the client's proxies and the daemon's DNS are shown read
// only with their findings worded by code; a build streams its progress, can be cancelled by
// its run id, and a failed build shows the Doctor's findings and hands the whole log to the
// Doctor page.
import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { BuildProgress } from "$lib/bindings/BuildProgress";
import type { TestBuildReport } from "$lib/bindings/TestBuildReport";
import * as ipc from "$lib/ipc";
import { i18n } from "$lib/i18n/i18n.svelte";
import { navigation } from "$lib/state/navigation.svelte";
import {
  PROJECT_DIR,
  buildLines,
  builtReport,
  failedReport,
  generated,
  noEngine,
  projectInfo,
  readyEngine,
} from "../../testing/dockerFixtures";
import { FORBIDDEN_LOG, forbiddenExplanation } from "../../testing/doctorFixtures";
import { resetAppState } from "../../testing/reset";
import { doctor } from "../doctor/doctor.svelte";
import DockerPage from "./DockerPage.svelte";

vi.mock("$lib/ipc", async (importOriginal) =>
  (await import("../../testing/dockerIpc")).dockerIpc(importOriginal),
);

const engine = vi.mocked(ipc.dockerEngine);
const run = vi.mocked(ipc.runTestBuild);
const cancel = vi.mocked(ipc.cancelTestBuild);

beforeEach(() => {
  vi.resetAllMocks();
  resetAppState();
  vi.mocked(ipc.detectEnvironment).mockReturnValue(new Promise(() => {}));
  vi.mocked(ipc.inspectDockerProject).mockResolvedValue(projectInfo());
  vi.mocked(ipc.generateDockerfile).mockImplementation(async (_dir, options) =>
    generated(options.final_image, options.platforms),
  );
  engine.mockResolvedValue(readyEngine());
});

async function openProject() {
  const user = userEvent.setup();
  render(DockerPage);
  await user.type(screen.getByTestId("docker-dir"), PROJECT_DIR);
  await user.click(screen.getByTestId("docker-open"));
  await waitFor(() =>
    expect(screen.getByTestId("docker-preview-card")).toHaveAttribute("data-state", "ready"),
  );
  return user;
}

/** A build the test drives: `send` streams a line, `finish` ends it with a report. */
function controlledBuild() {
  let onProgress: (p: BuildProgress) => void = () => {};
  let finish: (report: TestBuildReport) => void = () => {};
  run.mockImplementation((_id, _dir, _options, progress) => {
    onProgress = progress;
    return new Promise((resolve) => (finish = resolve));
  });
  return {
    send: (p: BuildProgress) => onProgress(p),
    finish: (report: TestBuildReport) => finish(report),
  };
}

describe("Docker engine card", () => {
  it("says there is no engine, in both languages, and the page still generates", async () => {
    engine.mockResolvedValue(noEngine());
    await openProject();
    const status = await screen.findByTestId("docker-engine-status");
    expect(status).toHaveAttribute("data-code", "no_engine");
    expect(status).toHaveTextContent("docker is installed but no engine answers");
    expect(screen.getByTestId("docker-engine")).toHaveTextContent(
      "Cannot connect to the Docker daemon",
    );
    expect(screen.getByTestId("docker-preview")).toHaveTextContent("FROM distroless");
    expect(screen.getByTestId("docker-copy-dockerfile")).toBeEnabled();
    expect(screen.getByTestId("docker-build-start")).toBeDisabled();
    expect(screen.getByTestId("docker-test-build")).toHaveTextContent(
      "Needs a Docker engine (see above).",
    );

    i18n.set("zh-CN");
    await waitFor(() =>
      expect(screen.getByTestId("docker-engine-status")).toHaveTextContent(
        "已安装 docker，但没有引擎响应",
      ),
    );
    expect(screen.getByTestId("docker-test-build")).toHaveTextContent("需要 Docker 引擎");
  });

  it("says there is no docker command", async () => {
    engine.mockResolvedValue({ ...noEngine(), engine: { state: "no_client" } });
    render(DockerPage);
    expect(await screen.findByTestId("docker-engine-status")).toHaveTextContent(
      "There is no docker command on this computer",
    );
    expect(engine).toHaveBeenCalledTimes(1);
  });

  it("shows the proxies and daemon DNS read only, with findings worded by code", async () => {
    engine.mockResolvedValue(
      readyEngine([
        {
          code: "proxy_loopback",
          severity: "error",
          message: "English from Rust",
          params: { source: "environment", name: "HTTPS_PROXY", proxy: "http://127.0.0.1:3128" },
        },
        {
          code: "dns_loopback",
          severity: "error",
          message: "English from Rust",
          params: { entry: "127.0.0.53" },
        },
      ]),
    );
    render(DockerPage);
    expect(await screen.findByTestId("docker-engine-status")).toHaveTextContent(
      "Docker 27.3.1 answers (client 27.3.1).",
    );
    const config = screen.getByTestId("docker-engine-config");
    expect(config).toHaveTextContent("HTTPS_PROXY=http://***@proxy.corp.example:3128");
    expect(config).toHaveTextContent("Test build passes them as --build-arg HTTPS_PROXY");
    expect(config).toHaveTextContent("Daemon config /etc/docker/daemon.json: read");
    expect(config).toHaveTextContent("dns: 127.0.0.53");
    expect(config.querySelector("input, textarea")).toBeNull();
    const findings = screen.getAllByTestId("docker-engine-finding");
    expect(findings.map((f) => f.dataset.code)).toEqual(["proxy_loopback", "dns_loopback"]);
    expect(findings[0]).toHaveTextContent(
      "HTTPS_PROXY from this session is http://127.0.0.1:3128, on loopback",
    );
    expect(screen.getByTestId("docker-engine")).not.toHaveTextContent("English from Rust");

    i18n.set("zh-CN");
    await waitFor(() =>
      expect(screen.getAllByTestId("docker-engine-finding")[1]).toHaveTextContent(
        "守护进程的 dns 条目 127.0.0.53 位于回环地址",
      ),
    );
    expect(screen.getAllByTestId("docker-engine-finding")[0]).toHaveTextContent(
      "当前会话中的 HTTPS_PROXY",
    );
  });
});

describe("Test build", () => {
  it("streams progress, then says it built, with the hosts whose tokens went in", async () => {
    const build = controlledBuild();
    const user = await openProject();
    await waitFor(() => expect(screen.getByTestId("docker-build-start")).toBeEnabled());
    await user.click(screen.getByTestId("docker-build-start"));
    expect(run).toHaveBeenCalledWith(
      expect.stringMatching(/^build-/),
      PROJECT_DIR,
      expect.objectContaining({ final_image: "distroless", language: "en" }),
      expect.any(Function),
    );
    expect(screen.getByTestId("docker-test-build")).toHaveAttribute("data-state", "running");
    expect(screen.getByTestId("docker-build-progress")).toHaveTextContent("Starting docker…");
    for (const line of buildLines()) build.send(line);
    await waitFor(() =>
      expect(screen.getByTestId("docker-build-progress")).toHaveTextContent(
        "1 of 3 steps · 3 log lines",
      ),
    );
    expect(screen.getByTestId("docker-build-progress")).toHaveTextContent(
      "[build 2/3] RUN go mod download",
    );
    build.finish(builtReport());
    const result = await screen.findByTestId("docker-build-result");
    expect(result).toHaveAttribute("data-status", "built");
    expect(result).toHaveTextContent("Built in 12.4 s");
    expect(screen.getByTestId("docker-test-build")).toHaveTextContent(
      "Tokens passed in the netrc secret for: git.corp.example.com",
    );
    expect(screen.getByTestId("docker-build-log")).toHaveTextContent("[build 1/3] WORKDIR /src");
    expect(screen.queryByTestId("docker-build-doctor")).toBeNull();
    expect(screen.getByTestId("docker-build-start")).toHaveTextContent("Build again");

    i18n.set("zh-CN");
    await waitFor(() =>
      expect(screen.getByTestId("docker-build-result")).toHaveTextContent("构建成功 用时 12.4 秒"),
    );
  });

  it("cancels the build it started, by its run id", async () => {
    const build = controlledBuild();
    cancel.mockResolvedValue(true);
    const user = await openProject();
    await waitFor(() => expect(screen.getByTestId("docker-build-start")).toBeEnabled());
    await user.click(screen.getByTestId("docker-build-start"));
    await user.click(screen.getByTestId("docker-build-cancel"));
    const runId = run.mock.calls[0]![0];
    expect(cancel).toHaveBeenCalledWith(runId);
    expect(screen.getByTestId("docker-build-cancel")).toHaveTextContent("Cancelling…");
    build.finish({ ...builtReport(), status: "cancelled" });
    expect(await screen.findByTestId("docker-build-result")).toHaveTextContent("Cancelled");
  });

  it("shows the Doctor's findings of a failed build and opens its log in the Doctor", async () => {
    const build = controlledBuild();
    vi.mocked(ipc.explainLog).mockResolvedValue(forbiddenExplanation());
    const user = await openProject();
    await waitFor(() => expect(screen.getByTestId("docker-build-start")).toBeEnabled());
    await user.click(screen.getByTestId("docker-build-start"));
    for (const line of FORBIDDEN_LOG.split("\n")) {
      build.send({ line, steps_done: 1, steps_total: 3 });
    }
    build.finish(failedReport());
    const result = await screen.findByTestId("docker-build-result");
    expect(result).toHaveTextContent("The build failed");
    const findings = screen.getByTestId("docker-build-findings");
    expect(within(findings).getByTestId("doctor-finding")).toHaveAttribute(
      "data-code",
      "proxy.forbidden",
    );
    // The finding's log lines are the streamed log's.
    expect(findings).toHaveTextContent("403 Forbidden");

    await user.click(screen.getByTestId("docker-build-doctor"));
    expect(navigation.page).toBe("doctor");
    expect(doctor.logText).toBe(FORBIDDEN_LOG);
    expect(ipc.explainLog).toHaveBeenCalledWith(FORBIDDEN_LOG);
    await waitFor(() => expect(doctor.explanation).not.toBeNull());
  });

  it("words a client that needs buildx, and an IPC error, without a result", async () => {
    const user = await openProject();
    await waitFor(() => expect(screen.getByTestId("docker-build-start")).toBeEnabled());
    run.mockResolvedValue({ ...builtReport(), status: "no_buildx", ms: 0 });
    await user.click(screen.getByTestId("docker-build-start"));
    expect(await screen.findByTestId("docker-build-result")).toHaveTextContent(
      "This docker client needs the buildx plugin",
    );
    run.mockRejectedValue({ code: "keychain", message: "keychain locked" });
    await user.click(screen.getByTestId("docker-build-start"));
    await waitFor(() => expect(screen.queryByTestId("docker-build-result")).toBeNull());
    expect(screen.getByTestId("docker-test-build")).toHaveAttribute("data-state", "idle");
  });
});
