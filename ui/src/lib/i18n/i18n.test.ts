import { describe, expect, it } from "vitest";
import { ERROR_CODES } from "$lib/ipc/app-error";
import type { ErrorCode } from "$lib/bindings/ErrorCode";
import type { AccessDetail } from "$lib/bindings/AccessDetail";
import type { AccessSummary } from "$lib/bindings/AccessSummary";
import type { FindingCode } from "$lib/bindings/FindingCode";
import type { GoenvUnavailableReason } from "$lib/bindings/GoenvUnavailableReason";
import { en } from "./en";
import { catalogs } from "./i18n.svelte";
import { fill, matchLocale, plural, resolveLocale } from "./locale";
import { zhCN } from "./zh-CN";

/** Every leaf of a catalog as `a.b.c` → text. */
function leaves(value: unknown, prefix = ""): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (typeof value === "object" && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      for (const [path, leaf] of leaves(child, prefix ? `${prefix}.${key}` : key)) {
        out.set(path, leaf);
      }
    }
  } else {
    out.set(prefix, value);
  }
  return out;
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? "").sort();
}

// tsc rejects these objects when a code is added to (or removed from) the generated unions,
// so the runtime checks below always cover every code.
const ALL_FINDING_CODES: Record<FindingCode, true> = {
  go_not_found: true,
  multiple_installations: true,
  env_overrides_file: true,
  goproxy_off: true,
  goproxy_no_fallback: true,
  goproxy_invalid: true,
  gosumdb_off: true,
  goflags_insecure: true,
  http_proxy_in_effect: true,
  netrc_readable_by_others: true,
  goenv_ignored_lines: true,
  goenv_crlf: true,
  goenv_empty_value: true,
  goenv_unreadable: true,
  goauth_invalid: true,
  goauth_command_missing: true,
};

// The codes Rust sends with values instead of English sentences (tsc keeps these complete).
const ACCESS_DETAIL_CODES: Record<AccessDetail["code"], true> = {
  http_ok: true,
  no_credential: true,
  unauthorized: true,
  forbidden: true,
  not_found: true,
  http_status: true,
  network: true,
  git_app_helper: true,
  git_other_helper: true,
  git_ssh: true,
  git_nothing: true,
  git_missing: true,
};
const ACCESS_SUMMARY_CODES: Record<AccessSummary["code"], true> = {
  pattern_not_matched: true,
  no_route: true,
  reachable_through_proxy: true,
  reachable_direct: true,
  step_failed: true,
  not_found_then_direct: true,
};
const GOENV_REASON_CODES: Record<GoenvUnavailableReason["code"], true> = {
  off: true,
  not_defined: true,
  relative: true,
  no_config_home: true,
};

