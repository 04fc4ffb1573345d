// The article page: headline, dates, body and source attribution. Takes a record, does no I/O.
import { raw } from "hono/html";
import type { ArticleRecord } from "../data/schema.ts";
import { formatDate } from "./format.ts";

export function ArticleView({ article }: { article: ArticleRecord }) {
  const { source } = article;
  return (
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
          {article.authors.length > 0 ? <> · By {article.authors.join(", ")}</> : null}
          {" · "}
          {article.section.name}
        </p>
      </header>
      <div class="body">{raw(article.bodyHtml)}</div>
      {source ? <p class="source">Source: {source.url ? <a href={source.url}>{source.name}</a> : source.name}</p> : null}
    </article>
  );
}
