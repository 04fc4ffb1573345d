// The search index's KV values: one schema for what the publisher writes and what the Worker reads. See docs/search.md.
import * as v from "valibot";
import { TermSchema } from "./schema.ts";

/** What a search result shows of an article: its card, and the start of its text for the snippet. */
export const SearchDocSchema = v.object({
  slug: v.string(),
  headline: v.string(),
  published: v.string(),
  section: TermSchema,
  lang: v.string(),
  /** Summary and the start of the body as plain text (at most SNIPPET_SOURCE_CHARS). */
  text: v.string(),
});
export type SearchDoc = v.InferOutput<typeof SearchDocSchema>;

/**
 * Term → postings: ascending article numbers, each `n * 2 + strong` (strong: in headline, summary, tags, section or
 * author), as base-36 gaps joined by commas. Checked as an object here, and each term's value where it is used
 * (decodePostings): validating thousands of entries per read would cost more CPU than the whole search.
 */
const Postings = v.custom<Record<string, unknown>>((x) => typeof x === "object" && x !== null && !Array.isArray(x));

export const SearchTermShardSchema = v.object({ kind: v.literal("search-terms"), terms: Postings });
export type SearchTermShard = v.InferOutput<typeof SearchTermShardSchema>;

export const SearchDocShardSchema = v.object({ kind: v.literal("search-docs"), docs: v.array(SearchDocSchema) });
export type SearchDocShard = v.InferOutput<typeof SearchDocShardSchema>;

/**
 * The entry point, read first by every search. The base (articles 0 … baseDocs−1, newest first) is immutable per
 * generation; articles added or changed since it was built live here, in `docs` and `terms` (numbered from baseDocs).
 */
export const SearchHeadSchema = v.object({
  kind: v.literal("search-head"),
  generation: v.number(),
  termShards: v.number(),
  docsPerShard: v.number(),
  baseDocs: v.number(),
  /** Base articles that were removed, or changed (their new version is in `docs`). */
  removed: v.array(v.number()),
  /** Base articles scheduled after the publish: [number, publication time in ms]. */
  scheduled: v.array(v.tuple([v.number(), v.number()])),
  /** Added or changed articles; `order` places each among the base's newest-first numbers. */
  docs: v.array(v.object({ ...SearchDocSchema.entries, order: v.number() })),
  terms: Postings,
});
export type SearchHead = v.InferOutput<typeof SearchHeadSchema>;

/** Characters of summary and body kept per article for snippets. */
export const SNIPPET_SOURCE_CHARS = 480;

/** The shard a term's postings live in: FNV-1a over its UTF-16 code units. */
export function termShard(term: string, shards: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < term.length; i++) h = Math.imul(h ^ term.charCodeAt(i), 0x01000193);
  return (h >>> 0) % shards;
}

/** Postings as [article number, strong] pairs, from their stored form. */
export function decodePostings(encoded: unknown, offset = 0): [number, boolean][] {
  if (typeof encoded !== "string" || encoded === "") return [];
  const out: [number, boolean][] = [];
  let value = 0;
  for (const gap of encoded.split(",")) {
    const step = Number.parseInt(gap, 36);
    if (!Number.isSafeInteger(step)) return [];
    value += step;
    out.push([offset + (value >> 1), (value & 1) === 1]);
  }
  return out;
}

/** The stored form of postings given as ascending [article number, strong] pairs. */
export function encodePostings(postings: [number, boolean][]): string {
  let previous = 0;
  return postings
    .map(([n, strong]) => {
      const value = n * 2 + (strong ? 1 : 0);
      const gap = value - previous;
      previous = value;
      return gap.toString(36);
    })
    .join(",");
}
