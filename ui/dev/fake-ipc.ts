// Stands in for src/lib/ipc in the dev preview (dev/vite.config.ts): answers from fixtures with a
// little latency, and keeps a history in memory so Fix → Apply → Undo can be tried in a browser.
import type { CjkFont } from "$lib/bindings/CjkFont";
import type { Detection } from "$lib/bindings/Detection";
import type { DoctorReport } from "$lib/bindings/DoctorReport";
import type { EndpointCheck } from "$lib/bindings/EndpointCheck";
import type { LogExplanation } from "$lib/bindings/LogExplanation";
import type { EnvOp } from "$lib/bindings/EnvOp";
import type { Applied } from "$lib/bindings/Applied";
import type { HistoryEntry } from "$lib/bindings/HistoryEntry";
import type { HistoryList } from "$lib/bindings/HistoryList";
import type { Plan } from "$lib/bindings/Plan";
import {
  detectionWithWarnings,
  detectionWithoutGo,
  envPreview,
  GOENV_PATH,
  historyEntries,
} from "../src/testing/fixtures";
import {
  FORBIDDEN_LOG,
  forbiddenExplanation,
  forbiddenFinding,
  settledEndpoints,
} from "../src/testing/doctorFixtures";

import type { AppError } from "../src/lib/ipc/app-error";
export { isKeychainError, toAppError, type AppError } from "../src/lib/ipc/app-error";

const params = new URLSearchParams(location.search);
const scenario = params.get("scenario") ?? "warnings";
const latency = Number(params.get("latency") ?? 250);
const history: HistoryEntry[] = scenario === "empty-history" ? [] : historyEntries();
let goproxy = "https://goproxy.cn";
/** Other go env values the preview changes (GOPRIVATE and friends, GOAUTH). */
const values = new Map<string, string>();
/** How to undo each change made in this preview. */
const undoActions = new Map<string, () => void>();

function currentValue(key: string): string | undefined {
  return key === "GOPROXY" ? goproxy : values.get(key);
}

function setValue(key: string, value: string | undefined): void {
  if (key === "GOPROXY") goproxy = value ?? "https://proxy.golang.org,direct";
  else if (value === undefined) values.delete(key);
  else values.set(key, value);
}

const wait = () => new Promise((resolve) => setTimeout(resolve, latency));

/** `?scenario=no-cjk-font` shows the install hint when 简体中文 is chosen. */
export async function cjkFont(): Promise<CjkFont> {
  await wait();
  if (scenario === "no-cjk-font") {
    return { code: "missing", install: "sudo apt install fonts-noto-cjk" };
  }
  return { code: "present" };
}

export async function detectEnvironment(): Promise<Detection> {
  await wait();
  if (scenario === "detect-error") {
    throw { code: "external", message: "go env -json: signal: killed" };
  }
  if (scenario === "no-go") return detectionWithoutGo();
  const detection = detectionWithWarnings();
  const setting = detection.settings.find((s) => s.key === "GOPROXY");
  if (setting) setting.value = setting.file_value = goproxy;
  if (goproxy.includes(",")) {
    detection.findings = detection.findings.filter((f) => f.code !== "goproxy_no_fallback");
  }
  return detection;
}

export async function planEnvChange(ops: EnvOp[]): Promise<Plan> {
  await wait();
  return {
    file: GOENV_PATH,
    ops,
    preview: envPreview(
      ops,
      ops.map((op) => ({
        kind: "go_env" as const,
        key: op.key,
        old: currentValue(op.key),
        new: op.op === "set" ? op.value : undefined,
      })),
    ),
    warnings:
      scenario === "plan-warning"
        ? [
            {
              code: "env_overrides_file",
              key: "GOPROXY",
              env_value: "https://goproxy.io",
              message: "GOPROXY is also set in the environment; it will still win.",
              set_in: ["/home/dev/.bashrc"],
            },
          ]
        : [],
  };
}

