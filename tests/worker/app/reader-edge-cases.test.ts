// The whole Worker over the reader's edge cases (tests/fixtures/reader): hostile headline, bare and RTL articles.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { select, selectOne } from "../support/html.ts";
import { seed } from "../support/kv.ts";
import { get, getXml as xml } from "../support/request.ts";

const HEADLINE = "Tom & Jerry say \"<hi>\" 'there' </script><!-- 🚀 مرحبا بالعالم";
const HOSTILE = "/articles/hostile-headline";

beforeAll(async () => {
  await seed(env.CONTENT, "reader");
});

describe("a headline with &, <, quotes, a script end tag, a comment opener, emoji and Arabic", () => {
  it("renders as text in the heading and the title", async () => {
    const html = await (await get(HOSTILE)).text();
    expect((await selectOne(html, "h1")).text).toBe(HEADLINE);
    expect((await selectOne(html, "title")).text).toBe(`${HEADLINE} · ${env.SITE_NAME}`);
    expect(html).toContain("&lt;/script&gt;&lt;!-- 🚀");
  });

  it("stays inside its JSON-LD script and parses back to the exact headline, author and dates", async () => {
    const html = await (await get(HOSTILE)).text();
    const block = html.match(/<script type="application\/ld\+json"[^>]*>([\s\S]*?)<\/script>/)?.[1] ?? "";
    expect(block).not.toMatch(/[<>]/);
    expect(block).toContain("\\u003c/script\\u003e\\u003c!--");
    const data = JSON.parse(block);
    expect(data.headline).toBe(HEADLINE);
    expect(data.author).toEqual([{ "@type": "Person", name: "Zoë & Co <x>" }]);
    expect(data.datePublished).toBe("2026-01-12T10:00:00+04:00");
    expect(data.dateModified).toBe("2026-01-13T08:30:00Z");
  });

  it("is encoded in every share link", async () => {
    const html = await (await get(HOSTILE)).text();
    const x = (await selectOne(html, 'a[data-network="X"]')).attrs.href ?? "";
    expect(new URL(x).searchParams.get("text")).toBe(HEADLINE);
    const mail = (await selectOne(html, 'a[data-network="Email"]')).attrs.href ?? "";
    expect(decodeURIComponent(mail.slice("mailto:?subject=".length, mail.indexOf("&body=")))).toBe(HEADLINE);
  });

  it("keeps the site feed well-formed, with the headline, author and category as written", async () => {
    const feed = (await xml("/feed.xml")).feed;
    const entry = feed.entry.find((e: { id: string }) => e.id.endsWith(HOSTILE));
    expect(entry.title).toBe(HEADLINE);
    expect(entry.author.name).toBe("Zoë & Co <x>");
    expect(entry.category["@label"]).toBe("Reader Tests");
  });

  it("drops a control character XML cannot carry from the feed's summary and keeps the rest", async () => {
    const feed = (await xml("/section/reader-tests/feed.xml")).feed;
    const entry = feed.entry.find((e: { id: string }) => e.id.endsWith(HOSTILE));
    expect(entry.summary).toBe('A summary with & and < and "quotes", an emoji 🚀, Arabic مرحبا and a bell character.');
  });

  it("keeps the sitemaps well-formed", async () => {
    const sitemap = (await xml("/sitemap.xml")).urlset;
    expect(sitemap.url.map((u: { loc: string }) => u.loc)).toContain(new URL(HOSTILE, env.SITE_URL).href);
    await xml("/news-sitemap.xml");
  });
});

describe("an article without image, author, source or tags", () => {
  it("renders no empty or placeholder elements for them", async () => {
    const html = await (await get("/articles/bare-article")).text();
    const article = html.match(/<article[\s\S]*<\/article>/)?.[0] ?? "";
    expect(article).not.toMatch(/<figure|<img|class="source"|class="tags"|<nav|By /);
    expect(article).not.toMatch(/<(\w+)[^>]*><\/\1>/);
    expect((await selectOne(html, "article .meta")).text).toBe("11 January 2026 · Reader Tests");
    const data = JSON.parse((await selectOne(html, 'script[type="application/ld+json"]')).text);
    expect(Object.keys(data)).not.toEqual(expect.arrayContaining(["author", "image", "keywords"]));
  });
});

describe("related posts", () => {
  it("leave out a related article scheduled for later", async () => {
    const related = await select(await (await get(HOSTILE)).text(), ".related h3 a");
    expect(related.map((a) => a.attrs.href)).toEqual(["/articles/bare-article", "/articles/rtl-article"]);
  });

  it("are left out entirely, heading included, when none is visible yet", async () => {
    const html = await (await get("/articles/lonely-article")).text();
    expect(html).not.toContain('class="related"');
    expect(html).not.toContain("Related posts");
    expect(html).toContain('<p class="on-top">');
  });
});

describe("a right-to-left article", () => {
  it("marks the article right to left, and the page around it speaks the article's language (issue 14)", async () => {
    const html = await (await get("/articles/rtl-article")).text();
    expect(html).toMatch(/^<!doctype html><html lang="ar" dir="rtl">/);
    expect(html).toContain('<article lang="ar" dir="rtl">');
  });
});
