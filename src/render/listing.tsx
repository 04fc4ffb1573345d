// A listing of article cards (home, section, tag): on the first page the newest story leads with a large image,
// headline and standfirst; the rest follow with thumbnails; then page navigation a reader can see.
import type { Card } from "../data/schema.ts";
import { ArticleCard } from "./card.tsx";
import { jsonFeedPath, pagePath } from "./format.ts";
import { FEED_TEXT } from "./search-text.ts";

export type CardListProps = {
  items: Card[];
  timeZone: string;
  /** Give the first card the lead treatment (first page of a listing). */
  lead?: boolean;
};

export function CardList({ items, timeZone, lead = false }: CardListProps) {
  return (
    <ol class="cards">
      {items.map((item, i) => (
        <ArticleCard card={item} heading="h2" timeZone={timeZone} withSection withImage lead={lead && i === 0} />
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
  timeZone: string;
  pagination?: Pagination;
  feed?: string;
  /** Hide the heading visually (the home page: the site name already says it). */
  quietHeading?: boolean;
};

export function ListingView({ heading, items, timeZone, pagination, feed, quietHeading = false }: ListingViewProps) {
  const first = (pagination?.page ?? 1) === 1;
  return (
    <section aria-labelledby="listing-heading">
      <div class="listing-head">
        <h1 id="listing-heading" class={quietHeading ? "vh" : undefined}>
          {heading}
        </h1>
        {feed ? (
          <p class="meta">
            <a href={feed}>{FEED_TEXT.atomLink}</a> · <a href={jsonFeedPath(feed)}>{FEED_TEXT.jsonLink}</a>
          </p>
        ) : null}
      </div>
      {items.length > 0 ? <CardList items={items} timeZone={timeZone} lead={first} /> : <p>Nothing published here yet.</p>}
      {pagination ? <PageNav {...pagination} /> : null}
    </section>
  );
}
