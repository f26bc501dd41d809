import type { ConfigFileState } from "$lib/bindings/ConfigFileState";
import type { EngineFindingCode } from "$lib/bindings/EngineFindingCode";
import type { FinalImage } from "$lib/bindings/FinalImage";
import type { TestBuildStatus } from "$lib/bindings/TestBuildStatus";
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
  /** The engine card: can a Test build run here, and the proxy/DNS it meets (read only). */
  engine: {
    title: string;
    checking: string;
    recheck: string;
    /** `{server}`, `{client}`: versions. */
    ready: string;
    /** `{version}`. */
    buildx: string;
    noBuildx: string;
    noClient: string;
    noEngine: string;
    /** Before docker's own first line. */
    dockerSaid: string;
    error: string;
    configTitle: string;
    proxyEnv: string;
    /** `{args}`: the --build-arg flags. */
    buildArgs: string;
    /** `{path}`, `{state}`. */
    clientConfig: string;
    /** `{daemon}`: the DOCKER_HOST the entry is for. */
    clientProxies: string;
    inUse: string;
    /** `{path}`, `{state}`. */
    daemonConfig: string;
    /** `{dns}`. */
    dns: string;
    noDns: string;
    states: Record<ConfigFileState, string>;
    /** `{source}` of a proxy: the environment or the Docker client's config. */
    sources: Record<"environment" | "client_config", string>;
    findingsTitle: string;
    /** One sentence per code; `{...}` are the finding's params. */
    findings: Record<EngineFindingCode, string>;
  };
  testBuild: {
    title: string;
    hint: string;
    run: string;
    runAgain: string;
    cancel: string;
    cancelling: string;
    needsEngine: string;
    progressLabel: string;
    /** `{done}`, `{total}`. */
    progress: string;
    starting: string;
    lines: Plural;
    status: Record<TestBuildStatus, string>;
    /** `{secs}`. */
    took: string;
    /** `{hosts}`. */
    secretHosts: string;
    command: string;
    log: string;
    openInDoctor: string;
    noFindings: string;
  };
};
