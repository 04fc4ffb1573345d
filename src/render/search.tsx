// The search form (header, search page, 404 page) and the results page: headline, date, section, marked snippet.
import { useMessages } from "../i18n/index.ts";
import { SEARCH_LIMITS } from "../search/query.ts";
import type { MarkedHit, Segment } from "../search/snippet.ts";
import { articlePath, dirAgainst, formatDate, sectionPath } from "./format.ts";
import { PageLinks } from "./listing.tsx";

export const SEARCH_PATH = "/search";

/**
 * A plain GET form: works without JavaScript. `id` keeps labels unique and `landmark` names the search landmark when a
 * page has two (the header's and the page's own).
 */
export function SearchForm({ id, query = "", landmark }: { id: string; query?: string; landmark: string }) {
  const t = useMessages();
  return (
    <search class="search" aria-label={landmark}>
      <form action={SEARCH_PATH} method="get">
        <label for={id} class="vh">
          {t.searchLabel}
        </label>
        <input
          type="search"
          id={id}
          name="q"
          value={query}
          maxlength={SEARCH_LIMITS.queryChars}
          placeholder={t.searchPlaceholder}
          autocomplete="off"
        />
        <button type="submit">{t.searchButton}</button>
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
  /** The results page: its hits with the query's words already marked (search/snippet.ts markHits). */
  results?: { total: number; page: number; totalPages: number; hits: MarkedHit[] };
  /** The site's time zone (SITE_TIME_ZONE) for the result dates, as listings show them. */
  timeZone: string;
};

export function SearchView({ query, message, results, timeZone }: SearchViewProps) {
  const t = useMessages();
  return (
    <section aria-labelledby="search-heading">
      <h1 id="search-heading">{t.searchHeading}</h1>
      <SearchForm id="search-page-q" query={query} landmark={t.searchPageLandmark} />
      {message ? <p class="search-message">{message}</p> : null}
      {results ? (
        <>
          <p class="meta" role="status">
            {t.searchCount(results.total)}
            {query ? (
              <>
                {" · "}
                {t.searchResultsFor} “<bdi>{query}</bdi>”
              </>
            ) : null}
          </p>
          {results.total === 0 ? <p>{t.searchNoResults}</p> : null}
          <ol class="cards">
            {results.hits.map((hit) => (
              <li lang={hit.lang} dir={dirAgainst(hit.lang, t.dir)}>
                <h2>
                  <a href={articlePath(hit.slug)}>
                    <Marked segments={hit.marked.headline} />
                  </a>
                </h2>
                <p class="meta">
                  <time datetime={hit.published}>{formatDate(hit.published, t, hit.lang, timeZone)}</time> ·{" "}
                  <a href={sectionPath(hit.section.slug)}>{hit.section.name}</a>
                </p>
                <p>
                  <Marked segments={hit.marked.snippet} />
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
  const t = useMessages();
  const href = (n: number) => searchUrl(query, n);
  return <PageLinks page={page} totalPages={totalPages} href={href} newer={t.searchNewer} older={t.searchOlder} />;
}
