import { mkdirSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join, resolve } from "node:path";
import type { Browser, BrowserContext, Page, Request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Site } from "../../tools/site.ts";
import { launchChromium, startTestSite } from "./support/browser.ts";

const ARTICLES = resolve(import.meta.dirname, "../fixtures/reader");
const ARTICLE = "/articles/bare-article";
const OTHER = "/articles/lonely-article";
const ARABIC = "/articles/rtl-article";
const HALF_YEAR_SECONDS = 182 * 86_400;
const COOKIE = "__Host-ew_consent";
const OUTPUT = resolve(import.meta.dirname, "../../test-output/screenshots");
/** The phone the issue measures on: an iPhone 12-14 sized viewport. */
const PHONE = { width: 390, height: 844 };
const GA4 = { ANALYTICS_PROVIDER: "ga4", ANALYTICS_GA4_ID: "G-TEST12345", CONSENT_PURPOSES: "analytics,marketing" };

let site: Site;
let ga4Site: Site;
let optOutSite: Site;
let browser: Browser;
/** The site as Chromium sees it: `localhost` is a secure context, so the Secure cookie is kept over plain http. */
let base: string;
const local = (s: Site) => s.url.replace("127.0.0.1", "localhost");

beforeAll(async () => {
  [site, ga4Site, optOutSite, browser] = await Promise.all([
    startTestSite({ articles: ARTICLES }),
    startTestSite({ articles: ARTICLES, vars: GA4 }),
    // A Californian reader, as wrangler.toml's development settings allow: opt-out rules, GA4 with marketing.
    startTestSite({ articles: ARTICLES, vars: { ...GA4, GEO_OVERRIDE: "US-CA" } }),
    launchChromium(),
  ]);
  base = local(site);
  mkdirSync(OUTPUT, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await Promise.all([site?.dispose(), ga4Site?.dispose(), optOutSite?.dispose()]);
});

type Session = { context: BrowserContext; page: Page; analytics: string[]; cspErrors: string[]; offsite: string[] };
type SessionOptions = { javaScriptEnabled?: boolean; gpc?: boolean; viewport?: { width: number; height: number } };

/** A fresh browser profile that records analytics requests and CSP violations, and never reaches the network. */
async function session({ gpc = false, ...options }: SessionOptions = {}): Promise<Session> {
  const context = await browser.newContext({ ...options, ...(gpc ? { extraHTTPHeaders: { "Sec-GPC": "1" } } : {}) });
  const analytics: string[] = [];
  const offsite: string[] = [];
  await context.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === "localhost" || url.hostname === "127.0.0.1") return route.continue();
    if (url.href.startsWith("https://www.googletagmanager.com/gtag/js")) {
      analytics.push("gtag.js");
      return route.fulfill({ contentType: "text/javascript", body: "window.__gtagStubLoaded = true;" });
    }
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

/** GA4's Consent Mode state as the page wrote it into the dataLayer. */
const consentMode = (page: Page) =>
  page.evaluate(
    () =>
      (window as unknown as { dataLayer?: IArguments[] }).dataLayer
        ?.map((args) => Array.from(args))
        .find((a) => a[0] === "consent")?.[2],
  );

/** The banner's share of the viewport's height, measured in Chromium after load. */
async function bannerShare(page: Page): Promise<number> {
  const box = await page.locator(".consent-banner").boundingBox();
  return (box?.height ?? Number.NaN) / (page.viewportSize()?.height ?? Number.NaN);
}

describe("consent in Chromium with JavaScript", () => {
  it("shows the banner on a first visit, styled under the CSP, with no analytics request and no cookie", async () => {
    const s = await session();
    await s.page.goto(base + ARTICLE);
    await expect(banner(s.page).isVisible()).resolves.toBe(true);
    await expect(banner(s.page).getByRole("link", { name: "Privacy Policy" }).getAttribute("href")).resolves.toBe("/privacy");
    const [accept, reject] = await Promise.all([
      s.page.getByRole("button", { name: "Accept all" }).boundingBox(),
      s.page.getByRole("button", { name: "Reject all" }).boundingBox(),
    ]);
    expect(accept?.width).toBe(reject?.width);
    expect(accept?.height).toBe(reject?.height);
    const style = await s.page.locator(".consent-banner").evaluate((el) => getComputedStyle(el).borderBottomStyle);
    expect(style).toBe("solid");
    expect(s.analytics).toEqual([]);
    expect(await s.context.cookies()).toEqual([]);
    expect(s.cspErrors).toEqual([]);
    await s.context.close();
  });

  it("causes no layout shift while the page loads", async () => {
    const s = await session({ viewport: PHONE });
    await s.page.goto(base + ARTICLE);
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

  it("Accept all returns to the page without the banner, loads analytics, and keeps exactly one signed cookie", async () => {
    const s = await session();
    await s.page.goto(base + ARTICLE);
    await s.page.getByRole("button", { name: "Accept all" }).click();
    await s.page.waitForURL(base + ARTICLE);
    await expect(banner(s.page).count()).resolves.toBe(0);
    await waitForPageView(s, 1);
    expect(s.analytics).toEqual(["GET /analytics.js", "POST /analytics/collect"]);
    const cookies = await s.context.cookies();
    expect(cookies).toHaveLength(1);
    const [cookie] = cookies;
    expect(cookie).toMatchObject({ name: COOKIE, path: "/", httpOnly: true, secure: true, sameSite: "Lax", domain: "localhost" });
    expect(cookie?.value).toMatch(/^1\.1\.a\.\d{10}\.[\w-]{16}\.[\w-]{22}$/);
    expect(Math.abs((cookie?.expires ?? 0) - (Date.now() / 1000 + HALF_YEAR_SECONDS))).toBeLessThan(60);

    await s.page.reload();
    await expect(banner(s.page).count()).resolves.toBe(0);
    await waitForPageView(s, 2);
    expect(s.cspErrors).toEqual([]);
    expect(s.offsite).toEqual([]);
    await s.context.close();
  });

  it("Reject all sends no analytics request on that or later pages, and keeps one cookie", async () => {
    const s = await session();
    await s.page.goto(base + ARTICLE);
    await s.page.getByRole("button", { name: "Reject all" }).click();
    await s.page.waitForURL(base + ARTICLE);
    await expect(banner(s.page).count()).resolves.toBe(0);
    await s.page.goto(`${base}/`);
    await s.page.goto(base + OTHER);
    await s.page.waitForLoadState("load");
    await s.page.waitForTimeout(300);
    expect(s.analytics).toEqual([]);
    const cookies = await s.context.cookies();
    expect(cookies.map((c) => [c.name, c.value.split(".")[2]])).toEqual([[COOKIE, "-"]]);
    await s.context.close();
  });

  it("Manage choices leads to per-purpose choices and back: analytics and marketing chosen one by one (GA4)", async () => {
    const s = await session();
    const ga4 = local(ga4Site);
    await s.page.goto(ga4 + ARTICLE);
    await banner(s.page).getByRole("link", { name: "Manage choices" }).click();
    await s.page.waitForURL(`${ga4}/consent?return=${encodeURIComponent(ARTICLE)}`);
    await expect(s.page.getByRole("checkbox", { name: "Strictly necessary" }).isDisabled()).resolves.toBe(true);
    await s.page.getByRole("checkbox", { name: "Analytics" }).check();
    await s.page.getByRole("button", { name: "Save choices" }).click();
    await s.page.waitForURL(ga4 + ARTICLE);
    await expect(banner(s.page).count()).resolves.toBe(0);
    await expect
      .poll(() => consentMode(s.page))
      .toEqual({
        ad_storage: "denied",
        ad_user_data: "denied",
        ad_personalization: "denied",
        analytics_storage: "granted",
      });
    expect(s.analytics).toEqual(["gtag.js"]);
    await s.context.close();
  });

  it("withdraws from cookie settings: after Accept all, unticking Analytics in the footer's settings stops it", async () => {
    const s = await session();
    await s.page.goto(base + ARTICLE);
    await s.page.getByRole("button", { name: "Accept all" }).click();
    await waitForPageView(s, 1);
    await s.page.getByRole("link", { name: "Cookie settings" }).click();
    await s.page.waitForURL(`${base}/consent`);
    await expect(s.page.locator(".consent-current").textContent()).resolves.toContain("You allowed: Analytics.");
    await s.page.getByRole("checkbox", { name: "Analytics" }).uncheck();
    await s.page.getByRole("button", { name: "Save choices" }).click();
    await s.page.waitForURL(`${base}/consent`);
    await expect(s.page.locator(".consent-current").textContent()).resolves.toContain("You rejected everything");
    const before = s.analytics.length;
    await s.page.goto(base + OTHER);
    await s.page.waitForTimeout(300);
    expect(s.analytics.length).toBe(before);
    expect((await s.context.cookies()).map((c) => c.name)).toEqual([COOKIE]);
    await s.context.close();
  });
});

describe("consent in Chromium without JavaScript", () => {
  it("Accept all works as a plain form: banner gone, the analytics tag in <head>, one cookie", async () => {
    const s = await session({ javaScriptEnabled: false });
    await s.page.goto(base + ARTICLE);
    await expect(banner(s.page).isVisible()).resolves.toBe(true);
    await s.page.getByRole("button", { name: "Accept all" }).click();
    await s.page.waitForURL(base + ARTICLE);
    await expect(banner(s.page).count()).resolves.toBe(0);
    await expect(s.page.locator('head script[src="/analytics.js"]').count()).resolves.toBe(1);
    expect((await s.context.cookies()).map((c) => [c.name, c.httpOnly, c.secure, c.sameSite])).toEqual([
      [COOKIE, true, true, "Lax"],
    ]);
    await s.context.close();
  });

  it("Reject all works as a plain form: no analytics markup or request on later pages, one cookie", async () => {
    const s = await session({ javaScriptEnabled: false });
    await s.page.goto(base + ARTICLE);
    await s.page.getByRole("button", { name: "Reject all" }).click();
    await s.page.waitForURL(base + ARTICLE);
    await expect(banner(s.page).count()).resolves.toBe(0);
    await s.page.goto(base + OTHER);
    await expect(s.page.locator("script[src]").count()).resolves.toBe(0);
    expect(s.analytics).toEqual([]);
    expect((await s.context.cookies()).map((c) => c.name)).toEqual([COOKIE]);
    await s.context.close();
  });

  it("Manage choices works as plain links and forms: marketing alone is stored, and GA4 (which needs analytics) stays off", async () => {
    const s = await session({ javaScriptEnabled: false });
    const ga4 = local(ga4Site);
    await s.page.goto(ga4 + ARTICLE);
    await s.page.getByRole("link", { name: "Manage choices" }).click();
    await s.page.getByRole("checkbox", { name: "Marketing" }).check();
    await s.page.getByRole("button", { name: "Save choices" }).click();
    await s.page.waitForURL(ga4 + ARTICLE);
    await expect(banner(s.page).count()).resolves.toBe(0);
    await expect(s.page.locator("script[src]").count()).resolves.toBe(0);
    expect((await s.context.cookies())[0]?.value.split(".")[2]).toBe("m");
    await s.context.close();
  });
});

describe("consent with the keyboard only", () => {
  it("reaches the banner right after the skip link and accepts all with Tab and Enter", async () => {
    const s = await session();
    await s.page.goto(base + ARTICLE);
    const focused = async () => s.page.evaluate(() => document.activeElement?.textContent?.trim());
    const order: (string | undefined)[] = [];
    for (let i = 0; i < 5; i++) {
      await s.page.keyboard.press("Tab");
      order.push(await focused());
    }
    expect(order).toEqual(["Skip to content", "Privacy Policy", "Accept all", "Reject all", "Manage choices"]);
    await s.page.keyboard.press("Shift+Tab");
    await s.page.keyboard.press("Shift+Tab");
    await s.page.keyboard.press("Enter");
    await s.page.waitForURL(base + ARTICLE);
    await expect(banner(s.page).count()).resolves.toBe(0);
    await waitForPageView(s, 1);
    await s.context.close();
  });

  it("rejects all with Space on the focused Reject all button", async () => {
    const s = await session();
    await s.page.goto(base + ARTICLE);
    // Skip link, Privacy Policy, Accept all, Reject all.
    for (let i = 0; i < 4; i++) await s.page.keyboard.press("Tab");
    await s.page.keyboard.press("Space");
    await s.page.waitForURL(base + ARTICLE);
    await expect(banner(s.page).count()).resolves.toBe(0);
    expect((await s.context.cookies())[0]?.value.split(".")[2]).toBe("-");
    await s.context.close();
  });

  it("ticks a purpose with Space and saves with Enter on /consent", async () => {
    const s = await session();
    await s.page.goto(`${base}/consent`);
    await s.page.getByRole("checkbox", { name: "Analytics" }).focus();
    await s.page.keyboard.press("Space");
    await s.page.keyboard.press("Tab");
    expect(await s.page.evaluate(() => document.activeElement?.textContent?.trim())).toBe("Save choices");
    // Already on /consent, so wait for the 303's page rather than for the URL.
    await Promise.all([s.page.waitForResponse((res) => res.request().method() === "POST"), s.page.keyboard.press("Enter")]);
    await s.page.waitForLoadState("load");
    expect((await s.context.cookies())[0]?.value.split(".")[2]).toBe("a");
    await s.context.close();
  });
});

describe("a US state with an opt-out law, in Chromium", () => {
  it("runs GA4 with ads signals by default, shows no banner, and opts out of marketing through Your Privacy Choices", async () => {
    const s = await session();
    const us = local(optOutSite);
    await s.page.goto(us + ARTICLE);
    await expect(banner(s.page).count()).resolves.toBe(0);
    await expect.poll(() => consentMode(s.page)).toMatchObject({ analytics_storage: "granted", ad_storage: "granted" });
    await s.page.getByRole("link", { name: "Your Privacy Choices" }).click();
    await expect(s.page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Your Privacy Choices");
    await s.page.getByRole("checkbox", { name: /Do Not Sell or Share/ }).uncheck();
    await s.page.getByRole("button", { name: "Save choices" }).click();
    await s.page.goto(us + OTHER);
    await expect.poll(() => consentMode(s.page)).toMatchObject({ analytics_storage: "granted", ad_storage: "denied" });
    await s.context.close();
  });

  it("honours Sec-GPC: 1 as an opt-out of marketing, with a visible note, and without JavaScript the form says so", async () => {
    const s = await session({ gpc: true });
    const us = local(optOutSite);
    await s.page.goto(us + ARTICLE);
    await expect(s.page.getByRole("status").textContent()).resolves.toContain("Global Privacy Control signal was honoured");
    await expect(s.page.getByRole("status").isVisible()).resolves.toBe(true);
    await expect.poll(() => consentMode(s.page)).toMatchObject({ analytics_storage: "granted", ad_storage: "denied" });
    await s.context.close();

    const noJs = await session({ gpc: true, javaScriptEnabled: false });
    await noJs.page.goto(`${us}/consent`);
    await expect(noJs.page.getByRole("checkbox", { name: /Do Not Sell or Share/ }).isChecked()).resolves.toBe(false);
    await expect(noJs.page.getByRole("checkbox", { name: /Do Not Sell or Share/ }).isDisabled()).resolves.toBe(true);
    await noJs.page.getByRole("button", { name: "Accept all" }).click();
    await noJs.page.goto(us + ARTICLE);
    // Even "Accept all" cannot override the signal: the tag still says ads denied.
    await expect(noJs.page.content()).resolves.toContain('"ad_storage":"denied"');
    await noJs.context.close();
  });
});

describe("an Arabic page's banner", () => {
  it("is in Arabic, right to left, and fits a phone screen (screenshot in test-output/)", async () => {
    const s = await session({ viewport: PHONE });
    await s.page.goto(base + ARABIC, { waitUntil: "load" });
    await expect(s.page.locator("html").getAttribute("dir")).resolves.toBe("rtl");
    const arabicBanner = s.page.getByRole("region", { name: "اختيارك بشأن الخصوصية" });
    await expect(arabicBanner.isVisible()).resolves.toBe(true);
    await expect(arabicBanner.evaluate((el) => getComputedStyle(el).direction)).resolves.toBe("rtl");
    const share = await bannerShare(s.page);
    console.log(`banner share of a 390x844 viewport, Arabic article: ${(share * 100).toFixed(1)}%`);
    expect(share).toBeLessThanOrEqual(0.35);
    await s.page.screenshot({ path: join(OUTPUT, "consent-banner-ar-390.png") });
    await s.context.close();
  });
});

describe("the banner on a phone", () => {
  it.each([
    ["English, analytics only", () => base],
    ["English, analytics and marketing (the longest default wording)", () => local(ga4Site)],
  ])("takes at most 35%% of a 390x844 viewport and never covers the article (%s)", async (name, at) => {
    const s = await session({ viewport: PHONE });
    await s.page.goto(at() + ARTICLE, { waitUntil: "load" });
    const share = await bannerShare(s.page);
    console.log(`banner share of a 390x844 viewport, ${name}: ${(share * 100).toFixed(1)}%`);
    expect(share).toBeLessThanOrEqual(0.35);
    // In the flow, not overlaid: the article's headline starts below the banner.
    const [box, headline] = await Promise.all([
      s.page.locator(".consent-banner").boundingBox(),
      s.page.locator("h1").boundingBox(),
    ]);
    expect(headline?.y ?? 0).toBeGreaterThanOrEqual((box?.y ?? 0) + (box?.height ?? 0));
    await expect(s.page.locator(".consent-banner").evaluate((el) => getComputedStyle(el).position)).resolves.toBe("static");
    await s.page.screenshot({ path: join(OUTPUT, `consent-banner-en-390${at() === base ? "" : "-marketing"}.png`) });
    await s.context.close();
  });
});

describe("a consent cookie written by another origin", () => {
  let other: Server;
  let otherUrl: string;
  beforeAll(async () => {
    // Another port on the same host: cookies do not keep ports apart, so this page can toss cookies onto the site.
    const now = Math.floor(Date.now() / 1000);
    const script = [
      `document.cookie = "${COOKIE}=1.1.a.${now}.AAAAAAAAAAAAAAAAAAAAAA; Path=/; Secure; SameSite=Lax; Max-Age=3600";`,
      `document.cookie = "ew_consent=g.1.${now}; Path=/; Secure; SameSite=Lax; Max-Age=3600";`,
    ].join("");
    other = createServer((_req, res) => {
      res.setHeader("content-type", "text/html");
      res.end(`<!doctype html><title>elsewhere</title><script>${script}</script>`);
    });
    await new Promise<void>((done) => other.listen(0, "127.0.0.1", done));
    otherUrl = `http://localhost:${(other.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise<void>((done) => other.close(() => done())));

  it("is ignored: the reader is asked, and no analytics runs", async () => {
    const s = await session();
    await s.page.goto(otherUrl);
    await s.page.waitForLoadState("load");
    // The tossed cookies really are in the browser, and are sent to the site.
    expect((await s.context.cookies(base)).map((c) => c.name).sort()).toEqual([COOKIE, "ew_consent"]);
    await s.page.goto(base + ARTICLE);
    await expect(banner(s.page).isVisible()).resolves.toBe(true);
    await s.page.waitForTimeout(300);
    expect(s.analytics).toEqual([]);
    // Choosing replaces the forged value with a signed one, and expires the old release's cookie.
    await s.page.getByRole("button", { name: "Reject all" }).click();
    await s.page.waitForURL(base + ARTICLE);
    const cookies = await s.context.cookies(base);
    expect(cookies.map((c) => c.name)).toEqual([COOKIE]);
    expect(cookies[0]?.value).not.toContain("AAAAAAAAAAAAAAAAAAAAAA");
    await s.context.close();
  });
});

describe("start-up configuration", () => {
  it("refuses to start with a consent lifetime over 13 months, naming the variable", async () => {
    await expect(startTestSite({ vars: { CONSENT_MAX_AGE_DAYS: "500" } })).rejects.toThrow(
      /CONSENT_MAX_AGE_DAYS: must be at most 395 days/,
    );
  });

  it("refuses GEO_OVERRIDE in production, naming it", async () => {
    await expect(startTestSite({ vars: { ENVIRONMENT: "production", GEO_OVERRIDE: "DE" } })).rejects.toThrow(
      /GEO_OVERRIDE: is for local development and tests only and is refused in staging and production/,
    );
  });

  it("refuses to start without the signing secret, naming it", async () => {
    await expect(startTestSite({ vars: { CONSENT_SECRET: "" } })).rejects.toThrow(/CONSENT_SECRET: must be set/);
  });

  it("refuses HubSpot when marketing is not a configured purpose", async () => {
    await expect(startTestSite({ vars: { ANALYTICS_PROVIDER: "hubspot", ANALYTICS_HUBSPOT_ID: "123" } })).rejects.toThrow(
      /CONSENT_PURPOSES: ANALYTICS_PROVIDER hubspot needs marketing/,
    );
  });

  it("refuses to start with a SITE_URL that has no scheme, naming the variable", async () => {
    await expect(startTestSite({ vars: { SITE_URL: "edgewire.example" } })).rejects.toThrow(
      /SITE_URL: must be an absolute URL starting with http:\/\/ or https:\/\//,
    );
  });
});
