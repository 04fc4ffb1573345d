// Puts the site registry (sections for the header navigation, authors) on the context before a page renders.
import type { MiddlewareHandler } from "hono";
import { getSite } from "../data/store.ts";
import type { AppEnv } from "../env.ts";

/**
 * Reads `v1:site` once per rendered page. Mounted after the page cache, so a cached page costs no read; a KV failure
 * leaves the header without navigation rather than failing the page.
 */
export function siteRegistry(): MiddlewareHandler<AppEnv> {
  return async function siteRegistry(c, next) {
    c.set("site", null);
    // Pages only: files (feed.xml, robots.txt, /static/…) have a dot in their path; page paths never do.
    if ((c.req.method === "GET" || c.req.method === "HEAD") && !c.req.path.includes(".")) {
      c.set("site", await getSite(c.env.CONTENT, { version: c.get("contentVersion") }).catch(() => null));
    }
    await next();
  };
}