export async function applyEnvChange(ops: EnvOp[]): Promise<Applied> {
  await wait();
  const changes = ops.map((op) => ({
    kind: "go_env" as const,
    key: op.key,
    old: currentValue(op.key),
    new: op.op === "set" ? op.value : undefined,
  }));
  const entry: HistoryEntry = {
    id: `preview-${Date.now()}`,
    time_ms: Date.now(),
    summary: {
      code: "env_change",
      set: ops.flatMap((op) => (op.op === "set" ? [{ key: op.key, value: op.value }] : [])),
      unset: ops.flatMap((op) => (op.op === "unset" ? [op.key] : [])),
    },
    parts: [{ kind: "file", path: GOENV_PATH }],
    changes,
  };
  for (const op of ops) setValue(op.key, op.op === "set" ? op.value : undefined);
  undoActions.set(entry.id, () => {
    for (const change of changes) setValue(change.key, change.old);
  });
  history.unshift(entry);
  return { outcome: "recorded", ...entry };
}

export async function listHistory(): Promise<HistoryList> {
  await wait();
  return { entries: history, unreadable: [] };
}

export async function undoChange(id: string): Promise<HistoryEntry> {
  await wait();
  const entry = history.find((e) => e.id === id);
  if (!entry || entry.undone_at_ms !== undefined) {
    throw { code: "nothing_to_undo", message: `no change ${id} to undo` };
  }
  const undo = undoActions.get(id);
  if (undo) undo();
  else {
    const old = entry.changes[0]?.old;
    if (old !== undefined) goproxy = old;
  }
  entry.undone_at_ms = Date.now();
  return entry;
}

// Mirrors: a small fixed list and a benchmark that streams a few events.
import type { BenchEvent } from "$lib/bindings/BenchEvent";
import type { BenchOptions } from "$lib/bindings/BenchOptions";
import type { BenchReport } from "$lib/bindings/BenchReport";
import type { CustomMirror } from "$lib/bindings/CustomMirror";
import type { LastBenchmark } from "$lib/bindings/LastBenchmark";
import type { MirrorEntry } from "$lib/bindings/MirrorEntry";
import type { MirrorSwitch } from "$lib/bindings/MirrorSwitch";
import { benchReport, mirrorEntries } from "../src/testing/mirrorFixtures";

let cancelled = false;

export async function listMirrors(): Promise<MirrorEntry[]> {
  await wait();
  return mirrorEntries();
}

export async function addMirror(mirror: CustomMirror): Promise<Applied> {
  await wait();
  if (!/^https?:\/\//.test(mirror.url)) {
    throw { code: "invalid_input", field: "url", message: `${mirror.url}: not an http(s) URL` };
  }
  return applyEnvChange([]);
}

export async function removeMirror(_name: string): Promise<Applied> {
  return applyEnvChange([]);
}

export async function runBenchmark(
  _runId: string,
  _options: BenchOptions,
  onEvent: (event: BenchEvent) => void,
): Promise<BenchReport> {
  cancelled = false;
  const report = benchReport();
  onEvent({
    event: "started",
    mirrors: report.mirrors.map(({ name, url }) => ({ name, url })),
    planned_requests: 30,
    deadline_ms: 10000,
  });
  for (let done = 0; done <= 30 && !cancelled; done += 6) {
    await wait();
    onEvent({ event: "progress", done, planned: 30 });
  }
  for (const result of report.mirrors) onEvent({ event: "mirror_done", result });
  return { ...report, cancelled };
}

export async function cancelBenchmark(_runId: string): Promise<boolean> {
  cancelled = true;
  return true;
}

export async function lastBenchmark(): Promise<LastBenchmark | null> {
  return null;
}

export async function planUseMirrors(choice: MirrorSwitch): Promise<Plan> {
  return planEnvChange([{ op: "set", key: "GOPROXY", value: choice.mirrors.join("|") }]);
}

// Private modules: patterns kept in `values`, hosts in memory, a keychain that is fine, locked
// (?scenario=keychain-locked: token calls wait 3 s and fail, like a locked keychain) or absent
// (keychain-unavailable); ?scenario=private-empty starts from nothing, old-go has no GOAUTH.
// A token typed into the preview is checked and dropped: it is never stored or logged.
import type { AccessReport } from "$lib/bindings/AccessReport";
import type { AccessStep } from "$lib/bindings/AccessStep";
import type { ChangePreview } from "$lib/bindings/ChangePreview";
import type { HostEntry } from "$lib/bindings/HostEntry";
import type { NetrcStatus } from "$lib/bindings/NetrcStatus";
import type { PathExplanation } from "$lib/bindings/PathExplanation";
import type { PatternKey } from "$lib/bindings/PatternKey";
import type { PatternSetting } from "$lib/bindings/PatternSetting";
import type { PrivateOverview } from "$lib/bindings/PrivateOverview";
import type { TokenOutcome } from "$lib/bindings/TokenOutcome";
import type { TokenRequest } from "$lib/bindings/TokenRequest";
import type { TokenStatus } from "$lib/bindings/TokenStatus";
import {
  GIT_CONFIG_PATH,
  GIT_HELPER,
  HELPER,
  NETRC_PATH,
  gitHelperKey,
  gitHelperPlan,
  storedHost,
} from "../src/testing/privateFixtures";

