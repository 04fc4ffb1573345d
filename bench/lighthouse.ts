// `npm run lighthouse`: Lighthouse's four scores for the article page in the test Chromium (tools/chromium.ts), offline, against the
// bundled Worker on local workerd. LIGHTHOUSE_PATH picks another page; LIGHTHOUSE_COOKIE sends a Cookie header.
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { launch } from "chrome-launcher";
import lighthouse from "lighthouse";
import { CHROMIUM_ARGS, chromiumEnv, chromiumPath } from "../tools/chromium.ts";
import { startSite } from "../tools/site.ts";

const ARTICLE = process.env.LIGHTHOUSE_PATH ?? "/articles/harbourton-tide-gauge-records-the-years-highest-water";
const OUTPUT = resolve(import.meta.dirname, "../test-output/lighthouse");
/** A Cookie header for every request (e.g. a stored consent choice, to measure the page without the banner). */
const COOKIE = process.env.LIGHTHOUSE_COOKIE;
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];

/** Runs: mobile (Lighthouse's default, simulated slow 4G and a mid-range phone) and desktop. */
const RUNS = [
  { name: "mobile", settings: {} },
  {
    name: "desktop",
    settings: {
      formFactor: "desktop",
      screenEmulation: { mobile: false, width: 1350, height: 940, deviceScaleFactor: 1, disabled: false },
      throttling: {
        rttMs: 40,
        throughputKbps: 10240,
        cpuSlowdownMultiplier: 1,
        requestLatencyMs: 0,
        downloadThroughputKbps: 0,
        uploadThroughputKbps: 0,
      },
    },
  },
] as const;

mkdirSync(OUTPUT, { recursive: true });
const site = await startSite();
const chrome = await launch({
  chromePath: await chromiumPath(),
  chromeFlags: CHROMIUM_ARGS,
  envVars: chromiumEnv(),
});
try {
  const url = site.url + ARTICLE;
  const html = await (await fetch(url, COOKIE ? { headers: { Cookie: COOKIE } } : {})).text();
  console.log(`${ARTICLE}\nHTML: ${Buffer.byteLength(html)} bytes raw, ${gzipSync(html).byteLength} bytes gzipped`);
  for (const run of RUNS) {
    const result = await lighthouse(
      url,
      { port: chrome.port, output: "json", logLevel: "error", onlyCategories: CATEGORIES },
      {
        extends: "lighthouse:default",
        settings: { ...run.settings, onlyCategories: CATEGORIES, ...(COOKIE ? { extraHeaders: { Cookie: COOKIE } } : {}) },
      },
    );
    if (!result) throw new Error("Lighthouse returned no result");
    const { lhr } = result;
    writeFileSync(join(OUTPUT, `article-${run.name}.json`), JSON.stringify(lhr, null, 2));
    console.log(`\n${run.name}:`);
    for (const id of CATEGORIES) {
      const category = lhr.categories[id];
      const score = Math.round((category?.score ?? 0) * 100);
      console.log(`  ${category?.title ?? id}: ${score}`);
      if (score === 100) continue;
      for (const ref of category?.auditRefs ?? []) {
        const audit = lhr.audits[ref.id];
        if (ref.weight > 0 && audit && audit.score !== null && audit.score < 1) {
          console.log(`    - ${audit.id}: ${audit.title}${audit.displayValue ? ` (${audit.displayValue})` : ""}`);
        }
      }
    }
  }
} finally {
  chrome.kill();
  await site.dispose();
}
