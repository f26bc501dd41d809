import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import {
  appliedProxyFallback,
  proxyFallbackEntry,
  detectionWithWarnings,
  historyEntries,
  planForProxyFallback,
} from "../../testing/fixtures";
import {
  applyEnvChange,
  detectEnvironment,
  listHistory,
  planEnvChange,
  toAppError,
  undoChange,
  listMirrors,
  addMirror,
  removeMirror,
  runBenchmark,
  cancelBenchmark,
  lastBenchmark,
  planUseMirrors,
} from "./index";
import type { BenchEvent } from "$lib/bindings/BenchEvent";
import { benchReport, mirrorEntries } from "../../testing/mirrorFixtures";

afterEach(() => clearMocks());

const OPS = [{ op: "set", key: "GOPROXY", value: "https://goproxy.cn,direct" }] as const;

describe("ipc adapter", () => {
  it("calls each command by its Rust name with the agreed arguments", async () => {
    const calls: [string, unknown][] = [];
    const replies: Record<string, unknown> = {
      detect_environment: detectionWithWarnings(),
      plan_env_change: planForProxyFallback(),
      apply_env_change: appliedProxyFallback(),
      list_history: { entries: historyEntries(), unreadable: [] },
      undo_change: { ...proxyFallbackEntry(), undone_at_ms: 1 },
    };
    mockIPC((command, args) => {
      calls.push([command, args]);
      return replies[command];
    });

    expect(await detectEnvironment()).toEqual(detectionWithWarnings());
    expect(await planEnvChange([...OPS])).toEqual(planForProxyFallback());
    expect(await applyEnvChange([...OPS])).toEqual(appliedProxyFallback());
    expect((await listHistory()).entries).toHaveLength(3);
    expect((await undoChange("20261121T091500Z-1")).undone_at_ms).toBe(1);

    expect(calls.map(([command]) => command)).toEqual([
      "detect_environment",
      "plan_env_change",
      "apply_env_change",
      "list_history",
      "undo_change",
    ]);
    expect(calls[1]?.[1]).toEqual({ ops: OPS });
    expect(calls[2]?.[1]).toEqual({ ops: OPS });
    expect(calls[4]?.[1]).toEqual({ id: "20261121T091500Z-1" });
  });

  it("passes Rust errors through unchanged", async () => {
    mockIPC(() => {
      throw { code: "read_only_key", message: "go: GOROOT cannot be modified", field: "GOROOT" };
    });
    await expect(planEnvChange([{ op: "set", key: "GOROOT", value: "/x" }])).rejects.toEqual({
      code: "read_only_key",
      message: "go: GOROOT cannot be modified",
      field: "GOROOT",
    });
  });

  it("turns any other rejection into an external error", async () => {
    mockIPC(() => {
      throw "command detect_environment not found";
    });
    await expect(detectEnvironment()).rejects.toEqual({
      code: "external",
      message: "command detect_environment not found",
    });
  });
});

describe("mirrors commands", () => {
  it("pass their arguments by the Rust names and stream benchmark events to the callback", async () => {
    const calls: [string, Record<string, unknown>][] = [];
    mockIPC((command, args) => {
      const payload = (args ?? {}) as Record<string, unknown>;
      calls.push([command, payload]);
      if (command === "run_benchmark") {
        // Channels are not mocked: deliver the messages the way Rust would, in order.
        const channel = payload.onEvent as { onmessage: (event: BenchEvent) => void };
        channel.onmessage({ event: "progress", done: 1, planned: 2 });
        channel.onmessage({ event: "progress", done: 2, planned: 2 });
        return benchReport();
      }
      const replies: Record<string, unknown> = {
        list_mirrors: mirrorEntries(),
        add_mirror: appliedProxyFallback(),
        remove_mirror: appliedProxyFallback(),
        cancel_benchmark: true,
        last_benchmark: null,
        plan_use_mirrors: planForProxyFallback(),
      };
      return replies[command];
    });

    expect(await listMirrors()).toHaveLength(3);
    await addMirror({ name: "corp", url: "https://m.example" });
    await removeMirror("corp");
    const events: BenchEvent[] = [];
    const options = { mirrors: [], modules: [], no_direct: false };
    expect(await runBenchmark("run-1", options, (e) => events.push(e))).toEqual(benchReport());
    expect(events.map((e) => e.event === "progress" && e.done)).toEqual([1, 2]);
    expect(await cancelBenchmark("run-1")).toBe(true);
    expect(await lastBenchmark()).toBeNull();
    const choice = { mirrors: ["https://goproxy.cn", "direct"], failover: true };
    expect(await planUseMirrors(choice)).toEqual(planForProxyFallback());

    expect(calls.map(([command]) => command)).toEqual([
      "list_mirrors",
      "add_mirror",
      "remove_mirror",
      "run_benchmark",
      "cancel_benchmark",
      "last_benchmark",
      "plan_use_mirrors",
    ]);
    expect(calls[1]?.[1]).toEqual({ mirror: { name: "corp", url: "https://m.example" } });
    expect(calls[2]?.[1]).toEqual({ name: "corp" });
    expect(calls[3]?.[1]).toMatchObject({ runId: "run-1", options });
    expect(calls[4]?.[1]).toEqual({ runId: "run-1" });
    expect(calls[6]?.[1]).toEqual({ choice });
  });
});

describe("toAppError", () => {
  it("normalises strings, JS errors, unknown codes and junk", () => {
    expect(toAppError(new TypeError("boom"))).toEqual({ code: "external", message: "boom" });
    expect(toAppError({ code: "no_such_code", message: "new in Rust" })).toEqual({
      code: "external",
      message: "new in Rust",
    });
    expect(toAppError({ code: "io", message: "cannot write", field: 3 })).toEqual({
      code: "io",
      message: "cannot write",
    });
    expect(toAppError(undefined)).toEqual({ code: "external", message: "undefined" });
  });
});
