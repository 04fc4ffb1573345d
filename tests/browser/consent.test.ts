import type { Browser, BrowserContext, Page, Request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Site } from "../../tools/site.ts";
import { launchChromium, startTestSite } from "./support/browser.ts";

const SEED = "/articles/us-led-air-strikes-block-daesh-fighters-in-syria";
const OTHER = "/articles/harbourton-council-pilots-a-four-day-week";
const HALF_YEAR_SECONDS = 182 * 86_400;

let site: Site;
let ga4Site: Site;
let browser: Browser;
/** The site as Chromium sees it: `localhost` is a secure context, so the Secure cookie is kept over plain http. */
let base: string;

beforeAll(async () => {
  [site, ga4Site, browser] = await Promise.all([
    startTestSite(),
    startTestSite({ vars: { ANALYTICS_PROVIDER: "ga4", ANALYTICS_GA4_ID: "G-TEST12345" } }),
    launchChromium(),
  ]);
  base = site.url.replace("127.0.0.1", "localhost");
});
afterAll(async () => {
  await browser?.close();
  await Promise.all([site?.dispose(), ga4Site?.dispose()]);
});

type Session = { context: BrowserContext; page: Page; analytics: string[]; cspErrors: string[]; offsite: string[] };

/** A fresh browser profile that records analytics requests and CSP violations, and never reaches the network. */
async function session(options: { javaScriptEnabled?: boolean } = {}): Promise<Session> {
  const context = await browser.newContext(options);
  const analytics: string[] = [];
  const offsite: string[] = [];
  await context.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === "localhost" || url.hostname === "127.0.0.1") return route.continue();
    offsite.push(url.href);
    return route.abort();
  });
  const page = await context.newPage();
  const cspErrors: string[] = [];
  page.on("console", (message) => {
    if (message.text().includes("Content Security Policy")) cspErrors.push(message.text());
  });
  page.on("request", (request: Request) => {
    const path = new URL(request.url()).pathname;
    if (path.startsWith("/analytics")) analytics.push(`${request.method()} ${path}`);
  });
  return { context, page, analytics, cspErrors, offsite };
}

const banner = (page: Page) => page.getByRole("region", { name: "Your privacy choice" });

/** Waits until the first-party script's page view has been sent (it runs after parsing, `defer`). */
async function waitForPageView(s: Session, count: number) {
  await expect.poll(() => s.analytics.filter((r) => r === "POST /analytics/collect").length, { timeout: 5000 }).toBe(count);
}

