// Where a pattern setting's value comes from, in the Overview's words.
import type { PatternSetting } from "$lib/bindings/PatternSetting";
import { fill } from "$lib/i18n/locale";
import type { Messages } from "$lib/i18n/types";

export function patternSource(setting: PatternSetting, m: Messages): string {
  const words = m.settings.sources;
  if (setting.inherited_from_goprivate) return fill(words.defaultDerived, { from: "GOPRIVATE" });
  switch (setting.source) {
    case "environment":
      return words.environment;
    case "goenv_file":
      return words.goenvFileNoPath;
    case "goroot_go_env":
      return words.gorootGoEnv;
    case "default":
      return words.default;
    case "assumed_default":
      return words.assumedDefault;
    case "unsupported":
      return words.unsupported;
  }
}
