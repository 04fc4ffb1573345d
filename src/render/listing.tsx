// A listing of article cards (home, section, tag): headline, summary, date, link, and page navigation.
import type { Card } from "../data/schema.ts";
import { useMessages } from "../i18n/index.ts";
import { ArticleCard } from "./card.tsx";
import { jsonFeedPath, pagePath } from "./format.ts";

export function CardList({ items }: { items: Card[] }) {
  return (
    <ol class="cards">
      {items.map((item) => (
        <ArticleCard card={item} heading="h2" withSection />
      ))}
    </ol>
  );
}

export type Pagination = { page: number; totalPages: number; base: string };

/** Newer/older links and "Page n of m"; nothing when there is one page. */
export function PageNav({ page, totalPages, base }: Pagination) {
  const t = useMessages();
  if (totalPages <= 1) return null;
  return (
    <nav class="pages" aria-label={t.pagesLabel}>
      {page > 1 ? (
        <a href={pagePath(base, page - 1)} rel="prev">
          {t.newer}
        </a>
      ) : null}
      <span>{t.pageOf(page, totalPages)}</span>
      {page < totalPages ? (
        <a href={pagePath(base, page + 1)} rel="next">
          {t.older}
        </a>
      ) : null}
    </nav>
  );
}

export type ListingViewProps = { heading: string; items: Card[]; pagination?: Pagination; feed?: string };

export function ListingView({ heading, items, pagination, feed }: ListingViewProps) {
  const t = useMessages();
  return (
    <section aria-labelledby="listing-heading">
      <h1 id="listing-heading">{heading}</h1>
      {feed ? (
        <p class="meta">
          <a href={feed}>{t.atomFeed}</a> · <a href={jsonFeedPath(feed)}>{t.jsonFeed}</a>
        </p>
      ) : null}
      {items.length > 0 ? <CardList items={items} /> : <p>{t.nothingPublished}</p>}
      {pagination ? <PageNav {...pagination} /> : null}
    </section>
  );
}
