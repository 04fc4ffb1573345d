import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { Hono } from "hono";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { applyPlan } from "../../../kv-seed/lib/apply.ts";
import { type AppOptions, createApp } from "../../../src/app.ts";
import { httpPolicy } from "../../../src/cache/http-policy.ts";
import { cacheKeyFor, canonicalPath, isStorableVariant } from "../../../src/cache/page-key.ts";
import { CACHE_STATUS_HEADER, pageStore } from "../../../src/cache/page-store.ts";
import { parseConfig } from "../../../src/config/index.ts";
import { type ConsentDecision, consentVariant, UNDECIDED } from "../../../src/consent/decision.ts";
import { consent } from "../../../src/consent/middleware.ts";
import { KEYS } from "../../../src/data/keys.ts";
import { KV_BREAKER_DEFAULTS, KV_READ_TIMEOUT_MS, kvBreaker } from "../../../src/data/store.ts";
import type { AppEnv } from "../../../src/env.ts";
import { renderUnavailable } from "../../../src/routes/respond.tsx";
import { NONCE_PLACEHOLDER, nonceSlots } from "../../../src/security/nonce.ts";
import { bindingStore, seed } from "../support/kv.ts";

const SLUG = "us-led-air-strikes-block-daesh-fighters-in-syria";
const ARTICLE = `/articles/${SLUG}`;
const HEADLINE = "US-led air strikes block Daesh fighters in Syria";

beforeAll(async () => {
  await seed(env.CONTENT, "sample");
});
afterEach(() => {
  vi.restoreAllMocks();
  kvBreaker.reset(KV_BREAKER_DEFAULTS);
});

/** Each test gets its own cache, so no test sees another's copies. */
let cacheNo = 0;
const freshCache = () => {
  const name = `page-store-test-${++cacheNo}`;
  return () => caches.open(name);
};

const CONFIG = parseConfig(env);

/** The Worker as src/index.ts builds it, with its own page store and the store options a test chooses. */
function siteWith(options: AppOptions["pageCache"] = {}, config = CONFIG) {
  const app = createApp({ config, pageCache: { cache: freshCache(), ...options } });
  return async (path: string, init?: RequestInit, bindings: Env = env) => {
    const ctx = createExecutionContext();
    const res = await app.fetch(new Request(`http://example.com${path}`, init), bindings, ctx);
    await waitOnExecutionContext(ctx);
    return res;
  };
}

/** Rewrites the article's headline in KV through the publisher's own write path, which ends with a new content version. */
async function republish(headline: string) {
  const record = JSON.parse((await env.CONTENT.get(KEYS.article(SLUG))) as string);
  const value = JSON.stringify({ ...record, headline });
  const entry = { key: KEYS.article(SLUG), value, kind: "article" as const, hash: headline };
  await applyPlan(
    {
      added: [],
      changed: [entry],
      unchanged: 0,
      removedArticles: [],
      staleKeys: [],
      puts: [entry],
      deletes: [],
      manifest: { version: 1, entries: {} },
    },
    bindingStore(env.CONTENT),
  );
}

/** A CONTENT binding whose reads of matching keys throw, or never answer. */
function failingKv(mode: "throw" | "hang", keys: (key: string) => boolean = () => true): KVNamespace {
  const real = env.CONTENT;
  return new Proxy(real, {
    get(target, prop) {
      if (prop !== "get") return Reflect.get(target, prop).bind(target);
      return (key: string, options: unknown) => {
        if (!keys(key)) return target.get(key, options as KVNamespaceGetOptions<"text">);
        return mode === "throw" ? Promise.reject(new Error("KV is having a bad minute")) : new Promise(() => {});
      };
    },
  });
}
const withKv = (kv: KVNamespace): Env => ({ ...env, CONTENT: kv });

