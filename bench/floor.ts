// The bench's floors: a separate minimal Worker on the same workerd runtime (its own Miniflare, its own process), so
// the production bundle holds no bench routes. /constant answers the article page's bytes from memory; /kv makes
// exactly one KV read of a value that size (with the pages' cacheTtl) and returns it; /cache/<n> makes exactly one
// Cache API read of one of CACHE_PAGES stored copies of it (the page store's path when a page is not in memory).
import { convertV4MiniflareOptions, Miniflare } from "miniflare";

const FLOOR_WORKER = `
export default {
  async fetch(request, env) {
    const { pathname } = new URL(request.url);
    if (pathname === "/constant") return new Response(env.PAGE, { headers: { "content-type": "text/html; charset=UTF-8" } });
    if (pathname.startsWith("/cache/")) {
      const key = "https://floor.test" + pathname;
      if (request.method === "PUT") {
        await caches.default.put(key, new Response(env.PAGE, { headers: { "content-type": "text/html; charset=UTF-8", "cache-control": "public, max-age=86400" } }));
        return new Response(null, { status: 204 });
      }
      const hit = await caches.default.match(key);
      return hit ?? new Response("not stored", { status: 404 });
    }
    if (pathname === "/kv") {
      const value = await env.FLOOR_KV.get("floor", { type: "text", cacheTtl: 60 });
      return new Response(value, { headers: { "content-type": "text/html; charset=UTF-8" } });
    }
    return new Response("not found", { status: 404 });
  },
};
`;

/** How many distinct copies /cache/<n> reads in turn (the bench's 1,000 articles). */
export const CACHE_PAGES = 1000;

export type Floor = { url: string; dispose: () => Promise<void> };

/** Starts the floor Worker with `page` as its constant body, its KV value and `cachePages` Cache API copies. */
export async function startFloor(page: string, compatibilityDate: string, cachePages = CACHE_PAGES): Promise<Floor> {
  const worker = {
    name: "bench-floor",
    modules: true,
    script: FLOOR_WORKER,
    compatibilityDate,
    bindings: { PAGE: page },
    kvNamespaces: ["FLOOR_KV"],
  };
  // The same conversion tools/site.ts uses: Miniflare 5 takes v4-style options through it.
  const mf = new Miniflare(
    convertV4MiniflareOptions({ host: "127.0.0.1", port: 0, workers: [worker], cf: false, logRequests: false } as Parameters<
      typeof convertV4MiniflareOptions
    >[0]),
  );
  const url = (await mf.ready).toString().replace(/\/$/, "");
  await (await mf.getKVNamespace("FLOOR_KV")).put("floor", page);
  for (let n = 0; n < cachePages; n++) await (await fetch(`${url}/cache/${n}`, { method: "PUT" })).arrayBuffer();
  return { url, dispose: () => mf.dispose() };
}
