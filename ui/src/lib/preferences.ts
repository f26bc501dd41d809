// Small persisted UI choices (language, theme, the benchmarked project folder). Storage can be unavailable; then nothing persists.

export const LOCALE_KEY = "goproxy-assistant.locale";
export const THEME_KEY = "goproxy-assistant.theme";
/** The last project folder the Mirrors page benchmarked. */
export const BENCH_PROJECT_KEY = "goproxy-assistant.bench-project";
export const DOCTOR_PROJECT_KEY = "goproxy-assistant.doctor-project";
/** The last Go module folder the Docker page opened. */
export const DOCKER_PROJECT_KEY = "goproxy-assistant.docker-project";
/** The team public key (minisign base64 line, public by nature) bundles must be signed with. */
export const TEAM_KEY_KEY = "goproxy-assistant.team-key";

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