const PATTERN_KEYS: PatternKey[] = ["GOPRIVATE", "GONOPROXY", "GONOSUMDB", "GOINSECURE"];
const keychainState =
  scenario === "keychain-locked"
    ? "locked"
    : scenario === "keychain-unavailable"
      ? "unavailable"
      : "available";
const oldGo = scenario === "old-go";
const hosts: HostEntry[] = scenario === "private-empty" ? [] : [storedHost().host];
/** Hosts whose git credential helper is ours (the preview starts with none). */
const gitHelpers = new Set<string>();
let netrcLoose = scenario === "keychain-locked";
if (scenario !== "private-empty") {
  values.set("GOPRIVATE", "*.corp.example.com,rsc.io/private");
  if (!oldGo) values.set("GOAUTH", `netrc;${HELPER}`);
}

function keychainError(): AppError {
  return {
    code: keychainState === "locked" ? "keychain_locked" : "keychain_unavailable",
    message:
      keychainState === "locked"
        ? "the keychain is locked or refused access (prompt dismissed); unlock it (log in to the desktop session, or unlock the login keyring) and try again"
        : "no keychain is available (no Secret Service on the session bus); the token was not stored anywhere else",
  };
}

function patternList(key: PatternKey): { value: string; inherited: boolean } {
  const own = values.get(key);
  if (own !== undefined || key === "GOPRIVATE" || key === "GOINSECURE") {
    return { value: own ?? "", inherited: false };
  }
  return { value: values.get("GOPRIVATE") ?? "", inherited: true };
}

function patternSetting(key: PatternKey): PatternSetting {
  const { value, inherited } = patternList(key);
  const patterns = value.split(",").filter((p) => p !== "");
  return {
    key,
    value,
    source: values.has(key) ? "goenv_file" : "default",
    inherited_from_goprivate: inherited,
    patterns,
    issues: patterns
      .filter((p) => p.includes("://"))
      .map((pattern) => ({ rule: "scheme", pattern, message: `${key}: ${pattern} has a scheme` })),
  };
}

/** Go's prefix match, simplified: `*` matches within one path element. */
function matchingPattern(value: string, path: string): string | undefined {
  return value
    .split(",")
    .filter((p) => p !== "")
    .find((pattern) => {
      const glob = pattern.replace(/\/$/, "").split("/");
      const elements = path.split("/");
      if (elements.length < glob.length) return false;
      return glob.every((part, i) => {
        const regex = new RegExp(
          `^${part.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[^/]*")}$`,
        );
        return regex.test(elements[i] ?? "");
      });
    });
}

function netrcStatus(): NetrcStatus {
  const machines = hosts.filter((h) => h.netrc).map((h) => ({ machine: h.prefix, login: h.user }));
  return {
    path: NETRC_PATH,
    exists: machines.length > 0 || netrcLoose,
    mode: netrcLoose ? "644" : "600",
    loose_mode: netrcLoose,
    machines,
  };
}

export async function privateOverview(): Promise<PrivateOverview> {
  await wait();
  if (keychainState !== "available") await wait();
  const goauth = values.get("GOAUTH") ?? "netrc";
  return {
    patterns: PATTERN_KEYS.map(patternSetting),
    hosts: hosts.map((host): TokenStatus => ({
      host,
      keychain_service: `dev.goproxy-assistant.desktop:${host.prefix}`,
      keychain: keychainState,
      git: gitHelpers.has(host.prefix) ? { kind: "app_helper" } : { kind: "nothing" },
      ...(keychainState === "available" ? { stored: true } : { error: keychainError() }),
    })),
    goauth: oldGo
      ? { supported: false, helper_configured: false }
      : { value: goauth, supported: true, helper_configured: goauth.includes(" goauth") },
    netrc: netrcStatus(),
  };
}

