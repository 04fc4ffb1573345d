// Formatting helpers shared by the views: dates, text direction and URLs. Pure.
import { directionOf } from "../data/schema.ts";

/** The site time zone when none is configured. */
export const DEFAULT_TIME_ZONE = "UTC";

const dateFormats = new Map<string, { date: Intl.DateTimeFormat; dateTime: Intl.DateTimeFormat }>();

/** Formatters for a time zone, made once per isolate; an unknown zone throws a RangeError naming it. */
function formatsFor(timeZone: string) {
  let f = dateFormats.get(timeZone);
  if (!f) {
    const day = { day: "numeric", month: "long", year: "numeric", timeZone } as const;
    f = {
      date: new Intl.DateTimeFormat("en-GB", day),
      dateTime: new Intl.DateTimeFormat("en-GB", { ...day, hour: "2-digit", minute: "2-digit", timeZoneName: "short" }),
    };
    dateFormats.set(timeZone, f);
  }
  return f;
}

/** "30 August 2017" for an ISO 8601 date-time or a Date, on the calendar of the site's time zone (default UTC). */
export function formatDate(date: string | Date, timeZone = DEFAULT_TIME_ZONE): string {
  return formatsFor(timeZone).date.format(typeof date === "string" ? new Date(date) : date);
}

/** "30 August 2017, 14:05 GST": date, time and zone as the site's readers read them. */
export function formatDateTime(iso: string, timeZone = DEFAULT_TIME_ZONE): string {
  return formatsFor(timeZone).dateTime.format(new Date(iso)).replace(" at ", ", ");
}

/** "rtl" for a right-to-left language, else undefined so that no dir attribute is written (left to right is the default). */
export function rtlOrNothing(lang: string): "rtl" | undefined {
  return directionOf(lang) === "rtl" ? "rtl" : undefined;
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
