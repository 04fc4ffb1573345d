// KV key names. The version in the prefix makes a format change a migration: write v2 beside v1, then switch.
export const KEY_VERSION = "v1";
const P = `${KEY_VERSION}:`;

/** Articles per listing page (home, section, tag, author). */
export const PAGE_SIZE = 10;
/** Cards per stored listing bucket: one reader page. */
export const LISTING_BUCKET = PAGE_SIZE;

/** Which listing: the home page, or a section, tag or author by slug. */
export type ListingKind =
  | { kind: "home" }
  | { kind: "section"; slug: string }
  | { kind: "tag"; slug: string }
  | { kind: "author"; slug: string };

export const KEYS = {
  /** An article, a redirect from an old slug, or a tombstone: one read per article URL. */
  article: (slug: string) => `${P}article:${slug}`,
  /**
   * A listing's head (total, title and its newest cards): `v1:list:home`, `v1:list:section:<slug>`, `v1:list:tag:<slug>`,
   * `v1:list:author:<slug>`. Older cards live in buckets numbered from the oldest end (docs/architecture.md).
   */
  listing: (listing: ListingKind) => (listing.kind === "home" ? `${P}list:home` : `${P}list:${listing.kind}:${listing.slug}`),
  /** Bucket n (1 = the oldest LISTING_BUCKET cards) of a listing: never rewritten when a newer article is added. */
  bucket: (head: string, n: number) => `${head}:b:${n}`,
  /** The site registry: sections (header navigation order) and authors. */
  site: `${P}site`,
  /** A draft or scheduled article rendered for a signed preview link; expires with the link. */
  preview: (slug: string) => `${P}preview:${slug}`,
  /** Every published article's slug, headline and dates, for sitemap.xml and the news sitemap. */
  sitemap: `${P}sitemap`,
  /** The publisher's record of what it wrote: key → content hash. */
  manifest: `${P}manifest`,
  /** The content version: changes on every publish that writes anything; written after everything else. */
  version: `${P}version`,
} as const;