describe("consent in Chromium with JavaScript", () => {
  it("shows the banner on a first visit, styled under the CSP, with no analytics request and no cookie", async () => {
    const s = await session();
    await s.page.goto(base + SEED);
    await expect(banner(s.page).isVisible()).resolves.toBe(true);
    await expect(banner(s.page).getByRole("link", { name: "Privacy Policy" }).getAttribute("href")).resolves.toBe("/privacy");
    const [accept, decline] = await Promise.all([
      s.page.getByRole("button", { name: "Accept" }).boundingBox(),
      s.page.getByRole("button", { name: "Decline" }).boundingBox(),
    ]);
    expect(accept?.width).toBe(decline?.width);
    expect(accept?.height).toBe(decline?.height);
    const background = await s.page.locator(".consent-banner").evaluate((el) => getComputedStyle(el).borderBottomStyle);
    expect(background).toBe("solid");
    expect(s.analytics).toEqual([]);
    expect(await s.context.cookies()).toEqual([]);
    expect(s.cspErrors).toEqual([]);
    await s.context.close();
  });

  it("causes no layout shift while the page loads", async () => {
    const s = await session();
    await s.page.goto(base + SEED);
    await s.page.waitForLoadState("load");
    const shift = await s.page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          let total = 0;
          new PerformanceObserver((list) => {
            for (const entry of list.getEntries()) total += (entry as unknown as { value: number }).value;
          }).observe({ type: "layout-shift", buffered: true });
          setTimeout(() => resolve(total), 500);
        }),
    );
    expect(shift).toBe(0);
    await s.context.close();
  });

  it("Accept returns to the page without the banner, loads analytics, and keeps exactly one cookie with the required flags", async () => {
    const s = await session();
    await s.page.goto(base + SEED);
    await s.page.getByRole("button", { name: "Accept" }).click();
    await s.page.waitForURL(base + SEED);
    await expect(banner(s.page).count()).resolves.toBe(0);
    await waitForPageView(s, 1);
    expect(s.analytics).toEqual(["GET /analytics.js", "POST /analytics/collect"]);
    const cookies = await s.context.cookies();
    expect(cookies).toHaveLength(1);
    const [cookie] = cookies;
    expect(cookie).toMatchObject({
      name: "ew_consent",
      path: "/",
      httpOnly: true,
      secure: true,
      sameSite: "Lax",
      domain: "localhost",
    });
    expect(cookie?.value).toMatch(/^g\.1\.\d{10}$/);
    expect(Math.abs((cookie?.expires ?? 0) - (Date.now() / 1000 + HALF_YEAR_SECONDS))).toBeLessThan(60);

    await s.page.reload();
    await expect(banner(s.page).count()).resolves.toBe(0);
    await waitForPageView(s, 2);
    expect(s.cspErrors).toEqual([]);
    expect(s.offsite).toEqual([]);
    await s.context.close();
  });

  it("Decline sends no analytics request on that or later pages, and keeps one cookie", async () => {
    const s = await session();
    await s.page.goto(base + SEED);
    await s.page.getByRole("button", { name: "Decline" }).click();
    await s.page.waitForURL(base + SEED);
    await expect(banner(s.page).count()).resolves.toBe(0);
    await s.page.goto(`${base}/`);
    await s.page.goto(base + OTHER);
    await s.page.waitForLoadState("load");
    await s.page.waitForTimeout(300);
    expect(s.analytics).toEqual([]);
    const cookies = await s.context.cookies();
    expect(cookies.map((c) => [c.name, c.value.slice(0, 2)])).toEqual([["ew_consent", "d."]]);
    await s.context.close();
  });

  it("withdraws from cookie settings: after Accept, Decline in the footer's settings page stops analytics", async () => {
    const s = await session();
    await s.page.goto(base + SEED);
    await s.page.getByRole("button", { name: "Accept" }).click();
    await waitForPageView(s, 1);
    await s.page.getByRole("link", { name: "Cookie settings" }).click();
    await s.page.waitForURL(`${base}/consent`);
    await expect(s.page.locator(".consent-current").textContent()).resolves.toContain("You accepted analytics.");
    await s.page.getByRole("button", { name: "Decline" }).click();
    await s.page.waitForURL(`${base}/consent`);
    await expect(s.page.locator(".consent-current").textContent()).resolves.toContain("You declined analytics.");
    const before = s.analytics.length;
    await s.page.goto(base + OTHER);
    await s.page.waitForTimeout(300);
    expect(s.analytics.length).toBe(before);
    expect((await s.context.cookies()).map((c) => c.name)).toEqual(["ew_consent"]);
    await s.context.close();
  });
});

describe("consent in Chromium without JavaScript", () => {
  it("Accept works as a plain form: banner gone, the analytics tag in <head>, one cookie", async () => {
    const s = await session({ javaScriptEnabled: false });
    await s.page.goto(base + SEED);
    await expect(banner(s.page).isVisible()).resolves.toBe(true);
    await s.page.getByRole("button", { name: "Accept" }).click();
    await s.page.waitForURL(base + SEED);
    await expect(banner(s.page).count()).resolves.toBe(0);
    await expect(s.page.locator('head script[src="/analytics.js"]').count()).resolves.toBe(1);
    expect((await s.context.cookies()).map((c) => [c.name, c.httpOnly, c.secure, c.sameSite])).toEqual([
      ["ew_consent", true, true, "Lax"],
    ]);
    await s.context.close();
  });

  it("Decline works as a plain form: no analytics markup or request on later pages, one cookie", async () => {
    const s = await session({ javaScriptEnabled: false });
    await s.page.goto(base + SEED);
    await s.page.getByRole("button", { name: "Decline" }).click();
    await s.page.waitForURL(base + SEED);
    await expect(banner(s.page).count()).resolves.toBe(0);
    await s.page.goto(base + OTHER);
    await expect(s.page.locator("script[src]").count()).resolves.toBe(0);
    expect(s.analytics).toEqual([]);
    expect((await s.context.cookies()).map((c) => c.name)).toEqual(["ew_consent"]);
    await s.context.close();
  });
});

