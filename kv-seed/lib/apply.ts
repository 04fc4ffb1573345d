// Applies a publish plan to a KV store in safe order. No Node APIs: tests run it inside workerd too.
import { KEYS } from "../../src/data/keys.ts";
import { KV_LIMITS } from "./kv-limits.ts";
import type { KvEntry, Plan } from "./types.ts";

/** Where a publish writes: wrangler's CLI in production use, a KV binding in tests. */
export interface KvStore {
  get(key: string): Promise<string | null>;
  /**
   * `expiration_ttl` (seconds, as in wrangler's bulk JSON) makes KV drop the key by itself; only previews use it.
   * `base64: true` marks a binary value (an image) sent as base64, as `wrangler kv bulk put` takes it.
   */
  putMany(pairs: { key: string; value: string; expiration_ttl?: number; base64?: boolean }[]): Promise<void>;
  deleteMany(keys: string[]): Promise<void>;
}

/**
 * Writes in an order where a reader never meets a dangling link: image variants, then articles, redirects and the
 * registry, then listing buckets, then listing heads, the sitemap, the sections list, feeds and the search index's
 * shards, then the search head (which points
 * at the shards) and tombstones, then deletions of stale keys, then the manifest, and the content version last (the
 * Worker's page cache keys on it, so pages re-render only once everything else is in place). Returns the KV writes made.
 */
export async function applyPlan(plan: Plan, store: KvStore, onProgress?: (done: number, total: number) => void): Promise<number> {
  const total = plan.puts.length + plan.deletes.length + 2;
  let done = 0;
  // Buckets before the listing heads that count them; the registry before the pages that show its navigation; the
  // search head after the shards it points at.
  const stages: KvEntry["kind"][][] = [
    ["media"],
    ["article", "redirect", "site"],
    ["bucket"],
    ["listing", "sitemap", "sections", "feed", "search"],
    ["search-head", "search-meta", "gone"],
  ];
  for (const kinds of stages) {
    for (const batch of batches(plan.puts.filter((e) => kinds.includes(e.kind)))) {
      await store.putMany(batch.map(({ key, value, base64 }) => (base64 ? { key, value, base64 } : { key, value })));
      done += batch.length;
      onProgress?.(done, total);
    }
  }
  for (let i = 0; i < plan.deletes.length; i += KV_LIMITS.bulkPairs) {
    const keys = plan.deletes.slice(i, i + KV_LIMITS.bulkPairs);
    await store.deleteMany(keys);
    done += keys.length;
    onProgress?.(done, total);
  }
  // One request for both: the manifest is the publisher's own record, so its order against the version is free.
  await store.putMany([
    { key: KEYS.manifest, value: JSON.stringify(plan.manifest) },
    { key: KEYS.version, value: contentVersion() },
  ]);
  onProgress?.(total, total);
  return total;
}

const UTF8 = new TextEncoder();
/** Bytes this pair adds to a bulk request body: its JSON form, UTF-8 encoded (escapes and non-ASCII included). */
export const requestBytes = (e: Pick<KvEntry, "key" | "value" | "base64">) =>
  UTF8.encode(JSON.stringify({ key: e.key, value: e.value, ...(e.base64 ? { base64: true } : {}) })).byteLength + 1;

/** Splits writes into bulk requests within KV's pair and byte limits, keeping their order. */
export function batches(entries: KvEntry[]): KvEntry[][] {
  const out: KvEntry[][] = [];
  let current: KvEntry[] = [];
  let bytes = 0;
  for (const e of entries) {
    const size = requestBytes(e);
    if (current.length > 0 && (current.length >= KV_LIMITS.bulkPairs || bytes + size > KV_LIMITS.bulkBytes)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(e);
    bytes += size;
  }
  if (current.length > 0) out.push(current);
  return out;
}

/** A new content version for each publish that writes: the time (base 36) plus randomness, so two publishes never share one. */
function contentVersion(): string {
  return `${Date.now().toString(36)}-${crypto.randomUUID().slice(0, 8)}`;
}
