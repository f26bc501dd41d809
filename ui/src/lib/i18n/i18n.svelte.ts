// The current language: chosen by the user (persisted) or resolved from the system locale.
import { readPreference, writePreference, LOCALE_KEY } from "$lib/preferences";
import { en } from "./en";
import { isLocale, resolveLocale, type Locale } from "./locale";
import type { Messages } from "./types";
import { zhCN } from "./zh-CN";

export const catalogs: Record<Locale, Messages> = { en, "zh-CN": zhCN };

function systemLanguages(): readonly string[] {
  if (typeof navigator === "undefined") return [];
  return navigator.languages?.length ? navigator.languages : [navigator.language];
}

export function initialLocale(): Locale {
  const stored = readPreference(LOCALE_KEY);
  return isLocale(stored) ? stored : resolveLocale(systemLanguages());
}

class I18n {
  locale = $state<Locale>(initialLocale());

  /** The messages of the current language. Reading it in a component makes the component follow changes. */
  get m(): Messages {
    return catalogs[this.locale];
  }

  set(locale: Locale): void {
    this.locale = locale;
    writePreference(LOCALE_KEY, locale);
    this.applyToDocument();
  }

  /** Re-reads the stored or system choice (tests, and app start). */
  reload(): void {
    this.locale = initialLocale();
    this.applyToDocument();
  }

  applyToDocument(): void {
    if (typeof document !== "undefined") document.documentElement.lang = this.locale;
  }
}

export const i18n = new I18n();
export { fill, plural, type Locale } from "./locale";
