// "Related posts": up to five cards from the publisher's related-article data, leaving out scheduled ones.
import { type Card, isPublishedBy } from "../data/schema.ts";
import { articlePath, formatDate, rtlOrNothing } from "./format.ts";

export const MAX_RELATED = 5;

/** The related cards a reader may see at `now`: published ones only, at most MAX_RELATED. */
export function visibleRelated(cards: Card[], now: number): Card[] {
  return cards.filter((card) => isPublishedBy(card, now)).slice(0, MAX_RELATED);
}

export function RelatedPosts({ cards, timeZone }: { cards: Card[]; timeZone: string }) {
  if (cards.length === 0) return null;
  return (
    <section class="related" aria-labelledby="related-heading">
      <h2 id="related-heading">Related posts</h2>
      <ul class="cards">
        {cards.map((card) => (
          <li lang={card.lang} dir={rtlOrNothing(card.lang)}>
            <h3>
              <a href={articlePath(card.slug)}>{card.headline}</a>
            </h3>
            <p class="meta">
              <time datetime={card.published}>{formatDate(card.published, timeZone)}</time>
            </p>
            <p>{card.summary}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
