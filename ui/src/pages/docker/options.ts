// The options form as typed (strings, checkboxes) and what Rust receives. Rust validates every
// value and names the field it refuses; the form only turns text into the types the command
// takes (a port that is no number is refused here, with the same words).
import type { DockerfileOptions } from "$lib/bindings/DockerfileOptions";
import type { FinalImage } from "$lib/bindings/FinalImage";
import type { GoSettings } from "$lib/bindings/GoSettings";
import type { ProjectInfo } from "$lib/bindings/ProjectInfo";
import type { Locale } from "$lib/i18n/locale";
import type { AppError } from "$lib/ipc/app-error";

export const SETTING_KEYS = ["GOPROXY", "GOSUMDB", "GOPRIVATE", "GONOPROXY", "GONOSUMDB"] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];

export type OptionsForm = {
  go: string;
  cgo: boolean;
  /** Comma- or space-separated, like `linux/amd64,linux/arm64`. */
  platforms: string;
  vendor: boolean;
  main: string;
  port: string;
  finalImage: FinalImage;
  ssh: boolean;
  ldflags: string;
  /** "" takes the current value of the setting. */
  settings: Record<SettingKey, string>;
};

/** The inputs an error can be shown at. */
export type FormField =
  "project" | "go" | "platforms" | "main" | "port" | "ldflags" | "final_image" | SettingKey;

export function emptyForm(): OptionsForm {
  return {
    go: "",
    cgo: false,
    platforms: "",
    vendor: false,
    main: "",
    port: "",
    finalImage: "distroless",
    ssh: false,
    ldflags: "",
    settings: { GOPROXY: "", GOSUMDB: "", GOPRIVATE: "", GONOPROXY: "", GONOSUMDB: "" },
  };
}

/** The form for a project just opened: vendor mode on when it has a vendor/ folder. */
export function formForProject(project: ProjectInfo, previous: OptionsForm): OptionsForm {
  return { ...previous, vendor: project.has_vendor, main: "" };
}

/** `"linux/amd64, linux/arm64"` as a list; empty entries dropped. */
export function splitPlatforms(text: string): string[] {
  return text.split(/[\s,]+/).filter((p) => p !== "");
}

/** The options Rust gets, or the field the form itself must refuse. */
export function toOptions(
  form: OptionsForm,
  locale: Locale,
): { options: DockerfileOptions } | { invalid: FormField } {
  const port = form.port.trim();
  if (port !== "" && !/^\d{1,5}$/.test(port)) return { invalid: "port" };
  const settings: GoSettings = {};
  for (const key of SETTING_KEYS) {
    const value = form.settings[key].trim();
    if (value !== "") settings[key] = value;
  }
  const text = (value: string) => (value.trim() === "" ? undefined : value.trim());
  return {
    options: {
      go: text(form.go),
      cgo: form.cgo,
      platforms: splitPlatforms(form.platforms),
      final_image: form.finalImage,
      vendor: form.vendor,
      main: text(form.main),
      port: port === "" ? undefined : Number(port),
      ssh: form.ssh,
      ldflags: text(form.ldflags),
      settings,
      language: locale === "zh-CN" ? "zh-CN" : "en",
    },
  };
}

/**
 * The input a Rust error names (`Error::invalid(field, ...)`; the CLI's flag names and the
 * options' own names both map), or null when it belongs to no input.
 */
export function fieldOfError(error: AppError): FormField | null {
  const field = (error.field ?? "").replace(/^--/, "");
  switch (field) {
    case "dir":
    case "project":
    case "go.mod":
      return "project";
    case "go":
    case "go_version":
      return "go";
    case "platform":
    case "platforms":
      return "platforms";
    case "main":
      return "main";
    case "port":
      return "port";
    case "ldflags":
      return "ldflags";
    case "final":
    case "final_image":
      return "final_image";
  }
  const setting = SETTING_KEYS.find((key) => key === field);
  return setting ?? null;
}
