// What the Docker page's commands answer, shaped like Rust's output (bindings types).
import type { Applied } from "$lib/bindings/Applied";
import type { Generated } from "$lib/bindings/Generated";
import type { HistoryEntry } from "$lib/bindings/HistoryEntry";
import type { ProjectInfo } from "$lib/bindings/ProjectInfo";
import type { DockerEngine, SavePreview } from "$lib/ipc";
import type { BuildProgress } from "$lib/bindings/BuildProgress";
import type { EngineFinding } from "$lib/bindings/EngineFinding";
import type { TestBuildReport } from "$lib/bindings/TestBuildReport";
import { FORBIDDEN_LOG, forbiddenFinding } from "./doctorFixtures";

export const PROJECT_DIR = "/home/dev/src/app";

export function projectInfo(overrides: Partial<ProjectInfo> = {}): ProjectInfo {
  return {
    dir: PROJECT_DIR,
    module_path: "example.com/app",
    go_line: "1.22",
    toolchain: "1.22.5",
    main_packages: ["./cmd/server", "./cmd/tool"],
    has_vendor: false,
    has_go_sum: true,
    ...overrides,
  };
}

/** A generation result whose Dockerfile names the final image and platforms it was asked for. */
export function generated(
  final = "distroless",
  platforms: string[] = [],
  overrides: Partial<Generated> = {},
): Generated {
  const platform = platforms.length > 0 ? `# platforms: ${platforms.join(",")}\n` : "";
  return {
    files: [
      {
        path: "Dockerfile",
        content: `# syntax=docker/dockerfile:1\n${platform}FROM --platform=$BUILDPLATFORM golang:1.22-bookworm AS build\nRUN --mount=type=secret,id=netrc \\\n    go mod download\nFROM ${final}\nENTRYPOINT ["/app"]\n`,
      },
      { path: ".dockerignore", content: "# only what the build needs\n*\n!go.mod\n!go.sum\n" },
      { path: "compose.yaml", content: "services:\n  app:\n    build: .\n" },
      {
        path: ".github/workflows/docker.yml",
        content: "jobs:\n  build:\n    runs-on: ubuntu-latest\n",
      },
      { path: ".gitlab-ci.yml", content: "build:\n  image: docker:27\n" },
    ],
    build_command: "docker build --secret id=netrc,src=$HOME/.netrc -t app .",
    warnings: [],
    ...overrides,
  };
}

export function savePreview(exists = true): SavePreview {
  return {
    preview: {
      summary: "Save Dockerfile and .dockerignore",
      lines: [
        { kind: "go_env", key: "Dockerfile", old: exists ? "present" : undefined, new: "new" },
      ],
      files: [`${PROJECT_DIR}/Dockerfile`, `${PROJECT_DIR}/.dockerignore`],
      keychain_items: [],
    },
    diffs: [
      {
        path: "Dockerfile",
        exists,
        diff: exists
          ? "--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1 +1 @@\n-FROM old\n+FROM new\n"
          : "",
      },
      { path: ".dockerignore", exists: false, diff: "" },
    ],
  };
}

export function savedEntry(): HistoryEntry {
  return {
    id: "entry-docker",
    time_ms: Date.UTC(2026, 11, 5, 9, 0, 0),
    summary: "Save Dockerfile and .dockerignore",
    parts: [{ kind: "file", path: `${PROJECT_DIR}/Dockerfile` }],
    changes: [],
  };
}

export function appliedSave(): Applied {
  return { outcome: "recorded", ...savedEntry() };
}

// --- Test build and the engine card ----------------------------------------------------------

export function loopbackDnsFinding(): EngineFinding {
  return {
    code: "dns_loopback",
    severity: "error",
    message: "dns entry 127.0.0.53 is on loopback",
    params: { entry: "127.0.0.53" },
  };
}

/** An engine that answers, with the session's proxy not passed and a loopback daemon DNS. */
export function readyEngine(findings: EngineFinding[] = [loopbackDnsFinding()]): DockerEngine {
  return {
    engine: {
      state: "ready",
      client_version: "27.3.1",
      server_version: "27.3.1",
      buildx: "0.17.1",
    },
    config: {
      proxy_env: [{ name: "HTTPS_PROXY", value: "http://***@proxy.corp.example:3128" }],
      build_args: ["--build-arg HTTPS_PROXY"],
      client_config: { path: "/home/dev/.docker/config.json", state: "missing", proxies: [] },
      daemon_config: { path: "/etc/docker/daemon.json", state: "read", dns: ["127.0.0.53"] },
      findings,
    },
  };
}

/** docker is installed but nothing answers on its socket. */
export function noEngine(): DockerEngine {
  return {
    engine: {
      state: "no_engine",
      detail: "Cannot connect to the Docker daemon at unix:///var/run/docker.sock.",
    },
    config: {
      proxy_env: [],
      build_args: [],
      daemon_config: { path: "/etc/docker/daemon.json", state: "missing", dns: [] },
      findings: [],
    },
  };
}

/** The plain-progress lines of a build, with the steps BuildKit reports. */
export function buildLines(): BuildProgress[] {
  return [
    { line: "#1 [internal] load build definition from Dockerfile", steps_done: 0, steps_total: 0 },
    {
      line: "#5 [build 1/3] WORKDIR /src",
      steps_done: 0,
      steps_total: 3,
      step: "[build 1/3] WORKDIR /src",
    },
    {
      line: "#6 [build 2/3] RUN --mount=type=cache,target=/go/pkg/mod go mod download",
      steps_done: 1,
      steps_total: 3,
      step: "[build 2/3] RUN go mod download",
    },
  ];
}

export function builtReport(): TestBuildReport {
  return {
    status: "built",
    engine: readyEngine().engine,
    command:
      "docker buildx build --load --progress=plain -f /tmp/x/Dockerfile --secret id=netrc,src=/tmp/x/netrc .",
    secret_hosts: ["git.corp.example.com"],
    exit_code: 0,
    ms: 12400,
    steps_done: 6,
    steps_total: 6,
    findings: [],
    log_tail: ["#12 DONE 0.1s"],
  };
}

/** The download step got a 403 from the private proxy: the Doctor's finding. */
export function failedReport(): TestBuildReport {
  return {
    ...builtReport(),
    status: "failed",
    exit_code: 1,
    steps_done: 2,
    findings: [forbiddenFinding()],
    log_tail: FORBIDDEN_LOG.split("\n"),
  };
}
