// A listing of article cards (home, section, tag): on the first page the newest story leads with a large image,
// headline and standfirst; the rest follow with thumbnails; then page navigation a reader can see.
import type { Card } from "../data/schema.ts";
import { useMessages } from "../i18n/index.ts";
import { ArticleCard } from "./card.tsx";
import { jsonFeedPath, pagePath } from "./format.ts";

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
  const t = useMessages();
  return <PageLinks page={page} totalPages={totalPages} href={(n) => pagePath(base, n)} newer={t.newer} older={t.older} />;
}

/** The one pagination markup (listings, search results): previous and next links around "Page n of m". */
export function PageLinks(props: {
  page: number;
  totalPages: number;
  href: (page: number) => string;
  newer: string;
  older: string;
}) {
  const { page, totalPages, href } = props;
  const t = useMessages();
  if (totalPages <= 1) return null;
  return (
    <nav class="pages" aria-label={t.pagesLabel}>
      {page > 1 ? (
        <a href={href(page - 1)} rel="prev">
          {props.newer}
        </a>
      ) : null}
      <span>{t.pageOf(page, totalPages)}</span>
      {page < totalPages ? (
        <a href={href(page + 1)} rel="next">
          {props.older}
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
  /** A section's description or an author's bio (with their own link), from the site registry. */
  about?: { text: string; link?: string };
  /** Hide the heading visually (the home page: the site name already says it). */
  quietHeading?: boolean;
};

export function ListingView({ heading, items, timeZone, pagination, feed, about, quietHeading = false }: ListingViewProps) {
  const t = useMessages();
  const first = (pagination?.page ?? 1) === 1;
  return (
    <section aria-labelledby="listing-heading">
      <div class="listing-head">
        <h1 id="listing-heading" class={quietHeading ? "vh" : undefined}>
          {heading}
        </h1>
        {feed ? (
          <p class="meta">
            <a href={feed}>{t.atomFeed}</a> · <a href={jsonFeedPath(feed)}>{t.jsonFeed}</a>
          </p>
        ) : null}
      </div>
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
      {items.length > 0 ? <CardList items={items} timeZone={timeZone} lead={first} /> : <p>{t.nothingPublished}</p>}
      {pagination ? <PageNav {...pagination} /> : null}
    </section>
  );
}
