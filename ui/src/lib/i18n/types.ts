import type { PlanWarningCode } from "$lib/bindings/PlanWarningCode";
import type { FindingCode } from "$lib/bindings/FindingCode";
import type { FoundVia } from "$lib/bindings/FoundVia";
import type { GoenvUnavailableReason } from "$lib/bindings/GoenvUnavailableReason";
import type { Severity } from "$lib/bindings/Severity";
import type { ChangeMessages } from "./change-types";
import type { DockerMessages } from "./docker-types";
import type { TeamMessages } from "./team-types";
import type { DoctorMessages } from "./doctor-types";
import type { ErrorMessages } from "./errors-types";
import type { MirrorsMessages } from "./mirrors-types";
import type { PrivateMessages } from "./private-types";

/** A count-dependent text; `{count}` is filled in. Languages without plural forms repeat the text. */
export type Plural = { one: string; other: string };

/** Title, one-sentence why, and the longer "Learn more" text of a finding. */
export type FindingText = { title: string; why: string; more: string };

export type PageId = "overview" | "mirrors" | "private" | "docker" | "team" | "doctor" | "history";

/**
 * Every text of the UI. Both locales are typed with this, so tsc rejects a missing or extra key,
 * and the Record types force a text for every finding code, error code and enum value.
 */
export type Messages = {
  app: {
    name: string;
    tagline: string;
    navLabel: string;
    language: string;
    theme: string;
    themes: { system: string; light: string; dark: string };
    /** Shown in both languages when 简体中文 is chosen and no font covers Chinese. */
    cjkFont: { missing: string; installWith: string; noCommand: string };
  };
  nav: Record<PageId, string>;
  common: {
    listSeparator: string;
    clauseSeparator: string;
    refresh: string;
    refreshing: string;
    loading: string;
    dismiss: string;
    empty: string;
    notSet: string;
    removed: string;
  };
  severity: Record<Severity, string>;
  tone: { good: string; attention: string; problem: string };
  overview: {
    title: string;
    checking: string;
    checkFailed: string;
    proxyPointsTo: string;
    proxyList: string;
    proxyOff: string;
    proxyDirect: string;
    proxyEmpty: string;
    noProblems: string;
    errors: Plural;
    warnings: Plural;
    goNotFound: string;
    installTitle: string;
    installHow: string;
  };
  installations: {
    title: string;
    version: string;
    program: string;
    goroot: string;
    foundVia: string;
    status: string;
    active: string;
    inactive: string;
    unknown: string;
    via: Record<FoundVia, string>;
  };
  settings: {
    title: string;
    rulesFor: string;
    goenvFile: string;
    goenvFileMissing: string;
    goenvFromEnv: string;
    goenvUnavailable: string;
    /** `{reason}` of goenvUnavailable, by code; `{var}` is the variable as Go writes it. */
    goenvReasons: Record<GoenvUnavailableReason["code"], string>;
    key: string;
    value: string;
    source: string;
    otherValues: string;
    sources: {
      environment: string;
      goenvFile: string;
      goenvFileNoPath: string;
      gorootGoEnv: string;
      gorootGoEnvAt: string;
      default: string;
      defaultDerived: string;
      assumedDefault: string;
      unsupported: string;
    };
    otherEnv: string;
    otherFile: string;
    otherGoroot: string;
    none: string;
  };
  findings: {
    title: string;
    none: string;
    learnMore: string;
    fix: string;
    preparing: string;
    forKey: string;
    /** Opens the Doctor for a finding whose failures it explains. */
    diagnose: string;
  };
  findingTexts: Record<FindingCode, FindingText>;
  plan: {
    title: string;
    /** `{file}`: the files applying writes. */
    intro: string;
    /** `{items}`: the keychain items applying stores or deletes. */
    keychain: string;
    key: string;
    old: string;
    new: string;
    nothing: string;
    warnings: string;
    warningTexts: Record<PlanWarningCode, string>;
    fixSetIn: string;
    fixGeneric: string;
    fileSeparator: string;
    apply: string;
    applying: string;
    cancel: string;
  };
  toast: {
    applied: string;
    undo: string;
    undoing: string;
    undone: string;
  };
  history: {
    title: string;
    verdict: Plural;
    verdictEmpty: string;
    empty: string;
    loading: string;
    time: string;
    files: string;
    /** Heading of the keychain items an entry touched; `{service}` and `{user}` name one. */
    keychain: string;
    keychainItem: string;
    changes: string;
    before: string;
    after: string;
    undo: string;
    undoing: string;
    undoneAt: string;
    undoLabel: string;
  };
  mirrors: MirrorsMessages;
  private: PrivateMessages;
  change: ChangeMessages;
  doctor: DoctorMessages;
  docker: DockerMessages;
  team: TeamMessages;
  errors: ErrorMessages;
};
