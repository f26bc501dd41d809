// Private-modules values in the shapes of the generated bindings, for tests and the dev preview.
// No fixture holds a token: nothing the app receives ever contains one.
import type { AccessReport } from "$lib/bindings/AccessReport";
import type { Applied } from "$lib/bindings/Applied";
import type { ChangePreview } from "$lib/bindings/ChangePreview";
import type { PathExplanation } from "$lib/bindings/PathExplanation";
import type { Plan } from "$lib/bindings/Plan";
import type { PatternSetting } from "$lib/bindings/PatternSetting";
import type { PrivateOverview } from "$lib/bindings/PrivateOverview";
import type { TokenOutcome } from "$lib/bindings/TokenOutcome";
import type { TokenStatus } from "$lib/bindings/TokenStatus";
import { GOENV_PATH, envPreview } from "./fixtures";

export const GIT_HOST = "git.corp.example.com";
export const PROXY_HOST = "goproxy.corp.example.com:8443";
export const CORP_PROXY = "https://goproxy.corp.example.com:8443";
export const MODULE = "git.corp.example.com/team/lib";
export const NETRC_PATH = "/home/dev/.netrc";
export const HELPER = "/usr/bin/goproxy-assistant goauth";
export const GIT_CONFIG_PATH = "/home/dev/.gitconfig";
export const GIT_HELPER = "/usr/bin/goproxy-assistant git-credential";
const SET_AT = Date.UTC(2026, 10, 21, 9, 30);

function service(prefix: string): string {
  return `dev.goproxy-assistant.desktop:${prefix}`;
}

/** GOPRIVATE with two patterns; GONOPROXY and GONOSUMDB inherit it; GOINSECURE unset. */
export function patternSettings(goprivate = ["*.corp.example.com", "rsc.io/private"]) {
  const value = goprivate.join(",");
  const settings: PatternSetting[] = [
    {
      key: "GOPRIVATE",
      value,
      source: goprivate.length > 0 ? "goenv_file" : "default",
      inherited_from_goprivate: false,
      patterns: goprivate,
      issues: [],
    },
    {
      key: "GONOPROXY",
      value,
      source: "default",
      inherited_from_goprivate: true,
      patterns: goprivate,
      issues: [],
    },
    {
      key: "GONOSUMDB",
      value,
      source: "default",
      inherited_from_goprivate: true,
      patterns: goprivate,
      issues: [],
    },
    {
      key: "GOINSECURE",
      value: "",
      source: "default",
      inherited_from_goprivate: false,
      patterns: [],
      issues: [],
    },
  ];
  return settings;
}

export function storedHost(): TokenStatus {
  return {
    host: { prefix: GIT_HOST, user: "alice", scheme: "basic", netrc: false, token_set_ms: SET_AT },
    keychain_service: service(GIT_HOST),
    stored: true,
    keychain: "available",
    git: { kind: "app_helper" },
  };
}

export function missingHost(): TokenStatus {
  return {
    host: {
      prefix: PROXY_HOST,
      user: "token",
      scheme: "bearer",
      netrc: true,
      token_set_ms: SET_AT,
    },
    keychain_service: service(PROXY_HOST),
    stored: false,
    keychain: "available",
    git: { kind: "nothing" },
  };
}

/** Two patterns, one host with its token, GOAUTH running the app: all good. */
export function privateOverview(): PrivateOverview {
  return {
    patterns: patternSettings(),
    hosts: [storedHost()],
    goauth: { value: `netrc;${HELPER}`, supported: true, helper_configured: true },
    netrc: { path: NETRC_PATH, exists: false, loose_mode: false, machines: [] },
  };
}

/** A fresh setup: no patterns, no hosts, GOAUTH not pointing at the app yet. */
export function emptyPrivateOverview(): PrivateOverview {
  return {
    patterns: patternSettings([]),
    hosts: [],
    goauth: { value: "netrc", supported: true, helper_configured: false },
    netrc: { path: NETRC_PATH, exists: false, loose_mode: false, machines: [] },
  };
}

/** A locked keychain: token status unknown; a loose .netrc holding the proxy's entry. */
export function lockedKeychainOverview(): PrivateOverview {
  const locked: TokenStatus = {
    ...storedHost(),
    stored: undefined,
    keychain: "locked",
    error: {
      code: "keychain_locked",
      message: "the keychain is locked or refused access (prompt dismissed); unlock it",
    },
  };
  return {
    ...privateOverview(),
    hosts: [locked, missingHost()],
    netrc: {
      path: NETRC_PATH,
      exists: true,
      mode: "644",
      loose_mode: true,
      machines: [{ machine: "goproxy.corp.example.com", login: "token" }],
    },
  };
}

