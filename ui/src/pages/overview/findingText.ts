// A finding's localised words, built from its code and params (never from the English message).
import type { Finding } from "$lib/bindings/Finding";
import { fill } from "$lib/i18n/locale";
import type { FindingText, Messages } from "$lib/i18n/types";

export function findingText(finding: Finding, m: Messages): FindingText {
  const params: Record<string, string> = { ...finding.params };
  if (params.key === undefined && finding.key !== undefined) params.key = finding.key;
  const text = m.findingTexts[finding.code];
  return {
    title: fill(text.title, params),
    why: fill(text.why, params),
    more: fill(text.more, params),
  };
}

/** A stable identity for a finding within one detection (the same code can occur for two keys). */
export function findingId(finding: Finding): string {
  return finding.key ? `${finding.code}:${finding.key}` : finding.code;
}
