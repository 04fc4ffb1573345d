// Turns parsed articles into the complete KV state: article records, redirects, listing heads and buckets, the registry, sitemap, feeds. Pure.
import slugify from "@sindresorhus/slugify";
import { KEYS, type ListingKind } from "../../src/data/keys.ts";
import { bucketListing } from "../../src/data/listing-pages.ts";
import {
  type ArticleRecord,
  type Card,
  directionOf,
  isPublishedBy,
  isSlug,
  MAX_RELATED,
  type SectionList,
  type Sitemap,
  type Term,
} from "../../src/data/schema.ts";
import { buildFeeds } from "./feeds.ts";
import type { FrontMatter } from "./front-matter.ts";
import { hashOf } from "./hash.ts";
import { bodyMediaOf, type MediaIndex, mediaEntries, recordImage } from "./images.ts";
import { KV_LIMITS } from "./kv-limits.ts";
import { type RenderedBody, renderMarkdown } from "./markdown.ts";
import type { Problem, SourceArticle } from "./parse.ts";
import { FREE_REGISTRY, type Registry } from "./registry.ts";
import type { SearchSource } from "./search-index.ts";
import { publishedRecord, resolveSlugs } from "./slugs.ts";
import type { EntryKind, KvEntry, PublishedArticle } from "./types.ts";

/**
 * Related cards kept per article: the page shows five, and the extra ones stand in for any still scheduled, so a
 * page can always show three to five when the site has enough articles.
 */
export const RELATED_COUNT = MAX_RELATED + 3;

export type BuildResult = {
  entries: KvEntry[];
  /** What the sanitizer removed, per file: the CLI reports it. */
  sanitized: { file: string; removed: string[] }[];
  problems: Problem[];
  articleCount: number;
  /** Every built article, newest first, as the search index takes it (built after validation, see publish.ts). */
  searchSources: SearchSource[];
  /** Every article file: where it lives and what became of it (published, scheduled, draft), for the CLI's output. */
  articles: ArticleOutcome[];
  /** What the manifest remembers of each published file (its slug and former slugs). */
  published: Record<string, PublishedArticle>;
};

/** One article file's fate in this build. */
export type ArticleOutcome = {
  file: string;
  slug: string;
  state: "published" | "scheduled" | "draft";
  published: string;
  /** Set when the headline would give another slug than the one kept. */
  keptFrom?: string;
  /** Old slugs that now answer 301 here because `slug:` changed. */
  redirectsFrom: string[];
};

type Prepared = {
  source: SourceArticle;
  slug: string;
  fm: FrontMatter;
  card: Card;
  section: Term;
  tags: Term[];
  authors: Term[];
};

const toTerm = (name: string): Term => ({ name, slug: slugify(name) });

/** Builds every KV entry for a set of parsed articles; problems (duplicates, sizes) stop the publish. */
export type BuildOptions = {
  /** Called after each article is rendered: long runs show progress. */
  onRendered?: (done: number, total: number) => void;
  /** The largest value allowed (default: KV's 25 MiB). */
  maxValueBytes?: number;
  /** Markdown to sanitized HTML, with the article's local images (default: renderMarkdown; the CLI passes a cached one). */
  render?: (markdown: string, media?: Parameters<typeof renderMarkdown>[1]) => RenderedBody;
  /** Sections and authors (default: free, names as written). */
  registry?: Registry;
  /** What the last publish remembered of each file (the manifest's `articles`): keeps URLs stable. */
  previous?: Record<string, PublishedArticle>;
  /** The time that decides "scheduled" in the output (default: now). */
  now?: Date;
  /** The checked and encoded local images (images.ts); without it, local image paths are not resolved. */
  media?: MediaIndex;
};

