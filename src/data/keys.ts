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
  /** One image variant, a binary value: `<hash>-<width>.<ext>` as in its /media/ URL. */
  media: (name: string) => `${P}media:${name}`,
  /** The sections for the header navigation, most used first (without a registry's own navigation order). */
  sections: `${P}sections`,
  /** Every published article's slug, headline and dates, for sitemap.xml and the news sitemap. */
  sitemap: `${P}sitemap`,
  /** A feed's newest articles with their full bodies: the site's (`home`), a section's, a tag's or an author's. */
  feed: (scope: FeedScope) => (scope.kind === "home" ? `${P}feed:home` : `${P}feed:${scope.kind}:${scope.slug}`),
  /** The search index's entry point: generation, shard counts, and the articles published since the last rebuild. */
  searchHead: `${P}search:head`,
  /** One shard of a generation's term postings (terms hashed into `termShards` shards). */
  searchTerms: (generation: number, shard: number) => `${P}search:terms:${generation}:${shard}`,
  /** One shard of a generation's result cards (article n lives in shard ⌊n / docsPerShard⌋). */
  searchDocs: (generation: number, shard: number) => `${P}search:docs:${generation}:${shard}`,
  /** The publisher's record of the search index's base (never read by the Worker). */
  searchMeta: `${P}search:meta`,
  /** The publisher's record of what it wrote: key → content hash. */
  manifest: `${P}manifest`,
  /** The content version: changes on every publish that writes anything; written after everything else. */
  version: `${P}version`,
} as const;

/** Whose articles a feed carries. */
export type FeedScope = { kind: "home" } | { kind: "section" | "tag" | "author"; slug: string };
