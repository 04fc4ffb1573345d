// The first-party analytics script is cacheable: a consenting reader's later pages load it from their browser, and
// a revalidation is a bodiless 304. Only a consented page points at it.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { consentCookie } from "../support/consent.ts";
import { seed } from "../support/kv.ts";
import { get } from "../support/request.ts";

const ARTICLE = "/articles/us-led-air-strikes-block-daesh-fighters-in-syria";
let GRANTED = "";

beforeAll(async () => {
  await seed(env.CONTENT, "sample");
  GRANTED = await consentCookie(["analytics"]);
});

describe("/analytics.js", () => {
  it.each([
    ["a consenting reader", { cookie: GRANTED }],
    ["anyone", {}],
  ])("is public for an hour with an ETag, for %s", async (_, headers) => {
    for (let i = 0; i < 2; i++) {
      const res = await get("/analytics.js", headers);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
      expect(res.headers.get("cache-control")).toBe("public, max-age=3600");
      expect(res.headers.get("vary")).toBeNull();
      expect(res.headers.get("set-cookie")).toBeNull();
      expect(res.headers.get("etag")).toMatch(/^W\/".+"$/);
      expect(await res.text()).toContain('"/analytics/collect"');
    }
  });

  it("answers a revalidation with a bodiless 304", async () => {
    const first = await get("/analytics.js", { cookie: GRANTED });
    await first.text();
    const again = await get("/analytics.js", { cookie: GRANTED, "if-none-match": first.headers.get("etag") as string });
    expect(again.status).toBe(304);
    expect(again.headers.get("cache-control")).toBe("public, max-age=3600");
    expect(await again.text()).toBe("");
  });

  it("is named only by a consenting reader's page, which stays private", async () => {
    for (const [headers, tagged] of [
      [{ cookie: GRANTED }, true],
      [{}, false],
      [{ "sec-gpc": "1" }, false],
    ] as const) {
      for (let i = 0; i < 2; i++) {
        const res = await get(ARTICLE, headers);
        expect(res.headers.get("cache-control")).toBe("private, no-cache");
        expect((await res.text()).includes('src="/analytics.js"')).toBe(tagged);
      }
    }
  });
});
