// The Private modules page's state, kept across page changes: the overview, the last explanation
// and access report, the open token form (host, login, method; never the token) and deletions.
// Tokens only pass through `saveToken` on their way to Rust; nothing here keeps one.
import type { AccessReport } from "$lib/bindings/AccessReport";
import type { AuthScheme } from "$lib/bindings/AuthScheme";
import type { HostEntry } from "$lib/bindings/HostEntry";
import type { PathExplanation } from "$lib/bindings/PathExplanation";
import type { PrivateOverview } from "$lib/bindings/PrivateOverview";
import type { TokenOutcome } from "$lib/bindings/TokenOutcome";
import type { TokenRequest } from "$lib/bindings/TokenRequest";
import { i18n, fill } from "$lib/i18n/i18n.svelte";
import {
  deleteToken,
  explainModulePath,
  fixNetrcMode,
  privateOverview,
  setToken,
  testAccess,
  toAppError,
  type AppError,
} from "$lib/ipc";
import { changeLog } from "$lib/state/changeLog.svelte";
import { detection } from "$lib/state/detection.svelte";
import { toast } from "$lib/state/toast.svelte";
import { undoAction } from "$lib/state/undoAction.svelte";
import { gitHelper } from "./gitHelper.svelte";

/** The non-secret fields of the token form; `replace` when it was opened for an existing host. */
export type TokenFormFields = {
  id: number;
  mode: "add" | "replace";
  host: string;
  user: string;
  scheme: AuthScheme;
  netrc: boolean;
  /** Which input gets focus when the form opens (none when it opened by itself). */
  focus: "host" | "token" | null;
};

class PrivateState {
  overview = $state.raw<PrivateOverview | null>(null);
  loading = $state(false);
  loadError = $state.raw<AppError | null>(null);
  #loadGeneration = 0;

  explainPath = $state("");
  explanation = $state.raw<PathExplanation | null>(null);
  explaining = $state(false);
  explainError = $state.raw<AppError | null>(null);

  accessModule = $state("");
  report = $state.raw<AccessReport | null>(null);
  /** `changeLog.version` when `report` was made: a later change may have outdated it. */
  reportVersion = $state(0);
  testing = $state(false);
  accessError = $state.raw<AppError | null>(null);

  form = $state<TokenFormFields | null>(null);
  #formId = 0;

  /** The host whose deletion is being confirmed or carried out. */
  confirmingDelete = $state<string | null>(null);
  deleting = $state(false);
  deleteError = $state.raw<AppError | null>(null);

  fixingNetrc = $state(false);
  netrcError = $state.raw<AppError | null>(null);

  /** Reads the overview again; a slower earlier read never overwrites a newer one. */
  async load(): Promise<void> {
    const generation = ++this.#loadGeneration;
    this.loading = true;
    try {
      const overview = await privateOverview();
      if (generation !== this.#loadGeneration) return;
      this.overview = overview;
      this.loadError = null;
      // With no host yet, the form to add one is the first thing to do: show it.
      if (overview.hosts.length === 0 && !this.form) this.openTokenForm();
    } catch (reason) {
      if (generation === this.#loadGeneration) this.loadError = toAppError(reason);
    } finally {
      if (generation === this.#loadGeneration) this.loading = false;
    }
  }

  /** Explains `explainPath`; a path Rust refuses comes back with field `module`. */
  async explain(): Promise<void> {
    const path = this.explainPath.trim();
    if (path === "" || this.explaining) return;
    this.explaining = true;
    this.explainError = null;
    try {
      this.explanation = await explainModulePath(path);
    } catch (reason) {
      this.explanation = null;
      this.explainError = toAppError(reason);
    } finally {
      this.explaining = false;
    }
  }

  /** The explanation is offline and cheap: redo it after a pattern change. */
  explainAgain(): void {
    const shown = this.explanation?.path;
    if (shown && !this.explaining) {
      this.explainPath = shown;
      void this.explain();
    }
  }

  /** Tests access to `accessModule`; the previous report goes away while the test runs. */
  async testAccess(): Promise<void> {
    const module = this.accessModule.trim();
    if (module === "" || this.testing) return;
    this.testing = true;
    this.report = null;
    this.accessError = null;
    try {
      const version = changeLog.version;
      this.report = await testAccess(module);
      this.reportVersion = version;
    } catch (reason) {
      this.accessError = toAppError(reason);
    } finally {
      this.testing = false;
    }
  }

  /** Opens the token form: empty to add a host, or prefilled to replace a host's token. */
  openTokenForm(prefill?: Partial<Omit<TokenFormFields, "id">>): void {
    this.form = {
      id: ++this.#formId,
      mode: "add",
      host: "",
      user: "",
      scheme: "basic",
      netrc: false,
      focus: null,
      ...prefill,
    };
  }

  /** Opens the token form prefilled with a stored host, to replace its token. */
  openReplaceForm(host: HostEntry): void {
    const { prefix, user, scheme, netrc } = host;
    this.openTokenForm({ mode: "replace", host: prefix, user, scheme, netrc, focus: "token" });
  }

  closeTokenForm(): void {
    this.form = null;
  }

  /**
   * Hands `token` to Rust (the keychain) and announces the outcome; rejects with Rust's error.
   * The caller owns the token and clears its copy when this settles.
   */
  async saveToken(request: TokenRequest, token: string): Promise<TokenOutcome> {
    const outcome = await setToken(request, token);
    const host = outcome.host.prefix;
    const words = () => i18n.m.private.tokenForm;
    const text = () =>
      fill(
        outcome.host.netrc
          ? words().storedNetrc
          : outcome.had_token
            ? words().replaced
            : words().stored,
        { host },
      );
    // Undo deletes a token this change created; a replaced token is kept nowhere, so a
    // replacement offers no undo.
    toast.show(text, outcome.had_token ? undefined : undoAction(outcome.history));
    this.form = null;
    changeLog.changed();
    return outcome;
  }

  async deleteHost(host: string): Promise<void> {
    if (this.deleting) return;
    this.deleting = true;
    this.deleteError = null;
    try {
      const outcome = await deleteToken(host);
      const words = () => i18n.m.private.hosts;
      toast.show(() =>
        fill(outcome.had_token ? words().deleted : words().deletedNothing, { host }),
      );
      this.confirmingDelete = null;
      if (this.form?.mode === "replace" && this.form.host === host) this.form = null;
      changeLog.changed();
    } catch (reason) {
      this.deleteError = toAppError(reason);
    } finally {
      this.deleting = false;
    }
  }

  async fixNetrc(): Promise<void> {
    if (this.fixingNetrc) return;
    this.fixingNetrc = true;
    this.netrcError = null;
    try {
      const netrc = await fixNetrcMode();
      if (this.overview) this.overview = { ...this.overview, netrc };
      toast.show(() => fill(i18n.m.private.goauth.fixed, { path: netrc.path }));
      // The Overview's "readable by others" finding goes away too.
      if (detection.current) void detection.refresh();
    } catch (reason) {
      this.netrcError = toAppError(reason);
    } finally {
      this.fixingNetrc = false;
    }
  }

  reset(): void {
    this.#loadGeneration++;
    this.overview = null;
    this.loading = false;
    this.loadError = null;
    this.explainPath = "";
    this.explanation = null;
    this.explaining = false;
    this.explainError = null;
    this.accessModule = "";
    this.report = null;
    this.testing = false;
    this.accessError = null;
    this.form = null;
    this.confirmingDelete = null;
    this.deleting = false;
    this.deleteError = null;
    this.fixingNetrc = false;
    this.netrcError = null;
    gitHelper.reset();
  }
}

export const privateState = new PrivateState();