describe("page store", () => {
  it("reads KV zero times for the second request of the same article and variant", async () => {
    const first = await exports.default.fetch(new Request(`http://example.com${ARTICLE}?utm_source=test`));
    await first.text();
    const reads = vi.spyOn(env.CONTENT, "get");
    const second = await exports.default.fetch(new Request(`http://example.com${ARTICLE}`));
    expect(second.headers.get(CACHE_STATUS_HEADER)).toBe("HIT");
    const body = await second.text();
    expect(body).toContain(`<h1>${HEADLINE}</h1>`);
    expect(reads).not.toHaveBeenCalled();
    // Served again from the same kept bytes: a hit must not use them up.
    // Each response carries its own CSP nonce (added after the cache), so compare without it.
    const withoutNonce = (html: string) => html.replace(/ nonce="[^"]+"/g, "");
    const third = await exports.default.fetch(new Request(`http://example.com${ARTICLE}`));
    expect(withoutNonce(await third.text())).toBe(withoutNonce(body));
  });

  it("never serves one consent variant's bytes to another", async () => {
    // A route whose bytes depend on the variant, behind the real page cache; the decision comes from a test header.
    const decisions: Record<string, ConsentDecision> = {
      granted: { ...UNDECIDED, decided: true, grants: ["analytics"] },
      undecided: UNDECIDED,
      gpc: { ...UNDECIDED, gpc: true, gpcHonoured: true },
    };
    const app = new Hono<AppEnv>();
    app.use(
      pageStore({
        unavailable: renderUnavailable,
        cache: freshCache(),
        variant: (c) => consentVariant(decisions[c.req.header("x-test-consent") ?? "undecided"] as ConsentDecision),
      }),
    );
    app.get("/page", (c) => c.html(`<p>${c.req.header("x-test-consent")}</p>`));
    const get = async (who: string) => {
      const ctx = createExecutionContext();
      const res = await app.fetch(new Request("http://example.com/page", { headers: { "x-test-consent": who } }), env, ctx);
      await waitOnExecutionContext(ctx);
      return { status: res.headers.get(CACHE_STATUS_HEADER), body: await res.text() };
    };
    expect(await get("granted")).toEqual({ status: "MISS", body: "<p>granted</p>" });
    expect(await get("undecided")).toEqual({ status: "MISS", body: "<p>undecided</p>" });
    expect(await get("gpc")).toEqual({ status: "MISS", body: "<p>gpc</p>" });
    expect(await get("undecided")).toEqual({ status: "HIT", body: "<p>undecided</p>" });
    expect(await get("granted")).toEqual({ status: "HIT", body: "<p>granted</p>" });
  });

  it("keeps a path that starts with // a path on this host", () => {
    expect(cacheKeyFor("http://example.com", "//evil.example/x", "ask")).toBe("http://example.com//evil.example/x?__variant=ask");
  });

  it("serves a republished article in its new version once the version bound has passed", async () => {
    const get = siteWith({ versionMaxAgeMs: 300 });
    expect(await (await get(ARTICLE)).text()).toContain(`<h1>${HEADLINE}</h1>`);
    await republish("Republished headline");
    const soon = await get(ARTICLE);
    // Within the bound the isolate still trusts the version it read: the old copy, by design.
    expect(soon.headers.get(CACHE_STATUS_HEADER)).toBe("HIT");
    await soon.text();
    await new Promise((r) => setTimeout(r, 350));
    const later = await get(ARTICLE);
    expect(later.headers.get(CACHE_STATUS_HEADER)).toBe("MISS");
    expect(await later.text()).toContain("<h1>Republished headline</h1>");
    await republish(HEADLINE);
  });
});

