// Images and the front page in real Chromium, on a site published from tests/fixtures/images: the format and width the
// browser picks, bytes on a phone, no layout shift, and the lead story's layout.
import { resolve } from "node:path";
import axe from "axe-core";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { pageValidator } from "../../tools/html-validator.ts";
import { FIXTURE_DIRS } from "../support/fixtures.ts";
import { useSiteAndBrowser } from "./support/browser.ts";

const LEAD = "/articles/lead-story";
/** The page-weight budget for images on an article read on a phone (issue 13). */
const PHONE_IMAGE_BUDGET = 120 * 1024;

const t = useSiteAndBrowser({ articles: resolve(import.meta.dirname, "../..", FIXTURE_DIRS.images) });

/** Opens a page at a viewport, recording the bytes of every /media/ response. */
async function open(path: string, viewport: { width: number; height: number }, deviceScaleFactor = 1) {
  const context = await t.browser.newContext({ viewport, deviceScaleFactor });
  const page = await context.newPage();
  const media: { url: string; bytes: number; type: string }[] = [];
  page.on("response", async (res) => {
    if (!new URL(res.url()).pathname.startsWith("/media/")) return;
    media.push({ url: res.url(), bytes: (await res.body()).byteLength, type: res.headers()["content-type"] ?? "" });
  });
  await page.goto(t.site.url + path, { waitUntil: "load" });
  return { page, media, close: () => context.close() };
}

/** Every layout shift since the page started (buffered), summed as CLS would. */
const layoutShift = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<number>((done) => {
        let sum = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) sum += (entry as unknown as { value: number }).value;
        }).observe({ type: "layout-shift", buffered: true });
        setTimeout(() => done(sum), 300);
      }),
  );

describe("an article with a lead image on a 390 px phone (2x screen)", () => {
  it("loads AVIF variants of a fitting width, within the image budget, with no layout shift", async () => {
    const { page, media, close } = await open(LEAD, { width: 390, height: 844 }, 2);
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.waitForLoadState("networkidle");
    expect(media.length).toBeGreaterThan(0);
    expect(media.every((m) => m.type === "image/avif")).toBe(true);
    // 358 CSS px at 2x wants about 716 device pixels: the 800-px variant, never the 1200 or wider ones.
    expect(media.map((m) => m.url.replace(/^.*-(\d+)\.avif$/, "$1"))).toContain("800");
    expect(media.some((m) => /-(1024|1200|1600)\.avif$/.test(m.url))).toBe(false);
    const total = media.reduce((s, m) => s + m.bytes, 0);
    expect(total).toBeLessThanOrEqual(PHONE_IMAGE_BUDGET);
    expect(await layoutShift(page)).toBe(0);
    await close();
  });

  it("reserves the lead image's box before it arrives", async () => {
    const context = await t.browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.route("**/media/**", () => {}); // never answered
    await page.goto(t.site.url + LEAD, { waitUntil: "domcontentloaded" });
    const box = await page.locator("article > figure img").boundingBox();
    expect(box?.width).toBeCloseTo(390 - 32, 0);
    expect(box?.height).toBeCloseTo(((390 - 32) * 675) / 1200, 0);
    await context.close();
  });
});

describe("the front page", () => {
  it("shows the newest story as the lead, image beside its headline on a wide screen, the others with thumbnails", async () => {
    const { page, close } = await open("/", { width: 1280, height: 900 });
    const lead = await page.locator("li.lead").boundingBox();
    const image = await page.locator("li.lead img").boundingBox();
    const headline = await page.locator("li.lead h2").boundingBox();
    expect(lead && image && headline).toBeTruthy();
    if (!lead || !image || !headline) return;
    expect(image.width).toBeGreaterThan(lead.width * 0.5);
    expect(headline.x).toBeGreaterThan(image.x + image.width);
    const thumb = await page.locator("li.with-thumb img").first().boundingBox();
    expect(thumb?.width).toBeCloseTo(160, 0);
    expect(await layoutShift(page)).toBe(0);
    await close();
  });

  it("stacks the lead image above its headline on a phone, the full width of the column", async () => {
    const { page, close } = await open("/", { width: 390, height: 844 });
    const image = await page.locator("li.lead img").boundingBox();
    const headline = await page.locator("li.lead h2").boundingBox();
    expect(image?.width).toBeCloseTo(390 - 32, 0);
    expect(headline?.y).toBeGreaterThan((image?.y ?? 0) + (image?.height ?? 0));
    await close();
  });

  it("links the sections from the header, marking the current one", async () => {
    const { page, close } = await open("/section/harbour", { width: 390, height: 844 });
    const links = page.locator("header nav[aria-label=Sections] a");
    expect(await links.allTextContents()).toEqual(["Harbour", "Town"]);
    expect(await links.first().getAttribute("aria-current")).toBe("page");
    await close();
  });
});

describe("page quality with pictures, figures, thumbnails and the section navigation", () => {
  const PAGES = [LEAD, "/", "/section/harbour"];

  it.each(PAGES)("html-validate accepts %s", async (path) => {
    const report = await pageValidator().validateString(await (await fetch(t.site.url + path)).text());
    expect(report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId} ${m.line}:${m.column} ${m.message}`))).toEqual([]);
  });

  it.each(PAGES)("axe-core finds no WCAG 2.2 A/AA or best-practice violation on %s", async (path) => {
    // axe is injected as an inline script, which the page's CSP (rightly) refuses; bypass CSP for the audit only.
    const page = await t.browser.newPage({ bypassCSP: true });
    await page.goto(t.site.url + path);
    await page.addScriptTag({ content: axe.source });
    const results = await page.evaluate(() =>
      window.axe.run(document, {
        runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
      }),
    );
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
    await page.close();
  });
});
