// The one module that talks to Tauri. Everything else imports these typed functions, so the
// rest of the UI can be tested (and previewed) without a Tauri runtime.
import { Channel, invoke, type InvokeArgs } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import type { BundleLink } from "$lib/bindings/BundleLink";
import type { BenchEvent } from "$lib/bindings/BenchEvent";
import type { BenchOptions } from "$lib/bindings/BenchOptions";
import type { BenchReport } from "$lib/bindings/BenchReport";
import type { ChangePreview } from "$lib/bindings/ChangePreview";
import type { CustomMirror } from "$lib/bindings/CustomMirror";
import type { CjkFont } from "$lib/bindings/CjkFont";
import type { Detection } from "$lib/bindings/Detection";
import type { DoctorReport } from "$lib/bindings/DoctorReport";
import type { EndpointCheck } from "$lib/bindings/EndpointCheck";
import type { EnvOp } from "$lib/bindings/EnvOp";
import type { Applied } from "$lib/bindings/Applied";
import type { HistoryEntry } from "$lib/bindings/HistoryEntry";
import type { HistoryList } from "$lib/bindings/HistoryList";
import type { LastBenchmark } from "$lib/bindings/LastBenchmark";
import type { LogExplanation } from "$lib/bindings/LogExplanation";
import type { MirrorEntry } from "$lib/bindings/MirrorEntry";
import type { MirrorSwitch } from "$lib/bindings/MirrorSwitch";
import type { NetrcStatus } from "$lib/bindings/NetrcStatus";
import type { PathExplanation } from "$lib/bindings/PathExplanation";
import type { PatternKey } from "$lib/bindings/PatternKey";
import type { Plan } from "$lib/bindings/Plan";
import type { PrivateOverview } from "$lib/bindings/PrivateOverview";
import type { TokenOutcome } from "$lib/bindings/TokenOutcome";
import type { TokenRequest } from "$lib/bindings/TokenRequest";
import type { AccessReport } from "$lib/bindings/AccessReport";
import type { DockerfileOptions } from "$lib/bindings/DockerfileOptions";
import type { FileDiff } from "$lib/bindings/FileDiff";
import type { Generated } from "$lib/bindings/Generated";
import type { ProjectInfo } from "$lib/bindings/ProjectInfo";
import type { BuildProgress } from "$lib/bindings/BuildProgress";
import type { EngineConfig } from "$lib/bindings/EngineConfig";
import type { EngineStatus } from "$lib/bindings/EngineStatus";
import type { TestBuildReport } from "$lib/bindings/TestBuildReport";
import type { BundleApplied } from "$lib/bindings/BundleApplied";
import type { BundleExport } from "$lib/bindings/BundleExport";
import type { BundlePreview } from "$lib/bindings/BundlePreview";
import type { TeamKeyInfo } from "$lib/bindings/TeamKeyInfo";
import type { ModuleDownloadReport } from "$lib/bindings/ModuleDownloadReport";
import type { RiskCode } from "$lib/bindings/RiskCode";
import { isKeychainError, toAppError, type AppError } from "./app-error";

export { isKeychainError, toAppError, type AppError };

async function call<T>(command: string, args?: InvokeArgs): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (reason) {
    throw toAppError(reason);
  }
}

/** The whole read-only picture of the Go environment. Never rejects for Go problems (they are findings). */
export function detectEnvironment(): Promise<Detection> {
  return call<Detection>("detect_environment");
}

/** Whether a font covers Chinese, and how to install one when none does. Read-only. */
export function cjkFont(): Promise<CjkFont> {
  return call<CjkFont>("cjk_font");
}

/** What applying `ops` to the GOENV file would change. Writes nothing. */
export function planEnvChange(ops: EnvOp[]): Promise<Plan> {
  return call<Plan>("plan_env_change", { ops });
}

/** Writes `ops` to the GOENV file and records a history entry (undoable). */
export function applyEnvChange(ops: EnvOp[]): Promise<Applied> {
  return call<Applied>("apply_env_change", { ops });
}

/** Applied changes, newest first, and the history files that could not be read. */
export function listHistory(): Promise<HistoryList> {
  return call<HistoryList>("list_history");
}

