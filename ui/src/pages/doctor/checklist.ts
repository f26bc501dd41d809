// The endpoint checklist: endpoints keyed by role and URL, filled in as the check streams them,
// and each one's four steps (DNS, TCP, TLS, HTTP) as cells with a state.
import type { DoctorCode } from "$lib/bindings/DoctorCode";
import type { EndpointCheck } from "$lib/bindings/EndpointCheck";
import type { StepKind } from "$lib/bindings/StepKind";

export const STEPS: readonly StepKind[] = ["dns", "tcp", "tls", "http"];

/** ok/failed: the step settled; pending: not yet; skipped: an earlier step failed; none: not used (no TLS for http://). */
export type StepState = "ok" | "failed" | "pending" | "skipped" | "none";

export type StepCell = {
  step: StepKind;
  state: StepState;
  ms?: number;
  code?: DoctorCode;
  status?: number;
};

/** listed: shown without a check (its `note` says why). */
export type EndpointState = "ok" | "failed" | "checking" | "listed";

export function endpointKey(endpoint: Pick<EndpointCheck, "role" | "url">): string {
  return `${endpoint.role} ${endpoint.url}`;
}

/** `list` with `update` in place of the endpoint it updates, or added at the end. */
export function mergeEndpoint(list: EndpointCheck[], update: EndpointCheck): EndpointCheck[] {
  const key = endpointKey(update);
  const at = list.findIndex((endpoint) => endpointKey(endpoint) === key);
  if (at < 0) return [...list, update];
  const next = list.slice();
  next[at] = update;
  return next;
}

/** The final list in the order the live list showed it, so rows do not jump at the end. */
export function settle(live: EndpointCheck[], final: EndpointCheck[]): EndpointCheck[] {
  return final.reduce(mergeEndpoint, live).filter((endpoint) => {
    const key = endpointKey(endpoint);
    return final.some((f) => endpointKey(f) === key);
  });
}

/** A step failed: the endpoint is unreachable however the rest went. */
function failedStep(endpoint: EndpointCheck): boolean {
  return endpoint.steps.some((step) => !step.ok);
}

/** `checking` is true while the check runs; an endpoint still marked running then is in progress. */
export function endpointState(endpoint: EndpointCheck, checking: boolean): EndpointState {
  if (failedStep(endpoint)) return "failed";
  if (endpoint.note !== undefined) return "listed";
  if (endpoint.ok) return "ok";
  return checking && endpoint.running !== false ? "checking" : "failed";
}

export function stepCells(endpoint: EndpointCheck, checking: boolean): StepCell[] {
  const state = endpointState(endpoint, checking);
  return STEPS.map((step) => {
    const result = endpoint.steps.find((s) => s.step === step);
    if (result) {
      const cell: StepCell = { step, state: result.ok ? "ok" : "failed", ms: result.ms };
      if (result.code !== undefined) cell.code = result.code;
      if (result.status !== undefined) cell.status = result.status;
      return cell;
    }
    if (state === "checking") return { step, state: "pending" };
    if (state === "ok" || state === "listed") return { step, state: "none" };
    return { step, state: "skipped" };
  });
}

/** How many endpoints are unreachable (only settled ones count while the check runs). */
export function unreachableCount(endpoints: EndpointCheck[], checking: boolean): number {
  return endpoints.filter((endpoint) => endpointState(endpoint, checking) === "failed").length;
}
