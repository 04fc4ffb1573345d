// Routes of the newsroom workflow inside workerd: header navigation from the site registry, author pages, previews.
import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { KEYS } from "../../src/data/keys.ts";
import { signPreview } from "../../src/data/preview-link.ts";
import type { ArticleRecord, Site } from "../../src/data/schema.ts";
import { select } from "./support/html.ts";
import { seed } from "./support/kv.ts";

const get = (path: string) => exports.default.fetch(new Request(`https://test.example${path}`, { cf: { country: "DE" } }));
const SECRET = (env as unknown as { PREVIEW_SECRET: string }).PREVIEW_SECRET;
const REGISTRY: Site = {
  kind: "site",
  sections: [
    { name: "Zeta Desk", slug: "zeta-desk", nav: 1 },
    { name: "Alpha Desk", slug: "alpha-desk", description: "The first desk.", nav: 2 },
    { name: "Hidden Desk", slug: "hidden-desk" },
  ],
  authors: [],
};
let someArticle: ArticleRecord;

beforeAll(async () => {
  await seed(env.CONTENT, "reader");
  await env.CONTENT.put(KEYS.site, JSON.stringify(REGISTRY));
  const { keys } = await env.CONTENT.list({ prefix: KEYS.article("") });
  for (const { name } of keys) {
    const value = JSON.parse((await env.CONTENT.get(name)) ?? "{}");
    if (value.kind === "article") someArticle = value;
  }
  const draft: ArticleRecord = {
    ...someArticle,
    slug: "a-draft-story",
    headline: "A draft story",
    published: "2099-01-01T00:00:00Z",
  };
  await env.CONTENT.put(KEYS.preview("a-draft-story"), JSON.stringify(draft));
});

describe("header navigation", () => {
  it("lists the registry's navigation sections in their order, and leaves out the rest", async () => {
    const html = await (await get("/")).text();
    const links = await select(html, 'header nav[aria-label="Sections"] a');
    expect(links.map((a) => [a.text, a.attrs.href])).toEqual([
      ["Zeta Desk", "/section/zeta-desk"],
      ["Alpha Desk", "/section/alpha-desk"],
    ]);
  });
});

describe("author pages", () => {
  it("list an author's articles, newest first, under the author's name", async () => {
    const { keys } = await env.CONTENT.list({ prefix: "v1:list:author:" });
    const key = keys.map((k) => k.name).find((k) => !k.includes(":b:"));
    expect(key).toBeDefined();
    const slug = (key as string).slice("v1:list:author:".length);
    const head = JSON.parse((await env.CONTENT.get(key as string)) ?? "{}");
    const res = await get(`/author/${slug}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect((await select(html, "h1"))[0]?.text).toBe(head.title);
    const hrefs = (await select(html, "ol.cards h2 a")).map((a) => a.attrs.href);
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) expect(href).toMatch(/^\/articles\//);
  });

  it("answer 404 for an unknown author", async () => {
    expect((await get("/author/nobody-at-all")).status).toBe(404);
  });
});

describe("preview links", () => {
  const link = async (slug: string, expires: number, secret = SECRET) =>
    `/preview/${slug}?expires=${expires}&sig=${await signPreview(secret, slug, expires)}`;
  const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;

  it("show the stored draft to a correctly signed link, private, unindexed and with no share links", async () => {
    const res = await get(await link("a-draft-story", inAnHour()));
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    expect(res.headers.get("x-robots-tag")).toBe("noindex, nofollow");
    expect(html).toContain('<meta name="robots" content="noindex, nofollow"/>');
    expect(html).toContain("<h1>A draft story</h1>");
    expect(html).toContain("Preview: this article is not published.");
    expect(html).not.toContain('class="share"');
  });

  it("answer the 404 page for a link signed with another secret, an expired one, and a missing signature", async () => {
    for (const path of [
      await link("a-draft-story", inAnHour(), "another-secret-0123456789abcdef0123456789"),
      await link("a-draft-story", Math.floor(Date.now() / 1000) - 5),
      "/preview/a-draft-story",
    ]) {
      const res = await get(path);
      expect(res.status).toBe(404);
      expect(res.headers.get("cache-control")).toBe("private, no-store");
      expect(await res.text()).toContain("Page not found");
    }
  });

  it("answer 404 for a signed link to a slug that has no preview", async () => {
    expect((await get(await link("no-such-preview", inAnHour()))).status).toBe(404);
  });

  it("never put the preview in listings, feeds or the sitemap", async () => {
    for (const path of ["/", "/feed.xml", "/sitemap.xml"]) expect(await (await get(path)).text()).not.toContain("a-draft-story");
  });
});
