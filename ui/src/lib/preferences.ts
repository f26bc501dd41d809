// Small persisted UI choices (language, theme). Storage can be unavailable; then nothing persists.

export const LOCALE_KEY = "goproxy-assistant.locale";
export const THEME_KEY = "goproxy-assistant.theme";

export function readPreference(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function writePreference(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Storage disabled: the choice lasts for this session only.
  }
}
