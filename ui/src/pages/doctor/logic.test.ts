import { describe, expect, it } from "vitest";
import type { EndpointCheck } from "$lib/bindings/EndpointCheck";
import { en } from "$lib/i18n/en";
import { zhCN } from "$lib/i18n/zh-CN";
import {
  FORBIDDEN_PROXY,
  GOOD_PROXY,
  forbiddenExplanation,
  forbiddenFinding,
  mismatchFinding,
  settledEndpoints,
} from "../../testing/doctorFixtures";
import { endpointState, mergeEndpoint, settle, stepCells, unreachableCount } from "./checklist";
import { findingView, opText, SHOWN_MODULES } from "./findingView";
import { pickLines } from "./logLines";
import { doctorVerdict } from "./verdict";

const [good, forbidden, sumdb] = settledEndpoints() as [
  EndpointCheck,
  EndpointCheck,
  EndpointCheck,
];

describe("the endpoint checklist", () => {
  it("replaces an endpoint by role and URL, and adds new ones at the end", () => {
    const partial = { ...good, ok: false, running: true, steps: good.steps.slice(0, 1) };
    let list = mergeEndpoint([], partial);
    list = mergeEndpoint(list, sumdb);
    list = mergeEndpoint(list, good);
    expect(list).toEqual([good, sumdb]);
    // The same URL in another role is another endpoint.
    expect(mergeEndpoint(list, { ...good, role: "direct" })).toHaveLength(3);
  });

  it("keeps the live order when the final list arrives, and drops what it lacks", () => {
    expect(settle([sumdb, good], [good, forbidden])).toEqual([good, forbidden]);
    expect(settle([sumdb, good, forbidden], [forbidden, good, sumdb])).toEqual([
      sumdb,
      good,
      forbidden,
    ]);
  });

  it("shows the four steps: settled, pending while checking, not reached after a failure", () => {
    const partial = { ...good, ok: false, running: true, steps: good.steps.slice(0, 2) };
    expect(stepCells(partial, true).map((c) => c.state)).toEqual([
      "ok",
      "ok",
      "pending",
      "pending",
    ]);
    expect(endpointState(partial, true)).toBe("checking");
    // The check ended before it settled (cancelled page, lost report): unreachable, the rest not reached.
    const stopped = { ...partial, running: undefined };
    expect(endpointState(stopped, false)).toBe("failed");
    expect(stepCells(stopped, false).map((c) => c.state)).toEqual([
      "ok",
      "ok",
      "skipped",
      "skipped",
    ]);
    const cells = stepCells(sumdb, true);
    expect(cells.map((c) => c.state)).toEqual(["ok", "failed", "skipped", "skipped"]);
    expect(cells[1]).toEqual({ step: "tcp", state: "failed", ms: 10000, code: "net.timeout" });
    expect(stepCells(forbidden, false)[3]).toMatchObject({ status: 403, code: "proxy.forbidden" });
  });

  it("lists `direct` without steps when no module host is known to check", () => {
    const direct: EndpointCheck = {
      url: "direct",
      role: "direct",
      ok: true,
      running: undefined,
      steps: [],
      note: "no_known_host",
    };
    expect(endpointState(direct, false)).toBe("listed");
    expect(stepCells(direct, false).map((c) => c.state)).toEqual(["none", "none", "none", "none"]);
    expect(unreachableCount([direct], false)).toBe(0);
  });

  it("marks TLS as not used for a plain http:// endpoint that is reachable", () => {
    const plain: EndpointCheck = {
      url: "http://127.0.0.1:8080",
      role: "proxy",
      ok: true,
      running: undefined,
      steps: [good.steps[0]!, good.steps[1]!, good.steps[3]!],
    };
    expect(stepCells(plain, false).map((c) => c.state)).toEqual(["ok", "ok", "none", "ok"]);
    expect(unreachableCount([plain, good, forbidden, sumdb], false)).toBe(2);
  });
});

