// Page quality on every page type of the sample site: axe-core (accessibility) and html-validate (valid HTML).
import axe from "axe-core";
import { describe, expect, it } from "vitest";
import { pageValidator } from "../../tools/html-validator.ts";
import { AIR_STRIKES_SLUG, articlePath, FIXTURE_SITE_NAME, MARKET_SLUG, TIDE_GAUGE_SLUG } from "../support/fixtures.ts";
import { launchChromium, useSiteAndBrowser } from "./support/browser.ts";

const t = useSiteAndBrowser({ vars: { SITE_NAME: FIXTURE_SITE_NAME } });

/** One page of each type the site serves as HTML. */
const PAGES = {
  article: articlePath(TIDE_GAUGE_SLUG),
  "article without image": articlePath(AIR_STRIKES_SLUG),
  "right-to-left article": articlePath(MARKET_SLUG),
  home: "/",
  section: "/section/world",
  tag: "/tag/harbourton",
  "not found": "/no-such-page",
  "search results": "/search?q=harbourton",
};

describe("axe-core", () => {
  const AXE_PAGES = ["article", "right-to-left article", "home", "section", "tag", "not found", "search results"] as const;
  it.each(AXE_PAGES.flatMap((name) => (["light", "dark"] as const).map((scheme) => [name, scheme] as const)))(
    "finds no WCAG 2.2 A/AA or best-practice violation on the %s page in %s mode",
    async (name, colorScheme) => {
      // axe is injected as an inline script, which the page's CSP (rightly) refuses; bypass CSP for the audit only.
      const page = await t.browser.newPage({ colorScheme, bypassCSP: true });
      await page.goto(t.site.url + PAGES[name]);
      await page.addScriptTag({ content: axe.source });
      const results = await page.evaluate(() =>
        window.axe.run(document, {
          runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
        }),
      );
      const violations = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
      expect(violations).toEqual([]);
      expect(results.passes.length).toBeGreaterThan(10);
      await page.close();
    },
  );
});

describe("HTML validity (html-validate)", () => {
  const validator = pageValidator();

  it.each(Object.entries(PAGES))("accepts the %s page", async (_name, path) => {
    const res = await fetch(t.site.url + path);
    const report = await validator.validateString(await res.text());
    const messages = report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId} ${m.line}:${m.column} ${m.message}`));
    expect(messages).toEqual([]);
    expect(report.valid).toBe(true);
  });
});

declare global {
  interface Window {
    axe: typeof axe;
  }
}

describe("Permissions-Policy in Chromium", () => {
  /** The page's console warnings about its Permissions-Policy header, in a browser launched with `args`. */
  async function policyWarnings(args: string[] = []) {
    const browser = args.length === 0 ? t.browser : await launchChromium(args);
    try {
      const page = await browser.newPage();
      const warnings: string[] = [];
      page.on("console", (message) => {
        if (message.text().includes("Permissions-Policy")) warnings.push(message.text());
      });
      const res = await page.goto(t.site.url + PAGES.article);
      const listed = (res?.headers()["permissions-policy"] ?? "").split(", ").map((entry) => entry.split("=")[0]);
      const known = await page.evaluate(() =>
        (document as Document & { featurePolicy: { features(): string[] } }).featurePolicy.features(),
      );
      await page.close();
      return { warnings, unknown: listed.filter((name) => !known.includes(name as string)) };
    } finally {
      if (browser !== t.browser) await browser.close();
    }
  }

  it("names only features the test Chromium recognises, so the console stays quiet", async () => {
    expect(await policyWarnings()).toEqual({ warnings: [], unknown: [] });
  });

  it("stays quiet in a Chromium without the Privacy Sandbox ad APIs (retired, or off in many builds)", async () => {
    const off = ["--disable-features=BrowsingTopics,InterestGroupStorage,AdInterestGroupAPI,Fledge,PrivacySandboxAdsAPIs"];
    expect((await policyWarnings(off)).warnings).toEqual([]);
  });
});
