// A Doctor finding as the page shows it: words from the catalogue by code (never Rust's English
// sentence), the first modules and log lines with a count of the rest, and its fix.
import type { DoctorFinding } from "$lib/bindings/DoctorFinding";
import type { EnvOp } from "$lib/bindings/EnvOp";
import type { DoctorCodeText, DoctorMessages } from "$lib/i18n/doctor-types";
import { fill } from "$lib/i18n/locale";

export const SHOWN_MODULES = 5;
export const SHOWN_LINES = 6;

export type FindingView = DoctorCodeText & {
  modules: string[];
  moreModules: number;
  lines: number[];
  moreLines: number;
  /** go env ops the fix button plans; null for a manual fix. */
  ops: EnvOp[] | null;
  /** Rust's manual advice (English, with paths and values): shown as technical details. */
  hint: string | null;
  /** The advice for a value the OS environment sets, in the page's language (from `params`). */
  shadowed: string | null;
};

export function findingView(finding: DoctorFinding, m: DoctorMessages): FindingView {
  const text = m.codes[finding.code];
  return {
    title: text.title,
    why: text.why,
    fix: text.fix,
    modules: finding.modules.slice(0, SHOWN_MODULES),
    moreModules: Math.max(0, finding.modules.length - SHOWN_MODULES),
    lines: finding.lines.slice(0, SHOWN_LINES),
    moreLines: Math.max(0, finding.lines.length - SHOWN_LINES),
    ops: finding.fix.kind === "go_env" && finding.fix.ops.length > 0 ? finding.fix.ops : null,
    hint: finding.fix.kind === "manual" && finding.fix.hint.trim() !== "" ? finding.fix.hint : null,
    shadowed: shadowedText(finding, m),
  };
}

/** `params` of a fix the OS environment would shadow, worded (null for any other finding). */
function shadowedText(finding: DoctorFinding, m: DoctorMessages): string | null {
  const { env_key: key, env_value: value, files, env_set: target } = finding.params;
  if (finding.fix.kind !== "manual" || !key || value === undefined) return null;
  const place = files || m.findings.shadowedPlace;
  return target === undefined
    ? fill(m.findings.shadowedUnset, { key, value, place })
    : fill(m.findings.shadowedSet, { key, value, place, target });
}

/** `GOPROXY=https://…` or `reset GOFLAGS`, in the page's language. */
export function opText(op: EnvOp, m: DoctorMessages): string {
  return op.op === "set"
    ? fill(m.findings.setOp, { key: op.key, value: op.value })
    : fill(m.findings.unsetOp, { key: op.key });
}

/** Identifies a finding within one explanation (the same code can come for two hosts). */
export function findingKey(finding: DoctorFinding, index: number): string {
  return `${finding.code}|${finding.host ?? ""}|${index}`;
}