describe("HTTP validators", () => {
  it("answers If-None-Match with the current ETag with a bodiless 304", async () => {
    const get = siteWith();
    const first = await get(ARTICLE);
    const etag = first.headers.get("etag");
    expect(etag).toMatch(/^W\/".+\.ask"$/);
    await first.text();
    const again = await get(ARTICLE, { headers: { "if-none-match": etag as string } });
    expect(again.status).toBe(304);
    expect(again.headers.get("etag")).toBe(etag);
    expect(again.headers.get("cache-control")).toBe("private, no-cache");
    expect(await again.text()).toBe("");
  });

  it("answers an ETag from before a republish with the full new page", async () => {
    const get = siteWith({ versionMaxAgeMs: 0 });
    const first = await get(ARTICLE);
    const etag = first.headers.get("etag") as string;
    await first.text();
    await republish("Headline after the ETag");
    const again = await get(ARTICLE, { headers: { "if-none-match": etag } });
    expect(again.status).toBe(200);
    expect(again.headers.get("etag")).not.toBe(etag);
    expect(await again.text()).toContain("<h1>Headline after the ETag</h1>");
    await republish(HEADLINE);
  });

  it("marks HTML private and always revalidated, varying on the consent inputs", async () => {
    const res = await siteWith()(ARTICLE);
    expect(res.headers.get("cache-control")).toBe("private, no-cache");
    expect(res.headers.get("vary")).toBe("Cookie, Sec-GPC");
    expect(res.headers.get("x-edgewire-version")).toBeNull();
  });

  it("never stores a response that sets a cookie, and marks it no-store", async () => {
    const app = new Hono<AppEnv>();
    const cache = freshCache();
    app.use(consent(CONFIG.consent));
    app.use(httpPolicy());
    app.use(pageStore({ unavailable: renderUnavailable, cache }));
    let renders = 0;
    app.get("/cookie", (c) => {
      renders++;
      c.header("set-cookie", "a=b; Path=/");
      return c.html("<p>hi</p>");
    });
    for (let i = 0; i < 2; i++) {
      const res = await app.fetch(new Request("http://example.com/cookie"), env, createExecutionContext());
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(res.headers.get(CACHE_STATUS_HEADER)).toBeNull();
    }
    expect(renders).toBe(2);
    expect(await (await cache()).match("http://example.com/cookie?__variant=ask")).toBeUndefined();
  });
});

describe("KV failing", () => {
  it.each(["throw", "hang"] as const)("serves the last cached copy, marked stale, when KV reads %s", async (mode) => {
    const get = siteWith({ versionMaxAgeMs: 0 });
    await (await get(ARTICLE)).text();
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const started = Date.now();
    const res = await get(ARTICLE, { headers: { "cf-ray": "8f00test-LHR", cookie: "secret=1" } }, withKv(failingKv(mode)));
    expect(Date.now() - started).toBeLessThan(3000);
    expect(res.status).toBe(200);
    expect(res.headers.get("x-edgewire-stale")).toBe("kv-unavailable");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.text()).toContain(`<h1>${HEADLINE}</h1>`);
    expect(errors).toHaveBeenCalledTimes(1);
    const line = JSON.parse(errors.mock.calls[0]?.[0] as string);
    expect(line).toMatchObject({ level: "error", event: "kv.unavailable", ray: "8f00test-LHR", served: "stale" });
    expect(line.reason).toBe(mode === "throw" ? "error" : "timeout");
    expect(JSON.stringify(line)).not.toContain("secret");
  });

  it.each(["throw", "hang"] as const)("answers 503 with Retry-After when KV reads %s and no copy exists", async (mode) => {
    const get = siteWith({ versionMaxAgeMs: 0 });
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const res = await get(ARTICLE, { headers: { "cf-ray": "8f01test-LHR" } }, withKv(failingKv(mode)));
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("30");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.text()).toContain("<h1>Temporarily unavailable</h1>");
    expect(errors).toHaveBeenCalledTimes(1);
    expect(JSON.parse(errors.mock.calls[0]?.[0] as string)).toMatchObject({ event: "kv.unavailable", served: "503" });
  });

  it("serves the stale copy when only the page's own read fails after the version was read", async () => {
    const get = siteWith({ versionMaxAgeMs: 0 });
    await (await get(ARTICLE)).text();
    await republish("A newer headline KV cannot deliver");
    vi.spyOn(console, "error").mockImplementation(() => {});
    const res = await get(ARTICLE, {}, withKv(failingKv("throw", (key) => key.startsWith(KEYS.article("")))));
    expect(res.status).toBe(200);
    expect(res.headers.get("x-edgewire-stale")).toBe("kv-unavailable");
    expect(await res.text()).toContain(`<h1>${HEADLINE}</h1>`);
    await republish(HEADLINE);
  });

  it("does not bring back a removed article as the stale copy", async () => {
    const get = siteWith({ versionMaxAgeMs: 0 });
    await (await get(ARTICLE)).text();
    const record = (await env.CONTENT.get(KEYS.article(SLUG))) as string;
    const gone = JSON.stringify({ kind: "gone", removed: "2026-11-30T00:00:00Z" });
    const entry = { key: KEYS.article(SLUG), value: gone, kind: "gone" as const, hash: "gone" };
    const plan = { added: [], changed: [], unchanged: 0, removedArticles: [SLUG], staleKeys: [], deletes: [] };
    await applyPlan({ ...plan, puts: [entry], manifest: { version: 1, entries: {} } }, bindingStore(env.CONTENT));
    expect((await get(ARTICLE)).status).toBe(410);
    vi.spyOn(console, "error").mockImplementation(() => {});
    expect((await get(ARTICLE, {}, withKv(failingKv("throw")))).status).toBe(503);
    const restore = { ...entry, kind: "article" as const, value: record, hash: "restored" };
    await applyPlan({ ...plan, puts: [restore], manifest: { version: 1, entries: {} } }, bindingStore(env.CONTENT));
  });

  it("answers 503 through the wired Worker when KV throws and nothing is cached", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    vi.spyOn(env.CONTENT, "get").mockRejectedValue(new Error("down"));
    const res = await exports.default.fetch(new Request("http://example.com/articles/never-requested-before"));
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("30");
  });
});

