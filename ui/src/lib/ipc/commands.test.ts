// The IPC commands are listed once, in src-tauri/commands.json (build.rs reads it). Every other
// place that names them must agree: the handler list, the capability and its README, this typed
// adapter and the preview's fake IPC. A command missing anywhere fails here, naming the place.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import * as fake from "../../../dev/fake-ipc";
import * as adapter from "./index";

const SHELL = join(import.meta.dirname, "../../../../src-tauri");
const read = (path: string) => readFileSync(join(SHELL, path), "utf8");

/** Names that are exported next to the commands but are not commands. */
const NOT_COMMANDS = new Set(["toAppError", "isKeychainError", "onBundleLink"]);

const COMMANDS: string[] = JSON.parse(read("commands.json"));

const camel = (name: string) => name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const kebab = (name: string) => name.replace(/_/g, "-");

/** What `place` lacks and what it has beyond the list, one sentence per command. */
function disagreements(place: string, listed: string[], found: string[]): string[] {
  const have = new Set(found);
  const want = new Set(listed);
  return [
    ...listed.filter((name) => !have.has(name)).map((name) => `${name}: missing from ${place}`),
    ...found
      .filter((name) => !want.has(name))
      .map((name) => `${name}: in ${place} but not in src-tauri/commands.json`),
    ...found
      .filter((name, i) => found.indexOf(name) !== i)
      .map((name) => `${name}: twice in ${place}`),
  ];
}

/** The last path segment of every entry of `generate_handler![...]` in src-tauri/src/lib.rs. */
function handlerNames(): string[] {
  const body = read("src/lib.rs").match(/generate_handler!\[([^\]]*)\]/)?.[1] ?? "";
  return body
    .split(",")
    .map((entry) => entry.trim().split("::").pop() ?? "")
    .filter((name) => name !== "");
}

function adapterFunctions(module: Record<string, unknown>): string[] {
  return Object.entries(module)
    .filter(([name, value]) => typeof value === "function" && !NOT_COMMANDS.has(name))
    .map(([name]) => name);
}

afterEach(() => clearMocks());

describe("the one list of IPC commands", () => {
  it("is a non-empty list of snake_case names, each once", () => {
    expect(COMMANDS.length).toBeGreaterThan(0);
    for (const name of COMMANDS) expect(name).toMatch(/^[a-z][a-z_]*$/);
    expect(disagreements("src-tauri/commands.json", COMMANDS, COMMANDS)).toEqual([]);
  });

  it("is what build.rs hands to tauri-build (no second list there)", () => {
    const build = read("build.rs");
    expect(build).toContain('"commands.json"');
    const listed = COMMANDS.filter((name) => build.includes(`"${name}"`));
    expect(listed, "build.rs names commands itself").toEqual([]);
  });

  it("matches the handler list in src-tauri/src/lib.rs", () => {
    expect(
      disagreements("generate_handler! in src-tauri/src/lib.rs", COMMANDS, handlerNames()),
    ).toEqual([]);
  });

  it("is granted by the main window's capability, and documented in its README", () => {
    const capability = JSON.parse(read("capabilities/main-window.json")) as {
      permissions: unknown[];
    };
    const granted = capability.permissions
      .filter((p): p is string => typeof p === "string" && p.startsWith("allow-"))
      .map((p) => p.slice("allow-".length).replace(/-/g, "_"));
    expect(disagreements("src-tauri/capabilities/main-window.json", COMMANDS, granted)).toEqual([]);
    const documented = [
      ...read("capabilities/README.md").matchAll(/^\| `allow-([a-z-]+)` \|/gm),
    ].map((row) => (row[1] ?? "").replace(/-/g, "_"));
    expect(disagreements("src-tauri/capabilities/README.md", COMMANDS, documented)).toEqual([]);
    expect(COMMANDS.map(kebab).every((name) => !name.includes("_"))).toBe(true);
  });

  it("is what the typed adapter invokes, one function per command named after it", async () => {
    const invoked: string[] = [];
    mockIPC((command) => {
      invoked.push(command);
      return null;
    });
    const functions = adapterFunctions(adapter);
    for (const name of functions) {
      const call = (adapter as unknown as Record<string, (...args: unknown[]) => unknown>)[name];
      await call?.(
        () => {},
        () => {},
        () => {},
      );
    }
    expect(disagreements("ui/src/lib/ipc/index.ts (invoked)", COMMANDS, invoked)).toEqual([]);
    expect(
      disagreements("ui/src/lib/ipc/index.ts (exports)", COMMANDS.map(camel), functions),
    ).toEqual([]);
  });

  it("is answered by the preview's fake IPC (ui/dev/fake-ipc.ts)", () => {
    expect(
      disagreements("ui/dev/fake-ipc.ts", COMMANDS.map(camel), adapterFunctions(fake)),
    ).toEqual([]);
  });

  it("names the command and the place when they disagree", () => {
    expect(disagreements("somewhere", ["a_b", "c_d"], ["a_b", "e_f", "a_b"])).toEqual([
      "c_d: missing from somewhere",
      "e_f: in somewhere but not in src-tauri/commands.json",
      "a_b: twice in somewhere",
    ]);
  });
});
