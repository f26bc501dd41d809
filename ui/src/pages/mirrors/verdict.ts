// The one-line answer at the top of the Mirrors page.
import type { BenchReport } from "$lib/bindings/BenchReport";
import type { Tone } from "$lib/components/status";
import type { MirrorsMessages } from "$lib/i18n/mirrors-types";
import { fill } from "$lib/i18n/locale";
import { formatMs, latency, type LiveRun } from "./rows";

export function mirrorsVerdict(
  m: MirrorsMessages,
  live: LiveRun | null,
  report: BenchReport | null,
): { text: string; tone?: Tone } {
  if (live) return { text: fill(m.measuring, { count: live.mirrors.length || "…" }) };
  if (!report) return { text: m.notMeasured };
  const best = report.mirrors.find((r) => r.rank === 1);
  if (!best || !report.recommendation) return { text: m.noneUsable, tone: "problem" };
  const p50 = latency(best).p50;
  const text = fill(m.fastest, { name: best.name, ms: p50 === undefined ? "…" : formatMs(p50) });
  if (report.cancelled) return { text: `${m.cancelledRun}; ${text}`, tone: "attention" };
  return { text, tone: "good" };
}