export function buildSite(
  sources: SourceArticle[],
  {
    onRendered,
    maxValueBytes = KV_LIMITS.valueBytes,
    render = renderMarkdown,
    registry = FREE_REGISTRY,
    previous = {},
    now = new Date(),
    media,
  }: BuildOptions = {},
): BuildResult {
  const problems: Problem[] = [];
  const prepared: Prepared[] = [];
  const owners = new Map<string, string>(); // slug or old slug → file that claims it
  const articles: ArticleOutcome[] = [];
  const published: Record<string, PublishedArticle> = {};
  const live = sources.filter((s) => !s.frontMatter.draft);
  const slugs = resolveSlugs(live, previous);
  const automatic: { from: string; to: string; file: string }[] = [];

  for (const source of sources) {
    const fm = source.frontMatter;
    const resolved = slugs.get(source);
    if (resolved === undefined) {
      articles.push({
        file: source.file,
        slug: fm.slug ?? slugify(fm.headline),
        state: "draft",
        published: fm.published,
        redirectsFrom: [],
      });
      continue;
    }
    const { slug } = resolved;
    const problemAt = (field: string, message: string) =>
      problems.push({ file: source.file, field, ...lineOf(source, field), message });
    if (!isSlug(slug)) {
      problemAt("slug", `cannot be derived from the headline ("${slug}"); set slug: explicitly`);
      continue;
    }
    for (const claimed of [slug, ...fm.redirect_from]) {
      const owner = owners.get(claimed);
      if (owner !== undefined) problemAt(claimed === slug ? "slug" : "redirect_from", `"${claimed}" is already used by ${owner}`);
      else owners.set(claimed, source.file);
    }
    const section = resolveTerm(registry.section(fm.section), "section", problemAt);
    const authorNames = typeof fm.authors === "string" ? [fm.authors] : fm.authors;
    const authors = dedupeTerms(authorNames.flatMap((name) => resolveTerm(registry.author(name), "authors", problemAt) ?? []));
    const tags = dedupeTerms(fm.tags.map(toTerm));
    if (section === null || authors.length !== authorNames.length) continue;
    const unaddressable = [section, ...tags, ...authors].filter((t) => t.slug === "");
    for (const term of unaddressable) {
      const field = term === section ? "section" : tags.includes(term) ? "tags" : "authors";
      problemAt(field, `"${term.name}" has no letters a URL can use; add a Latin-letter name`);
    }
    if (unaddressable.length > 0) continue;
    for (const from of resolved.former) automatic.push({ from, to: slug, file: source.file });
    const card: Card = {
      slug,
      headline: fm.headline,
      summary: fm.summary,
      published: fm.published,
      ...(fm.updated ? { updated: fm.updated } : {}),
      authors: authors.map((a) => a.name),
      section,
      lang: fm.lang,
      ...(fm.image ? { image: recordImage(fm.image, media?.resolve(source.file, fm.image.src)) } : {}),
    };
    prepared.push({ source, slug, fm, card, section, tags, authors });
    const [name, record] = publishedRecord(source, resolved);
    published[name] = record;
    articles.push({
      file: source.file,
      slug,
      state: isPublishedBy(fm, now.getTime()) ? "published" : "scheduled",
      published: fm.published,
      ...(resolved.reason === "kept" && resolved.derived !== slug && isSlug(resolved.derived)
        ? { keptFrom: resolved.derived }
        : {}),
      redirectsFrom: resolved.former,
    });
  }

  const entries: KvEntry[] = [];
  const sanitized: BuildResult["sanitized"] = [];
  const put = (key: string, kind: EntryKind, data: unknown, file?: string) => {
    const value = JSON.stringify(data);
    const bytes = Buffer.byteLength(value);
    // A feed repeats its articles' bodies: when an article is already too big, that article is the one problem.
    const repeatsBody = kind === "feed" && problems.some((p) => p.field === "body");
    if (bytes > maxValueBytes && !repeatsBody) {
      problems.push({
        file: file ?? key,
        field: "body",
        message: `makes a KV value of ${bytes} bytes; the limit is ${maxValueBytes}`,
      });
    }
    entries.push({ key, kind, value, hash: hashOf(value) });
  };

  const cards = sortNewest(prepared, (p) => p.card).map((p) => p.card);
  const relatedOf = relatedFinder(prepared);
  const bodies = new Map<string, string>();
  let rendered = 0;
  for (const p of prepared) {
    const bodyMedia = media ? bodyMediaOf(p.source, media) : undefined;
    const { html, removed } = bodyMedia ? render(p.source.markdown, bodyMedia) : render(p.source.markdown);
    if (removed.length > 0) sanitized.push({ file: p.source.file, removed });
    put(KEYS.article(p.slug), "article", articleRecord(p, html, relatedOf(p)), p.source.file);
    bodies.set(p.slug, html);
    onRendered?.(++rendered, prepared.length);
    for (const old of p.fm.redirect_from) put(KEYS.article(old), "redirect", { kind: "redirect", to: p.slug }, p.source.file);
  }
  // A slug an article had before answers 301, unless another article (or its redirect_from) has claimed it since.
  for (const { from, to, file } of automatic) {
    if (owners.has(from)) continue;
    owners.set(from, file);
    put(KEYS.article(from), "redirect", { kind: "redirect", to }, file);
  }

  const listing = (kind: ListingKind, title: string, newestFirst: Card[]) => {
    const key = KEYS.listing(kind);
    const { head, buckets } = bucketListing(title, newestFirst);
    for (const [i, bucket] of buckets.entries()) put(KEYS.bucket(key, i + 1), "bucket", bucket);
    put(key, "listing", head);
  };
  listing({ kind: "home" }, "Latest news", cards);
  for (const [slug, { name, items }] of groupBy(prepared, (p) => [p.section])) listing({ kind: "section", slug }, name, items);
  for (const [slug, { name, items }] of groupBy(prepared, (p) => p.tags)) listing({ kind: "tag", slug }, name, items);
  for (const [slug, { name, items }] of groupBy(prepared, (p) => p.authors)) listing({ kind: "author", slug }, name, items);
  if (registry.site) put(KEYS.site, "site", registry.site);
  const sitemap: Sitemap = {
    kind: "sitemap",
    entries: cards.map((c) => ({
      slug: c.slug,
      headline: c.headline,
      published: c.published,
      modified: c.updated ?? c.published,
      lang: c.lang,
    })),
  };
  put(KEYS.sitemap, "sitemap", sitemap);
  put(KEYS.sections, "sections", sectionsOf(prepared));
  const newest = sortNewest(prepared, (p) => p.card);
  const searchSources = newest.map((p) => ({ card: p.card, tags: p.tags, bodyHtml: bodies.get(p.slug) ?? "" }));
  // Author feeds take the registry's author slugs, the same as the author pages they link to.
  const feedSources = newest.map((p) => ({
    item: { ...p.card, tags: p.tags, bodyHtml: bodies.get(p.slug) ?? "" },
    authors: p.authors,
  }));
  for (const feed of buildFeeds(feedSources)) put(feed.key, "feed", feed.data);
  if (media) entries.push(...mediaEntries(media.images));
  return { entries, sanitized, problems, articleCount: prepared.length, searchSources, articles, published };
}

