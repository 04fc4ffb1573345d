// Article pages: /articles/:slug answers the article, a 301 for an old slug, 410 for a removed one, else 404.
import { Hono } from "hono";
import { MAX_SLUG_LENGTH, SLUG_PATTERN } from "../data/schema.ts";
import { getArticleEntry } from "../data/store.ts";
import type { AppEnv } from "../env.ts";
import { ArticleView } from "../render/article.tsx";
import { articlePath } from "../render/format.ts";
import { renderGone, renderNotFound, renderPage } from "./respond.tsx";

export const articles = new Hono<AppEnv>();

articles.get("/articles/:slug", async (c) => {
  const slug = c.req.param("slug");
  // Checked before any KV read: odd characters, encoded dot segments and long names can never be slugs.
  if (slug.length > MAX_SLUG_LENGTH || !SLUG_PATTERN.test(slug)) return renderNotFound(c);
  const entry = await getArticleEntry(c.env.CONTENT, slug);
  if (entry === null) return renderNotFound(c);
  if (entry.kind === "redirect") return c.redirect(articlePath(entry.to), 301);
  if (entry.kind === "gone") return renderGone(c);
  // Scheduled articles stay hidden until their publication time.
  if (Date.parse(entry.published) > Date.now()) return renderNotFound(c);
  return renderPage(c, <ArticleView article={entry} />, {
    title: `${entry.headline} · ${c.env.SITE_NAME}`,
    description: entry.summary,
    path: articlePath(entry.slug),
  });
});
