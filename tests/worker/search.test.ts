import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { runSearch } from "../../src/search/engine.ts";
import { MAX_SEARCH_READS, parseQuery } from "../../src/search/query.ts";
import { select, selectOne } from "./support/html.ts";
import { seed } from "./support/kv.ts";

const get = (path: string) => exports.default.fetch(new Request(`http://example.com${path}`, { redirect: "manual" }));
const searchFor = (q: string, page?: number) =>
  get(`/search?${new URLSearchParams({ q, ...(page ? { page: String(page) } : {}) })}`);
const resultSlugs = async (res: Response) =>
  (await select(await res.text(), "ol.cards h2 a")).map((a) => a.attrs.href?.replace("/articles/", ""));
const CONVOY = "us-led-air-strikes-block-daesh-fighters-in-syria";
const ARABIC = "harbourton-weekly-market-returns";

/** A KV binding that counts its reads. */
function counting(kv: KVNamespace): { kv: KVNamespace; reads: () => number } {
  let reads = 0;
  const wrapped = new Proxy(kv, {
    get(target, prop) {
      if (prop !== "get") return Reflect.get(target, prop);
      return (key: string, options?: KVNamespaceGetOptions<"text">) => {
        reads++;
        return target.get(key, options);
      };
    },
  });
  return { kv: wrapped, reads: () => reads };
}

beforeAll(async () => {
  await seed(env.CONTENT, "search");
});

describe("searching in English", () => {
  it('finds the convoy article by "Hezbollah convoy" with headline, date, section and a marked snippet', async () => {
    const res = await searchFor("Hezbollah convoy");
    expect(res.status).toBe(200);
    const html = await res.text();
    const card = await selectOne(html, "ol.cards li");
    expect(card.text).toContain("US-led air strikes block Daesh fighters in Syria");
    expect((await selectOne(html, "ol.cards time")).attrs.datetime).toBe("2017-08-30T18:00:00+04:00");
    expect((await selectOne(html, "ol.cards .meta a")).text).toBe("World");
    const marks = (await select(html, "ol.cards p mark")).map((m) => m.text.toLowerCase());
    expect(marks).toContain("convoy");
    expect(marks).toContain("hezbollah");
  });

  it("ignores case, word order, plurals and diacritics", async () => {
    expect(await resultSlugs(await searchFor("CONVOYS hezbollah"))).toEqual([CONVOY]);
    expect(await resultSlugs(await searchFor("cafe creme"))).toEqual(["published-zephyrquill"]);
    expect(await resultSlugs(await searchFor("zoe bronte"))).toEqual(["published-zephyrquill"]);
  });

  it("needs every word to match", async () => {
    const html = await (await searchFor("convoy quillwort")).text();
    expect(await select(html, "ol.cards li")).toHaveLength(0);
    expect(html).toContain("No articles match every word");
  });

  it("ranks a match in the headline above a newer match in the body only", async () => {
    expect(await resultSlugs(await searchFor("keeper"))).toEqual(["published-zephyrquill", "tide-table-12"]);
  });
});

describe("searching in Arabic", () => {
  it.each([
    ["without diacritics", "السوق"],
    ["with diacritics", "السُّوقُ"],
    ["without the article", "سوق"],
    ["with tatweel", "الســـوق"],
    ["with another alef form and ta marbuta as ha", "الاسبوعي الصيانه"],
  ])("finds the Arabic sample article %s", async (_, q) => {
    expect(await resultSlugs(await searchFor(q))).toEqual([ARABIC]);
  });

  it("finds an Arabic article by a Latin word and by words of both scripts at once", async () => {
    expect(await resultSlugs(await searchFor("Edgewire هاربورتون"))).toEqual([ARABIC]);
  });

  it("marks the matched Arabic word in the snippet, right to left", async () => {
    const html = await (await searchFor("السُّوق")).text();
    expect((await selectOne(html, "ol.cards li")).attrs).toMatchObject({ lang: "ar", dir: "rtl" });
    expect((await select(html, "ol.cards p mark")).map((m) => m.text)).toContain("السوق");
  });
});

describe("what search never shows", () => {
  it("leaves out scheduled and draft articles", async () => {
    const res = await searchFor("zephyrquill");
    expect(await resultSlugs(res)).toEqual(["published-zephyrquill"]);
  });

  it("does not show a scheduled article even by its own headline words", async () => {
    expect(await resultSlugs(await searchFor("millennium"))).toEqual([]);
  });
});

