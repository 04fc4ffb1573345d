// What KV accepts per key, value and bulk request: the publisher checks its writes against these before it sends them.
/** KV limits (https://developers.cloudflare.com/kv/platform/limits/). */
export const KV_LIMITS = {
  keyBytes: 512,
  valueBytes: 25 * 1024 * 1024,
  metadataBytes: 1024,
  /** wrangler kv bulk put: at most this many pairs per request. */
  bulkPairs: 10_000,
  /** Our own cap per bulk request, well under the 100 MB request limit. */
  bulkBytes: 50 * 1024 * 1024,
} as const;
