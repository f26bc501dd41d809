/// <reference types="vitest/config" />
import { defineConfig } from "vite";
import { svelte } from "@sveltejs/vite-plugin-svelte";
import { svelteTesting } from "@testing-library/svelte/vite";
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Plugin } from "vite";

const host = process.env.TAURI_DEV_HOST;

/** dist/ is emptied on each build; put back the committed placeholder `cargo check` relies on. */
function keepDistPlaceholder(): Plugin {
  return {
    name: "keep-dist-placeholder",
    apply: "build",
    writeBundle(options) {
      if (options.dir) writeFileSync(`${options.dir}/.gitkeep`, "");
    },
  };
}

export default defineConfig({
  base: "./",
  plugins: [svelte(), svelteTesting(), keepDistPlaceholder()],
  resolve: {
    alias: {
      $lib: fileURLToPath(new URL("./src/lib", import.meta.url)),
    },
  },
  // Tauri prints its own output; keep Vite from clearing it.
  clearScreen: false,
  server: {
    port: 1420,
    strictPort: true,
    host: host || false,
    hmr: host ? { protocol: "ws", host, port: 1421 } : undefined,
    watch: { ignored: ["**/src-tauri/**"] },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // WebKitGTK 2.50 (Linux), WKWebView (macOS), WebView2 (Windows).
    target: ["es2021", "safari15", "chrome105"],
    // The CSP forbids inline script and style: no inlined assets, no preload polyfill.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
  },
  test: {
    environment: "jsdom",
    setupFiles: ["./src/testing/setup.ts"],
    include: ["src/**/*.test.ts"],
    restoreMocks: true,
  },
});
