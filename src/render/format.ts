// Formatting helpers shared by the views: dates, text direction and URLs. Pure.
import { directionOf } from "../data/schema.ts";

const DATE_FORMAT = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

/** "30 August 2017" (in UTC) for an ISO 8601 date-time or a Date. */
export function formatDate(date: string | Date): string {
  return DATE_FORMAT.format(typeof date === "string" ? new Date(date) : date);
}

/** "rtl" for a right-to-left language, else undefined so that no dir attribute is written (left to right is the default). */
export function rtlOrNothing(lang: string): "rtl" | undefined {
  return directionOf(lang) === "rtl" ? "rtl" : undefined;
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
 * Sanitized body HTML with site-relative links and images made absolute, for feed readers (which have no page URL to
 * resolve against). rehype-stringify always writes double-quoted attributes, which is what this relies on.
 */
export function absoluteBody(html: string, siteUrl: string): string {
  const origin = new URL(siteUrl).origin;
  return html.replace(/(\s(?:href|src)=")\/(?!\/)/g, `$1${origin}/`);
}