function checkModulePath(module: string): void {
  const first = module.split("/")[0] ?? "";
  if (module.includes("://") || /\s/.test(module) || !first.includes(".")) {
    throw {
      code: "invalid_input",
      field: "module",
      message: `"${module}" is not a module path like git.corp.example.com/team/lib`,
    };
  }
}

export async function explainModulePath(module: string): Promise<PathExplanation> {
  await wait();
  checkModulePath(module);
  const verdicts = PATTERN_KEYS.map((key) => {
    const { value, inherited } = patternList(key);
    const matched = matchingPattern(value, module);
    return {
      key,
      value,
      inherited_from_goprivate: inherited,
      effect: "",
      ...(matched === undefined ? {} : { matched_pattern: matched }),
    };
  });
  const matched = (key: PatternKey) => verdicts.some((v) => v.key === key && v.matched_pattern);
  return {
    path: module,
    verdicts,
    route: matched("GONOPROXY")
      ? { kind: "direct", insecure: matched("GOINSECURE") }
      : {
          kind: "proxies",
          urls: goproxy.split(/[,|]/).filter((u) => u.includes("://")),
          then_direct: goproxy.endsWith("direct"),
        },
    checksum_db: !matched("GONOSUMDB"),
    summary: `${module}: preview`,
  };
}

export async function planPatternChange(
  key: PatternKey,
  add: string[],
  remove: string[],
): Promise<Plan> {
  let list = patternSetting(key).patterns;
  for (const pattern of add) {
    if (/[\s,]|:\/\//.test(pattern) || pattern === "") {
      throw {
        code: "invalid_input",
        field: key,
        message: `${key} pattern "${pattern}": not a module path prefix`,
      };
    }
    if (list.includes(pattern)) {
      throw { code: "invalid_input", field: key, message: `${key} already contains "${pattern}"` };
    }
    list = [...list, pattern];
  }
  for (const pattern of remove) {
    if (!list.includes(pattern)) {
      throw { code: "invalid_input", field: key, message: `${key} does not contain "${pattern}"` };
    }
    list = list.filter((p) => p !== pattern);
  }
  return planEnvChange([
    list.length > 0 ? { op: "set", key, value: list.join(",") } : { op: "unset", key },
  ]);
}

export async function planGoauth(): Promise<Plan> {
  if (oldGo) {
    await wait();
    throw {
      code: "invalid_input",
      field: "GOAUTH",
      message:
        "go1.19.8 has no GOAUTH (it needs Go 1.24 or later); store the token in the .netrc instead",
    };
  }
  return planEnvChange([{ op: "set", key: "GOAUTH", value: `netrc;${HELPER}` }]);
}

export async function setToken(request: TokenRequest, token: string): Promise<TokenOutcome> {
  await wait();
  const prefix = request.host.trim().toLowerCase();
  if (prefix === "" || prefix.includes("://") || prefix.includes("/")) {
    throw {
      code: "invalid_input",
      field: "host",
      message: `host "${request.host}": write the host name only, without https://`,
    };
  }
  if (token === "" || /\s/.test(token)) {
    throw {
      code: "invalid_input",
      field: "token",
      message:
        "the token contains whitespace or a control character (a newline?); paste only the token",
    };
  }
  if (keychainState !== "available") {
    await new Promise((resolve) => setTimeout(resolve, 3000));
    throw keychainError();
  }
  const before = hosts.findIndex((h) => h.prefix === prefix);
  const entry: HostEntry = {
    prefix,
    user: request.user ?? "token",
    scheme: request.scheme,
    netrc: request.netrc || (hosts[before]?.netrc ?? false),
    token_set_ms: Date.now(),
  };
  const previous = hosts[before];
  if (before >= 0) hosts.splice(before, 1, entry);
  else hosts.push(entry);
  const service = `dev.goproxy-assistant.desktop:${prefix}`;
  const history_entry: HistoryEntry = {
    id: `preview-token-${Date.now()}`,
    time_ms: Date.now(),
    summary: {
      code: previous ? "token_replace" : "token_store",
      host: prefix,
      user: entry.user,
      netrc: entry.netrc,
    },
    parts: [{ kind: "keychain", service, user: entry.user }],
    changes: [
      {
        kind: "keychain",
        key: `${service} (${entry.user})`,
        old: previous ? "" : undefined,
        new: "",
      },
    ],
  };
  undoActions.set(history_entry.id, () => {
    const at = hosts.findIndex((h) => h.prefix === prefix);
    if (at >= 0) hosts.splice(at, 1, ...(previous ? [previous] : []));
  });
  history.unshift(history_entry);
  return {
    host: entry,
    keychain_service: service,
    had_token: previous !== undefined,
    history: { outcome: "recorded", ...history_entry },
  };
}

