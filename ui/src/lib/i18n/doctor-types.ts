import type { DoctorCode } from "$lib/bindings/DoctorCode";
import type { EndpointNote } from "$lib/bindings/EndpointNote";
import type { EndpointRole } from "$lib/bindings/EndpointRole";
import type { StepKind } from "$lib/bindings/StepKind";
import type { Plural } from "./types";

/** A Doctor code's title, its one-sentence why, and the fix in words. */
export type DoctorCodeText = { title: string; why: string; fix: string };

export type DoctorCodeTexts = Record<DoctorCode, DoctorCodeText>;

/** Texts of the Doctor page. */
export type DoctorMessages = {
  title: string;
  /** Verdicts, answer first. */
  verdictIdle: string;
  verdictChecking: Plural;
  verdictAllReachable: Plural;
  verdictUnreachable: string;
  verdictNoEndpoints: string;
  verdictFindings: Plural;
  verdictNothingFound: string;
  verdictRunOk: string;
  verdictRunFailed: string;
  check: string;
  checking: string;
  endpoints: {
    title: string;
    hint: string;
    none: string;
    endpoint: string;
    role: string;
    state: string;
    roles: Record<EndpointRole, string>;
    steps: Record<StepKind, string>;
    reachable: string;
    unreachable: string;
    pending: string;
    listed: string;
    notes: Record<EndpointNote, string>;
    skipped: string;
    via: string;
    sumdbRelay: string;
    sumdbNoRelay: string;
    status: string;
    ms: string;
  };
  log: {
    title: string;
    hint: string;
    label: string;
    placeholder: string;
    explain: string;
    explaining: string;
    fromFile: string;
    fileName: string;
    clear: string;
    empty: string;
    readFailed: string;
    tooLarge: string;
    summary: Plural;
    nothing: string;
  };
  findings: {
    title: string;
    host: string;
    modules: string;
    moreModules: string;
    lines: string;
    moreLines: string;
    line: string;
    fix: string;
    applyFix: string;
    preparing: string;
    manual: string;
    details: string;
    setOp: string;
    unsetOp: string;
    /** A value the OS environment sets overrides the go env file: change it where it is set. */
    shadowedSet: string;
    shadowedUnset: string;
    /** Where, when no shell profile sets it. */
    shadowedPlace: string;
  };
  run: {
    title: string;
    hint: string;
    projectLabel: string;
    projectHint: string;
    projectError: string;
    timeoutLabel: string;
    timeoutError: string;
    keepCache: string;
    keepCacheHint: string;
    run: string;
    runAgain: string;
    cancel: string;
    cancelling: string;
    progressLabel: string;
    progress: Plural;
    previous: string;
    latest: string;
    ok: string;
    failed: string;
    timedOut: string;
    cancelled: string;
    took: string;
    noFindings: string;
  };
  codes: DoctorCodeTexts;
};
