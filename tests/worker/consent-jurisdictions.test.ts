// Route tests for the jurisdiction rules, with Cloudflare's `cf` object set per request as the edge would set it.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { AIR_STRIKES_SLUG, articlePath } from "../support/fixtures.ts";
import { consentCookie, get, hasBanner, post } from "./support/consent.ts";
import { selectOne } from "./support/html.ts";
import { seed } from "./support/kv.ts";

const SEED = articlePath(AIR_STRIKES_SLUG);
const CALIFORNIA = { country: "US", regionCode: "CA" };
const hasAnalytics = (html: string) => html.includes("/analytics.js");

beforeAll(async () => {
  await seed(env.CONTENT, "sample");
});

describe("opt-in places", () => {
  it.each([
    ["Germany", { country: "DE", regionCode: "BE" }],
    ["the UK", { country: "GB", regionCode: "ENG" }],
    ["Switzerland", { country: "CH" }],
    ["an unknown country", { country: "XX" }],
    ["a Tor exit", { country: "T1" }],
    ["a US state without an opt-out law", { country: "US", regionCode: "AK" }],
    ["no cf object at all", undefined],
  ])("asks first in %s: the banner, no analytics, no cookie", async (_name, from) => {
    const res = await get(SEED, {}, from);
    const html = await res.text();
    expect(hasBanner(html)).toBe(true);
    expect(hasAnalytics(html)).toBe(false);
    expect(res.headers.get("set-cookie")).toBeNull();
    expect(html).toContain('<a href="/consent">Cookie settings</a>');
  });
});

describe("opt-out places (US states with an opt-out law)", () => {
  it("shows no blocking banner, runs the configured purposes by default and links Your Privacy Choices", async () => {
    const res = await get(SEED, {}, CALIFORNIA);
    const html = await res.text();
    expect(hasBanner(html)).toBe(false);
    expect(hasAnalytics(html)).toBe(true);
    expect(res.headers.get("set-cookie")).toBeNull();
    expect((await selectOne(html, ".site-footer nav a")).text).toBe("Your Privacy Choices");
    expect(html).not.toContain('class="gpc-note"');
  });

  it("links Your Privacy Choices from every page", async () => {
    for (const path of ["/", SEED, "/privacy", "/no-such-page"]) {
      const html = await (await get(path, {}, { country: "US", regionCode: "VA" })).text();
      expect(html, path).toContain('<a href="/consent">Your Privacy Choices</a>');
    }
  });

  it("shows a visible note when Sec-GPC: 1 is honoured", async () => {
    const html = await (await get(SEED, { "sec-gpc": "1" }, CALIFORNIA)).text();
    expect(html).toContain(
      '<p class="gpc-note" role="status"><span class="wrap">Your browser&#39;s Global Privacy Control signal was honoured',
    );
    expect(hasBanner(html)).toBe(false);
  });

  it("offers a no-JavaScript opt-out form on /consent, titled Your Privacy Choices", async () => {
    const html = await (await get("/consent", {}, CALIFORNIA)).text();
    expect(html).toContain("<h1>Your Privacy Choices</h1>");
    expect(html).toContain("You have not opted out of anything.");
    expect(html).toContain('<input type="checkbox" name="purpose" value="analytics" id="purpose-analytics" checked=""/>');
    expect(html).toContain('<form class="consent-form" method="post" action="/consent">');
  });

  it("stops analytics after the reader opts out", async () => {
    const res = await post("choice=custom&return=/", {}, "/consent", CALIFORNIA);
    expect(res.status).toBe(303);
    const cookie = res.headers.getSetCookie()[0]?.split(";")[0] ?? "";
    const html = await (await get(SEED, { cookie }, CALIFORNIA)).text();
    expect(hasAnalytics(html)).toBe(false);
    expect(hasBanner(html)).toBe(false);
  });

  it("honours the same stored choice when the reader travels to an opt-in place", async () => {
    const cookie = await consentCookie(["analytics"]);
    const html = await (await get(SEED, { cookie }, { country: "DE" })).text();
    expect(hasBanner(html)).toBe(false);
    expect(hasAnalytics(html)).toBe(true);
  });
});

describe("page variants by jurisdiction", () => {
  it("never serves an opt-in reader the opt-out page kept for a Californian, or the other way round", async () => {
    const californian = await (await get("/", {}, CALIFORNIA)).text();
    const german = await (await get("/", {}, { country: "DE" })).text();
    const californianAgain = await (await get("/", {}, CALIFORNIA)).text();
    expect(hasBanner(californian)).toBe(false);
    expect(hasBanner(german)).toBe(true);
    expect(hasBanner(californianAgain)).toBe(false);
  });
});
