import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import {
  appliedProxyFallback,
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
} from "./index";

afterEach(() => clearMocks());

const OPS = [{ op: "set", key: "GOPROXY", value: "https://goproxy.cn,direct" }] as const;

describe("ipc adapter", () => {
  it("calls each command by its Rust name with the agreed arguments", async () => {
    const calls: [string, unknown][] = [];
    const replies: Record<string, unknown> = {
      detect_environment: detectionWithWarnings(),
      plan_env_change: planForProxyFallback(),
      apply_env_change: appliedProxyFallback(),
      list_history: historyEntries(),
      undo_change: { ...appliedProxyFallback(), undone_at_ms: 1 },
    };
    mockIPC((command, args) => {
      calls.push([command, args]);
      return replies[command];
    });

    expect(await detectEnvironment()).toEqual(detectionWithWarnings());
    expect(await planEnvChange([...OPS])).toEqual(planForProxyFallback());
    expect(await applyEnvChange([...OPS])).toEqual(appliedProxyFallback());
    expect(await listHistory()).toHaveLength(3);
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
