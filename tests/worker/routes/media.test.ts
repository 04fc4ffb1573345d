// /media/<hash>-<width>.<ext> and the image markup, on a site published from tests/fixtures/images through the publisher.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { select, selectOne } from "../support/html.ts";
import { seed } from "../support/kv.ts";
import { send } from "../support/request.ts";

const get = (path: string, init?: RequestInit) => send(path, init);
const LEAD = "/articles/lead-story";
let html = "";
/** The variant URLs the lead image's <picture> offers, by format. */
let srcsets: Record<string, string[]> = {};

beforeAll(async () => {
  await seed(env.CONTENT, "images");
  html = await (await get(LEAD)).text();
  const sources = await select(html, "article > figure picture source");
  const img = await selectOne(html, "article > figure picture img");
  const urls = (srcset = "") => srcset.split(", ").map((c) => c.split(" ")[0] ?? "");
  srcsets = {
    avif: urls(sources.find((s) => s.attrs.type === "image/avif")?.attrs.srcset),
    webp: urls(sources.find((s) => s.attrs.type === "image/webp")?.attrs.srcset),
    jpg: urls(img.attrs.srcset),
  };
});

describe("/media/ variants", () => {
  it.each([
    ["avif", "image/avif"],
    ["webp", "image/webp"],
    ["jpg", "image/jpeg"],
  ])("serves every %s variant with its type, an immutable year of caching, nosniff and a strong ETag", async (format, type) => {
    expect(srcsets[format]?.length).toBe(6);
    for (const url of srcsets[format] ?? []) {
      const res = await get(url);
      expect(res.status, url).toBe(200);
      expect(res.headers.get("content-type")).toBe(type);
      expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("etag")).toBe(`"${url.slice("/media/".length)}"`);
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect(bytes.byteLength).toBe(Number(res.headers.get("content-length")));
      // The bytes are the format the name says: JPEG starts FF D8, WebP has RIFF…WEBP, AVIF an ftyp box naming avif.
      const head = String.fromCharCode(...bytes.subarray(0, 12));
      if (format === "jpg") expect([bytes[0], bytes[1]]).toEqual([0xff, 0xd8]);
      if (format === "webp") expect(head.startsWith("RIFF") && head.endsWith("WEBP")).toBe(true);
      if (format === "avif") expect(head.slice(4)).toBe("ftypavif");
    }
  });

  it("answers 304 with the same validator and caching when the browser already has the variant", async () => {
    const url = srcsets.avif?.[0] ?? "";
    const etag = (await get(url)).headers.get("etag") ?? "";
    const res = await get(url, { headers: { "If-None-Match": etag } });
    expect(res.status).toBe(304);
    expect(res.headers.get("etag")).toBe(etag);
    expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(await res.text()).toBe("");
  });

  it("answers HEAD with the headers and no body", async () => {
    const url = srcsets.webp?.[0] ?? "";
    const res = await get(url, { method: "HEAD" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/webp");
    expect(await res.text()).toBe("");
  });

  it.each([
    "/media/0000000000000000-320.avif",
    "/media/ffffffffffffffff-9999.jpg",
    "/media/nothing.jpg",
    "/media/ABCDEF0123456789-320.jpg",
    "/media/0123456789abcdef-320.png",
    "/media/0123456789abcdef-320.jpg.exe",
    "/media/0123456789abcdef-0320.jpg",
    "/media/..%2F..%2Fv1%3Amanifest",
    "/media/%00",
    "/media/",
    "/media/a/b.jpg",
  ])("answers 404, never a 5xx, for the unknown or malformed %s", async (path) => {
    const res = await get(path);
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
  });
});

describe("image markup", () => {
  it("gives the lead image AVIF and WebP sources, a JPEG fallback, its size and high fetch priority, never lazy", async () => {
    const img = await selectOne(html, "article > figure picture img");
    expect(img.attrs).toMatchObject({
      alt: "A drawn harbour under a yellow sun",
      width: "1200",
      height: "675",
      fetchpriority: "high",
    });
    expect(img.attrs.loading).toBeUndefined();
    expect(img.attrs.src).toMatch(/^\/media\/[0-9a-f]{16}-1200\.jpg$/);
    expect(img.attrs.sizes).toBe("(min-width: 42rem) 40rem, calc(100vw - 2rem)");
    expect(srcsets.jpg?.map((u) => u.replace(/^.*-(\d+)\.jpg$/, "$1"))).toEqual(["320", "480", "640", "800", "1024", "1200"]);
  });

  it("puts caption and credit under the lead image", async () => {
    expect((await selectOne(html, "article > figure figcaption")).text).toBe("The harbour at noon. Image: Test fixture drawing");
  });

  it("turns a body image into a lazy <picture> in a figure with its title as the caption", async () => {
    const img = await selectOne(html, ".body figure picture img");
    expect(img.attrs).toMatchObject({ alt: "A drawn pier over green water", loading: "lazy", width: "800", height: "450" });
    expect(img.attrs.title).toBeUndefined();
    expect((await select(html, ".body figure picture source")).map((s) => s.attrs.type)).toEqual(["image/avif", "image/webp"]);
    expect((await selectOne(html, ".body figure figcaption")).text).toBe("The pier, seen from the beach.");
    expect(html).not.toContain('src="media/');
  });

  it("names the 1200-px JPEG as absolute og:image, twitter:image and JSON-LD image, with its size", async () => {
    const og = (await selectOne(html, 'meta[property="og:image"]')).attrs.content ?? "";
    expect(og).toMatch(new RegExp(`^${env.SITE_URL}/media/[0-9a-f]{16}-1200\\.jpg$`));
    expect((await selectOne(html, 'meta[name="twitter:image"]')).attrs.content).toBe(og);
    expect((await selectOne(html, 'meta[property="og:image:width"]')).attrs.content).toBe("1200");
    expect((await selectOne(html, 'meta[property="og:image:height"]')).attrs.content).toBe("675");
    const data = JSON.parse((await selectOne(html, 'script[type="application/ld+json"]')).text);
    expect(data.image).toEqual([og]);
    expect((await get(new URL(og).pathname)).status).toBe(200);
  });

  it("leads the home page with the newest story's large image and gives the others thumbnails, lazily", async () => {
    const home = await (await get("/")).text();
    const lead = await selectOne(home, "ol.cards li.lead img");
    expect(lead.attrs).toMatchObject({ fetchpriority: "high", alt: "" });
    expect(lead.attrs.loading).toBeUndefined();
    expect((await selectOne(home, "ol.cards li.lead h2 a")).attrs.href).toBe(LEAD);
    expect((await selectOne(home, "ol.cards li.lead .standfirst")).text).toContain("front matter image is local");
    const thumbs = await select(home, "ol.cards li.with-thumb img");
    expect(thumbs.map((t) => t.attrs.loading)).toEqual(["lazy"]);
    expect(thumbs[0]?.attrs.class).toBe("thumb");
  });
});

describe("images in feeds", () => {
  it("gives feed readers absolute URLs: the 1200-px JPEG as the item image, every body srcset candidate", async () => {
    const feed = JSON.parse(await (await get("/feed.json")).text()) as {
      items: { url: string; image?: string; content_html: string }[];
    };
    const item = feed.items.find((i) => i.url.endsWith(LEAD));
    expect(item?.image).toMatch(new RegExp(`^${env.SITE_URL}/media/[0-9a-f]{16}-1200\\.jpg$`));
    const candidates = [...(item?.content_html ?? "").matchAll(/srcset="([^"]*)"/g)].flatMap((m) =>
      (m[1] ?? "").split(", ").map((c) => c.split(" ")[0]),
    );
    expect(candidates.length).toBeGreaterThan(0);
    for (const url of candidates) expect(url).toMatch(new RegExp(`^${env.SITE_URL}/media/[0-9a-f]{16}-\\d+\\.(avif|webp|jpg)$`));
  });
});
