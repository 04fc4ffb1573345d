// A listing of article cards (home, section, tag): headline, summary, date, link.
import type { Card } from "../data/schema.ts";
import { articlePath, formatDate } from "./format.ts";

export function CardList({ items }: { items: Card[] }) {
  return (
    <ol class="cards">
      {items.map((item) => (
        <li lang={item.lang}>
          <h2>
            <a href={articlePath(item.slug)}>{item.headline}</a>
          </h2>
          <p class="meta">
            <time datetime={item.published}>{formatDate(item.published)}</time> · {item.section.name}
          </p>
          <p>{item.summary}</p>
        </li>
      ))}
    </ol>
  );
}

export function ListingView({ heading, items }: { heading: string; items: Card[] }) {
  return (
    <section aria-labelledby="listing-heading">
      <h1 id="listing-heading">{heading}</h1>
      {items.length > 0 ? <CardList items={items} /> : <p>Nothing published here yet.</p>}
    </section>
  );
}