describe("result pages", () => {
  it("shows ten results newest first, then the rest on page 2", async () => {
    const first = await (await searchFor("quillwort")).text();
    const slugs = (await select(first, "ol.cards h2 a")).map((a) => a.attrs.href);
    expect(slugs).toEqual(Array.from({ length: 10 }, (_, i) => `/articles/tide-table-${String(12 - i).padStart(2, "0")}`));
    expect(first).toContain("12 articles found");
    expect((await selectOne(first, 'a[rel="next"]')).attrs.href).toBe("/search?q=quillwort&page=2");
    expect(await resultSlugs(await searchFor("quillwort", 2))).toEqual(["tide-table-02", "tide-table-01"]);
  });

  it.each(["3", "0", "abc", "1e3"])("answers page=%s past the end or malformed with the 404 page", async (page) => {
    const res = await get(`/search?q=quillwort&page=${page}`);
    expect(res.status).toBe(404);
  });

  it("keeps results pages out of search engines and never lets the page cache mix queries", async () => {
    const a = await searchFor("convoy");
    const b = await searchFor("quillwort");
    expect(await selectOne(await a.text(), 'meta[name="robots"]')).toMatchObject({ attrs: { content: "noindex" } });
    expect((await resultSlugs(b)).length).toBe(10);
  });
});

describe("bad input", () => {
  it("escapes HTML and never reflects it raw", async () => {
    const res = await searchFor('<script>alert("x")</script> convoy');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).not.toContain('<script>alert("x")');
    expect((await selectOne(html, "#search-page-q")).attrs.value).toBe('<script>alert("x")</script> convoy');
  });

  it("strips right-to-left override and other invisible characters before showing or searching", async () => {
    const res = await searchFor("\u202Econvoy\u200B");
    const html = await res.text();
    expect(html).not.toContain("\u202E");
    expect(await resultSlugs(new Response(html))).toEqual([CONVOY]);
  });

  it.each([
    ["quotes", '"Hezbollah convoy"'],
    ["regex-like syntax", "^convoy.*$ [hezbollah]+"],
    ["emoji around words", "🚀 convoy 🚀"],
  ])("searches the words inside %s", async (_, q) => {
    const res = await searchFor(q);
    expect(res.status).toBe(200);
    expect(await resultSlugs(res)).toEqual([CONVOY]);
  });

  it.each([
    ["only stop words", "the and of"],
    ["only emoji", "🚀🔥"],
    ["only punctuation", "((*)) .* [^]"],
  ])("answers a query of %s with an empty page that says why", async (_, q) => {
    const res = await searchFor(q);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("no words we can look for");
    expect(await select(html, "ol.cards li")).toHaveLength(0);
  });

  it("treats words that name object properties as plain words with no matches", async () => {
    const res = await searchFor("constructor __proto__ tostring");
    expect(res.status).toBe(200);
    expect(await resultSlugs(res)).toEqual([]);
  });

  it("answers 10,000 characters with a 400 page and does not echo them", async () => {
    const res = await searchFor("convoy ".repeat(1429).slice(0, 10_000));
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("too long");
    expect(html).not.toContain("convoy convoy");
  });

  it("answers too many words with a 400 page", async () => {
    const res = await searchFor("convoy fighters border deal coalition militias");
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("too many words");
  });

  it("answers malformed percent-encoding without a 5xx", async () => {
    const res = await get("/search?q=%E0%A4%A&page=1");
    expect(res.status).toBeLessThan(500);
  });

  it("shows the search form with a prompt when there is no query", async () => {
    const res = await get("/search");
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Type one or more words");
  });
});

describe("KV reads per query", () => {
  it(`stays within ${MAX_SEARCH_READS} reads: the head, one per term shard, one per docs shard`, async () => {
    const query = parseQuery("fighters border deal coalition militias");
    if (query.kind !== "terms") throw new Error("expected terms");
    const kv = counting(env.CONTENT);
    const results = await runSearch(kv.kv, query.terms, 1, Date.now());
    expect(results.total).toBe(1);
    expect(kv.reads()).toBe(results.reads);
    expect(kv.reads()).toBeLessThanOrEqual(MAX_SEARCH_READS);
    // This small index has one term shard and one docs shard.
    expect(kv.reads()).toBe(3);
  });

  it("answers a repeat of a query, however it is written, from memory", async () => {
    expect(await resultSlugs(await searchFor("Daesh withdrawal"))).toEqual([CONVOY]);
    const head = await env.CONTENT.get("v1:search:head");
    await env.CONTENT.delete("v1:search:head");
    try {
      expect(await resultSlugs(await searchFor("  WITHDRAWALS   daesh "))).toEqual([CONVOY]);
      expect(await resultSlugs(await searchFor("convoys syrian"))).toEqual([]);
    } finally {
      await env.CONTENT.put("v1:search:head", head ?? "");
    }
  });
});

describe("the search form", () => {
  it("is in the header of every page as a plain GET form", async () => {
    const html = await (await get("/")).text();
    const form = await selectOne(html, "header search form");
    expect(form.attrs).toMatchObject({ action: "/search", method: "get" });
    expect((await selectOne(html, "header input#site-search")).attrs).toMatchObject({ name: "q", type: "search" });
  });

  it("is on the 404 page", async () => {
    const res = await get("/articles/no-such-story");
    expect(res.status).toBe(404);
    const html = await res.text();
    expect((await selectOne(html, "main search form")).attrs.action).toBe("/search");
    expect((await selectOne(html, "main input#not-found-q")).attrs.name).toBe("q");
  });
});
