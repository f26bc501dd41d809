// Words for the engine card and the Test build result, by code and params (Rust sends no
// sentence the page shows).
import type { EngineFinding } from "$lib/bindings/EngineFinding";
import type { TestBuildReport } from "$lib/bindings/TestBuildReport";
import type { DockerMessages } from "$lib/i18n/docker-types";
import { fill } from "$lib/i18n/locale";

/** One engine finding in the page's language; a `source` param is named, not shown as a code. */
export function engineFindingText(finding: EngineFinding, m: DockerMessages["engine"]): string {
  const params = { ...finding.params };
  const source = params.source;
  if (source === "environment" || source === "client_config") params.source = m.sources[source];
  if (params.names) params.names = params.names.split(",").join(", ");
  return fill(m.findings[finding.code], params);
}

/** `built in 12.4 s`-style result line of a finished build. */
export function buildResultText(report: TestBuildReport, m: DockerMessages["testBuild"]): string {
  const status = m.status[report.status];
  if (report.ms <= 0) return status;
  return `${status} ${fill(m.took, { secs: (report.ms / 1000).toFixed(1) })}`;
}

/** The progress sentence: steps done of those BuildKit announced so far. */
export function progressText(done: number, total: number, m: DockerMessages["testBuild"]): string {
  return total > 0 ? fill(m.progress, { done, total }) : m.starting;
}
