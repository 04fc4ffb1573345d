// The content version as this isolate knows it: read from KV at most once per bound, so a cached page costs no KV read.
import { getContentVersion } from "../data/store.ts";

/** Version used before the publisher has ever written one. */
export const UNVERSIONED = "0";

export type ContentVersions = {
  /** The version held, while it is within the bound; else null (then call current). No I/O, no await. */
  held(): string | null;
  /** The current version; reads KV when the one held is older than the bound. Throws KvUnavailableError. */
  current(kv: KVNamespace): Promise<string>;
};

/**
 * Holds the content version in isolate memory for `maxAgeMs`. Requests do not share an in-flight read: a promise
 * created by one request must not be awaited by another in Workers, and KV's own cacheTtl makes the rare duplicate cheap.
 */
export function contentVersions(maxAgeMs: number, now: () => number = Date.now): ContentVersions {
  let held: { value: string; readAt: number } | null = null;
  return {
    held() {
      return held !== null && now() - held.readAt < maxAgeMs ? held.value : null;
    },
    async current(kv) {
      if (held !== null && now() - held.readAt < maxAgeMs) return held.value;
      const value = (await getContentVersion(kv)) ?? UNVERSIONED;
      held = { value, readAt: now() };
      return value;
    },
  };
}
