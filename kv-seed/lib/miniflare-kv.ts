// A KvStore over a Miniflare KV namespace: the live-preview loop writes wrangler's local state with it (no wrangler
// process per save), and tests and the bench seed their sites with it.
import { convertV4MiniflareOptions, Miniflare } from "miniflare";
import type { KvStore } from "./apply.ts";

type KvNamespace = Awaited<ReturnType<Miniflare["getKVNamespace"]>>;

/** Wraps a Miniflare KV namespace (Node side) as the publisher's store. */
export function miniflareStore(kv: KvNamespace): KvStore {
  return {
    get: (key) => kv.get(key),
    putMany: async (pairs) => {
      // Binary values (images) arrive as base64, as wrangler's bulk put takes them.
      for (const { key, value, expiration_ttl, base64 } of pairs)
        await kv.put(key, base64 ? Buffer.from(value, "base64") : value, expiration_ttl ? { expirationTtl: expiration_ttl } : {});
    },
    deleteMany: async (keys) => {
      for (const key of keys) await kv.delete(key);
    },
  };
}

/**
 * Opens the local KV namespace that `wrangler dev` serves (wrangler keeps it in `<persistTo>/v3/kv`, default
 * `.wrangler/state`), through one long-lived Miniflare: a save costs milliseconds, not a wrangler start.
 */
export async function openLocalKv(
  namespaceId: string,
  persistTo = ".wrangler/state",
): Promise<{ store: KvStore; close: () => Promise<void> }> {
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      workers: [
        {
          name: "kv-writer",
          modules: true,
          script: "export default { fetch: () => new Response(null) }",
          kvNamespaces: { CONTENT: namespaceId },
        },
      ],
      // Miniflare keeps each plugin's state in <path>/<plugin>, so <dir>/v3 is wrangler's <dir>/v3/kv.
      resourcePersistencePath: `${persistTo}/v3`,
    } as Parameters<typeof convertV4MiniflareOptions>[0]),
  );
  await mf.ready;
  return { store: miniflareStore(await mf.getKVNamespace("CONTENT")), close: () => mf.dispose() };
}
