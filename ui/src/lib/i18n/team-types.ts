import type { BundleFindingCode } from "$lib/bindings/BundleFindingCode";
import type { OmissionCode } from "$lib/bindings/OmissionCode";
import type { RefusalCode } from "$lib/bindings/RefusalCode";
import type { RiskCode } from "$lib/bindings/RiskCode";
import type { SignatureCode } from "$lib/bindings/SignatureCode";
import type { SourceCode } from "$lib/bindings/SourceCode";

/** The wizard's steps, in order. */
export type WizardStep =
  "open" | "detect" | "benchmark" | "review" | "tokens" | "apply" | "verify" | "done";

/** Texts of the Team page. */
export type TeamMessages = {
  title: string;
  verdictStart: string;
  /** `{name}`: the bundle's name. */
  verdictOpened: string;
  verdictApplied: string;
  verdictVerified: string;
  verdictFailed: string;
  /** Step names, for the step list and "failed at step …". */
  steps: Record<WizardStep, string>;
  back: string;
  next: string;
  skip: string;
  cancel: string;
  wizardTitle: string;
  /** `{step}`: the step that failed. */
  failedAt: string;
  openDoctor: string;
  // open
  sourceLabel: string;
  sourceHint: string;
  sha256Label: string;
  sha256Hint: string;
  open: string;
  opening: string;
  /** The team key: pasted once, kept in the app, shown by its fingerprint. */
  teamKeyLabel: string;
  teamKeyHint: string;
  pinKey: string;
  forgetKey: string;
  /** `{key}`: the key's fingerprint. */
  teamKeyPinned: string;
  teamKeyNone: string;
  // detect
  detectIntro: string;
  /** `{version}` of the active go. */
  detectGo: string;
  detectNoGo: string;
  /** `{name}`, `{version}`. */
  bundleName: string;
  notPinned: string;
  notSigned: string;
  /** `{sha256}` of the file, `{source}`. */
  provenance: string;
  pinned: string;
  /** `{key}`: signed by the team key. */
  signed: string;
  // benchmark
  benchmarkIntro: string;
  benchmarkNone: string;
  runBenchmark: string;
  benchmarking: string;
  /** `{ms}` score, `{rate}` success percent. */
  benchmarkRow: string;
  benchmarkFailed: string;
  // review
  envTitle: string;
  key: string;
  oldValue: string;
  newValue: string;
  notSet: string;
  unchanged: string;
  mirrorsTitle: string;
  hostsTitle: string;
  /** `{login}`. */
  hostLogin: string;
  alreadyThere: string;
  findingsTitle: string;
  findings: Record<BundleFindingCode, string>;
  risksTitle: string;
  risksIntro: string;
  /** `{field}`, `{item}`. */
  riskAccept: string;
  risks: Record<RiskCode, string>;
  risksLeft: string;
  nothingToDo: string;
  // tokens
  tokensIntro: string;
  tokensNone: string;
  /** `{host}`, `{login}`. */
  tokenLabel: string;
  tokenStored: string;
  tokenWhere: string;
  tokenEntered: string;
  tokenChange: string;
  tokenKeep: string;
  // apply
  applyIntro: string;
  review: string;
  applyNote: string;
  /** `{name}`. */
  applied: string;
  /** `{hosts}`. */
  tokensLeft: string;
  // verify
  /** `{module}`. */
  verifyIntro: string;
  verifyNone: string;
  runVerify: string;
  verifying: string;
  /** `{module}`, `{version}`, `{ms}`. */
  verifyOk: string;
  verifyFailed: string;
  verifyCancelled: string;
  // done
  doneIntro: string;
  copySummary: string;
  copied: string;
  startOver: string;
  /** `{name}`, `{source}`, `{sha256}`. */
  summaryBundle: string;
  /** `{key}`, `{value}`. */
  summaryKey: string;
  /** `{module}`, `{version}`. */
  summaryVerified: string;
  // refusals
  /** `{field}`: where in the bundle. */
  refusedAt: string;
  refusals: Record<RefusalCode | SourceCode | SignatureCode, string>;
  // export
  exportTitle: string;
  exportIntro: string;
  exportName: string;
  exportPreview: string;
  exportPath: string;
  exportPathHint: string;
  save: string;
  saving: string;
  /** `{path}`. */
  exportSaved: string;
  exportOmittedTitle: string;
  /** Per code: `{subject}` (a go env key, a mirror or a host) and `{item}` when there is one. */
  omitted: Record<OmissionCode, string>;
  exportNothingOmitted: string;
};
