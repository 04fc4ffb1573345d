// Preview links inside workerd (src/routes/preview.tsx): signed, expiring, private, never stored by the page store or listed.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { CACHE_STATUS_HEADER } from "../../../src/cache/page-store.ts";
import { KEYS } from "../../../src/data/keys.ts";
import { signPreview } from "../../../src/data/preview-link.ts";
import type { ArticleRecord } from "../../../src/data/schema.ts";
import { seed } from "../support/kv.ts";
import { get } from "../support/request.ts";

const SECRET = (env as unknown as { PREVIEW_SECRET: string }).PREVIEW_SECRET;
let someArticle: ArticleRecord;

beforeAll(async () => {
  await seed(env.CONTENT, "reader");
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

  it("are never kept by the page store: the same path right after a valid link, unsigned, is the 404 page", async () => {
    const valid = await get(await link("a-draft-story", inAnHour()));
    expect(valid.status).toBe(200);
    expect(valid.headers.get(CACHE_STATUS_HEADER)).toBeNull();
    const unsigned = await get("/preview/a-draft-story");
    expect(unsigned.status).toBe(404);
    expect(unsigned.headers.get(CACHE_STATUS_HEADER)).toBeNull();
  });

  it("never put the preview in listings, feeds or the sitemap", async () => {
    for (const path of ["/", "/feed.xml", "/sitemap.xml"]) expect(await (await get(path)).text()).not.toContain("a-draft-story");
  });
});
