// buildSite and relatedFinder: the KV state computed from parsed articles.
import { describe, expect, it } from "vitest";
import { buildSite, RELATED_COUNT, relatedFinder } from "../../kv-seed/lib/build.ts";
import type { SourceArticle } from "../../kv-seed/lib/parse.ts";
import type { KvEntry } from "../../kv-seed/lib/types.ts";
import { PAGE_SIZE } from "../../src/data/keys.ts";
import type { Card } from "../../src/data/schema.ts";
import { sourceArticle } from "./support/source.ts";

let n = 0;
function source(fm: Partial<SourceArticle["frontMatter"]> & { headline: string }, markdown = "Body."): SourceArticle {
  n++;
  return sourceArticle(fm, { file: `a${n}.md`, markdown });
}
const jsonAt = (entries: KvEntry[], key: string) => {
  const entry = entries.find((e) => e.key === key);
  return entry ? JSON.parse(entry.value) : undefined;
};

describe("buildSite", () => {
  it("derives the slug from the headline when none is given", () => {
    const { entries } = buildSite([source({ headline: "Harbourton Opens a Solar Ferry Line!" })]);
    expect(jsonAt(entries, "v1:article:harbourton-opens-a-solar-ferry-line")?.headline).toBe(
      "Harbourton Opens a Solar Ferry Line!",
    );
  });

  it("uses an explicit slug over the headline", () => {
    const { entries } = buildSite([source({ headline: "Anything", slug: "my-slug" })]);
    expect(entries.map((e) => e.key)).toContain("v1:article:my-slug");
  });

  it("gives right-to-left languages dir rtl and others ltr", () => {
    const { entries } = buildSite([
      source({ headline: "Arabic", slug: "ar-one", lang: "ar" }),
      source({ headline: "English", slug: "en-one" }),
    ]);
    expect(jsonAt(entries, "v1:article:ar-one").dir).toBe("rtl");
    expect(jsonAt(entries, "v1:article:en-one").dir).toBe("ltr");
  });

  it("stores sanitized body HTML and reports what was removed per file", () => {
    const s = source({ headline: "Hostile", slug: "hostile" }, "Hi <script>x()</script>");
    const { entries, sanitized } = buildSite([s]);
    expect(jsonAt(entries, "v1:article:hostile").bodyHtml).toBe("<p>Hi </p>");
    expect(sanitized).toEqual([{ file: s.file, removed: ["<script>"] }]);
  });

  it("leaves drafts out of articles, listings and the sitemap", () => {
    const { entries, articleCount } = buildSite([
      source({ headline: "Draft", slug: "draft", draft: true }),
      source({ headline: "Live", slug: "live" }),
    ]);
    expect(articleCount).toBe(1);
    expect(entries.some((e) => e.value.includes('"draft"'))).toBe(false);
  });

  it("writes a redirect record for every old slug", () => {
    const { entries } = buildSite([source({ headline: "New", slug: "new", redirect_from: ["old-one", "old-two"] })]);
    expect(jsonAt(entries, "v1:article:old-one")).toEqual({ kind: "redirect", to: "new" });
    expect(jsonAt(entries, "v1:article:old-two")).toEqual({ kind: "redirect", to: "new" });
  });

  it("builds home, section and tag listings newest first, paginated", () => {
    const sources = Array.from({ length: PAGE_SIZE + 1 }, (_, i) =>
      source({
        headline: `Story ${i}`,
        slug: `story-${i}`,
        published: `2026-11-${String(i + 1).padStart(2, "0")}T10:00:00Z`,
        section: "Local News",
        tags: i === 0 ? ["Tide Gauges"] : [],
      }),
    );
    const { entries } = buildSite(sources);
    const home = jsonAt(entries, "v1:list:home");
    expect(home.items.map((c: Card) => c.slug).slice(0, 2)).toEqual(["story-10", "story-9"]);
    expect([home.total, home.buckets, home.items.length]).toEqual([PAGE_SIZE + 1, 1, PAGE_SIZE + 1]);
    expect(jsonAt(entries, "v1:list:home:b:1").items.map((c: Card) => c.slug)).toEqual(
      Array.from({ length: PAGE_SIZE }, (_, i) => `story-${PAGE_SIZE - 1 - i}`),
    );
    expect(jsonAt(entries, "v1:list:section:local-news").title).toBe("Local News");
    expect(jsonAt(entries, "v1:list:tag:tide-gauges").items.map((c: Card) => c.slug)).toEqual(["story-0"]);
  });

  it("lists every article in the sitemap with its modified date", () => {
    const { entries } = buildSite([source({ headline: "A", slug: "a", updated: "2026-11-02T00:00:00Z" })]);
    expect(jsonAt(entries, "v1:sitemap").entries).toEqual([
      { slug: "a", headline: "A", published: "2026-11-01T10:00:00Z", modified: "2026-11-02T00:00:00Z", lang: "en" },
    ]);
  });

  it("gives each article a content hash that changes with its content", () => {
    const before = jsonAt(buildSite([source({ headline: "A", slug: "a" })]).entries, "v1:article:a").hash;
    const same = jsonAt(buildSite([source({ headline: "A", slug: "a" })]).entries, "v1:article:a").hash;
    const after = jsonAt(buildSite([source({ headline: "A", slug: "a" }, "Other body.")]).entries, "v1:article:a").hash;
    expect(before).toMatch(/^[0-9a-f]{16}$/);
    expect(same).toBe(before);
    expect(after).not.toBe(before);
  });

  it("refuses two articles with the same slug, naming both files", () => {
    const a = source({ headline: "Same" });
    const b = source({ headline: "Same" });
    expect(buildSite([a, b]).problems).toEqual([{ file: b.file, field: "slug", message: `"same" is already used by ${a.file}` }]);
  });

  it("refuses an old slug that another article owns", () => {
    const a = source({ headline: "Owner", slug: "taken" });
    const b = source({ headline: "Other", slug: "other", redirect_from: ["taken"] });
    expect(buildSite([a, b]).problems).toEqual([
      { file: b.file, field: "redirect_from", message: `"taken" is already used by ${a.file}` },
    ]);
  });

  it("refuses a headline without letters a slug can use when no slug is set", () => {
    const s = source({ headline: "市场报告" });
    expect(buildSite([s]).problems).toEqual([
      { file: s.file, field: "slug", message: 'cannot be derived from the headline (""); set slug: explicitly' },
    ]);
  });

  it("refuses a value over the value limit, naming the file", () => {
    // The real limit is KV's 25 MiB; a small one keeps the test fast (rendering 25 MiB of Markdown takes minutes).
    const s = source({ headline: "Huge", slug: "huge" }, "word ".repeat(1000));
    const { problems } = buildSite([s], { maxValueBytes: 4000 });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: s.file, field: "body" });
    expect(problems[0]?.message).toMatch(/^makes a KV value of \d{4} bytes; the limit is 4000$/);
  });

  it("uses KV's 25 MiB as the default value limit", () => {
    expect(buildSite([source({ headline: "Small", slug: "small" }, "word ".repeat(1000))]).problems).toEqual([]);
  });
});

