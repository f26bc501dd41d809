// What the Overview verdict says, worked out from a Detection (words are added by the page).
import type { Detection } from "$lib/bindings/Detection";
import type { Finding } from "$lib/bindings/Finding";
import type { Tone } from "$lib/components/status";

export type ProxySummary =
  | { kind: "off" }
  | { kind: "direct" }
  | { kind: "empty" }
  | { kind: "proxy"; first: string; rest: string[] };

/** `https://goproxy.cn/` → `goproxy.cn`; other schemes and paths are kept so nothing is hidden. */
export function displayProxyEntry(entry: string): string {
  const match = /^https:\/\/([^/]+)(\/.*)?$/.exec(entry);
  if (!match) return entry;
  const path = (match[2] ?? "").replace(/\/+$/, "");
  return `${match[1]}${path}`;
}

/** Reads GOPROXY the way Go walks it: entries split on `,` or `|`, nothing after `direct`/`off`. */
export function summarizeGoproxy(value: string | undefined): ProxySummary {
  const entries = (value ?? "")
    .split(/[,|]/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  const [first, ...others] = entries;
  if (first === undefined) return { kind: "empty" };
  if (first === "off") return { kind: "off" };
  if (first === "direct") return { kind: "direct" };
  const rest: string[] = [];
  for (const entry of others) {
    rest.push(displayProxyEntry(entry));
    if (entry === "direct" || entry === "off") break;
  }
  return { kind: "proxy", first: displayProxyEntry(first), rest };
}

export function countBySeverity(findings: readonly Finding[]): {
  errors: number;
  warnings: number;
} {
  let errors = 0;
  let warnings = 0;
  for (const finding of findings) {
    if (finding.severity === "error") errors++;
    else if (finding.severity === "warning") warnings++;
  }
  return { errors, warnings };
}

export function goIsMissing(detection: Detection): boolean {
  return (
    detection.installations.length === 0 ||
    detection.findings.some((finding) => finding.code === "go_not_found")
  );
}

export function overviewTone(detection: Detection): Tone {
  if (goIsMissing(detection)) return "problem";
  const { errors, warnings } = countBySeverity(detection.findings);
  if (errors > 0) return "problem";
  if (warnings > 0) return "attention";
  return "good";
}
