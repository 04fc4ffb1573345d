// Formatting helpers shared by the views: dates, text direction and URLs. Pure.
import { directionOf } from "../data/schema.ts";
import { CATALOGUES, formatDateIn, type Messages, shippedLanguage } from "../i18n/index.ts";

/**
 * "30 August 2017" (in UTC) for an ISO 8601 date-time or a Date, as the page's catalogue writes dates, or as `lang`'s
 * catalogue does when the date sits inside content in another shipped language (a card with its own `lang`).
 */
export function formatDate(date: string | Date, messages: Messages, lang?: string): string {
  const own = lang === undefined ? null : shippedLanguage(lang);
  return formatDateIn(own === null ? messages : CATALOGUES[own], date);
}

/**
 * The dir attribute for content in `lang` on a page written in `pageDir`: its direction when that differs from the
 * page's, else undefined so that no dir attribute is written (an English card on an Arabic page needs `ltr`).
 */
export function dirAgainst(lang: string, pageDir: "ltr" | "rtl"): "ltr" | "rtl" | undefined {
  const dir = directionOf(lang);
  return dir === pageDir ? undefined : dir;
}

export const articlePath = (slug: string) => `/articles/${slug}`;
export const sectionPath = (slug: string) => `/section/${slug}`;
export const tagPath = (slug: string) => `/tag/${slug}`;
export const sectionFeedPath = (slug: string) => `/section/${slug}/feed.xml`;
export const tagFeedPath = (slug: string) => `/tag/${slug}/feed.xml`;
export const authorFeedPath = (slug: string) => `/author/${slug}/feed.xml`;
export const SITE_FEED_PATH = "/feed.xml";
/** The JSON Feed beside an Atom feed: `…/feed.xml` → `…/feed.json`. */
export const jsonFeedPath = (atomPath: string) => atomPath.replace(/\.xml$/, ".json");

/** Page n of a listing whose first page is `base`: page 1 lives only at the bare URL, page n at `<base>/page/<n>`. */
export function pagePath(base: string, page: number): string {
  if (page <= 1) return base;
  return `${base === "/" ? "" : base}/page/${page}`;
}

/** An absolute URL for a site path (or an already absolute URL) on the site's origin. */
export function absoluteUrl(pathOrUrl: string, siteUrl: string): string {
  return new URL(pathOrUrl, siteUrl).href;
}

/**
 * Sanitized body HTML with site-relative links and images made absolute, for feed readers (which have no page URL to
 * resolve against). rehype-stringify always writes double-quoted attributes, which is what this relies on.
 */
export function absoluteBody(html: string, siteUrl: string): string {
  const origin = new URL(siteUrl).origin;
  return html.replace(/(\s(?:href|src)=")\/(?!\/)/g, `$1${origin}/`);
}
