// Feeds and discovery, one KV read each: Atom and JSON Feed for the site (/feed.xml, /feed.json) and for each section,
// tag and author (/<kind>/<slug>/feed.xml|json); /sitemap.xml, /news-sitemap.xml, and /robots.txt (no read).
import { type Context, Hono } from "hono";
import { markChangesAt, nextChange, nextGoLive } from "../cache/freshness.ts";
import { FeedRecordSchema } from "../data/feed-schema.ts";
import { type FeedScope, KEYS } from "../data/keys.ts";
import { isPublishedBy, isSlug } from "../data/schema.ts";
import { getSitemap, readJson } from "../data/store.ts";
import type { AppEnv } from "../env.ts";
import { CATALOGUES, type Messages } from "../i18n/index.ts";
import { SITE_FEED_PATH, sectionPath, tagPath } from "../render/format.ts";
import { jsonFeed } from "../render/json-feed.ts";
import { atomFeed, NEWS_WINDOW_MS, newsSitemapXml, robotsTxt, sitemapXml } from "../render/xml.ts";
import { renderNotFound } from "./respond.tsx";

export const feeds = new Hono<AppEnv>();

const ATOM = { "Content-Type": "application/atom+xml; charset=utf-8" };
const JSON_FEED = { "Content-Type": "application/feed+json; charset=utf-8" };
const XML = { "Content-Type": "application/xml; charset=utf-8" };

const published = (now: number) => (item: { published: string }) => isPublishedBy(item, now);

type Format = "xml" | "json";
type Kind = FeedScope["kind"];

/**
 * Title, subtitle (in the site's default language: a feed has no reader to negotiate with) and the HTML page a feed
 * follows. Authors have no page yet: their feeds follow the home page.
 */
function describe(t: Messages, kind: Kind, slug: string, name: string, site: string) {
  if (kind === "home") return { title: site, subtitle: t.feedSiteSubtitle(site), pagePath: "/" };
  const subtitle = { section: t.feedSectionSubtitle, tag: t.feedTagSubtitle, author: t.feedAuthorSubtitle }[kind];
  const pagePath = kind === "section" ? sectionPath(slug) : kind === "tag" ? tagPath(slug) : "/";
  return { title: `${site}: ${name}`, subtitle: subtitle(name, site), pagePath };
}

async function serveFeed(c: Context<AppEnv>, kind: Kind, format: Format) {
  const slug = kind === "home" ? "" : (c.req.param("slug") ?? "");
  if (kind !== "home" && !isSlug(slug)) return renderNotFound(c);
  const scope: FeedScope = kind === "home" ? { kind } : { kind, slug };
  const record = await readJson(c.env.CONTENT, KEYS.feed(scope), FeedRecordSchema, { version: c.get("contentVersion") });
  // An empty site still has a site feed; an unknown section, tag or author has none.
  if (record === null && kind !== "home") return renderNotFound(c);
  const { name: siteName, url: siteUrl } = c.var.config.site;
  markChangesAt(c, nextGoLive(record?.items ?? [], Date.now()));
  const items = (record?.items ?? []).filter(published(Date.now()));
  const t = CATALOGUES[c.var.config.consent.defaultLanguage];
  const { title, subtitle, pagePath } = describe(t, kind, slug, record?.title ?? "", siteName);
  const base = kind === "home" ? "" : `/${kind}/${slug}`;
  if (format === "json") {
    const selfPath = kind === "home" ? "/feed.json" : `${base}/feed.json`;
    return c.body(jsonFeed({ title, description: subtitle, siteUrl, selfPath, pagePath, items }), 200, JSON_FEED);
  }
  const selfPath = kind === "home" ? SITE_FEED_PATH : `${base}/feed.xml`;
  return c.body(await atomFeed({ title, subtitle, siteName, siteUrl, selfPath, pagePath, items }), 200, ATOM);
}

feeds.get(SITE_FEED_PATH, (c) => serveFeed(c, "home", "xml"));
feeds.get("/feed.json", (c) => serveFeed(c, "home", "json"));
for (const kind of ["section", "tag", "author"] as const) {
  feeds.get(`/${kind}/:slug/feed.xml`, (c) => serveFeed(c, kind, "xml"));
  feeds.get(`/${kind}/:slug/feed.json`, (c) => serveFeed(c, kind, "json"));
}

feeds.get("/sitemap.xml", async (c) => {
  const sitemap = await getSitemap(c.env.CONTENT);
  markChangesAt(c, nextGoLive(sitemap?.entries ?? [], Date.now()));
  const entries = (sitemap?.entries ?? []).filter(published(Date.now()));
  return c.body(await sitemapXml(entries, c.var.config.site.url), 200, XML);
});

feeds.get("/news-sitemap.xml", async (c) => {
  const sitemap = await getSitemap(c.env.CONTENT);
  const now = Date.now();
  // The news sitemap gains an article when it goes live and loses it NEWS_WINDOW_MS later.
  const times = (sitemap?.entries ?? []).flatMap((e) => [Date.parse(e.published), Date.parse(e.published) + NEWS_WINDOW_MS]);
  markChangesAt(c, nextChange(times, now));
  const body = await newsSitemapXml(sitemap?.entries ?? [], c.var.config.site.name, c.var.config.site.url, now);
  return c.body(body, 200, XML);
});

feeds.get("/robots.txt", (c) => c.text(robotsTxt(c.var.config.site.url)));
