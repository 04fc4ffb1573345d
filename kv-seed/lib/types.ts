// Shapes shared by the publisher's stages and by the workerd tests that apply its plans. No Node APIs.

export type EntryKind =
  | "media"
  | "article"
  | "redirect"
  | "gone"
  | "site"
  | "bucket"
  | "listing"
  | "sitemap"
  | "sections"
  | "feed"
  | "search"
  | "search-head"
  | "search-meta";
/** One key-value pair to write, with what it is and the hash of its value. */
export type KvEntry = {
  key: string;
  value: string;
  kind: EntryKind;
  hash: string;
  /** The value is base64 of binary bytes (an image variant); written as binary. */
  base64?: boolean;
  /** Where a media value's bytes are on disk until the plan needs them (publisher only). */
  file?: string;
};

/** What the manifest remembers of each published article file: its slug (fixed at first publish) and former slugs. */
export type PublishedArticle = { slug: string; former?: string[] /** Hash of the body: finds a renamed file. */; body?: string };

/** What the publisher last wrote: key → kind and content hash. Stored in KV itself, written last. */
export type Manifest = {
  version: 1;
  entries: Record<string, { kind: EntryKind; hash: string }>;
  /** Article file name (inside the article folder) → its URL's slug; absent in manifests written before stable URLs. */
  articles?: Record<string, PublishedArticle>;
};

export type Plan = {
  added: KvEntry[];
  changed: KvEntry[];
  unchanged: number;
  /** Articles that were published and are gone from the source: need --prune, then become 410 tombstones. */
  removedArticles: string[];
  /** Other keys no longer wanted (old listing pages, old redirects): deleted after the writes. */
  staleKeys: string[];
  /** Writes in safe order (see `applyPlan`): articles, redirects and the registry first, tombstones last. */
  puts: KvEntry[];
  deletes: string[];
  manifest: Manifest;
  /** True when only the manifest's memory of article slugs changed: the manifest is still written. */
  manifestChanged?: boolean;
};
