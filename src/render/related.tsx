// "Related posts": up to MAX_RELATED cards from the publisher's related-article data, leaving out scheduled ones.
import { type Card, isPublishedBy, MAX_RELATED } from "../data/schema.ts";
import { useMessages } from "../i18n/index.ts";
import { ArticleCard } from "./card.tsx";

/** The related cards a reader may see at `now`: published ones only, at most MAX_RELATED. */
export function visibleRelated(cards: Card[], now: number): Card[] {
  return cards.filter((card) => isPublishedBy(card, now)).slice(0, MAX_RELATED);
}

export function RelatedPosts({ cards }: { cards: Card[] }) {
  const t = useMessages();
  if (cards.length === 0) return null;
  return (
    <section class="related" aria-labelledby="related-heading">
      <h2 id="related-heading">{t.relatedPosts}</h2>
      <ul class="cards">
        {cards.map((card) => (
          <ArticleCard card={card} heading="h3" />
        ))}
      </ul>
    </section>
  );
}
