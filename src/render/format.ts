// Formatting helpers shared by the views: dates, text direction and URLs. Pure.
import { directionOf } from "../data/schema.ts";
import { CATALOGUES, formatDateIn, type Messages, shippedLanguage } from "../i18n/index.ts";

/** The site time zone when none is configured. */
export const DEFAULT_TIME_ZONE = "UTC";

/**
 * "30 August 2017" for an ISO 8601 date-time or a Date, on the calendar of the site's time zone (default UTC), as the
 * page's catalogue writes dates, or as `lang`'s catalogue does when the date sits inside content in another shipped
 * language (a card with its own `lang`).
 */
export function formatDate(date: string | Date, messages: Messages, lang?: string, timeZone = DEFAULT_TIME_ZONE): string {
  const own = lang === undefined ? null : shippedLanguage(lang);
  return formatDateIn(own === null ? messages : CATALOGUES[own], date, timeZone);
}

/** "30 August 2017, 14:05 GST": date, time and zone as the site's readers read them, in the page's language. */
export function formatDateTime(date: string | Date, messages: Messages, timeZone = DEFAULT_TIME_ZONE): string {
  return formatDateIn(messages, date, timeZone, true);
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
export const authorPath = (slug: string) => `/author/${slug}`;
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
 * Sanitized body HTML with site-relative links and images (`src` and every `srcset` candidate) made absolute, for feed readers (which have no page URL to
 * resolve against). rehype-stringify always writes double-quoted attributes, which is what this relies on.
 */
export function absoluteBody(html: string, siteUrl: string): string {
  const origin = new URL(siteUrl).origin;
  return html
    .replace(/(\s(?:href|src)=")\/(?!\/)/g, `$1${origin}/`)
    .replace(/(\ssrcset=")([^"]*)"/g, (_, attr: string, list: string) => {
      // A <picture>'s candidates ("/media/… 320w, /media/… 640w"): each URL made absolute the same way.
      return `${attr}${list.replace(/(^|,\s*)\/(?!\/)/g, `$1${origin}/`)}"`;
    });
}
