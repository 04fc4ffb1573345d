// Formatting helpers shared by the views: dates, text direction and URLs. Pure.
import { directionOf } from "../data/schema.ts";
import { CATALOGUES, formatDateIn, type Messages, shippedLanguage } from "../i18n/index.ts";

/**
 * "30 August 2017" for an ISO 8601 date-time, as the page's catalogue writes dates, or as `lang`'s catalogue does when
 * the date sits inside content in another shipped language (a card with its own `lang`).
 */
export function formatDate(iso: string, messages: Messages, lang?: string): string {
  const own = lang === undefined ? null : shippedLanguage(lang);
  return formatDateIn(own === null ? messages : CATALOGUES[own], iso);
}

/** "rtl" for a right-to-left language, else undefined so that no dir attribute is written (left to right is the default). */
export function rtlOrNothing(lang: string): "rtl" | undefined {
  return directionOf(lang) === "rtl" ? "rtl" : undefined;
}

export const articlePath = (slug: string) => `/articles/${slug}`;
export const sectionPath = (slug: string) => `/section/${slug}`;
export const tagPath = (slug: string) => `/tag/${slug}`;
export const sectionFeedPath = (slug: string) => `/section/${slug}/feed.xml`;
export const SITE_FEED_PATH = "/feed.xml";

/** Page n of a listing whose first page is `base`: page 1 lives only at the bare URL, page n at `<base>/page/<n>`. */
export function pagePath(base: string, page: number): string {
  if (page <= 1) return base;
  return `${base === "/" ? "" : base}/page/${page}`;
}

/** An absolute URL for a site path (or an already absolute URL) on the site's origin. */
export function absoluteUrl(pathOrUrl: string, siteUrl: string): string {
  return new URL(pathOrUrl, siteUrl).href;
}
