import type { AccessDetail } from "$lib/bindings/AccessDetail";
import type { AccessFailure } from "$lib/bindings/AccessFailure";
import type { AccessSummary } from "$lib/bindings/AccessSummary";
import type { AuthScheme } from "$lib/bindings/AuthScheme";
import type { FetchRoute } from "$lib/bindings/FetchRoute";
import type { GitCredentialSource } from "$lib/bindings/GitCredentialSource";
import type { KeychainState } from "$lib/bindings/KeychainState";
import type { PatternKey } from "$lib/bindings/PatternKey";
import type { PatternRule } from "$lib/bindings/PatternRule";
import type { Plural } from "./types";

/** A card that takes one module path: its heading, the field and run button, the field's errors. */
export type ModulePathTexts = {
  title: string;
  intro: string;
  label: string;
  placeholder: string;
  run: string;
  running: string;
  required: string;
  rejected: string;
};

/** The access report's steps and verdict by code; placeholders are the values of each code. */
export type AccessReportTexts = {
  /** A step's action: a GET with or without the credential, or asking git for one. */
  actions: { get_with: string; get_without: string; git_credential: string };
  details: Record<AccessDetail["code"], string>;
  /** `{detail}` is the text of the step that failed. */
  summaries: Record<AccessSummary["code"], string>;
};

/** Where git gets credentials for a host (`GitCredentialSource["kind"]`). */
export type GitSourceKind = GitCredentialSource["kind"];

/** How git logs in to a host: a status line per source, and letting git use the keychain. */
export type GitTexts = {
  /** One line per source; `{helper}` and `{base}` are shown as code. */
  status: Record<GitSourceKind, string>;
  /** Why, in one sentence, for every source but this app's helper. */
  hints: Record<Exclude<GitSourceKind, "app_helper">, string>;
  /** For a host that is one of GOPROXY's module proxies: Go asks it over HTTP, git is not used. */
  proxyHost: string;
  setup: string;
  preparing: string;
  /** Under the planned git config line, in the plan dialog; `{host}` is the host. */
  previewNote: string;
  applied: string;
};

/** Texts of the Private modules page; every enum Rust reports has a text per value. */
export type PrivateMessages = {
  title: string;
  loading: string;
  loadFailed: string;
  verdict: {
    start: string;
    summary: string;
    patterns: Plural;
    noPatterns: string;
    hostsWithToken: Plural;
    hosts: Plural;
    noHosts: string;
    goauthServes: string;
    goauthMissing: string;
    netrcServes: string;
    oldGoNeedsNetrc: string;
    tokenMissing: string;
    keychain: Record<Exclude<KeychainState, "available">, string>;
    patternIssues: Plural;
    netrcLoose: string;
  };
  patterns: {
    title: string;
    intro: string;
    empty: string;
    caption: string;
    key: string;
    patterns: string;
    source: string;
    keys: Record<PatternKey, string>;
    notSet: string;
    inherited: string;
    inheritedHint: string;
    removeLabel: string;
    removing: string;
    rules: Record<PatternRule, string>;
    listProblem: string;
    addTitle: string;
    addKey: string;
    addPattern: string;
    addPlaceholder: string;
    addHint: string;
    add: string;
    preparing: string;
    required: string;
    rejected: string;
  };
  explain: ModulePathTexts & {
    caption: string;
    key: string;
    applies: string;
    pattern: string;
    effect: string;
    yes: string;
    no: string;
    inherited: string;
    effects: Record<PatternKey, { match: string; noMatch: string }>;
    routeLabel: string;
    routes: Record<FetchRoute["kind"], string>;
    routeThenDirect: string;
    routeInsecure: string;
    urlSeparator: string;
    checksumLabel: string;
    checksumAsked: string;
    checksumSkipped: string;
    publicWarning: string;
  };
  hosts: {
    title: string;
    intro: string;
    empty: string;
    caption: string;
    host: string;
    user: string;
    scheme: string;
    token: string;
    actions: string;
    schemes: Record<AuthScheme, string>;
    stored: string;
    missing: string;
    missingHint: string;
    unknown: string;
    keychain: Record<KeychainState, string>;
    keychainAdvice: Record<KeychainState, string>;
    details: string;
    alsoNetrc: string;
    add: string;
    replace: string;
    delete: string;
    confirmDelete: string;
    confirmDeleteNetrc: string;
    confirm: string;
    cancel: string;
    deleting: string;
    deleted: string;
    deletedNothing: string;
    git: GitTexts;
  };
  tokenForm: {
    addTitle: string;
    replaceTitle: string;
    host: string;
    hostPlaceholder: string;
    hostHint: string;
    user: string;
    userPlaceholder: string;
    userHint: string;
    scheme: string;
    schemeHint: string;
    token: string;
    tokenHint: string;
    netrc: string;
    netrcHint: string;
    save: string;
    saving: string;
    slow: string;
    cancel: string;
    required: string;
    fieldErrors: { host: string; user: string; token: string };
    keychainFailed: string;
    /** After the keychain error's own text, `{reason}`. */
    keychainHint: string;
    stored: string;
    replaced: string;
    storedNetrc: string;
  };
  goauth: {
    title: string;
    configured: string;
    configuredBadge: string;
    value: string;
    notConfigured: string;
    notConfiguredBadge: string;
    setup: string;
    preparing: string;
    unsupported: string;
    unsupportedBadge: string;
    netrcTitle: string;
    netrcPath: string;
    netrcAbsent: string;
    netrcMode: string;
    netrcPrivate: string;
    netrcLoose: string;
    netrcEntries: Plural;
    netrcError: string;
    fixMode: string;
    fixing: string;
    fixed: string;
  };
  access: ModulePathTexts & {
    progress: string;
    ok: string;
    failed: string;
    failures: Record<AccessFailure, string>;
    advice: Record<AccessFailure, string>;
    route: string;
    stale: string;
    steps: string;
    stepOk: string;
    stepFailed: string;
    status: string;
    addToken: string;
    replaceToken: string;
    addPattern: string;
    fixGit: string;
    report: AccessReportTexts;
  };
};
