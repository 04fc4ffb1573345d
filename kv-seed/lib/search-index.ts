// Builds the search index's KV values at publish time: an immutable, term-sharded base per generation, plus a small
// head holding what changed since. A one-article publish rewrites the head only; a large change rebuilds the base.
// See docs/search.md for the design and its figures.
import { parseFragment } from "parse5";
import { KEYS } from "../../src/data/keys.ts";
import type { Card, Term } from "../../src/data/schema.ts";
import { analyzerFor, termsOf } from "../../src/data/search-analyze.ts";
import {
  encodePostings,
  type SearchDoc,
  type SearchHead,
  SNIPPET_SOURCE_CHARS,
  termShard,
} from "../../src/data/search-schema.ts";
import { hashOf } from "./hash.ts";
import type { KvEntry } from "./types.ts";

/** What the index needs of one published article. */
export type SearchSource = { card: Card; tags: Term[]; bodyHtml: string };

/** The publisher's record of a generation's base: every article in base order as [slug, search hash, published ms]. */
export type SearchMeta = {
  kind: "search-meta";
  generation: number;
  termShards: number;
  docsPerShard: number;
  base: [string, string, number][];
};

export const SEARCH_INDEX = {
  /** Result cards per docs shard: a results page of 10 reads at most 10 shards, usually 1–2 (newest first). */
  docsPerShard: 64,
  /** The base's term shards are sized to about this many bytes each (a power-of-two count of them). */
  targetShardBytes: 48 * 1024,
  maxTermShards: 4096,
  /** The head stays under this; a publish that would make it bigger rebuilds the base instead. */
  maxHeadBytes: 96 * 1024,
} as const;

export type SearchEntry = { key: string; kind: "search" | "search-head" | "search-meta"; data: unknown };
export type SearchIndexBuild = {
  entries: SearchEntry[];
  /** Keys written by an earlier publish that must stay (the current base; after a rebuild, the previous one). */
  retain: string[];
  rebuilt: boolean;
};

type Indexed = { slug: string; hash: string; time: number; doc: SearchDoc; strong: Set<string>; weak: Set<string> };

/**
 * The index for a set of published articles. With the previous publish's meta it keeps that base and writes only a
 * new head, unless the head would outgrow SEARCH_INDEX.maxHeadBytes; then (or without meta) it builds a new
 * generation. `now` decides which base articles the head lists as scheduled.
 */
export function buildSearchIndex(sources: SearchSource[], previous: SearchMeta | null, now: number): SearchIndexBuild {
  const indexed = newestFirst(sources.map(indexable));
  if (previous !== null && previous.docsPerShard === SEARCH_INDEX.docsPerShard) {
    const head = incrementalHead(indexed, previous, now);
    if (head !== null && JSON.stringify(head).length <= SEARCH_INDEX.maxHeadBytes) {
      return {
        entries: [
          { key: KEYS.searchHead, kind: "search-head", data: head },
          { key: KEYS.searchMeta, kind: "search-meta", data: previous },
        ],
        retain: baseKeys(previous),
        rebuilt: false,
      };
    }
  }
  return { ...fullBuild(indexed, (previous?.generation ?? 0) + 1, now), retain: previous ? baseKeys(previous) : [] };
}

/** The index as KV entries to plan, with the keys to retain. */
export function searchEntries(
  sources: SearchSource[],
  previous: SearchMeta | null,
  now: number,
): { entries: KvEntry[]; retain: string[] } {
  const build = buildSearchIndex(sources, previous, now);
  const entries = build.entries.map(({ key, kind, data }) => {
    const value = JSON.stringify(data);
    return { key, kind, value, hash: hashOf(value) };
  });
  return { entries, retain: build.retain };
}

function fullBuild(indexed: Indexed[], generation: number, now: number): Omit<SearchIndexBuild, "retain"> {
  const postings = postingsOf(indexed, 0);
  const bytes = [...postings].reduce((n, [term, p]) => n + term.length + p.length + 6, 0);
  const wanted = Math.ceil(bytes / SEARCH_INDEX.targetShardBytes);
  const termShards = Math.min(SEARCH_INDEX.maxTermShards, 2 ** Math.ceil(Math.log2(Math.max(1, wanted))));
  const shards: Record<string, string>[] = Array.from({ length: termShards }, () => ({}));
  for (const [term, p] of postings) (shards[termShard(term, termShards)] as Record<string, string>)[term] = p;
  const { docsPerShard } = SEARCH_INDEX;
  const entries: SearchEntry[] = shards.map((terms, i) => ({
    key: KEYS.searchTerms(generation, i),
    kind: "search",
    data: { kind: "search-terms", terms },
  }));
  for (let i = 0; i * docsPerShard < indexed.length; i++) {
    const docs = indexed.slice(i * docsPerShard, (i + 1) * docsPerShard).map((d) => d.doc);
    entries.push({ key: KEYS.searchDocs(generation, i), kind: "search", data: { kind: "search-docs", docs } });
  }
  const head: SearchHead = {
    kind: "search-head",
    generation,
    termShards,
    docsPerShard,
    baseDocs: indexed.length,
    removed: [],
    scheduled: scheduledIn(indexed, now),
    docs: [],
    terms: {},
  };
  const meta: SearchMeta = {
    kind: "search-meta",
    generation,
    termShards,
    docsPerShard,
    base: indexed.map((d) => [d.slug, d.hash, d.time]),
  };
  entries.push({ key: KEYS.searchHead, kind: "search-head", data: head });
  entries.push({ key: KEYS.searchMeta, kind: "search-meta", data: meta });
  return { entries, rebuilt: true };
}

