// A reader's query, bounded and analyzed: what the search route may look up, or why it will not. Pure.
import { PAGE_SIZE } from "../data/keys.ts";
import { queryAnalyzer, words } from "../data/search-analyze.ts";

export const SEARCH_LIMITS = {
  /** Longer queries get a 400 page (checked before any analysis). */
  queryChars: 200,
  /** Distinct searchable words after stop words are dropped; more get a 400 page. */
  terms: 5,
} as const;

/**
 * The most index reads one uncached search makes: the head, one term shard per word, one docs shard per result on the
 * page (the route's content-version read, shared with every page and held 10 s per isolate, comes on top).
 */
export const MAX_SEARCH_READS = 1 + SEARCH_LIMITS.terms + PAGE_SIZE;

export type Query =
  | { kind: "empty" }
  | { kind: "too-long" }
  | { kind: "too-many-terms" }
  | { kind: "nothing-searchable" }
  /** `key` is the normalized query: the same words in any case, order, spelling variant or diacritics give one key. */
  | { kind: "terms"; terms: string[]; key: string };

/** Control and format characters (bidi overrides and isolates, zero-width joiners) and line separators. */
const INVISIBLE = /[\p{Cc}\p{Cf}\u2028\u2029]/gu;

/** The query as the page may show it back (escaped by the view): invisible characters removed, at most the limit. */
export function displayQuery(raw: string): string {
  return raw.replace(INVISIBLE, "").replace(/\s+/g, " ").trim().slice(0, SEARCH_LIMITS.queryChars);
}

export function parseQuery(raw: string): Query {
  if (raw.length > SEARCH_LIMITS.queryChars) return { kind: "too-long" };
  const text = raw.replace(INVISIBLE, "").trim();
  if (text === "") return { kind: "empty" };
  const terms = [...new Set(words(text).flatMap(({ word }) => queryAnalyzer(word) ?? []))];
  if (terms.length === 0) return { kind: "nothing-searchable" };
  if (terms.length > SEARCH_LIMITS.terms) return { kind: "too-many-terms" };
  return { kind: "terms", terms, key: [...terms].sort().join(" ") };
}
