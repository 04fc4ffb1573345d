// The search form (header, search page, 404 page) and the results page: headline, date, section, marked snippet.
import type { SearchDoc } from "../data/search-schema.ts";
import { SEARCH_LIMITS } from "../search/query.ts";
import { markTerms, type Segment, snippetOf } from "../search/snippet.ts";
import { articlePath, formatDate, rtlOrNothing, sectionPath } from "./format.ts";
import { SEARCH_TEXT as T } from "./search-text.ts";

export const SEARCH_PATH = "/search";

/**
 * A plain GET form: works without JavaScript. `id` keeps labels unique and `landmark` names the search landmark when a
 * page has two (the header's and the page's own).
 */
export function SearchForm({ id, query = "", landmark }: { id: string; query?: string; landmark: string }) {
  return (
    <search class="search" aria-label={landmark}>
      <form action={SEARCH_PATH} method="get">
        <label for={id} class="vh">
          {T.label}
        </label>
        <input
          type="search"
          id={id}
          name="q"
          value={query}
          maxlength={SEARCH_LIMITS.queryChars}
          placeholder={T.placeholder}
          autocomplete="off"
        />
        <button type="submit">{T.button}</button>
      </form>
    </search>
  );
}

function Marked({ segments }: { segments: Segment[] }) {
  return <>{segments.map((s) => (s.mark ? <mark>{s.text}</mark> : s.text))}</>;
}

export type SearchViewProps = {
  query: string;
  /** A message instead of results (empty, too long, nothing searchable…). */
  message?: string;
  results?: { total: number; page: number; totalPages: number; hits: SearchDoc[]; terms: string[] };
  /** The site's time zone (SITE_TIME_ZONE) for the result dates, as listings show them. */
  timeZone: string;
};

export function SearchView({ query, message, results, timeZone }: SearchViewProps) {
  const terms = new Set(results?.terms ?? []);
  return (
    <section aria-labelledby="search-heading">
      <h1 id="search-heading">{T.heading}</h1>
      <SearchForm id="search-page-q" query={query} landmark={T.pageLandmark} />
      {message ? <p class="search-message">{message}</p> : null}
      {results ? (
        <>
          <p class="meta" role="status">
            {T.count(results.total)}
            {query ? (
              <>
                {" · "}
                {T.resultsFor} “<bdi>{query}</bdi>”
              </>
            ) : null}
          </p>
          {results.total === 0 ? <p>{T.noResults}</p> : null}
          <ol class="cards">
            {results.hits.map((hit) => (
              <li lang={hit.lang} dir={rtlOrNothing(hit.lang)}>
                <h2>
                  <a href={articlePath(hit.slug)}>
                    <Marked segments={markTerms(hit.headline, terms)} />
                  </a>
                </h2>
                <p class="meta">
                  <time datetime={hit.published}>{formatDate(hit.published, timeZone)}</time> ·{" "}
                  <a href={sectionPath(hit.section.slug)}>{hit.section.name}</a>
                </p>
                <p>
                  <Marked segments={snippetOf(hit.text, terms)} />
                </p>
              </li>
            ))}
          </ol>
          <ResultPages query={query} page={results.page} totalPages={results.totalPages} />
        </>
      ) : null}
    </section>
  );
}

/** The URL of a results page: page 1 has no page parameter. */
export function searchUrl(query: string, page = 1): string {
  const params = new URLSearchParams({ q: query });
  if (page > 1) params.set("page", String(page));
  return `${SEARCH_PATH}?${params}`;
}

function ResultPages({ query, page, totalPages }: { query: string; page: number; totalPages: number }) {
  if (totalPages <= 1) return null;
  return (
    <nav class="pages" aria-label="Pages">
      {page > 1 ? (
        <a href={searchUrl(query, page - 1)} rel="prev">
          {T.newer}
        </a>
      ) : null}
      <span>{T.pageOf(page, totalPages)}</span>
      {page < totalPages ? (
        <a href={searchUrl(query, page + 1)} rel="next">
          {T.older}
        </a>
      ) : null}
    </nav>
  );
}
