// A KV value that passes the read schema's shape but carries a date that is not one: rendered without it, never a 500.
import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { KEYS } from "../../src/data/keys.ts";
import { seed } from "./support/kv.ts";

const SLUG = "us-led-air-strikes-block-daesh-fighters-in-syria";
const get = (path: string) => exports.default.fetch(new Request(`http://example.com${path}`));

beforeAll(async () => {
  await seed(env.CONTENT, "sample");
  const record = JSON.parse((await env.CONTENT.get(KEYS.article(SLUG))) as string);
  const badCard = { ...record.related[0], slug: "bad-card", published: "yesterday-ish" };
  await env.CONTENT.put(
    KEYS.article(SLUG),
    JSON.stringify({ ...record, updated: "not a date", related: [badCard, ...record.related] }),
  );
  // The home listing's head: one card's updated date bad, another's publication date (in its place, so page 1 shows it).
  const homeKey = KEYS.listing({ kind: "home" });
  const home = JSON.parse((await env.CONTENT.get(homeKey)) as string);
  home.items[0].updated = "banana";
  home.items[1] = { ...home.items[1], slug: "bad-published", published: "soon" };
  await env.CONTENT.put(homeKey, JSON.stringify(home));
  const sitemap = JSON.parse((await env.CONTENT.get(KEYS.sitemap)) as string);
  sitemap.entries[0].modified = "13/13/2026";
  sitemap.entries.push({ ...sitemap.entries[0], slug: "bad-sitemap-entry", published: "never" });
  await env.CONTENT.put(KEYS.sitemap, JSON.stringify(sitemap));
  await env.CONTENT.put(KEYS.version, "bad-dates");
});

describe("a bad date in KV", () => {
  it("renders the article without its bad updated date, leaving out a related card with a bad publication date", async () => {
    const res = await get(`/articles/${SLUG}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).not.toContain("not a date");
    expect(html).not.toContain("bad-card");
  });

  it.each(["/", "/feed.xml", "/sitemap.xml", "/news-sitemap.xml"])("keeps %s up, leaving the bad dates out", async (path) => {
    const res = await get(path);
    expect(res.status).toBe(200);
    const body = await res.text();
    for (const bad of ["banana", "bad-published", "13/13/2026", "bad-sitemap-entry"]) expect(body, path).not.toContain(bad);
  });
});
