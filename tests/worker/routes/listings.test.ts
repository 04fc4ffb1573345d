// Paginated listings (routes/listings.tsx), the news sitemap and section feeds, over the generated "recent" articles.
import { env } from "cloudflare:workers";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { RECENT_COUNT, RECENT_STEP_HOURS, recentSlug } from "../../support/recent-fixture.ts";
import { select, selectOne } from "../support/html.ts";
import { seed } from "../support/kv.ts";
import { get } from "../support/request.ts";

const SITE = env.SITE_NAME;
const abs = (path: string) => new URL(path, env.SITE_URL).href;
const slugsOn = async (html: string) =>
  (await select(html, "ol.cards h2 a")).map((a) => a.attrs.href?.replace("/articles/", "") ?? "");
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => recentSlug(from + i));

beforeAll(async () => {
  // 23 articles 3, 6, … 69 hours old in section "Paging" with tag "Bulk", and one scheduled for tomorrow.
  await seed(env.CONTENT, "recent");
});

describe("paginated listings", () => {
  it.each([
    ["home", "/", "/page"],
    ["section", "/section/paging", "/section/paging/page"],
    ["tag", "/tag/bulk", "/tag/bulk/page"],
  ])("pages the %s listing newest first, ten to a page, hiding the scheduled article", async (_kind, first, rest) => {
    const pages = await Promise.all([first, `${rest}/2`, `${rest}/3`].map(async (p) => (await get(p)).text()));
    // The scheduled article takes a slot on page 1 of the stored listing, and stays hidden until its time.
    expect(await slugsOn(pages[0] ?? "")).toEqual(range(1, 9));
    expect(await slugsOn(pages[1] ?? "")).toEqual(range(10, 19));
    expect(await slugsOn(pages[2] ?? "")).toEqual(range(20, RECENT_COUNT));
  });

  it("gives each page its own title and canonical URL, page 1 at the bare URL", async () => {
    const cases = [
      ["/", `${SITE}: latest news`, "/", "Latest news"],
      ["/page/2", `Latest news, page 2 · ${SITE}`, "/page/2", "Latest news"],
      ["/section/paging", `Paging · ${SITE}`, "/section/paging", "Paging"],
      ["/section/paging/page/3", `Paging, page 3 · ${SITE}`, "/section/paging/page/3", "Paging"],
      ["/tag/bulk", `Tagged “Bulk” · ${SITE}`, "/tag/bulk", "Tagged “Bulk”"],
      ["/tag/bulk/page/2", `Tagged “Bulk”, page 2 · ${SITE}`, "/tag/bulk/page/2", "Tagged “Bulk”"],
    ];
    for (const [path, title, canonical, heading] of cases) {
      const html = await (await get(path ?? "")).text();
      expect((await selectOne(html, "title")).text, path).toBe(title);
      expect((await selectOne(html, 'link[rel="canonical"]')).attrs.href, path).toBe(abs(canonical ?? ""));
      expect((await selectOne(html, "h1")).text, path).toBe(heading);
    }
  });

  it("links newer and older pages, with neither beyond the ends", async () => {
    const nav = async (path: string) =>
      (await select(await (await get(path)).text(), "nav.pages a")).map((a) => [a.attrs.rel, a.attrs.href]);
    expect(await nav("/section/paging")).toEqual([["next", "/section/paging/page/2"]]);
    expect(await nav("/section/paging/page/2")).toEqual([
      ["prev", "/section/paging"],
      ["next", "/section/paging/page/3"],
    ]);
    expect(await nav("/section/paging/page/3")).toEqual([["prev", "/section/paging/page/2"]]);
    expect((await selectOne(await (await get("/page/2")).text(), "nav.pages span")).text).toBe("Page 2 of 3");
  });

  it.each(["/page/1", "/section/paging/page/1", "/tag/bulk/page/1"])("redirects %s to the bare URL", async (path) => {
    const res = await get(path);
    expect(res.status).toBe(301);
    expect(res.headers.get("location")).toBe(path.replace(/\/page\/1$/, "") || "/");
  });

  it.each([
    ["past the last page", "/page/4"],
    ["past the last section page", "/section/paging/page/4"],
    ["past the last tag page", "/tag/bulk/page/99"],
    ["zero", "/page/0"],
    ["negative", "/section/paging/page/-1"],
    ["not a number", "/tag/bulk/page/two"],
    ["a leading zero", "/page/02"],
    ["an exponent", "/page/1e1"],
    ["a huge number", "/page/99999999999999999999"],
    ["a fraction", "/page/2.0"],
    ["an unknown section", "/section/no-such-section"],
    ["an unknown tag", "/tag/no-such-tag"],
    ["a section slug that cannot be a slug", "/section/Paging"],
    ["an encoded tag slug", "/tag/%3Cb%3E"],
  ])("answers a page number or listing that is %s with the 404 page", async (_name, path) => {
    const res = await get(path);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("<h1>Page not found</h1>");
  });

  it("links each card's section to its section page", async () => {
    const links = await select(await (await get("/tag/bulk")).text(), "ol.cards .meta a");
    expect(new Set(links.map((a) => a.attrs.href))).toEqual(new Set(["/section/paging"]));
  });

  it("announces a section's feed on the section page", async () => {
    const html = await (await get("/section/paging/page/2")).text();
    const feeds = await select(html, 'link[rel="alternate"]');
    expect(feeds.map((f) => [f.attrs.type, f.attrs.href])).toEqual([
      ["application/atom+xml", "/feed.xml"],
      ["application/feed+json", "/feed.json"],
      ["application/atom+xml", "/section/paging/feed.xml"],
      ["application/feed+json", "/section/paging/feed.json"],
    ]);
  });
});

describe("Google News sitemap", () => {
  it("lists exactly the articles published in the last 48 hours with name, language, date and title", async () => {
    const res = await get("/news-sitemap.xml");
    expect(res.headers.get("content-type")).toBe("application/xml; charset=utf-8");
    const text = await res.text();
    expect(XMLValidator.validate(text)).toBe(true);
    const urls = new XMLParser({ htmlEntities: true, isArray: (name) => name === "url" }).parse(text).urlset.url;
    // Article i is i × 3 hours old when the fixture is written: 1…15 are inside 48 hours, 16 sits on the edge.
    const inside = Math.ceil(48 / RECENT_STEP_HOURS) - 1;
    expect(urls.map((u: { loc: string }) => u.loc)).toEqual(range(1, inside).map((s) => abs(`/articles/${s}`)));
    expect(urls[0]["news:news"]).toMatchObject({
      "news:publication": { "news:name": SITE, "news:language": "en" },
      "news:title": "Recent article 1",
    });
    expect(Date.parse(urls[0]["news:news"]["news:publication_date"])).toBeGreaterThan(Date.now() - 4 * 3_600_000);
  });
});

describe("section feed", () => {
  it("holds the section's latest published articles and links back to the section", async () => {
    const res = await get("/section/paging/feed.xml");
    expect(res.headers.get("content-type")).toBe("application/atom+xml; charset=utf-8");
    const feed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", htmlEntities: true }).parse(
      await res.text(),
    ).feed;
    expect(feed.title).toBe(`${SITE}: Paging`);
    expect(feed.entry.map((e: { id: string }) => e.id)).toEqual(range(1, 9).map((s) => abs(`/articles/${s}`)));
    expect(feed.link.map((l: Record<string, string>) => [l["@rel"], l["@href"]])).toEqual([
      ["self", abs("/section/paging/feed.xml")],
      ["alternate", abs("/section/paging")],
    ]);
  });
});
