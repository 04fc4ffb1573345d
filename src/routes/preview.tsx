// Preview links: /preview/<slug>?expires=…&sig=… shows a draft or scheduled article to whoever holds a link the publisher
// signed. Never cached, never indexed, never listed; a wrong or expired link is the ordinary 404 page.
import { Hono } from "hono";
import { previewPath, verifyPreview } from "../data/preview-link.ts";
import { isSlug } from "../data/schema.ts";
import { getPreview } from "../data/store.ts";
import type { AppEnv } from "../env.ts";
import { ArticleView } from "../render/article.tsx";
import { absoluteUrl } from "../render/format.ts";
import { messagesFor, renderNotFound, renderPage } from "./respond.tsx";

export const previews = new Hono<AppEnv>();

/** Headers on every preview answer, the 404 included: nobody but the reader keeps it, no search engine lists it. */
function privateAnswer(c: { header: (name: string, value: string) => void }) {
  c.header("Cache-Control", "private, no-store");
  c.header("X-Robots-Tag", "noindex, nofollow");
  c.header("Referrer-Policy", "no-referrer");
}

previews.get("/preview/:slug", async (c) => {
  privateAnswer(c);
  const slug = c.req.param("slug");
  if (!isSlug(slug)) return renderNotFound(c);
  const secret = c.var.config.preview.secret ?? undefined;
  const valid = await verifyPreview(secret, slug, c.req.query("expires"), c.req.query("sig"), Date.now());
  if (!valid) return renderNotFound(c);
  const article = await getPreview(c.env.CONTENT, slug);
  if (article === null) return renderNotFound(c);
  const { name: siteName, url: siteUrl } = c.var.config.site;
  const canonical = absoluteUrl(previewPath(slug), siteUrl);
  return renderPage(
    c,
    <ArticleView
      article={article}
      canonical={canonical}
      related={article.related}
      timeZone={c.var.config.site.timeZone}
      preview
    />,
    {
      title: `${messagesFor(c, article.lang).previewTitle(article.headline)} · ${siteName}`,
      description: article.summary,
      noindex: true,
      contentLang: article.lang,
    },
  );
});
