// What the Docker page's commands answer, shaped like Rust's output (bindings types).
import type { Applied } from "$lib/bindings/Applied";
import type { Generated } from "$lib/bindings/Generated";
import type { HistoryEntry } from "$lib/bindings/HistoryEntry";
import type { ProjectInfo } from "$lib/bindings/ProjectInfo";
import type { SavePreview } from "$lib/ipc";

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
