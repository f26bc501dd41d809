// Stands in for src/lib/ipc in the dev preview (dev/vite.config.ts): answers from fixtures with a
// little latency, and keeps a history in memory so Fix → Apply → Undo can be tried in a browser.
import type { Detection } from "$lib/bindings/Detection";
import type { EnvOp } from "$lib/bindings/EnvOp";
import type { HistoryEntry } from "$lib/bindings/HistoryEntry";
import type { Plan } from "$lib/bindings/Plan";
import {
  detectionWithWarnings,
  detectionWithoutGo,
  GOENV_PATH,
  historyEntries,
} from "../src/testing/fixtures";

export { toAppError, type AppError } from "../src/lib/ipc/app-error";

const params = new URLSearchParams(location.search);
const scenario = params.get("scenario") ?? "warnings";
const latency = Number(params.get("latency") ?? 250);
const history: HistoryEntry[] = scenario === "empty-history" ? [] : historyEntries();
let goproxy = "https://goproxy.cn";

const wait = () => new Promise((resolve) => setTimeout(resolve, latency));

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
    changes: ops.map((op) => ({
      key: op.key,
      old: goproxy,
      new: op.op === "set" ? op.value : undefined,
    })),
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

export async function applyEnvChange(ops: EnvOp[]): Promise<HistoryEntry> {
  await wait();
  const entry: HistoryEntry = {
    id: `preview-${Date.now()}`,
    time_ms: Date.now(),
    summary: ops
      .map((op) => (op.op === "set" ? `env set ${op.key}=${op.value}` : `env unset ${op.key}`))
      .join("; "),
    parts: [{ kind: "file", path: GOENV_PATH }],
    changes: ops.map((op) => ({
      key: op.key,
      old: goproxy,
      new: op.op === "set" ? op.value : undefined,
    })),
  };
  const first = ops[0];
  if (first?.op === "set") goproxy = first.value;
  history.unshift(entry);
  return entry;
}

export async function listHistory(): Promise<HistoryEntry[]> {
  await wait();
  return history;
}

export async function undoChange(id: string): Promise<HistoryEntry> {
  await wait();
  const entry = history.find((e) => e.id === id);
  if (!entry || entry.undone_at_ms !== undefined) {
    throw { code: "nothing_to_undo", message: `no change ${id} to undo` };
  }
  const old = entry.changes[0]?.old;
  if (old !== undefined) goproxy = old;
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

export async function addMirror(mirror: CustomMirror): Promise<HistoryEntry> {
  await wait();
  if (!/^https?:\/\//.test(mirror.url)) {
    throw { code: "invalid_input", field: "url", message: `${mirror.url}: not an http(s) URL` };
  }
  return applyEnvChange([]);
}

export async function removeMirror(_name: string): Promise<HistoryEntry> {
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
