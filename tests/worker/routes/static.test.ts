// Small files bundled into the Worker (routes/static.ts, static/assets.ts): the sample image, fingerprints, favicon.
import { env } from "cloudflare:workers";
import { XMLValidator } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { FAVICON_PATH, STATIC_ASSETS } from "../../../src/static/assets.ts";
import { select } from "../support/html.ts";
import { seed } from "../support/kv.ts";
import { get } from "../support/request.ts";

beforeAll(async () => {
  await seed(env.CONTENT, "sample");
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