describe("deploy identity", () => {
  it("never serves a page rendered under other configuration as fresh, from memory or the Cache API", async () => {
    const cache = freshCache();
    const get = siteWith({ cache });
    expect((await get(ARTICLE)).headers.get(CACHE_STATUS_HEADER)).toBe("MISS");
    expect((await get(ARTICLE)).headers.get(CACHE_STATUS_HEADER)).toBe("HIT");
    // The next deploy: the same code with SITE_NAME edited, sharing the Cache API with the one before.
    const renamed = { ...env, SITE_NAME: "Renamed Gazette" } as unknown as Env;
    const after = await siteWith({ cache }, parseConfig(renamed))(ARTICLE, {}, renamed);
    expect(after.headers.get(CACHE_STATUS_HEADER)).toBe("MISS");
    expect(await after.text()).toContain("Renamed Gazette");
  });

  it("carries a page's nonce slots with its Cache API copy, and scans again when they do not hold the placeholder", async () => {
    const cache = freshCache();
    expect((await siteWith({ cache })(ARTICLE)).headers.get(CACHE_STATUS_HEADER)).toBe("MISS");
    const key = cacheKeyFor("http://example.com", ARTICLE, "ask");
    const stored = (await (await cache()).match(key)) as Response;
    const bytes = new Uint8Array(await stored.clone().arrayBuffer());
    const slots = (stored.headers.get("x-edgewire-slots") ?? "").split(",").map(Number);
    expect(slots).toEqual(nonceSlots(bytes));
    expect(slots.length).toBeGreaterThanOrEqual(2);
    // Each page store is a new isolate's: its first read of the page is from the Cache API copy.
    const fromCopy = async () => {
      const res = await siteWith({ cache })(ARTICLE);
      expect(res.headers.get(CACHE_STATUS_HEADER)).toBe("HIT");
      const nonce = /'nonce-([^']+)'/.exec(res.headers.get("content-security-policy") ?? "")?.[1] as string;
      const html = await res.text();
      expect(html).not.toContain(NONCE_PLACEHOLDER);
      return html.split(`nonce="${nonce}"`).length - 1;
    };
    expect(await fromCopy()).toBe(slots.length);
    // A copy whose offsets are off (or missing) is scanned: the nonce still lands in every slot and nowhere else.
    for (const wrong of [slots.map((at) => at + 1).join(","), null]) {
      const headers = new Headers(stored.headers);
      if (wrong === null) headers.delete("x-edgewire-slots");
      else headers.set("x-edgewire-slots", wrong);
      await (await cache()).put(key, new Response(bytes, { headers }));
      expect(await fromCopy()).toBe(slots.length);
    }
  });

  it("never serves a page rendered by another Worker version as fresh", async () => {
    const cache = freshCache();
    const deployA = { ...env, CF_VERSION_METADATA: { id: "version-a", tag: "", timestamp: "" } };
    const deployB = { ...env, CF_VERSION_METADATA: { id: "version-b", tag: "", timestamp: "" } };
    // Two isolates (two page stores) sharing one Cache API, as two deploys do at one location.
    expect((await siteWith({ cache })(ARTICLE, {}, deployA)).headers.get(CACHE_STATUS_HEADER)).toBe("MISS");
    expect((await siteWith({ cache })(ARTICLE, {}, deployA)).headers.get(CACHE_STATUS_HEADER)).toBe("HIT");
    expect((await siteWith({ cache })(ARTICLE, {}, deployB)).headers.get(CACHE_STATUS_HEADER)).toBe("MISS");
  });
});

