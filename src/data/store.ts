// Reads from the CONTENT namespace: one KV read per page, values checked against the shared schema, each read bounded
// in time; a circuit breaker stops waiting on a failing KV, and keys known missing in a content version are not re-read.
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
  type SectionList,
  SectionListSchema,
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

/** KV threw, did not answer within KV_READ_TIMEOUT_MS, or the breaker is open. The page store answers stale or 503. */
export class KvUnavailableError extends Error {
  override name = "KvUnavailableError";
  constructor(
    readonly key: string,
    readonly reason: "error" | "timeout" | "circuit-open",
  ) {
    super(`KV read of ${key} failed (${reason})`);
  }
}

export type BreakerOptions = {
  /** Failed reads (errors or timeouts) within `windowMs` that open the breaker. */
  threshold: number;
  windowMs: number;
  /** How long it stays open: reads fail at once, with no wait. Then one read at a time is let through to try. */
  openMs: number;
};

/**
 * A circuit breaker for KV reads, one per isolate: after `threshold` failures within `windowMs`, reads fail at once
 * for `openMs` instead of each waiting up to KV_READ_TIMEOUT_MS; then a trial read closes it again or re-opens it.
 */
export class KvBreaker {
  #failures: number[] = [];
  #openUntil = 0;
  #trial = false;

  constructor(
    public options: BreakerOptions,
    private readonly now: () => number = Date.now,
  ) {}

  /** True when a read may go to KV now. */
  allows(): boolean {
    const now = this.now();
    if (this.#openUntil === 0 || now < this.#openUntil) return this.#openUntil === 0;
    // Half open: let exactly one trial read through until it settles.
    if (this.#trial) return false;
    this.#trial = true;
    return true;
  }

  succeeded(): void {
    if (this.#openUntil === 0 && this.#failures.length === 0) return;
    this.#failures = [];
    this.#openUntil = 0;
    this.#trial = false;
  }

  failed(): void {
    const now = this.now();
    this.#trial = false;
    this.#failures = this.#failures.filter((t) => now - t < this.options.windowMs);
    this.#failures.push(now);
    if (this.#openUntil !== 0 || this.#failures.length >= this.options.threshold) {
      this.#openUntil = now + this.options.openMs;
      console.error(JSON.stringify({ level: "error", event: "kv.circuit_open", forMs: this.options.openMs }));
    }
  }

  /** Back to closed with no history (tests; an operator-visible reset is not needed: it closes by itself). */
  reset(options?: Partial<BreakerOptions>): void {
    this.options = { ...this.options, ...options };
    this.succeeded();
  }
}

export const KV_BREAKER_DEFAULTS = { threshold: 3, windowMs: 10_000, openMs: 5_000 } satisfies BreakerOptions;

/** The isolate's breaker in front of every CONTENT read. */
export const kvBreaker = new KvBreaker({ ...KV_BREAKER_DEFAULTS });

/** Keys a read found missing, with the content version it was in; bounded, oldest forgotten first. */
const MISSING_KEYS_MAX = 10_000;
const missing = new Map<string, string>();

function rememberMissing(key: string, version: string) {
  missing.delete(key);
  missing.set(key, version);
  if (missing.size > MISSING_KEYS_MAX) missing.delete(missing.keys().next().value as string);
}

/** One text read, bounded in time; a thrown error or a hang becomes KvUnavailableError. */
function readText(kv: KVNamespace, key: string): Promise<string | null> {
  return bounded(key, () => kv.get(key, { type: "text", cacheTtl: KV_CACHE_TTL }));
}

/** Image variants never change under their name (it is their content hash): edge locations may keep them a day. */
export const MEDIA_CACHE_TTL = 86_400;

/** The bytes of one image variant (key from KEYS.media), or null; bounded and behind the breaker like every read. */
export function getMedia(kv: KVNamespace, key: string): Promise<ArrayBuffer | null> {
  return bounded(key, () => kv.get(key, { type: "arrayBuffer", cacheTtl: MEDIA_CACHE_TTL }));
}

async function bounded<T>(key: string, read: () => Promise<T>): Promise<T> {
  if (!kvBreaker.allows()) throw new KvUnavailableError(key, "circuit-open");
  let timer: ReturnType<typeof setTimeout> | null = null;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new KvUnavailableError(key, "timeout")), KV_READ_TIMEOUT_MS);
  });
  try {
    const value = await Promise.race([read(), timeout]);
    kvBreaker.succeeded();
    return value;
  } catch (err) {
    kvBreaker.failed();
    throw err instanceof KvUnavailableError ? err : new KvUnavailableError(key, "error");
  } finally {
    if (timer !== null) clearTimeout(timer);
  }
}

/** Where a read is made: the content version it belongs to, so a key found missing is not read again in it. */
export type ReadContext = { version?: string | undefined };

/** One bounded read of a JSON value checked against its schema; null when missing or invalid (logged). */
export async function readJson<T>(
  kv: KVNamespace,
  key: string,
  schema: v.GenericSchema<unknown, T>,
  { version }: ReadContext = {},
): Promise<T | null> {
  if (version !== undefined && missing.get(key) === version) return null;
  const raw = await readText(kv, key);
  if (raw === null) {
    if (version !== undefined) rememberMissing(key, version);
    return null;
  }
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
export function getArticleEntry(kv: KVNamespace, slug: string, at?: ReadContext): Promise<ArticleEntry | null> {
  return readJson(kv, KEYS.article(slug), ArticleEntrySchema, at);
}

/**
 * One reader page of a listing, or null when that page does not exist: the head, plus at most two buckets for pages
 * past the first (page 1 is the head alone).
 */
export async function getListingPage(
  kv: KVNamespace,
  listing: ListingKind,
  page: number,
  at?: ReadContext,
): Promise<ListingPage | null> {
  const key = KEYS.listing(listing);
  const head = await readJson(kv, key, ListingHeadSchema, at);
  if (head === null) return null;
  const numbers = bucketsForPage(head, page);
  const read = await Promise.all(numbers.map((n) => readJson(kv, KEYS.bucket(key, n), ListingBucketSchema, at)));
  const buckets = new Map<number, ListingBucket>();
  numbers.forEach((n, i) => {
    const bucket = read[i];
    if (bucket) buckets.set(n, bucket);
  });
  return composePage(head, page, buckets);
}

/** The site registry (sections in navigation order, authors), or null when the publisher wrote none. */
export function getSite(kv: KVNamespace, at?: ReadContext): Promise<Site | null> {
  return readJson(kv, KEYS.site, SiteSchema, at);
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

/** The sections list the publisher wrote, or null. Read through data/sections.ts, never directly by views. */
export function getSectionList(kv: KVNamespace, at?: ReadContext): Promise<SectionList | null> {
  return readJson(kv, KEYS.sections, SectionListSchema, at);
}