describe("catalogs", () => {
  const english = leaves(en);
  const chinese = leaves(zhCN);

  it("have identical key sets", () => {
    expect([...chinese.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it("have no empty or non-string values", () => {
    for (const [name, catalog] of [
      ["en", english],
      ["zh-CN", chinese],
    ] as const) {
      for (const [key, value] of catalog) {
        expect(typeof value, `${name} ${key}`).toBe("string");
        expect((value as string).trim(), `${name} ${key}`).not.toBe("");
      }
    }
  });

  it("use the same placeholders in both languages", () => {
    for (const [key, text] of english) {
      expect(placeholders(chinese.get(key) as string), key).toEqual(placeholders(text as string));
    }
  });

  it("explain every finding code and every error code in both languages", () => {
    for (const catalog of Object.values(catalogs)) {
      for (const code of Object.keys(ALL_FINDING_CODES) as FindingCode[]) {
        const text = catalog.findingTexts[code];
        expect(text.title && text.why && text.more, code).toBeTruthy();
      }
      for (const code of Object.keys(ERROR_CODES) as ErrorCode[]) {
        expect(catalog.errors.codes[code], code).toBeTruthy();
      }
      expect(Object.keys(catalog.findingTexts).sort()).toEqual(
        Object.keys(ALL_FINDING_CODES).sort(),
      );
      expect(Object.keys(catalog.errors.codes).sort()).toEqual(Object.keys(ERROR_CODES).sort());
    }
  });

  it("word every access report code and GOENV reason in both languages", () => {
    for (const [locale, catalog] of Object.entries(catalogs)) {
      const { details, summaries } = catalog.private.access.report;
      const reasons = catalog.settings.goenvReasons;
      for (const [texts, codes] of [
        [details, ACCESS_DETAIL_CODES],
        [summaries, ACCESS_SUMMARY_CODES],
        [reasons, GOENV_REASON_CODES],
      ] as const) {
        expect(Object.keys(texts).sort(), locale).toEqual(Object.keys(codes).sort());
        for (const code of Object.keys(codes)) {
          const text = (texts as Record<string, string>)[code];
          expect(text?.trim(), `${locale} ${code}`).toBeTruthy();
        }
      }
      for (const code of ["keychain_locked", "keychain_unavailable", "keychain_timeout"] as const) {
        expect(catalog.errors.codes[code], `${locale} ${code}`).toBeTruthy();
      }
    }
  });

  it("use the agreed Chinese terms", () => {
    expect(zhCN.nav.history).toBe("历史记录");
    expect(zhCN.nav.doctor).toBe("诊断");
    expect(zhCN.nav.private).toBe("私有模块");
    expect(zhCN.plan.apply).toBe("应用");
    expect(zhCN.toast.undo).toBe("撤销");
    expect(zhCN.findings.title).toBe("检查结果");
    expect(zhCN.settings.value).toBe("生效值");
    expect(zhCN.settings.source).toBe("来源");
    expect(zhCN.nav.mirrors).toBe("镜像");
    expect(zhCN.mirrors.run).toContain("测速");
    expect(zhCN.mirrors.recommendationTitle).toBe("推荐");
    expect(zhCN.mirrors.reasonChain).toContain("故障切换");
    expect(zhCN.mirrors.recommendedGosumdb).toContain("校验和数据库");
  });
});

describe("resolveLocale", () => {
  it.each([
    [["zh-CN"], "zh-CN"],
    [["zh"], "zh-CN"],
    [["zh-Hans"], "zh-CN"],
    [["zh-SG"], "zh-CN"],
    [["zh-Hans-CN"], "zh-CN"],
    [["zh_CN"], "zh-CN"],
    [["ZH-cn"], "zh-CN"],
    [["en-US"], "en"],
    [["en-GB", "zh-CN"], "en"],
    [["fr-FR", "zh-CN"], "zh-CN"],
    [["fr-FR", "de"], "en"],
    [["zh-TW"], "en"],
    [["zh-Hant"], "en"],
    [["zh-Hant-HK"], "en"],
    [["zh-TW", "zh-CN"], "zh-CN"],
    [[], "en"],
  ] as const)("%j → %s", (languages, expected) => {
    expect(resolveLocale(languages)).toBe(expected);
  });

  it("rejects languages it has no translation for", () => {
    expect(matchLocale("ja-JP")).toBeNull();
    expect(matchLocale("zh-MO")).toBeNull();
  });
});

describe("fill and plural", () => {
  it("fills named params and never leaves a raw placeholder", () => {
    expect(fill("{key} is {value}", { key: "GOPROXY", value: "off" })).toBe("GOPROXY is off");
    expect(fill("{key} is {value}", { key: "GOPROXY" })).toBe("GOPROXY is …");
  });

  it("picks English plural forms and repeats Chinese ones", () => {
    expect(plural("en", en.overview.warnings, 1)).toBe("1 warning");
    expect(plural("en", en.overview.warnings, 2)).toBe("2 warnings");
    expect(plural("zh-CN", zhCN.overview.warnings, 1)).toBe("1 个警告");
  });
});