/** Restores what history entry `id` changed; resolves with the entry, now marked undone. */
export function undoChange(id: string): Promise<HistoryEntry> {
  return call<HistoryEntry>("undo_change", { id });
}

/** The catalogue, the user's own mirrors and the entries of the effective GOPROXY. */
export function listMirrors(): Promise<MirrorEntry[]> {
  return call<MirrorEntry[]>("list_mirrors");
}

/** Adds one of the user's own mirrors (validated; undoable in History). */
export function addMirror(mirror: CustomMirror): Promise<Applied> {
  return call<Applied>("add_mirror", { mirror });
}

/** Removes one of the user's own mirrors by name (undoable in History). */
export function removeMirror(name: string): Promise<Applied> {
  return call<Applied>("remove_mirror", { name });
}

/**
 * Runs a benchmark; `onEvent` receives its (throttled) events in order until it resolves with
 * the report, which Rust also saves as the last benchmark. `runId` is minted by the caller so it
 * can cancel the run before this resolves.
 */
export async function runBenchmark(
  runId: string,
  options: BenchOptions,
  onEvent: (event: BenchEvent) => void,
): Promise<BenchReport> {
  const channel = new Channel<BenchEvent>();
  channel.onmessage = onEvent;
  try {
    return await call<BenchReport>("run_benchmark", { runId, options, onEvent: channel });
  } finally {
    // Late messages after the run are of no use to the page that started it.
    channel.onmessage = () => {};
  }
}

/** Asks run `runId` to stop; resolves `false` when it is not running (any more). */
export function cancelBenchmark(runId: string): Promise<boolean> {
  return call<boolean>("cancel_benchmark", { runId });
}

/** The last saved benchmark with its time, or null. */
export function lastBenchmark(): Promise<LastBenchmark | null> {
  return call<LastBenchmark | null>("last_benchmark");
}

/** What switching GOPROXY/GOSUMDB to `choice` would change; apply `plan.ops` with applyEnvChange. */
export function planUseMirrors(choice: MirrorSwitch): Promise<Plan> {
  return call<Plan>("plan_use_mirrors", { choice });
}

/** Private modules: patterns with sources, hosts with token status (never a token), GOAUTH, .netrc. */
export function privateOverview(): Promise<PrivateOverview> {
  return call<PrivateOverview>("private_overview");
}

/** Which pattern settings apply to `module` and how Go would fetch it. Rejects a bad path. */
export function explainModulePath(module: string): Promise<PathExplanation> {
  return call<PathExplanation>("explain_module_path", { module });
}

/** The plan for adding/removing patterns of `key`; apply `plan.ops` with applyEnvChange. */
export function planPatternChange(key: PatternKey, add: string[], remove: string[]): Promise<Plan> {
  return call<Plan>("plan_pattern_change", { key, add, remove });
}

/** The plan for letting Go 1.24+ ask this app for tokens (GOAUTH); apply `plan.ops`. */
export function planGoauth(): Promise<Plan> {
  return call<Plan>("plan_goauth");
}

/**
 * Stores or replaces a host's token in the OS keychain. The token goes one way: nothing the app
 * returns contains it, so callers should clear their copy once this settles.
 */
export function setToken(request: TokenRequest, token: string): Promise<TokenOutcome> {
  return call<TokenOutcome>("set_token", { request, token });
}

/** Deletes a host's token from the keychain and its records (and .netrc entries, if written). */
export function deleteToken(host: string): Promise<TokenOutcome> {
  return call<TokenOutcome>("delete_token", { host });
}

/** Fetches `module` through the configured route; the report names the step that failed. */
export function testAccess(module: string): Promise<AccessReport> {
  return call<AccessReport>("test_access", { module });
}

/**
 * The git config line that would let git ask the app for `host`'s token (direct fetches of
 * private modules run git), planned. Writes nothing: show it in the plan dialog, then
 * `applyGitHelper`.
 */
export function planGitHelper(host: string): Promise<ChangePreview> {
  return call<ChangePreview>("plan_git_helper", { host });
}

