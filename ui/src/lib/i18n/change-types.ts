import type { Interruption } from "$lib/bindings/Interruption";
import type { LineKind } from "$lib/bindings/LineKind";
import type { Summary } from "$lib/bindings/Summary";
import type { Plural } from "./types";

/** The codes of coded summaries (a plain string is an entry from an earlier version). */
export type SummaryCode = Exclude<Summary, string>["code"];

/** How changes are worded in plan dialogs, toasts and History. */
export type ChangeMessages = {
  /** One line per summary code; `{...}` are the summary's parameters. */
  summary: Record<Exclude<SummaryCode, "env_change" | "composite" | "bundle_apply">, string> & {
    envSet: string;
    envUnset: string;
    /** Joins the parts of an env change or a composite change. */
    separator: string;
    /** A team bundle applied; followed by its parts. `{name}` is the bundle's name. */
    bundleApply: string;
    /** Appended to token_store / token_replace when the token also went to the .netrc. */
    alsoNetrc: string;
  };
  /** A line's subject by kind; `{key}` is the line's key. */
  lineKey: Record<LineKind, string>;
  /** The value of a keychain line: a token is there (never the token itself). */
  token: string;
  interrupted: Record<Interruption, string>;
  /** History files that could not be read (listed by name, left as they are). */
  unreadable: Plural;
};
