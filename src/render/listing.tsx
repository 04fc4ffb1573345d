// A listing of article cards (home, section, tag): headline, summary, date, link, and page navigation.
import type { Card } from "../data/schema.ts";
import { ArticleCard } from "./card.tsx";
import { jsonFeedPath, pagePath } from "./format.ts";
import { FEED_TEXT } from "./search-text.ts";

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
  if (totalPages <= 1) return null;
  return (
    <nav class="pages" aria-label="Pages">
      {page > 1 ? (
        <a href={pagePath(base, page - 1)} rel="prev">
          ← Newer
        </a>
      ) : null}
      <span>
        Page {page} of {totalPages}
      </span>
      {page < totalPages ? (
        <a href={pagePath(base, page + 1)} rel="next">
          Older →
        </a>
      ) : null}
    </nav>
  );
}

export type ListingViewProps = {
  heading: string;
  items: Card[];
  pagination?: Pagination;
  feed?: string;
  /** A section's description or an author's bio (with their own link), from the site registry. */
  about?: { text: string; link?: string };
};

export function ListingView({ heading, items, pagination, feed, about }: ListingViewProps) {
  return (
    <section aria-labelledby="listing-heading">
      <h1 id="listing-heading">{heading}</h1>
      {about ? (
        <p class="about">
          {about.text}
          {about.link ? (
            <>
              {" "}
              <a href={about.link} rel="me">
                {new URL(about.link).host}
              </a>
            </>
          ) : null}
        </p>
      ) : null}
      {feed ? (
        <p class="meta">
          <a href={feed}>{FEED_TEXT.atomLink}</a> · <a href={jsonFeedPath(feed)}>{FEED_TEXT.jsonLink}</a>
        </p>
      ) : null}
      {items.length > 0 ? <CardList items={items} /> : <p>Nothing published here yet.</p>}
      {pagination ? <PageNav {...pagination} /> : null}
    </section>
  );
}
