// A refused bundle, worded by its rule code in the user's language (Rust's sentence is English and
// stays in the details). Codes come from `RefusalCode`, `SourceCode` and `SignatureCode`.
import type { TeamMessages } from "$lib/i18n/team-types";
import type { AppError } from "$lib/ipc";

export type RefusalView = { field: string; text: string; code: string };

/** The refusal's field and sentence, or null when the error carries no bundle rule we word. */
export function refusalView(error: AppError, m: TeamMessages): RefusalView | null {
  const code = error.rule;
  if (code === undefined || !Object.hasOwn(m.refusals, code)) return null;
  return {
    code,
    field: error.field ?? "bundle",
    text: m.refusals[code as keyof TeamMessages["refusals"]],
  };
}
