// Test helper: applies a publisher plan to a KV binding through the publisher's own applyPlan.
import { inject } from "vitest";
import { applyPlan, type KvStore } from "../../../kv-seed/lib/apply.ts";
import type { FixtureName } from "../../support/provided.ts";

/** A KvStore over a Workers KV binding, as the tests' stand-in for wrangler's bulk commands. */
export function bindingStore(kv: KVNamespace): KvStore {
  return {
    get: (key) => kv.get(key),
    putMany: async (pairs) => {
      // Binary values (images) arrive as base64, as wrangler's bulk put takes them.
      await Promise.all(pairs.map(({ key, value, base64 }) => kv.put(key, base64 ? fromBase64(value) : value)));
    },
    deleteMany: async (keys) => {
      await Promise.all(keys.map((key) => kv.delete(key)));
    },
  };
}

/** Seeds the binding with a fixture folder's articles, built in Node by the publisher's pipeline. */
export async function seed(kv: KVNamespace, fixture: FixtureName): Promise<void> {
  await applyPlan(inject("plans")[fixture], bindingStore(kv));
}

const fromBase64 = (value: string) => Uint8Array.from(atob(value), (ch) => ch.charCodeAt(0));
