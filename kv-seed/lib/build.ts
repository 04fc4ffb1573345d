// Turns parsed articles into the complete KV state: article records, redirects, listings, sitemap. Pure.
import slugify from "@sindresorhus/slugify";
import { KEYS, PAGE_SIZE } from "../../src/data/keys.ts";
import {
  type ArticleRecord,
  type Card,
  directionOf,
  isSlug,
  type ListingPage,
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
import type { SearchSource } from "./search-index.ts";
import type { EntryKind, KvEntry } from "./types.ts";

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
};

type Prepared = { source: SourceArticle; slug: string; fm: FrontMatter; card: Card; section: Term; tags: Term[] };

const toTerm = (name: string): Term => ({ name, slug: slugify(name) });

/** Builds every KV entry for a set of parsed articles; problems (duplicates, sizes) stop the publish. */
export type BuildOptions = {
  /** Called after each article is rendered: long runs show progress. */
  onRendered?: (done: number, total: number) => void;
  /** The largest value allowed (default: KV's 25 MiB). */
  maxValueBytes?: number;
  /** Markdown to sanitized HTML (default: renderMarkdown; the CLI passes a cached one). */
  render?: (markdown: string, media?: Parameters<typeof renderMarkdown>[1]) => RenderedBody;
  /** The checked and encoded local images (images.ts); without it, local image paths are not resolved. */
  media?: MediaIndex;
};

export function buildSite(
  sources: SourceArticle[],
  { onRendered, maxValueBytes = KV_LIMITS.valueBytes, render = renderMarkdown, media }: BuildOptions = {},
): BuildResult {
  const problems: Problem[] = [];
  const prepared: Prepared[] = [];
  const owners = new Map<string, string>(); // slug or old slug → file that claims it

  for (const source of sources) {
    const fm = source.frontMatter;
    if (fm.draft) continue;
    const slug = fm.slug ?? slugify(fm.headline);
    if (!isSlug(slug)) {
      problems.push({
        file: source.file,
        field: "slug",
        message: `cannot be derived from the headline ("${slug}"); set slug: explicitly`,
      });
      continue;
    }
    for (const claimed of [slug, ...fm.redirect_from]) {
      const owner = owners.get(claimed);
      if (owner !== undefined) {
        problems.push({
          file: source.file,
          field: claimed === slug ? "slug" : "redirect_from",
          message: `"${claimed}" is already used by ${owner}`,
        });
      } else owners.set(claimed, source.file);
    }
    const section = toTerm(fm.section);
    const tags = dedupeTerms(fm.tags.map(toTerm));
    const unaddressable = [section, ...tags].filter((t) => t.slug === "");
    for (const term of unaddressable) {
      problems.push({
        file: source.file,
        field: term === section ? "section" : "tags",
        message: `"${term.name}" has no letters a URL can use; add a Latin-letter name`,
      });
    }
    if (unaddressable.length > 0) continue;
    const authors = typeof fm.authors === "string" ? [fm.authors] : fm.authors;
    const card: Card = {
      slug,
      headline: fm.headline,
      summary: fm.summary,
      published: fm.published,
      ...(fm.updated ? { updated: fm.updated } : {}),
      authors,
      section,
      lang: fm.lang,
      ...(fm.image ? { image: recordImage(fm.image, media?.resolve(source.file, fm.image.src)) } : {}),
    };
    prepared.push({ source, slug, fm, card, section, tags });
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
    const { source: src } = p.fm;
    const content: Omit<ArticleRecord, "hash"> = {
      kind: "article",
      ...p.card,
      ...(src ? { source: typeof src === "string" ? { name: src } : src } : {}),
      tags: p.tags,
      dir: directionOf(p.fm.lang),
      bodyHtml: html,
      related: relatedOf(p),
    };
    const record: ArticleRecord = { ...content, hash: hashOf(JSON.stringify(content)) };
    bodies.set(p.slug, html);
    onRendered?.(++rendered, prepared.length);
    put(KEYS.article(p.slug), "article", record, p.source.file);
    for (const old of p.fm.redirect_from) put(KEYS.article(old), "redirect", { kind: "redirect", to: p.slug }, p.source.file);
  }

  for (const page of paginate("Latest news", cards)) put(KEYS.home(page.page), "listing", page);
  for (const [slug, { name, items }] of groupBy(prepared, (p) => [p.section])) {
    for (const page of paginate(name, items)) put(KEYS.section(slug, page.page), "listing", page);
  }
  for (const [slug, { name, items }] of groupBy(prepared, (p) => p.tags)) {
    for (const page of paginate(name, items)) put(KEYS.tag(slug, page.page), "listing", page);
  }
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
  const searchSources = sortNewest(prepared, (p) => p.card).map((p) => ({
    card: p.card,
    tags: p.tags,
    bodyHtml: bodies.get(p.slug) ?? "",
  }));
  for (const feed of buildFeeds(searchSources.map(({ card, tags, bodyHtml }) => ({ ...card, tags, bodyHtml })))) {
    put(feed.key, "feed", feed.data);
  }
  if (media) entries.push(...mediaEntries(media.images));
  return { entries, sanitized, problems, articleCount: prepared.length, searchSources };
}

/** What related-article ranking needs of an article. */
export type Relatable = Pick<Prepared, "slug" | "section" | "tags" | "card">;

/**
 * Returns a function giving up to RELATED_COUNT other articles that share tags or the section: most shared tags
 * first, then same section, then newest. Indexed once (posting lists per tag), so 10,000 articles take
 * seconds, not the minutes a pairwise comparison would.
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
    const self = rank.get(target.slug);
    const shared = new Map<number, number>();
    for (const t of target.tags) for (const i of byTag.get(t.slug) ?? []) if (i !== self) shared.set(i, (shared.get(i) ?? 0) + 1);
    const section = bySection.get(target.section.slug) ?? [];
    // Score: shared tags, then same section; ties go to the newest (lowest rank).
    const score = (i: number) =>
      (shared.get(i) ?? 0) * 2 + ((ordered[i] as Relatable).section.slug === target.section.slug ? 1 : 0);
    const best: number[] = [];
    const consider = (i: number) => {
      if (i === self || best.includes(i)) return;
      const s = score(i);
      let at = best.findIndex((b) => score(b) < s || (score(b) === s && b > i));
      if (at === -1) at = best.length;
      if (at < RELATED_COUNT) best.splice(at, 0, i);
      if (best.length > RELATED_COUNT) best.pop();
    };
    for (const i of shared.keys()) consider(i);
    // Section-only matches: the newest few are enough, the list is already newest first.
    let taken = 0;
    for (const i of section) {
      if (taken > RELATED_COUNT) break;
      if (!shared.has(i) && i !== self) {
        consider(i);
        taken++;
      }
    }
    // Too few share a tag or the section: the newest articles fill the list, after every topical match.
    for (let i = 0; i < ordered.length && best.length < RELATED_COUNT; i++) if (i !== self && !best.includes(i)) best.push(i);
    return best.map((i) => (ordered[i] as Relatable).card);
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

/** Splits newest-first cards into listing pages of PAGE_SIZE (at least one page, possibly empty). */
export function paginate(title: string, cards: Card[]): ListingPage[] {
  const totalPages = Math.max(1, Math.ceil(cards.length / PAGE_SIZE));
  return Array.from({ length: totalPages }, (_, i) => ({
    kind: "listing" as const,
    title,
    page: i + 1,
    totalPages,
    total: cards.length,
    items: cards.slice(i * PAGE_SIZE, (i + 1) * PAGE_SIZE),
  }));
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
