// Hand-written values in the shapes of the generated bindings, for tests and the dev preview.
import type { Detection } from "$lib/bindings/Detection";
import type { Applied } from "$lib/bindings/Applied";
import type { ChangeLine } from "$lib/bindings/ChangeLine";
import type { ChangePreview } from "$lib/bindings/ChangePreview";
import type { EnvOp } from "$lib/bindings/EnvOp";
import type { HistoryEntry } from "$lib/bindings/HistoryEntry";
import type { Plan } from "$lib/bindings/Plan";

export const GOENV_PATH = "/home/dev/.config/go/env";

/** Two toolchains, GOPROXY from the GOENV file without a fallback, GOSUMDB overridden by the shell. */
export function detectionWithWarnings(): Detection {
  return {
    installations: [
      {
        go_path: "/usr/local/go/bin/go",
        goroot: "/usr/local/go",
        version: "go1.27.3",
        parsed_version: { major: 1, minor: 27, patch: 3 },
        found_via: ["path", "usual_place"],
        active: true,
      },
      {
        go_path: "/usr/lib/go-1.19/bin/go",
        goroot: "/usr/lib/go-1.19",
        version: "go1.19.8",
        parsed_version: { major: 1, minor: 19, patch: 8 },
        found_via: ["usual_place"],
        active: false,
      },
    ],
    rules_version: "go1.27.3",
    goenv: { path: GOENV_PATH, from_env: false, exists: true },
    settings: [
      {
        key: "GOPROXY",
        value: "https://goproxy.cn",
        source: "goenv_file",
        source_detail: GOENV_PATH,
        file_value: "https://goproxy.cn",
        goroot_value: "https://proxy.golang.org,direct",
      },
      {
        key: "GOSUMDB",
        value: "off",
        source: "environment",
        env_value: "off",
        file_value: "sum.golang.google.cn",
        goroot_value: "sum.golang.org",
      },
      {
        key: "GOPRIVATE",
        value: "git.corp.example.com",
        source: "goenv_file",
        source_detail: GOENV_PATH,
        file_value: "git.corp.example.com",
      },
      {
        key: "GONOPROXY",
        value: "git.corp.example.com",
        source: "default",
        source_detail: "GOPRIVATE",
      },
      {
        key: "GONOSUMDB",
        value: "git.corp.example.com",
        source: "default",
        source_detail: "GOPRIVATE",
      },
      { key: "GOINSECURE", value: "", source: "default" },
      { key: "GOFLAGS", value: "", source: "default" },
      { key: "GOAUTH", value: "netrc", source: "default" },
      {
        key: "GOTOOLCHAIN",
        value: "auto",
        source: "goroot_go_env",
        source_detail: "/usr/local/go/go.env",
        goroot_value: "auto",
      },
      {
        key: "GOMODCACHE",
        value: "/home/dev/go/pkg/mod",
        source: "default",
        source_detail: "GOPATH",
      },
      { key: "GOENV", value: GOENV_PATH, source: "default" },
    ],
    findings: [
      {
        code: "goproxy_no_fallback",
        severity: "warning",
        key: "GOPROXY",
        message:
          "GOPROXY has one proxy and no fallback; add ,direct so modules it lacks still download.",
        params: {
          key: "GOPROXY",
          value: "https://goproxy.cn",
          suggested: "https://goproxy.cn,direct",
        },
        fix: {
          kind: "go_env",
          ops: [{ op: "set", key: "GOPROXY", value: "https://goproxy.cn,direct" }],
        },
      },
      {
        code: "env_overrides_file",
        severity: "warning",
        key: "GOSUMDB",
        message: "GOSUMDB=off in the environment overrides sum.golang.google.cn in the GOENV file.",
        params: { key: "GOSUMDB", env_value: "off", file_value: "sum.golang.google.cn" },
        fix: { kind: "manual", hint: "Remove GOSUMDB from your shell profile." },
      },
      {
        code: "multiple_installations",
        severity: "info",
        message: "2 Go installations found; /usr/local/go/bin/go runs.",
        params: { count: "2", path: "/usr/local/go/bin/go", version: "go1.27.3" },
      },
    ],
  };
}

/** No go anywhere: no installations, Go's upstream defaults under the newest rules. */
export function detectionWithoutGo(): Detection {
  return {
    installations: [],
    rules_version: "go1.27.3",
    goenv: { path: GOENV_PATH, from_env: false, exists: false },
    settings: [
      { key: "GOPROXY", value: "https://proxy.golang.org,direct", source: "assumed_default" },
      { key: "GOSUMDB", value: "sum.golang.org", source: "assumed_default" },
    ],
    findings: [
      {
        code: "go_not_found",
        severity: "error",
        message: "No go command found on PATH, in GOROOT or in the usual install places.",
        params: {},
      },
    ],
  };
}

/** What Rust's go env store shows for `ops` changing `lines` of the GOENV file. */
export function envPreview(ops: EnvOp[], lines: ChangeLine[]): ChangePreview {
  const set = ops.flatMap((op) => (op.op === "set" ? [{ key: op.key, value: op.value }] : []));
  const unset = ops.flatMap((op) => (op.op === "unset" ? [op.key] : []));
  return {
    summary: { code: "env_change", set, unset },
    lines,
    files: lines.length > 0 ? [GOENV_PATH] : [],
    keychain_items: [],
  };
}

export function planForProxyFallback(): Plan {
  const ops: EnvOp[] = [{ op: "set", key: "GOPROXY", value: "https://goproxy.cn,direct" }];
  return {
    file: GOENV_PATH,
    ops,
    preview: envPreview(ops, [
      {
        kind: "go_env",
        key: "GOPROXY",
        old: "https://goproxy.cn",
        new: "https://goproxy.cn,direct",
      },
    ]),
    warnings: [],
  };
}

export function proxyFallbackEntry(): HistoryEntry {
  return {
    id: "20261121T091500Z-1",
    time_ms: Date.UTC(2026, 10, 21, 9, 15, 0),
    summary: {
      code: "env_change",
      set: [{ key: "GOPROXY", value: "https://goproxy.cn,direct" }],
      unset: [],
    },
    parts: [{ kind: "file", path: GOENV_PATH }],
    changes: [
      {
        kind: "go_env",
        key: "GOPROXY",
        old: "https://goproxy.cn",
        new: "https://goproxy.cn,direct",
      },
    ],
  };
}

export function appliedProxyFallback(): Applied {
  return { outcome: "recorded", ...proxyFallbackEntry() };
}

export function historyEntries(): HistoryEntry[] {
  return [
    proxyFallbackEntry(),
    {
      id: "20261120T170200Z-1",
      time_ms: Date.UTC(2026, 10, 20, 17, 2, 0),
      summary: { code: "env_change", set: [], unset: ["GOFLAGS"] },
      parts: [{ kind: "file", path: GOENV_PATH }],
      changes: [{ kind: "go_env", key: "GOFLAGS", old: "-insecure" }],
      undone_at_ms: Date.UTC(2026, 10, 20, 17, 5, 0),
    },
    {
      id: "20261119T080000Z-1",
      time_ms: Date.UTC(2026, 10, 19, 8, 0, 0),
      summary: "env set GOPRIVATE=git.corp.example.com",
      parts: [{ kind: "file", path: GOENV_PATH }],
      changes: [{ kind: "go_env", key: "GOPRIVATE", new: "git.corp.example.com" }],
    },
  ];
}