/** Writes that line to the global git config (undoable in History). */
export function applyGitHelper(host: string): Promise<Applied> {
  return call<Applied>("apply_git_helper", { host });
}

/** Makes the .netrc readable by its owner only (0600). */
export function fixNetrcMode(): Promise<NetrcStatus> {
  return call<NetrcStatus>("fix_netrc_mode");
}

/**
 * Checks every endpoint the effective configuration uses; `onCheck` receives an endpoint each
 * time one of its steps settles, until this resolves with all of them (within the budget) and a
 * finding per failing endpoint problem.
 */
export async function checkEndpoints(
  onCheck: (endpoint: EndpointCheck) => void,
): Promise<DoctorReport> {
  const channel = new Channel<EndpointCheck>();
  channel.onmessage = onCheck;
  try {
    return await call<DoctorReport>("check_endpoints", { onCheck: channel });
  } finally {
    channel.onmessage = () => {};
  }
}

/**
 * Explains go output: pasted text, or the bytes of a file the user picked. The bytes go as the
 * raw request body, so any size and any bytes (binary, CRLF, colour codes) arrive unchanged.
 */
export function explainLog(log: Uint8Array | string): Promise<LogExplanation> {
  const bytes = typeof log === "string" ? new TextEncoder().encode(log) : log;
  return call<LogExplanation>("explain_log", bytes);
}

/** What run mode runs: `go mod download -x` in `project`, stopped after `timeoutSecs`. */
export type ProjectRunRequest = { project: string; timeoutSecs: number; keepCache: boolean };

/**
 * Runs `go mod download -x` in a project; `onLine` receives each line go prints until this
 * resolves with the findings and how go ended. `runId` is minted by the caller so it can cancel.
 */
export async function runDoctorProject(
  runId: string,
  request: ProjectRunRequest,
  onLine: (line: string) => void,
): Promise<DoctorReport> {
  const channel = new Channel<string>();
  channel.onmessage = onLine;
  try {
    return await call<DoctorReport>("run_doctor_project", { runId, ...request, onLine: channel });
  } finally {
    channel.onmessage = () => {};
  }
}

/** Stops run `runId` (go and what it started); resolves `false` when it is not running. */
export function cancelDoctorRun(runId: string): Promise<boolean> {
  return call<boolean>("cancel_doctor_run", { runId });
}

/** What go.mod says about the Go module in `dir` (module, go line, main packages, vendor/). */
export function inspectDockerProject(dir: string): Promise<ProjectInfo> {
  return call<ProjectInfo>("inspect_docker_project", { dir });
}

/** The Dockerfile, .dockerignore, CI snippets and build command for `dir`. Writes nothing. */
export function generateDockerfile(dir: string, options: DockerfileOptions): Promise<Generated> {
  return call<Generated>("generate_dockerfile", { dir, options });
}

/** "Save into the project", planned: the change to review and each file's differences. */
export type SavePreview = { preview: ChangePreview; diffs: FileDiff[] };

/** Plans writing the Dockerfile and .dockerignore into `dir`. Writes nothing. */
export function planDockerfileSave(dir: string, options: DockerfileOptions): Promise<SavePreview> {
  return call<SavePreview>("plan_dockerfile_save", { dir, options });
}

/** Writes them (replaced files kept in History, undoable). */
export function applyDockerfileSave(dir: string, options: DockerfileOptions): Promise<Applied> {
  return call<Applied>("apply_dockerfile_save", { dir, options });
}

/** The engine card: whether a Docker engine answers, and the client's proxies and daemon DNS. */
export type DockerEngine = { engine: EngineStatus; config: EngineConfig };

/** Asks docker whether an engine answers and reads its proxy/DNS configuration. Read-only. */
export function dockerEngine(): Promise<DockerEngine> {
  return call<DockerEngine>("docker_engine");
}

/**
 * "Test build": the user's own `docker build` on the files generated from `options` for `dir`,
 * stored tokens passed as a build secret (never through here); `onProgress` receives each log
 * line with the steps done until this resolves with how it ended. `runId` lets the caller cancel.
 */
