// Browser preview with fake data, outside Tauri and outside the production build:
//   npx vite --config dev/vite.config.ts            (dev server on :1421, open /index.html)
//   npx vite build --config dev/vite.config.ts      (static build into dev/dist, for screenshots)
// URL parameters: ?scenario=warnings|no-go|detect-error|empty-history|plan-warning|private-empty|
//   keychain-locked|keychain-unavailable|old-go&latency=250
import { svelte } from "@sveltejs/vite-plugin-svelte";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: here("."),
  base: "./",
  plugins: [svelte({ configFile: here("../svelte.config.js") })],
  resolve: {
    alias: [
      // Order matters: the ipc module is swapped for the fake before the general $lib alias.
      { find: /^\$lib\/ipc$/, replacement: here("./fake-ipc.ts") },
      { find: /^\$lib\//, replacement: `${here("../src/lib")}/` },
    ],
  },
  clearScreen: false,
  server: { port: 1421, strictPort: true, fs: { allow: [here("..")] } },
  build: { outDir: here("./dist"), emptyOutDir: true, target: ["es2021", "safari15"] },
});