export async function deleteToken(host: string): Promise<TokenOutcome> {
  await wait();
  const at = hosts.findIndex((h) => h.prefix === host);
  const entry = hosts[at];
  if (!entry) {
    throw { code: "invalid_input", field: "host", message: `no token is recorded for ${host}` };
  }
  if (keychainState !== "available") throw keychainError();
  hosts.splice(at, 1);
  const service = `dev.goproxy-assistant.desktop:${host}`;
  return {
    host: entry,
    keychain_service: service,
    had_token: true,
    history: {
      outcome: "unchanged",
      summary: { code: "token_delete", host, user: entry.user },
    },
  };
}

export async function testAccess(module: string): Promise<AccessReport> {
  checkModulePath(module);
  const route = await explainModulePath(module);
  await wait();
  await wait();
  const base = { module, route };
  if (route.checksum_db) {
    return {
      ...base,
      ok: false,
      failure: "pattern_not_matched",
      steps: [],
      summary: { code: "pattern_not_matched", module },
    };
  }
  const host = module.split("/")[0] ?? "";
  const url = `https://${module}?go-get=1`;
  const stored = keychainState === "available" && hosts.some((h) => h.prefix === host);
  const repo = `https://${host}/team/lib`;
  const refs = `${repo}/info/refs?service=git-upload-pack`;
  if (!stored) {
    return {
      ...base,
      ok: false,
      failure: "no_credential",
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
  const steps: AccessStep[] = [
    {
      action: { kind: "get", url, credential: true },
      ok: true,
      status: 200,
      detail: { code: "http_ok", url, status: 200, bytes: 312 },
    },
    {
      action: { kind: "get", url: refs, credential: true },
      ok: true,
      status: 200,
      detail: { code: "http_ok", url: refs, status: 200, bytes: 1204 },
    },
  ];
  // The go command's git gets the token only through our credential helper.
  const helper = gitHelpers.has(host);
  const gitStep: AccessStep = {
    action: { kind: "git_credential", repo },
    ok: helper,
    detail: helper ? { code: "git_app_helper", repo } : { code: "git_nothing", repo, host },
  };
  if (!helper) {
    return {
      ...base,
      ok: false,
      failure: "git_no_credential",
      steps: [...steps, gitStep],
      summary: { code: "step_failed" },
    };
  }
  return {
    ...base,
    ok: true,
    steps: [...steps, gitStep],
    summary: { code: "reachable_direct", module, repo },
  };
}

function checkHost(host: string): string {
  const prefix = host.trim().toLowerCase();
  if (prefix === "" || prefix.includes("://") || prefix.includes("/")) {
    throw {
      code: "invalid_input",
      field: "host",
      message: `host "${host}": write the host name only, without https://`,
    };
  }
  return prefix;
}

export async function planGitHelper(host: string): Promise<ChangePreview> {
  await wait();
  const prefix = checkHost(host);
  const plan = gitHelperPlan(prefix);
  if (!gitHelpers.has(prefix)) return plan;
  return { ...plan, lines: plan.lines.map((line) => ({ ...line, old: line.new })) };
}

export async function applyGitHelper(host: string): Promise<Applied> {
  await wait();
  const prefix = checkHost(host);
  const [file, key, value] = [GIT_CONFIG_PATH, gitHelperKey(prefix), GIT_HELPER];
  const had = gitHelpers.has(prefix);
  const entry: HistoryEntry = {
    id: `preview-git-${Date.now()}`,
    time_ms: Date.now(),
    summary: { code: "git_config_set", key, value },
    parts: [{ kind: "file", path: file }],
    changes: [{ kind: "git_config", key, old: had ? value : undefined, new: value }],
  };
  gitHelpers.add(prefix);
  undoActions.set(entry.id, () => {
    if (!had) gitHelpers.delete(prefix);
  });
  history.unshift(entry);
  return { outcome: "recorded", ...entry };
}

export async function fixNetrcMode(): Promise<NetrcStatus> {
  await wait();
  netrcLoose = false;
  return netrcStatus();
}

/** Streams each endpoint step by step, then resolves with them all. */
export async function checkEndpoints(
  onCheck: (endpoint: EndpointCheck) => void,
): Promise<DoctorReport> {
  const endpoints = settledEndpoints();
  for (const endpoint of endpoints) {
    for (let reached = 1; reached <= endpoint.steps.length; reached++) {
      await wait();
      const last = reached === endpoint.steps.length;
      onCheck({
        ...endpoint,
        ok: last && endpoint.ok,
        running: last ? undefined : true,
        steps: endpoint.steps.slice(0, reached),
      });
    }
  }
  return { endpoints, findings: [forbiddenFinding()] };
}

/** A 403 finding for any text that mentions 403; nothing recognised otherwise. */
export async function explainLog(log: Uint8Array | string): Promise<LogExplanation> {
  await wait();
  const text = typeof log === "string" ? log : new TextDecoder().decode(log);
  const lines = text.split(/\r\n|\r|\n/).length;
  return text.includes("403") ? { ...forbiddenExplanation(), lines } : { findings: [], lines };
}

let doctorRuns = 0;

/** Prints a few go lines; the first run fails with a 403, the next ones succeed. */
export async function runDoctorProject(
  _runId: string,
  _request: { project: string; timeoutSecs: number; keepCache: boolean },
  onLine: (line: string) => void,
): Promise<DoctorReport> {
  const failing = doctorRuns++ === 0;
  const lines = failing
    ? FORBIDDEN_LOG.split("\n")
    : ["# get https://goproxy.cn/example.com/hello/@v/v1.0.0.info: 200 OK (0.012s)"];
  for (const line of lines) {
    await wait();
    onLine(line);
  }
  return failing
    ? {
        endpoints: [],
        findings: forbiddenExplanation().findings,
        run: { ok: false, exit_code: 1, ms: 1200, timed_out: false },
      }
    : { endpoints: [], findings: [], run: { ok: true, exit_code: 0, ms: 800, timed_out: false } };
}

export async function cancelDoctorRun(_runId: string): Promise<boolean> {
  return false;
}

// --- Docker page --------------------------------------------------------------------------

import type { DockerfileOptions } from "$lib/bindings/DockerfileOptions";
import type { Generated } from "$lib/bindings/Generated";
import type { ProjectInfo } from "$lib/bindings/ProjectInfo";
import type { SavePreview } from "../src/lib/ipc";
import type { BuildProgress } from "$lib/bindings/BuildProgress";
import type { TestBuildReport } from "$lib/bindings/TestBuildReport";
import type { DockerEngine } from "../src/lib/ipc";
import {
  appliedSave,
  buildLines,
  builtReport,
  failedReport,
  generated as dockerGenerated,
  projectInfo,
  readyEngine,
  savePreview,
} from "../src/testing/dockerFixtures";

/** Any folder ending in `go.mod-less` has no go.mod; every other one is the sample project. */
export async function inspectDockerProject(dir: string): Promise<ProjectInfo> {
  await wait();
  if (dir.endsWith("go.mod-less")) {
    throw { code: "invalid_input", field: "go.mod", message: `${dir}: no go.mod` } as AppError;
  }
  return projectInfo({ dir });
}

export async function generateDockerfile(
  _dir: string,
  options: DockerfileOptions,
): Promise<Generated> {
  await wait();
  if (options.port !== undefined && (options.port < 1 || options.port > 65535)) {
    throw { code: "invalid_input", field: "port", message: "port must be 1-65535" } as AppError;
  }
  return dockerGenerated(options.final_image, options.platforms);
}

export async function planDockerfileSave(
  _dir: string,
  _options: DockerfileOptions,
): Promise<SavePreview> {
  await wait();
  return savePreview();
}

export async function applyDockerfileSave(
  _dir: string,
  _options: DockerfileOptions,
): Promise<Applied> {
  await wait();
  return appliedSave();
}

export async function dockerEngine(): Promise<DockerEngine> {
  await wait();
  return readyEngine();
}

const testBuildsCancelled = new Set<string>();

/** A build that streams a few lines; a project whose folder ends in `-fails` fails with a 403. */
export async function runTestBuild(
  runId: string,
  dir: string,
  _options: DockerfileOptions,
  onProgress: (progress: BuildProgress) => void,
): Promise<TestBuildReport> {
  for (const progress of buildLines()) {
    await wait();
    if (testBuildsCancelled.delete(runId)) return { ...builtReport(), status: "cancelled" };
    onProgress(progress);
  }
  return dir.endsWith("-fails") ? failedReport() : builtReport();
}

export async function cancelTestBuild(runId: string): Promise<boolean> {
  testBuildsCancelled.add(runId);
  return true;
}

// --- Team page ----------------------------------------------------------------------------

import type { BundleApplied } from "$lib/bindings/BundleApplied";
import type { BundleExport } from "$lib/bindings/BundleExport";
import type { BundlePreview } from "$lib/bindings/BundlePreview";
import type { ModuleDownloadReport } from "$lib/bindings/ModuleDownloadReport";
import type { RiskCode } from "$lib/bindings/RiskCode";
import type { TeamKeyInfo } from "$lib/bindings/TeamKeyInfo";
import type { BundleOrigin, BundleToken } from "../src/lib/ipc";
import {
  bundleApplied,
  bundleExport,
  bundlePreview,
  TEAM_KEY_ID,
  VERIFY_LINES,
  verifyReport,
} from "../src/testing/teamFixtures";

/** A source ending in `bad.toml` is refused, like Rust refuses a bundle with a token in it. */
export async function previewBundle(
  origin: BundleOrigin,
  accepted: RiskCode[],
): Promise<BundlePreview> {
  await wait();
  if (origin.source.endsWith("bad.toml")) {
    throw {
      code: "bundle_refused",
      message: "hosts[0].token: a bundle never carries a token",
      field: "hosts[0].token",
      rule: "secret_field",
    } satisfies AppError;
  }
  return bundlePreview(accepted);
}

export async function applyBundle(
  _origin: BundleOrigin,
  accepted: RiskCode[],
  tokens: BundleToken[],
): Promise<BundleApplied> {
  await wait();
  if (!accepted.includes("goinsecure")) {
    throw {
      code: "bundle_needs_acceptance",
      message: "go_env.GOINSECURE needs your acceptance",
      field: "go_env.GOINSECURE",
      rule: "goinsecure",
    } satisfies AppError;
  }
  const applied = bundleApplied(tokens.length === 0);
  history.unshift(applied.applied as HistoryEntry);
  return applied;
}

export async function exportBundle(name: string): Promise<BundleExport> {
  await wait();
  return bundleExport(name);
}

export async function saveBundleExport(name: string, path: string): Promise<BundleExport> {
  await wait();
  if (!path.startsWith("/")) {
    throw { code: "invalid_input", message: "the file must be a full path", field: "path" };
  }
  return bundleExport(name);
}

const verifiesCancelled = new Set<string>();

export async function verifyBundle(
  runId: string,
  _origin: BundleOrigin,
  onLine: (line: string) => void,
): Promise<ModuleDownloadReport> {
  for (const line of VERIFY_LINES) {
    await wait();
    if (verifiesCancelled.delete(runId)) return { ...verifyReport(false), cancelled: true };
    onLine(line);
  }
  return verifyReport();
}

export async function cancelBundleVerify(runId: string): Promise<boolean> {
  verifiesCancelled.add(runId);
  return true;
}

/** Any `RW…` line of the right length passes; the fingerprint is made up from it. */
export async function checkTeamKey(pubkey: string): Promise<TeamKeyInfo> {
  await wait();
  const line = pubkey.trim().split("\n").pop()?.trim() ?? "";
  if (!/^RW[A-Za-z0-9+/]{54}$/.test(line)) {
    throw {
      code: "invalid_input",
      message: "public_key_invalid: not a minisign public key",
      field: "pubkey",
      rule: "public_key_invalid",
    } satisfies AppError;
  }
  return { key_id: TEAM_KEY_ID, public_key: line };
}

/** The preview is never opened by a link. */
export async function takeBundleLink(): Promise<null> {
  await wait();
  return null;
}

/** Delivers the pending link (never one in the preview); nothing arrives later. */
export async function onBundleLink(
  handler: (opened: { link: { url: string; sha256?: string } }) => void,
): Promise<() => void> {
  const opened = await takeBundleLink();
  if (opened) handler(opened);
  return () => {};
}
