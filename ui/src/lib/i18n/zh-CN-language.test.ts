// The Chinese UI speaks Chinese: no English sentence in any zh-CN text apart from values, both
// catalogues have the same keys, and the agreed terms of the UX guide are used wherever the
// English text uses them.
import { describe, expect, it } from "vitest";
import { englishSentences } from "../../testing/englishSentences.js";
import { en } from "./en";
import { zhCN } from "./zh-CN";

function leaves(value: unknown, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof value === "object" && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      for (const [path, leaf] of leaves(child, prefix ? `${prefix}.${key}` : key)) {
        out.set(path, leaf);
      }
    }
  } else {
    out.set(prefix, String(value));
  }
  return out;
}

const english = leaves(en);
const chinese = leaves(zhCN);

/** zh-CN texts that quote English on purpose, with the quote. */
const QUOTED_ENGLISH: Record<string, string> = {
  // go's own error message, as the user will see it in their terminal.
  "doctor.codes.config.gotoolchain.fix": "requires go >=",
};

/** The terms table of the UX guide (en → zh-CN). */
const TERMS: [RegExp, string[]][] = [
  [/\bmirrors?\b/i, ["镜像"]],
  [/\bmodule prox(y|ies)\b/i, ["模块代理"]],
  [/\bbenchmark/i, ["测速"]],
  [/\brecommended\b/i, ["推荐"]],
  [/\bfailover\b/i, ["故障切换"]],
  [/\bchecksum database\b/i, ["校验和数据库"]],
  [/\bprivate modules?\b/i, ["私有模块"]],
  [/\btokens?\b/i, ["令牌"]],
  [/\bkeychain\b/i, ["钥匙串", "凭据管理器"]],
  [/\bapply\b/i, ["应用"]],
  [/\bundo\b/i, ["撤销"]],
  [/\bhistory\b/i, ["历史记录"]],
  [/\bfindings\b/i, ["检查结果"]],
  [/\bteam bundles?\b/i, ["团队配置包"]],
  [/\bonboarding\b/i, ["新成员上手"]],
  [/\b(diagnose|doctor)\b/i, ["诊断"]],
  [/\breachable\b/i, ["可访问"]],
  [/\bunreachable\b/i, ["无法访问"]],
  [/\beffective value\b/i, ["生效值"]],
];

/** Keys where the English word is not the term (another sense of it), with the word. */
const OTHER_SENSE: Record<string, string> = {
  "findingTexts.goenv_empty_value.more": "apply", // "Go's default applies again"
  "private.explain.intro": "apply", // "which settings apply to a module path"
  "private.tokenForm.userPlaceholder": "token", // a user name, typed as is
  "docker.engine.findings.proxy_not_passed": "history", // the image history of Docker
};

/** Words for the terms that the guide does not use. */
const VARIANTS = ["撤消", "基准测试", "镜象", "故障转移", "可达", "钥匙链", "密钥链", "诊断器"];

describe("the zh-CN catalogue", () => {
  it("has exactly the keys of the English one", () => {
    expect([...chinese.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it("has no English sentence apart from values", () => {
    const found: string[] = [];
    for (const [key, text] of chinese) {
      const allowed = QUOTED_ENGLISH[key];
      const rest = allowed ? text.replace(allowed, " ") : text;
      for (const sentence of englishSentences(rest)) found.push(`${key}: "${sentence}"`);
    }
    expect(found).toEqual([]);
  });

  it("uses the terms of the UX guide where the English text does", () => {
    const missing: string[] = [];
    for (const [key, text] of english) {
      for (const [term, words] of TERMS) {
        const match = text.match(term);
        if (!match || OTHER_SENSE[key] === match[0].toLowerCase()) continue;
        if (!words.some((word) => chinese.get(key)?.includes(word))) {
          missing.push(`${key}: "${match[0]}" → ${words.join(" / ")}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it("uses no other word for a term of the guide", () => {
    const found = [...chinese].filter(([, text]) => VARIANTS.some((v) => text.includes(v)));
    expect(found).toEqual([]);
  });
});

describe("englishSentences", () => {
  it("finds English sentences and phrases", () => {
    expect(englishSentences("请先运行 Run the benchmark first")).toEqual([
      "Run the benchmark first",
    ]);
    expect(englishSentences("状态：not found")).toEqual(["not found"]);
    // The detector is not blind: most of the English catalogue is flagged.
    const flagged = [...english.values()].filter((text) => englishSentences(text).length > 0);
    expect(flagged.length / english.size).toBeGreaterThan(0.5);
  });

  it("leaves values alone", () => {
    for (const value of [
      "运行 go mod download -x 并解释失败原因",
      "请安装：sudo apt install fonts-noto-cjk",
      "例如 https://goproxy.cn,direct 或 git.corp.example.com/team/lib",
      "设置 GOSUMDB=sum.golang.google.cn 与 GOPRIVATE",
      "路径 /home/you/src/app 与 {path}",
      "GitHub Actions 与 GitLab CI",
    ]) {
      expect(englishSentences(value), value).toEqual([]);
    }
  });
});
