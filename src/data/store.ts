// Reads from the CONTENT namespace: one KV read per page, values checked against the shared schema, each read bounded.
import * as v from "valibot";
import { log } from "../log.ts";
import { KEYS, type ListingKind } from "./keys.ts";
import { bucketsForPage, composePage } from "./listing-pages.ts";
import {
  type ArticleEntry,
  ArticleEntrySchema,
  type ArticleRecord,
  ArticleRecordSchema,
  type ListingBucket,
  ListingBucketSchema,
  ListingHeadSchema,
  type ListingPage,
  type Site,
  type Sitemap,
  SitemapSchema,
  SiteSchema,
} from "./schema.ts";

export type { ListingKind } from "./keys.ts";

/** How long an edge location may keep a KV value before asking again (seconds; KV's minimum is 60). */
export const KV_CACHE_TTL = 60;

/** A KV read that has not answered by then counts as failed (KV's own reads take tens of milliseconds). */
export const KV_READ_TIMEOUT_MS = 1500;

/** KV threw or did not answer within KV_READ_TIMEOUT_MS. The page cache answers it with a stale copy or a 503. */
export class KvUnavailableError extends Error {
  override name = "KvUnavailableError";
  constructor(
    readonly key: string,
    readonly reason: "error" | "timeout",
  ) {
    super(`KV read of ${key} failed (${reason})`);
  }
}

/** One text read, bounded in time; a thrown error or a hang becomes KvUnavailableError. */
async function readText(kv: KVNamespace, key: string): Promise<string | null> {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new KvUnavailableError(key, "timeout")), KV_READ_TIMEOUT_MS);
  });
  try {
    return await Promise.race([kv.get(key, { type: "text", cacheTtl: KV_CACHE_TTL }), timeout]);
  } catch (err) {
    throw err instanceof KvUnavailableError ? err : new KvUnavailableError(key, "error");
  } finally {
    if (timer !== null) clearTimeout(timer);
  }
}

async function readJson<T>(kv: KVNamespace, key: string, schema: v.GenericSchema<unknown, T>): Promise<T | null> {
  const raw = await readText(kv, key);
  if (raw === null) return null;
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    log("error", "kv.invalid_json", { key });
    return null;
  }
  const result = v.safeParse(schema, data);
  if (!result.success) {
    log("error", "kv.invalid_value", { key, issue: result.issues[0]?.message });
    return null;
  }
  return result.output;
}

/** The article, redirect or tombstone stored under a slug, or null. */
export function getArticleEntry(kv: KVNamespace, slug: string): Promise<ArticleEntry | null> {
  return readJson(kv, KEYS.article(slug), ArticleEntrySchema);
}

/**
 * One reader page of a listing, or null when that page does not exist: the head, plus at most two buckets for pages
 * past the first (page 1 is the head alone).
 */
export async function getListingPage(kv: KVNamespace, listing: ListingKind, page: number): Promise<ListingPage | null> {
  const key = KEYS.listing(listing);
  const head = await readJson(kv, key, ListingHeadSchema);
  if (head === null) return null;
  const numbers = bucketsForPage(head, page);
  const read = await Promise.all(numbers.map((n) => readJson(kv, KEYS.bucket(key, n), ListingBucketSchema)));
  const buckets = new Map<number, ListingBucket>();
  numbers.forEach((n, i) => {
    const bucket = read[i];
    if (bucket) buckets.set(n, bucket);
  });
  return composePage(head, page, buckets);
}

/** The site registry (sections in navigation order, authors), or null when the publisher wrote none. */
export function getSite(kv: KVNamespace): Promise<Site | null> {
  return readJson(kv, KEYS.site, SiteSchema);
}

/** The article a preview link shows (a draft or a scheduled story), or null. */
export function getPreview(kv: KVNamespace, slug: string): Promise<ArticleRecord | null> {
  return readJson(kv, KEYS.preview(slug), ArticleRecordSchema);
}

export function getSitemap(kv: KVNamespace): Promise<Sitemap | null> {
  return readJson(kv, KEYS.sitemap, SitemapSchema);
}

/** The content version the publisher wrote last, or null before the first publish that wrote one. */
export async function getContentVersion(kv: KVNamespace): Promise<string | null> {
  const raw = await readText(kv, KEYS.version);
  return raw === null ? null : raw.trim().slice(0, 64) || null;
}
