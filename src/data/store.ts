// Reads from the CONTENT namespace: one KV read per page, values checked against the shared schema, each read bounded.
import * as v from "valibot";
import { log } from "../log.ts";
import { KEYS } from "./keys.ts";
import {
  type ArticleEntry,
  ArticleEntrySchema,
  type ListingPage,
  ListingPageSchema,
  type SectionList,
  SectionListSchema,
  type Sitemap,
  SitemapSchema,
} from "./schema.ts";

export type ListingKind = { kind: "home" } | { kind: "section"; slug: string } | { kind: "tag"; slug: string };

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
function readText(kv: KVNamespace, key: string): Promise<string | null> {
  return bounded(key, () => kv.get(key, { type: "text", cacheTtl: KV_CACHE_TTL }));
}

/** Image variants never change under their name (it is their content hash): edge locations may keep them a day. */
export const MEDIA_CACHE_TTL = 86_400;

/** The bytes of one image variant (key from KEYS.media), or null; bounded like every read. */
export function getMedia(kv: KVNamespace, key: string): Promise<ArrayBuffer | null> {
  return bounded(key, () => kv.get(key, { type: "arrayBuffer", cacheTtl: MEDIA_CACHE_TTL }));
}

async function bounded<T>(key: string, read: () => Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new KvUnavailableError(key, "timeout")), KV_READ_TIMEOUT_MS);
  });
  try {
    return await Promise.race([read(), timeout]);
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

/** One page of a listing, or null when that page does not exist. */
export function getListingPage(kv: KVNamespace, listing: ListingKind, page: number): Promise<ListingPage | null> {
  const key =
    listing.kind === "home"
      ? KEYS.home(page)
      : listing.kind === "section"
        ? KEYS.section(listing.slug, page)
        : KEYS.tag(listing.slug, page);
  return readJson(kv, key, ListingPageSchema);
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
export function getSectionList(kv: KVNamespace): Promise<SectionList | null> {
  return readJson(kv, KEYS.sections, SectionListSchema);
}