export function explanation(): PathExplanation {
  const value = "*.corp.example.com,rsc.io/private";
  return {
    path: MODULE,
    verdicts: [
      {
        key: "GOPRIVATE",
        value,
        inherited_from_goprivate: false,
        matched_pattern: "*.corp.example.com",
        effect: "ENGLISH-EFFECT",
      },
      {
        key: "GONOPROXY",
        value,
        inherited_from_goprivate: true,
        matched_pattern: "*.corp.example.com",
        effect: "ENGLISH-EFFECT",
      },
      {
        key: "GONOSUMDB",
        value,
        inherited_from_goprivate: true,
        matched_pattern: "*.corp.example.com",
        effect: "ENGLISH-EFFECT",
      },
      { key: "GOINSECURE", value: "", inherited_from_goprivate: false, effect: "ENGLISH-EFFECT" },
    ],
    route: { kind: "direct", insecure: false },
    checksum_db: false,
    summary: "ENGLISH-SUMMARY",
  };
}

/** The proxy answered 401 and no credential is stored for it. */
export function accessNoCredential(): AccessReport {
  const url = `${CORP_PROXY}/git.corp.example.com/team/lib/@v/list`;
  return {
    module: MODULE,
    ok: false,
    failure: "no_credential",
    route: {
      ...explanation(),
      route: { kind: "proxies", urls: [CORP_PROXY], then_direct: true },
    },
    steps: [
      {
        action: { kind: "get", url, credential: false },
        ok: false,
        status: 401,
        detail: { code: "no_credential", url },
      },
    ],
    summary: { code: "step_failed" },
  };
}

export function accessOk(): AccessReport {
  const url = `${CORP_PROXY}/git.corp.example.com/team/lib/@v/list`;
  return {
    module: MODULE,
    ok: true,
    route: accessNoCredential().route,
    steps: [
      {
        action: { kind: "get", url, credential: true },
        ok: true,
        status: 200,
        detail: { code: "http_ok", url, status: 200, bytes: 14 },
      },
    ],
    summary: { code: "reachable_through_proxy", module: MODULE, proxy: CORP_PROXY },
  };
}

export function patternPlan(key: string, value: string | undefined): Plan {
  const ops: Plan["ops"] =
    value === undefined ? [{ op: "unset", key }] : [{ op: "set", key, value }];
  return {
    file: GOENV_PATH,
    ops,
    preview: envPreview(ops, [
      { kind: "go_env", key, old: "*.corp.example.com,rsc.io/private", new: value },
    ]),
    warnings: [],
  };
}

export function tokenOutcome(prefix: string, hadToken: boolean): TokenOutcome {
  return {
    host: { prefix, user: "alice", scheme: "basic", netrc: false, token_set_ms: SET_AT },
    keychain_service: service(prefix),
    had_token: hadToken,
    history: {
      outcome: "recorded",
      id: "h-token",
      time_ms: SET_AT,
      summary: { code: "token_store", host: prefix, user: "alice", netrc: false },
      parts: [
        { kind: "file", path: "/home/dev/.config/goproxy-assistant/hosts.toml" },
        { kind: "keychain", service: service(prefix), user: "alice" },
      ],
      changes: [{ kind: "keychain", key: `${service(prefix)} (alice)`, new: "" }],
    },
  };
}

/** The git config key of the line that lets git ask the app for `host`'s token. */
export function gitHelperKey(host: string): string {
  return `credential.https://${host}.helper`;
}

/** That line, planned (planGitHelper). */
export function gitHelperPlan(host: string): ChangePreview {
  const key = gitHelperKey(host);
  const value = GIT_HELPER;
  return {
    summary: { code: "git_config_set", key, value },
    lines: [{ kind: "git_config", key, new: value }],
    files: [GIT_CONFIG_PATH],
    keychain_items: [],
  };
}

/** How that line was recorded once written (applyGitHelper). */
export function gitHelperEntry(host: string): Applied {
  const key = gitHelperKey(host);
  const value = GIT_HELPER;
  return {
    outcome: "recorded",
    id: "git-helper-1",
    time_ms: SET_AT,
    summary: { code: "git_config_set", key, value },
    parts: [{ kind: "file", path: GIT_CONFIG_PATH }],
    changes: [{ kind: "git_config", key, new: value }],
  };
}

/** Direct fetch: the server takes the token, but go's git has no credential helper for it. */
export function accessGitNoCredential(): AccessReport {
  const repo = `https://${GIT_HOST}/team/lib`;
  const refs = `${repo}/info/refs?service=git-upload-pack`;
  const page = `https://${MODULE}?go-get=1`;
  return {
    module: MODULE,
    ok: false,
    failure: "git_no_credential",
    route: explanation(),
    steps: [
      {
        action: { kind: "get", url: page, credential: true },
        ok: true,
        status: 200,
        detail: { code: "http_ok", url: page, status: 200, bytes: 312 },
      },
      {
        action: { kind: "get", url: refs, credential: true },
        ok: true,
        status: 200,
        detail: { code: "http_ok", url: refs, status: 200, bytes: 1204 },
      },
      {
        action: { kind: "git_credential", repo },
        ok: false,
        detail: { code: "git_nothing", repo, host: GIT_HOST },
      },
    ],
    summary: { code: "step_failed" },
  };
}
