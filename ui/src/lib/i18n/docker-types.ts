import type { FinalImage } from "$lib/bindings/FinalImage";
import type { WarningCode } from "$lib/bindings/WarningCode";
import type { Plural } from "./types";

/** The module-download settings the Dockerfile takes as build args. */
export type DockerSettingKey = "GOPROXY" | "GOSUMDB" | "GOPRIVATE" | "GONOPROXY" | "GONOSUMDB";

/** Texts of the Docker page. */
export type DockerMessages = {
  title: string;
  /** Verdicts, answer first. */
  verdictPick: string;
  verdictInspecting: string;
  verdictGenerating: string;
  /** `{module}`, `{final}`: the final image's name, `{platforms}`. */
  verdictReady: string;
  verdictWarnings: Plural;
  verdictInvalid: string;
  verdictFailed: string;
  /** Platforms when none is chosen: the builder's own. */
  nativePlatform: string;
  copyDockerfile: string;
  copy: string;
  /** `{name}`: the tab's name. */
  copyLabel: string;
  copied: string;
  copyFailed: string;
  save: string;
  saveHint: string;
  planning: string;
  saved: string;
  /** The plan dialog's sentence about saving: backup kept in History, undoable. */
  saveNote: string;
  diffTitle: string;
  /** `{path}`: a file created by the save. */
  diffNew: string;
  /** `{path}`: a file already as generated. */
  diffSame: string;
  project: {
    title: string;
    label: string;
    hint: string;
    open: string;
    opening: string;
    /** `{module}`, `{go}`: what go.mod says. */
    summary: string;
    /** `{toolchain}`. */
    toolchain: string;
    vendor: string;
    noGoSum: string;
    error: string;
  };
  options: {
    title: string;
    go: string;
    /** `{go}`: the go line of go.mod. */
    goHint: string;
    goError: string;
    cgo: string;
    cgoHint: string;
    platforms: string;
    platformsHint: string;
    platformsError: string;
    vendor: string;
    vendorHint: string;
    main: string;
    mainHint: string;
    mainError: string;
    port: string;
    portHint: string;
    portError: string;
    finalImage: string;
    finals: Record<FinalImage, string>;
    finalHints: Record<FinalImage, string>;
    ssh: string;
    sshHint: string;
    ldflags: string;
    ldflagsHint: string;
    settingsTitle: string;
    settingsHint: string;
    /** `{key}`: a setting left empty takes the current value. */
    settingHint: string;
    settingError: string;
  };
  preview: {
    title: string;
    tabsLabel: string;
    tabs: {
      dockerfile: string;
      dockerignore: string;
      build_command: string;
      compose: string;
      github: string;
      gitlab: string;
    };
    updating: string;
    empty: string;
  };
  warningsTitle: string;
  /** One sentence per warning code; `{...}` are the warning's params. */
  warnings: Record<WarningCode, string>;
};
