import { afterEach, describe, expect, it } from "vitest";
import type { ChangeLine } from "$lib/bindings/ChangeLine";
import type { Summary } from "$lib/bindings/Summary";
import { i18n } from "$lib/i18n/i18n.svelte";
import { lineKey, lineValue, summaryText } from "./changeText";

/** One summary of every code, so a new code without words fails here. */
const SUMMARIES: Summary[] = [
  {
    code: "env_change",
    set: [{ key: "GOPROXY", value: "https://goproxy.cn,direct" }],
    unset: ["GOSUMDB"],
  },
  { code: "mirror_add", name: "corp", url: "https://goproxy.corp.example" },
  { code: "mirror_remove", name: "corp" },
  { code: "token_store", host: "git.corp.example", user: "alice", netrc: true },
  { code: "token_replace", host: "git.corp.example", user: "alice", netrc: false },
  { code: "token_delete", host: "git.corp.example", user: "alice" },
  { code: "netrc_set", login: "alice", machines: ["h:8443", "h"] },
  { code: "netrc_remove", machines: ["h"] },
  { code: "git_config_set", key: "credential.https://h.helper", value: "/app git-credential" },
  { code: "composite", parts: [{ code: "mirror_remove", name: "corp" }] },
];

afterEach(() => i18n.set("en"));

describe("change texts", () => {
  it.each(["en", "zh-CN"] as const)("word every summary code in %s with its values", (locale) => {
    i18n.set(locale);
    for (const summary of SUMMARIES) {
      const text = summaryText(summary);
      expect(text, JSON.stringify(summary)).not.toContain("…");
      expect(text.length).toBeGreaterThan(5);
    }
    expect(summaryText(SUMMARIES[0]!)).toContain("GOPROXY=https://goproxy.cn,direct");
    expect(summaryText(SUMMARIES[0]!)).toContain("GOSUMDB");
  });

  it("keeps the words of entries from earlier versions", () => {
    expect(summaryText("env set GOPROXY=off")).toBe("env set GOPROXY=off");
  });

  it("names a line's kind and never shows a keychain value", () => {
    const keychain: ChangeLine = { kind: "keychain", key: "svc (alice)", new: "" };
    expect(lineKey(keychain)).toBe("Keychain svc (alice)");
    expect(lineValue(keychain, "")).toBe("a token");
    const env: ChangeLine = { kind: "go_env", key: "GOPROXY", new: "off" };
    expect(lineKey(env)).toBe("GOPROXY");
    i18n.set("zh-CN");
    expect(lineValue(keychain, "")).toBe("一个令牌");
  });
});
