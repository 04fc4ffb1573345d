import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { AIR_STRIKES_SLUG, articlePath, MARKET_SLUG, TIDE_GAUGE_SLUG } from "../support/fixtures.ts";
import { useSiteAndBrowser } from "./support/browser.ts";

const TIDE = articlePath(TIDE_GAUGE_SLUG);
const TIDE_HEADLINE = "Harbourton tide gauge records the year's highest water";
const ARABIC = articlePath(MARKET_SLUG);
const SEED = articlePath(AIR_STRIKES_SLUG);
/** Canonical URLs use SITE_URL from wrangler.toml, whatever port the test site listens on. */
const CANONICAL = `http://localhost:8787${TIDE}`;
const OUTPUT = resolve(import.meta.dirname, "../../test-output/screenshots");

const t = useSiteAndBrowser();

beforeAll(() => {
  mkdirSync(OUTPUT, { recursive: true });
});

describe("sharing an article", () => {
  it("links to six networks with the canonical URL and headline encoded in each", async () => {
    const page = await t.browser.newPage();
    await page.goto(t.site.url + TIDE);
    const hrefs = await page.locator(".share-links a").evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
    const urls = hrefs.map((h) => new URL(h));
    expect(urls.map((u) => u.hostname || u.protocol)).toEqual([
      "x.com",
      "www.facebook.com",
      "www.linkedin.com",
      "wa.me",
      "t.me",
      "mailto:",
    ]);
    const [x, facebook, linkedin, whatsapp, telegram, email] = urls;
    expect([x?.searchParams.get("url"), x?.searchParams.get("text")]).toEqual([CANONICAL, TIDE_HEADLINE]);
    expect(facebook?.searchParams.get("u")).toBe(CANONICAL);
    expect(linkedin?.searchParams.get("url")).toBe(CANONICAL);
    expect(whatsapp?.searchParams.get("text")).toBe(`${TIDE_HEADLINE} ${CANONICAL}`);
    expect([telegram?.searchParams.get("url"), telegram?.searchParams.get("text")]).toEqual([CANONICAL, TIDE_HEADLINE]);
    expect([email?.searchParams.get("subject"), email?.searchParams.get("body")]).toEqual([TIDE_HEADLINE, CANONICAL]);
    await page.close();
  });

  it("makes no third-party request on load, and reaches a network only when its link is clicked", async () => {
    const page = await t.browser.newPage();
    const requested: string[] = [];
    page.on("request", (request) => requested.push(request.url()));
    // Nothing leaves this machine: a click on the X link is answered here.
    await page.route("https://x.com/**", (route) => route.fulfill({ contentType: "text/html", body: "<title>X</title>" }));
    await page.goto(t.site.url + TIDE, { waitUntil: "networkidle" });
    expect(requested.length).toBeGreaterThan(1);
    for (const url of requested) expect(new URL(url).origin).toBe(t.site.url);
    await page.getByRole("link", { name: "Share on X" }).click();
    await page.waitForURL("https://x.com/**");
    const offsite = requested.filter((url) => new URL(url).origin !== t.site.url);
    expect(offsite).toHaveLength(1);
    expect(new URL(offsite[0] ?? "").searchParams.get("url")).toBe(CANONICAL);
    await page.close();
  });

  it("shows the URL in a read-only field without JavaScript, and a working Copy link button with it", async () => {
    const noJs = await t.browser.newContext({ javaScriptEnabled: false });
    const plain = await noJs.newPage();
    await plain.goto(t.site.url + TIDE);
    const field = plain.getByLabel("Link to this post");
    await expect(field.inputValue()).resolves.toBe(CANONICAL);
    await expect(field.getAttribute("readonly")).resolves.toBe("");
    expect(await plain.getByRole("button", { name: "Copy link" }).count()).toBe(0);
    await noJs.close();

    const withJs = await t.browser.newContext({ permissions: ["clipboard-read", "clipboard-write"] });
    const page = await withJs.newPage();
    await page.goto(t.site.url + TIDE);
    const copy = page.getByRole("button", { name: "Copy link" });
    await copy.click();
    // The label changes once the asynchronous clipboard write has succeeded.
    await page.getByRole("button", { name: "Copied" }).waitFor({ timeout: 5_000 });
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(CANONICAL);
    await withJs.close();
  });
});

describe("back to top", () => {
  it("returns to the top of the page with JavaScript disabled", async () => {
    const context = await t.browser.newContext({
      javaScriptEnabled: false,
      reducedMotion: "reduce",
      viewport: { width: 375, height: 667 },
    });
    const page = await context.newPage();
    await page.goto(t.site.url + SEED);
    await page.getByRole("link", { name: "On Top" }).scrollIntoViewIfNeeded();
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(1000);
    await page.getByRole("link", { name: "On Top" }).click();
    await page.waitForFunction(() => window.scrollY === 0);
    expect(new URL(page.url()).hash).toBe("#top");
    await context.close();
  });
});

