// The Docker page's one-line verdict: which project the preview is for and what it builds, or
// what to do first.
import type { FinalImage } from "$lib/bindings/FinalImage";
import type { Tone } from "$lib/components/status";
import { fill, plural, type Locale } from "$lib/i18n/locale";
import type { Messages } from "$lib/i18n/types";

export type DockerVerdict = { text: string; tone?: Tone };

export type DockerFacts = {
  opening: boolean;
  generating: boolean;
  /** The module path of the open project, null when none is open. */
  module: string | null;
  /** The preview is there (and is for the current options unless `generating`). */
  generated: boolean;
  warnings: number;
  finalImage: FinalImage;
  platforms: string[];
  /** An error at an input (`invalid`) or one that names none (`failed`). */
  problem: "invalid" | "failed" | null;
};

export function dockerVerdict(m: Messages, locale: Locale, facts: DockerFacts): DockerVerdict {
  const d = m.docker;
  if (facts.opening) return { text: d.verdictInspecting };
  if (facts.problem === "invalid") return { text: d.verdictInvalid, tone: "attention" };
  if (facts.problem === "failed") return { text: d.verdictFailed, tone: "problem" };
  if (facts.module === null) return { text: d.verdictPick };
  if (!facts.generated) return { text: d.verdictGenerating };
  const ready = fill(d.verdictReady, {
    module: facts.module,
    final: d.options.finals[facts.finalImage],
    platforms:
      facts.platforms.length > 0 ? facts.platforms.join(m.common.listSeparator) : d.nativePlatform,
  });
  if (facts.warnings === 0) return { text: ready, tone: "good" };
  return {
    text: ready + m.common.clauseSeparator + plural(locale, d.verdictWarnings, facts.warnings),
    tone: "attention",
  };
}