/** The KV record of one article: its card, tags, bylines, body and related cards, with a hash of all of it. */
function articleRecord(p: Prepared, bodyHtml: string, related: Card[]): ArticleRecord {
  const { source: src } = p.fm;
  const content: Omit<ArticleRecord, "hash"> = {
    kind: "article",
    ...p.card,
    ...(src ? { source: typeof src === "string" ? { name: src } : src } : {}),
    tags: p.tags,
    dir: directionOf(p.fm.lang),
    bodyHtml,
    related,
    ...(p.authors.length > 0 ? { bylines: p.authors } : {}),
  };
  return { ...content, hash: hashOf(JSON.stringify(content)) };
}

/** A registry answer as a term, or null after reporting its problem. */
function resolveTerm(answer: Term | { problem: string }, field: string, report: (field: string, message: string) => void) {
  if ("problem" in answer) {
    report(field, answer.problem);
    return null;
  }
  return answer;
}

const lineOf = (source: SourceArticle, field: string) => (source.lines?.[field] ? { line: source.lines[field] } : {});

/** What related-article ranking needs of an article. */
export type Relatable = Pick<Prepared, "slug" | "section" | "tags" | "card">;

/**
/**
 * Returns a function giving up to RELATED_COUNT other articles, topical ones first: those that share tags or the
 * section. Articles published before the target come first (most shared tags, then same section, then newest); only
 * when fewer than RELATED_COUNT of those match do later ones fill in, nearest in time first; and when even those are
 * too few, the articles nearest in time before the target, then after it. So publishing a new article never changes
 * the related cards of an article that already has enough earlier ones: adding one costs a few KV writes, not
 * hundreds. Indexed once (posting lists per tag), so 10,000 articles take seconds.
 */
