// Feeds and sitemaps as XML text: Atom, sitemap.xml, the Google News sitemap, robots.txt. Pure.
// Built with Hono's `html` tag, whose escaping (& < > " ') is also XML's; text is first cleared of the characters
// XML 1.0 cannot carry at all (control characters, lone surrogates), so any headline yields a well-formed document.
import { html, raw } from "hono/html";
import type { FeedItem } from "../data/feed-schema.ts";
import { isPublishedBy, type Sitemap } from "../data/schema.ts";
import { absoluteBody, absoluteUrl, articlePath } from "./format.ts";

type SitemapEntry = Sitemap["entries"][number];

// The characters XML 1.0 forbids even as references: C0 controls but tab/LF/CR, U+FFFE/U+FFFF, lone surrogates.
const NOT_XML =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point: XML 1.0 cannot carry them.
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const PROLOG = raw('<?xml version="1.0" encoding="utf-8"?>\n');

/** Text with every character XML 1.0 forbids removed (escaping happens in the template). */
export function xmlText(text: string): string {
  return text.replace(NOT_XML, "");
}

/** RFC 3339 in UTC, as Atom and sitemaps want (the article's own zone is kept in JSON-LD). */
export const utc = (iso: string) => new Date(iso).toISOString();

export type AtomFeed = {
  title: string;
  subtitle: string;
  siteName: string;
  siteUrl: string;
  /** Site path of the feed itself and of the HTML page it follows. */
  selfPath: string;
  pagePath: string;
  items: FeedItem[];
};

/** When an item last changed, in UTC. */
export const modifiedAt = (item: { published: string; updated?: string | undefined }) => utc(item.updated ?? item.published);

/**
 * An Atom 1.0 feed of articles, newest first, each with its summary and its full sanitized body (`content
 * type="html"`, links made absolute); the feed's `updated` is its newest entry's.
 */
export async function atomFeed({ title, subtitle, siteName, siteUrl, selfPath, pagePath, items }: AtomFeed): Promise<string> {
  const self = absoluteUrl(selfPath, siteUrl);
  const updated = items.map(modifiedAt).sort().at(-1) ?? utc("1970-01-01T00:00:00Z");
  const entries = items.map((card) => {
    const url = absoluteUrl(articlePath(card.slug), siteUrl);
    return html`<entry xml:lang="${xmlText(card.lang)}"><title>${xmlText(card.headline)}</title><link rel="alternate" type="text/html" href="${url}"/><id>${url}</id><published>${utc(card.published)}</published><updated>${modifiedAt(card)}</updated>${card.authors.map((name) => html`<author><name>${xmlText(name)}</name></author>`)}<category term="${card.section.slug}" label="${xmlText(card.section.name)}"/><summary>${xmlText(card.summary)}</summary><content type="html">${xmlText(absoluteBody(card.bodyHtml, siteUrl))}</content></entry>\n`;
  });
  const doc = html`${PROLOG}<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en"><title>${xmlText(title)}</title><subtitle>${xmlText(subtitle)}</subtitle><id>${self}</id><link rel="self" type="application/atom+xml" href="${self}"/><link rel="alternate" type="text/html" href="${absoluteUrl(pagePath, siteUrl)}"/><updated>${updated}</updated><author><name>${xmlText(siteName)}</name></author>\n${entries}</feed>\n`;
  return String(await doc);
}

/** sitemap.xml: every article's canonical URL and last modification. */
export async function sitemapXml(entries: SitemapEntry[], siteUrl: string): Promise<string> {
  const urls = entries.map(
    (e) => html`<url><loc>${absoluteUrl(articlePath(e.slug), siteUrl)}</loc><lastmod>${utc(e.modified)}</lastmod></url>\n`,
  );
  return String(await html`${PROLOG}<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls}</urlset>\n`);
}

/** Google News wants ISO 639 codes, except zh-cn and zh-tw for Chinese. */
export function newsLanguage(lang: string): string {
  const lower = lang.toLowerCase();
  if (lower === "zh-cn" || lower === "zh-tw") return lower;
  return lower.split("-")[0] ?? lower;
}

/** The Google News sitemap: articles published in the 48 hours before `now` (and not after it). */
export async function newsSitemapXml(entries: SitemapEntry[], siteName: string, siteUrl: string, now: number): Promise<string> {
  const recent = entries.filter((e) => {
    return isPublishedBy(e, now) && Date.parse(e.published) > now - NEWS_WINDOW_MS;
  });
  const urls = recent.map(
    (e) =>
      html`<url><loc>${absoluteUrl(articlePath(e.slug), siteUrl)}</loc><news:news><news:publication><news:name>${xmlText(siteName)}</news:name><news:language>${newsLanguage(e.lang)}</news:language></news:publication><news:publication_date>${utc(e.published)}</news:publication_date><news:title>${xmlText(e.headline)}</news:title></news:news></url>\n`,
  );
  return String(
    await html`${PROLOG}<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n${urls}</urlset>\n`,
  );
}

/** How far back the news sitemap reaches (Google News reads the last two days). */
export const NEWS_WINDOW_MS = 48 * 60 * 60 * 1000;

/** robots.txt: everything may be crawled; both sitemaps are named with absolute URLs. */
export function robotsTxt(siteUrl: string): string {
  return `User-agent: *\nAllow: /\n\nSitemap: ${absoluteUrl("/sitemap.xml", siteUrl)}\nSitemap: ${absoluteUrl("/news-sitemap.xml", siteUrl)}\n`;
}
