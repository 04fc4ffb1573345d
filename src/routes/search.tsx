// /search?q=…[&page=n]: server-rendered results from the KV index. Bad input gets a 400 or an empty page, never a 5xx.
import { type Context, Hono } from "hono";
import { contentVersions } from "../cache/content-version.ts";
import type { AppEnv } from "../env.ts";
import { SEARCH_PATH, SearchView, type SearchViewProps } from "../render/search.tsx";

export { SEARCH_PATH };

import { runSearch, type SearchResults } from "../search/engine.ts";
import { displayQuery, parseQuery, SEARCH_LIMITS } from "../search/query.ts";
import { ResultsCache } from "../search/results-cache.ts";
import { type MarkedHit, markHits } from "../search/snippet.ts";
import { messagesFor, renderNotFound, renderPage } from "./respond.tsx";

export const search = new Hono<AppEnv>();

/** KV reads this search made (0 when answered from memory): a diagnostic the search bench reads. */
export const SEARCH_READS_HEADER = "X-Edgewire-Search-Reads";
/** How long results are reused (ms); also the most a scheduled article can appear late in search. */
export const SEARCH_RESULTS_MAX_AGE_MS = 60_000;

const PAGE_PATTERN = /^[1-9][0-9]{0,3}$/;
const versions = contentVersions(10_000);
/** Results with their hits already marked, so a repeated query costs no analysis of its results' text. */
const cache = new ResultsCache<Omit<SearchResults, "hits"> & { hits: MarkedHit[] }>({
  maxEntries: 256,
  maxAgeMs: SEARCH_RESULTS_MAX_AGE_MS,
});

function page(c: Context<AppEnv>, query: string, view: Omit<SearchViewProps, "query" | "timeZone">, status: 200 | 400 = 200) {
  const { name: site, timeZone } = c.var.config.site;
  const t = messagesFor(c);
  return renderPage(c, <SearchView query={query} timeZone={timeZone} {...view} />, {
    title: `${t.searchTitle(query)} · ${site}`,
    description: t.searchDescription(site),
    status,
    // Results pages are not for search engines' indexes; the page itself is.
    head: query ? <meta name="robots" content="noindex" /> : undefined,
    ...(query ? {} : { path: SEARCH_PATH }),
  });
}

search.get(SEARCH_PATH, async (c) => {
  const raw = c.req.query("q") ?? "";
  const pageParam = c.req.query("page");
  if (pageParam !== undefined && !PAGE_PATTERN.test(pageParam)) return renderNotFound(c);
  const pageNumber = Number(pageParam ?? 1);
  const query = parseQuery(raw);
  const t = messagesFor(c);
  if (query.kind === "too-long") return page(c, "", { message: t.searchTooLong(SEARCH_LIMITS.queryChars) }, 400);
  const shown = displayQuery(raw);
  if (query.kind === "empty") return page(c, "", { message: t.searchPrompt });
  if (query.kind === "too-many-terms") return page(c, shown, { message: t.searchTooManyTerms(SEARCH_LIMITS.terms) }, 400);
  if (query.kind === "nothing-searchable") return page(c, shown, { message: t.searchNothingSearchable });

  const version = await versions.current(c.env.CONTENT);
  const key = `${version}|${pageNumber}|${query.key}`;
  let results = cache.get(key);
  const reads = results === undefined ? null : 0;
  if (results === undefined) {
    const found = await runSearch(c.env.CONTENT, query.terms, pageNumber, Date.now());
    results = { ...found, hits: markHits(found.hits, query.terms) };
    cache.set(key, results);
  }
  c.header(SEARCH_READS_HEADER, String(reads ?? results.reads));
  if (pageNumber > results.totalPages) return renderNotFound(c);
  return page(c, shown, { results });
});
