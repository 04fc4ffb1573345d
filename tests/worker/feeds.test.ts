import { env, exports } from "cloudflare:workers";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import * as v from "valibot";
import { beforeAll, describe, expect, it } from "vitest";
import { select, selectOne } from "./support/html.ts";
import { JsonFeedSchema } from "./support/json-feed.ts";
import { seed } from "./support/kv.ts";

const get = (path: string) => exports.default.fetch(new Request(`http://example.com${path}`, { redirect: "manual" }));
const abs = (path: string) => new URL(path, env.SITE_URL).href;
const ORIGIN = new URL(env.SITE_URL).origin;
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  htmlEntities: true,
  isArray: (n) => n === "entry" || n === "author" || n === "link",
});
const KEEPER = "published-zephyrquill";

type AtomEntry = { id: string; title: string; updated: string; content: { "#text": string; "@type": string } };

/** An Atom feed checked against RFC 4287's musts: id, title, updated on the feed and on each entry; an author. */
async function atom(path: string) {
  const res = await get(path);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("application/atom+xml; charset=utf-8");
  const text = await res.text();
  expect(XMLValidator.validate(text)).toBe(true);
  const feed = parser.parse(text).feed;
  expect(feed["@xmlns"]).toBe("http://www.w3.org/2005/Atom");
  for (const field of ["id", "title", "updated"]) expect(feed[field], field).toBeTruthy();
  expect(feed.author?.[0]?.name).toBeTruthy();
  for (const entry of feed.entry ?? []) {
    for (const field of ["id", "title", "updated"]) expect(entry[field], field).toBeTruthy();
    expect(entry.content["@type"]).toBe("html");
  }
  return feed as { title: string; entry?: AtomEntry[]; link: { "@rel": string; "@href": string }[] };
}

async function jsonFeed(path: string) {
  const res = await get(path);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("application/feed+json; charset=utf-8");
  const result = v.safeParse(JsonFeedSchema, JSON.parse(await res.text()));
  if (!result.success) throw new Error(`${path}: ${v.summarize(result.issues)}`);
  return result.output;
}

beforeAll(async () => {
  await seed(env.CONTENT, "search");
});

describe("Atom feeds with full bodies", () => {
  it("carry each article's full sanitized body as content type html, links made absolute", async () => {
    const feed = await atom("/tag/lighthouses/feed.xml");
    const entry = feed.entry?.find((e) => e.id === abs(`/articles/${KEEPER}`));
    const body = entry?.content["#text"] ?? "";
    expect(body).toContain("<strong>zephyrquill</strong> lighthouse is retiring");
    expect(body).toContain(`href="${ORIGIN}/articles/convoy-report"`);
    expect(body).toContain(`src="${ORIGIN}/static/sample-1.svg"`);
    expect(body).not.toContain("<script");
  });

  it.each([
    ["section", "/section/search-tests/feed.xml", "Edgewire: Search Tests"],
    ["tag", "/tag/lighthouses/feed.xml", "Edgewire: Lighthouses"],
    ["author", "/author/zoe-bronte/feed.xml", "Edgewire: Zoë Brontë"],
  ])("exist per %s, with a self link, a link to its page and the newest of its articles", async (_, path, title) => {
    const feed = await atom(path);
    expect(feed.title).toBe(title);
    expect(feed.link.find((l) => l["@rel"] === "self")?.["@href"]).toBe(abs(path));
    // The HTML page the feed follows: the section, tag or author page, which answers 200.
    const page = path.replace(/\/feed\.xml$/, "");
    expect(feed.link.find((l) => l["@rel"] === "alternate")?.["@href"]).toBe(abs(page));
    expect((await get(page)).status).toBe(200);
    const newest = path.startsWith("/section") ? "tide-table-12" : KEEPER;
    expect(feed.entry?.[0]?.id).toBe(abs(`/articles/${newest}`));
  });

  it("hold the site's newest ten articles, of which a scheduled one stays hidden", async () => {
    const feed = await atom("/feed.xml");
    expect(feed.entry?.map((e) => e.id.replace(abs("/articles/"), ""))).toEqual([
      "harbourton-weekly-market-returns",
      ...Array.from({ length: 8 }, (_, i) => `tide-table-${String(12 - i).padStart(2, "0")}`),
    ]);
  });

  it("leave out scheduled articles", async () => {
    const feed = await atom("/section/search-tests/feed.xml");
    expect(feed.entry?.map((e) => e.id)).not.toContain(abs("/articles/scheduled-zephyrquill"));
  });

  it.each(["/section/nope/feed.xml", "/tag/nope/feed.json", "/author/nobody/feed.xml", "/author/Bad_Slug/feed.json"])(
    "answer %s, which has no articles, with 404",
    async (path) => {
      expect((await get(path)).status).toBe(404);
    },
  );
});

describe("JSON Feed 1.1 beside each Atom feed", () => {
  it.each(["/feed.json", "/section/search-tests/feed.json", "/tag/lighthouses/feed.json", "/author/zoe-bronte/feed.json"])(
    "%s is valid JSON Feed 1.1 and holds the same articles as its Atom feed",
    async (path) => {
      const json = await jsonFeed(path);
      const feed = await atom(path.replace(/\.json$/, ".xml"));
      expect(json.items.map((i) => i.id)).toEqual(feed.entry?.map((e) => e.id));
      expect(json.feed_url).toBe(abs(path));
    },
  );

  it("carries the full body, dates, authors and tags of an article", async () => {
    const item = (await jsonFeed("/author/zoe-bronte/feed.json")).items.find((i) => i.url === abs(`/articles/${KEEPER}`));
    expect(item).toMatchObject({
      title: "Zephyrquill lighthouse keeper retires",
      date_published: "2021-03-04T10:00:00.000Z",
      authors: [{ name: "Zoë Brontë" }],
      tags: ["Search Tests", "Lighthouses"],
      language: "en",
    });
    expect(item?.content_html).toContain("<strong>zephyrquill</strong>");
  });

  it("escapes < in the JSON text itself", async () => {
    const text = await (await get("/tag/lighthouses/feed.json")).text();
    expect(text).not.toContain("<");
    expect(text).toContain("\\u003cstrong>");
  });
});

describe("feed discovery", () => {
  it("announces the site's Atom and JSON feeds on the home page", async () => {
    const links = await select(await (await get("/")).text(), 'link[rel="alternate"]');
    expect(links.map((l) => [l.attrs.type, l.attrs.href])).toEqual([
      ["application/atom+xml", "/feed.xml"],
      ["application/feed+json", "/feed.json"],
    ]);
  });

  it("announces a tag's feeds on the tag page and links them in the page", async () => {
    const html = await (await get("/tag/lighthouses")).text();
    const links = await select(html, 'link[rel="alternate"]');
    expect(links.map((l) => l.attrs.href)).toEqual([
      "/feed.xml",
      "/feed.json",
      "/tag/lighthouses/feed.xml",
      "/tag/lighthouses/feed.json",
    ]);
    expect((await selectOne(html, 'main a[href="/tag/lighthouses/feed.json"]')).text).toBe("JSON Feed");
  });
});
