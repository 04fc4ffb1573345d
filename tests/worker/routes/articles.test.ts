// Article pages, the home page and the methods they answer (routes/articles.tsx), over the sample articles.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { AIR_STRIKES_SLUG, articlePath, FOUR_DAY_WEEK_SLUG, MARKET_SLUG } from "../../support/fixtures.ts";
import { seed } from "../support/kv.ts";
import { get, ORIGIN, send } from "../support/request.ts";

const SEED = articlePath(AIR_STRIKES_SLUG);

beforeAll(async () => {
  await seed(env.CONTENT, "sample");
});

describe("article page", () => {
  it("renders the seed article's headline, date and source from KV", async () => {
    const res = await get(SEED);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain("<h1>US-led air strikes block Daesh fighters in Syria</h1>");
    expect(html).toContain('<time datetime="2017-08-30T18:00:00+04:00">30 August 2017, 15:00 BST</time>');
    expect(html).toMatch(/<p class="source">Source: gulfnews<\/p>/);
  });

  it("renders every body paragraph in order with quotes intact", async () => {
    const html = await (await get(SEED)).text();
    const paragraphs = [
      "US warplanes on Wednesday blocked a convoy",
      "“Daesh is a global threat, and to relocate terrorists",
      "Addressing a news conference on Tuesday night",
      "“We are fighting terrorists in Iraq, not kicking them out to Syria,” he said",
      "“Personally, if I could have negotiated with them in western Mosul, I would have,”",
      "Under the arrangement negotiated over the weekend",
    ];
    const positions = paragraphs.map((p) => html.indexOf(`<p>${p}`));
    for (const [i, pos] of positions.entries()) expect(pos, paragraphs[i]).toBeGreaterThan(0);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(html.match(/<div class="body">([\s\S]*?)<\/div>/)?.[1]?.match(/<p>/g)).toHaveLength(19);
  });

  it("is semantic HTML5 with a language on <html>", async () => {
    const html = await (await get(SEED)).text();
    expect(html).toMatch(/^<!doctype html><html lang="en"/);
    for (const tag of ["<main", "<article", "<header", "<footer", "<time datetime="]) expect(html).toContain(tag);
    expect(html).not.toMatch(/<script[^>]*\ssrc=/);
  });

  it("renders an Arabic article right to left", async () => {
    const html = await (await get(articlePath(MARKET_SLUG))).text();
    expect(html).toContain('<article lang="ar" dir="rtl">');
  });
});

describe("missing articles", () => {
  it.each([
    ["an unknown slug", "/articles/no-such-article"],
    ["odd characters", "/articles/caf%C3%A9%20%3Cb%3E"],
    ["percent-encoded dot segments", "/articles/%2e%2e%2f%2e%2e%2fetc"],
    ["upper case", "/articles/US-LED"],
    ["a very long slug", `/articles/${"a".repeat(5000)}`],
    ["a trailing path", `${SEED}/extra`],
  ])("answers %s with the 404 page", async (_name, path) => {
    let res = await get(path);
    // An alias with escapes of unreserved characters is first sent to its one canonical URL (docs/caching.md).
    if (res.status === 301) {
      const location = new URL(res.headers.get("location") ?? "", ORIGIN);
      expect(location.origin).toBe(ORIGIN);
      res = await get(location.pathname + location.search);
    }
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain("<h1>Page not found</h1>");
    expect(html).not.toContain("&lt;b&gt;");
  });
});

describe("home page", () => {
  it("lists the latest articles newest first with headline, summary, date and link", async () => {
    const html = await (await get("/")).text();
    const order = [...html.matchAll(/<h2><a href="\/articles\/([a-z0-9-]+)">/g)].map((m) => m[1]);
    expect(order[0]).toBe(FOUR_DAY_WEEK_SLUG);
    expect(order).toContain(AIR_STRIKES_SLUG);
    expect(html).toContain("Sample article: the fictional council will try a four-day week");
    expect(html).toContain('<time datetime="2026-11-23T14:00:00+00:00">23 November 2026</time>');
  });
});

describe("methods", () => {
  it("answers HEAD like GET, without a body", async () => {
    const [head, full] = await Promise.all([send(SEED, { method: "HEAD" }), get(SEED)]);
    expect(head.status).toBe(200);
    expect(head.headers.get("content-type")).toBe(full.headers.get("content-type"));
    expect(await head.text()).toBe("");
  });

  it("answers HEAD for a missing article with 404", async () => {
    expect((await send("/articles/nope", { method: "HEAD" })).status).toBe(404);
  });

  it.each(["POST", "PUT", "DELETE", "PATCH", "OPTIONS"])("answers %s with 405 and an Allow header", async (method) => {
    for (const path of ["/", SEED, "/no-such-page"]) {
      const res = await send(path, { method });
      expect(res.status).toBe(405);
      expect(res.headers.get("allow")).toBe("GET, HEAD");
    }
  });
});
