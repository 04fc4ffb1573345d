// One article card: headline link, date (and section), summary, in the card's own language and direction.
import type { Card } from "../data/schema.ts";
import { useMessages } from "../i18n/index.ts";
import { articlePath, dirAgainst, formatDate, sectionPath } from "./format.ts";

export type ArticleCardProps = {
  card: Card;
  /** The headline's level: h2 in a listing, h3 under an article's own h2 sections. */
  heading: "h2" | "h3";
  /** Link the card's section after the date (listings do; related posts, all near the article, do not). */
  withSection?: boolean;
};

export function ArticleCard({ card, heading: Heading, withSection = false }: ArticleCardProps) {
  const t = useMessages();
  return (
    <li lang={card.lang} dir={dirAgainst(card.lang, t.dir)}>
      <Heading>
        <a href={articlePath(card.slug)}>{card.headline}</a>
      </Heading>
      <p class="meta">
        <time datetime={card.published}>{formatDate(card.published, t, card.lang)}</time>
        {withSection ? (
          <>
            {" · "}
            <a href={sectionPath(card.section.slug)}>{card.section.name}</a>
          </>
        ) : null}
      </p>
      <p>{card.summary}</p>
    </li>
  );
}
