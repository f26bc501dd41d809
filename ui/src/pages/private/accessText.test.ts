import { describe, expect, it } from "vitest";
import type { AccessDetail } from "$lib/bindings/AccessDetail";
import type { AccessReport } from "$lib/bindings/AccessReport";
import type { AccessSummary } from "$lib/bindings/AccessSummary";
import { catalogs } from "$lib/i18n/i18n.svelte";
import { accessGitNoCredential, accessNoCredential } from "../../testing/privateFixtures";
import { actionText, detailText, stepTarget, summaryText } from "./accessText";

const URL = "https://goproxy.corp.example.com/git.corp.example.com/lib/@v/list";
const REPO = "https://git.corp.example.com/team/lib";

// One value of every code (tsc rejects the records when Rust adds or drops a code).
const DETAILS: { [C in AccessDetail["code"]]: Extract<AccessDetail, { code: C }> } = {
  http_ok: { code: "http_ok", url: URL, status: 200, bytes: 14 },
  no_credential: { code: "no_credential", url: URL },
  unauthorized: { code: "unauthorized", url: URL },
  forbidden: { code: "forbidden", url: URL },
  not_found: { code: "not_found", url: URL, status: 410 },
  http_status: { code: "http_status", url: URL, status: 502 },
  network: { code: "network", url: URL, error: "tls: unknown issuer" },
  git_app_helper: { code: "git_app_helper", repo: REPO },
  git_other_helper: {
    code: "git_other_helper",
    repo: REPO,
    host: "git.corp.example.com",
    helper: "store",
  },
  git_ssh: { code: "git_ssh", host: "git.corp.example.com", base: "git@git.corp.example.com:" },
  git_nothing: { code: "git_nothing", repo: REPO, host: "git.corp.example.com" },
  git_missing: { code: "git_missing", repo: REPO },
};

const SUMMARIES: { [C in AccessSummary["code"]]: Extract<AccessSummary, { code: C }> } = {
  pattern_not_matched: { code: "pattern_not_matched", module: "corp.example.com/lib" },
  no_route: { code: "no_route", module: "corp.example.com/lib" },
  reachable_through_proxy: {
    code: "reachable_through_proxy",
    module: "corp.example.com/lib",
    proxy: "https://goproxy.corp.example.com",
  },
  reachable_direct: { code: "reachable_direct", module: "corp.example.com/lib", repo: REPO },
  step_failed: { code: "step_failed" },
  not_found_then_direct: { code: "not_found_then_direct" },
};

/** A placeholder left unfilled shows as "…"; one never filled shows as `{name}`. */
const UNFILLED = /…|\{\w+\}/;

describe("access report texts", () => {
  for (const [locale, catalog] of Object.entries(catalogs)) {
    const texts = catalog.private.access.report;

    it(`word every step detail with all its values (${locale})`, () => {
      for (const detail of Object.values(DETAILS)) {
        const text = detailText(detail, texts);
        expect(text, detail.code).not.toMatch(UNFILLED);
        const values = Object.entries(detail).filter(([key]) => key !== "code");
        for (const [key, value] of values) {
          expect(text, `${detail.code}.${key}`).toContain(String(value));
        }
      }
    });

    it(`word every verdict and action (${locale})`, () => {
      const failed = accessNoCredential();
      for (const summary of Object.values(SUMMARIES)) {
        const report: AccessReport = { ...failed, summary };
        const text = summaryText(report, texts);
        expect(text, summary.code).not.toMatch(UNFILLED);
        expect(text.trim(), summary.code).not.toBe("");
      }
      for (const step of accessGitNoCredential().steps) {
        const text = actionText(step.action, texts);
        expect(text).not.toMatch(UNFILLED);
        expect(text).toContain(stepTarget(step));
      }
    });
  }

  it("repeat the failed step's detail in a failed verdict", () => {
    const texts = catalogs.en.private.access.report;
    const report = { ...accessNoCredential(), summary: SUMMARIES.not_found_then_direct };
    expect(summaryText(report, texts)).toMatch(
      /^https:\/\/\S+: 401 Unauthorized, and no token is stored for this host\. Go would then try/,
    );
  });
});
