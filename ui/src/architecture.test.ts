// Rules the code base must keep: one Tauri adapter, and nothing the CSP would block.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { describe, expect, it } from "vitest";

const UI_ROOT = join(import.meta.dirname, "..");
const SCANNED = ["src", "dev", "index.html"];
const SKIPPED = new Set(["node_modules", "dist", "bindings"]);

function sourceFiles(path: string): string[] {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return [];
  if (stat.isFile()) return /\.(ts|js|mjs|svelte|html|css)$/.test(path) ? [path] : [];
  return readdirSync(path)
    .filter((name) => !SKIPPED.has(name))
    .flatMap((name) => sourceFiles(join(path, name)));
}

const files = SCANNED.flatMap((entry) => sourceFiles(join(UI_ROOT, entry))).map((path) => ({
  path: relative(UI_ROOT, path).split(sep).join("/"),
  text: readFileSync(path, "utf8"),
}));
const isTest = (path: string) => path.endsWith(".test.ts");
const TAURI_IMPORT = /(?:from\s+|import\s*\(\s*|import\s+)["']@tauri-apps\//;

describe("architecture", () => {
  it("scans the sources", () => {
    expect(files.some((file) => file.path === "src/lib/ipc/index.ts")).toBe(true);
    expect(files.some((file) => file.path.endsWith(".svelte"))).toBe(true);
  });

  it("imports @tauri-apps/* only in src/lib/ipc/", () => {
    const offenders = files
      .filter((file) => !file.path.startsWith("src/lib/ipc/"))
      .filter((file) => TAURI_IMPORT.test(file.text))
      .map((file) => file.path);
    expect(offenders).toEqual([]);
  });

  it("detects a Tauri import when there is one", () => {
    const scope = ["@tauri", "apps/"].join("-"); // spelled apart so this file passes its own rule
    expect(TAURI_IMPORT.test(`import { invoke } from "${scope}api/core";`)).toBe(true);
    expect(TAURI_IMPORT.test(`const m = await import('${scope}api/event');`)).toBe(true);
    expect(TAURI_IMPORT.test(`import "${scope}plugin-dialog";`)).toBe(true);
    expect(TAURI_IMPORT.test(`// see ${scope}api docs`)).toBe(false);
  });

  it("uses nothing the CSP blocks: no {@html}, style attributes, inline scripts or eval", () => {
    const offenders: string[] = [];
    for (const { path, text } of files.filter((file) => !isTest(file.path))) {
      if (path.endsWith(".svelte")) {
        const markup = text
          .replace(/<script[\s\S]*?<\/script>/g, "")
          .replace(/<style[\s\S]*?<\/style>/g, "");
        if (markup.includes("{@html")) offenders.push(`${path}: {@html}`);
        if (/\sstyle=/.test(markup)) offenders.push(`${path}: style attribute`);
      }
      if (path.endsWith(".html")) {
        if (/<script(?![^>]*\bsrc=)[^>]*>/.test(text)) offenders.push(`${path}: inline <script>`);
        if (/<style\b|\sstyle=/.test(text)) offenders.push(`${path}: inline style`);
      }
      if (/\beval\s*\(|new Function\s*\(/.test(text)) offenders.push(`${path}: eval`);
    }
    expect(offenders).toEqual([]);
  });

  it("loads nothing from the network (no remote fonts, images or stylesheets)", () => {
    const remote = /(?:url\(\s*["']?|@import\s+["']?|\s(?:src|href)=["']?)(?:https?:)?\/\//;
    const offenders = files
      .filter((file) => !isTest(file.path) && remote.test(file.text))
      .map((file) => file.path);
    expect(offenders).toEqual([]);
  });
});
