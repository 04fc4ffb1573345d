// The article page's markup (render/article.tsx and its parts) as the Worker serves it for the sample articles.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { AIR_STRIKES_SLUG, articlePath, EDGE_CACHING_SLUG, SOLAR_FERRY_SLUG, TIDE_GAUGE_SLUG } from "../../support/fixtures.ts";
import { select, selectOne } from "../support/html.ts";
import { seed } from "../support/kv.ts";
import { page } from "../support/request.ts";

const TIDE = articlePath(TIDE_GAUGE_SLUG);
const TIDE_HEADLINE = "Harbourton tide gauge records the year's highest water";
const CACHING = articlePath(EDGE_CACHING_SLUG);
const SEED = articlePath(AIR_STRIKES_SLUG);
const canonicalOf = (path: string) => new URL(path, env.SITE_URL).href;

beforeAll(async () => {
  await seed(env.CONTENT, "sample");
});

describe("article page anatomy", () => {
  it("shows the published and updated dates and times in the site's time zone, every author and the section linked to its section page", async () => {
    const html = await page(CACHING);
    const meta = await selectOne(html, "article header .meta");
    expect(meta.text).toBe(
      "5 November 2026, 12:00 GMT · Updated 6 November 2026, 09:15 GMT · By Edgewire Sample Desk, A. N. Example · Technology",
    );
    expect(html).toContain('<time datetime="2026-11-06T09:15:00Z">6 November 2026, 09:15 GMT</time>');
    expect((await selectOne(html, 'article header .meta a[href^="/section/"]')).attrs.href).toBe("/section/technology");
  });

  it("links every byline to the author's page", async () => {
    const html = await page(CACHING);
    const bylines = await select(html, 'article header .meta a[rel="author"]');
    expect(bylines.map((a) => [a.text, a.attrs.href])).toEqual([
      ["Edgewire Sample Desk", "/author/edgewire-sample-desk"],
      ["A. N. Example", "/author/a-n-example"],
    ]);
  });

  it("links every tag to its tag page", async () => {
    const tags = await select(await page(TIDE), "ul.tags a");
    expect(tags.map((t) => [t.text, t.attrs.href])).toEqual([
      ["Harbourton", "/tag/harbourton"],
      ["Weather", "/tag/weather"],
      ["Climate", "/tag/climate"],
    ]);
  });

  it("renders the image with its alt text, width and height", async () => {
    const img = await selectOne(await page(TIDE), "article figure img");
    expect(img.attrs).toMatchObject({
      src: "/static/sample-tide-gauge.svg",
      alt: "A simple drawing of a tide gauge post with water marks",
      width: "640",
      height: "360",
    });
  });

  it("links the source when it has a URL and names it plainly when it has none", async () => {
    const linked = await selectOne(await page(CACHING), "p.source a");
    expect(linked).toEqual({ attrs: { href: "https://example.com/handbook" }, text: "Edgewire Handbook" });
    const plain = await page(SEED);
    expect(plain).toContain('<p class="source">Source: gulfnews</p>');
  });

  it("offers six share links built from the encoded canonical URL and headline", async () => {
    const links = await select(await page(TIDE), ".share-links a");
    const u = encodeURIComponent(canonicalOf(TIDE));
    const t = encodeURIComponent(TIDE_HEADLINE);
    expect(links.map((l) => [l.text, l.attrs.href])).toEqual([
      ["Share on X", `https://x.com/intent/post?url=${u}&text=${t}`],
      ["Share on Facebook", `https://www.facebook.com/sharer/sharer.php?u=${u}`],
      ["Share on LinkedIn", `https://www.linkedin.com/sharing/share-offsite/?url=${u}`],
      ["Share on WhatsApp", `https://wa.me/?text=${t}%20${u}`],
      ["Share on Telegram", `https://t.me/share/url?url=${u}&text=${t}`],
      ["Share on Email", `mailto:?subject=${t}&body=${u}`],
    ]);
    expect(await selectOne(await page(TIDE), ".share h2")).toMatchObject({ text: "Share This Post" });
  });

  it("gives a labelled read-only field holding the canonical URL to copy", async () => {
    const html = await page(TIDE);
    const input = await selectOne(html, ".copy-link input");
    expect(input.attrs).toMatchObject({ id: "share-url", readonly: "", value: canonicalOf(TIDE) });
    expect(await selectOne(html, ".copy-link label")).toEqual({ attrs: { for: "share-url" }, text: "Link to this post" });
  });

  it("loads no third-party script: scripts are inline, and the only URLs off the site are share links", async () => {
    const html = await page(TIDE);
    expect(await select(html, "script[src]")).toEqual([]);
    const offsite = [...html.matchAll(/(?:href|src)="(https?:[^"]*)"/g)].map((m) => m[1] ?? "");
    const external = offsite.filter((url) => !url.startsWith(env.SITE_URL));
    expect(external.length).toBe(5);
    for (const url of external) expect(url).toMatch(/^https:\/\/(x\.com|www\.facebook\.com|www\.linkedin\.com|wa\.me|t\.me)\//);
  });

  it("lists three to five related posts with headline, date and summary from the record's related data", async () => {
    const html = await page(TIDE);
    const cards = await select(html, ".related li");
    expect(cards.length).toBeGreaterThanOrEqual(3);
    expect(cards.length).toBeLessThanOrEqual(5);
    const heads = await select(html, ".related h3 a");
    expect(heads[0]).toEqual({
      attrs: { href: articlePath(SOLAR_FERRY_SLUG) },
      text: "Harbourton opens its first solar ferry line",
    });
    expect(cards[0]?.text).toContain("2 November 2026");
    expect(cards[0]?.text).toContain("the fictional port town of Harbourton runs a ferry powered by the sun");
    expect((await selectOne(html, ".related h2")).text).toBe("Related posts");
  });

  it("ends with an On Top link to an anchor at the top of the page", async () => {
    const html = await page(TIDE);
    expect(await selectOne(html, ".on-top a")).toEqual({ attrs: { href: "#top" }, text: "On Top" });
    expect(await select(html, "body#top")).toHaveLength(1);
  });

  it("puts body, source, sharing, related posts and On Top in that order", async () => {
    const html = await page(SEED);
    const at = ['<div class="body">', '<p class="source">', 'class="share"', 'class="related"', 'class="on-top"'].map((s) =>
      html.indexOf(s),
    );
    for (const pos of at) expect(pos).toBeGreaterThan(0);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it("starts with a skip link to the main landmark", async () => {
    const html = await page(TIDE);
    expect(html).toMatch(/<body id="top"><a class="skip" href="#main">Skip to content<\/a>/);
    expect(await select(html, "main#main")).toHaveLength(1);
  });
});

describe("article page weight", () => {
  it("stays within 14 KiB gzipped for the longest sample article, stylesheet and metadata included", async () => {
    const html = await page(SEED);
    const gzipped = await new Response(new Response(html).body?.pipeThrough(new CompressionStream("gzip"))).arrayBuffer();
    expect(gzipped.byteLength).toBeLessThanOrEqual(14 * 1024);
  });
});

describe("article metadata", () => {
  it("has a title, meta description and absolute canonical link", async () => {
    const html = await page(TIDE);
    expect((await selectOne(html, "title")).text).toBe(`${TIDE_HEADLINE} · ${env.SITE_NAME}`);
    expect((await selectOne(html, 'meta[name="description"]')).attrs.content).toMatch(/^Sample article: the fictional town's/);
    expect((await selectOne(html, 'link[rel="canonical"]')).attrs.href).toBe(canonicalOf(TIDE));
  });

  it("has Open Graph article tags: type, times, section and one tag element per tag", async () => {
    const html = await page(CACHING);
    const og = async (property: string) => (await select(html, `meta[property="${property}"]`)).map((m) => m.attrs.content);
    expect(await og("og:type")).toEqual(["article"]);
    expect(await og("og:title")).toEqual(["Edge caching, explained in five minutes"]);
    expect(await og("og:url")).toEqual([canonicalOf(CACHING)]);
    expect(await og("article:published_time")).toEqual(["2026-11-05T12:00:00Z"]);
    expect(await og("article:modified_time")).toEqual(["2026-11-06T09:15:00Z"]);
    expect(await og("article:section")).toEqual(["Technology"]);
    expect(await og("article:tag")).toEqual(["Web", "Performance"]);
  });

  it("uses a large-image Twitter card with an absolute image URL when the article has an image, else a summary card", async () => {
    const withImage = await page(TIDE);
    expect((await selectOne(withImage, 'meta[name="twitter:card"]')).attrs.content).toBe("summary_large_image");
    expect((await selectOne(withImage, 'meta[name="twitter:image"]')).attrs.content).toBe(
      canonicalOf("/static/sample-tide-gauge.svg"),
    );
    expect((await selectOne(withImage, 'meta[property="og:image"]')).attrs.content).toBe(
      canonicalOf("/static/sample-tide-gauge.svg"),
    );
    const without = await page(CACHING);
    expect((await selectOne(without, 'meta[name="twitter:card"]')).attrs.content).toBe("summary");
    expect(await select(without, 'meta[property="og:image"]')).toEqual([]);
  });

  it("describes the article as JSON-LD NewsArticle with zoned dates, authors, publisher and image", async () => {
    const html = await page(TIDE);
    const script = await selectOne(html, 'script[type="application/ld+json"]');
    const data = JSON.parse(script.text);
    expect(data).toMatchObject({
      "@context": "https://schema.org",
      "@type": "NewsArticle",
      headline: TIDE_HEADLINE,
      datePublished: "2026-11-16T06:10:00+00:00",
      dateModified: "2026-11-16T06:10:00+00:00",
      author: [{ "@type": "Person", name: "Edgewire Sample Desk" }],
      publisher: { "@type": "Organization", name: env.SITE_NAME },
      image: [canonicalOf("/static/sample-tide-gauge.svg")],
      mainEntityOfPage: canonicalOf(TIDE),
    });
  });

  it("leaves author and image out of the JSON-LD when the article has none", async () => {
    const data = JSON.parse((await selectOne(await page(SEED), 'script[type="application/ld+json"]')).text);
    expect(data.dateModified).toBe("2017-08-30T18:00:00+04:00");
    expect(data).not.toHaveProperty("author");
    expect(data).not.toHaveProperty("image");
  });

  it("announces the site-wide feed and the article's section feed", async () => {
    const feeds = await select(await page(SEED), 'link[rel="alternate"][type="application/atom+xml"]');
    expect(feeds.map((f) => f.attrs.href)).toEqual(["/feed.xml", "/section/world/feed.xml"]);
  });
});
