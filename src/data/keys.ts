// KV key names. The version in the prefix makes a format change a migration: write v2 beside v1, then switch.
export const KEY_VERSION = "v1";
const P = `${KEY_VERSION}:`;

/** Articles per listing page (home, section, tag). */
export const PAGE_SIZE = 10;

export const KEYS = {
  /** An article, a redirect from an old slug, or a tombstone: one read per article URL. */
  article: (slug: string) => `${P}article:${slug}`,
  /** Page n (1-based) of the latest articles. */
  home: (page: number) => `${P}list:home:${page}`,
  section: (slug: string, page: number) => `${P}list:section:${slug}:${page}`,
  tag: (slug: string, page: number) => `${P}list:tag:${slug}:${page}`,
  /** One image variant, a binary value: `<hash>-<width>.<ext>` as in its /media/ URL. */
  media: (name: string) => `${P}media:${name}`,
  /** The sections for the header navigation, most used first. */
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
