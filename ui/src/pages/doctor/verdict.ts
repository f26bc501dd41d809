// The Doctor's one-line verdict: what the endpoint check and the explained log found, worst first.
import type { EndpointCheck } from "$lib/bindings/EndpointCheck";
import type { LogExplanation } from "$lib/bindings/LogExplanation";
import type { Tone } from "$lib/components/status";
import { fill, plural, type Locale } from "$lib/i18n/locale";
import type { Messages } from "$lib/i18n/types";
import { unreachableCount } from "./checklist";

export type DoctorVerdict = { text: string; tone?: Tone };

export type DoctorFacts = {
  checking: boolean;
  /** The endpoint check has run at least once (or is running). */
  checked: boolean;
  endpoints: EndpointCheck[];
  explanation: LogExplanation | null;
  /** How the latest run of go mod download ended (null: none ran, or it was cancelled). */
  runOk?: boolean | null;
};

const RANK: Record<Tone, number> = { good: 0, attention: 1, problem: 2 };

function worst(a: Tone | undefined, b: Tone | undefined): Tone | undefined {
  if (!a) return b;
  if (!b) return a;
  return RANK[b] > RANK[a] ? b : a;
}

export function doctorVerdict(m: Messages, locale: Locale, facts: DoctorFacts): DoctorVerdict {
  const d = m.doctor;
  const parts: DoctorVerdict[] = [];
  const count = facts.endpoints.length;
  if (facts.checking) {
    parts.push({ text: count > 0 ? plural(locale, d.verdictChecking, count) : d.checking });
  } else if (facts.checked) {
    const failed = unreachableCount(facts.endpoints, false);
    if (count === 0) parts.push({ text: d.verdictNoEndpoints });
    else if (failed > 0) {
      parts.push({ text: fill(d.verdictUnreachable, { failed, count }), tone: "problem" });
    } else {
      parts.push({ text: plural(locale, d.verdictAllReachable, count), tone: "good" });
    }
  }
  const explanation = facts.explanation;
  if (explanation) {
    const findings = explanation.findings;
    if (findings.length === 0) parts.push({ text: d.verdictNothingFound });
    else {
      const tone = findings.some((f) => f.severity === "error") ? "problem" : "attention";
      parts.push({ text: plural(locale, d.verdictFindings, findings.length), tone });
    }
  }
  if (facts.runOk === true) parts.push({ text: d.verdictRunOk, tone: "good" });
  if (facts.runOk === false) parts.push({ text: d.verdictRunFailed, tone: "problem" });
  if (parts.length === 0) return { text: d.verdictIdle };
  const tone = parts.reduce<Tone | undefined>((t, part) => worst(t, part.tone), undefined);
  const text = parts.map((part) => part.text).join(m.common.clauseSeparator);
  return tone ? { text, tone } : { text };
}
