// Light / dark theme: follows prefers-color-scheme unless the user picks one (persisted).
// The stylesheet reads `data-theme` on <html>; before this runs it follows the system by itself.
import { readPreference, writePreference, THEME_KEY } from "$lib/preferences";

export const THEME_CHOICES = ["system", "light", "dark"] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];
export type Theme = "light" | "dark";

const DARK_QUERY = "(prefers-color-scheme: dark)";

function isThemeChoice(value: unknown): value is ThemeChoice {
  return typeof value === "string" && (THEME_CHOICES as readonly string[]).includes(value);
}

function systemPrefersDark(): boolean {
  return typeof window !== "undefined" && !!window.matchMedia?.(DARK_QUERY).matches;
}

class ThemeState {
  choice = $state<ThemeChoice>("system");
  systemDark = $state(false);
  #stopWatching: (() => void) | null = null;

  get effective(): Theme {
    if (this.choice === "system") return this.systemDark ? "dark" : "light";
    return this.choice;
  }

  /** Reads the stored choice, starts following the system setting and applies the result. */
  start(): void {
    const stored = readPreference(THEME_KEY);
    this.choice = isThemeChoice(stored) ? stored : "system";
    this.systemDark = systemPrefersDark();
    this.#stopWatching?.();
    const query = window.matchMedia?.(DARK_QUERY);
    if (query) {
      const onChange = (event: MediaQueryListEvent) => {
        this.systemDark = event.matches;
        this.apply();
      };
      query.addEventListener("change", onChange);
      this.#stopWatching = () => query.removeEventListener("change", onChange);
    }
    this.apply();
  }

  set(choice: ThemeChoice): void {
    this.choice = choice;
    writePreference(THEME_KEY, choice);
    this.apply();
  }

  apply(): void {
    const root = document.documentElement;
    root.dataset.theme = this.effective;
    root.dataset.themeChoice = this.choice;
  }
}

export const theme = new ThemeState();
