// Marks a query's words in a result's text and cuts the snippet around the first match. Pure.
import { queryAnalyzer, words } from "../data/search-analyze.ts";
import type { SearchDoc } from "../data/search-schema.ts";

export type Segment = { text: string; mark: boolean };

/** Characters a snippet shows. */
export const SNIPPET_CHARS = 220;

/** The text split into plain and matched runs (a word matches when it analyzes to one of the terms). */
export function markTerms(text: string, terms: ReadonlySet<string>): Segment[] {
  const out: Segment[] = [];
  let at = 0;
  for (const w of words(text)) {
    const term = queryAnalyzer(w.word);
    if (term === null || !terms.has(term)) continue;
    if (w.start > at) out.push({ text: text.slice(at, w.start), mark: false });
    out.push({ text: w.word, mark: true });
    at = w.end;
  }
  if (at < text.length) out.push({ text: text.slice(at), mark: false });
  return out;
}

/** A result as its page shows it: the headline and the snippet with the query's words marked. */
export type MarkedHit = SearchDoc & { marked: { headline: Segment[]; snippet: Segment[] } };

/** Marks each hit once, when its results are found: results kept in memory are shown again without re-analysis. */
export function markHits(hits: readonly SearchDoc[], terms: readonly string[]): MarkedHit[] {
  const set = new Set(terms);
  return hits.map((hit) => ({ ...hit, marked: { headline: markTerms(hit.headline, set), snippet: snippetOf(hit.text, set) } }));
}

/** About SNIPPET_CHARS of the text starting shortly before the first match, cut at spaces, with ellipses where cut. */
export function snippetOf(text: string, terms: ReadonlySet<string>): Segment[] {
  const first = words(text).find((w) => terms.has(queryAnalyzer(w.word) ?? ""));
  let start = 0;
  if (first && first.end > SNIPPET_CHARS - 40) start = text.lastIndexOf(" ", first.start - 40) + 1;
  let end = Math.min(text.length, start + SNIPPET_CHARS);
  if (end < text.length) {
    const space = text.lastIndexOf(" ", end);
    if (space > start) end = space;
  }
  const segments = markTerms(text.slice(start, end), terms);
  if (start > 0) segments.unshift({ text: "… ", mark: false });
  if (end < text.length) segments.push({ text: " …", mark: false });
  return segments;
}