describe("unknown slugs", () => {
  it("cost one KV read per slug per content version, then none until the next publish", async () => {
    const get = siteWith();
    const reads = vi.spyOn(env.CONTENT, "get");
    const articleReads = () => reads.mock.calls.filter(([key]) => String(key) === KEYS.article("no-such-article")).length;
    expect((await get("/articles/no-such-article")).status).toBe(404);
    const second = await get("/articles/no-such-article");
    expect(second.status).toBe(404);
    expect(second.headers.get(CACHE_STATUS_HEADER)).toBe("HIT");
    expect(articleReads()).toBe(1);
    await republish(HEADLINE);
    const get2 = siteWith({ versionMaxAgeMs: 0 });
    expect((await get2("/articles/no-such-article")).status).toBe(404);
    expect(articleReads()).toBe(2);
  });

  it("keep a flood of distinct unknown slugs from evicting real pages or reading a slug twice", async () => {
    // 404 memory for about one page, so the second pass finds none of them there: only the data layer remembers.
    const get = siteWith({ notFoundBytes: 16 * 1024 });
    await (await get(ARTICLE)).text();
    const reads = vi.spyOn(env.CONTENT, "get");
    for (let i = 0; i < 100; i++) expect((await get(`/articles/missing-${i}`)).status).toBe(404);
    for (let i = 0; i < 100; i++) await get(`/articles/missing-${i}`);
    const articleKeys = reads.mock.calls.map(([key]) => String(key)).filter((key) => key.startsWith(KEYS.article("missing-")));
    expect(articleKeys).toHaveLength(100);
    expect((await get(ARTICLE)).headers.get(CACHE_STATUS_HEADER)).toBe("HIT");
  }, 30_000);
});