describe("consent with the keyboard only", () => {
  it("reaches the banner right after the skip link and accepts with Tab and Enter", async () => {
    const s = await session();
    await s.page.goto(base + SEED);
    const focused = async () => s.page.evaluate(() => document.activeElement?.textContent?.trim());
    await s.page.keyboard.press("Tab");
    expect(await focused()).toBe("Skip to content");
    await s.page.keyboard.press("Tab");
    expect(await focused()).toBe("Privacy Policy");
    await s.page.keyboard.press("Tab");
    expect(await focused()).toBe("Accept");
    await s.page.keyboard.press("Tab");
    expect(await focused()).toBe("Decline");
    await s.page.keyboard.press("Shift+Tab");
    await s.page.keyboard.press("Enter");
    await s.page.waitForURL(base + SEED);
    await expect(banner(s.page).count()).resolves.toBe(0);
    await waitForPageView(s, 1);
    await s.context.close();
  });

  it("declines with Space on the focused Decline button", async () => {
    const s = await session();
    await s.page.goto(base + SEED);
    // Skip link, Privacy Policy, Accept, Decline.
    for (let i = 0; i < 4; i++) await s.page.keyboard.press("Tab");
    await s.page.keyboard.press("Space");
    await s.page.waitForURL(base + SEED);
    await expect(banner(s.page).count()).resolves.toBe(0);
    expect((await s.context.cookies())[0]?.value).toMatch(/^d\./);
    await s.context.close();
  });
});

describe("a third-party provider (GA4) in Chromium", () => {
  it("requests gtag.js only after Accept, with Consent Mode granted first, without touching the network", async () => {
    const context = await browser.newContext();
    const gtag: string[] = [];
    const offsite: string[] = [];
    await context.route("**/*", (route) => {
      const url = new URL(route.request().url());
      if (url.hostname === "localhost" || url.hostname === "127.0.0.1") return route.continue();
      if (url.href.startsWith("https://www.googletagmanager.com/gtag/js")) {
        gtag.push(url.href);
        return route.fulfill({ contentType: "text/javascript", body: "window.__gtagStubLoaded = true;" });
      }
      offsite.push(url.href);
      return route.abort();
    });
    const page = await context.newPage();
    const ga4Base = ga4Site.url.replace("127.0.0.1", "localhost");
    await page.goto(ga4Base + SEED);
    await page.waitForLoadState("load");
    expect(gtag).toEqual([]);
    await page.getByRole("button", { name: "Accept" }).click();
    await page.waitForURL(ga4Base + SEED);
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { __gtagStubLoaded?: boolean }).__gtagStubLoaded))
      .toBe(true);
    expect(gtag).toEqual(["https://www.googletagmanager.com/gtag/js?id=G-TEST12345"]);
    const consent = await page.evaluate(() =>
      (window as unknown as { dataLayer: IArguments[] }).dataLayer
        .map((args) => Array.from(args))
        .find((a) => a[0] === "consent"),
    );
    expect(consent).toEqual([
      "consent",
      "default",
      { ad_storage: "denied", ad_user_data: "denied", ad_personalization: "denied", analytics_storage: "granted" },
    ]);
    expect(offsite).toEqual([]);
    await context.close();
  });
});

describe("start-up configuration", () => {
  it("refuses to start with a consent lifetime over 13 months, naming the variable", async () => {
    await expect(startTestSite({ vars: { CONSENT_MAX_AGE_DAYS: "500" } })).rejects.toThrow(
      /CONSENT_MAX_AGE_DAYS: must be at most 395 days/,
    );
  });

  it("refuses to start with a SITE_URL that has no scheme, naming the variable", async () => {
    await expect(startTestSite({ vars: { SITE_URL: "edgewire.example" } })).rejects.toThrow(
      /SITE_URL: must be an absolute URL starting with http:\/\/ or https:\/\//,
    );
  });
});
