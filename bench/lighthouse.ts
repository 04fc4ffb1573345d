// `npm run lighthouse`: the reader-facing budgets in the test Chromium (tools/chromium.ts), offline, against the bundled
// Worker on local workerd with kv-seed/articles: Lighthouse's four scores on the home page and an article with a lead
// image (mobile and desktop, first visit and with consent given), plus CLS, image bytes at 390 px, axe-core and
// html-validate on home, a section and that article, and screenshots at 390 and 1280 px. Writes test-output/;
// exits non-zero when a budget is missed. LIGHTHOUSE_PATH picks another article.
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import axe from "axe-core";
import { launch } from "chrome-launcher";
import lighthouse from "lighthouse";
import { chromium } from "playwright-core";
import { HOST_COOKIE, signedConsentValue } from "../src/consent/cookie.ts";
import { CHROMIUM_ARGS, chromiumEnv, chromiumPath } from "../tools/chromium.ts";
import { pageValidator } from "../tools/html-validator.ts";
import { startSite } from "../tools/site.ts";
import { TEST_CONSENT_SECRET } from "../tools/test-secrets.ts";

const ARTICLE = process.env.LIGHTHOUSE_PATH ?? "/articles/harbourton-council-pilots-a-four-day-week";
const SECTION = "/section/world";
const OUTPUT = resolve(import.meta.dirname, "../test-output");
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];
const CONSENTED = `${HOST_COOKIE}=${await signedConsentValue(HOST_COOKIE, { policyVersion: 1, grants: ["analytics"], givenAt: new Date() }, TEST_CONSENT_SECRET)}`;
const IMAGE_BUDGET = 120 * 1024;

const DESKTOP = {
  formFactor: "desktop" as const,
  screenEmulation: { mobile: false, width: 1350, height: 940, deviceScaleFactor: 1, disabled: false },
  throttling: {
    rttMs: 40,
    throughputKbps: 10240,
    cpuSlowdownMultiplier: 1,
    requestLatencyMs: 0,
    downloadThroughputKbps: 0,
    uploadThroughputKbps: 0,
  },
};
/** Mobile is Lighthouse's default: simulated slow 4G and a mid-range phone. */
const FORMS = { mobile: {}, desktop: DESKTOP } as const;
const VISITS = { "first-visit": undefined, consented: CONSENTED } as const;