export function relatedFinder(all: Relatable[]): (target: Relatable) => Card[] {
  const ordered = sortNewest(all, (r) => r.card);
  const rank = new Map(ordered.map((r, i) => [r.slug, i]));
  const byTag = new Map<string, number[]>();
  const bySection = new Map<string, number[]>();
  ordered.forEach((r, i) => {
    for (const t of r.tags) pushTo(byTag, t.slug, i);
    pushTo(bySection, r.section.slug, i);
  });
  return (target) => {
    const self = rank.get(target.slug) ?? -1;
    const shared = new Map<number, number>();
    for (const t of target.tags) for (const i of byTag.get(t.slug) ?? []) if (i !== self) shared.set(i, (shared.get(i) ?? 0) + 1);
    const section = bySection.get(target.section.slug) ?? [];
    const sameSection = (i: number) => (ordered[i] as Relatable).section.slug === target.section.slug;
    // Score: shared tags, then same section; ties go to the newest (lowest rank). Older = higher rank than self.
    const score = (i: number) => (shared.get(i) ?? 0) * 2 + (sameSection(i) ? 1 : 0);
    const earlier: number[] = [];
    const consider = (i: number) => {
      if (i <= self || earlier.includes(i)) return;
      const s = score(i);
      let at = earlier.findIndex((b) => score(b) < s || (score(b) === s && b > i));
      if (at === -1) at = earlier.length;
      if (at < RELATED_COUNT) earlier.splice(at, 0, i);
      if (earlier.length > RELATED_COUNT) earlier.pop();
    };
    for (const i of shared.keys()) consider(i);
    // Section-only matches: the newest few older ones are enough; the posting list is newest first.
    const firstOlder = section.findIndex((i) => i > self);
    let taken = 0;
    for (let k = Math.max(0, firstOlder); firstOlder !== -1 && k < section.length && taken <= RELATED_COUNT; k++) {
      const i = section[k] as number;
      if (!shared.has(i)) {
        consider(i);
        taken++;
      }
    }
    const picked = [...earlier];
    // Later matches fill in, the nearest first (so the newest article of the site is the last to be picked).
    if (picked.length < RELATED_COUNT) {
      const laterMatches = new Set([...shared.keys()].filter((i) => i < self));
      for (const i of section) if (i < self) laterMatches.add(i);
      picked.push(...[...laterMatches].sort((a, b) => b - a).slice(0, RELATED_COUNT - picked.length));
    }
    // Still too few topical ones: the nearest articles in time, earlier ones first (they never change), then later.
    for (let i = self + 1; picked.length < RELATED_COUNT && i < ordered.length; i++) if (!picked.includes(i)) picked.push(i);
    for (let i = self - 1; picked.length < RELATED_COUNT && i >= 0; i--) if (!picked.includes(i)) picked.push(i);
    return picked.map((i) => (ordered[i] as Relatable).card);
  };
}

/** The header navigation's sections: every section in use, most articles first, then by name. */
export function sectionsOf(prepared: Pick<Prepared, "section">[]): SectionList {
  const counts = new Map<string, { term: Term; count: number }>();
  for (const { section } of prepared) {
    const seen = counts.get(section.slug) ?? { term: section, count: 0 };
    seen.count++;
    counts.set(section.slug, seen);
  }
  const items = [...counts.values()].sort((a, b) => b.count - a.count || a.term.name.localeCompare(b.term.name));
  return { kind: "sections", items: items.map((s) => s.term) };
}

/** Sorts newest first (ties by slug) with each date parsed once. */
export function sortNewest<T>(items: T[], cardOf: (item: T) => Card): T[] {
  return items
    .map((item) => ({ item, time: Date.parse(cardOf(item).published), slug: cardOf(item).slug }))
    .sort((a, b) => b.time - a.time || a.slug.localeCompare(b.slug))
    .map((d) => d.item);
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function groupBy(prepared: Prepared[], termsOf: (p: Prepared) => Term[]) {
  const groups = new Map<string, { name: string; items: Card[] }>();
  for (const p of prepared) {
    for (const term of termsOf(p)) {
      const group = groups.get(term.slug) ?? { name: term.name, items: [] };
      group.items.push(p.card);
      groups.set(term.slug, group);
    }
  }
  for (const group of groups.values()) group.items = sortNewest(group.items, (c) => c);
  return groups;
}

function dedupeTerms(terms: Term[]): Term[] {
  const seen = new Set<string>();
  return terms.filter((t) => !seen.has(t.slug) && seen.add(t.slug));
}
