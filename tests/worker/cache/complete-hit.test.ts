// A page-store hit as one complete response (cache/page-store.ts completeHit): the header list built once per page
// with the HTTP policy and the security headers, each response's nonce spliced in and stamped into the kept bytes.
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { type AppOptions, createApp } from "../../../src/app.ts";
import { CACHE_STATUS_HEADER } from "../../../src/cache/page-store.ts";
import { parseConfig } from "../../../src/config/index.ts";
import { CONSENT_COOKIE, consentCookieValue } from "../../../src/consent/cookie.ts";
import { seed } from "../support/kv.ts";

const ARTICLE = "/articles/us-led-air-strikes-block-daesh-fighters-in-syria";
const CONFIG = parseConfig(env);
const GRANTED = `${CONSENT_COOKIE}=${consentCookieValue("granted", CONFIG.consent.policyVersion, new Date())}`;
const DECLINED = `${CONSENT_COOKIE}=${consentCookieValue("declined", CONFIG.consent.policyVersion, new Date())}`;
const READERS: [string, Record<string, string>][] = [
  ["first visit", {}],
  ["consent granted", { cookie: GRANTED }],
  ["consent declined", { cookie: DECLINED }],
  ["GPC", { "sec-gpc": "1" }],
];

beforeAll(async () => {
  await seed(env.CONTENT, "sample");
});

let cacheNo = 0;
function siteWith(options: AppOptions["pageCache"] = {}) {
  const name = `complete-hit-test-${++cacheNo}`;
  const app = createApp({ config: CONFIG, pageCache: { cache: () => caches.open(name), ...options } });
  return async (path: string, headers: Record<string, string> = {}) => {
    const ctx = createExecutionContext();
    const res = await app.fetch(new Request(`http://example.com${path}`, { headers }), env, ctx);
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
  it.each(READERS)(
    "has exactly the headers and bytes of the hit built by the middlewares one by one (%s)",
    async (_, headers) => {
      const fast = siteWith();
      // Without the outer headers the store cannot build the list, so its hit goes through every middleware.
      const slow = siteWith({ outerHeaders: () => false });
      for (const get of [fast, slow]) await (await get(ARTICLE, headers)).text();
      for (let i = 0; i < 2; i++) {
        const a = await fast(ARTICLE, headers);
        const b = await slow(ARTICLE, headers);
        expect(a.headers.get(CACHE_STATUS_HEADER)).toBe("HIT");
        expect(b.headers.get(CACHE_STATUS_HEADER)).toBe("HIT");
        expect(await normalized(a)).toEqual(await normalized(b));
      }
    },
  );

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
    await (await get(ARTICLE, { cookie: GRANTED })).text();
    const seen = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const res = await get(ARTICLE, { cookie: GRANTED });
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