mkdirSync(join(OUTPUT, "lighthouse"), { recursive: true });
mkdirSync(join(OUTPUT, "screenshots"), { recursive: true });
const site = await startSite();
const failures: string[] = [];
const report: Record<string, unknown> = { article: ARTICLE, lighthouse: {}, pages: {} };
try {
  const chrome = await launch({ chromePath: await chromiumPath(), chromeFlags: CHROMIUM_ARGS, envVars: chromiumEnv() });
  try {
    for (const [pageName, path] of [
      ["home", "/"],
      ["article", ARTICLE],
    ] as const) {
      for (const [form, settings] of Object.entries(FORMS)) {
        for (const [visit, cookie] of Object.entries(VISITS)) {
          // Warm the page cache first: Lighthouse measures the page as readers get it, not the first render after a deploy.
          await (await fetch(site.url + path, cookie ? { headers: { Cookie: cookie } } : {})).arrayBuffer();
          const run = () =>
            lighthouse(
              site.url + path,
              { port: chrome.port, output: "json", logLevel: "error", onlyCategories: CATEGORIES },
              {
                extends: "lighthouse:default",
                settings: { ...settings, onlyCategories: CATEGORIES, ...(cookie ? { extraHeaders: { Cookie: cookie } } : {}) },
              },
            );
          let result = await run();
          // A loaded machine sometimes aborts the very first navigation: one retry, and the error is reported if it stays.
          if (result?.lhr.runtimeError) result = await run();
          if (!result) throw new Error("Lighthouse returned no result");
          const { lhr } = result;
          if (lhr.runtimeError) failures.push(`${pageName}-${form}-${visit}: ${lhr.runtimeError.code}`);
          const name = `${pageName}-${form}-${visit}`;
          writeFileSync(join(OUTPUT, "lighthouse", `${name}.json`), JSON.stringify(lhr, null, 2));
          const scores = Object.fromEntries(CATEGORIES.map((id) => [id, Math.round((lhr.categories[id]?.score ?? 0) * 100)]));
          const cls = lhr.audits["cumulative-layout-shift"]?.numericValue ?? null;
          (report.lighthouse as Record<string, unknown>)[name] = { ...scores, cls };
          console.log(`${name}: ${CATEGORIES.map((id) => `${id} ${scores[id]}`).join(", ")}; CLS ${cls}`);
          for (const id of CATEGORIES) {
            if (scores[id] === 100) continue;
            failures.push(`${name}: ${id} ${scores[id]}`);
            for (const ref of lhr.categories[id]?.auditRefs ?? []) {
              const audit = lhr.audits[ref.id];
              if (ref.weight > 0 && audit && audit.score !== null && audit.score < 1)
                console.log(`    - ${audit.id}: ${audit.title}${audit.displayValue ? ` (${audit.displayValue})` : ""}`);
            }
          }
          if (cls !== 0) failures.push(`${name}: CLS ${cls}`);
        }
      }
    }
  } finally {
    chrome.kill();
  }

  const browser = await chromium.launch({ executablePath: await chromiumPath(), args: CHROMIUM_ARGS, env: chromiumEnv() });
  const validator = pageValidator();
  try {
    for (const [pageName, path] of [
      ["home", "/"],
      ["section", SECTION],
      ["article", ARTICLE],
    ] as const) {
      const html = await (await fetch(site.url + path)).text();
      const validation = await validator.validateString(html);
      const htmlErrors = validation.results.flatMap((r) =>
        r.messages.map((m) => `${m.ruleId} ${m.line}:${m.column} ${m.message}`),
      );
      const entry: Record<string, unknown> = { htmlValidateErrors: htmlErrors };
      for (const width of [390, 1280]) {
        const context = await browser.newContext({ viewport: { width, height: width === 390 ? 844 : 900 }, bypassCSP: true });
        const page = await context.newPage();
        let imageBytes = 0;
        page.on("response", async (res) => {
          if ((res.headers()["content-type"] ?? "").startsWith("image/")) imageBytes += (await res.body()).byteLength;
        });
        await page.goto(site.url + path, { waitUntil: "networkidle" });
        await page.screenshot({ path: join(OUTPUT, "screenshots", `${pageName}-${width}.png`), fullPage: true });
        await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
        await page.waitForLoadState("networkidle");
        await page.addScriptTag({ content: axe.source });
        const axeResult = await page.evaluate(() =>
          (window as unknown as { axe: typeof axe }).axe.run(document, {
            runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
          }),
        );
        const violations = axeResult.violations.map((v) => v.id);
        entry[`${width}px`] = { imageBytes, axeViolations: violations };
        console.log(
          `${pageName} at ${width} px: ${imageBytes} image bytes, axe ${violations.length}, html-validate ${htmlErrors.length}`,
        );
        if (violations.length > 0) failures.push(`${pageName} ${width}px: axe ${violations.join(", ")}`);
        if (width === 390 && pageName === "article" && imageBytes > IMAGE_BUDGET)
          failures.push(`article at 390 px: ${imageBytes} image bytes > ${IMAGE_BUDGET}`);
        await context.close();
      }
      if (htmlErrors.length > 0) failures.push(`${pageName}: html-validate ${htmlErrors.join("; ")}`);
      (report.pages as Record<string, unknown>)[pageName] = entry;
    }
  } finally {
    await browser.close();
  }
} finally {
  await site.dispose();
}
report.failures = failures;
writeFileSync(join(OUTPUT, "budgets.json"), JSON.stringify(report, null, 2));
console.log(
  failures.length === 0 ? "\nall budgets met (test-output/budgets.json)" : `\nbudgets missed:\n  ${failures.join("\n  ")}`,
);
process.exitCode = failures.length === 0 ? 0 : 1;
