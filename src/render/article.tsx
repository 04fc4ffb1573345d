// The article page: headline, dates, byline, section and tags, image, body, source, sharing, related posts.
import { raw } from "hono/html";
import type { ArticleRecord, Card } from "../data/schema.ts";
import { useMessages } from "../i18n/index.ts";
import { authorPath, formatDateTime, sectionPath, tagPath } from "./format.ts";
import { ARTICLE_SIZES, Figure } from "./picture.tsx";
import { RelatedPosts } from "./related.tsx";
import { SharePanel } from "./share.tsx";

export type ArticleViewProps = {
  article: ArticleRecord;
  /** Absolute canonical URL, used by the share links. */
  canonical: string;
  /** Related cards the reader may see (already filtered by the route). */
  related: Card[];
  /** A preview link's page: says it is not published and offers no share links (they would spread the link). */
  preview?: boolean;
  /** The site's time zone (SITE_TIME_ZONE) for dates and times. */
  timeZone: string;
};

export function ArticleView({ article, canonical, related, preview = false, timeZone }: ArticleViewProps) {
  const { source, image } = article;
  const t = useMessages();
  return (
    <>
      {preview ? (
        <p class="preview-note" role="note">
          {t.previewNote} <time datetime={article.published}>{formatDateTime(article.published, t, timeZone)}</time>.
        </p>
      ) : null}
      <article lang={article.lang} dir={article.dir}>
        <header>
          <h1>{article.headline}</h1>
          <p class="standfirst">{article.summary}</p>
          <p class="meta">
            <time datetime={article.published}>{formatDateTime(article.published, t, timeZone)}</time>
            {article.updated ? (
              <>
                {t.updated}
                <time datetime={article.updated}>{formatDateTime(article.updated, t, timeZone)}</time>
              </>
            ) : null}
            {article.authors.length > 0 ? (
              <>
                {t.byPrefix}
                <Byline article={article} />
              </>
            ) : null}
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
        {image ? <Figure image={image} sizes={ARTICLE_SIZES} lead /> : null}
        <div class="body">{raw(article.bodyHtml)}</div>
        {source ? (
          <p class="source">
            {t.source}
            {source.url ? <a href={source.url}>{source.name}</a> : source.name}
          </p>
        ) : null}
      </article>
      {preview ? null : <SharePanel url={canonical} title={article.headline} />}
      <RelatedPosts cards={related} timeZone={timeZone} />
      <p class="on-top">
        <a href="#top">{t.onTop}</a>
      </p>
    </>
  );
}

/** The authors, each linked to their /author/<slug> page when the record knows the slugs. */
function Byline({ article }: { article: ArticleRecord }) {
  const t = useMessages();
  if (!article.bylines) return <>{article.authors.join(t.listSeparator)}</>;
  return (
    <>
      {article.bylines.map((author, i) => (
        <>
          {i > 0 ? t.listSeparator : ""}
          <a href={authorPath(author.slug)} rel="author">
            {author.name}
          </a>
        </>
      ))}
    </>
  );
}
