// HTTP policy on every response: Cache-Control and Vary by kind, and a bodiless 304 when the browser's ETag matches.
// It stores nothing; the page store inside it sets the ETag.
import type { MiddlewareHandler } from "hono";
import { replaceResponse } from "../context.ts";
import type { AppEnv } from "../env.ts";
import { cacheControlFor, ifNoneMatchHits, varyFor } from "./http.ts";

/** Present, with value `kv-unavailable`, on a stale copy served because KV failed. */
export const STALE_HEADER = "X-Edgewire-Stale";

/** A route that answers with its own `no-store` (a page about this reader alone) is never stored or shared. */
export function routeSaysNoStore(headers: Headers): boolean {
  return /\bno-store\b/i.test(headers.get("cache-control") ?? "");
}

/**
 * Sets Cache-Control and Vary for a response with these headers: the one statement of the policy, used by the
 * middleware and by the page store when it builds a stored page's complete header list once.
 */
export function applyHttpPolicy(headers: Headers, path: string, status: number): void {
  const contentType = headers.get("content-type");
  headers.set(
    "cache-control",
    cacheControlFor({
      path,
      status,
      contentType,
      setsCookie: headers.has("set-cookie"),
      routeNoStore: routeSaysNoStore(headers),
      stale: headers.has(STALE_HEADER),
    }),
  );
  const vary = varyFor(contentType, path);
  if (vary !== null) headers.set("vary", vary);
}

/** The policy middleware; see docs/caching.md. A response the page store finished completely is left as it is. */
export function httpPolicy(): MiddlewareHandler<AppEnv> {
  return async function httpPolicy(c, next) {
    await next();
    if (c.get("responseComplete") === true) return;
    const res = c.res;
    const headers = res.headers;
    applyHttpPolicy(headers, c.req.path, res.status);
    const etag = headers.get("etag");
    if (res.status === 200 && etag !== null && ifNoneMatchHits(c.req.header("if-none-match"), etag)) {
      // RFC 9110: a 304 carries the validators and caching headers, not the body or its type.
      await res.body?.cancel();
      const notModified = new Headers(headers);
      notModified.delete("content-type");
      notModified.delete("content-length");
      replaceResponse(c, new Response(null, { status: 304, headers: notModified }));
    }
  };
}
