// Fails the build when its output would break under the app's CSP
// (default-src 'self'; style-src 'self'; img-src 'self' data:; connect-src ipc: http://ipc.localhost)
// or would load anything from the network.
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { join } from "node:path";

const dist = new URL("../dist/", import.meta.url).pathname;
const problems = [];

const html = readFileSync(join(dist, "index.html"), "utf8");
for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
  if (!/\bsrc=/.test(match[1] ?? "")) problems.push("index.html: inline <script>");
  if ((match[2] ?? "").trim() !== "") problems.push("index.html: script with inline content");
}
if (/<style\b/i.test(html)) problems.push("index.html: inline <style>");
if (/\sstyle=/i.test(html)) problems.push("index.html: style attribute");
if (/\s(?:src|href)=["']?(?:https?:)?\/\//i.test(html))
  problems.push("index.html: remote src/href");

const assets = join(dist, "assets");
for (const name of existsSync(assets) ? readdirSync(assets) : []) {
  const text = readFileSync(join(assets, name), "utf8");
  if (name.endsWith(".css")) {
    if (/url\(\s*["']?(?:https?:)?\/\//i.test(text)) problems.push(`${name}: remote url()`);
    if (/@import/i.test(text)) problems.push(`${name}: @import`);
    if (/url\(\s*["']?data:(?!image\/)/i.test(text)) problems.push(`${name}: non-image data: URL`);
  }
  if (name.endsWith(".js")) {
    // axe-core is a test tool: the e2e tests inject it, the app never ships it.
    if (/Deque Systems|axe-core/.test(text)) problems.push(`${name}: axe-core in the bundle`);
    if (/\beval\s*\(|\bnew Function\s*\(/.test(text)) problems.push(`${name}: eval / new Function`);
  }
}

if (!existsSync(join(dist, ".gitkeep"))) problems.push("dist/.gitkeep is missing");

if (problems.length > 0) {
  console.error(`dist/ would break under the CSP:\n  ${problems.join("\n  ")}`);
  process.exit(1);
}
console.log("dist/ checked: no inline script or style, nothing remote.");
