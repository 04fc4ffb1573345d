// The page cache: rendered GET responses in the Cache API, keyed by URL and consent variant, checked against the content
// version; ETag/304 and Cache-Control on every response; a stale copy or a 503 when KV fails.
import type { Context, MiddlewareHandler } from "hono";
import { analyticsAllowed, type ConsentDecision } from "../consent/decision.ts";
import { KvUnavailableError } from "../data/store.ts";
import type { AppEnv } from "../env.ts";
import { contentVersions } from "./content-version.ts";
import { cacheControlFor, etagFor, ifNoneMatchHits, varyFor } from "./http.ts";
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
  /** Requests that skip the lookup and render (the copy is still stored). */
  bypass?: (c: Context<AppEnv>) => boolean;
  /** The request's consent decision. */
  decision?: (c: Context<AppEnv>) => ConsentDecision;
  /** The cache to use; `caches.default` unless a test gives its own. */
  cache?: () => Cache | Promise<Cache>;
  /** Retry-After on the 503 page when KV fails and no copy exists (s). */
  retryAfter?: number;
  /** The 503 page: rendered without KV. */
  unavailable: (c: Context<AppEnv>) => Response | Promise<Response>;
};

export const PAGE_CACHE_DEFAULTS = {
  versionMaxAgeMs: 10_000,
  storeTtl: 86_400,
  queryParams: ["page"],
  skip: (path: string) => path.startsWith("/static/"),
  bypass: () => false,
  decision: requestDecision,
  cache: () => caches.default,
  retryAfter: 30,
} satisfies Omit<Required<PageCacheOptions>, "unavailable">;

/** The Cache API key for a URL and variant: path, the page-changing query parameters (sorted) and the variant. */
export function cacheKeyFor(url: string, variant: PageVariant, queryParams: readonly string[]): string {
  const u = new URL(url);
  const key = new URL(u.pathname, u.origin);
  for (const name of [...queryParams].sort())
    for (const value of u.searchParams.getAll(name)) key.searchParams.append(name, value);
  key.searchParams.set("__variant", variant);
  return key.href;
}

/** The page cache middleware; see the README's Caching section. */
export function pageCache(options: PageCacheOptions): MiddlewareHandler<AppEnv> {
  const o = { ...PAGE_CACHE_DEFAULTS, ...options };
  const versions = contentVersions(o.versionMaxAgeMs);

  return async function pageCache(c, next) {
    const readable = c.req.method === "GET" || c.req.method === "HEAD";
    if (!readable || o.skip(c.req.path)) {
      await next();
      if (c.error instanceof KvUnavailableError) replace(c, await unavailable(c, c.error, o));
      else finish(c);
      return;
    }
    const decision = o.decision(c);
    const variant = pageVariant(decision);
    const cache = await o.cache();
    const key = cacheKeyFor(c.req.url, variant, o.queryParams);
    const bypass = o.bypass(c);
    const stored = bypass ? undefined : await cache.match(key);

    let version: string;
    try {
      version = await versions.current(c.env.CONTENT);
    } catch (err) {
      if (!(err instanceof KvUnavailableError)) throw err;
      return stored ? staleCopy(c, stored, err) : unavailable(c, err, o);
    }
    const etag = etagFor(version, variant, analyticsAllowed(decision));
    if (stored && stored.headers.get(VERSION_HEADER) === version) return fromStore(c, stored, etag, "HIT");

    await next();
    if (c.error instanceof KvUnavailableError) {
      replace(c, stored ? staleCopy(c, stored, c.error) : await unavailable(c, c.error, o));
      return;
    }
    await stored?.body?.cancel();
    const res = c.res;
    if (res.status !== 200 || res.headers.has("set-cookie") || c.error !== undefined) {
      // A page that is now gone must not come back as the stale fallback.
      if (stored && (res.status === 404 || res.status === 410)) await waitUntil(c, cache.delete(key));
      finish(c);
      return;
    }
    const body = await res.arrayBuffer();
    const headers = new Headers(res.headers);
    headers.delete("cache-control");
    headers.set(VERSION_HEADER, version);
    headers.set("cache-control", `public, max-age=${o.storeTtl}`);
    const put = cache.put(key, new Response(body, { status: 200, headers })).catch((err: unknown) => {
      console.error(JSON.stringify({ level: "error", event: "cache.put_failed", message: String(err) }));
    });
    await waitUntil(c, put);
    replace(c, fromStore(c, new Response(body, res), etag, bypass ? "BYPASS" : "MISS"));
  };
}

/** A response for the reader from a stored or fresh body: validators, policy, and 304 when the browser has it. */
function fromStore(c: Context<AppEnv>, stored: Response, etag: string, status: "HIT" | "MISS" | "BYPASS"): Response {
  const headers = new Headers(stored.headers);
  headers.delete(VERSION_HEADER);
  headers.set("etag", etag);
  headers.set(CACHE_STATUS_HEADER, status);
  setPolicy(c, headers, 200);
  if (ifNoneMatchHits(c.req.header("if-none-match"), etag)) {
    stored.body?.cancel();
    // RFC 9110: a 304 carries the validators and caching headers, not the body or its type and length.
    headers.delete("content-type");
    headers.delete("content-length");
    return new Response(null, { status: 304, headers });
  }
  return new Response(stored.body, { status: 200, headers });
}

function staleCopy(c: Context<AppEnv>, stored: Response, err: KvUnavailableError): Response {
  logKvUnavailable(c, err, "stale");
  const headers = new Headers(stored.headers);
  headers.delete(VERSION_HEADER);
  headers.set(CACHE_STATUS_HEADER, "STALE");
  headers.set(STALE_HEADER, "kv-unavailable");
  headers.set("cache-control", "no-store");
  return new Response(stored.body, { status: 200, headers });
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
  console.error(
    JSON.stringify({
      level: "error",
      event: "kv.unavailable",
      ray: c.req.header("cf-ray") ?? null,
      path: c.req.path,
      key: err.key,
      reason: err.reason,
      served,
    }),
  );
}

/** Policy headers on a response the cache did not store (errors, redirects, cookie-setting answers, other methods). */
function finish(c: Context<AppEnv>) {
  const res = new Response(c.res.body, c.res);
  setPolicy(c, res.headers, res.status);
  replace(c, res);
}

function setPolicy(c: Context<AppEnv>, headers: Headers, status: number) {
  const contentType = headers.get("content-type");
  headers.set("cache-control", cacheControlFor({ path: c.req.path, status, contentType, setsCookie: headers.has("set-cookie") }));
  const vary = varyFor(contentType);
  if (vary !== null) headers.set("vary", vary);
}

/** Hono merges the old response's headers into a new one; clearing first makes the replacement exact. */
function replace(c: Context<AppEnv>, res: Response) {
  c.res = undefined as unknown as Response;
  c.res = res;
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