describe("responsive layout", () => {
  const viewports = [
    { name: "phone-320", width: 320, height: 640 },
    { name: "phone-375", width: 375, height: 667 },
    { name: "desktop-1280", width: 1280, height: 800 },
  ];
  const pages = [
    { name: "article", path: TIDE },
    { name: "article-rtl", path: ARABIC },
    { name: "home", path: "/" },
    { name: "section", path: "/section/world" },
  ];

  it.each(viewports)("has no horizontal overflow at $width px, light and dark (screenshots in test-output/)", async (vp) => {
    for (const colorScheme of ["light", "dark"] as const) {
      const context = await t.browser.newContext({ viewport: { width: vp.width, height: vp.height }, colorScheme });
      const page = await context.newPage();
      for (const { name, path } of pages) {
        await page.goto(t.site.url + path);
        const { scrollWidth, innerWidth } = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          innerWidth: window.innerWidth,
        }));
        expect(scrollWidth, `${name} at ${vp.width}px`).toBeLessThanOrEqual(innerWidth);
        await page.screenshot({ path: join(OUTPUT, `${name}-${vp.name}-${colorScheme}.png`), fullPage: true });
      }
      await context.close();
    }
  });

  it("reserves the image's space before it loads, so nothing shifts", async () => {
    const page = await t.browser.newPage({ viewport: { width: 375, height: 667 } });
    // Hold the image back: its box must already have its final size.
    await page.route("**/static/sample-tide-gauge.svg", () => {});
    await page.goto(t.site.url + TIDE, { waitUntil: "domcontentloaded" });
    const box = await page.locator("article figure img").boundingBox();
    expect(box?.width).toBeCloseTo(375 - 32, 0);
    expect(box?.height).toBeCloseTo(((375 - 32) * 360) / 640, 0);
    await page.close();
  });

  it("lays a right-to-left article out from the right", async () => {
    const page = await t.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(t.site.url + ARABIC);
    const direction = await page.locator("article").evaluate((el) => getComputedStyle(el).direction);
    expect(direction).toBe("rtl");
    // The date is the first thing in the meta line: in right-to-left flow it sits at the line's right end.
    const edges = await page.locator("article .meta").evaluate((meta) => {
      const time = meta.querySelector("time")?.getBoundingClientRect();
      const box = meta.getBoundingClientRect();
      return { boxRight: box.right, timeRight: time?.right ?? 0, boxLeft: box.left, timeLeft: time?.left ?? 0 };
    });
    expect(Math.abs(edges.boxRight - edges.timeRight)).toBeLessThan(2);
    expect(edges.timeLeft - edges.boxLeft).toBeGreaterThan(100);
    await page.close();
  });
});

describe("printing", () => {
  it("prints the article without site chrome, sharing, related posts or On Top", async () => {
    const page = await t.browser.newPage();
    await page.goto(t.site.url + TIDE);
    await page.emulateMedia({ media: "print" });
    const shown = async (selector: string) => page.locator(selector).first().isVisible();
    expect(await shown("article h1")).toBe(true);
    expect(await shown("article .body")).toBe(true);
    for (const selector of [".site-header", ".site-footer", ".share", ".related", ".on-top"]) {
      expect(await shown(selector), selector).toBe(false);
    }
    await page.pdf({ path: join(OUTPUT, "article-print.pdf") });
    await page.close();
  });
});

describe("keyboard navigation", () => {
  async function focused(page: Page) {
    return page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const style = getComputedStyle(el);
      const box = el.getBoundingClientRect();
      return {
        text: el.textContent?.trim(),
        href: el.getAttribute("href"),
        outline: `${style.outlineStyle} ${style.outlineWidth}`,
        visible: box.top >= 0 && box.bottom <= window.innerHeight && box.width > 0,
      };
    });
  }

  it("makes the skip link the first Tab stop, visible with a focus outline, and moves on into main", async () => {
    const page = await t.browser.newPage();
    await page.goto(t.site.url + TIDE);
    await page.keyboard.press("Tab");
    expect(await focused(page)).toEqual({ text: "Skip to content", href: "#main", outline: "solid 3px", visible: true });
    await page.keyboard.press("Enter");
    await page.waitForURL("**#main", { timeout: 5_000 });
    await page.keyboard.press("Tab");
    const next = await focused(page);
    // The first link in main: the byline, which links to the author's page.
    expect(next.href).toBe("/author/edgewire-sample-desk");
    expect(next.outline).toBe("solid 3px");
    await page.close();
  });

  it("reaches every share link and the copy field with Tab, each with a visible focus outline", async () => {
    const page = await t.browser.newPage();
    await page.goto(t.site.url + TIDE);
    const stops: string[] = [];
    for (let i = 0; i < 40 && !stops.includes("input"); i++) {
      await page.keyboard.press("Tab");
      const info = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const copy = el.closest(".copy-link") !== null;
        return {
          copy,
          tag: el.tagName.toLowerCase(),
          text: el.textContent?.trim() ?? "",
          outline: getComputedStyle(el).outlineStyle,
        };
      });
      expect(info.outline, info.text).toBe("solid");
      // The header's search field comes first; the copy field is the last stop this test needs.
      stops.push(info.copy ? "input" : info.tag === "input" ? "search field" : info.text);
    }
    for (const name of ["Share on X", "Share on Facebook", "Share on LinkedIn", "Share on WhatsApp", "Share on Telegram"]) {
      expect(stops).toContain(name);
    }
    expect(stops).toContain("input");
    await page.close();
  });
});
