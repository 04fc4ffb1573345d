// Atom feeds, sitemaps and robots.txt (routes/feeds.ts) over the sample articles.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { articlePath, EDGE_CACHING_SLUG, SAMPLE_SLUGS } from "../../support/fixtures.ts";
import { seed } from "../support/kv.ts";
import { get, send, getXml as xml } from "../support/request.ts";

const abs = (path: string) => new URL(path, env.SITE_URL).href;

beforeAll(async () => {
  await seed(env.CONTENT, "sample");
});

describe("site-wide Atom feed", () => {
  it("lists the latest articles newest first with title, link, id, dates, authors, category and summary", async () => {
    const feed = (await xml("/feed.xml", "application/atom+xml; charset=utf-8")).feed;
    expect(feed["@xmlns"]).toBe("http://www.w3.org/2005/Atom");
    expect(feed.title).toBe(env.SITE_NAME);
    expect(feed.id).toBe(abs("/feed.xml"));
    expect(feed.updated).toBe("2026-11-23T14:00:00.000Z");
    expect(feed.entry.map((e: { id: string }) => e.id)).toEqual(SAMPLE_SLUGS.map((s) => abs(articlePath(s))));
    const caching = feed.entry[5];
    expect(caching).toMatchObject({
      title: "Edge caching, explained in five minutes",
      link: { "@rel": "alternate", "@href": abs(articlePath(EDGE_CACHING_SLUG)) },
      published: "2026-11-05T12:00:00.000Z",
      updated: "2026-11-06T09:15:00.000Z",
      author: [{ name: "Edgewire Sample Desk" }, { name: "A. N. Example" }],
      category: { "@term": "technology", "@label": "Technology" },
    });
    expect(caching.summary).toMatch(/^Sample article: why a page served/);
    expect(feed.entry[1]["@xml:lang"]).toBe("ar");
  });
});

describe("feed and sitemap methods", () => {
  it.each(["/feed.xml", "/sitemap.xml", "/news-sitemap.xml", "/robots.txt"])(
    "answers HEAD for %s like GET, without a body",
    async (path) => {
      const head = await send(path, { method: "HEAD" });
      expect(head.status).toBe(200);
      expect(head.headers.get("content-type")).toBe((await get(path)).headers.get("content-type"));
      expect(await head.text()).toBe("");
    },
  );

  it("answers POST to a feed with 405", async () => {
    const res = await send("/feed.xml", { method: "POST" });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET, HEAD");
  });
});

describe("section feed", () => {
  it("holds only that section's articles", async () => {
    const feed = (await xml("/section/world/feed.xml", "application/atom+xml; charset=utf-8")).feed;
    expect(feed.entry.map((e: { title: string }) => e.title)).toEqual([
      "Harbourton council pilots a four-day week",
      "US-led air strikes block Daesh fighters in Syria",
    ]);
  });

  it.each(["/section/no-such-section/feed.xml", "/section/NOPE/feed.xml"])("answers %s with 404", async (path) => {
    expect((await get(path)).status).toBe(404);
  });
});

describe("sitemap.xml", () => {
  it("lists every article's canonical URL with its last modification in UTC", async () => {
    const urls = (await xml("/sitemap.xml", "application/xml; charset=utf-8")).urlset.url;
    expect(urls.map((u: { loc: string }) => u.loc)).toEqual(SAMPLE_SLUGS.map((s) => abs(articlePath(s))));
    expect(urls[5].lastmod).toBe("2026-11-06T09:15:00.000Z");
    expect(urls[7].lastmod).toBe("2017-08-30T14:00:00.000Z");
  });

  it("leaves the news sitemap empty when nothing is younger than 48 hours", async () => {
    const urlset = (await xml("/news-sitemap.xml", "application/xml; charset=utf-8")).urlset;
    expect(urlset["@xmlns:news"]).toBe("http://www.google.com/schemas/sitemap-news/0.9");
    expect(urlset.url).toBeUndefined();
  });
});

describe("robots.txt", () => {
  it("allows crawling and names both sitemaps by absolute URL", async () => {
    const res = await get("/robots.txt");
    expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toContain("User-agent: *\nAllow: /\n");
    expect(text).toContain(`Sitemap: ${abs("/sitemap.xml")}\n`);
    expect(text).toContain(`Sitemap: ${abs("/news-sitemap.xml")}\n`);
  });
});
