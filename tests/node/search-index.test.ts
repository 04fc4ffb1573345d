import { cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type KvStore, publishFolder } from "../../kv-seed/lib/publish.ts";
import { buildSearchIndex, plainText, SEARCH_INDEX, type SearchSource } from "../../kv-seed/lib/search-index.ts";
import { KEYS } from "../../src/data/keys.ts";
import { analyzerFor, queryAnalyzer, termsOf } from "../../src/data/search-analyze.ts";
import { decodePostings, encodePostings } from "../../src/data/search-schema.ts";
import { runSearch } from "../../src/search/engine.ts";
import { parseQuery } from "../../src/search/query.ts";
import { ResultsCache } from "../../src/search/results-cache.ts";
import { snippetOf } from "../../src/search/snippet.ts";

describe("analyzers", () => {
  it("fold English case, diacritics and plural, -ed and -ing forms to one term", () => {
    const en = analyzerFor("en");
    expect(["Convoy", "convoys", "CONVOYS"].map(en)).toEqual(["convoy", "convoy", "convoy"]);
    expect(["blocked", "blocking", "block"].map(en)).toEqual(["block", "block", "block"]);
    expect(["Café", "cafe", "CAFÉS"].map(en)).toEqual(["caf", "caf", "caf"]);
    expect(en("Lebanon’s")).toBe("lebanon");
    expect(en("news")).toBe("news");
  });

  it("normalize Arabic tashkeel, tatweel, alef and hamza forms, alef maqsura, ta marbuta and the article", () => {
    const ar = analyzerFor("ar");
    expect(ar("السُّوقُ")).toBe("سوق");
    expect(ar("الســوق")).toBe("سوق");
    expect(ar("سوق")).toBe("سوق");
    expect([ar("أسبوع"), ar("إسبوع"), ar("آسبوع"), ar("اسبوع")]).toEqual(["اسبوع", "اسبوع", "اسبوع", "اسبوع"]);
    expect([ar("مدرسة"), ar("مدرسه")]).toEqual(["مدرسه", "مدرسه"]);
    expect([ar("مستوى"), ar("مستوي")]).toEqual(["مستوي", "مستوي"]);
    expect([ar("المسؤول"), ar("مسوول")]).toEqual(["مسوول", "مسوول"]);
    expect(ar("والسوق")).toBe("سوق");
  });

  it("pick stop words by the article's language and analyze each word by its script", () => {
    expect(analyzerFor("en")("the")).toBeNull();
    expect(analyzerFor("ar")("في")).toBeNull();
    expect(analyzerFor("en-GB")("Hezbollah")).toBe("hezbollah");
    expect(analyzerFor("ar")("Edgewire")).toBe(queryAnalyzer("EDGEWIRE"));
    expect(analyzerFor("en")("السوق")).toBe(queryAnalyzer("السُّوق"));
  });

  it("split text into distinct terms", () => {
    expect([...termsOf("The convoy, the convoys and 310 fighters!", analyzerFor("en"))]).toEqual(["convoy", "310", "fighter"]);
  });
});

describe("queries", () => {
  it("normalize to one key whatever the case, order or form", () => {
    const a = parseQuery("Hezbollah convoy");
    const b = parseQuery("  CONVOYS   hezbollah ");
    expect(a).toEqual(b.kind === "terms" ? { ...b, terms: a.kind === "terms" ? a.terms : [] } : null);
    expect(a.kind === "terms" && a.key).toBe("convoy hezbollah");
  });

  it.each([
    ["", "empty"],
    ["\u202E\u200B", "empty"],
    ["the of and", "nothing-searchable"],
    ["x".repeat(201), "too-long"],
    ["one two three four five six", "too-many-terms"],
  ])("classify %j as %s", (q, kind) => {
    expect(parseQuery(q).kind).toBe(kind);
  });
});

describe("postings", () => {
  it("round-trip through their stored form", () => {
    const postings: [number, boolean][] = [
      [0, true],
      [1, false],
      [7, false],
      [9000, true],
    ];
    expect(decodePostings(encodePostings(postings))).toEqual(postings);
    expect(decodePostings(encodePostings(postings), 5)[0]).toEqual([5, true]);
  });
});

