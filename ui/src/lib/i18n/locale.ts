import type { Plural } from "./types";

export const LOCALES = ["en", "zh-CN"] as const;
export type Locale = (typeof LOCALES)[number];

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** Maps one BCP 47 tag to a supported locale, or null when we have no translation for it. */
export function matchLocale(tag: string): Locale | null {
  const [language, ...rest] = tag.trim().toLowerCase().replace(/_/g, "-").split("-");
  if (language === "en") return "en";
  if (language !== "zh") return null;
  // Traditional Chinese (zh-Hant, zh-TW, zh-HK, zh-MO) is not translated yet.
  if (rest.includes("hant")) return null;
  if (rest.includes("hans")) return "zh-CN";
  if (rest.some((subtag) => subtag === "tw" || subtag === "hk" || subtag === "mo")) return null;
  return "zh-CN";
}

/** The first supported locale in the user's preference list (`navigator.languages`), else English. */
export function resolveLocale(preferred: readonly string[]): Locale {
  for (const tag of preferred) {
    const locale = matchLocale(tag);
    if (locale) return locale;
  }
  return "en";
}

/** Replaces `{name}` with `params.name`; a missing value shows as an ellipsis, never as `{name}`. */
export function fill(
  template: string,
  params: Readonly<Record<string, string | number>> = {},
): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    return value === undefined ? "…" : String(value);
  });
}

/** Picks the plural form for `count` and fills `{count}` and any other params. */
export function plural(
  locale: Locale,
  forms: Plural,
  count: number,
  params: Readonly<Record<string, string | number>> = {},
): string {
  const form = new Intl.PluralRules(locale).select(count) === "one" ? forms.one : forms.other;
  return fill(form, { ...params, count });
}
