// Feeds and discovery, one KV read each: /feed.xml, /section/<slug>/feed.xml, /sitemap.xml, /news-sitemap.xml,
// and /robots.txt (no read).
import { Hono } from "hono";
import { type Card, isPublishedBy, isSlug } from "../data/schema.ts";
import { getListingPage, getSitemap } from "../data/store.ts";
import type { AppEnv } from "../env.ts";
import { SITE_FEED_PATH, sectionFeedPath, sectionPath } from "../render/format.ts";
import { atomFeed, newsSitemapXml, robotsTxt, sitemapXml } from "../render/xml.ts";
import { renderNotFound } from "./respond.tsx";

export const feeds = new Hono<AppEnv>();

const ATOM = { "Content-Type": "application/atom+xml; charset=utf-8" };
const XML = { "Content-Type": "application/xml; charset=utf-8" };

const published = (now: number) => (item: { published: string }) => isPublishedBy(item, now);

feeds.get(SITE_FEED_PATH, async (c) => {
  const page = await getListingPage(c.env.CONTENT, { kind: "home" }, 1);
  const cards: Card[] = (page?.items ?? []).filter(published(Date.now()));
  const { name: siteName, url: siteUrl } = c.var.config.site;
  const body = await atomFeed({
    title: siteName,
    subtitle: `The latest articles on ${siteName}`,
    siteName,
    siteUrl,
    selfPath: SITE_FEED_PATH,
    pagePath: "/",
    cards,
  });
  return c.body(body, 200, ATOM);
});

feeds.get("/section/:slug/feed.xml", async (c) => {
  const slug = c.req.param("slug");
  if (!isSlug(slug)) return renderNotFound(c);
  const page = await getListingPage(c.env.CONTENT, { kind: "section", slug }, 1);
  if (page === null) return renderNotFound(c);
  const { name: siteName, url: siteUrl } = c.var.config.site;
  const body = await atomFeed({
    title: `${siteName}: ${page.title}`,
    subtitle: `The latest articles in ${page.title} on ${siteName}`,
    siteName,
    siteUrl,
    selfPath: sectionFeedPath(slug),
    pagePath: sectionPath(slug),
    cards: page.items.filter(published(Date.now())),
  });
  return c.body(body, 200, ATOM);
});

feeds.get("/sitemap.xml", async (c) => {
  const sitemap = await getSitemap(c.env.CONTENT);
  const entries = (sitemap?.entries ?? []).filter(published(Date.now()));
  return c.body(await sitemapXml(entries, c.var.config.site.url), 200, XML);
});

feeds.get("/news-sitemap.xml", async (c) => {
  const sitemap = await getSitemap(c.env.CONTENT);
  const body = await newsSitemapXml(sitemap?.entries ?? [], c.var.config.site.name, c.var.config.site.url, Date.now());
  return c.body(body, 200, XML);
});

feeds.get("/robots.txt", (c) => c.text(robotsTxt(c.var.config.site.url)));
