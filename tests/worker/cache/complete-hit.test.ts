// A page-store hit as one complete response (cache/page-store.ts completeHit): the header list built once per page
// with the HTTP policy and the security headers, each response's nonce spliced in and stamped into the kept bytes.
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { type AppOptions, createApp } from "../../../src/app.ts";
import { CACHE_STATUS_HEADER } from "../../../src/cache/page-store.ts";
import { parseConfig } from "../../../src/config/index.ts";
import type { Grants } from "../../../src/consent/purposes.ts";
import { consentCookie, type From } from "../support/consent.ts";
import { seed } from "../support/kv.ts";

const ARTICLE = "/articles/us-led-air-strikes-block-daesh-fighters-in-syria";
/** A listing: its variant carries the reader's language, and it varies on Accept-Language. */
const LISTING = "/";
const CONFIG = parseConfig(env);
/** Two purposes under the first-party provider: grants `a` and `am` share the tagged bytes but not the ETag. */
const TWO_PURPOSES = parseConfig({ ...env, CONSENT_PURPOSES: "analytics,marketing" });
const CONFIGS = [
  ["the Worker's configuration", CONFIG],
  ["analytics and marketing", TWO_PURPOSES],
] as const;
const ARABIC = { "accept-language": "ar-EG,ar;q=0.9,en;q=0.5" };
const CALIFORNIA: From = { country: "US", regionCode: "CA" };
type Reader = [name: string, headers: () => Promise<Record<string, string>>, from?: From];
const withCookie =
  (grants: Grants, more: Record<string, string> = {}) =>
  async () => ({
    cookie: await consentCookie(grants),
    ...more,
  });
const READERS: Reader[] = [
  ["first visit", async () => ({})],
  ["analytics granted", withCookie(["analytics"])],
  ["everything granted", withCookie(["analytics", "marketing"])],
  ["everything declined", withCookie([])],
  ["GPC", async () => ({ "sec-gpc": "1" })],
  ["Arabic, first visit", async () => ARABIC],
  ["Arabic, analytics granted", withCookie(["analytics"], ARABIC)],
  ["an opt-out region, first visit", async () => ({}), CALIFORNIA],
  ["an opt-out region with GPC", async () => ({ "sec-gpc": "1" }), CALIFORNIA],
  ["an opt-out region, Arabic, marketing refused", withCookie(["analytics"], ARABIC), CALIFORNIA],
];

beforeAll(async () => {
  await seed(env.CONTENT, "sample");
});

let cacheNo = 0;
function siteWith(options: AppOptions["pageCache"] = {}, config = CONFIG) {
  const name = `complete-hit-test-${++cacheNo}`;
  const app = createApp({ config, pageCache: { cache: () => caches.open(name), ...options } });
  return async (path: string, headers: Record<string, string> = {}, from?: From, more: RequestInit = {}) => {
    const ctx = createExecutionContext();
    const init = { headers, ...(from ? { cf: from } : {}), redirect: "manual", ...more } as RequestInit;
    const res = await app.fetch(new Request(`http://example.com${path}`, init), env, ctx);
    await waitOnExecutionContext(ctx);
    return res;
  };
}

const nonceOf = (res: Response) => /'nonce-([^']+)'/.exec(res.headers.get("content-security-policy") ?? "")?.[1] as string;

/** Headers and body with this response's nonce written as N, so two responses can be compared whole. */
async function normalized(res: Response) {
  const nonce = nonceOf(res);
  expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  const headers = [...res.headers].map(([k, v]) => [k, v.replaceAll(nonce, "N")]);
  return { status: res.status, headers, body: (await res.text()).replaceAll(nonce, "N") };
}