describe("KV circuit breaker", () => {
  it("stops waiting for a hanging KV after repeated timeouts and answers the stale copy at once", async () => {
    const get = siteWith({ versionMaxAgeMs: 0 });
    await (await get(ARTICLE)).text();
    vi.spyOn(console, "error").mockImplementation(() => {});
    const hanging = withKv(failingKv("hang"));
    for (let i = 0; i < KV_BREAKER_DEFAULTS.threshold; i++) expect((await get(ARTICLE, {}, hanging)).status).toBe(200);
    const started = Date.now();
    const res = await get(ARTICLE, {}, hanging);
    expect(Date.now() - started).toBeLessThan(KV_READ_TIMEOUT_MS / 3);
    expect(res.headers.get("x-edgewire-stale")).toBe("kv-unavailable");
    expect(await res.text()).toContain(`<h1>${HEADLINE}</h1>`);
  }, 20_000);

  it("answers 503 at once while open, and closes again after a good trial read", async () => {
    kvBreaker.reset({ openMs: 200 });
    const get = siteWith({ versionMaxAgeMs: 0 });
    vi.spyOn(console, "error").mockImplementation(() => {});
    const throwing = withKv(failingKv("throw"));
    for (let i = 0; i < KV_BREAKER_DEFAULTS.threshold; i++) await get("/articles/never-cached", {}, throwing);
    const reads = vi.spyOn(env.CONTENT, "get");
    const open = await get(ARTICLE);
    expect(open.status).toBe(503);
    expect(reads).not.toHaveBeenCalled();
    await new Promise((r) => setTimeout(r, 250));
    expect((await get(ARTICLE)).status).toBe(200);
    expect((await get(ARTICLE)).status).toBe(200);
  });
});

describe("one key per page", () => {
  it("normalizes a path once: unreserved escapes decoded, other escapes upper-cased", () => {
    expect(canonicalPath("/articles/%68arbourton%2dnews%7E")).toBe("/articles/harbourton-news~");
    expect(canonicalPath("/a%2fb%c3%bc")).toBe("/a%2Fb%C3%BC");
    expect(canonicalPath("/plain/path")).toBe("/plain/path");
  });

  it("stores only variants that are short tokens", () => {
    expect(["ask", "ask-gpc", "decided", "decided.fr.banner-b"].every(isStorableVariant)).toBe(true);
    expect(["", "x".repeat(65), "a b", "a/b", "ä"].some(isStorableVariant)).toBe(false);
  });

  it.each([
    [`/articles/%75s-led-air-strikes-block-daesh-fighters-in-syria`, ARTICLE],
    [`/articles/us%2Dled-air-strikes-block-daesh-fighters-in-syria?utm_source=x`, `${ARTICLE}?utm_source=x`],
    ["/section/a%2fb", "/section/a%2Fb"],
  ])("answers the alias %s with a 301 to its canonical URL", async (alias, canonical) => {
    const res = await siteWith()(alias);
    expect(res.status).toBe(301);
    expect(res.headers.get("location")).toBe(canonical);
  });

  it.each(["//evil.example/%61", "/\\/evil.example/%61", "///%5c"])(
    "never redirects %s to a path that starts with // (another host as a Location): it answers 404",
    async (path) => {
      const res = await siteWith()(path);
      expect(res.headers.get("location")).toBeNull();
      expect(res.status).toBe(404);
    },
  );

  it("shares one key between tracking parameters, cache busters and any page= value", async () => {
    const get = siteWith();
    const reads = vi.spyOn(env.CONTENT, "get");
    expect((await get(ARTICLE)).headers.get(CACHE_STATUS_HEADER)).toBe("MISS");
    for (const query of ["?utm_source=a", "?page=2", "?page=99999999999999999999", "?page=-1&fbclid=z", "?_=123"]) {
      expect((await get(`${ARTICLE}${query}`)).headers.get(CACHE_STATUS_HEADER), query).toBe("HIT");
    }
    expect(reads.mock.calls.filter(([key]) => String(key) === KEYS.article(SLUG))).toHaveLength(1);
  });

  it("serves but never stores a page under a variant that is not a short token", async () => {
    const app = new Hono<AppEnv>();
    const cache = freshCache();
    app.use(pageStore({ unavailable: renderUnavailable, cache, variant: (c) => c.req.header("x-variant") ?? "ask" }));
    let renders = 0;
    app.get("/page", (c) => c.html(`<p>${++renders}</p>`));
    for (let i = 0; i < 2; i++) {
      const res = await app.fetch(new Request("http://example.com/page", { headers: { "x-variant": "x".repeat(200) } }), env);
      expect(res.status).toBe(200);
    }
    expect(renders).toBe(2);
  });
});
