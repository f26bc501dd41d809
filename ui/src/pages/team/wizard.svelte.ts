// The onboarding wizard's state: open → detect → benchmark → review → tokens → apply → verify →
// done.
// The bundle is named by its origin (path or URL and pin) only: Rust loads and parses it again
// for every call, so what is applied is what Rust read. Tokens typed for the bundle's hosts live
// here only until the apply call settles, then they are cleared whatever the outcome.
import type { BenchReport } from "$lib/bindings/BenchReport";
import type { BundleApplied } from "$lib/bindings/BundleApplied";
import type { BundlePreview } from "$lib/bindings/BundlePreview";
import type { ModuleDownloadReport } from "$lib/bindings/ModuleDownloadReport";
import type { RiskCode } from "$lib/bindings/RiskCode";
import type { TeamKeyInfo } from "$lib/bindings/TeamKeyInfo";
import { i18n, fill } from "$lib/i18n/i18n.svelte";
import type { WizardStep } from "$lib/i18n/team-types";
import {
  applyBundle,
  cancelBenchmark,
  cancelBundleVerify,
  checkTeamKey,
  previewBundle,
  runBenchmark,
  toAppError,
  verifyBundle,
  type AppError,
  type BundleOrigin,
  type LinkOpened,
} from "$lib/ipc";
import { readPreference, TEAM_KEY_KEY, writePreference } from "$lib/preferences";
import { changeLog } from "$lib/state/changeLog.svelte";
import { toast } from "$lib/state/toast.svelte";
import { undoAction } from "$lib/state/undoAction.svelte";

export const STEPS: WizardStep[] = [
  "open",
  "detect",
  "benchmark",
  "review",
  "tokens",
  "apply",
  "verify",
  "done",
];

let runCounter = 0;
const mintRunId = (kind: string) => `team-${kind}-${Date.now()}-${++runCounter}`;

class WizardState {
  step = $state<WizardStep>("open");
  source = $state("");
  sha256 = $state("");
  /** The origin the preview was made from (what apply and verify load again). */
  origin = $state.raw<BundleOrigin | null>(null);
  preview = $state.raw<BundlePreview | null>(null);
  /** One tick per risky item (by index in `preview.acceptance`), all unticked at first. */
  ticked = $state<boolean[]>([]);
  /** Tokens typed per host; cleared once apply settles. */
  tokens = $state<Record<string, string>>({});
  busy = $state(false);
  /** The failure of the current step, with the step it happened in. */
  error = $state.raw<AppError | null>(null);
  failedStep = $state<WizardStep | null>(null);
  bench = $state.raw<BenchReport | null>(null);
  /** The plan dialog is open. */
  reviewing = $state(false);
  applied = $state.raw<BundleApplied | null>(null);
  lines = $state<string[]>([]);
  verified = $state.raw<ModuleDownloadReport | null>(null);
  /** The team key kept in the app (checked by Rust), sent with every origin. */
  teamKey = $state.raw<TeamKeyInfo | null>(null);
  /** What the user pasted in the team key field, before it is checked. */
  teamKeyDraft = $state("");
  teamKeyError = $state.raw<AppError | null>(null);
  #runId: string | null = null;

  /** Rules whose every item is ticked (a rule is accepted only when all its items are). */
  get accepted(): RiskCode[] {
    const items = this.preview?.acceptance ?? [];
    const codes = [...new Set(items.map((i) => i.code))];
    return codes.filter((code) => items.every((item, i) => item.code !== code || this.ticked[i]));
  }

  get allTicked(): boolean {
    return this.ticked.every(Boolean);
  }