describe("a hit as one complete response", () => {
  it.each(
    CONFIGS.flatMap(([configName, config]) =>
      READERS.flatMap(([name, headers, from]) =>
        [ARTICLE, LISTING].map((path) => [name, path, configName, headers, from, config] as const),
      ),
    ),
  )(
    "has exactly the headers and bytes of the hit built by the middlewares one by one (%s, %s, %s)",
    async (_, path, _config, makeHeaders, from, config) => {
      const headers = await makeHeaders();
      const where: string[] = [];
      const fast = siteWith({ onHit: (w) => where.push(w) }, config);
      // Without the outer headers the store cannot build the list, so its hit goes through every middleware.
      const slow = siteWith({ outerHeaders: () => false }, config);
      for (const get of [fast, slow]) expect((await (await get(path, headers, from)).text()).length).toBeGreaterThan(0);
      for (let i = 0; i < 2; i++) {
        const a = await fast(path, headers, from);
        const b = await slow(path, headers, from);
        expect(a.status).toBe(200);
        expect(a.headers.get(CACHE_STATUS_HEADER)).toBe("HIT");
        expect(b.headers.get(CACHE_STATUS_HEADER)).toBe("HIT");
        expect(await normalized(a)).toEqual(await normalized(b));
      }
      // Both hits came before the app (the first request read the cookie, so its reading is known).
      expect(where).toEqual(["early", "early"]);
    },
  );

  it("stays exact when readers of one page take turns, each set of grants with its own ETag", async () => {
    const fast = siteWith({}, TWO_PURPOSES);
    const slow = siteWith({ outerHeaders: () => false }, TWO_PURPOSES);
    const readers = await Promise.all(READERS.map(async ([, headers, from]) => [await headers(), from] as const));
    const etags = new Map<string, string>();
    for (let round = 0; round < 3; round++) {
      for (const path of [ARTICLE, LISTING]) {
        for (const [k, [headers, from]] of readers.entries()) {
          const a = await fast(path, headers, from);
          const b = await slow(path, headers, from);
          if (round > 0) expect(a.headers.get(CACHE_STATUS_HEADER)).toBe("HIT");
          const etag = a.headers.get("etag") as string;
          expect(etags.get(`${path} ${k}`) ?? etag).toBe(etag);
          etags.set(`${path} ${k}`, etag);
          expect(await normalized(a)).toEqual(await normalized(b));
        }
      }
    }
    // Grants `a` and `am` (the same first-party tag, so the same bytes) and the Arabic listing each have their own.
    const article = readers.map((_, k) => etags.get(`${ARTICLE} ${k}`));
    expect(article[1]).not.toBe(article[2]);
    const listing = readers.map((_, k) => etags.get(`${LISTING} ${k}`));
    expect(listing[0]).not.toBe(listing[5]);
    expect(listing[1]).not.toBe(listing[6]);
  });

  it("builds a listing's list with its language and Vary, an article's without Accept-Language", async () => {
    const get = siteWith();
    for (const [path, headers, lang, vary] of [
      [LISTING, ARABIC, "ar", "Cookie, Sec-GPC, Accept-Language"],
      [LISTING, {}, "en", "Cookie, Sec-GPC, Accept-Language"],
      [ARTICLE, ARABIC, "en", "Cookie, Sec-GPC"],
    ] as const) {
      await (await get(path, headers)).text();
      const res = await get(path, headers);
      await res.text();
      expect(res.headers.get(CACHE_STATUS_HEADER)).toBe("HIT");
      expect(res.headers.get("content-language")).toBe(lang);
      expect(res.headers.get("vary")).toBe(vary);
    }
  });

  it("answers before the app only from what it already knows; everything else goes through the middlewares", async () => {
    let now = Date.now();
    const where: string[] = [];
    const get = siteWith({ onHit: (w) => where.push(w), now: () => now, versionMaxAgeMs: 1000 });
    const answered = async (path: string, headers: Record<string, string> = {}, init: RequestInit = {}) => {
      where.length = 0;
      const res = init.method === "HEAD" ? await get(path, headers, undefined, init) : await get(path, headers);
      await res.arrayBuffer();
      return { status: res.status, cache: res.headers.get(CACHE_STATUS_HEADER), where: where.join(","), res };
    };
    expect((await answered(ARTICLE)).cache).toBe("MISS");
    expect(await answered(ARTICLE)).toMatchObject({ status: 200, cache: "HIT", where: "early" });
    // Tracking parameters share the page's key, so they are early hits too.
    expect(await answered(`${ARTICLE}?utm_source=newsletter`)).toMatchObject({ status: 200, where: "early" });
    // A cookie this isolate has not read yet (its HMAC is async): the middleware reads it; then it is known.
    const cookie = { cookie: await consentCookie(["analytics"]) };
    expect(await answered(ARTICLE, cookie)).toMatchObject({ status: 200, cache: "MISS", where: "" });
    expect(await answered(ARTICLE, cookie)).toMatchObject({ status: 200, where: "early" });
    const another = { cookie: await consentCookie(["analytics"], { givenAt: new Date(Date.now() - 60_000) }) };
    expect(another.cookie).not.toBe(cookie.cookie);
    expect(await answered(ARTICLE, another)).toMatchObject({ status: 200, cache: "HIT", where: "middleware" });
    expect(await answered(ARTICLE, another)).toMatchObject({ status: 200, where: "early" });
    // A forged cookie is read once too, and its reader is undecided: the first visitor's copy.
    const forged = { cookie: cookie.cookie.replace(/.$/, (ch) => (ch === "A" ? "B" : "A")) };
    expect(await answered(ARTICLE, forged)).toMatchObject({ status: 200, where: "middleware" });
    const forgedHit = await answered(ARTICLE, forged);
    expect(forgedHit.where).toBe("early");
    expect(forgedHit.res.headers.get("etag")).toMatch(/\.ask"$/);
    // Conditional requests and HEAD are the HTTP policy's: a matching ETag gets its 304 there.
    const etag = (await answered(ARTICLE)).res.headers.get("etag") as string;
    expect(await answered(ARTICLE, { "if-none-match": etag })).toMatchObject({ status: 304, where: "" });
    expect(await answered(ARTICLE, {}, { method: "HEAD" })).toMatchObject({ status: 200, where: "middleware" });
    // An alias of the path is redirected to its one URL, never answered from memory.
    expect(await answered(ARTICLE.replace("/us-", "/%75s-"))).toMatchObject({ status: 301, where: "" });
    // Once the content version held is past its bound, the middleware reads it again before serving the copy.
    now += 1500;
    expect(await answered(ARTICLE)).toMatchObject({ status: 200, cache: "HIT", where: "middleware" });
    expect(await answered(ARTICLE)).toMatchObject({ status: 200, where: "early" });
  });

  it("falls through to the app, logging it, when the early hit itself fails: never a 500 from the shortcut", async () => {
    const app = createApp({ config: CONFIG, pageCache: { cache: () => caches.open(`complete-hit-test-${++cacheNo}`) } });
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    /** A request whose URL cannot be read the first time (the early hit's first look), only after. */
    class FlakyRequest extends Request {
      #reads = 0;
      override get url(): string {
        if (this.#reads++ === 0) throw new Error("planted failure");
        return super.url;
      }
    }
    const res = await app.fetch(new FlakyRequest(`http://example.com${ARTICLE}`), env, createExecutionContext());
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("</html>");
    expect(errors.mock.calls.map(([line]) => JSON.parse(String(line)).event)).toContain("early_hit_failed");
    errors.mockRestore();
  });

  it("is the same for a kept 404 and for a non-matching If-None-Match", async () => {
    const fast = siteWith();
    const slow = siteWith({ outerHeaders: () => false });
    const missing = "/articles/no-such-article-here";
    for (const get of [fast, slow]) await (await get(missing)).text();
    const a = await fast(missing);
    expect(a.status).toBe(404);
    expect(await normalized(a)).toEqual(await normalized(await slow(missing)));
    const stale = { "if-none-match": 'W/"0123456789abcdef.ask"' };
    for (const get of [fast, slow]) await (await get(ARTICLE)).text();
    const c = await fast(ARTICLE, stale);
    expect(c.status).toBe(200);
    expect(await normalized(c)).toEqual(await normalized(await slow(ARTICLE, stale)));
  });

  it("gives every response its own nonce, only in the view's slots, and keeps the stored bytes unstamped", async () => {
    const get = siteWith();
    const granted = { cookie: await consentCookie(["analytics"]) };
    await (await get(ARTICLE, granted)).text();
    const seen = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const res = await get(ARTICLE, granted);
      const nonce = nonceOf(res);
      const html = await res.text();
      expect(seen.has(nonce)).toBe(false);
      seen.add(nonce);
      const slots = html.match(/<(?:script|style)[^>]* nonce="/g)?.length ?? 0;
      expect(slots).toBeGreaterThanOrEqual(2);
      expect(html.split(`nonce="${nonce}"`).length - 1).toBe(slots);
      expect(html).not.toContain("@@edgewire-csp-nonce@@");
      expect(html).toContain('src="/analytics.js"');
    }
  });

  it("leaves a matching If-None-Match to the HTTP policy: a 304 without the CSP", async () => {
    const get = siteWith();
    const first = await get(ARTICLE);
    await first.text();
    const hit = await get(ARTICLE);
    await hit.text();
    const again = await get(ARTICLE, { "if-none-match": hit.headers.get("etag") as string });
    expect(again.status).toBe(304);
    expect(again.headers.get("content-security-policy")).toBeNull();
    expect(again.headers.get("cache-control")).toBe("private, no-cache");
  });
});
