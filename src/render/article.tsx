// The article page: headline, dates, byline, section and tags, image, body, source, sharing, related posts.
import { raw } from "hono/html";
import type { ArticleRecord, Card } from "../data/schema.ts";
import { formatDateTime, sectionPath, tagPath } from "./format.ts";
import { ARTICLE_SIZES, Figure } from "./picture.tsx";
import { RelatedPosts } from "./related.tsx";
import { SharePanel } from "./share.tsx";

export type ArticleViewProps = {
  article: ArticleRecord;
  /** Absolute canonical URL, used by the share links. */
  canonical: string;
  /** Related cards the reader may see (already filtered by the route). */
  related: Card[];
  /** The site's time zone (SITE_TIME_ZONE) for dates and times. */
  timeZone: string;
};

export function ArticleView({ article, canonical, related, timeZone }: ArticleViewProps) {
  const { source, image } = article;
  return (
    <>
      <article lang={article.lang} dir={article.dir}>
        <header>
          <h1>{article.headline}</h1>
          <p class="standfirst">{article.summary}</p>
          <p class="meta">
            <time datetime={article.published}>{formatDateTime(article.published, timeZone)}</time>
            {article.updated ? (
              <>
                {" · Updated "}
                <time datetime={article.updated}>{formatDateTime(article.updated, timeZone)}</time>
              </>
            ) : null}
            {article.authors.length > 0 ? <> · By {article.authors.join(", ")}</> : null}
            {" · "}
            <a href={sectionPath(article.section.slug)}>{article.section.name}</a>
          </p>
          {article.tags.length > 0 ? (
            <nav aria-label="Tags">
              <ul class="tags">
                {article.tags.map((tag) => (
                  <li>
                    <a href={tagPath(tag.slug)}>{tag.name}</a>
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}
        </header>
        {image ? <Figure image={image} sizes={ARTICLE_SIZES} lead /> : null}
        <div class="body">{raw(article.bodyHtml)}</div>
        {source ? <p class="source">Source: {source.url ? <a href={source.url}>{source.name}</a> : source.name}</p> : null}
      </article>
      <SharePanel url={canonical} title={article.headline} />
      <RelatedPosts cards={related} timeZone={timeZone} />
      <p class="on-top">
        <a href="#top">On Top</a>
      </p>
    </>
  );
}