describe("log lines", () => {
  const log = "first\r\nsecond\rthird\n\u001b[31mfourth in red\u001b[0m\nfifth";

  it("numbers lines from 1 whatever ends them (\\n, \\r\\n, lone \\r)", () => {
    expect(pickLines(log, [1, 2, 3, 5])).toEqual([
      { n: 1, text: "first" },
      { n: 2, text: "second" },
      { n: 3, text: "third" },
      { n: 5, text: "fifth" },
    ]);
  });

  it("strips colour codes, cuts long lines, skips numbers past the end", () => {
    expect(pickLines(log, [4, 99, 0, -1])).toEqual([{ n: 4, text: "fourth in red" }]);
    const long = pickLines("x".repeat(1000), [1])[0]?.text ?? "";
    expect(long.length).toBeLessThan(300);
    expect(long.endsWith("…")).toBe(true);
  });

  it("finds a line deep in a large log quickly", () => {
    const big = Array.from({ length: 200_000 }, (_, i) => `line ${i + 1}`).join("\n");
    const start = performance.now();
    expect(pickLines(big, [199_999])).toEqual([{ n: 199_999, text: "line 199999" }]);
    expect(performance.now() - start).toBeLessThan(1000);
  });

  it("reads the lines of 100 findings at the end of a 20 MB log without blocking the page", () => {
    const line = "#12 3.456 go: downloading github.com/some/module v1.2.3 \u001b[32mdone\u001b[0m";
    const count = Math.ceil(20e6 / (line.length + 2));
    const big = Array.from({ length: count }, () => line).join("\r\n");
    expect(big.length).toBeGreaterThan(20e6);
    const start = performance.now();
    for (let f = 0; f < 100; f++) {
      const picked = pickLines(big, [count - 300 + f, count - f]);
      expect(picked.map((l) => l.n)).toEqual([count - 300 + f, count - f]);
    }
    expect(pickLines(big, [count])[0]?.text).toBe(
      "#12 3.456 go: downloading github.com/some/module v1.2.3 done",
    );
    expect(performance.now() - start).toBeLessThan(2000);
  });
});

describe("the words for the codes", () => {
  it("give every one of the 37 codes a title, why and fix in both languages", () => {
    const codes = Object.keys(en.doctor.codes);
    expect(codes).toHaveLength(37);
    expect(Object.keys(zhCN.doctor.codes).sort()).toEqual(codes.sort());
    for (const m of [en.doctor, zhCN.doctor]) {
      const titles = new Set(Object.values(m.codes).map((text) => text.title));
      expect(titles.size).toBe(37);
    }
  });

  it("never advise turning verification off", () => {
    for (const m of [en.doctor, zhCN.doctor]) {
      for (const [code, text] of Object.entries(m.codes)) {
        const advice = `${text.fix}`.replace(/Never GOSUMDB=off|切勿设置 GOSUMDB=off/g, "");
        expect(advice, code).not.toMatch(/GOSUMDB=off|GOINSECURE|-insecure|InsecureSkipVerify/);
      }
    }
  });
});

