// Words for a change's summary and lines, in the current language, from their codes.
import type { ChangeLine } from "$lib/bindings/ChangeLine";
import type { Summary } from "$lib/bindings/Summary";
import { fill, i18n } from "$lib/i18n/i18n.svelte";

/** One line saying what a change does (an entry from an earlier version keeps its own words). */
export function summaryText(summary: Summary): string {
  if (typeof summary === "string") return summary;
  const words = i18n.m.change.summary;
  const list = (items: string[]) => items.join(i18n.m.common.listSeparator);
  switch (summary.code) {
    case "env_change": {
      const parts = [];
      if (summary.set.length > 0) {
        const pairs = summary.set.map((a) => `${a.key}=${a.value}`);
        parts.push(fill(words.envSet, { pairs: list(pairs) }));
      }
      if (summary.unset.length > 0) parts.push(fill(words.envUnset, { keys: list(summary.unset) }));
      return parts.join(words.separator);
    }
    case "composite":
      return summary.parts.map(summaryText).join(words.separator);
    case "bundle_apply":
      return [
        fill(words.bundleApply, { name: summary.name }),
        ...summary.parts.map(summaryText),
      ].join(words.separator);
    case "token_store":
    case "token_replace":
      return (
        fill(words[summary.code], { host: summary.host, user: summary.user }) +
        (summary.netrc ? words.alsoNetrc : "")
      );
    case "netrc_set":
      return fill(words.netrc_set, { login: summary.login, machines: list(summary.machines) });
    case "netrc_remove":
      return fill(words.netrc_remove, { machines: list(summary.machines) });
    case "project_files_save":
      return fill(words.project_files_save, { dir: summary.dir, files: list(summary.files) });
    case "mirror_add":
    case "mirror_remove":
    case "token_delete":
    case "git_config_set":
      return fill(words[summary.code], summary);
  }
}

/** What a line is about: a go env key as it is, other kinds named. */
export function lineKey(line: ChangeLine): string {
  return fill(i18n.m.change.lineKey[line.kind], { key: line.key });
}

/** A line's value for display: a keychain line says "a token", never shows one. */
export function lineValue(line: ChangeLine, value: string): string {
  return line.kind === "keychain" ? i18n.m.change.token : value;
}
