// A listing of article cards (home, section, tag): on the first page the newest story leads with a large image,
// headline and standfirst; the rest follow with thumbnails; then page navigation a reader can see.
import type { Card } from "../data/schema.ts";
import { articlePath, formatDate, pagePath, rtlOrNothing, sectionPath } from "./format.ts";
import { Picture } from "./picture.tsx";

/** The lead image spans the wide column on desktop and the screen on a phone. */
const LEAD_SIZES = "(min-width: 72rem) 42rem, (min-width: 48rem) 60vw, calc(100vw - 2rem)";
/** Thumbnails are 7.5rem wide on phones, 10rem from 48rem up. */
const THUMB_SIZES = "(min-width: 48rem) 10rem, 7.5rem";

export type CardListProps = {
  items: Card[];
  timeZone: string;
  /** Give the first card the lead treatment (first page of a listing). */
  lead?: boolean;
};

export function CardList({ items, timeZone, lead = false }: CardListProps) {
  return (
    <ol class="cards">
      {items.map((item, i) => {
        const isLead = lead && i === 0;
        return (
          <li lang={item.lang} dir={rtlOrNothing(item.lang)} class={isLead ? "lead" : item.image ? "with-thumb" : undefined}>
            {item.image ? (
              <Picture
                image={{ ...item.image, alt: "" }}
                sizes={isLead ? LEAD_SIZES : THUMB_SIZES}
                lead={isLead}
                class={isLead ? "lead-image" : "thumb"}
              />
            ) : null}
            <div class="card-text">
              <h2>
                <a href={articlePath(item.slug)}>{item.headline}</a>
              </h2>
              <p class={isLead ? "standfirst" : undefined}>{item.summary}</p>
              <p class="meta">
                <time datetime={item.published}>{formatDate(item.published, timeZone)}</time> ·{" "}
                <a href={sectionPath(item.section.slug)}>{item.section.name}</a>
              </p>
            </div>
          </li>
        );
      })}
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
            <a href={feed}>Atom feed</a>
          </p>
        ) : null}
      </div>
      {items.length > 0 ? <CardList items={items} timeZone={timeZone} lead={first} /> : <p>Nothing published here yet.</p>}
      {pagination ? <PageNav {...pagination} /> : null}
    </section>
  );
}
