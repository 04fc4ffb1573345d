// The page cache: rendered GET responses in the Cache API, keyed by URL and consent variant, checked against the content
// version; ETag/304 and Cache-Control on every response; a stale copy or a 503 when KV fails.
import type { Context, MiddlewareHandler } from "hono";
import { analyticsAllowed, type ConsentDecision } from "../consent/decision.ts";
import { rayOf, replaceResponse } from "../context.ts";
import { KvUnavailableError } from "../data/store.ts";
import type { AppEnv } from "../env.ts";
import { log } from "../log.ts";
import { nonceSlots, stampNonce } from "../render/nonce.ts";
import { contentVersions } from "./content-version.ts";
import { cacheControlFor, etagFor, ifNoneMatchHits, varyFor } from "./http.ts";
import { PageMemory, type StoredPage } from "./page-memory.ts";
import { type PageVariant, pageVariant, requestDecision } from "./variant.ts";

/** Response header naming how the page cache answered: HIT, MISS, BYPASS or STALE. */
export const CACHE_STATUS_HEADER = "X-Edgewire-Cache";
/** Present, with value `kv-unavailable`, on a stale copy served because KV failed. */
export const STALE_HEADER = "X-Edgewire-Stale";
/** Internal: the content version a stored copy was rendered from. Never sent to readers. */
const VERSION_HEADER = "X-Edgewire-Version";

export type PageCacheOptions = {
  /** How long this isolate trusts the content version it read (ms): the bound on seeing a republish. */
  versionMaxAgeMs?: number;
  /** How long the Cache API keeps a copy (s). Freshness comes from the version; this is also the stale fallback's reach. */
  storeTtl?: number;
  /** Query parameters that change a page; all others (utm_…, cache busters) are left out of the key. */
  queryParams?: readonly string[];
  /** Paths the cache does not store (they still get validators and Cache-Control). */
  skip?: (path: string) => boolean;
  /** Requests that skip the lookup and render: "no-lookup" still stores the copy, "no-store" leaves the caches alone. */
  bypass?: (c: Context<AppEnv>) => Bypass | null;
  /** Bytes of pages each isolate keeps in memory in front of the Cache API. */
  memoryBytes?: number;
  /** The request's consent decision. */
  decision?: (c: Context<AppEnv>) => ConsentDecision;
  /** The cache to use; `caches.default` unless a test gives its own. */
  cache?: () => Cache | Promise<Cache>;
  /** Retry-After on the 503 page when KV fails and no copy exists (s). */
  retryAfter?: number;
  /** The 503 page: rendered without KV. */
  unavailable: (c: Context<AppEnv>) => Response | Promise<Response>;
};

export type Bypass = "no-lookup" | "no-store";

export const PAGE_CACHE_DEFAULTS = {
  versionMaxAgeMs: 10_000,
  storeTtl: 86_400,
  queryParams: ["page"],
  skip: (path: string) => path.startsWith("/static/") || path.startsWith("/media/"),
  bypass: () => null,
  memoryBytes: 4 * 1024 * 1024,
  decision: requestDecision,
  cache: () => caches.default,
  retryAfter: 30,
} satisfies Omit<Required<PageCacheOptions>, "unavailable">;

/** The Cache API key for a URL and variant: path, the page-changing query parameters (sorted) and the variant. */
export function cacheKeyFor(url: string, variant: PageVariant, queryParams: readonly string[]): string {
  const u = new URL(url);
  // Concatenated, not resolved: a path such as "//x" must stay a path, never become another host.
  const key = new URL(u.origin + u.pathname);
  for (const name of [...queryParams].sort())
    for (const value of u.searchParams.getAll(name)) key.searchParams.append(name, value);
  key.searchParams.set("__variant", variant);
  return key.href;
}

/** The page cache middleware; see the README's Caching section. */
export function pageCache(options: PageCacheOptions): MiddlewareHandler<AppEnv> {
  const o = { ...PAGE_CACHE_DEFAULTS, ...options };
  const versions = contentVersions(o.versionMaxAgeMs);
  const memory = new PageMemory(o.memoryBytes);

  /** KV failed: the newest copy this isolate or the Cache API still has, marked stale, else the 503 page. */
  async function staleOr503(c: Context<AppEnv>, cache: Cache, key: string, err: KvUnavailableError): Promise<Response> {
    const inMemory = memory.get(key);
    if (inMemory) return staleCopy(c, inMemory.body, inMemory.headers, err);
    const stored = await cache.match(key);
    if (stored) return staleCopy(c, stored.body, stored.headers, err);
    return unavailable(c, err, o);
  }

  return async function pageCache(c, next) {
    const readable = c.req.method === "GET" || c.req.method === "HEAD";
    if (!readable || o.skip(c.req.path)) {
      await next();
      if (c.error instanceof KvUnavailableError) replaceResponse(c, await unavailable(c, c.error, o));
      else finish(c);
      return;
    }
    const decision = o.decision(c);
    const variant = pageVariant(decision);
    const cache = await o.cache();
    const key = cacheKeyFor(c.req.url, variant, o.queryParams);
    const bypass = o.bypass(c);

    let version: string;
    try {
      version = await versions.current(c.env.CONTENT);
    } catch (err) {
      if (!(err instanceof KvUnavailableError)) throw err;
      return staleOr503(c, cache, key, err);
    }
    const etag = etagFor(version, variant, analyticsAllowed(decision));
    let hadCopy = false;
    if (bypass === null) {
      const inMemory = memory.get(key);
      if (inMemory?.version === version) return answer(c, inMemory, etag, "HIT");
      const stored = await cache.match(key);
      hadCopy = inMemory !== undefined || stored !== undefined;
      if (stored?.headers.get(VERSION_HEADER) === version) {
        const page = await toPage(stored, version);
        memory.set(key, page);
        return answer(c, page, etag, "HIT");
      }
      await stored?.body?.cancel();
    }

    await next();
    if (c.error instanceof KvUnavailableError) {
      replaceResponse(c, await staleOr503(c, cache, key, c.error));
      return;
    }
    const res = c.res;
    if (res.status !== 200 || res.headers.has("set-cookie") || routeSaysNoStore(res.headers) || c.error !== undefined) {
      // A page that is now gone must not come back as the stale fallback.
      if (hadCopy && (res.status === 404 || res.status === 410)) {
        memory.delete(key);
        await waitUntil(c, cache.delete(key));
      }
      finish(c);
      return;
    }
    const page = await toPage(res, version);
    if (bypass !== "no-store") {
      memory.set(key, page);
      const headers = new Headers(page.headers);
      headers.set(VERSION_HEADER, version);
      headers.set("cache-control", `public, max-age=${o.storeTtl}`);
      const put = cache.put(key, new Response(page.body, { status: 200, headers })).catch((err: unknown) => {
        log("error", "cache.put_failed", { message: String(err) });
      });
      await waitUntil(c, put);
    }
    replaceResponse(c, answer(c, page, etag, bypass === null ? "MISS" : "BYPASS"));
  };
}

