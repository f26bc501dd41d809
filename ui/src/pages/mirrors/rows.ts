// Pure logic of the Mirrors page: rows that fill in live from benchmark events, the figures shown
// per mirror, error classes in words, and the switch a recommendation or a row stands for.
import type { BenchEvent } from "$lib/bindings/BenchEvent";
import type { BenchReport } from "$lib/bindings/BenchReport";
import type { ConnectTimings } from "$lib/bindings/ConnectTimings";
import type { ErrorClass } from "$lib/bindings/ErrorClass";
import type { MirrorEntry } from "$lib/bindings/MirrorEntry";
import type { MirrorRef } from "$lib/bindings/MirrorRef";
import type { MirrorResult } from "$lib/bindings/MirrorResult";
import type { MirrorSwitch } from "$lib/bindings/MirrorSwitch";
import type { Recommendation } from "$lib/bindings/Recommendation";
import type { MirrorsMessages } from "$lib/i18n/mirrors-types";
import { fill } from "$lib/i18n/locale";

/** What the probe events of one mirror have shown so far. */
export type LiveStats = {
  requests: number;
  failures: number;
  connect?: ConnectTimings;
  ttfbMs?: number;
  lastError?: ErrorClass;
};

/** A run in progress, as the events describe it. */
export type LiveRun = {
  mirrors: MirrorRef[];
  done: number;
  planned: number;
  stats: Record<string, LiveStats>;
  results: Record<string, MirrorResult>;
};

export type Row = {
  name: string;
  url: string;
  entry?: MirrorEntry;
  state: "idle" | "waiting" | "measuring" | "done";
  live?: LiveStats;
  result?: MirrorResult;
};

export function emptyRun(): LiveRun {
  return { mirrors: [], done: 0, planned: 0, stats: {}, results: {} };
}

/** The run after `event` (a new object, so Svelte sees the change). */
export function applyEvent(run: LiveRun, event: BenchEvent): LiveRun {
  switch (event.event) {
    case "started":
      return { ...emptyRun(), mirrors: event.mirrors, planned: event.planned_requests };
    case "progress":
      return { ...run, done: event.done, planned: event.planned };
    case "probe": {
      const before = run.stats[event.mirror] ?? { requests: 0, failures: 0 };
      const after: LiveStats = {
        requests: before.requests + 1,
        failures: before.failures + (event.error ? 1 : 0),
        connect: event.timings?.connect ?? before.connect,
        ttfbMs: event.timings?.ttfb_ms ?? before.ttfbMs,
        lastError: event.error ? toClass(event.error) : before.lastError,
      };
      return { ...run, stats: { ...run.stats, [event.mirror]: after } };
    }
    case "mirror_done":
      return { ...run, results: { ...run.results, [event.result.url]: event.result } };
    case "finished":
      return run;
  }
}

function toClass(error: ErrorClass): ErrorClass {
  switch (error.class) {
    case "timeout":
      return { class: "timeout", phase: error.phase };
    case "http_status":
      return { class: "http_status", code: error.code };
    case "body":
      return { class: "body", problem: error.problem };
    default:
      return { class: error.class };
  }
}

/**
 * The table: while running, the run's mirrors in their order; after it, the report's ranking;
 * candidates not measured come last.
 */
export function buildRows(
  candidates: MirrorEntry[],
  live: LiveRun | null,
  report: BenchReport | null,
): Row[] {
  const entryOf = (url: string) => candidates.find((c) => c.url === url);
  const rows: Row[] = [];
  if (live) {
    for (const m of live.mirrors) {
      const result = live.results[m.url];
      const stats = live.stats[m.name];
      rows.push({
        name: m.name,
        url: m.url,
        entry: entryOf(m.url),
        state: result ? "done" : stats ? "measuring" : "waiting",
        live: stats,
        result,
      });
    }
  } else if (report) {
    for (const result of report.mirrors) {
      rows.push({
        name: result.name,
        url: result.url,
        entry: entryOf(result.url),
        state: "done",
        result,
      });
    }
  }
  for (const entry of candidates) {
    if (!rows.some((row) => row.url === entry.url)) {
      rows.push({ name: entry.name, url: entry.url, entry, state: "idle" });
    }
  }
  return rows;
}

function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Median over the request kinds of p50 and p90 (what the CLI prints too). */
export function latency(result: MirrorResult): { p50?: number; p90?: number } {
  return {
    p50: median(result.kinds.flatMap((k) => (k.p50_ms === undefined ? [] : [k.p50_ms]))),
    p90: median(result.kinds.flatMap((k) => (k.p90_ms === undefined ? [] : [k.p90_ms]))),
  };
}

export function formatMs(ms: number): string {
  return ms >= 10 ? Math.round(ms).toString() : ms.toFixed(1);
}

/** An error class in words. */
export function errorWords(m: MirrorsMessages, error: ErrorClass): string {
  switch (error.class) {
    case "timeout":
      return m.timeoutPhases[error.phase];
    case "http_status":
      return fill(m.httpStatus, { code: String(error.code) });
    case "body":
      return m.bodyProblems[error.problem];
    default:
      return m.errorClasses[error.class];
  }
}

/** The one-sentence explanation of a score, from its code and figures. */
export function scoreWords(m: MirrorsMessages, result: MirrorResult): string | undefined {
  const score = result.score;
  if (!score) return undefined;
  return fill(m.scoreSentence, {
    factor: m.scoreFactors[score.dominant],
    seconds: (score.total_ms / 1000).toFixed(1),
  });
}

/** The GOPROXY entries of a recommendation (`A|B,direct` → A, B, direct). */
export function recommendedSwitch(rec: Recommendation): MirrorSwitch {
  const mirrors = rec.goproxy.split(/[|,]/).filter((entry) => entry !== "");
  return rec.gosumdb === undefined
    ? { mirrors, failover: true }
    : { mirrors, failover: true, gosumdb: rec.gosumdb };
}

/** One mirror, then direct; GOSUMDB as the recommendation says (it depends on the network). */
export function rowSwitch(url: string, rec: Recommendation | undefined): MirrorSwitch {
  const mirrors = [url, "direct"];
  return rec?.gosumdb === undefined
    ? { mirrors, failover: false }
    : { mirrors, failover: false, gosumdb: rec.gosumdb };
}
