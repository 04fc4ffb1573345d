// HTTP caching rules: ETags, If-None-Match, and the Cache-Control each kind of response gets. Pure.
import { languageFollowsContent } from "../i18n/index.ts";

/** Feeds, sitemaps and robots.txt: shared caches and readers may keep them this long (seconds). */
export const PUBLIC_MAX_AGE = 300;
/** Static assets whose file name carries a content hash never change: a year, immutable. */
export const IMMUTABLE_MAX_AGE = 31_536_000;
const IMMUTABLE = `public, max-age=${IMMUTABLE_MAX_AGE}, immutable`;
/** Static assets without a hash in their name. */
export const STATIC_MAX_AGE = 3600;

/** `/static/<name>.<hex hash of 8+>.<ext>` or `<name>-<hash>.<ext>`, e.g. /static/site.3f2a9c1b.css, /static/favicon-da9fe41b.svg. */
const FINGERPRINTED = /^\/static\/(?:[^/]+\/)*[^/]+[.-][0-9a-f]{8,}\.[a-z0-9]+$/i;
const PUBLIC_TYPES = /^(?:application\/(?:rss\+xml|atom\+xml|xml|feed\+json)|text\/xml|text\/plain)\b/i;
/** Scripts the Worker serves itself (the first-party analytics script): the same bytes for every reader. */
const SCRIPT_TYPES = /^(?:text|application)\/javascript\b/i;

/**
 * A weak ETag (every response carries its own nonce, so bytes are never identical) from what the page was made of (the
 * page store passes a hash of the stored bytes), the page variant and the granted purposes the analytics tag was made
 * for (`-` when the page carries no tag): a reader who changes their consent never revalidates to a body made for
 * their old choice.
 */
export function etagFor(made: string, variant: string, grants: string): string {
  return `W/"${made}.${variant}${grants === "-" ? "" : `.${grants}`}"`;
}

/** True when an If-None-Match header names this ETag (weak comparison, as RFC 9110 asks for If-None-Match) or is `*`. */
export function ifNoneMatchHits(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const bare = etag.replace(/^W\//, "");
  return header.split(",").some((tag) => {
    const t = tag.trim();
    return t === "*" || t.replace(/^W\//, "") === bare;
  });
}

export type PolicyInput = {
  path: string;
  status: number;
  contentType: string | null;
  setsCookie: boolean;
  /** The route marked its response personal (e.g. cookie settings showing the reader's own choice). */
  routeNoStore?: boolean;
  /** A copy served because KV failed: the reader's browser must not keep it. */
  stale?: boolean;
};

/**
 * The Cache-Control for a response. HTML is `private, no-cache`: only the reader's browser keeps it, and it asks
 * again every time (a 304 when nothing changed), so no shared cache can hand one reader's variant to another.
 */
export function cacheControlFor({
  path,
  status,
  contentType,
  setsCookie,
  routeNoStore = false,
  stale = false,
}: PolicyInput): string {
  if (setsCookie || status >= 500 || stale) return "no-store";
  if (routeNoStore) return "private, no-store";
  // Image variants are named by their content hash: a year, immutable, and a 304 keeps that promise too.
  if (path.startsWith("/media/")) return status === 200 || status === 304 ? IMMUTABLE : "no-cache";
  if (path.startsWith("/static/")) {
    if (status !== 200) return "no-cache";
    return FINGERPRINTED.test(path) ? IMMUTABLE : `public, max-age=${STATIC_MAX_AGE}`;
  }
  if (status === 200 && contentType !== null && PUBLIC_TYPES.test(contentType)) return `public, max-age=${PUBLIC_MAX_AGE}`;
  // Kept an hour, then revalidated with the page store's ETag: a consenting reader's next pages load it from their
  // browser. Only the consented tag ever points at it, so holding it shows nothing about a reader.
  if (status === 200 && contentType !== null && SCRIPT_TYPES.test(contentType)) return `public, max-age=${STATIC_MAX_AGE}`;
  return "private, no-cache";
}

/**
 * HTML depends on the consent cookie and Sec-GPC, and (except on pages that speak their content's language) on
 * Accept-Language; feeds, sitemaps and assets on none of them.
 */
export function varyFor(contentType: string | null, path = "/"): string | null {
  if (!contentType?.startsWith("text/html")) return null;
  return languageFollowsContent(path) ? "Cookie, Sec-GPC" : "Cookie, Sec-GPC, Accept-Language";
}
