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
  /** The publisher's record of what it wrote: key → content hash. */
  manifest: `${P}manifest`,
  /** The content version: changes on every publish that writes anything; written after everything else. */
  version: `${P}version`,
} as const;
