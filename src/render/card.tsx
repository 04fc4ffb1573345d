// One article card: headline link, summary, date (and section), in the card's own language and direction; in listings
// with a thumbnail, and as the lead story with a large image and the summary as its standfirst.
import type { Card } from "../data/schema.ts";
import { useMessages } from "../i18n/index.ts";
import { articlePath, dirAgainst, formatDate, sectionPath } from "./format.ts";
import { Picture } from "./picture.tsx";

/** The lead image spans the wide column's left part on desktop and the screen on a phone. */
const LEAD_SIZES = "(min-width: 72rem) 42rem, (min-width: 48rem) 60vw, calc(100vw - 2rem)";
/** Thumbnails are 7.5rem wide on phones, 10rem from 48rem up. */
const THUMB_SIZES = "(min-width: 48rem) 10rem, 7.5rem";

export type ArticleCardProps = {
  card: Card;
  /** The headline's level: h2 in a listing, h3 under an article's own h2 sections. */
  heading: "h2" | "h3";
  /** The site's time zone for the date (SITE_TIME_ZONE). */
  timeZone: string;
  /** Link the card's section after the date (listings do; related posts, all near the article, do not). */
  withSection?: boolean;
  /** Show the card's image: a thumbnail, or the large image of the lead story. */
  withImage?: boolean;
  /** The lead story: large image fetched first, summary as a standfirst. */
  lead?: boolean;
};

export function ArticleCard({
  card,
  heading: Heading,
  timeZone,
  withSection = false,
  withImage = false,
  lead = false,
}: ArticleCardProps) {
  const t = useMessages();
  const image = withImage ? card.image : undefined;
  return (
    <li lang={card.lang} dir={dirAgainst(card.lang, t.dir)} class={lead ? "lead" : image ? "with-thumb" : undefined}>
      {image ? (
        // The headline beside it says what the story is: the picture is decoration here, its alt text is on the article.
        <Picture
          image={{ ...image, alt: "" }}
          sizes={lead ? LEAD_SIZES : THUMB_SIZES}
          lead={lead}
          class={lead ? "lead-image" : "thumb"}
        />
      ) : null}
      <div class="card-text">
        <Heading>
          <a href={articlePath(card.slug)}>{card.headline}</a>
        </Heading>
        <p class={lead ? "standfirst" : undefined}>{card.summary}</p>
        <p class="meta">
          <time datetime={card.published}>{formatDate(card.published, t, card.lang, timeZone)}</time>
          {withSection ? (
            <>
              {" · "}
              <a href={sectionPath(card.section.slug)}>{card.section.name}</a>
            </>
          ) : null}
        </p>
      </div>
    </li>
  );
}