export async function runTestBuild(
  runId: string,
  dir: string,
  options: DockerfileOptions,
  onProgress: (progress: BuildProgress) => void,
): Promise<TestBuildReport> {
  const channel = new Channel<BuildProgress>();
  channel.onmessage = onProgress;
  try {
    return await call<TestBuildReport>("run_test_build", {
      runId,
      dir,
      options,
      onProgress: channel,
    });
  } finally {
    channel.onmessage = () => {};
  }
}

/** Stops Test build `runId`; resolves `false` when it is not running. */
export function cancelTestBuild(runId: string): Promise<boolean> {
  return call<boolean>("cancel_test_build", { runId });
}

/**
 * Where a team bundle comes from: a file path, an https URL or a link, an optional SHA-256 pin,
 * and the team key (base64 line) whose signature the bundle must then carry.
 */
export type BundleOrigin = { source: string; sha256?: string; pubkey?: string };

/** A token typed in the wizard for one of the bundle's hosts (sent to the keychain, never back). */
export type BundleToken = { host: string; token: string };

/** What applying the bundle would change, each risky item marked accepted or not. Writes nothing. */
export function previewBundle(origin: BundleOrigin, accepted: RiskCode[]): Promise<BundlePreview> {
  return call<BundlePreview>("preview_bundle", { origin, accepted });
}

/** Applies the bundle as one undoable entry, the typed tokens stored in the keychain with it. */
export function applyBundle(
  origin: BundleOrigin,
  accepted: RiskCode[],
  tokens: BundleToken[],
): Promise<BundleApplied> {
  return call<BundleApplied>("apply_bundle", { origin, accepted, tokens });
}

/** The effective setup as a bundle named `name` (no token, path or user name). Writes nothing. */
export function exportBundle(name: string): Promise<BundleExport> {
  return call<BundleExport>("export_bundle", { name });
}

/** Exports again and writes the bundle to the full file path `path`. */
export function saveBundleExport(name: string, path: string): Promise<BundleExport> {
  return call<BundleExport>("save_bundle_export", { name, path });
}

/**
 * Downloads the bundle's `verify.module` with the real go (throwaway module cache); `onLine`
 * receives each line go prints. `runId` is minted by the caller so it can cancel.
 */
export async function verifyBundle(
  runId: string,
  origin: BundleOrigin,
  onLine: (line: string) => void,
): Promise<ModuleDownloadReport> {
  const channel = new Channel<string>();
  channel.onmessage = onLine;
  try {
    return await call<ModuleDownloadReport>("verify_bundle", { runId, origin, onLine: channel });
  } finally {
    channel.onmessage = () => {};
  }
}

/** Stops verify run `runId`; resolves `false` when it is not running. */
export function cancelBundleVerify(runId: string): Promise<boolean> {
  return call<boolean>("cancel_bundle_verify", { runId });
}

/** Checks a pasted team public key: its fingerprint and the line to keep. Writes nothing. */
export function checkTeamKey(pubkey: string): Promise<TeamKeyInfo> {
  return call<TeamKeyInfo>("check_team_key", { pubkey });
}

/** A `goproxy-assistant://bundle?...` link the OS opened: parsed and validated in Rust, or refused. */
export type LinkOpened = { link: BundleLink } | { error: AppError };

/** The event Rust emits when a link arrives while the app runs (src-tauri/src/commands/bundle_link.rs). */
export const BUNDLE_LINK_EVENT = "bundle-link";

/** The link the OS opened that no one has taken yet (then `null`); each link is handed over once. */
export function takeBundleLink(): Promise<LinkOpened | null> {
  return call<LinkOpened | null>("take_bundle_link");
}

/**
 * Calls `handler` with every link the OS opens: the one that started the app, if any, right
 * away, then each link a second launch hands over. Returns the function that stops listening.
 */
export async function onBundleLink(handler: (opened: LinkOpened) => void): Promise<UnlistenFn> {
  const deliver = async () => {
    const opened = await takeBundleLink();
    if (opened) handler(opened);
  };
  // Listen first, then take: a link arriving in between is taken by one of the two, never lost.
  const unlisten = await listen(BUNDLE_LINK_EVENT, () => void deliver());
  await deliver();
  return unlisten;
}