/** Reads a response into the form the cache keeps: bytes plus the route's headers, minus caching and cookies. */
async function toPage(res: Response, version: string): Promise<StoredPage> {
  const body = new Uint8Array(await res.arrayBuffer());
  const headers: [string, string][] = [];
  for (const [k, v] of res.headers) {
    if (!DROPPED_HEADERS.has(k)) headers.push([k, v]);
  }
  return { version, body, slots: nonceSlots(body), headers };
}
const DROPPED_HEADERS = new Set([
  "cache-control",
  "set-cookie",
  "age",
  "cf-cache-status",
  "date",
  "content-length",
  "x-edgewire-version",
]);

/** The reader's response from a page's bytes: validators, policy, and 304 when the browser already has it. */
function answer(c: Context<AppEnv>, page: StoredPage, etag: string, status: "HIT" | "MISS" | "BYPASS"): Response {
  const headers = new Headers(page.headers);
  headers.set("etag", etag);
  headers.set(CACHE_STATUS_HEADER, status);
  setPolicy(c, headers, 200);
  if (ifNoneMatchHits(c.req.header("if-none-match"), etag)) {
    // RFC 9110: a 304 carries the validators and caching headers, not the body or its type.
    headers.delete("content-type");
    return new Response(null, { status: 304, headers });
  }
  // This response's CSP nonce goes straight into the kept bytes; the analytics rewriter then leaves them alone.
  const nonce = c.get("secureHeadersNonce");
  const stamped = nonce === undefined ? null : stampNonce(page.body, page.slots, nonce);
  if (stamped !== null) c.set("nonceStamped", true);
  return new Response(stamped ?? page.body, { status: 200, headers });
}

function staleCopy(c: Context<AppEnv>, body: BodyInit | null, stored: HeadersInit, err: KvUnavailableError): Response {
  logKvUnavailable(c, err, "stale");
  const headers = new Headers(stored);
  headers.delete(VERSION_HEADER);
  headers.set(CACHE_STATUS_HEADER, "STALE");
  headers.set(STALE_HEADER, "kv-unavailable");
  headers.set("cache-control", "no-store");
  return new Response(body, { status: 200, headers });
}

async function unavailable(
  c: Context<AppEnv>,
  err: KvUnavailableError,
  o: { retryAfter: number; unavailable: PageCacheOptions["unavailable"] },
): Promise<Response> {
  logKvUnavailable(c, err, "503");
  const res = await o.unavailable(c);
  const headers = new Headers(res.headers);
  headers.set("retry-after", String(o.retryAfter));
  headers.set("cache-control", "no-store");
  return new Response(res.body, { status: 503, headers });
}

/** One structured line: the request id and what failed, nothing about the reader. */
function logKvUnavailable(c: Context<AppEnv>, err: KvUnavailableError, served: "stale" | "503") {
  log("error", "kv.unavailable", { ray: rayOf(c), path: c.req.path, key: err.key, reason: err.reason, served });
}

/** Policy headers on a response the cache did not store (errors, redirects, cookie-setting answers, other methods). */
function finish(c: Context<AppEnv>) {
  const res = new Response(c.res.body, c.res);
  setPolicy(c, res.headers, res.status);
  replaceResponse(c, res);
}

/** A route that answers with its own `no-store` (a page about this reader alone) is never stored or shared. */
function routeSaysNoStore(headers: Headers): boolean {
  return /\bno-store\b/i.test(headers.get("cache-control") ?? "");
}

function setPolicy(c: Context<AppEnv>, headers: Headers, status: number) {
  const contentType = headers.get("content-type");
  const policy = {
    path: c.req.path,
    status,
    contentType,
    setsCookie: headers.has("set-cookie"),
    routeNoStore: routeSaysNoStore(headers),
  };
  headers.set("cache-control", cacheControlFor(policy));
  const vary = varyFor(contentType);
  if (vary !== null) headers.set("vary", vary);
}

/** Lets the work finish after the response is sent; without an execution context (a bare app.fetch), waits for it. */
async function waitUntil(c: Context<AppEnv>, promise: Promise<unknown>) {
  let ctx: Pick<ExecutionContext, "waitUntil">;
  try {
    ctx = c.executionCtx;
  } catch {
    await promise;
    return;
  }
  ctx.waitUntil(promise);
}
