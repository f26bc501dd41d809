// A setting's source and its other stored values, in words.
import type { Setting } from "$lib/bindings/Setting";
import { fill } from "$lib/i18n/locale";
import type { Messages } from "$lib/i18n/types";

export function describeSource(setting: Setting, m: Messages): string {
  const words = m.settings.sources;
  const detail = setting.source_detail;
  switch (setting.source) {
    case "environment":
      return words.environment;
    case "goenv_file":
      return detail ? fill(words.goenvFile, { path: detail }) : words.goenvFileNoPath;
    case "goroot_go_env":
      return detail ? fill(words.gorootGoEnvAt, { path: detail }) : words.gorootGoEnv;
    case "default":
      return detail ? fill(words.defaultDerived, { from: detail }) : words.default;
    case "assumed_default":
      return words.assumedDefault;
    case "unsupported":
      return words.unsupported;
  }
}

export type OtherValue = { where: "env" | "file" | "goroot"; label: string; value: string };

/**
 * The values the setting has in other places when they differ from the effective one, so a user
 * sees e.g. that the GOENV file says one thing while the environment wins with another.
 */
export function otherValues(setting: Setting, m: Messages): OtherValue[] {
  const others: OtherValue[] = [];
  const add = (where: OtherValue["where"], template: string, value: string | undefined) => {
    if (value === undefined || value === setting.value) return;
    const shown = value === "" ? m.common.empty : value;
    others.push({ where, label: fill(template, { value: shown }), value });
  };
  add("env", m.settings.otherEnv, setting.env_value);
  add("file", m.settings.otherFile, setting.file_value);
  add("goroot", m.settings.otherGoroot, setting.goroot_value);
  return others;
}
