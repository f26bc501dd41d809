import { describe, expect, it } from "vitest";
import { en } from "$lib/i18n/en";
import { zhCN } from "$lib/i18n/zh-CN";
import { detectionWithWarnings, detectionWithoutGo } from "../../testing/fixtures";
import { describeSource, otherValues } from "./settingSource";
import { countBySeverity, displayProxyEntry, overviewTone, summarizeGoproxy } from "./verdict";

describe("summarizeGoproxy", () => {
  it.each([
    [
      "https://proxy.golang.org,direct",
      { kind: "proxy", first: "proxy.golang.org", rest: ["direct"] },
    ],
    ["https://goproxy.cn", { kind: "proxy", first: "goproxy.cn", rest: [] }],
    [
      "https://a.example.com/go/ | https://b.example.com,direct,https://ignored",
      { kind: "proxy", first: "a.example.com/go", rest: ["b.example.com", "direct"] },
    ],
    ["off", { kind: "off" }],
    ["direct,https://ignored", { kind: "direct" }],
    ["", { kind: "empty" }],
    [" , | ", { kind: "empty" }],
    [undefined, { kind: "empty" }],
  ] as const)("%j", (value, expected) => {
    expect(summarizeGoproxy(value)).toEqual(expected);
  });

  it("keeps non-https entries whole so nothing is hidden", () => {
    expect(displayProxyEntry("http://10.0.0.5:3000")).toBe("http://10.0.0.5:3000");
    expect(displayProxyEntry("file:///home/dev/go/pkg/mod/cache/download")).toBe(
      "file:///home/dev/go/pkg/mod/cache/download",
    );
  });
});

describe("tone", () => {
  it("is amber for warnings, red for errors or no Go, green otherwise", () => {
    const warnings = detectionWithWarnings();
    expect(countBySeverity(warnings.findings)).toEqual({ errors: 0, warnings: 2 });
    expect(overviewTone(warnings)).toBe("attention");
    expect(overviewTone(detectionWithoutGo())).toBe("problem");
    expect(overviewTone({ ...warnings, findings: warnings.findings.slice(2) })).toBe("good");
  });
});

describe("setting sources in words", () => {
  const settings = detectionWithWarnings().settings;
  const byKey = (key: string) => settings.find((setting) => setting.key === key)!;

  it("names each source", () => {
    expect(describeSource(byKey("GOPROXY"), en)).toBe("GOENV file (/home/dev/.config/go/env)");
    expect(describeSource(byKey("GOSUMDB"), en)).toBe("Environment");
    expect(describeSource(byKey("GOTOOLCHAIN"), en)).toBe("$GOROOT/go.env (/usr/local/go/go.env)");
    expect(describeSource(byKey("GONOSUMDB"), en)).toBe("Default (derived from GOPRIVATE)");
    expect(describeSource(byKey("GOAUTH"), en)).toBe("Default");
    expect(describeSource({ key: "GOAUTH", value: "", source: "unsupported" }, en)).toBe(
      "Not supported by this Go",
    );
    const assumed = {
      key: "GOPROXY",
      value: "https://proxy.golang.org,direct",
      source: "assumed_default",
    } as const;
    expect(describeSource(assumed, en)).toBe("Go's default (no go found)");
    expect(describeSource(assumed, zhCN)).toBe("Go 的默认值（未找到 go）");
  });

  it("lists only the values that differ from the effective one, empty ones included", () => {
    expect(otherValues(byKey("GOSUMDB"), en).map((other) => other.label)).toEqual([
      "GOENV file: sum.golang.google.cn",
      "$GOROOT/go.env: sum.golang.org",
    ]);
    expect(otherValues(byKey("GOTOOLCHAIN"), en)).toEqual([]);
    const emptyEnv = {
      key: "GOPROXY",
      value: "https://goproxy.cn",
      source: "goenv_file",
      env_value: "",
    } as const;
    expect(otherValues(emptyEnv, en).map((other) => other.label)).toEqual(["Environment: (empty)"]);
  });
});
