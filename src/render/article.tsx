// The article page: headline, dates, byline, section and tags, image, body, source, sharing, related posts.
import { raw } from "hono/html";
import type { ArticleRecord, Card } from "../data/schema.ts";
import { authorPath, formatDate, sectionPath, tagPath } from "./format.ts";
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
};

export function ArticleView({ article, canonical, related, preview = false }: ArticleViewProps) {
  const { source, image } = article;
  return (
    <>
      {preview ? (
        <p class="preview-note" role="note">
          Preview: this article is not published. Scheduled time:{" "}
          <time datetime={article.published}>{formatDate(article.published)}</time>.
        </p>
      ) : null}
      <article lang={article.lang} dir={article.dir}>
        <header>
          <h1>{article.headline}</h1>
          <p class="meta">
            <time datetime={article.published}>{formatDate(article.published)}</time>
            {article.updated ? (
              <>
                {" · Updated "}
                <time datetime={article.updated}>{formatDate(article.updated)}</time>
              </>
            ) : null}
            {article.authors.length > 0 ? <> · By {<Byline article={article} />}</> : null}
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
        {image ? (
          <figure>
            <img src={image.src} alt={image.alt} width={image.width} height={image.height} decoding="async" />
          </figure>
        ) : null}
        <div class="body">{raw(article.bodyHtml)}</div>
        {source ? <p class="source">Source: {source.url ? <a href={source.url}>{source.name}</a> : source.name}</p> : null}
      </article>
      {preview ? null : <SharePanel url={canonical} title={article.headline} />}
      <RelatedPosts cards={related} />
      <p class="on-top">
        <a href="#top">On Top</a>
      </p>
    </>
  );
}

/** The authors, each linked to their /author/<slug> page when the record knows the slugs. */
function Byline({ article }: { article: ArticleRecord }) {
  if (!article.bylines) return <>{article.authors.join(", ")}</>;
  return (
    <>
      {article.bylines.map((author, i) => (
        <>
          {i > 0 ? ", " : ""}
          <a href={authorPath(author.slug)} rel="author">
            {author.name}
          </a>
        </>
      ))}
    </>
  );
}
