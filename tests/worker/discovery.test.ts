import { env, exports } from "cloudflare:workers";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { FAVICON_PATH, STATIC_ASSETS } from "../../src/static/assets.ts";
import { select } from "./support/html.ts";
import { seed } from "./support/kv.ts";

const get = (path: string) => exports.default.fetch(new Request(`http://example.com${path}`, { redirect: "manual" }));
const abs = (path: string) => new URL(path, env.SITE_URL).href;
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  htmlEntities: true,
  isArray: (n) => n === "entry" || n === "url",
});
const SEED_SLUGS = [
  "harbourton-council-pilots-a-four-day-week",
  "harbourton-weekly-market-returns",
  "harbourton-tide-gauge-records-the-years-highest-water",
  "privacy-by-default-what-a-cookie-banner-should-promise",
  "harbourton-library-tries-night-opening-hours",
  "edge-caching-explained-in-five-minutes",
  "harbourton-opens-its-first-solar-ferry-line",
  "us-led-air-strikes-block-daesh-fighters-in-syria",
];

async function xml(path: string, type: string) {
  const res = await get(path);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe(type);
  const text = await res.text();
  expect(text.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
  expect(XMLValidator.validate(text)).toBe(true);
  return parser.parse(text);
}

beforeAll(async () => {
  await seed(env.CONTENT, "seed");
});

describe("site-wide Atom feed", () => {
  it("lists the latest articles newest first with title, link, id, dates, authors, category and summary", async () => {
    const feed = (await xml("/feed.xml", "application/atom+xml; charset=utf-8")).feed;
    expect(feed["@xmlns"]).toBe("http://www.w3.org/2005/Atom");
    expect(feed.title).toBe("Edgewire");
    expect(feed.id).toBe(abs("/feed.xml"));
    expect(feed.updated).toBe("2026-11-23T14:00:00.000Z");
    expect(feed.entry.map((e: { id: string }) => e.id)).toEqual(SEED_SLUGS.map((s) => abs(`/articles/${s}`)));
    const caching = feed.entry[5];
    expect(caching).toMatchObject({
      title: "Edge caching, explained in five minutes",
      link: { "@rel": "alternate", "@href": abs("/articles/edge-caching-explained-in-five-minutes") },
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
      const head = await exports.default.fetch(new Request(`http://example.com${path}`, { method: "HEAD" }));
      expect(head.status).toBe(200);
      expect(head.headers.get("content-type")).toBe((await get(path)).headers.get("content-type"));
      expect(await head.text()).toBe("");
    },
  );

  it("answers POST to a feed with 405", async () => {
    const res = await exports.default.fetch(new Request("http://example.com/feed.xml", { method: "POST" }));
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
    expect(urls.map((u: { loc: string }) => u.loc)).toEqual(SEED_SLUGS.map((s) => abs(`/articles/${s}`)));
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

describe("static assets", () => {
  it("serves the sample article's SVG image as well-formed SVG", async () => {
    const res = await get("/static/sample-tide-gauge.svg");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/svg+xml");
    const text = await res.text();
    expect(XMLValidator.validate(text)).toBe(true);
    expect(text).toContain('viewBox="0 0 640 360"');
  });

  it("names fingerprinted assets after the SHA-256 of their content", async () => {
    for (const [name, asset] of Object.entries(STATIC_ASSETS)) {
      const fingerprint = name.match(/-([0-9a-f]{8})\.\w+$/)?.[1];
      if (fingerprint === undefined) continue;
      const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(asset.body)));
      const hex = [...digest].map((b) => b.toString(16).padStart(2, "0")).join("");
      expect(hex.slice(0, 8), name).toBe(fingerprint);
    }
    expect(FAVICON_PATH).toMatch(/^\/static\/favicon-[0-9a-f]{8}\.svg$/);
  });

  it("links the favicon from every page and sends /favicon.ico to it", async () => {
    const icons = await select(await (await get("/")).text(), 'link[rel="icon"]');
    expect(icons.map((i) => i.attrs.href)).toEqual([FAVICON_PATH]);
    expect((await get(FAVICON_PATH)).status).toBe(200);
    const ico = await get("/favicon.ico");
    expect(ico.status).toBe(301);
    expect(ico.headers.get("location")).toBe(FAVICON_PATH);
  });

  it.each(["/static/nope.svg", "/static/__proto__", "/static/constructor"])("answers %s with 404", async (path) => {
    expect((await get(path)).status).toBe(404);
  });
});