describe("relatedFinder", () => {
  const card = (slug: string, published: string) => ({ slug, published }) as Card;
  const item = (slug: string, section: string, tags: string[], day: number) => ({
    slug,
    section: { name: section, slug: section },
    tags: tags.map((t) => ({ name: t, slug: t })),
    card: card(slug, `2026-11-${String(day).padStart(2, "0")}T00:00:00Z`),
  });

  it("ranks earlier articles by shared tags, then same section, then newest, and never includes the article itself", () => {
    const target = item("t", "world", ["a", "b"], 20);
    const all = [
      target,
      item("two-tags", "sport", ["a", "b"], 2),
      item("one-tag-old", "sport", ["a"], 3),
      item("one-tag-new", "sport", ["b"], 9),
      item("one-tag-same-section", "world", ["a"], 4),
      item("section-only", "world", [], 8),
      item("unrelated", "sport", ["z"], 10),
    ];
    expect(relatedFinder(all)(target).map((c) => c.slug)).toEqual([
      "two-tags",
      "one-tag-same-section",
      "one-tag-new",
      "one-tag-old",
      "section-only",
      "unrelated",
    ]);
  });

  it(`keeps at most ${RELATED_COUNT} cards (the page shows five; the rest stand in for scheduled ones), newest first among equals`, () => {
    const target = item("t", "world", [], 20);
    const all = [target, ...Array.from({ length: 10 }, (_, i) => item(`s${i}`, "world", [], i + 2))];
    expect(relatedFinder(all)(target).map((c) => c.slug)).toEqual(["s9", "s8", "s7", "s6", "s5", "s4", "s3", "s2"]);
  });

  it("fills with the articles nearest in time, after every topical match, when too few share a tag or the section", () => {
    const target = item("t", "world", ["a"], 1);
    const all = [target, item("old", "sport", ["b"], 2), item("new", "sport", [], 5), item("match", "world", [], 3)];
    expect(relatedFinder(all)(target).map((c) => c.slug)).toEqual(["match", "old", "new"]);
  });

  it("fills in with later articles, nearest first, only when too few earlier ones match", () => {
    const target = item("t", "world", ["a"], 5);
    const all = [
      target,
      item("earlier", "world", [], 1),
      item("later-near", "sport", ["a"], 6),
      item("later-far", "world", ["a"], 9),
      item("later-unrelated", "sport", [], 7),
    ];
    // Then, still short of RELATED_COUNT, the unrelated article nearest in time fills in last.
    expect(relatedFinder(all)(target).map((c) => c.slug)).toEqual(["earlier", "later-near", "later-far", "later-unrelated"]);
  });

  it(`keeps the cards of an article with ${RELATED_COUNT} earlier matches when a newer, better match is published`, () => {
    const target = item("t", "world", ["a", "b"], 20);
    const earlier = Array.from({ length: RELATED_COUNT }, (_, i) => item(`e${i}`, "world", [], i + 1));
    const before = relatedFinder([target, ...earlier])(target);
    const after = relatedFinder([target, ...earlier, item("new-two-tags", "world", ["a", "b"], 21)])(target);
    expect(after).toEqual(before);
    expect(after.map((c) => c.slug)).toEqual(["e7", "e6", "e5", "e4", "e3", "e2", "e1", "e0"]);
  });
});
