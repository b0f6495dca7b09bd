// The bytes a visit to the search page downloads, measured in headless Chromium: one fresh
// browser context per query (nothing cached), the page opened at /search/?q=QUERY, counted once
// the results are shown and the network is idle. Prints one JSON object per query.
//
// usage: node bench/search_bytes.mjs SITE_URL QUERY [QUERY ...]
//   SITE_URL  the served site's root, e.g. http://127.0.0.1:8000/
// Needs playwright-core (../shared/tools/install.sh puts it in the tools home) and Chromium
// ($CHROMIUM_PATH, default /usr/bin/chromium).
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";

const TOOLS_HOME = path.resolve(process.env.DIGEST_TOOLS_HOME ||
  path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache"), "digest-tools"));
const require = createRequire(path.join(TOOLS_HOME, "package.json"));
const { chromium } = require("playwright-core");

const [site, ...queries] = process.argv.slice(2);
if (!site || !queries.length) {
  console.error("usage: node bench/search_bytes.mjs SITE_URL QUERY [QUERY ...]");
  process.exit(2);
}

// What each file is, for the breakdown.
function kind(url) {
  const p = new URL(url).pathname;
  if (p.includes("/search/index/")) return "shards";
  if (p.includes("/search/docs/")) return "records";
  if (p.endsWith("/search/manifest.json")) return "manifest";
  if (p.endsWith(".js")) return "script";
  if (p.endsWith(".css")) return "css";
  if (p.endsWith("/")) return "page";
  return "other";
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"],
});
try {
  for (const query of queries) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const sizes = [];
    page.on("requestfinished", (request) => {
      sizes.push(request.sizes().then((s) => ({ url: request.url(), body: s.responseBodySize, headers: s.responseHeadersSize })));
    });
    const started = Date.now();
    await page.goto(new URL("search/?q=" + encodeURIComponent(query), site).href);
    await page.waitForFunction(() => (document.getElementById("search-status") || {}).textContent);
    await page.waitForLoadState("networkidle");
    const shownMs = Date.now() - started;
    const files = await Promise.all(sizes);
    const byKind = {};
    for (const f of files) {
      const k = kind(f.url);
      byKind[k] = byKind[k] || { files: 0, bytes: 0 };
      byKind[k].files += 1;
      byKind[k].bytes += f.body;
    }
    const status = await page.textContent("#search-status");
    const first = await page.getAttribute(".search-result__title", "href").catch(() => null);
    const shown = await page.locator(".search-result").count();
    console.log(JSON.stringify({
      query, status: status.trim(), shown, first,
      requests: files.length,
      bytes: files.reduce((n, f) => n + f.body, 0),
      with_headers: files.reduce((n, f) => n + f.body + f.headers, 0),
      ms: shownMs, by_kind: byKind,
    }));
    await context.close();
  }
} finally {
  await browser.close();
}
