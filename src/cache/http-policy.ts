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

/** The policy middleware; see docs/caching.md. */
export function httpPolicy(): MiddlewareHandler<AppEnv> {
  return async function httpPolicy(c, next) {
    await next();
    const res = c.res;
    const headers = res.headers;
    const contentType = headers.get("content-type");
    headers.set(
      "cache-control",
      cacheControlFor({
        path: c.req.path,
        status: res.status,
        contentType,
        setsCookie: headers.has("set-cookie"),
        routeNoStore: routeSaysNoStore(headers),
        stale: headers.has(STALE_HEADER),
      }),
    );
    const vary = varyFor(contentType, c.req.path);
    if (vary !== null) headers.set("vary", vary);
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
