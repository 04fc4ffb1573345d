// The article page: headline, dates, byline, section and tags, image, body, source, sharing, related posts.
import { raw } from "hono/html";
import type { ArticleRecord, Card } from "../data/schema.ts";
import { useMessages } from "../i18n/index.ts";
import { formatDate, sectionPath, tagPath } from "./format.ts";
import { RelatedPosts } from "./related.tsx";
import { SharePanel } from "./share.tsx";

export type ArticleViewProps = {
  article: ArticleRecord;
  /** Absolute canonical URL, used by the share links. */
  canonical: string;
  /** Related cards the reader may see (already filtered by the route). */
  related: Card[];
};

export function ArticleView({ article, canonical, related }: ArticleViewProps) {
  const { source, image } = article;
  const t = useMessages();
  return (
    <>
      <article lang={article.lang} dir={article.dir}>
        <header>
          <h1>{article.headline}</h1>
          <p class="meta">
            <time datetime={article.published}>{formatDate(article.published, t)}</time>
            {article.updated ? (
              <>
                {t.updated}
                <time datetime={article.updated}>{formatDate(article.updated, t)}</time>
              </>
            ) : null}
            {article.authors.length > 0 ? t.byAuthors(article.authors.join(", ")) : null}
            {" · "}
            <a href={sectionPath(article.section.slug)}>{article.section.name}</a>
          </p>
          {article.tags.length > 0 ? (
            <nav aria-label={t.tagsLabel}>
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
        {image ? (
          <figure>
            <img src={image.src} alt={image.alt} width={image.width} height={image.height} decoding="async" />
          </figure>
        ) : null}
        <div class="body">{raw(article.bodyHtml)}</div>
        {source ? (
          <p class="source">
            {t.source}
            {source.url ? <a href={source.url}>{source.name}</a> : source.name}
          </p>
        ) : null}
      </article>
      <SharePanel url={canonical} title={article.headline} />
      <RelatedPosts cards={related} />
      <p class="on-top">
        <a href="#top">{t.onTop}</a>
      </p>
    </>
  );
}