describe("snippets", () => {
  it("mark the matched words and cut around the first match", () => {
    const text = `${"Filler words here. ".repeat(20)}The convoy of buses left.`;
    const segments = snippetOf(text, new Set(["convoy", "bus"]));
    expect(segments[0]?.text).toBe("… ");
    expect(segments.filter((s) => s.mark).map((s) => s.text)).toEqual(["convoy", "buses"]);
  });
});

describe("plainText", () => {
  it("keeps what a reader sees of sanitized HTML, blocks apart", () => {
    expect(plainText("<p>One <em>two</em></p><ul><li>three</li><li>four &amp; five</li></ul>")).toBe("One two three four & five");
  });
});

const source = (slug: string, day: number, body = "harbour report"): SearchSource => ({
  card: {
    slug,
    headline: `Headline ${slug}`,
    summary: "A summary.",
    published: `2026-01-${String(day).padStart(2, "0")}T00:00:00Z`,
    authors: [],
    section: { name: "News", slug: "news" },
    lang: "en",
  },
  tags: [],
  bodyHtml: `<p>${body}</p>`,
});
const NOW = Date.parse("2026-06-01T00:00:00Z");
const metaOf = (build: ReturnType<typeof buildSearchIndex>) =>
  build.entries.find((e) => e.kind === "search-meta")?.data as Parameters<typeof buildSearchIndex>[1];

describe("buildSearchIndex", () => {
  const base = Array.from({ length: 5 }, (_, i) => source(`a${i}`, i + 1));

  it("builds a generation: term shards, docs shards, a head with nothing in it yet, and the meta", () => {
    const build = buildSearchIndex(base, null, NOW);
    expect(build.rebuilt).toBe(true);
    expect(build.retain).toEqual([]);
    expect(build.entries.map((e) => e.key)).toEqual([
      KEYS.searchTerms(1, 0),
      KEYS.searchDocs(1, 0),
      KEYS.searchHead,
      KEYS.searchMeta,
    ]);
  });

  it("adds one article by rewriting only the head, keeping the base", () => {
    const first = buildSearchIndex(base, null, NOW);
    const second = buildSearchIndex([...base, source("new", 3)], metaOf(first), NOW);
    expect(second.rebuilt).toBe(false);
    expect(second.entries.map((e) => e.key)).toEqual([KEYS.searchHead, KEYS.searchMeta]);
    expect(second.entries[1]?.data).toEqual(metaOf(first));
    expect(second.retain).toEqual([KEYS.searchTerms(1, 0), KEYS.searchDocs(1, 0)]);
    const head = second.entries[0]?.data as { docs: { slug: string; order: number }[]; removed: number[] };
    // Base is newest first: a4 a3 a2 a1 a0; published on day 3, "new" sorts after a2 (day 3, "a2" < "new").
    expect(head.docs.map((d) => [d.slug, d.order])).toEqual([["new", 2.5]]);
    expect(head.removed).toEqual([]);
  });

  it("lists a changed or removed base article as removed", () => {
    const first = buildSearchIndex(base, null, NOW);
    const changed = base
      .map((s) => (s.card.slug === "a4" ? source("a4", 5, "new words") : s))
      .filter((s) => s.card.slug !== "a0");
    const head = buildSearchIndex(changed, metaOf(first), NOW).entries[0]?.data as {
      removed: number[];
      docs: { slug: string }[];
    };
    expect(head.removed).toEqual([0, 4]);
    expect(head.docs.map((d) => d.slug)).toEqual(["a4"]);
  });

  it("lists base articles scheduled after now in the head", () => {
    const future = [...base, source("later", 28)];
    const head = buildSearchIndex(future, null, Date.parse("2026-01-10T00:00:00Z")).entries.find((e) => e.kind === "search-head")
      ?.data as { scheduled: [number, number][] };
    expect(head.scheduled).toEqual([[0, Date.parse("2026-01-28T00:00:00Z")]]);
  });

  it("rebuilds as a new generation when the head would outgrow its limit, retaining the old base one more publish", () => {
    const first = buildSearchIndex(base, null, NOW);
    const words = Array.from({ length: 400 }, (_, i) => `word${i}x`).join(" ");
    const many = Array.from({ length: 80 }, (_, i) => source(`b${i}`, (i % 27) + 1, words));
    const next = buildSearchIndex([...base, ...many], metaOf(first), NOW);
    expect(next.rebuilt).toBe(true);
    expect(next.entries.some((e) => e.key === KEYS.searchTerms(2, 0))).toBe(true);
    expect(next.retain).toEqual([KEYS.searchTerms(1, 0), KEYS.searchDocs(1, 0)]);
    const head = next.entries.find((e) => e.kind === "search-head")?.data;
    expect(JSON.stringify(head).length).toBeLessThan(SEARCH_INDEX.maxHeadBytes);
  });
});

