// Mirrors-page values in the shapes of the generated bindings, for tests and the dev preview.
import type { BenchReport } from "$lib/bindings/BenchReport";
import type { MirrorEntry } from "$lib/bindings/MirrorEntry";
import type { MirrorResult } from "$lib/bindings/MirrorResult";

export const FAST = "https://goproxy.cn";
export const CORP = "https://goproxy.corp.example.com";
export const BAD = "http://127.0.0.1:9";

export function mirrorEntries(): MirrorEntry[] {
  return [
    { name: "goproxy.cn", url: FAST, origin: "catalogue", in_goproxy: true, operator: "Qiniu" },
    { name: "corp", url: CORP, origin: "custom", in_goproxy: false },
    { name: "broken", url: BAD, origin: "custom", in_goproxy: false },
  ];
}

export function fastResult(): MirrorResult {
  return {
    name: "goproxy.cn",
    url: FAST,
    rank: 1,
    connect: { dns_ms: 3, connect_ms: 12, tls_ms: 20 },
    connections: 4,
    kinds: [
      { kind: "info", attempts: 12, ok: 12, p50_ms: 38, p90_ms: 60, ttfb_p50_ms: 35 },
      { kind: "mod", attempts: 12, ok: 12, p50_ms: 38, p90_ms: 70 },
    ],
    success_rate: 1,
    errors: [],
    sumdb_relay: true,
    stale: [],
    throughput: {
      module: "golang.org/x/text@v0.14.0",
      bytes: 4194304,
      ms: 1000,
      bytes_per_sec: 4194304,
      stable: true,
    },
    score: {
      total_ms: 5400,
      metadata_ms: 1500,
      transfer_ms: 3900,
      penalty_ms: 0,
      dominant: "transfer",
      explanation: "ENGLISH-EXPLANATION",
    },
  };
}

export function benchReport(): BenchReport {
  return {
    started_at_ms: Date.UTC(2026, 10, 21, 9, 30),
    elapsed_ms: 4200,
    cancelled: false,
    deadline_hit: false,
    mirrors: [
      fastResult(),
      {
        ...fastResult(),
        name: "corp",
        url: CORP,
        rank: 2,
        kinds: [{ kind: "info", attempts: 12, ok: 11, p50_ms: 90, p90_ms: 150 }],
        success_rate: 0.92,
        errors: [{ class: "timeout", phase: "first_byte", count: 1, example: "timed out" }],
        throughput: undefined,
      },
      {
        name: "broken",
        url: BAD,
        connections: 0,
        kinds: [],
        success_rate: 0,
        errors: [{ class: "connect", count: 12, example: "refused" }],
        stale: [],
        disqualified: { reason: "unreachable", message: "ENGLISH-MESSAGE" },
      },
    ],
    sumdb: [],
    recommendation: {
      goproxy: `${FAST}|${CORP},direct`,
      mirrors: ["goproxy.cn", "corp"],
      gosumdb: "sum.golang.google.cn",
      reason: "ENGLISH-REASON",
      gosumdb_reason: "ENGLISH-GOSUMDB-REASON",
    },
  };
}
