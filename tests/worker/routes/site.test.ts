// The site registry inside workerd (src/routes/site.ts): header navigation from `v1:site`, and the author pages it names.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { KEYS } from "../../../src/data/keys.ts";
import type { Site } from "../../../src/data/schema.ts";
import { select } from "../support/html.ts";
import { seed } from "../support/kv.ts";
import { get } from "../support/request.ts";

const REGISTRY: Site = {
  kind: "site",
  sections: [
    { name: "Zeta Desk", slug: "zeta-desk", nav: 1 },
    { name: "Alpha Desk", slug: "alpha-desk", description: "The first desk.", nav: 2 },
    { name: "Hidden Desk", slug: "hidden-desk" },
  ],
  authors: [],
};

beforeAll(async () => {
  await seed(env.CONTENT, "reader");
  await env.CONTENT.put(KEYS.site, JSON.stringify(REGISTRY));
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