/** A head over the previous base: base articles gone or changed are listed as removed; new versions are added. */
function incrementalHead(indexed: Indexed[], previous: SearchMeta, now: number): SearchHead | null {
  const current = new Map(indexed.map((d) => [d.slug, d]));
  const removed: number[] = [];
  const inBase = new Set<string>();
  previous.base.forEach(([slug, hash], i) => {
    if (current.get(slug)?.hash === hash) inBase.add(slug);
    else removed.push(i);
  });
  const added = indexed.filter((d) => !inBase.has(d.slug));
  const baseNewer = (d: Indexed) => {
    // Base order is newest first, ties by slug: count the base articles that sort before d.
    let lo = 0;
    let hi = previous.base.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const [slug, , time] = previous.base[mid] as [string, string, number];
      if (time > d.time || (time === d.time && slug < d.slug)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const base = previous.base.length;
  const scheduled = previous.base
    .map(([, , time], i): [number, number] => [i, time])
    .filter(([i, time]) => time > now && !removed.includes(i));
  return {
    kind: "search-head",
    generation: previous.generation,
    termShards: previous.termShards,
    docsPerShard: previous.docsPerShard,
    baseDocs: base,
    removed,
    scheduled,
    docs: added.map((d, k) => ({ ...d.doc, order: baseNewer(d) - 0.5 + k / (added.length + 1) / 2 })),
    terms: Object.fromEntries(postingsOf(added, base)),
  };
}

/** Every term's encoded postings, terms in code-unit order so that the same articles give the same bytes. */
function postingsOf(indexed: Indexed[], offset: number): [string, string][] {
  const lists = new Map<string, [number, boolean][]>();
  indexed.forEach((d, i) => {
    for (const term of d.strong) push(lists, term, [offset + i, true]);
    for (const term of d.weak) if (!d.strong.has(term)) push(lists, term, [offset + i, false]);
  });
  return [...lists.keys()].sort().map((term) => [term, encodePostings(lists.get(term) ?? [])]);
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function indexable({ card, tags, bodyHtml }: SearchSource): Indexed {
  const analyze = analyzerFor(card.lang);
  const body = plainText(bodyHtml);
  const strongText = [card.headline, card.summary, card.section.name, ...tags.map((t) => t.name), ...card.authors].join("\n");
  const doc: SearchDoc = {
    slug: card.slug,
    headline: card.headline,
    published: card.published,
    section: card.section,
    lang: card.lang,
    text: clip(`${card.summary} ${body}`, SNIPPET_SOURCE_CHARS),
  };
  return {
    slug: card.slug,
    hash: hashOf(JSON.stringify([doc, strongText, body])),
    time: Date.parse(card.published),
    doc,
    strong: termsOf(strongText, analyze),
    weak: termsOf(body, analyze),
  };
}

function newestFirst(indexed: Indexed[]): Indexed[] {
  return [...indexed].sort((a, b) => b.time - a.time || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
}

function scheduledIn(indexed: Indexed[], now: number): [number, number][] {
  return indexed.flatMap((d, i): [number, number][] => (d.time > now ? [[i, d.time]] : []));
}

/** The keys of a generation's base, from its meta. */
function baseKeys(meta: SearchMeta): string[] {
  const docShards = Math.ceil(meta.base.length / meta.docsPerShard);
  return [
    ...Array.from({ length: meta.termShards }, (_, i) => KEYS.searchTerms(meta.generation, i)),
    ...Array.from({ length: docShards }, (_, i) => KEYS.searchDocs(meta.generation, i)),
  ];
}

const BLOCK = new Set([
  "p",
  "li",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "blockquote",
  "br",
  "div",
  "pre",
  "td",
  "th",
  "figcaption",
]);
type HtmlNode = { nodeName: string; value?: string; childNodes?: HtmlNode[] };

/** The text a reader sees in sanitized body HTML, blocks separated by spaces. */
export function plainText(html: string): string {
  const out: string[] = [];
  const walk = (node: HtmlNode) => {
    if (node.nodeName === "#text") out.push(node.value ?? "");
    for (const child of node.childNodes ?? []) walk(child);
    if (BLOCK.has(node.nodeName)) out.push(" ");
  };
  walk(parseFragment(html) as unknown as HtmlNode);
  return out.join("").replace(/\s+/g, " ").trim();
}

/** At most `max` characters, cut at a word boundary. */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return space > max / 2 ? cut.slice(0, space) : cut;
}

/** The meta as stored, or null when it is missing or not one this publisher wrote (a rebuild follows). */
export function parseSearchMeta(raw: string | null): SearchMeta | null {
  if (raw === null) return null;
  try {
    const meta = JSON.parse(raw) as Partial<SearchMeta>;
    const ok =
      meta.kind === "search-meta" &&
      Number.isInteger(meta.generation) &&
      Number.isInteger(meta.termShards) &&
      Number.isInteger(meta.docsPerShard) &&
      Array.isArray(meta.base);
    return ok ? (meta as SearchMeta) : null;
  } catch {
    return null;
  }
}