describe("a finding's view", () => {
  it("words the finding by code in both languages, never with Rust's message", () => {
    for (const m of [en.doctor, zhCN.doctor]) {
      const view = findingView(forbiddenFinding(), m);
      expect(view.title).toBe(m.codes["proxy.forbidden"].title);
      expect(view.why).toBe(m.codes["proxy.forbidden"].why);
      expect(view.fix).toBe(m.codes["proxy.forbidden"].fix);
      expect(JSON.stringify(view)).not.toContain(forbiddenFinding().message);
    }
  });

  it("words advice for a value the OS environment sets from params, in both languages", () => {
    const finding = {
      ...mismatchFinding(),
      code: "config.goflags" as const,
      message: "GOFLAGS=bogus comes from the OS environment.",
      params: { env_key: "GOFLAGS", env_value: "bogus", files: "/home/u/.bashrc" },
      fix: { kind: "manual" as const, hint: "RUST-ENGLISH-HINT" },
    };
    const zh = findingView(finding, zhCN.doctor);
    expect(zh.shadowed).toBe(
      "GOFLAGS=bogus 来自操作系统的环境变量，它会覆盖 go env 文件：请在 /home/u/.bashrc 中删除这一行，然后打开新的终端。",
    );
    const set = {
      ...finding,
      params: { env_key: "GOPROXY", env_value: "off", env_set: "https://goproxy.cn,direct" },
    };
    expect(findingView(set, zhCN.doctor).shadowed).toBe(
      "GOPROXY=off 来自操作系统的环境变量，它会覆盖 go env 文件：请在 你的环境设置（shell 配置文件、IDE 或 CI 设置） 中把它改为 https://goproxy.cn,direct，然后打开新的终端。",
    );
    expect(findingView(set, en.doctor).shadowed).toContain("set it to https://goproxy.cn,direct");
    expect(findingView(mismatchFinding(), zhCN.doctor).shadowed).toBeNull();
  });

  it("offers the go env ops as the fix, or the manual hint", () => {
    const view = findingView(forbiddenFinding(), en.doctor);
    expect(view.ops).toEqual([{ op: "set", key: "GOPROXY", value: `${GOOD_PROXY},direct` }]);
    expect(view.hint).toBeNull();
    const manual = findingView(mismatchFinding(), en.doctor);
    expect(manual.ops).toBeNull();
    expect(manual.hint).toContain("go.sum");
    expect(opText({ op: "unset", key: "GOFLAGS" }, zhCN.doctor)).toBe("重置 GOFLAGS");
    expect(opText({ op: "set", key: "GOPROXY", value: "off" }, en.doctor)).toBe("GOPROXY=off");
  });

  it("shows the first modules and counts the rest", () => {
    const many = forbiddenFinding();
    many.modules = Array.from({ length: 40 }, (_, i) => `example.com/m${i}@v1.0.0`);
    const view = findingView(many, en.doctor);
    expect(view.modules).toHaveLength(SHOWN_MODULES);
    expect(view.moreModules).toBe(40 - SHOWN_MODULES);
  });
});

describe("the verdict", () => {
  const facts = { checking: false, checked: false, endpoints: [], explanation: null };

  it("invites a check before anything ran", () => {
    expect(doctorVerdict(en, "en", facts)).toEqual({ text: en.doctor.verdictIdle });
  });

  it("counts unreachable endpoints, or says all are reachable", () => {
    const all = doctorVerdict(en, "en", { ...facts, checked: true, endpoints: settledEndpoints() });
    expect(all).toEqual({ text: "2 of 3 endpoints unreachable", tone: "problem" });
    const fine = doctorVerdict(en, "en", { ...facts, checked: true, endpoints: [good, good] });
    expect(fine).toEqual({ text: "All 2 endpoints are reachable", tone: "good" });
    const zh = doctorVerdict(zhCN, "zh-CN", { ...facts, checked: true, endpoints: [good] });
    expect(zh.text).toContain("可访问");
  });

  it("adds what the log showed, worst tone first", () => {
    const verdict = doctorVerdict(en, "en", {
      ...facts,
      checked: true,
      endpoints: [good],
      explanation: forbiddenExplanation(),
    });
    expect(verdict).toEqual({
      text: "The endpoint is reachable; 1 problem found",
      tone: "problem",
    });
    const nothing = doctorVerdict(en, "en", { ...facts, explanation: { findings: [], lines: 4 } });
    expect(nothing).toEqual({ text: en.doctor.verdictNothingFound });
  });

  it("says how many endpoints it is checking", () => {
    const live = doctorVerdict(en, "en", {
      ...facts,
      checking: true,
      checked: true,
      endpoints: [good],
    });
    expect(live.text).toBe("Checking 1 endpoint…");
    expect(FORBIDDEN_PROXY).toContain("corp");
  });
});