  #fail(step: WizardStep, reason: unknown): void {
    this.error = toAppError(reason);
    this.failedStep = step;
  }

  #clearError(): void {
    this.error = null;
    this.failedStep = null;
  }

  go(step: WizardStep): void {
    if (this.busy) return;
    this.#clearError();
    this.step = step;
  }

  back(): void {
    const previous = STEPS[STEPS.indexOf(this.step) - 1];
    if (previous !== undefined) this.go(previous);
  }

  next(): void {
    const following = STEPS[STEPS.indexOf(this.step) + 1];
    if (following !== undefined) this.go(following);
  }

  /** Open + detect: Rust loads the file or URL, checks the pin and previews it. */
  async open(): Promise<void> {
    if (this.busy) return;
    const sha256 = this.sha256.trim();
    const origin: BundleOrigin = {
      source: this.source.trim(),
      ...(sha256 ? { sha256 } : {}),
      ...(this.teamKey ? { pubkey: this.teamKey.public_key } : {}),
    };
    this.#clearError();
    this.busy = true;
    try {
      const preview = await previewBundle(origin, []);
      this.origin = origin;
      this.preview = preview;
      this.ticked = preview.acceptance.map(() => false);
      this.tokens = {};
      this.bench = null;
      this.applied = null;
      this.verified = null;
      this.lines = [];
      this.step = "detect";
    } catch (reason) {
      this.#fail("open", reason);
    } finally {
      this.busy = false;
    }
  }

  /**
   * A goproxy-assistant:// link the OS handed over (parsed by Rust): the wizard starts again with
   * its URL and pin and opens it; a refused link is shown as the open step's failure.
   */
  async openLink(opened: LinkOpened): Promise<void> {
    if (this.busy) return;
    this.reset();
    if ("error" in opened) {
      this.#fail("open", opened.error);
      return;
    }
    this.source = opened.link.url;
    this.sha256 = opened.link.sha256 ?? "";
    await this.open();
  }

  /** Checks the pasted team key in Rust and keeps it (a public key: not a secret). */
  async pinTeamKey(): Promise<void> {
    if (this.busy) return;
    this.teamKeyError = null;
    this.busy = true;
    try {
      const key = await checkTeamKey(this.teamKeyDraft.trim());
      this.teamKey = key;
      this.teamKeyDraft = "";
      writePreference(TEAM_KEY_KEY, key.public_key);
    } catch (reason) {
      this.teamKeyError = toAppError(reason);
    } finally {
      this.busy = false;
    }
  }

  forgetTeamKey(): void {
    this.teamKey = null;
    this.teamKeyError = null;
    writePreference(TEAM_KEY_KEY, "");
  }

  /** The kept team key, checked again so a garbled preference is never sent. */
  async loadTeamKey(): Promise<void> {
    const kept = readPreference(TEAM_KEY_KEY);
    if (!kept || this.teamKey !== null) return;
    try {
      this.teamKey = await checkTeamKey(kept);
    } catch {
      writePreference(TEAM_KEY_KEY, "");
    }
  }

  /** A token typed for `host` in the tokens step: kept here only until apply settles. */
  setToken(host: string, token: string): void {
    this.tokens = { ...this.tokens, [host]: token };
  }

  clearToken(host: string): void {
    this.tokens = Object.fromEntries(Object.entries(this.tokens).filter(([h]) => h !== host));
  }

  /** Measures the bundle's mirrors with the Mirrors page's benchmark. */
  async benchmark(): Promise<void> {
    const urls = this.preview?.mirrors.map((m) => m.url) ?? [];
    if (this.busy || urls.length === 0) return;
    this.#clearError();
    this.busy = true;
    this.#runId = mintRunId("bench");
    try {
      this.bench = await runBenchmark(
        this.#runId,
        { mirrors: urls, modules: [], no_direct: false },
        () => {},
      );
    } catch (reason) {
      this.#fail("benchmark", reason);
    } finally {
      this.#runId = null;
      this.busy = false;
    }
  }

  /** Applies the reviewed bundle with the ticked rules and typed tokens, as one history entry. */
  async apply(): Promise<void> {
    const origin = this.origin;
    const preview = this.preview;
    if (origin === null || preview === null || this.busy) return;
    this.#clearError();
    this.busy = true;
    const tokens = Object.entries(this.tokens)
      .filter(([, token]) => token !== "")
      .map(([host, token]) => ({ host, token }));
    try {
      const applied = await applyBundle(origin, this.accepted, tokens);
      this.applied = applied;
      this.reviewing = false;
      toast.show(
        () => fill(i18n.m.team.applied, { name: preview.name }),
        undoAction(applied.applied),
      );
      changeLog.changed();
      this.step = "verify";
    } catch (reason) {
      this.#fail("apply", reason);
    } finally {
      this.tokens = {};
      this.busy = false;
    }
  }

  /** Downloads the bundle's verify.module with the real go, streaming its lines. */
  async verify(): Promise<void> {
    const origin = this.origin;
    if (origin === null || this.busy) return;
    this.#clearError();
    this.busy = true;
    this.lines = [];
    this.verified = null;
    this.#runId = mintRunId("verify");
    try {
      this.verified = await verifyBundle(this.#runId, origin, (line) => {
        this.lines = [...this.lines, line];
      });
    } catch (reason) {
      this.#fail("verify", reason);
    } finally {
      this.#runId = null;
      this.busy = false;
    }
  }

  /** Stops the running benchmark or verify download. */
  async cancel(): Promise<void> {
    const runId = this.#runId;
    if (runId === null) return;
    if (this.step === "benchmark") await cancelBenchmark(runId);
    else await cancelBundleVerify(runId);
  }

  /** The copyable summary of what was applied and verified, in the current language. */
  summary(): string {
    const p = this.preview;
    if (p === null) return "";
    const m = i18n.m.team;
    const lines = [
      fill(m.summaryBundle, {
        name: p.name,
        source: ticketSource(p.provenance?.source ?? this.origin?.source ?? ""),
        sha256: p.provenance?.sha256 ?? "",
      }),
      ...p.env.map((e) => fill(m.summaryKey, { key: e.key, value: e.bundle_value })),
    ];
    if (this.verified?.outcome.ok && p.verify_module) {
      lines.push(
        fill(m.summaryVerified, { module: p.verify_module, version: this.verified.version ?? "" }),
      );
    }
    return lines.join("\n");
  }

  reset(): void {
    this.teamKeyDraft = "";
    this.teamKeyError = null;
    this.step = "open";
    this.source = "";
    this.sha256 = "";
    this.origin = null;
    this.preview = null;
    this.ticked = [];
    this.tokens = {};
    this.busy = false;
    this.#clearError();
    this.bench = null;
    this.reviewing = false;
    this.applied = null;
    this.lines = [];
    this.verified = null;
    this.#runId = null;
  }
}

export const wizard = new WizardState();

/** A URL as it is; a local file by its name only: the summary goes into tickets, and the folder
 * (often under the user's home) is nobody else's business. The sha256 names the file exactly. */
export function ticketSource(source: string): string {
  if (/^https:\/\//i.test(source)) return source;
  return source.split(/[\\/]/).pop() ?? source;
}