/** KV in memory: the publisher's store and, for the engine, a KVNamespace that answers get. */
function memoryKv() {
  const map = new Map<string, string>();
  const store: KvStore = {
    get: async (key) => map.get(key) ?? null,
    putMany: async (pairs) => {
      for (const { key, value } of pairs) map.set(key, value);
    },
    deleteMany: async (keys) => {
      for (const key of keys) map.delete(key);
    },
  };
  return { map, store, kv: { get: async (key: string) => map.get(key) ?? null } as unknown as KVNamespace };
}

describe("publishing and searching", () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const find = async (kv: KVNamespace, q: string) => {
    const query = parseQuery(q);
    if (query.kind !== "terms") throw new Error(q);
    return (await runSearch(kv, query.terms, 1, Date.now())).hits.map((h) => h.slug);
  };

  it("finds a newly published article after a publish that rewrote only the head, and not a pruned one", async () => {
    dir = await mkdtemp(join(tmpdir(), "edgewire-search-"));
    await cp("tests/fixtures/search", dir, { recursive: true });
    const { store, kv } = memoryKv();
    const first = await publishFolder(dir, store);
    expect(first.ok).toBe(true);
    expect(await find(kv, "Hezbollah convoy")).toEqual(["us-led-air-strikes-block-daesh-fighters-in-syria"]);

    await writeFile(
      join(dir, "new.md"),
      "---\nheadline: Harbour convoy of tall ships\nslug: tall-ships\npublished: 2025-05-05T10:00:00Z\nsection: World\nsummary: Ships.\n---\n\nA convoy of tall ships.\n",
    );
    const second = await publishFolder(dir, store);
    if (!second.ok) throw new Error("publish failed");
    const searchKeys = second.plan.puts.filter((e) => e.kind.startsWith("search")).map((e) => e.key);
    expect(searchKeys).toEqual([KEYS.searchHead]);
    expect(await find(kv, "convoy")).toEqual(["tall-ships", "us-led-air-strikes-block-daesh-fighters-in-syria"]);

    await rm(join(dir, "convoy-report.md"));
    const third = await publishFolder(dir, store, { prune: true });
    expect(third.ok).toBe(true);
    expect(await find(kv, "convoy")).toEqual(["tall-ships"]);
  });
});

describe("ResultsCache", () => {
  type Results = { total: number; page: number; totalPages: number; hits: never[]; reads: number };
  const results = (total: number): Results => ({ total, page: 1, totalPages: 1, hits: [], reads: 3 });

  it("forgets results older than its age limit", () => {
    let now = 0;
    const cache = new ResultsCache<Results>({ maxEntries: 4, maxAgeMs: 60_000, now: () => now });
    cache.set("q", results(1));
    now = 59_999;
    expect(cache.get("q")?.total).toBe(1);
    now = 60_000;
    expect(cache.get("q")).toBeUndefined();
  });

  it("evicts the least recently used entry past its size", () => {
    const cache = new ResultsCache<Results>({ maxEntries: 2, maxAgeMs: 60_000 });
    cache.set("a", results(1));
    cache.set("b", results(2));
    cache.get("a");
    cache.set("c", results(3));
    expect([cache.get("a")?.total, cache.get("b"), cache.get("c")?.total]).toEqual([1, undefined, 3]);
  });
});
