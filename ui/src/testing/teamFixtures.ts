// What the Team page's commands answer, shaped like Rust's output (bindings types).
import type { Applied } from "$lib/bindings/Applied";
import type { BundleApplied } from "$lib/bindings/BundleApplied";
import type { BundleExport } from "$lib/bindings/BundleExport";
import type { BundlePreview } from "$lib/bindings/BundlePreview";
import type { ModuleDownloadReport } from "$lib/bindings/ModuleDownloadReport";
import type { RiskCode } from "$lib/bindings/RiskCode";
import { GOENV_PATH } from "./fixtures";

export const BUNDLE_FILE = "/home/dev/team/acme.toml";
export const BUNDLE_SHA256 = "9f2c".padEnd(64, "0");
export const PRIVATE_HOST = "git.acme.example";
export const VERIFY_MODULE = "git.acme.example/platform/lib@latest";
/** A well-formed minisign public key line and the fingerprint the fake check gives it. */
export const TEAM_PUBKEY = "RW" + "Q".repeat(54);
export const TEAM_KEY_ID = "5B2C7F0A1E3D4C6B";

/** A bundle with one mirror, one private host without a token, and one GOINSECURE item. */
export function bundlePreview(accepted: RiskCode[] = []): BundlePreview {
  return {
    name: "Acme Go setup",
    version: "3",
    description: "Mirrors and private modules for Acme",
    verify_module: VERIFY_MODULE,
    provenance: { source: BUNDLE_FILE, sha256: BUNDLE_SHA256, pinned: false },
    env: [
      {
        key: "GOPROXY",
        old: "https://proxy.golang.org,direct",
        old_source: "default",
        new: "https://goproxy.acme.example,direct",
        bundle_value: "https://goproxy.acme.example,direct",
        unchanged: false,
      },
      {
        key: "GOPRIVATE",
        new: "git.acme.example",
        bundle_value: "git.acme.example",
        unchanged: false,
      },
      {
        key: "GOINSECURE",
        new: "legacy.acme.example",
        bundle_value: "legacy.acme.example",
        unchanged: false,
      },
      {
        key: "GOAUTH",
        new: "/opt/goproxy-assistant/goproxy-assistant goauth",
        bundle_value: "keychain",
        unchanged: false,
      },
    ],
    mirrors: [
      { name: "acme", url: "https://goproxy.acme.example", has_ca: true, unchanged: false },
    ],
    hosts: [
      {
        host: PRIVATE_HOST,
        login: "oauth2",
        auth: "basic",
        token_help: "Create a read-only token under Settings → Tokens",
        token_url: "https://git.acme.example/settings/tokens",
        token_stored: false,
        unchanged: false,
      },
    ],
    tokens: [PRIVATE_HOST],
    findings: [
      {
        code: "env_overrides_file",
        key: "GOPROXY",
        message: "GOPROXY is also set in the environment",
      },
    ],
    acceptance: [
      {
        code: "goinsecure",
        field: "go_env.GOINSECURE",
        item: "legacy.acme.example",
        risk: "modules matching these patterns are fetched without certificate checks",
        accepted: accepted.includes("goinsecure"),
      },
    ],
    change: {
      summary: { code: "bundle_apply", name: "Acme Go setup", parts: [] },
      lines: [
        {
          kind: "go_env",
          key: "GOPROXY",
          old: "https://proxy.golang.org,direct",
          new: "https://goproxy.acme.example,direct",
        },
        { kind: "go_env", key: "GOPRIVATE", new: "git.acme.example" },
        { kind: "go_env", key: "GOINSECURE", new: "legacy.acme.example" },
        { kind: "mirror", key: "acme", new: "https://goproxy.acme.example" },
        { kind: "host", key: PRIVATE_HOST, new: "oauth2" },
      ],
      files: [GOENV_PATH, "/home/dev/.config/goproxy-assistant/config.toml"],
      keychain_items: [],
    },
    nothing_to_do: false,
  };
}

export function bundleAppliedEntry(): Applied {
  const preview = bundlePreview(["goinsecure"]);
  return {
    outcome: "recorded",
    id: "20261205T140000Z-1",
    time_ms: Date.UTC(2026, 11, 5, 14, 0, 0),
    summary: preview.change.summary,
    parts: [{ kind: "file", path: GOENV_PATH }],
    changes: preview.change.lines,
  };
}

/** Applied with the token typed in the wizard (so none left to set). */
export function bundleApplied(tokensLeft = false): BundleApplied {
  return {
    applied: bundleAppliedEntry(),
    tokens: tokensLeft ? [{ host: PRIVATE_HOST, login: "oauth2", auth: "basic" }] : [],
  };
}

export const EXPORTED_TOML = `format = "goproxy-assistant-bundle/1"
name = "Go setup"

[go_env]
GOPROXY = "https://goproxy.cn,direct"
GOPRIVATE = "git.acme.example"
`;

export function bundleExport(name = "Go setup"): BundleExport {
  return {
    bundle: {
      format: "goproxy-assistant-bundle/1",
      name,
      go_env: { GOPROXY: "https://goproxy.cn,direct", GOPRIVATE: "git.acme.example" },
    },
    toml: EXPORTED_TOML.replace('"Go setup"', JSON.stringify(name)),
    omitted: [],
  };
}

export const VERIFY_LINES = [
  "# get https://goproxy.acme.example/git.acme.example/platform/lib/@v/list",
  "# get https://goproxy.acme.example/git.acme.example/platform/lib/@v/list: 200 OK (0.041s)",
];

export function verifyReport(ok = true): ModuleDownloadReport {
  return {
    outcome: { ok, exit_code: ok ? 0 : 1, ms: 1240, timed_out: false },
    version: ok ? "v1.4.2" : undefined,
    cancelled: false,
    findings: [],
  };
}
