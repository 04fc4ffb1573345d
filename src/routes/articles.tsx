// Article pages: /articles/:slug answers the article, a 301 for an old slug, 410 for a removed one, else 404.
import { Hono } from "hono";
import { markChangesAt, nextGoLive } from "../cache/freshness.ts";
import { isPublishedBy, isSlug } from "../data/schema.ts";
import { getArticleEntry } from "../data/store.ts";
import type { AppEnv } from "../env.ts";
import { ArticleView } from "../render/article.tsx";
import { ArticleMeta } from "../render/article-meta.tsx";
import { absoluteUrl, articlePath, sectionFeedPath } from "../render/format.ts";
import { visibleRelated } from "../render/related.tsx";
import { FAVICON_PATH } from "../static/assets.ts";
import { renderGone, renderNotFound, renderPage } from "./respond.tsx";

export const articles = new Hono<AppEnv>();

articles.get("/articles/:slug", async (c) => {
  const slug = c.req.param("slug");
  // Checked before any KV read: odd characters, encoded dot segments and long names can never be slugs.
  if (!isSlug(slug)) return renderNotFound(c);
  const entry = await getArticleEntry(c.env.CONTENT, slug, { version: c.get("contentVersion") });
  if (entry === null) return renderNotFound(c);
  if (entry.kind === "redirect") return c.redirect(articlePath(entry.to), 301);
  if (entry.kind === "gone") return renderGone(c);
  const now = Date.now();
  // A scheduled article's 404, and its page's related cards, change when the next of them goes live.
  markChangesAt(c, nextGoLive([entry, ...entry.related], now));
  if (!isPublishedBy(entry, now)) return renderNotFound(c);
  const { name: siteName, url: siteUrl } = c.var.config.site;
  const path = articlePath(entry.slug);
  const canonical = absoluteUrl(path, siteUrl);
  return renderPage(c, <ArticleView article={entry} canonical={canonical} related={visibleRelated(entry.related, now)} />, {
    title: `${entry.headline} · ${siteName}`,
    socialTitle: entry.headline,
    description: entry.summary,
    path,
    contentLang: entry.lang,
    ogType: "article",
    twitterCard: entry.image ? "summary_large_image" : "summary",
    feeds: [{ title: `${siteName}: ${entry.section.name}`, href: sectionFeedPath(entry.section.slug) }],
    head: <ArticleMeta article={entry} canonical={canonical} siteName={siteName} siteUrl={siteUrl} logo={FAVICON_PATH} />,
  });
});
